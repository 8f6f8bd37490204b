/**
 * Reading instructions one at a time from a function body or constant
 * expression: the opcode and its immediates, per the opcode table. The
 * decoder, the validator and the tiers all read code through this class, so
 * immediate decoding lives in exactly one place.
 * @see https://webassembly.github.io/spec/core/binary/instructions.html
 * @module
 */
import { DecodeError } from "../base/errors.js";
import { DEFAULT_FEATURES, type Features } from "../base/features.js";
import { CatchKind, Imm, PREFIX_FB, PREFIX_FC, PREFIX_FD, PREFIX_FE, RELAXED_SIMD_BASE, type OpInfo } from "../base/opcodes.js";
import { NON_NULL, type ValType } from "../base/types.js";
import { FEATURE_NAMES, NOT_AN_OP, OP_BY_CODE, OP_FEATURE, OP_IMM } from "./op-table.js";
import { ByteReader } from "./reader.js";

/** Block type of an empty block (`0x40`). */
export const BLOCK_EMPTY = -0x40;

/**
 * An instruction reader. After {@link CodeReader.next} returns an opcode, the
 * immediates are in the fields below (which ones depends on {@link OpInfo.imm}).
 * Fields are reused from one instruction to the next: copy what you keep.
 */
export class CodeReader extends ByteReader {
  /** Offset of the current instruction's opcode. */
  opOffset = 0;
  /** The current instruction's code (what {@link CodeReader.next} returned). */
  code = 0x01;
  /**
   * First immediate: label, function, local, global, table (of `table.*`), type
   * (of `call_indirect`), data or element index; memarg alignment exponent;
   * `i32.const` value; f32 bits (uint32); f64 low bits; block type
   * (≥ 0: type index; {@link BLOCK_EMPTY}; or minus a value type byte, e.g. `-0x7f` for i32);
   * `ref.null` type; `br_table` default label; tag index of `throw`; block
   * type of `try_table`.
   */
  a = 0;
  /**
   * Second immediate: memarg offset (a u64 with memory64: exact up to 2^53,
   * beyond that the nearest double, which is still beyond every memory);
   * table of `call_indirect`, `table.init` and the source table of
   * `table.copy`; f64 high bits.
   */
  b = 0;
  /**
   * Multiple memories: the memory index of a memarg, of `memory.size`,
   * `memory.grow`, `memory.fill` and `memory.init`, and the destination of
   * `memory.copy` (0 when the encoding has none).
   */
  mem = 0;
  /** The source memory index of `memory.copy`. */
  mem2 = 0;
  /**
   * GC: the target reference type of `br_on_cast`/`br_on_cast_fail` (whose
   * label is in {@link CodeReader.a} and source reference type in
   * {@link CodeReader.b}).
   */
  c = 0;
  /** Where the current `i64.const` immediate begins (read into a bigint only when asked for, by {@link CodeReader.big}). */
  private bigAt = -1;
  /** The last immediate {@link CodeReader.big} converted, and where it began. */
  private bigValue = 0n;
  private bigValueAt = -1;
  /** Lane index of SIMD `extract_lane`, `replace_lane` and lane loads/stores (not range-checked: that is validation). */
  lane = 0;
  /**
   * The 16 immediate bytes of `v128.const` (the value, little-endian) and of
   * `i8x16.shuffle` (its lane indices). Reused between calls.
   */
  readonly v128 = new Uint8Array(16);
  /** `br_table` targets (without the default) and `select t*` types. Reused between calls. */
  targets: number[] = [];
  types: ValType[] = [];
  /**
   * The catch clauses of `try_table`, three numbers each: the kind
   * ({@link CatchKind}), the tag index (-1 for `catch_all` and
   * `catch_all_ref`) and the label. Reused between calls.
   */
  catches: number[] = [];
  /**
   * The features whose instructions this reader accepts; others are "illegal
   * opcode". Only the decoder needs to restrict them: code that decoded is
   * read again by the validator and the tiers with every feature on.
   */
  features: Features = DEFAULT_FEATURES;

  constructor(bytes: Uint8Array, start: number, end: number) {
    super(bytes, start, end);
    this.eofMessage = "unexpected end of section or function";
    // `a` and `b` hold numbers beyond V8's small integers (i32 constants of 2^30 or more, f32 and
    // f64 bits, 64-bit offsets). Storing a double to a field that has held only small integers
    // changes the object's hidden class, which in the first compile of a process deoptimises every
    // optimised function that reads this reader (and then each number read from `a` or `b` too):
    // a double stored once here gives both fields their final representation from the start.
    this.a = this.b = 0.5;
    this.a = this.b = 0;
  }

