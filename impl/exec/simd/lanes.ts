/**
 * The storage of v128 values for the SIMD semantics: a run of 16-byte slots
 * in one `ArrayBuffer`, seen through one typed-array view per lane shape.
 * Every lane function of this folder names its vector operands by slot
 * number, so the interpreter hands over its own v128 stack area and no value
 * is copied or allocated per instruction. Lanes are little-endian, as in
 * memory (the platforms we run on are little-endian, as typed arrays are).
 * @module
 */

/** 16-byte vector slots viewed per lane shape; slot `s` is bytes `16s .. 16s+15`. */
export class V128Space {
  readonly buffer: ArrayBuffer;
  readonly u8: Uint8Array;
  readonly i8: Int8Array;
  readonly u16: Uint16Array;
  readonly i16: Int16Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;

  constructor(readonly slots: number) {
    const buffer = new ArrayBuffer(slots * 16);
    this.buffer = buffer;
    this.u8 = new Uint8Array(buffer);
    this.i8 = new Int8Array(buffer);
    this.u16 = new Uint16Array(buffer);
    this.i16 = new Int16Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.f32 = new Float32Array(buffer);
    this.f64 = new Float64Array(buffer);
  }

  /** Copies slot `s` out as a raw v128 value (a new 16-byte array). */
  read(s: number): Uint8Array {
    return this.u8.slice(s << 4, (s << 4) + 16);
  }

  /** Writes a raw v128 value (16 bytes) into slot `s`. */
  write(s: number, value: Uint8Array): void {
    this.u8.set(value.subarray(0, 16), s << 4);
  }

  /** Copies slot `a` to slot `d`. */
  move(d: number, a: number): void {
    const w = this.i32;
    d <<= 2; a <<= 2;
    w[d] = w[a]; w[d + 1] = w[a + 1]; w[d + 2] = w[a + 2]; w[d + 3] = w[a + 3];
  }
}

/**
 * A one-slot scratch space for lane functions whose result lanes read other
 * lanes of their operands (shuffles, narrowing, widening): the result is
 * built here, then copied, so a destination that is also an operand is safe.
 */
export const SCRATCH = new V128Space(1);

/** Copies the scratch slot into slot `d` of `v`. */
export function fromScratch(v: V128Space, d: number): void {
  const w = v.i32, t = SCRATCH.i32;
  d <<= 2;
  w[d] = t[0]!; w[d + 1] = t[1]!; w[d + 2] = t[2]!; w[d + 3] = t[3]!;
}
