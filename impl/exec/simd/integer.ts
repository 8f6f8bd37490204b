/**
 * Integer lane arithmetic of the SIMD instructions, one small function per
 * mnemonic. Vector operands and results are slot numbers of a
 * {@link V128Space}; lanes wrap, saturate or widen as each instruction says.
 * @see https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions
 * @module
 */
import { i64Mul, i64Shl, i64ShrS, i64ShrU } from "../numerics.js";
import { fromScratch, SCRATCH, type V128Space } from "./lanes.js";
import { i16x8AddWord, i16x8ExtaddPairwiseI8x16SWord, i16x8ExtaddPairwiseI8x16UWord, i16x8SubWord, i32x4AddWord, i32x4EqWord, i32x4ExtaddPairwiseI16x8SWord, i32x4ExtaddPairwiseI16x8UWord, i32x4MulWord, i32x4NeWord, i32x4SubWord, i8x16AddWord, i8x16EqWord, i8x16NeWord, i8x16SubWord } from "./words.js";

/** `i8x16.add`, on whole words: bytes add without carrying into their neighbours (SWAR) */
export function i8x16Add(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i8x16AddWord(w[a + i], w[b + i]);
}

/** `i8x16.sub` (SWAR: each byte borrows from a set top bit of its own) */
export function i8x16Sub(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i8x16SubWord(w[a + i], w[b + i]);
}

/** `i8x16.neg` (the most negative lane wraps to itself) */
export function i8x16Neg(v: V128Space, d: number, a: number): void {
  const x = v.i8;
  d <<= 4; a <<= 4;
  for (let i = 0; i < 16; i++) x[d + i] = -x[a + i];
}

/** `i8x16.abs` (the most negative lane wraps to itself) */
export function i8x16Abs(v: V128Space, d: number, a: number): void {
  const x = v.i8;
  d <<= 4; a <<= 4;
  for (let i = 0; i < 16; i++) x[d + i] = x[a + i] < 0 ? -x[a + i] : x[a + i];
}

/** `i8x16.min_s` */
export function i8x16MinS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) x[d + i] = x[a + i] < x[b + i] ? x[a + i] : x[b + i];
}

/** `i8x16.min_u` */
export function i8x16MinU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) x[d + i] = x[a + i] < x[b + i] ? x[a + i] : x[b + i];
}

/** `i8x16.max_s` */
export function i8x16MaxS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) x[d + i] = x[a + i] > x[b + i] ? x[a + i] : x[b + i];
}

/** `i8x16.max_u` */
export function i8x16MaxU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) x[d + i] = x[a + i] > x[b + i] ? x[a + i] : x[b + i];
}

/**
 * `i8x16.eq`: all ones where true. SWAR: a byte of `p ^ q` is zero exactly
 * when adding 0x7f to its low seven bits leaves its top bit and its own top bit clear.
 */
export function i8x16Eq(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i8x16EqWord(w[a + i], w[b + i]);
}

/** `i8x16.ne`: all ones where true (SWAR, as {@link i8x16Eq}) */
export function i8x16Ne(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i8x16NeWord(w[a + i], w[b + i]);
}

/** `i8x16.lt_s`: all ones where true */
export function i8x16LtS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i8, r = v.i8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) r[d + i] = x[a + i] < x[b + i] ? -1 : 0;
}

/** `i8x16.lt_u`: all ones where true */
export function i8x16LtU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u8, r = v.i8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) r[d + i] = x[a + i] < x[b + i] ? -1 : 0;
}

/** `i8x16.gt_s`: all ones where true */
export function i8x16GtS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i8, r = v.i8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) r[d + i] = x[a + i] > x[b + i] ? -1 : 0;
}

/** `i8x16.gt_u`: all ones where true */
export function i8x16GtU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u8, r = v.i8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) r[d + i] = x[a + i] > x[b + i] ? -1 : 0;
}

/** `i8x16.le_s`: all ones where true */
export function i8x16LeS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i8, r = v.i8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) r[d + i] = x[a + i] <= x[b + i] ? -1 : 0;
}

/** `i8x16.le_u`: all ones where true */
export function i8x16LeU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u8, r = v.i8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) r[d + i] = x[a + i] <= x[b + i] ? -1 : 0;
}

/** `i8x16.ge_s`: all ones where true */
export function i8x16GeS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i8, r = v.i8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) r[d + i] = x[a + i] >= x[b + i] ? -1 : 0;
}

