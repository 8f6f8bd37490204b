/**
 * Floating-point lane arithmetic, comparisons and conversions of the SIMD
 * instructions, one small function per mnemonic, with the spec's NaN rules:
 * a NaN result is a quiet NaN (the canonical one where the inputs give none
 * of their own); `abs`, `neg`, `pmin` and `pmax` move bits and never change a
 * NaN payload.
 * @see https://webassembly.github.io/spec/core/exec/numerics.html#floating-point-operations
 * @module
 */
import { fCeil, fFloor, fNearest, fTrunc, i32TruncSatS, i32TruncSatU } from "../numerics.js";
import type { V128Space } from "./lanes.js";

/** `f32x4.add` */
export function f32x4Add(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = x[a + i] + x[b + i];
}

/** `f32x4.sub` */
export function f32x4Sub(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = x[a + i] - x[b + i];
}

/** `f32x4.mul` */
export function f32x4Mul(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = x[a + i] * x[b + i];
}

/** `f32x4.div` */
export function f32x4Div(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = x[a + i] / x[b + i];
}

/** `f32x4.sqrt` */
export function f32x4Sqrt(v: V128Space, d: number, a: number): void {
  const x = v.f32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = Math.sqrt(x[a + i]);
}

/** `f32x4.min`: NaN if either lane is NaN; -0 is below +0 */
export function f32x4Min(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) {
    const p = x[a + i], q = x[b + i];
    x[d + i] = p !== p || q !== q ? NaN : Math.min(p, q);
  }
}

/** `f32x4.max`: NaN if either lane is NaN; -0 is below +0 */
export function f32x4Max(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) {
    const p = x[a + i], q = x[b + i];
    x[d + i] = p !== p || q !== q ? NaN : Math.max(p, q);
  }
}

/** `f32x4.ceil` */
export function f32x4Ceil(v: V128Space, d: number, a: number): void {
  const x = v.f32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = fCeil(x[a + i]);
}

/** `f32x4.floor` */
export function f32x4Floor(v: V128Space, d: number, a: number): void {
  const x = v.f32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = fFloor(x[a + i]);
}

/** `f32x4.trunc` */
export function f32x4Trunc(v: V128Space, d: number, a: number): void {
  const x = v.f32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = fTrunc(x[a + i]);
}

/** `f32x4.nearest` */
export function f32x4Nearest(v: V128Space, d: number, a: number): void {
  const x = v.f32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = fNearest(x[a + i]);
}

/** `f32x4.pmin`: `b < a ? b : a`, the chosen lane's bits unchanged */
export function f32x4Pmin(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f32, w = v.i32;
  for (let i = 0; i < 4; i++) {
    const p = x[(a << 2) + i], q = x[(b << 2) + i];
    const from = q < p ? (b << 2) + 1 * i : (a << 2) + 1 * i, to = (d << 2) + 1 * i;
    w[to + 0] = w[from + 0];
  }
}

/** `f32x4.pmax`: `a < b ? b : a`, the chosen lane's bits unchanged */
export function f32x4Pmax(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f32, w = v.i32;
  for (let i = 0; i < 4; i++) {
    const p = x[(a << 2) + i], q = x[(b << 2) + i];
    const from = p < q ? (b << 2) + 1 * i : (a << 2) + 1 * i, to = (d << 2) + 1 * i;
    w[to + 0] = w[from + 0];
  }
}

/** `f32x4.abs`: clears the sign bits */
export function f32x4Abs(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = w[a + i] & 0x7fffffff;
}

/** `f32x4.neg`: flips the sign bits */
export function f32x4Neg(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  for (let i = 0; i < 4; i++) w[d + i] = w[a + i] ^ 0x80000000;
}

/** `f32x4.eq`: all ones where true (never for NaN lanes, but `ne`) */
export function f32x4Eq(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f32, r = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) r[d + i] = x[a + i] === x[b + i] ? -1 : 0;
}

/** `f32x4.ne`: all ones where true (never for NaN lanes, but `ne`) */
export function f32x4Ne(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f32, r = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) r[d + i] = x[a + i] !== x[b + i] ? -1 : 0;
}

