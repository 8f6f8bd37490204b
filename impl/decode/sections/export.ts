/**
 * The export section (id 7): name, kind and index of each export.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#export-section
 * @module
 */
import { ExternKind } from "../../base/types.js";
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { Limit } from "../../base/limits.js";

/** Reads the export section (name uniqueness is a validation rule, not checked here). */
export function readExportSection(r: CodeReader, m: ModuleBuilder): void {
  const n = r.count(Limit.Exports, "exports");
  for (let i = 0; i < n; i++) {
    const offset = r.pos;
    const name = r.name();
    const at = r.pos;
    const kind = r.u8();
    const last = r.features.exceptions ? ExternKind.Tag : ExternKind.Global;
    if (kind > last) r.fail("malformed export kind", at, `0x${kind.toString(16)}`);
    m.exports.push({ name, kind: kind as ExternKind, index: r.u32(), offset });
  }
}