/** `i8x16.ge_u`: all ones where true */
export function i8x16GeU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u8, r = v.i8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) r[d + i] = x[a + i] >= x[b + i] ? -1 : 0;
}

/** `i8x16.shl`: the count is taken modulo the lane width */
export function i8x16Shl(v: V128Space, d: number, a: number, count: number): void {
  const x = v.i8;
  d <<= 4; a <<= 4;
  const k = count & 7;
  for (let i = 0; i < 16; i++) x[d + i] = x[a + i] << k;
}

/** `i8x16.shr_s` */
export function i8x16ShrS(v: V128Space, d: number, a: number, count: number): void {
  const x = v.i8;
  d <<= 4; a <<= 4;
  const k = count & 7;
  for (let i = 0; i < 16; i++) x[d + i] = x[a + i] >> k;
}

/** `i8x16.shr_u` */
export function i8x16ShrU(v: V128Space, d: number, a: number, count: number): void {
  const x = v.u8;
  d <<= 4; a <<= 4;
  const k = count & 7;
  for (let i = 0; i < 16; i++) x[d + i] = x[a + i] >>> k;
}

/** `i8x16.bitmask`: the lanes' sign bits as an i32 */
export function i8x16Bitmask(v: V128Space, a: number): number {
  const x = v.i8;
  a <<= 4;
  let m = 0;
  for (let i = 0; i < 16; i++) if (x[a + i] < 0) m |= 1 << i;
  return m;
}

/** `i8x16.all_true`: 1 when no lane is zero */
export function i8x16AllTrue(v: V128Space, a: number): number {
  const x = v.i8;
  a <<= 4;
  for (let i = 0; i < 16; i++) if (x[a + i] === 0) return 0;
  return 1;
}

/** `i16x8.add` (SWAR) */
export function i16x8Add(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i16x8AddWord(w[a + i], w[b + i]);
}

/** `i16x8.sub` (SWAR) */
export function i16x8Sub(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i16x8SubWord(w[a + i], w[b + i]);
}

/** `i16x8.neg` (the most negative lane wraps to itself) */
export function i16x8Neg(v: V128Space, d: number, a: number): void {
  const x = v.i16;
  d <<= 3; a <<= 3;
  for (let i = 0; i < 8; i++) x[d + i] = -x[a + i];
}

/** `i16x8.abs` (the most negative lane wraps to itself) */
export function i16x8Abs(v: V128Space, d: number, a: number): void {
  const x = v.i16;
  d <<= 3; a <<= 3;
  for (let i = 0; i < 8; i++) x[d + i] = x[a + i] < 0 ? -x[a + i] : x[a + i];
}

/** `i16x8.min_s` */
export function i16x8MinS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) x[d + i] = x[a + i] < x[b + i] ? x[a + i] : x[b + i];
}

/** `i16x8.min_u` */
export function i16x8MinU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) x[d + i] = x[a + i] < x[b + i] ? x[a + i] : x[b + i];
}

/** `i16x8.max_s` */
export function i16x8MaxS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) x[d + i] = x[a + i] > x[b + i] ? x[a + i] : x[b + i];
}

/** `i16x8.max_u` */
export function i16x8MaxU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) x[d + i] = x[a + i] > x[b + i] ? x[a + i] : x[b + i];
}

/** `i16x8.eq`: all ones where true */
export function i16x8Eq(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u16, r = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) r[d + i] = x[a + i] === x[b + i] ? -1 : 0;
}

/** `i16x8.ne`: all ones where true */
export function i16x8Ne(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u16, r = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) r[d + i] = x[a + i] !== x[b + i] ? -1 : 0;
}

/** `i16x8.lt_s`: all ones where true */
export function i16x8LtS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16, r = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) r[d + i] = x[a + i] < x[b + i] ? -1 : 0;
}

/** `i16x8.lt_u`: all ones where true */
export function i16x8LtU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u16, r = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) r[d + i] = x[a + i] < x[b + i] ? -1 : 0;
}

/** `i16x8.gt_s`: all ones where true */
export function i16x8GtS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16, r = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) r[d + i] = x[a + i] > x[b + i] ? -1 : 0;
}

/** `i16x8.gt_u`: all ones where true */
export function i16x8GtU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u16, r = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) r[d + i] = x[a + i] > x[b + i] ? -1 : 0;
}

/** `i16x8.le_s`: all ones where true */
export function i16x8LeS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16, r = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) r[d + i] = x[a + i] <= x[b + i] ? -1 : 0;
}

