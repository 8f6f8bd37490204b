/**
 * The data section (id 11): data segments in their three encodings (active in
 * memory 0, passive, active with an explicit memory index).
 * @see https://webassembly.github.io/spec/core/binary/modules.html#data-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { I32ConstExpr, readConstExpr, readI32Const } from "../expr.js";
import { Op } from "../../base/opcodes.js";
import { SegmentMode, type ConstExpr, type DataSegment } from "../module.js";
import { Limit } from "../../base/limits.js";

/** The opcodes of the usual offset expression, `i32.const n end`. */
const I32_CONST = Op.I32Const;
const END = 0x0b;

/** How a segment's offset is given, per segment of a {@link DataSegments} table. */
const Kind = { Passive: 0, ActiveI32: 1, ActiveExpr: 2 } as const;

/**
 * A module's data segments, decoded into typed-array columns rather than an
 * object each: a large program has tens of thousands of segments (esbuild's
 * has 98,450), and an object per segment, kept for the module's life, was
 * copied by every young-generation collection of the compile (about 12 MB,
 * a third of the compile's allocation). The segments are made as objects only
 * when `module.datas` is first read (instantiation); validation reads the
 * columns ({@link dataSegmentsOf}).
 */
export class DataSegments {
  /** How many segments. */
  count = 0;
  private kind: Uint8Array<ArrayBuffer>;
  /** Where each segment's encoding starts (its flags), for error offsets. */
  private at: Uint32Array<ArrayBuffer>;
  /** The memory index of an active segment. */
  private mem: Uint32Array<ArrayBuffer>;
  /** Where a plain `i32.const` offset expression starts, and its value. */
  private i32At: Uint32Array<ArrayBuffer>;
  private i32Value: Int32Array<ArrayBuffer>;
  /** Where the segment's bytes start in the binary, and how many. */
  private start: Uint32Array<ArrayBuffer>;
  private length: Uint32Array<ArrayBuffer>;
  /** How many segments are active, and how many of those are in memory 0 with a plain `i32.const` offset. */
  actives = 0;
  plainActives = 0;
  /** The offset expressions that are not a plain `i32.const`, by segment index (few in practice). */
  readonly exprs = new Map<number, ConstExpr>();
  private list: DataSegment[] | null = null;

  /** An empty table with room for `capacity` segments (the section's count; it grows past that if need be). */
  constructor(private readonly binary: Uint8Array, capacity: number) {
    const n = Math.max(capacity, 1);
    this.kind = new Uint8Array(n);
    this.at = new Uint32Array(n);
    this.mem = new Uint32Array(n);
    this.i32At = new Uint32Array(n);
    this.i32Value = new Int32Array(n);
    this.start = new Uint32Array(n);
    this.length = new Uint32Array(n);
  }

  /** Appends a segment (`expr` null and `i32At` -1 for a passive one). */
  add(at: number, mode: DataSegment["mode"], memory: number, expr: ConstExpr | null, i32At: number, i32Value: number, start: number, length: number): void {
    const i = this.count;
    if (i === this.kind.length) this.grow();
    this.kind[i] = mode === SegmentMode.Passive ? Kind.Passive : i32At >= 0 ? Kind.ActiveI32 : Kind.ActiveExpr;
    this.at[i] = at;
    this.mem[i] = memory;
    this.i32At[i] = i32At >= 0 ? i32At : 0;
    this.i32Value[i] = i32Value;
    this.start[i] = start;
    this.length[i] = length;
    if (expr !== null) this.exprs.set(i, expr);
    if (mode !== SegmentMode.Passive) {
      this.actives++;
      if (memory === 0 && i32At >= 0) this.plainActives++;
    }
    this.count = i + 1;
  }

  /**
   * Reads segments in the usual encoding, `0x00 (i32.const n) end length
   * bytes` with LEBs of at most 4 bytes, up to `n` segments in all, and
   * stops (the reader at the segment's start) at the first one that is
   * anything else, or runs past the end, for {@link readDataSegment} to read.
   * What it reads, {@link readDataSegment} would read the same: this is the
   * same reading in one loop over local variables, without a method call
   * per number, which matters because the first compile of a process runs
   * it unoptimised for all of a large program's segments.
   */
  readPlain(r: CodeReader, n: number): void {
    const bytes = r.bytes;
    const end = r.end;
    // A segment that starts by here has its longest header (flags, i32.const, 4 bytes, end, 4 bytes) in bounds:
    // its bytes are read without a bounds check each.
    const headerEnd = end - 11;
    // The memory index is 0: the column is zero where nothing was written.
    const { kind, at, i32At, i32Value, start, length } = this;
    // Past the columns' capacity, readDataSegment grows them.
    const last = Math.min(n, kind.length);
    let i = this.count;
    let pos = r.pos;
    for (; i < last; i++) {
      const segAt = pos;
      if (pos > headerEnd || bytes[pos] !== 0 || bytes[pos + 1] !== I32_CONST) break;
      // The offset: a signed LEB of 1 to 4 bytes.
      pos += 2;
      let b = bytes[pos++]!;
      let value = b & 0x7f;
      let shift = 7;
      while (b >= 0x80 && shift < 28) {
        b = bytes[pos++]!;
        value |= (b & 0x7f) << shift;
        shift += 7;
      }
      if (b >= 0x80 || bytes[pos] !== END) { pos = segAt; break; }
      if (b & 0x40) value |= -1 << shift;
      // The byte count: an unsigned LEB of 1 to 4 bytes.
      pos++;
      b = bytes[pos++]!;
      let len = b & 0x7f;
      shift = 7;
      while (b >= 0x80 && shift < 28) {
        b = bytes[pos++]!;
        len |= (b & 0x7f) << shift;
        shift += 7;
      }
      // Past the end (of the binary, counted from the byte count or past it), readDataSegment says which error.
      if (b >= 0x80 || len > end - pos) { pos = segAt; break; }
      kind[i] = Kind.ActiveI32;
      at[i] = segAt;
      i32At[i] = segAt + 1;
      i32Value[i] = value;
      start[i] = pos;
      length[i] = len;
      pos += len;
    }
    this.actives += i - this.count;
    this.plainActives += i - this.count;
    this.count = i;
    r.pos = pos;
  }

