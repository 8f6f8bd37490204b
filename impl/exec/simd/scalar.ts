/**
 * Moving values between scalars and lanes: `splat`, `extract_lane` and
 * `replace_lane`. Scalars travel as raw 32-bit words (an f32 as its bits,
 * an i64 or f64 as low and high halves), so float lanes keep NaN payloads
 * and these functions serve the integer and float shapes alike.
 * @see https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions
 * @module
 */
import type { V128Space } from "./lanes.js";

/** `i8x16.splat` */
export function i8x16Splat(v: V128Space, d: number, x: number): void {
  const b = x & 0xff;
  const w = b | (b << 8) | (b << 16) | (b << 24);
  i32x4Splat(v, d, w);
}

/** `i16x8.splat` */
export function i16x8Splat(v: V128Space, d: number, x: number): void {
  const h = x & 0xffff;
  i32x4Splat(v, d, h | (h << 16));
}

/** `i32x4.splat` and `f32x4.splat` (given the f32's bits) */
export function i32x4Splat(v: V128Space, d: number, x: number): void {
  const w = v.i32;
  d <<= 2;
  w[d] = x; w[d + 1] = x; w[d + 2] = x; w[d + 3] = x;
}

/** `i64x2.splat` and `f64x2.splat`, from the value's low and high words */
export function i64x2Splat(v: V128Space, d: number, lo: number, hi: number): void {
  const w = v.i32;
  d <<= 2;
  w[d] = lo; w[d + 1] = hi; w[d + 2] = lo; w[d + 3] = hi;
}

/** `i8x16.extract_lane_s` */
export function i8x16ExtractLaneS(v: V128Space, a: number, lane: number): number {
  return v.i8[(a << 4) + lane];
}

/** `i8x16.extract_lane_u` */
export function i8x16ExtractLaneU(v: V128Space, a: number, lane: number): number {
  return v.u8[(a << 4) + lane];
}

/** `i16x8.extract_lane_s` */
export function i16x8ExtractLaneS(v: V128Space, a: number, lane: number): number {
  return v.i16[(a << 3) + lane];
}

/** `i16x8.extract_lane_u` */
export function i16x8ExtractLaneU(v: V128Space, a: number, lane: number): number {
  return v.u16[(a << 3) + lane];
}

/** `i32x4.extract_lane` and `f32x4.extract_lane` (as bits) */
export function i32x4ExtractLane(v: V128Space, a: number, lane: number): number {
  return v.i32[(a << 2) + lane];
}

/** `i64x2.extract_lane` and `f64x2.extract_lane`: the lane's two words into `out[o]`, `out[o + 1]` */
export function i64x2ExtractLane(v: V128Space, a: number, lane: number, out: Int32Array, o: number): void {
  const w = v.i32, at = (a << 2) + 2 * lane;
  out[o] = w[at];
  out[o + 1] = w[at + 1];
}

/** `i8x16.replace_lane` */
export function i8x16ReplaceLane(v: V128Space, d: number, a: number, lane: number, x: number): void {
  v.move(d, a);
  v.i8[(d << 4) + lane] = x;
}

/** `i16x8.replace_lane` */
export function i16x8ReplaceLane(v: V128Space, d: number, a: number, lane: number, x: number): void {
  v.move(d, a);
  v.i16[(d << 3) + lane] = x;
}

/** `i32x4.replace_lane` and `f32x4.replace_lane` (given the f32's bits) */
export function i32x4ReplaceLane(v: V128Space, d: number, a: number, lane: number, x: number): void {
  v.move(d, a);
  v.i32[(d << 2) + lane] = x;
}

/** `i64x2.replace_lane` and `f64x2.replace_lane`, from the value's low and high words */
export function i64x2ReplaceLane(v: V128Space, d: number, a: number, lane: number, lo: number, hi: number): void {
  v.move(d, a);
  const at = (d << 2) + 2 * lane;
  v.i32[at] = lo;
  v.i32[at + 1] = hi;
}