/** `i16x8.le_u`: all ones where true */
export function i16x8LeU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u16, r = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) r[d + i] = x[a + i] <= x[b + i] ? -1 : 0;
}

/** `i16x8.ge_s`: all ones where true */
export function i16x8GeS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16, r = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) r[d + i] = x[a + i] >= x[b + i] ? -1 : 0;
}

/** `i16x8.ge_u`: all ones where true */
export function i16x8GeU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u16, r = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) r[d + i] = x[a + i] >= x[b + i] ? -1 : 0;
}

/** `i16x8.shl`: the count is taken modulo the lane width */
export function i16x8Shl(v: V128Space, d: number, a: number, count: number): void {
  const x = v.i16;
  d <<= 3; a <<= 3;
  const k = count & 15;
  for (let i = 0; i < 8; i++) x[d + i] = x[a + i] << k;
}

/** `i16x8.shr_s` */
export function i16x8ShrS(v: V128Space, d: number, a: number, count: number): void {
  const x = v.i16;
  d <<= 3; a <<= 3;
  const k = count & 15;
  for (let i = 0; i < 8; i++) x[d + i] = x[a + i] >> k;
}

/** `i16x8.shr_u` */
export function i16x8ShrU(v: V128Space, d: number, a: number, count: number): void {
  const x = v.u16;
  d <<= 3; a <<= 3;
  const k = count & 15;
  for (let i = 0; i < 8; i++) x[d + i] = x[a + i] >>> k;
}

/** `i16x8.bitmask`: the lanes' sign bits as an i32 */
export function i16x8Bitmask(v: V128Space, a: number): number {
  const x = v.i16;
  a <<= 3;
  let m = 0;
  for (let i = 0; i < 8; i++) if (x[a + i] < 0) m |= 1 << i;
  return m;
}

/** `i16x8.all_true`: 1 when no lane is zero */
export function i16x8AllTrue(v: V128Space, a: number): number {
  const x = v.i16;
  a <<= 3;
  for (let i = 0; i < 8; i++) if (x[a + i] === 0) return 0;
  return 1;
}

/** `i32x4.add` */
export function i32x4Add(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32x4AddWord(w[a + i], w[b + i]);
}

/** `i32x4.sub` */
export function i32x4Sub(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32x4SubWord(w[a + i], w[b + i]);
}

/** `i32x4.neg` (the most negative lane wraps to itself) */
export function i32x4Neg(v: V128Space, d: number, a: number): void {
  const x = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = -x[a + i];
}

/** `i32x4.abs` (the most negative lane wraps to itself) */
export function i32x4Abs(v: V128Space, d: number, a: number): void {
  const x = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = x[a + i] < 0 ? -x[a + i] : x[a + i];
}

/** `i32x4.min_s` */
export function i32x4MinS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = x[a + i] < x[b + i] ? x[a + i] : x[b + i];
}

/** `i32x4.min_u` */
export function i32x4MinU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = x[a + i] < x[b + i] ? x[a + i] : x[b + i];
}

/** `i32x4.max_s` */
export function i32x4MaxS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = x[a + i] > x[b + i] ? x[a + i] : x[b + i];
}

/** `i32x4.max_u` */
export function i32x4MaxU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = x[a + i] > x[b + i] ? x[a + i] : x[b + i];
}

/** `i32x4.eq`: all ones where true */
export function i32x4Eq(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32x4EqWord(w[a + i], w[b + i]);
}

/** `i32x4.ne`: all ones where true */
export function i32x4Ne(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32x4NeWord(w[a + i], w[b + i]);
}

/** `i32x4.lt_s`: all ones where true */
export function i32x4LtS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i32, r = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) r[d + i] = x[a + i] < x[b + i] ? -1 : 0;
}

/** `i32x4.lt_u`: all ones where true */
export function i32x4LtU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u32, r = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) r[d + i] = x[a + i] < x[b + i] ? -1 : 0;
}

/** `i32x4.gt_s`: all ones where true */
export function i32x4GtS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i32, r = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) r[d + i] = x[a + i] > x[b + i] ? -1 : 0;
}

/** `i32x4.gt_u`: all ones where true */
export function i32x4GtU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u32, r = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) r[d + i] = x[a + i] > x[b + i] ? -1 : 0;
}

/** `i32x4.le_s`: all ones where true */
export function i32x4LeS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i32, r = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) r[d + i] = x[a + i] <= x[b + i] ? -1 : 0;
}

