/**
 * Reading primitive values from a WebAssembly binary: bytes, LEB128 integers
 * (non-minimal encodings accepted up to the maximum width), IEEE floats as
 * raw bits, and UTF-8 names.
 * @see https://webassembly.github.io/spec/core/binary/values.html
 * @module
 */
import { DecodeError } from "../base/errors.js";
import { HeapType, concreteHeap, refType as makeRefType, type HeapType as HeapTypeCode, type RefType, type ValType } from "../base/types.js";

/** The largest type index a heap type can carry (2^20 - 1, above the 1,000,000-type limit: such an index is unknown anyway). */
const MAX_TYPE_INDEX = 0xfffff;

/** GC's abstract heap types: any, eq, i31, struct, array (`0x6e`..`0x6a`) and none (`0x71`). */
function isGcHeapByte(b: number): boolean {
  return (b >= HeapType.Array && b <= HeapType.Any) || b === HeapType.None;
}

// ignoreBOM: a name may begin with U+FEFF, which TextDecoder would otherwise drop (names.wast exports "\u{feff}").
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A cursor over a byte range; every read checks bounds and throws {@link DecodeError}. */
export class ByteReader {
  /** Current position (absolute offset in `bytes`). */
  pos: number;
  /** Offset just past the readable range (a section or function body, or the whole binary). */
  end: number;
  /** Message to use when a read runs past `end` (the decoder narrows it inside sections). */
  eofMessage = "unexpected end";
  /** Whether `exnref` (exception handling) is a value type here; the decoder clears it for Wasm 2.0. */
  exnRef = true;
  /**
   * Whether typed function references' value types (`0x63 ht`, `0x64 ht`)
   * are decoded; the decoder clears it for Wasm 2.0, where they are malformed.
   */
  typedRefs = true;
  /** Whether GC's heap types (any, eq, i31, struct, array, none) are decoded; cleared for Wasm 2.0. */
  gc = true;

  constructor(readonly bytes: Uint8Array, start = 0, end = bytes.length) {
    this.pos = start;
    this.end = end;
  }

  /** True when the whole range has been read. */
  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Throws a {@link DecodeError} at the current position (or at `at`). */
  fail(reason: string, at = this.pos, detail = ""): never {
    throw new DecodeError(reason, at, detail);
  }

  /**
   * Fails when `n` (things the module declares) is over one of the
   * implementation limits of `../base/limits.ts`; `what` names them.
   */
  limit(n: number, max: number, what: string, at = this.pos): void {
    if (n > max) this.fail(`too many ${what}`, at, `${n} ${what}; the implementation limit is ${max}`);
  }

  /** Reads one byte. */
  u8(): number {
    if (this.pos >= this.end) this.fail(this.eofMessage);
    return this.bytes[this.pos++]!;
  }

  /** Reads `n` raw bytes (a view, not a copy). */
  take(n: number): Uint8Array {
    if (n > this.end - this.pos) this.fail(this.eofMessage);
    const view = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return view;
  }

  /**
   * Unsigned LEB128 of at most 32 bits (5 bytes). As in the spec's reference
   * decoder, unused bits of the last byte are checked ("integer too large")
   * before its continuation bit ("integer representation too long").
   */
  u32(): number {
    // Most numbers in code are below 128: one byte, no loop.
    const at = this.pos;
    if (at < this.end) {
      const b = this.bytes[at]!;
      if (b < 0x80) { this.pos = at + 1; return b; }
    }
    return this.u32Long();
  }

  /** {@link ByteReader.u32} past its one-byte fast path. */
  private u32Long(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 4; i++) {
      const b = this.u8();
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
    const b = this.u8();
    if ((b & 0x7f) >= 0x10) this.fail("integer too large", this.pos - 1);
    if (b & 0x80) this.fail("integer representation too long", start);
    return (result | (b << 28)) >>> 0;
  }

