/**
 * The data section (id 11): data segments in their three encodings (active in
 * memory 0, passive, active with an explicit memory index).
 * @see https://webassembly.github.io/spec/core/binary/modules.html#data-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { I32ConstExpr, readConstExpr, readI32Const } from "../expr.js";
import { SegmentMode, type ConstExpr, type DataSegment } from "../module.js";
import { Limit } from "../../base/limits.js";

/**
 * A decoded data segment, one object: its bytes stay where they are in the
 * binary, and an `i32.const` offset stays a number, until someone asks for
 * them. A large program has tens of thousands of segments; a view and an
 * instruction list for each cost more than the rest of its data section
 * (instantiation makes each view once).
 */
class DecodedDataSegment implements DataSegment {
  private view: Uint8Array | null = null;

  constructor(
    readonly mode: DataSegment["mode"],
    readonly memory: number,
    /** The offset expression when it is not a plain `i32.const` (or once made). */
    private expr: ConstExpr | null,
    /** Where a plain `i32.const` offset expression starts, or -1. */
    readonly i32At: number,
    /** Its value. */
    readonly i32Value: number,
    private readonly binary: Uint8Array,
    private readonly start: number,
    private readonly length: number,
    readonly offset: number,
  ) {}

  get offsetExpr(): ConstExpr | null {
    if (this.expr === null && this.i32At >= 0) this.expr = new I32ConstExpr(this.i32At, this.i32Value);
    return this.expr;
  }

  /** The segment's bytes: a view of the binary, not a copy (made on first use, then kept). */
  get bytes(): Uint8Array {
    return (this.view ??= this.binary.subarray(this.start, this.start + this.length));
  }
}

/**
 * True when `seg` is active with the offset expression `i32.const n`, which
 * the validator accepts without making its instruction list.
 */
export function hasI32Offset(seg: DataSegment): boolean {
  return seg instanceof DecodedDataSegment && seg.i32At >= 0;
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
    let expr: ConstExpr | null = null;
    let i32At = -1;
    let i32Value = 0;
    if (flags === 1) {
      mode = SegmentMode.Passive;
    } else if (flags === 0 || flags === 2) {
      if (flags === 2) memory = r.u32();
      i32At = r.pos;
      if (readI32Const(r)) i32Value = r.a;
      else { i32At = -1; expr = readConstExpr(r, facts); }
    } else {
      return r.fail("malformed data segment kind", offset, `${flags}`);
    }
    const length = r.len32();
    // What `take` checks, without making the view.
    if (length > r.end - r.pos) r.fail(r.eofMessage);
    m.datas.push(new DecodedDataSegment(mode, memory, expr, i32At, i32Value, r.bytes, r.pos, length, offset));
    r.pos += length;
  }
}