/** `i32x4.le_u`: all ones where true */
export function i32x4LeU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u32, r = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) r[d + i] = x[a + i] <= x[b + i] ? -1 : 0;
}

/** `i32x4.ge_s`: all ones where true */
export function i32x4GeS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i32, r = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) r[d + i] = x[a + i] >= x[b + i] ? -1 : 0;
}

/** `i32x4.ge_u`: all ones where true */
export function i32x4GeU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u32, r = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) r[d + i] = x[a + i] >= x[b + i] ? -1 : 0;
}

/** `i32x4.shl`: the count is taken modulo the lane width */
export function i32x4Shl(v: V128Space, d: number, a: number, count: number): void {
  const x = v.i32;
  d <<= 2; a <<= 2;
  const k = count & 31;
  for (let i = 0; i < 4; i++) x[d + i] = x[a + i] << k;
}

/** `i32x4.shr_s` */
export function i32x4ShrS(v: V128Space, d: number, a: number, count: number): void {
  const x = v.i32;
  d <<= 2; a <<= 2;
  const k = count & 31;
  for (let i = 0; i < 4; i++) x[d + i] = x[a + i] >> k;
}

/** `i32x4.shr_u` */
export function i32x4ShrU(v: V128Space, d: number, a: number, count: number): void {
  const x = v.u32;
  d <<= 2; a <<= 2;
  const k = count & 31;
  for (let i = 0; i < 4; i++) x[d + i] = x[a + i] >>> k;
}

/** `i32x4.bitmask`: the lanes' sign bits as an i32 */
export function i32x4Bitmask(v: V128Space, a: number): number {
  const x = v.i32;
  a <<= 2;
  let m = 0;
  for (let i = 0; i < 4; i++) if (x[a + i] < 0) m |= 1 << i;
  return m;
}

/** `i32x4.all_true`: 1 when no lane is zero */
export function i32x4AllTrue(v: V128Space, a: number): number {
  const x = v.i32;
  a <<= 2;
  for (let i = 0; i < 4; i++) if (x[a + i] === 0) return 0;
  return 1;
}

/** `i8x16.add_sat_s`: clamped to the lane's range */
export function i8x16AddSatS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) {
    const r = x[a + i] + x[b + i];
    x[d + i] = r < -128 ? -128 : r > 127 ? 127 : r;
  }
}

/** `i8x16.add_sat_u`: clamped to the lane's range */
export function i8x16AddSatU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) {
    const r = x[a + i] + x[b + i];
    x[d + i] = r < 0 ? 0 : r > 255 ? 255 : r;
  }
}

/** `i8x16.sub_sat_s`: clamped to the lane's range */
export function i8x16SubSatS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) {
    const r = x[a + i] - x[b + i];
    x[d + i] = r < -128 ? -128 : r > 127 ? 127 : r;
  }
}

/** `i8x16.sub_sat_u`: clamped to the lane's range */
export function i8x16SubSatU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) {
    const r = x[a + i] - x[b + i];
    x[d + i] = r < 0 ? 0 : r > 255 ? 255 : r;
  }
}

/** `i8x16.avgr_u`: the rounding average */
export function i8x16AvgrU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u8;
  d <<= 4; a <<= 4; b <<= 4;
  for (let i = 0; i < 16; i++) x[d + i] = (x[a + i] + x[b + i] + 1) >>> 1;
}

/** `i16x8.add_sat_s`: clamped to the lane's range */
export function i16x8AddSatS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) {
    const r = x[a + i] + x[b + i];
    x[d + i] = r < -32768 ? -32768 : r > 32767 ? 32767 : r;
  }
}

/** `i16x8.add_sat_u`: clamped to the lane's range */
export function i16x8AddSatU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) {
    const r = x[a + i] + x[b + i];
    x[d + i] = r < 0 ? 0 : r > 65535 ? 65535 : r;
  }
}

/** `i16x8.sub_sat_s`: clamped to the lane's range */
export function i16x8SubSatS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) {
    const r = x[a + i] - x[b + i];
    x[d + i] = r < -32768 ? -32768 : r > 32767 ? 32767 : r;
  }
}

/** `i16x8.sub_sat_u`: clamped to the lane's range */
export function i16x8SubSatU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) {
    const r = x[a + i] - x[b + i];
    x[d + i] = r < 0 ? 0 : r > 65535 ? 65535 : r;
  }
}

/** `i16x8.avgr_u`: the rounding average */
export function i16x8AvgrU(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) x[d + i] = (x[a + i] + x[b + i] + 1) >>> 1;
}

