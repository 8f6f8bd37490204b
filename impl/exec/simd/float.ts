/**
 * Floating-point lane arithmetic, comparisons and conversions of the SIMD
 * instructions, written once for both shapes: each function takes the lanes'
 * view (`Float32Array` for f32x4, `Float64Array` for f64x2) and `n`, the
 * lanes per slot (4 or 2); a Float32Array store rounds to f32, so the same
 * expression is f32 or f64 arithmetic by the view alone. The spec's NaN
 * rules hold: a NaN result is a quiet NaN (the canonical one where the
 * inputs give none of their own); `abs`, `neg`, `pmin` and `pmax` move bits
 * (through the slot's 32-bit words, `4 / n` per lane) and never change a NaN
 * payload. Conversions, which pair two shapes, follow by name.
 * @see https://webassembly.github.io/spec/core/exec/numerics.html#floating-point-operations
 * @module
 */
import { fCeil, fFloor, fNearest, fTrunc, i32TruncSatS, i32TruncSatU } from "../numerics.js";
import type { V128Space } from "./lanes.js";

/** The float views of a {@link V128Space}. */
export type FloatLanes = Float32Array | Float64Array;

/** `fNxM.add` */
export function lanesFAdd(x: FloatLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] + x[b + i];
}

/** `fNxM.sub` */
export function lanesFSub(x: FloatLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] - x[b + i];
}

/** `fNxM.mul` */
export function lanesFMul(x: FloatLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] * x[b + i];
}

/** `fNxM.div` */
export function lanesFDiv(x: FloatLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] / x[b + i];
}

/** `fNxM.min`: NaN if either lane is NaN; -0 is below +0. */
export function lanesFMin(x: FloatLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) {
    const p = x[a + i], q = x[b + i];
    x[d + i] = p !== p || q !== q ? NaN : Math.min(p, q);
  }
}

/** `fNxM.max`: NaN if either lane is NaN; -0 is below +0. */
export function lanesFMax(x: FloatLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) {
    const p = x[a + i], q = x[b + i];
    x[d + i] = p !== p || q !== q ? NaN : Math.max(p, q);
  }
}

/** One-operand float functions of the lanes, by their {@link lanesFUnary} code. */
export const FUnary = { Sqrt: 0, Ceil: 1, Floor: 2, Trunc: 3, Nearest: 4 } as const;
/** One of {@link FUnary}. */
export type FUnary = (typeof FUnary)[keyof typeof FUnary];

/** `fNxM.sqrt`, `ceil`, `floor`, `trunc`, `nearest` (`f`, one of {@link FUnary}). */
export function lanesFUnary(x: FloatLanes, n: number, f: FUnary, d: number, a: number): void {
  d *= n; a *= n;
  for (let i = 0; i < n; i++) {
    const p = x[a + i];
    x[d + i] = f === FUnary.Sqrt ? Math.sqrt(p) : f === FUnary.Ceil ? fCeil(p) : f === FUnary.Floor ? fFloor(p)
      : f === FUnary.Trunc ? fTrunc(p) : fNearest(p);
  }
}

/** `fNxM.pmin`: `b < a ? b : a`, the chosen lane's bits (words of `w`) unchanged. */
export function lanesFPmin(x: FloatLanes, w: Int32Array, n: number, d: number, a: number, b: number): void {
  const k = 4 / n;
  for (let i = 0; i < n; i++) {
    const from = (x[b * n + i] < x[a * n + i] ? b * 4 : a * 4) + k * i, to = d * 4 + k * i;
    for (let j = 0; j < k; j++) w[to + j] = w[from + j];
  }
}

/** `fNxM.pmax`: `a < b ? b : a`, the chosen lane's bits unchanged. */
export function lanesFPmax(x: FloatLanes, w: Int32Array, n: number, d: number, a: number, b: number): void {
  const k = 4 / n;
  for (let i = 0; i < n; i++) {
    const from = (x[a * n + i] < x[b * n + i] ? b * 4 : a * 4) + k * i, to = d * 4 + k * i;
    for (let j = 0; j < k; j++) w[to + j] = w[from + j];
  }
}

/** `fNxM.abs`: clears each lane's sign bit (the top bit of its last word). */
export function lanesFAbs(w: Int32Array, n: number, d: number, a: number): void {
  const k = 4 / n;
  d *= 4; a *= 4;
  for (let i = 0; i < 4; i++) w[d + i] = i % k === k - 1 ? w[a + i] & 0x7fffffff : w[a + i];
}

/** `fNxM.neg`: flips each lane's sign bit. */
export function lanesFNeg(w: Int32Array, n: number, d: number, a: number): void {
  const k = 4 / n;
  d *= 4; a *= 4;
  for (let i = 0; i < 4; i++) w[d + i] = i % k === k - 1 ? w[a + i] ^ 0x80000000 : w[a + i];
}

