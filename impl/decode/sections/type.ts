/**
 * The type section (id 1): the module's function types.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#type-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { readFuncType, withTypeKeys } from "../types.js";
import { Limit } from "../../base/limits.js";

/** Reads the type section's vector of function types. */
export function readTypeSection(r: CodeReader, m: ModuleBuilder): void {
  const n = r.count(Limit.Types, "types");
  for (let i = 0; i < n; i++) m.types.push(readFuncType(r));
  withTypeKeys(m.types);
}