/** `i16x8.mul` (wrapping) */
export function i16x8Mul(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) x[d + i] = Math.imul(x[a + i], x[b + i]);
}

/** `i32x4.mul` (wrapping) */
export function i32x4Mul(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32x4MulWord(w[a + i], w[b + i]);
}

// ---------------------------------------------------------------- i64x2 (on 32-bit halves: no bigint)

/** `i64x2.add` */
export function i64x2Add(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i += 2) {
    const lo = (w[a + i] >>> 0) + (w[b + i] >>> 0);
    w[d + i + 1] = (w[a + i + 1] + w[b + i + 1] + (lo > 0xffffffff ? 1 : 0)) | 0;
    w[d + i] = lo | 0;
  }
}

/** `i64x2.sub` */
export function i64x2Sub(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i += 2) {
    const alo = w[a + i] >>> 0, blo = w[b + i] >>> 0;
    w[d + i + 1] = (w[a + i + 1] - w[b + i + 1] - (alo < blo ? 1 : 0)) | 0;
    w[d + i] = (alo - blo) | 0;
  }
}

/** `i64x2.mul` (wrapping) */
export function i64x2Mul(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i += 2) i64Mul(w, d + i, w[a + i], w[a + i + 1], w[b + i], w[b + i + 1]);
}

/** `i64x2.neg` */
export function i64x2Neg(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i += 2) {
    const lo = w[a + i], hi = w[a + i + 1];
    w[d + i + 1] = (~hi + (lo === 0 ? 1 : 0)) | 0;
    w[d + i] = -lo | 0;
  }
}

/** `i64x2.abs` (the most negative lane wraps to itself) */
export function i64x2Abs(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i += 2) {
    const lo = w[a + i], hi = w[a + i + 1];
    if (hi < 0) {
      w[d + i + 1] = (~hi + (lo === 0 ? 1 : 0)) | 0;
      w[d + i] = -lo | 0;
    } else {
      w[d + i + 1] = hi;
      w[d + i] = lo;
    }
  }
}

/** Signed comparison of two i64 lanes given as halves: -1, 0 or 1. */
function cmp64(alo: number, ahi: number, blo: number, bhi: number): number {
  if (ahi !== bhi) return ahi < bhi ? -1 : 1;
  const ua = alo >>> 0, ub = blo >>> 0;
  return ua === ub ? 0 : ua < ub ? -1 : 1;
}

/** Writes the i64x2 comparison mask of `test` applied to each lane's {@link cmp64}. */
function compare64(v: V128Space, d: number, a: number, b: number, lt: boolean, eq: boolean, gt: boolean): void {
  const w = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i += 2) {
    const c = cmp64(w[a + i], w[a + i + 1], w[b + i], w[b + i + 1]);
    const r = (c < 0 ? lt : c === 0 ? eq : gt) ? -1 : 0;
    w[d + i] = r;
    w[d + i + 1] = r;
  }
}

/** `i64x2.eq` */
export function i64x2Eq(v: V128Space, d: number, a: number, b: number): void { compare64(v, d, a, b, false, true, false); }
/** `i64x2.ne` */
export function i64x2Ne(v: V128Space, d: number, a: number, b: number): void { compare64(v, d, a, b, true, false, true); }
/** `i64x2.lt_s` */
export function i64x2LtS(v: V128Space, d: number, a: number, b: number): void { compare64(v, d, a, b, true, false, false); }
/** `i64x2.gt_s` */
export function i64x2GtS(v: V128Space, d: number, a: number, b: number): void { compare64(v, d, a, b, false, false, true); }
/** `i64x2.le_s` */
export function i64x2LeS(v: V128Space, d: number, a: number, b: number): void { compare64(v, d, a, b, true, true, false); }
/** `i64x2.ge_s` */
export function i64x2GeS(v: V128Space, d: number, a: number, b: number): void { compare64(v, d, a, b, false, true, true); }

/** `i64x2.shl`: the count is taken modulo 64 */
export function i64x2Shl(v: V128Space, d: number, a: number, count: number): void {
  const w = v.i32, k = count & 63;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i += 2) i64Shl(w, d + i, w[a + i], w[a + i + 1], k);
}

/** `i64x2.shr_s` */
export function i64x2ShrS(v: V128Space, d: number, a: number, count: number): void {
  const w = v.i32, k = count & 63;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i += 2) i64ShrS(w, d + i, w[a + i], w[a + i + 1], k);
}