  /**
   * The `i64.const` value. The decoder and the validator never need it, so
   * {@link CodeReader.next} only checks its encoding; making the bigint
   * (an allocation) waits for the tier that asks.
   */
  get big(): bigint {
    if (this.bigValueAt !== this.bigAt) {
      const pos = this.pos;
      this.pos = this.bigAt;
      this.bigValue = this.s64();
      this.bigValueAt = this.bigAt;
      this.pos = pos;
    }
    return this.bigValue;
  }

  /** The current instruction's info (looked up on demand: the hot paths switch on the code alone). */
  get info(): OpInfo {
    return OP_BY_CODE[this.code]!;
  }

  /**
   * Reads the next instruction and its immediates; returns its code
   * (prefixed ones as `prefix << 8 | sub`). Throws {@link DecodeError}
   * ("illegal opcode", "zero byte expected", ...) on malformed code.
   */
  next(): number {
    // The opcode byte is read inline (this runs once per instruction of every body, several times over).
    const at = this.pos;
    this.opOffset = at;
    if (at >= this.end) this.fail(this.eofMessage);
    let code = this.bytes[at]!;
    this.pos = at + 1;
    if (code >= PREFIX_FB && code <= PREFIX_FE) {
      const sub = this.u32();
      // Relaxed SIMD's subopcodes 0x100.. are codes 0xff00.. (see ../base/opcodes.ts).
      code = sub <= 0xff ? (code << 8) | sub : code === PREFIX_FD && sub <= 0x1ff ? sub + (RELAXED_SIMD_BASE - 0x100) : -1;
    }
    const imm = code >= 0 ? OP_IMM[code]! : NOT_AN_OP;
    if (imm === NOT_AN_OP || (OP_FEATURE[code] !== 0 && !this.features[FEATURE_NAMES[OP_FEATURE[code]!]!])) {
      return this.fail("illegal opcode", at, `0x${this.bytes[at]!.toString(16)}`);
    }
    this.code = code;
    switch (imm as Imm) {
      case Imm.None:
        break;
      case Imm.BlockType:
        this.a = this.blockType();
        break;
      case Imm.TryTable:
        this.a = this.blockType();
        this.catchClauses();
        break;
      case Imm.Tag:
      case Imm.Type:
      case Imm.Label:
      case Imm.Func:
      case Imm.Local:
      case Imm.Global:
      case Imm.Table:
      case Imm.Data:
      case Imm.Elem:
        this.a = this.u32();
        break;
      case Imm.BrTable: {
        const n = this.len32();
        const t = this.targets;
        t.length = 0;
        for (let i = 0; i < n; i++) t.push(this.u32());
        this.a = this.u32();
        break;
      }
      case Imm.CallIndirect:
      case Imm.TableInit:
      case Imm.TableCopy:
      case Imm.TypeAndIndex:
        this.a = this.u32();
        this.b = this.u32();
        break;
      case Imm.HeapType:
        this.a = this.heapType();
        break;
      case Imm.BrOnCast: {
        const at = this.pos;
        const flags = this.u8();
        if (flags > 3) this.fail("malformed br_on_cast flags", at, `0x${flags.toString(16)}`);
        this.a = this.u32();
        // Reference types: the flags' nullability applied to each heap type.
        this.b = this.heapType() | (flags & 1 ? 0 : NON_NULL);
        this.c = this.heapType() | (flags & 2 ? 0 : NON_NULL);
        break;
      }
      case Imm.MemArg:
        this.memArg();
        break;
      case Imm.ZeroByte:
        if (this.u8() !== 0) this.fail("zero byte expected", this.pos - 1);
        break;
      case Imm.Memory:
        this.mem = this.memIndex();
        break;
      case Imm.I32:
        this.a = this.s32();
        break;
      case Imm.I64:
        this.bigAt = this.pos;
        this.skipS64();
        break;
      // Floats are read in place: no view and no pair is allocated per constant.
      case Imm.F32: {
        const p = this.pos;
        if (this.end - p < 4) this.fail(this.eofMessage);
        const b = this.bytes;
        this.a = (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
        this.pos = p + 4;
        break;
      }
      case Imm.F64: {
        const p = this.pos;
        if (this.end - p < 8) this.fail(this.eofMessage);
        const b = this.bytes;
        this.a = b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
        this.b = b[p + 4]! | (b[p + 5]! << 8) | (b[p + 6]! << 16) | (b[p + 7]! << 24);
        this.pos = p + 8;
        break;
      }
      case Imm.SelectTypes: {
        const n = this.len32();
        const ts = this.types;
        ts.length = 0;
        for (let i = 0; i < n; i++) ts.push(this.valType());
        break;
      }
      case Imm.RefType:
        // Wasm 3.0's `ref.null` takes a heap type (its one-byte forms are 2.0's reference type bytes).
        this.a = this.typedRefs ? this.heapType() : this.refType();
        break;
      case Imm.MemoryInit:
        this.a = this.u32();
        this.mem = this.memIndex();
        break;
      case Imm.MemoryCopy:
        this.mem = this.memIndex();
        this.mem2 = this.memIndex();
        break;
      case Imm.MemArgLane:
        this.memArg();
        this.lane = this.u8();
        break;
      case Imm.Lane:
        this.lane = this.u8();
        break;
      case Imm.V128:
      case Imm.Shuffle: {
        const v = this.v128;
        for (let i = 0; i < 16; i++) v[i] = this.u8();
        break;
      }
      default: {
        const never: never = imm as never;
        return never;
      }
    }
    return code;
  }

  /**
   * Reads a memarg: alignment flags, whose bit 6 (multiple memories) says a
   * memory index follows, then the offset, a u64 when memory64 is on (the
   * validator checks it against the memory's address type).
   * @see https://webassembly.github.io/spec/core/binary/instructions.html#memory-instructions
   */
  private memArg(): void {
    const at = this.pos;
    let flags = this.u32();
    this.mem = 0;
    if (flags >= 64 && flags < 128 && this.features.multiMemory) {
      flags -= 64;
      this.mem = this.u32();
    }
    // Wasm 3.0 decodes exponents up to 63 (validation finds them larger than
    // natural) and only flags of 128 and above are malformed; Wasm 2.0 reserves
    // exponents of 32 and above (the 2.0 suite's "malformed memop flags").
    if (flags >= (this.features.multiMemory ? 64 : 32)) this.fail("malformed memop flags", at);
    this.a = flags;
    this.b = this.features.memory64 ? this.u64() : this.u32();
  }

  /** A memory index: a u32 with multiple memories, a zero byte in Wasm 2.0. */
  private memIndex(): number {
    if (this.features.multiMemory) return this.u32();
    if (this.u8() !== 0) this.fail("zero byte expected", this.pos - 1);
    return 0;
  }

  /** Reads a block type in the encoding documented at {@link CodeReader.a}. */
  private blockType(): number {
    const first = this.bytes[this.pos];
    if (first === 0x40) { this.pos++; return BLOCK_EMPTY; }
    // A negative one-byte s33 is a value type (or malformed as one); `0x63`/`0x64` start a reference type.
    if (first !== undefined && this.pos < this.end && first >= 0x40 && first < 0x80) return -this.valType();
    const at = this.pos;
    let idx = -1;
    try {
      idx = this.s33();
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
    }
    // Not a type index: the spec's decoder then reads the byte as a value type
    // and reports that failure ("malformed reference type" or a LEB128 phrase).
    if (idx < 0) {
      this.pos = at;
      this.valType();
      this.fail("malformed block type", at);
    }
    return idx;
  }

  /**
   * Reads the catch clauses of `try_table` into {@link CodeReader.catches}.
   * @see https://webassembly.github.io/spec/core/binary/instructions.html#control-instructions
   */
  private catchClauses(): void {
    const n = this.len32();
    const c = this.catches;
    c.length = 0;
    for (let i = 0; i < n; i++) {
      const at = this.pos;
      const kind = this.u8();
      switch (kind) {
        case CatchKind.Catch:
        case CatchKind.CatchRef:
          c.push(kind, this.u32(), this.u32());
          break;
        case CatchKind.CatchAll:
        case CatchKind.CatchAllRef:
          c.push(kind, -1, this.u32());
          break;
        default:
          this.fail("malformed catch clause", at, `kind 0x${kind.toString(16)}`);
      }
    }
  }
}
