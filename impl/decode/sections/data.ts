/**
 * The data section (id 11): data segments in their three encodings (active in
 * memory 0, passive, active with an explicit memory index).
 * @see https://webassembly.github.io/spec/core/binary/modules.html#data-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { readConstExpr } from "../expr.js";
import { SegmentMode, type DataSegment } from "../module.js";
import { Limit } from "../../base/limits.js";

/** Reads the data section; segment bytes are views of the binary, not copies. */
export function readDataSection(r: CodeReader, m: ModuleBuilder): void {
  const n = r.count(Limit.DataSegments, "data segments");
  const facts = { usesDataIndex: false };
  for (let i = 0; i < n; i++) {
    const offset = r.pos;
    const flags = r.u32();
    let segment: DataSegment;
    switch (flags) {
      case 0: {
        const offsetExpr = readConstExpr(r, facts);
        segment = { mode: SegmentMode.Active, memory: 0, offsetExpr, bytes: r.take(r.len32()), offset };
        break;
      }
      case 1:
        segment = { mode: SegmentMode.Passive, memory: 0, offsetExpr: null, bytes: r.take(r.len32()), offset };
        break;
      case 2: {
        const memory = r.u32();
        const offsetExpr = readConstExpr(r, facts);
        segment = { mode: SegmentMode.Active, memory, offsetExpr, bytes: r.take(r.len32()), offset };
        break;
      }
      default:
        return r.fail("malformed data segment kind", offset, `${flags}`);
    }
    m.datas.push(segment);
  }
}