/** `i64x2.shr_u` */
export function i64x2ShrU(v: V128Space, d: number, a: number, count: number): void {
  const w = v.i32, k = count & 63;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i += 2) i64ShrU(w, d + i, w[a + i], w[a + i + 1], k);
}

/** `i64x2.bitmask` */
export function i64x2Bitmask(v: V128Space, a: number): number {
  const w = v.i32;
  a <<= 2;
  return (w[a + 1] >>> 31) | ((w[a + 3] >>> 31) << 1);
}

/** `i64x2.all_true` */
export function i64x2AllTrue(v: V128Space, a: number): number {
  const w = v.i32;
  a <<= 2;
  return (w[a] !== 0 || w[a + 1] !== 0) && (w[a + 2] !== 0 || w[a + 3] !== 0) ? 1 : 0;
}

// ---------------------------------------------------------------- narrowing and widening

/** `i8x16.narrow_i16x8_s`: each i16 lane of a, then of b, saturated to i8 */
export function i8x16NarrowI16x8S(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16, t = SCRATCH.i8;
  a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) {
    const p = x[a + i], q = x[b + i];
    t[i] = p < -128 ? -128 : p > 127 ? 127 : p;
    t[i + 8] = q < -128 ? -128 : q > 127 ? 127 : q;
  }
  fromScratch(v, d);
}

/** `i8x16.narrow_i16x8_u`: each signed i16 lane saturated to u8 */
export function i8x16NarrowI16x8U(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16, t = SCRATCH.u8;
  a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) {
    const p = x[a + i], q = x[b + i];
    t[i] = p < 0 ? 0 : p > 255 ? 255 : p;
    t[i + 8] = q < 0 ? 0 : q > 255 ? 255 : q;
  }
  fromScratch(v, d);
}

/** `i16x8.narrow_i32x4_s` */
export function i16x8NarrowI32x4S(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i32, t = SCRATCH.i16;
  a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) {
    const p = x[a + i], q = x[b + i];
    t[i] = p < -32768 ? -32768 : p > 32767 ? 32767 : p;
    t[i + 4] = q < -32768 ? -32768 : q > 32767 ? 32767 : q;
  }
  fromScratch(v, d);
}

/** `i16x8.narrow_i32x4_u` */
export function i16x8NarrowI32x4U(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i32, t = SCRATCH.u16;
  a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) {
    const p = x[a + i], q = x[b + i];
    t[i] = p < 0 ? 0 : p > 65535 ? 65535 : p;
    t[i + 4] = q < 0 ? 0 : q > 65535 ? 65535 : q;
  }
  fromScratch(v, d);
}

/** `i16x8.extend_low_i8x16_s` */
export function i16x8ExtendLowI8x16S(v: V128Space, d: number, a: number): void {
  const x = v.i8, t = SCRATCH.i16;
  a = (a << 4);
  for (let i = 0; i < 8; i++) t[i] = x[a + i];
  fromScratch(v, d);
}

/** `i16x8.extend_low_i8x16_u` */
export function i16x8ExtendLowI8x16U(v: V128Space, d: number, a: number): void {
  const x = v.u8, t = SCRATCH.i16;
  a = (a << 4);
  for (let i = 0; i < 8; i++) t[i] = x[a + i];
  fromScratch(v, d);
}

/** `i16x8.extend_high_i8x16_s` */
export function i16x8ExtendHighI8x16S(v: V128Space, d: number, a: number): void {
  const x = v.i8, t = SCRATCH.i16;
  a = (a << 4) + 8;
  for (let i = 0; i < 8; i++) t[i] = x[a + i];
  fromScratch(v, d);
}

/** `i16x8.extend_high_i8x16_u` */
export function i16x8ExtendHighI8x16U(v: V128Space, d: number, a: number): void {
  const x = v.u8, t = SCRATCH.i16;
  a = (a << 4) + 8;
  for (let i = 0; i < 8; i++) t[i] = x[a + i];
  fromScratch(v, d);
}

/** `i32x4.extend_low_i16x8_s` */
export function i32x4ExtendLowI16x8S(v: V128Space, d: number, a: number): void {
  const x = v.i16, t = SCRATCH.i32;
  a = (a << 3);
  for (let i = 0; i < 4; i++) t[i] = x[a + i];
  fromScratch(v, d);
}

/** `i32x4.extend_low_i16x8_u` */
export function i32x4ExtendLowI16x8U(v: V128Space, d: number, a: number): void {
  const x = v.u16, t = SCRATCH.i32;
  a = (a << 3);
  for (let i = 0; i < 4; i++) t[i] = x[a + i];
  fromScratch(v, d);
}

