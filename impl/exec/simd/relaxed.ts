/**
 * Relaxed SIMD (Wasm 3.0) with the spec's deterministic profile: every
 * relaxed operation behaves as the profile prescribes (the first of the
 * allowed results, `relaxed(R)[A0, ...] = A0`), the same on both tiers and on
 * every platform. Most are then exactly a Wasm 2.0 instruction, and are run
 * as that instruction ({@link deterministicSimd}); the rest are here.
 *
 * | relaxed instruction                    | deterministic behaviour                         |
 * |----------------------------------------|-------------------------------------------------|
 * | `i8x16.relaxed_swizzle`                | `i8x16.swizzle` (an index of 16 or more gives 0) |
 * | `i32x4.relaxed_trunc_f32x4_s/u`        | `i32x4.trunc_sat_f32x4_s/u` (NaN 0, saturating) |
 * | `i32x4.relaxed_trunc_f64x2_s/u_zero`   | `i32x4.trunc_sat_f64x2_s/u_zero`                |
 * | `*.relaxed_laneselect`                 | `v128.bitselect` (bit by bit, not by top bit)   |
 * | `f32x4/f64x2.relaxed_min/max`          | `f32x4/f64x2.min/max` (NaN and -0 < +0 rules)   |
 * | `i16x8.relaxed_q15mulr_s`              | `i16x8.q15mulr_sat_s` (saturates)               |
 * | `f32x4/f64x2.relaxed_madd`             | unfused: `add(mul(a, b), c)`, two roundings     |
 * | `f32x4/f64x2.relaxed_nmadd`            | unfused: `add(mul(-a, b), c)`                   |
 * | `i16x8.relaxed_dot_i8x16_i7x16_s`      | signed by signed products, pairs summed mod 2^16 |
 * | `i32x4.relaxed_dot_i8x16_i7x16_add_s`  | the same 16-bit pair sums, sign-extended, summed in pairs, plus `c` |
 * @see https://webassembly.github.io/spec/core/exec/numerics.html#relaxed-operations
 * @module
 */
import { Op } from "../../base/opcodes.js";
import { fromScratch, SCRATCH, type V128Space } from "./lanes.js";

/** The Wasm 2.0 instruction each relaxed one is in the deterministic profile, when there is one. */
const AS_2_0: ReadonlyMap<number, number> = new Map<number, number>([
  [Op.I8x16RelaxedSwizzle, Op.I8x16Swizzle],
  [Op.I32x4RelaxedTruncF32x4S, Op.I32x4TruncSatF32x4S],
  [Op.I32x4RelaxedTruncF32x4U, Op.I32x4TruncSatF32x4U],
  [Op.I32x4RelaxedTruncF64x2SZero, Op.I32x4TruncSatF64x2SZero],
  [Op.I32x4RelaxedTruncF64x2UZero, Op.I32x4TruncSatF64x2UZero],
  [Op.I8x16RelaxedLaneselect, Op.V128Bitselect],
  [Op.I16x8RelaxedLaneselect, Op.V128Bitselect],
  [Op.I32x4RelaxedLaneselect, Op.V128Bitselect],
  [Op.I64x2RelaxedLaneselect, Op.V128Bitselect],
  [Op.F32x4RelaxedMin, Op.F32x4Min],
  [Op.F32x4RelaxedMax, Op.F32x4Max],
  [Op.F64x2RelaxedMin, Op.F64x2Min],
  [Op.F64x2RelaxedMax, Op.F64x2Max],
  [Op.I16x8RelaxedQ15mulrS, Op.I16x8Q15mulrSatS],
]);

/**
 * The instruction that runs SIMD code `op`: for a relaxed instruction whose
 * deterministic behaviour is a Wasm 2.0 instruction, that instruction (same
 * operands, same result); otherwise `op` itself. Both tiers translate
 * through it, so they agree.
 */
export function deterministicSimd(op: number): number {
  return op < 0xff00 ? op : AS_2_0.get(op) ?? op;
}

/** `f32x4.relaxed_madd`, unfused: each product rounded to f32, then the sum. */
export function f32x4RelaxedMadd(v: V128Space, d: number, a: number, b: number, c: number): void {
  const x = v.f32;
  d <<= 2; a <<= 2; b <<= 2; c <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = Math.fround(x[a + i] * x[b + i]) + x[c + i];
}

/** `f32x4.relaxed_nmadd`, unfused: `-a * b + c`, the product rounded first. */
export function f32x4RelaxedNmadd(v: V128Space, d: number, a: number, b: number, c: number): void {
  const x = v.f32;
  d <<= 2; a <<= 2; b <<= 2; c <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = Math.fround(-x[a + i] * x[b + i]) + x[c + i];
}

/** `f64x2.relaxed_madd`, unfused (JavaScript never fuses `a * b + c`). */
export function f64x2RelaxedMadd(v: V128Space, d: number, a: number, b: number, c: number): void {
  const x = v.f64;
  d <<= 1; a <<= 1; b <<= 1; c <<= 1;
  for (let i = 0; i < 2; i++) x[d + i] = x[a + i] * x[b + i] + x[c + i];
}

/** `f64x2.relaxed_nmadd`, unfused. */
export function f64x2RelaxedNmadd(v: V128Space, d: number, a: number, b: number, c: number): void {
  const x = v.f64;
  d <<= 1; a <<= 1; b <<= 1; c <<= 1;
  for (let i = 0; i < 2; i++) x[d + i] = -x[a + i] * x[b + i] + x[c + i];
}

/** `i16x8.relaxed_dot_i8x16_i7x16_s`: adjacent signed byte products summed, modulo 2^16. */
export function i16x8RelaxedDotI8x16I7x16S(v: V128Space, d: number, a: number, b: number): void {
  const x = v.i8, r = SCRATCH.i16;
  a <<= 4; b <<= 4;
  for (let i = 0; i < 8; i++) r[i] = x[a + 2 * i] * x[b + 2 * i] + x[a + 2 * i + 1] * x[b + 2 * i + 1];
  fromScratch(v, d);
}

/** `i32x4.relaxed_dot_i8x16_i7x16_add_s`: two 16-bit pair sums (as above) sign-extended and added, plus `c`. */
export function i32x4RelaxedDotI8x16I7x16AddS(v: V128Space, d: number, a: number, b: number, c: number): void {
  const x = v.i8, w = v.i32, r = SCRATCH.i32;
  a <<= 4; b <<= 4;
  const cw = c << 2;
  for (let i = 0; i < 4; i++) {
    const k = a + 4 * i, m = b + 4 * i;
    const lo = ((x[k] * x[m] + x[k + 1] * x[m + 1]) << 16) >> 16;
    const hi = ((x[k + 2] * x[m + 2] + x[k + 3] * x[m + 3]) << 16) >> 16;
    r[i] = (lo + hi + w[cw + i]) | 0;
  }
  fromScratch(v, d);
}
