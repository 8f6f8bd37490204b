/**
 * Integer lane arithmetic of the SIMD instructions, written once for every
 * lane shape: each function here takes the typed-array view of the lanes
 * (`Int8Array` for `i8x16` signed, `Uint16Array` for `i16x8` unsigned, ...)
 * and `n`, the lanes per 16-byte slot, as parameters, as the spec
 * interpreter's integer vector functor takes the lane width. Slot `s` is
 * lanes `s * n` to `s * n + n - 1` of the view. Stores into a typed array
 * wrap, so `-1` is all ones in any view and products wrap to the lane width.
 * Which instruction is which function on which view is the table of
 * ./table.ts. Operations of one shape only (i64x2 on 32-bit halves, since no
 * typed array holds 64-bit integers as numbers; dot products, q15mulr,
 * popcnt) follow the generic ones, named after their instruction.
 * @see https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions
 * @module
 */
import { i64Mul, i64Shl, i64ShrS, i64ShrU } from "../numerics.js";
import { fromScratch, SCRATCH, type V128Space } from "./lanes.js";

/** The integer views of a {@link V128Space}: the lanes of one shape, signed or unsigned. */
export type IntLanes = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

// ---------------------------------------------------------------- every shape (8, 16, 32-bit lanes)

/** `iNxM.neg` (the most negative lane wraps to itself). */
export function lanesNeg(x: IntLanes, n: number, d: number, a: number): void {
  d *= n; a *= n;
  for (let i = 0; i < n; i++) x[d + i] = -x[a + i];
}

/** `iNxM.abs` on the signed view (the most negative lane wraps to itself). */
export function lanesAbs(x: IntLanes, n: number, d: number, a: number): void {
  d *= n; a *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] < 0 ? -x[a + i] : x[a + i];
}

/** `iNxM.mul` (wrapping: the product is taken modulo 2^32, then the store wraps it to the lane). */
export function lanesMul(x: IntLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) x[d + i] = Math.imul(x[a + i], x[b + i]);
}

/** `iNxM.min_s` / `min_u`, by the view's signedness. */
export function lanesMin(x: IntLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] < x[b + i] ? x[a + i] : x[b + i];
}

/** `iNxM.max_s` / `max_u`, by the view's signedness. */
export function lanesMax(x: IntLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] > x[b + i] ? x[a + i] : x[b + i];
}

/** `iNxM.eq`: all ones (-1, whatever the view) where equal. */
export function lanesEq(x: IntLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] === x[b + i] ? -1 : 0;
}

/** `iNxM.ne`: all ones where different. */
export function lanesNe(x: IntLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] !== x[b + i] ? -1 : 0;
}

/** `iNxM.lt_s` / `lt_u`, by the view's signedness: all ones where true. */
export function lanesLt(x: IntLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] < x[b + i] ? -1 : 0;
}

/** `iNxM.gt_s` / `gt_u`: all ones where true. */
export function lanesGt(x: IntLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] > x[b + i] ? -1 : 0;
}

/** `iNxM.le_s` / `le_u`: all ones where true. */
export function lanesLe(x: IntLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] <= x[b + i] ? -1 : 0;
}

/** `iNxM.ge_s` / `ge_u`: all ones where true. */
export function lanesGe(x: IntLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] >= x[b + i] ? -1 : 0;
}

/** `iNxM.add_sat_s` / `add_sat_u`: the exact sum clamped to the view's range `[lo, hi]`. */
export function lanesAddSat(x: IntLanes, n: number, lo: number, hi: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) {
    const r = x[a + i] + x[b + i];
    x[d + i] = r < lo ? lo : r > hi ? hi : r;
  }
}

/** `iNxM.sub_sat_s` / `sub_sat_u`: the exact difference clamped to `[lo, hi]`. */
export function lanesSubSat(x: IntLanes, n: number, lo: number, hi: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) {
    const r = x[a + i] - x[b + i];
    x[d + i] = r < lo ? lo : r > hi ? hi : r;
  }
}

/** `iNxM.avgr_u` on the unsigned view: the rounding average. */
export function lanesAvgr(x: IntLanes, n: number, d: number, a: number, b: number): void {
  d *= n; a *= n; b *= n;
  for (let i = 0; i < n; i++) x[d + i] = (x[a + i] + x[b + i] + 1) >>> 1;
}

/** `iNxM.shl`: the count is taken modulo the lane width (`128 / n` bits). */
export function lanesShl(x: IntLanes, n: number, d: number, a: number, count: number): void {
  const k = count & ((128 / n) - 1);
  d *= n; a *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] << k;
}

/** `iNxM.shr_s` on the signed view. */
export function lanesShrS(x: IntLanes, n: number, d: number, a: number, count: number): void {
  const k = count & ((128 / n) - 1);
  d *= n; a *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] >> k;
}

/** `iNxM.shr_u` on the unsigned view. */
export function lanesShrU(x: IntLanes, n: number, d: number, a: number, count: number): void {
  const k = count & ((128 / n) - 1);
  d *= n; a *= n;
  for (let i = 0; i < n; i++) x[d + i] = x[a + i] >>> k;
}

/** `iNxM.bitmask` on the signed view: bit i is lane i's sign. */
export function lanesBitmask(x: IntLanes, n: number, a: number): number {
  a *= n;
  let m = 0;
  for (let i = 0; i < n; i++) if (x[a + i] < 0) m |= 1 << i;
  return m;
}

/** `iNxM.all_true`: 1 when no lane is zero. */
export function lanesAllTrue(x: IntLanes, n: number, a: number): number {
  a *= n;
  for (let i = 0; i < n; i++) if (x[a + i] === 0) return 0;
  return 1;
}

/**
 * `iNxM.narrow_i2Nx(M/2)_s/u`: the `n / 2` wider lanes of `a`, then of `b`
 * (view `x`), clamped to `[lo, hi]`, into the `n` lanes of the result.
 */
export function lanesNarrow(x: IntLanes, n: number, lo: number, hi: number, d: number, a: number, b: number, v: V128Space): void {
  // The scratch's view of the narrow width (signedness is irrelevant: the clamped value fits either).
  const t = n === 16 ? SCRATCH.i8 : SCRATCH.i16, h = n >> 1;
  a *= h; b *= h;
  for (let i = 0; i < h; i++) {
    const p = x[a + i], q = x[b + i];
    t[i] = p < lo ? lo : p > hi ? hi : p;
    t[i + h] = q < lo ? lo : q > hi ? hi : q;
  }
  fromScratch(v, d);
}

/**
 * `iNxM.extend_low/high_i(N/2)x(2M)_s/u`: lanes `from` to `from + n - 1` of
 * the narrower view `x` (signed or unsigned) widened into `n` lanes.
 */
export function lanesExtend(x: IntLanes, n: number, from: number, d: number, a: number, v: V128Space): void {
  const t = n === 8 ? SCRATCH.i16 : SCRATCH.i32;
  a = a * 2 * n + from;
  for (let i = 0; i < n; i++) t[i] = x[a + i];
  fromScratch(v, d);
}

/** `iNxM.extmul_low/high_...`: exact products of the narrower lanes `from..from + n - 1` (the store wraps). */
export function lanesExtmul(x: IntLanes, n: number, from: number, d: number, a: number, b: number, v: V128Space): void {
  const t = n === 8 ? SCRATCH.i16 : SCRATCH.i32;
  a = a * 2 * n + from; b = b * 2 * n + from;
  for (let i = 0; i < n; i++) t[i] = x[a + i] * x[b + i];
  fromScratch(v, d);
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

// ---------------------------------------------------------------- one shape each

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
