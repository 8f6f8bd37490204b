/**
 * The data count section (id 12): the number of data segments, announced before
 * the code so that `memory.init` and `data.drop` can be validated in one pass.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#data-count-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";

/** Reads the data count. */
export function readDataCountSection(r: CodeReader, m: ModuleBuilder): void {
  m.dataCount = r.u32();
}