/** `f32x4.lt`: all ones where true (never for NaN lanes, but `ne`) */
export function f32x4Lt(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f32, r = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) r[d + i] = x[a + i] < x[b + i] ? -1 : 0;
}

/** `f32x4.gt`: all ones where true (never for NaN lanes, but `ne`) */
export function f32x4Gt(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f32, r = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) r[d + i] = x[a + i] > x[b + i] ? -1 : 0;
}

/** `f32x4.le`: all ones where true (never for NaN lanes, but `ne`) */
export function f32x4Le(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f32, r = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) r[d + i] = x[a + i] <= x[b + i] ? -1 : 0;
}

/** `f32x4.ge`: all ones where true (never for NaN lanes, but `ne`) */
export function f32x4Ge(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f32, r = v.i32;
  d <<= 2; a <<= 2; b <<= 2;
  for (let i = 0; i < 4; i++) r[d + i] = x[a + i] >= x[b + i] ? -1 : 0;
}

/** `f64x2.add` */
export function f64x2Add(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f64;
  d <<= 1; a <<= 1; b <<= 1;
  for (let i = 0; i < 2; i++) x[d + i] = x[a + i] + x[b + i];
}

/** `f64x2.sub` */
export function f64x2Sub(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f64;
  d <<= 1; a <<= 1; b <<= 1;
  for (let i = 0; i < 2; i++) x[d + i] = x[a + i] - x[b + i];
}

/** `f64x2.mul` */
export function f64x2Mul(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f64;
  d <<= 1; a <<= 1; b <<= 1;
  for (let i = 0; i < 2; i++) x[d + i] = x[a + i] * x[b + i];
}

/** `f64x2.div` */
export function f64x2Div(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f64;
  d <<= 1; a <<= 1; b <<= 1;
  for (let i = 0; i < 2; i++) x[d + i] = x[a + i] / x[b + i];
}

/** `f64x2.sqrt` */
export function f64x2Sqrt(v: V128Space, d: number, a: number): void {
  const x = v.f64;
  d <<= 1; a <<= 1;
  for (let i = 0; i < 2; i++) x[d + i] = Math.sqrt(x[a + i]);
}

/** `f64x2.min`: NaN if either lane is NaN; -0 is below +0 */
export function f64x2Min(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f64;
  d <<= 1; a <<= 1; b <<= 1;
  for (let i = 0; i < 2; i++) {
    const p = x[a + i], q = x[b + i];
    x[d + i] = p !== p || q !== q ? NaN : Math.min(p, q);
  }
}

/** `f64x2.max`: NaN if either lane is NaN; -0 is below +0 */
export function f64x2Max(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f64;
  d <<= 1; a <<= 1; b <<= 1;
  for (let i = 0; i < 2; i++) {
    const p = x[a + i], q = x[b + i];
    x[d + i] = p !== p || q !== q ? NaN : Math.max(p, q);
  }
}

/** `f64x2.ceil` */
export function f64x2Ceil(v: V128Space, d: number, a: number): void {
  const x = v.f64;
  d <<= 1; a <<= 1;
  for (let i = 0; i < 2; i++) x[d + i] = fCeil(x[a + i]);
}

/** `f64x2.floor` */
export function f64x2Floor(v: V128Space, d: number, a: number): void {
  const x = v.f64;
  d <<= 1; a <<= 1;
  for (let i = 0; i < 2; i++) x[d + i] = fFloor(x[a + i]);
}

/** `f64x2.trunc` */
export function f64x2Trunc(v: V128Space, d: number, a: number): void {
  const x = v.f64;
  d <<= 1; a <<= 1;
  for (let i = 0; i < 2; i++) x[d + i] = fTrunc(x[a + i]);
}

/** `f64x2.nearest` */
export function f64x2Nearest(v: V128Space, d: number, a: number): void {
  const x = v.f64;
  d <<= 1; a <<= 1;
  for (let i = 0; i < 2; i++) x[d + i] = fNearest(x[a + i]);
}