  /**
   * Reads a vector length or byte count (u32) and checks it against the bytes
   * left. Like the spec's reference decoder, the bytes left are counted from
   * where the length itself begins.
   */
  len32(): number {
    const at = this.pos;
    const n = this.u32();
    if (n > this.end - at) this.fail("length out of bounds", at);
    return n;
  }

  /**
   * Reads a vector length ({@link len32}) that counts things the module
   * declares, failing when it is over `max`, one of the implementation limits
   * of `../base/limits.ts`; `what` names them.
   */
  count(max: number, what: string): number {
    const at = this.pos;
    const n = this.len32();
    this.limit(n, max, what, at);
    return n;
  }

  /**
   * Unsigned LEB128 of at most 64 bits (10 bytes), as a number: exact up to
   * 2^53, the nearest double beyond (used for memory64/table64 limits, which
   * are only compared). The same failures as {@link ByteReader.u32} at 64 bits.
   */
  u64(): number {
    const start = this.pos;
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 9; i++) {
      const b = this.u8();
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
    const b = this.u8();
    // Only bit 0 of the tenth byte is significant (bit 63).
    if ((b & 0x7f) > 1) this.fail("integer too large", this.pos - 1);
    if (b & 0x80) this.fail("integer representation too long", start);
    return result + (b & 1) * mul;
  }

  /** Signed LEB128 of at most 32 bits (5 bytes), as a signed int32. */
  s32(): number {
    const at = this.pos;
    if (at < this.end) {
      const b = this.bytes[at]!;
      // One byte: bit 6 is the sign.
      if (b < 0x80) { this.pos = at + 1; return (b << 25) >> 25; }
    }
    return this.s32Long();
  }