/** Comparisons of float lanes, by their {@link lanesFCompare} code. */
export const FCompare = { Eq: 0, Ne: 1, Lt: 2, Gt: 3, Le: 4, Ge: 5 } as const;
/** One of {@link FCompare}. */
export type FCompare = (typeof FCompare)[keyof typeof FCompare];

/**
 * `fNxM.eq`, `ne`, `lt`, `gt`, `le`, `ge` (`c`, one of {@link FCompare}): all
 * ones in the lane's words of `w` where true (never for NaN lanes, but `ne`).
 * Both lanes are read before any word is written, so `d` may be an operand.
 */
export function lanesFCompare(x: FloatLanes, w: Int32Array, n: number, c: FCompare, d: number, a: number, b: number): void {
  const k = 4 / n;
  for (let i = 0; i < n; i++) {
    const p = x[a * n + i], q = x[b * n + i];
    const r = (c === FCompare.Eq ? p === q : c === FCompare.Ne ? p !== q : c === FCompare.Lt ? p < q
      : c === FCompare.Gt ? p > q : c === FCompare.Le ? p <= q : p >= q) ? -1 : 0;
    for (let j = 0; j < k; j++) w[d * 4 + k * i + j] = r;
  }
}

// ---------------------------------------------------------------- conversions

/** `i32x4.trunc_sat_f32x4_s`: NaN to 0, out of range to the nearest bound */
export function i32x4TruncSatF32x4S(v: V128Space, d: number, a: number): void {
  const x = v.f32, w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32TruncSatS(x[a + i]);
}

/** `i32x4.trunc_sat_f32x4_u` */
export function i32x4TruncSatF32x4U(v: V128Space, d: number, a: number): void {
  const x = v.f32, w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = i32TruncSatU(x[a + i]);
}

/** `f32x4.convert_i32x4_s` (rounded to nearest, ties to even, by the Float32Array store) */
export function f32x4ConvertI32x4S(v: V128Space, d: number, a: number): void {
  const x = v.f32, w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = w[a + i];
}

/** `f32x4.convert_i32x4_u` */
export function f32x4ConvertI32x4U(v: V128Space, d: number, a: number): void {
  const x = v.f32, w = v.u32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = w[a + i];
}

/** `i32x4.trunc_sat_f64x2_s_zero`: the two f64 lanes saturated to i32, upper lanes zero */
export function i32x4TruncSatF64x2SZero(v: V128Space, d: number, a: number): void {
  const x = v.f64, w = v.i32;
  const p = i32TruncSatS(x[a << 1]), q = i32TruncSatS(x[(a << 1) + 1]);
  d <<= 2;
  w[d] = p; w[d + 1] = q; w[d + 2] = 0; w[d + 3] = 0;
}

/** `i32x4.trunc_sat_f64x2_u_zero` */
export function i32x4TruncSatF64x2UZero(v: V128Space, d: number, a: number): void {
  const x = v.f64, w = v.i32;
  const p = i32TruncSatU(x[a << 1]), q = i32TruncSatU(x[(a << 1) + 1]);
  d <<= 2;
  w[d] = p; w[d + 1] = q; w[d + 2] = 0; w[d + 3] = 0;
}

/** `f64x2.convert_low_i32x4_s` (exact) */
export function f64x2ConvertLowI32x4S(v: V128Space, d: number, a: number): void {
  const w = v.i32, x = v.f64;
  const p = w[a << 2], q = w[(a << 2) + 1];
  x[d << 1] = p; x[(d << 1) + 1] = q;
}

/** `f64x2.convert_low_i32x4_u` (exact) */
export function f64x2ConvertLowI32x4U(v: V128Space, d: number, a: number): void {
  const w = v.u32, x = v.f64;
  const p = w[a << 2], q = w[(a << 2) + 1];
  x[d << 1] = p; x[(d << 1) + 1] = q;
}

/** `f32x4.demote_f64x2_zero`: the two f64 lanes rounded to f32, upper lanes zero */
export function f32x4DemoteF64x2Zero(v: V128Space, d: number, a: number): void {
  const x = v.f64, f = v.f32, w = v.i32;
  const p = x[a << 1], q = x[(a << 1) + 1];
  d <<= 2;
  f[d] = p; f[d + 1] = q; w[d + 2] = 0; w[d + 3] = 0;
}

/** `f64x2.promote_low_f32x4` (exact; a NaN stays a quiet NaN) */
export function f64x2PromoteLowF32x4(v: V128Space, d: number, a: number): void {
  const f = v.f32, x = v.f64;
  const p = f[a << 2], q = f[(a << 2) + 1];
  x[d << 1] = p; x[(d << 1) + 1] = q;
}
