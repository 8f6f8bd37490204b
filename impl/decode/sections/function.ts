/**
 * The function section (id 3): the type index of each function the module defines.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#function-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { Limit } from "../../base/limits.js";

/** Reads the function section's vector of type indices. */
export function readFunctionSection(r: CodeReader, m: ModuleBuilder): void {
  const n = r.count(Limit.Functions, "functions");
  for (let i = 0; i < n; i++) m.funcs.push(r.u32());
}
