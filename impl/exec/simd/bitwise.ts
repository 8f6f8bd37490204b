/**
 * SIMD instructions that work on whole 32-bit words: the bitwise ones
 * (`v128.not` … `v128.xor`, `v128.bitselect`, `v128.any_true`), and the lane
 * operations of ./words.ts (SWAR adds and compares, pairwise extending adds)
 * applied to a slot's four words; then the lane rearrangements
 * `i8x16.swizzle` and `i8x16.shuffle`. Operands are slot numbers of a
 * {@link V128Space}.
 * @see https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions
 * @module
 */
import { fromScratch, SCRATCH, type V128Space } from "./lanes.js";
import {
  i16x8AddWord, i16x8ExtaddPairwiseI8x16SWord, i16x8ExtaddPairwiseI8x16UWord, i16x8SubWord, i32x4AddWord, i32x4EqWord,
  i32x4ExtaddPairwiseI16x8SWord, i32x4ExtaddPairwiseI16x8UWord, i32x4MulWord, i32x4NeWord, i32x4SubWord, i8x16AddWord,
  i8x16EqWord, i8x16NeWord, i8x16SubWord, v128AndWord, v128AndnotWord, v128NotWord, v128OrWord, v128XorWord,
} from "./words.js";

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

// ---------------------------------------------------------------- lane operations word by word (./words.ts)

/** `i8x16.add` on the four words (see {@link i8x16AddWord}) */
export function i8x16Add(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i8x16AddWord(w[a + i], w[b + i]);
}

/** `i8x16.sub` on the four words (see {@link i8x16SubWord}) */
export function i8x16Sub(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i8x16SubWord(w[a + i], w[b + i]);
}

/** `i8x16.eq` on the four words (see {@link i8x16EqWord}) */
export function i8x16Eq(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i8x16EqWord(w[a + i], w[b + i]);
}

/** `i8x16.ne` on the four words (see {@link i8x16NeWord}) */
export function i8x16Ne(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i8x16NeWord(w[a + i], w[b + i]);
}

/** `i16x8.add` on the four words (see {@link i16x8AddWord}) */
export function i16x8Add(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i16x8AddWord(w[a + i], w[b + i]);
}

/** `i16x8.sub` on the four words (see {@link i16x8SubWord}) */
export function i16x8Sub(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i16x8SubWord(w[a + i], w[b + i]);
}

/** `i32x4.add` on the four words (see {@link i32x4AddWord}) */
export function i32x4Add(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32x4AddWord(w[a + i], w[b + i]);
}

/** `i32x4.sub` on the four words (see {@link i32x4SubWord}) */
export function i32x4Sub(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32x4SubWord(w[a + i], w[b + i]);
}

/** `i32x4.mul` on the four words (see {@link i32x4MulWord}) */
export function i32x4Mul(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32x4MulWord(w[a + i], w[b + i]);
}

/** `i32x4.eq` on the four words (see {@link i32x4EqWord}) */
export function i32x4Eq(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32x4EqWord(w[a + i], w[b + i]);
}

/** `i32x4.ne` on the four words (see {@link i32x4NeWord}) */
export function i32x4Ne(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32x4NeWord(w[a + i], w[b + i]);
}

/** `i16x8.extadd_pairwise_i8x16_s` on the four words (see {@link i16x8ExtaddPairwiseI8x16SWord}) */
export function i16x8ExtaddPairwiseI8x16S(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i16x8ExtaddPairwiseI8x16SWord(w[a + i]);
}

/** `i16x8.extadd_pairwise_i8x16_u` on the four words (see {@link i16x8ExtaddPairwiseI8x16UWord}) */
export function i16x8ExtaddPairwiseI8x16U(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i16x8ExtaddPairwiseI8x16UWord(w[a + i]);
}

/** `i32x4.extadd_pairwise_i16x8_s` on the four words (see {@link i32x4ExtaddPairwiseI16x8SWord}) */
export function i32x4ExtaddPairwiseI16x8S(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32x4ExtaddPairwiseI16x8SWord(w[a + i]);
}

/** `i32x4.extadd_pairwise_i16x8_u` on the four words (see {@link i32x4ExtaddPairwiseI16x8UWord}) */
export function i32x4ExtaddPairwiseI16x8U(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32x4ExtaddPairwiseI16x8UWord(w[a + i]);
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