  /** {@link ByteReader.s32} past its one-byte fast path. */
  private s32Long(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 4; i++) {
      const b = this.u8();
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        if (b & 0x40) result |= -1 << shift;
        return result | 0;
      }
    }
    const b = this.u8();
    // Bits 3..6 of the last byte are bit 31 and its sign extension: all equal.
    const high = b & 0x78;
    if (high !== 0 && high !== 0x78) this.fail("integer too large", this.pos - 1);
    if (b & 0x80) this.fail("integer representation too long", start);
    return (result | (b << 28)) | 0;
  }

  /** Signed LEB128 of at most 33 bits (5 bytes), as a number (block types). */
  s33(): number {
    const start = this.pos;
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 4; i++) {
      const b = this.u8();
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return b & 0x40 ? result - mul : result;
    }
    const b = this.u8();
    // Bits 4..6 of the last byte are bit 32 and its sign extension: all equal.
    const high = b & 0x70;
    if (high !== 0 && high !== 0x70) this.fail("integer too large", this.pos - 1);
    if (b & 0x80) this.fail("integer representation too long", start);
    result += (b & 0x1f) * mul;
    return b & 0x10 ? result - 2 ** 33 : result;
  }

  /** Signed LEB128 of at most 64 bits (10 bytes), as a bigint. */
  s64(): bigint {
    const start = this.pos;
    // The first 7 bytes (49 bits) accumulate exactly in a double: most constants
    // are short, and this spares them bigint arithmetic.
    let low = 0;
    let mul = 1;
    for (let i = 0; i < 7; i++) {
      const b = this.u8();
      low += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return BigInt(b & 0x40 ? low - mul : low);
    }
    let result = BigInt(low);
    let shift = 49n;
    for (let i = 7; i < 9; i++) {
      const b = this.u8();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return BigInt.asIntN(64, b & 0x40 ? result - (1n << shift) : result);
    }
    const b = this.u8();
    // Only bit 0 of the last byte is significant (bit 63); bits 1..6 extend it.
    const high = b & 0x7f;
    if (high !== 0 && high !== 0x7f) this.fail("integer too large", this.pos - 1);
    if (b & 0x80) this.fail("integer representation too long", start);
    return BigInt.asIntN(64, result | (BigInt(b & 1) << 63n));
  }

  /**
   * Checks a signed LEB128 of at most 64 bits and moves past it without
   * computing its value: the same failures as {@link ByteReader.s64}, at the
   * same offsets, and no bigint.
   */
  skipS64(): void {
    const start = this.pos;
    for (let i = 0; i < 9; i++) {
      if ((this.u8() & 0x80) === 0) return;
    }
    const b = this.u8();
    const high = b & 0x7f;
    if (high !== 0 && high !== 0x7f) this.fail("integer too large", this.pos - 1);
    if (b & 0x80) this.fail("integer representation too long", start);
  }

  /** 4 bytes little-endian as an unsigned 32-bit number (f32 bits). */
  f32Bits(): number {
    const b = this.take(4);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }

  /** 8 bytes little-endian as low and high 32-bit halves (f64 bits). */
  f64Bits(): [lo: number, hi: number] {
    const b = this.take(8);
    const lo = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) | 0;
    const hi = (b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24)) | 0;
    return [lo, hi];
  }

  /** A name: a byte vector that must be valid UTF-8. */
  name(): string {
    const len = this.len32();
    const at = this.pos;
    const bytes = this.take(len);
    try {
      return utf8.decode(bytes);
    } catch {
      return this.fail("malformed UTF-8 encoding", at);
    }
  }

  /**
   * A value type byte. Value types are one-byte signed LEB128 numbers, so a
   * set continuation bit is "integer representation too long"; an unknown
   * type is reported as the spec's reference decoder does, by the last kind
   * it tries ("malformed reference type").
   */
  valType(): ValType {
    const at = this.pos;
    const t = this.u8();
    if (t & 0x80) this.fail("integer representation too long", at);
    if ((t === 0x63 || t === 0x64) && this.typedRefs) return makeRefType(this.heapType(), t === 0x63);
    if (!(t >= 0x7b && t <= 0x7f) && !this.isShortRefType(t)) this.fail("malformed reference type", at, `0x${t.toString(16)} is not a value type`);
    return t;
  }

  /**
   * The one-byte reference types: `funcref`, `externref`, `exnref` with
   * exception handling, and with typed references the bottoms' `nullfuncref`,
   * `nullexternref` (and `nullexnref`).
   */
  private isShortRefType(t: number): boolean {
    if (t === 0x70 || t === 0x6f) return true;
    if (t === 0x69) return this.exnRef;
    if (t === 0x73 || t === 0x72) return this.typedRefs;
    if (t === 0x74) return this.typedRefs && this.exnRef;
    return this.gc && isGcHeapByte(t);
  }

  /**
   * A heap type (typed function references): an s33, negative for an
   * abstract heap type (its one-byte encoding), else a type index (checked
   * by validation). GC's abstract types (any, eq, i31, struct, array, none)
   * are malformed until GC (issue 18 part 2) decodes them.
   * @see https://webassembly.github.io/spec/core/binary/types.html#heap-types
   */
  heapType(): HeapTypeCode {
    const at = this.pos;
    const v = this.s33();
    if (v >= 0) {
      // Beyond the type-count limit no index can be valid: keep the encoding's bits apart.
      return concreteHeap(Math.min(v, MAX_TYPE_INDEX));
    }
    const b = v & 0x7f;
    const ok = v >= -0x40 && (b === HeapType.Func || b === HeapType.Extern || b === HeapType.NoFunc || b === HeapType.NoExtern ||
      (this.exnRef && (b === HeapType.Exn || b === HeapType.NoExn)) || (this.gc && isGcHeapByte(b)));
    if (!ok) this.fail("malformed heap type", at, `${v}`);
    return b;
  }

  /** A reference type byte (`funcref` or `externref`). */
  refType(): RefType {
    const at = this.pos;
    const t = this.u8();
    if (t & 0x80) this.fail("integer representation too long", at);
    if ((t === 0x63 || t === 0x64) && this.typedRefs) return makeRefType(this.heapType(), t === 0x63);
    if (!this.isShortRefType(t)) this.fail("malformed reference type", at, `0x${t.toString(16)}`);
    return t;
  }
}
