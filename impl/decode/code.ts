/**
 * Reading instructions one at a time from a function body or constant
 * expression: the opcode and its immediates, per the opcode table. The
 * decoder, the validator and the tiers all read code through this class, so
 * immediate decoding lives in exactly one place.
 * @see https://webassembly.github.io/spec/core/binary/instructions.html
 * @module
 */
import { DecodeError } from "../base/errors.js";
import { Imm, OP_INFO, PREFIX_FC, PREFIX_FD, type OpInfo } from "../base/opcodes.js";
import { isValType, type ValType } from "../base/types.js";
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
  /** The current instruction's info. */
  info: OpInfo = OP_INFO.get(0x01)!;
  /**
   * First immediate: label, function, local, global, table (of `table.*`), type
   * (of `call_indirect`), data or element index; memarg alignment exponent;
   * `i32.const` value; f32 bits (uint32); f64 low bits; block type
   * (≥ 0: type index; {@link BLOCK_EMPTY}; or minus a value type byte, e.g. `-0x7f` for i32);
   * `ref.null` type; `br_table` default label.
   */
  a = 0;
  /**
   * Second immediate: memarg offset; table of `call_indirect`, `table.init` and
   * the source table of `table.copy`; f64 high bits.
   */
  b = 0;
  /** `i64.const` value. */
  big = 0n;
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

  constructor(bytes: Uint8Array, start: number, end: number) {
    super(bytes, start, end);
    this.eofMessage = "unexpected end of section or function";
  }

  /**
   * Reads the next instruction and its immediates; returns its code
   * (prefixed ones as `prefix << 8 | sub`). Throws {@link DecodeError}
   * ("illegal opcode", "zero byte expected", ...) on malformed code.
   */
  next(): number {
    this.opOffset = this.pos;
    let code = this.u8();
    if (code === PREFIX_FC || code === PREFIX_FD) {
      const sub = this.u32();
      code = sub > 0xff ? -1 : (code << 8) | sub;
    }
    const info = code >= 0 ? OP_INFO.get(code) : undefined;
    if (info === undefined) {
      return this.fail("illegal opcode", this.opOffset, `0x${this.bytes[this.opOffset]!.toString(16)}`);
    }
    this.info = info;
    switch (info.imm) {
      case Imm.None:
        break;
      case Imm.BlockType: {
        const first = this.bytes[this.pos];
        if (first === 0x40) { this.pos++; this.a = BLOCK_EMPTY; }
        else if (first !== undefined && this.pos < this.end && isValType(first)) { this.pos++; this.a = -first; }
        else {
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
          this.a = idx;
        }
        break;
      }
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
        this.a = this.u32();
        this.b = this.u32();
        break;
      case Imm.MemArg:
        this.a = this.u32();
        // Alignment flags of 32 and above are reserved (multi-memory uses bit 6).
        if (this.a >= 32) this.fail("malformed memop flags", this.pos - 1);
        this.b = this.u32();
        break;
      case Imm.ZeroByte:
        if (this.u8() !== 0) this.fail("zero byte expected", this.pos - 1);
        break;
      case Imm.I32:
        this.a = this.s32();
        break;
      case Imm.I64:
        this.big = this.s64();
        break;
      case Imm.F32:
        this.a = this.f32Bits();
        break;
      case Imm.F64: {
        const [lo, hi] = this.f64Bits();
        this.a = lo;
        this.b = hi;
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
        this.a = this.refType();
        break;
      case Imm.MemoryInit:
        this.a = this.u32();
        if (this.u8() !== 0) this.fail("zero byte expected", this.pos - 1);
        break;
      case Imm.MemoryCopy:
        if (this.u8() !== 0) this.fail("zero byte expected", this.pos - 1);
        if (this.u8() !== 0) this.fail("zero byte expected", this.pos - 1);
        break;
      case Imm.MemArgLane:
        this.a = this.u32();
        if (this.a >= 32) this.fail("malformed memop flags", this.pos - 1);
        this.b = this.u32();
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
        const never: never = info.imm;
        return never;
      }
    }
    return code;
  }
}