  private grow(): void {
    const n = 2 * this.kind.length;
    const k = new Uint8Array(n); k.set(this.kind); this.kind = k;
    const grown = (a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> => { const g = new Uint32Array(n); g.set(a); return g; };
    this.at = grown(this.at);
    this.mem = grown(this.mem);
    this.i32At = grown(this.i32At);
    this.start = grown(this.start);
    this.length = grown(this.length);
    const v = new Int32Array(n); v.set(this.i32Value); this.i32Value = v;
  }

  /** Whether segment `i` is active. */
  isActive(i: number): boolean {
    return this.kind[i] !== Kind.Passive;
  }

  /** Whether segment `i` is active with the offset expression `i32.const n`. */
  hasI32Offset(i: number): boolean {
    return this.kind[i] === Kind.ActiveI32;
  }

  /** The memory index of segment `i` (0 for a passive one). */
  memory(i: number): number {
    return this.mem[i]!;
  }

  /** Where segment `i`'s encoding starts in the binary. */
  offset(i: number): number {
    return this.at[i]!;
  }

  /** Segment `i`'s offset expression (a new {@link I32ConstExpr} for a plain `i32.const`), or null for a passive one. */
  offsetExpr(i: number): ConstExpr | null {
    const k = this.kind[i];
    if (k === Kind.ActiveI32) return new I32ConstExpr(this.i32At[i]!, this.i32Value[i]!);
    return k === Kind.ActiveExpr ? this.exprs.get(i)! : null;
  }

  /** The segments as objects (made once, on first use). */
  segments(): DataSegment[] {
    if (this.list !== null) return this.list;
    const list: DataSegment[] = [];
    for (let i = 0; i < this.count; i++) {
      const k = this.kind[i];
      list.push(new DecodedDataSegment(
        k === Kind.Passive ? SegmentMode.Passive : SegmentMode.Active, this.mem[i]!, k === Kind.ActiveExpr ? this.exprs.get(i)! : null,
        k === Kind.ActiveI32 ? this.i32At[i]! : -1, this.i32Value[i]!, this.binary, this.start[i]!, this.length[i]!, this.at[i]!,
      ));
    }
    return (this.list = list);
  }
}

/** The table of each decoded module that has one (and of its validated copies). */
const tables = new WeakMap<object, DataSegments>();

/**
 * Gives a decoded module its data segments: `module.datas` becomes a getter
 * that makes the segment objects on first use. The property is not
 * enumerable, so a spread copy of the module does not make them: a copy gets
 * them with {@link carryDataSegments}.
 */
export function attachDataSegments(module: object, table: DataSegments): void {
  tables.set(module, table);
  Object.defineProperty(module, "datas", { get: () => table.segments(), enumerable: false, configurable: true });
}

/** Gives `copy` (a spread copy of `module`) the data segments of `module`, if they are a table. */
export function carryDataSegments(module: object, copy: object): void {
  const table = tables.get(module);
  if (table !== undefined) attachDataSegments(copy, table);
}

/** The data segment table of a decoded module, or undefined when its `datas` is a plain array. */
export function dataSegmentsOf(module: object): DataSegments | undefined {
  return tables.get(module);
}

/**
 * A decoded data segment, one object (made by {@link DataSegments.segments}):
 * its bytes stay where they are in the binary, and an `i32.const` offset
 * stays a number, until someone asks for them (instantiation makes each view
 * once).
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

/** Reads the data section into the module's {@link DataSegments}; segment bytes stay in the binary. */
export function readDataSection(r: CodeReader, m: ModuleBuilder): void {
  const n = r.count(Limit.DataSegments, "data segments");
  const table = new DataSegments(r.bytes, n);
  m.dataSegments = table;
  while (table.count < n) {
    table.readPlain(r, n);
    if (table.count < n) readDataSegment(r, table);
  }
}

/**
 * Reads one data segment, any encoding, into `table`: the general path, and
 * the one that reports every malformed segment.
 */
export function readDataSegment(r: CodeReader, table: DataSegments): void {
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
    else { i32At = -1; expr = readConstExpr(r, { usesDataIndex: false }); }
  } else {
    return r.fail("malformed data segment kind", offset, `${flags}`);
  }
  const length = r.len32();
  // What `take` checks, without making the view.
  if (length > r.end - r.pos) r.fail(r.eofMessage);
  table.add(offset, mode, memory, expr, i32At, i32Value, r.pos, length);
  r.pos += length;
}
