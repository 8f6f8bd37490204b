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
  const funcs = m.funcs;
  const bytes = r.bytes;
  const end = r.end;
  // A type index below 128, the usual (a large program has thousands of functions of a few types), is
  // read here without a method call: the first compile of a process runs this loop unoptimised.
  // Others, and the errors, by `r.u32()`.
  let pos = r.pos;
  for (let i = 0; i < n; i++) {
    const b = pos < end ? bytes[pos]! : 0x80;
    if (b < 0x80) {
      funcs.push(b);
      pos++;
    } else {
      r.pos = pos;
      funcs.push(r.u32());
      pos = r.pos;
    }
  }
  r.pos = pos;
}
