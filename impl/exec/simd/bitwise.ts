/**
 * Bitwise SIMD instructions and lane rearrangements: `v128.not` … `v128.xor`,
 * `v128.bitselect`, `v128.any_true`, `i8x16.swizzle` and `i8x16.shuffle`.
 * Operands are slot numbers of a {@link V128Space}.
 * @see https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions
 * @module
 */
import { fromScratch, SCRATCH, type V128Space } from "./lanes.js";
import { v128AndWord, v128AndnotWord, v128NotWord, v128OrWord, v128XorWord } from "./words.js";

/** `v128.not` */
export function v128Not(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = v128NotWord(w[a + i]);
}

/** `v128.and` */
export function v128And(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = v128AndWord(w[a + i], w[b + i]);
}

/** `v128.andnot`: `a & ~b` */
export function v128Andnot(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = v128AndnotWord(w[a + i], w[b + i]);
}

/** `v128.or` */
export function v128Or(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = v128OrWord(w[a + i], w[b + i]);
}

/** `v128.xor` */
export function v128Xor(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = v128XorWord(w[a + i], w[b + i]);
}

/** `v128.bitselect`: bits of `a` where the mask `c` is 1, of `b` where it is 0 */
export function v128Bitselect(v: V128Space, d: number, a: number, b: number, c: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2; c <<= 2;
  for (let i = 0; i < 4; i++) {
    const m = w[c + i];
    w[d + i] = (w[a + i] & m) | (w[b + i] & ~m);
  }
}

/** `v128.any_true`: 1 when any bit is set */
export function v128AnyTrue(v: V128Space, a: number): number {
  const w = v.i32;
  a <<= 2;
  return (w[a] | w[a + 1] | w[a + 2] | w[a + 3]) !== 0 ? 1 : 0;
}

/** `i8x16.swizzle`: lane i is `a[b[i]]`, or 0 when `b[i]` ≥ 16 */
export function i8x16Swizzle(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u8, t = SCRATCH.u8;
  a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) {
    const k = x[b + i];
    t[i] = k < 16 ? x[a + k] : 0;
  }
  fromScratch(v, d);
}

/**
 * `i8x16.shuffle`: lane i is lane `s[i]` of the 32 lanes of `a` then `b`.
 * The 16 lane indices (validated < 32) come packed little-endian in four
 * words `lanes[at .. at+3]`, as the interpreter keeps immediates.
 */
export function i8x16Shuffle(v: V128Space, d: number, a: number, b: number, lanes: Int32Array, at: number): void {
  const x = v.u8, t = SCRATCH.u8;
  a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) {
    const k = (lanes[at + (i >> 2)] >>> ((i & 3) << 3)) & 0xff;
    t[i] = k < 16 ? x[a + k] : x[b + k - 16];
  }
  fromScratch(v, d);
}
