/**
 * Reading primitive values from a WebAssembly binary: bytes, LEB128 integers
 * (non-minimal encodings accepted up to the maximum width), IEEE floats as
 * raw bits, and UTF-8 names.
 * @see https://webassembly.github.io/spec/core/binary/values.html
 * @module
 */
import { DecodeError } from "../base/errors.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A cursor over a byte range; every read checks bounds and throws {@link DecodeError}. */
export class ByteReader {
  /** Current position (absolute offset in `bytes`). */
  pos: number;
  /** Offset just past the readable range (a section or function body, or the whole binary). */
  end: number;
  /** Message to use when a read runs past `end` (the decoder narrows it inside sections). */
  eofMessage = "unexpected end";

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

  /** Unsigned LEB128 of at most 32 bits (5 bytes). */
  u32(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      if (i === 4) {
        if (b & 0x80) this.fail("integer representation too long", start);
        if (b & 0x70) this.fail("integer too large", start);
      }
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
    /* c8 ignore next */
    return this.fail("integer representation too long", start);
  }

  /** Signed LEB128 of at most 32 bits (5 bytes), as a signed int32. */
  s32(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      if (i === 4) {
        if (b & 0x80) this.fail("integer representation too long", start);
        // The unused high bits must be a sign extension of bit 31 (bit 3 of this byte).
        const high = b & 0x78;
        if (high !== 0 && high !== 0x78) this.fail("integer too large", start);
        if ((b & 0x08) === 0 ? high !== 0 : high !== 0x78) this.fail("integer too large", start);
        result |= b << 28;
        return result | 0;
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        if (shift < 32 && (b & 0x40)) result |= -1 << shift;
        return result | 0;
      }
    }
    /* c8 ignore next */
    return this.fail("integer representation too long", start);
  }

  /** Signed LEB128 of at most 33 bits (5 bytes), as a number (block types). */
  s33(): number {
    const start = this.pos;
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      if (i === 4) {
        if (b & 0x80) this.fail("integer representation too long", start);
        // Bits 33..34 of the value must extend the sign bit (bit 32 = bit 4 of this byte).
        const high = b & 0x70;
        if ((b & 0x10) === 0 ? high !== 0 : high !== 0x70) this.fail("integer too large", start);
        result += (b & 0x1f) * mul;
        return b & 0x10 ? result - 2 ** 33 : result;
      }
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return b & 0x40 ? result - mul : result;
    }
    /* c8 ignore next */
    return this.fail("integer representation too long", start);
  }

  /** Signed LEB128 of at most 64 bits (10 bytes), as a bigint. */
  s64(): bigint {
    const start = this.pos;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.u8();
      if (i === 9) {
        if (b & 0x80) this.fail("integer representation too long", start);
        // Only bit 0 is significant (bit 63); the rest must extend it.
        const high = b & 0x7e;
        if ((b & 0x01) === 0 ? high !== 0 : high !== 0x7e) this.fail("integer too large", start);
        result |= BigInt(b & 1) << 63n;
        return BigInt.asIntN(64, result);
      }
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) {
        if (b & 0x40) result -= 1n << shift;
        return BigInt.asIntN(64, result);
      }
    }
    /* c8 ignore next */
    return this.fail("integer representation too long", start);
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
    const len = this.u32();
    const at = this.pos;
    if (len > this.end - this.pos) this.fail("length out of bounds", at);
    const bytes = this.take(len);
    try {
      return utf8.decode(bytes);
    } catch {
      return this.fail("malformed UTF-8 encoding", at);
    }
  }
}