/** `f64x2.pmin`: `b < a ? b : a`, the chosen lane's bits unchanged */
export function f64x2Pmin(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f64, w = v.i32;
  for (let i = 0; i < 2; i++) {
    const p = x[(a << 1) + i], q = x[(b << 1) + i];
    const from = q < p ? (b << 2) + 2 * i : (a << 2) + 2 * i, to = (d << 2) + 2 * i;
    w[to + 0] = w[from + 0];
    w[to + 1] = w[from + 1];
  }
}

/** `f64x2.pmax`: `a < b ? b : a`, the chosen lane's bits unchanged */
export function f64x2Pmax(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f64, w = v.i32;
  for (let i = 0; i < 2; i++) {
    const p = x[(a << 1) + i], q = x[(b << 1) + i];
    const from = p < q ? (b << 2) + 2 * i : (a << 2) + 2 * i, to = (d << 2) + 2 * i;
    w[to + 0] = w[from + 0];
    w[to + 1] = w[from + 1];
  }
}

/** `f64x2.abs`: clears the sign bits */
export function f64x2Abs(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  w[d] = w[a]; w[d + 1] = w[a + 1] & 0x7fffffff; w[d + 2] = w[a + 2]; w[d + 3] = w[a + 3] & 0x7fffffff;
}

/** `f64x2.neg`: flips the sign bits */
export function f64x2Neg(v: V128Space, d: number, a: number): void {
  const w = v.i32;
  d <<= 2; a <<= 2;
  w[d] = w[a]; w[d + 1] = w[a + 1] ^ 0x80000000; w[d + 2] = w[a + 2]; w[d + 3] = w[a + 3] ^ 0x80000000;
}

/** `f64x2.eq`: all ones where true (never for NaN lanes, but `ne`) */
export function f64x2Eq(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f64, r = v.i32;
  const p = x[a << 1] === x[b << 1] ? -1 : 0, q = x[(a << 1) + 1] === x[(b << 1) + 1] ? -1 : 0;
  d <<= 2;
  r[d] = p; r[d + 1] = p; r[d + 2] = q; r[d + 3] = q;
}

/** `f64x2.ne`: all ones where true (never for NaN lanes, but `ne`) */
export function f64x2Ne(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f64, r = v.i32;
  const p = x[a << 1] !== x[b << 1] ? -1 : 0, q = x[(a << 1) + 1] !== x[(b << 1) + 1] ? -1 : 0;
  d <<= 2;
  r[d] = p; r[d + 1] = p; r[d + 2] = q; r[d + 3] = q;
}

/** `f64x2.lt`: all ones where true (never for NaN lanes, but `ne`) */
export function f64x2Lt(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f64, r = v.i32;
  const p = x[a << 1] < x[b << 1] ? -1 : 0, q = x[(a << 1) + 1] < x[(b << 1) + 1] ? -1 : 0;
  d <<= 2;
  r[d] = p; r[d + 1] = p; r[d + 2] = q; r[d + 3] = q;
}

/** `f64x2.gt`: all ones where true (never for NaN lanes, but `ne`) */
export function f64x2Gt(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f64, r = v.i32;
  const p = x[a << 1] > x[b << 1] ? -1 : 0, q = x[(a << 1) + 1] > x[(b << 1) + 1] ? -1 : 0;
  d <<= 2;
  r[d] = p; r[d + 1] = p; r[d + 2] = q; r[d + 3] = q;
}

/** `f64x2.le`: all ones where true (never for NaN lanes, but `ne`) */
export function f64x2Le(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f64, r = v.i32;
  const p = x[a << 1] <= x[b << 1] ? -1 : 0, q = x[(a << 1) + 1] <= x[(b << 1) + 1] ? -1 : 0;
  d <<= 2;
  r[d] = p; r[d + 1] = p; r[d + 2] = q; r[d + 3] = q;
}

/** `f64x2.ge`: all ones where true (never for NaN lanes, but `ne`) */
export function f64x2Ge(v: V128Space, d: number, a: number, b: number): void {
  const x = v.f64, r = v.i32;
  const p = x[a << 1] >= x[b << 1] ? -1 : 0, q = x[(a << 1) + 1] >= x[(b << 1) + 1] ? -1 : 0;
  d <<= 2;
  r[d] = p; r[d + 1] = p; r[d + 2] = q; r[d + 3] = q;
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
