/**
 * The start section (id 8): the index of the function run at instantiation.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#start-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";

/** Reads the start function index. */
export function readStartSection(r: CodeReader, m: ModuleBuilder): void {
  m.start = r.u32();
}
