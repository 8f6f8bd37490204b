/**
 * The data section (id 11): data segments in their three encodings (active in
 * memory 0, passive, active with an explicit memory index).
 * @see https://webassembly.github.io/spec/core/binary/modules.html#data-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { readConstExpr } from "../expr.js";
import { SegmentMode, type ConstExpr, type DataSegment } from "../module.js";
import { Limit } from "../../base/limits.js";

/**
 * A decoded data segment whose bytes stay where they are in the binary until
 * someone asks for them. A view of a typed array is a heavy object to keep
 * (a large program has tens of thousands of segments: making them all cost
 * more than the rest of its data section); instantiation makes each view once.
 */
class DecodedDataSegment implements DataSegment {
  private view: Uint8Array | null = null;

  constructor(
    readonly mode: DataSegment["mode"],
    readonly memory: number,
    readonly offsetExpr: ConstExpr | null,
    private readonly binary: Uint8Array,
    private readonly start: number,
    private readonly length: number,
    readonly offset: number,
  ) {}

  /** The segment's bytes: a view of the binary, not a copy (made on first use, then kept). */
  get bytes(): Uint8Array {
    return (this.view ??= this.binary.subarray(this.start, this.start + this.length));
  }
}

/** Reads the data section; segment bytes are views of the binary, not copies. */
export function readDataSection(r: CodeReader, m: ModuleBuilder): void {
  const n = r.count(Limit.DataSegments, "data segments");
  const facts = { usesDataIndex: false };
  for (let i = 0; i < n; i++) {
    const offset = r.pos;
    const flags = r.u32();
    let mode: DataSegment["mode"] = SegmentMode.Active;
    let memory = 0;
    let offsetExpr: ConstExpr | null = null;
    switch (flags) {
      case 0:
        offsetExpr = readConstExpr(r, facts);
        break;
      case 1:
        mode = SegmentMode.Passive;
        break;
      case 2:
        memory = r.u32();
        offsetExpr = readConstExpr(r, facts);
        break;
      default:
        return r.fail("malformed data segment kind", offset, `${flags}`);
    }
    const length = r.len32();
    // What `take` checks, without making the view.
    if (length > r.end - r.pos) r.fail(r.eofMessage);
    m.datas.push(new DecodedDataSegment(mode, memory, offsetExpr, r.bytes, r.pos, length, offset));
    r.pos += length;
  }
}