/** `i32x4.extend_high_i16x8_s` */
export function i32x4ExtendHighI16x8S(v: V128Space, d: number, a: number): void {
  const x = v.i16, t = SCRATCH.i32;
  a = (a << 3) + 4;
  for (let i = 0; i < 4; i++) t[i] = x[a + i];
  fromScratch(v, d);
}

/** `i32x4.extend_high_i16x8_u` */
export function i32x4ExtendHighI16x8U(v: V128Space, d: number, a: number): void {
  const x = v.u16, t = SCRATCH.i32;
  a = (a << 3) + 4;
  for (let i = 0; i < 4; i++) t[i] = x[a + i];
  fromScratch(v, d);
}

/** `i64x2.extend_low_i32x4_s` */
export function i64x2ExtendLowI32x4S(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  a = (a << 2);
  const p = w[a], q = w[a + 1];
  d <<= 2;
  w[d] = p; w[d + 1] = p >> 31;
  w[d + 2] = q; w[d + 3] = q >> 31;
}

/** `i64x2.extend_low_i32x4_u` */
export function i64x2ExtendLowI32x4U(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  a = (a << 2);
  const p = w[a], q = w[a + 1];
  d <<= 2;
  w[d] = p; w[d + 1] = 0;
  w[d + 2] = q; w[d + 3] = 0;
}

/** `i64x2.extend_high_i32x4_s` */
export function i64x2ExtendHighI32x4S(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  a = (a << 2) + 2;
  const p = w[a], q = w[a + 1];
  d <<= 2;
  w[d] = p; w[d + 1] = p >> 31;
  w[d + 2] = q; w[d + 3] = q >> 31;
}

/** `i64x2.extend_high_i32x4_u` */
export function i64x2ExtendHighI32x4U(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  a = (a << 2) + 2;
  const p = w[a], q = w[a + 1];
  d <<= 2;
  w[d] = p; w[d + 1] = 0;
  w[d + 2] = q; w[d + 3] = 0;
}

/** `i16x8.extmul_low_i8x16_s` */
export function i16x8ExtmulLowI8x16S(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i8, t = SCRATCH.i16;
  a = (a << 4); b = (b << 4);
  for (let i = 0; i < 8; i++) t[i] = x[a + i] * x[b + i];
  fromScratch(v, d);
}

/** `i16x8.extmul_low_i8x16_u` */
export function i16x8ExtmulLowI8x16U(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u8, t = SCRATCH.i16;
  a = (a << 4); b = (b << 4);
  for (let i = 0; i < 8; i++) t[i] = x[a + i] * x[b + i];
  fromScratch(v, d);
}

/** `i16x8.extmul_high_i8x16_s` */
export function i16x8ExtmulHighI8x16S(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i8, t = SCRATCH.i16;
  a = (a << 4) + 8; b = (b << 4) + 8;
  for (let i = 0; i < 8; i++) t[i] = x[a + i] * x[b + i];
  fromScratch(v, d);
}

/** `i16x8.extmul_high_i8x16_u` */
export function i16x8ExtmulHighI8x16U(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u8, t = SCRATCH.i16;
  a = (a << 4) + 8; b = (b << 4) + 8;
  for (let i = 0; i < 8; i++) t[i] = x[a + i] * x[b + i];
  fromScratch(v, d);
}

/** `i32x4.extmul_low_i16x8_s` (the product is exact in a double; the store wraps it) */
export function i32x4ExtmulLowI16x8S(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16, t = SCRATCH.i32;
  a = (a << 3); b = (b << 3);
  for (let i = 0; i < 4; i++) t[i] = x[a + i] * x[b + i];
  fromScratch(v, d);
}

/** `i32x4.extmul_low_i16x8_u` (the product is exact in a double; the store wraps it) */
export function i32x4ExtmulLowI16x8U(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u16, t = SCRATCH.i32;
  a = (a << 3); b = (b << 3);
  for (let i = 0; i < 4; i++) t[i] = x[a + i] * x[b + i];
  fromScratch(v, d);
}

/** `i32x4.extmul_high_i16x8_s` (the product is exact in a double; the store wraps it) */
export function i32x4ExtmulHighI16x8S(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16, t = SCRATCH.i32;
  a = (a << 3) + 4; b = (b << 3) + 4;
  for (let i = 0; i < 4; i++) t[i] = x[a + i] * x[b + i];
  fromScratch(v, d);
}

/** `i32x4.extmul_high_i16x8_u` (the product is exact in a double; the store wraps it) */
export function i32x4ExtmulHighI16x8U(v: V128Space, d: number, a: number, b: number): void {
  const x = v.u16, t = SCRATCH.i32;
  a = (a << 3) + 4; b = (b << 3) + 4;
  for (let i = 0; i < 4; i++) t[i] = x[a + i] * x[b + i];
  fromScratch(v, d);
}

/** `i64x2.extmul_low_i32x4_s` */
export function i64x2ExtmulLowI32x4S(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32, t = SCRATCH.i32;
  a = (a << 2); b = (b << 2);
  for (let i = 0; i < 2; i++) {
    const p = w[a + i], q = w[b + i];
    i64Mul(t, 2 * i, p, p >> 31, q, q >> 31);
  }
  fromScratch(v, d);
}

/** `i64x2.extmul_low_i32x4_u` */
export function i64x2ExtmulLowI32x4U(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32, t = SCRATCH.i32;
  a = (a << 2); b = (b << 2);
  for (let i = 0; i < 2; i++) {
    const p = w[a + i], q = w[b + i];
    i64Mul(t, 2 * i, p, 0, q, 0);
  }
  fromScratch(v, d);
}

/** `i64x2.extmul_high_i32x4_s` */
export function i64x2ExtmulHighI32x4S(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32, t = SCRATCH.i32;
  a = (a << 2) + 2; b = (b << 2) + 2;
  for (let i = 0; i < 2; i++) {
    const p = w[a + i], q = w[b + i];
    i64Mul(t, 2 * i, p, p >> 31, q, q >> 31);
  }
  fromScratch(v, d);
}

/** `i64x2.extmul_high_i32x4_u` */
export function i64x2ExtmulHighI32x4U(v: V128Space, d: number, a: number, b: number): void {
  const w = v.i32, t = SCRATCH.i32;
  a = (a << 2) + 2; b = (b << 2) + 2;
  for (let i = 0; i < 2; i++) {
    const p = w[a + i], q = w[b + i];
    i64Mul(t, 2 * i, p, 0, q, 0);
  }
  fromScratch(v, d);
}

/** `i16x8.extadd_pairwise_i8x16_s`: sums of adjacent extended lanes (each output lane from one input half-word) */
export function i16x8ExtaddPairwiseI8x16S(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i16x8ExtaddPairwiseI8x16SWord(w[a + i]);
}

/** `i16x8.extadd_pairwise_i8x16_u` */
export function i16x8ExtaddPairwiseI8x16U(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i16x8ExtaddPairwiseI8x16UWord(w[a + i]);
}

/** `i32x4.extadd_pairwise_i16x8_s` */
export function i32x4ExtaddPairwiseI16x8S(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32x4ExtaddPairwiseI16x8SWord(w[a + i]);
}

/** `i32x4.extadd_pairwise_i16x8_u` */
export function i32x4ExtaddPairwiseI16x8U(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32x4ExtaddPairwiseI16x8UWord(w[a + i]);
}

/** `i32x4.dot_i16x8_s`: sums of adjacent signed products (only -32768² + -32768² wraps) */
export function i32x4DotI16x8S(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16, t = SCRATCH.i32;
  a <<= 3; b <<= 3;
  for (let i = 0; i < 4; i++) {
    const j = 2 * i;
    t[i] = x[a + j] * x[b + j] + x[a + j + 1] * x[b + j + 1];
  }
  fromScratch(v, d);
}

/** `i16x8.q15mulr_sat_s`: the rounding Q15 product, saturated (only -1 × -1 saturates) */
export function i16x8Q15mulrSatS(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i16;
  d <<= 3; a <<= 3; b <<= 3;
  for (let i = 0; i < 8; i++) {
    const r = (x[a + i] * x[b + i] + 0x4000) >> 15;
    x[d + i] = r > 32767 ? 32767 : r;
  }
}

/** `i8x16.popcnt`: set bits per byte */
export function i8x16Popcnt(v: V128Space, d: number, a: number): void {
  const x = v.u8;
  d <<= 4; a <<= 4;
  for (let i = 0; i < 16; i++) {
    let c = x[a + i];
    c = c - ((c >> 1) & 0x55);
    c = (c & 0x33) + ((c >> 2) & 0x33);
    x[d + i] = (c + (c >> 4)) & 0x0f;
  }
}
