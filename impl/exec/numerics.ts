/**
 * Numeric instructions as small pure functions named after their mnemonics,
 * shared by the tiers. Integers are JS numbers: i32 as signed 32-bit values,
 * i64 as two 32-bit halves (`lo`, `hi`, low first). Functions producing an
 * i64 write the two halves into an `Int32Array` at `o` (low) and `o + 1`
 * (high), so no `bigint` is allocated on the hot path. Floats are JS numbers
 * (f32 values are exactly representable as doubles).
 *
 * Trapping functions throw {@link Trap} with the spec's messages.
 * @see https://webassembly.github.io/spec/core/exec/numerics.html
 * @module
 */
import { Trap, TrapMessage } from "../base/errors.js";

/** 2^32 as a double. */
const TWO32 = 4294967296;
/** 2^63 as a double. */
const TWO63 = 9223372036854775808;
/** 2^64 as a double. */
const TWO64 = 18446744073709551616;

/** Throws a {@link Trap} with the spec's message. Kept out of line so the callers stay small. */
export function trap(reason: string): never {
  throw new Trap(reason);
}

// ---------------------------------------------------------------- i32

/** `i32.ctz`: trailing zero bits (32 for 0). */
export function i32Ctz(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

/** `i32.popcnt`: number of one bits. */
export function i32Popcnt(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** `i32.rotl` */
export function i32Rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** `i32.rotr` */
export function i32Rotr(x: number, k: number): number {
  return (x >>> k) | (x << (32 - k));
}

/** `i32.div_s`: traps on division by zero and on -2^31 / -1. */
export function i32DivS(a: number, b: number): number {
  if (b === 0) trap(TrapMessage.IntegerDivideByZero);
  if (a === -0x80000000 && b === -1) trap(TrapMessage.IntegerOverflow);
  return (a / b) | 0;
}

/** `i32.div_u`: traps on division by zero. */
export function i32DivU(a: number, b: number): number {
  if (b === 0) trap(TrapMessage.IntegerDivideByZero);
  return ((a >>> 0) / (b >>> 0)) | 0;
}

/** `i32.rem_s`: traps on division by zero; the sign follows the dividend. */
export function i32RemS(a: number, b: number): number {
  if (b === 0) trap(TrapMessage.IntegerDivideByZero);
  return (a % b) | 0;
}

/** `i32.rem_u`: traps on division by zero. */
export function i32RemU(a: number, b: number): number {
  if (b === 0) trap(TrapMessage.IntegerDivideByZero);
  return ((a >>> 0) % (b >>> 0)) | 0;
}

// ---------------------------------------------------------------- i64 on halves

/** `i64.mul`: the low 64 bits of the product, from 16-bit pieces of the low words. */
export function i64Mul(out: Int32Array, o: number, alo: number, ahi: number, blo: number, bhi: number): void {
  const a0 = alo & 0xffff, a1 = alo >>> 16, b0 = blo & 0xffff, b1 = blo >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const carry = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  out[o] = Math.imul(alo, blo);
  out[o + 1] = (carry + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
}

/** `i64.shl` by `k` (taken modulo 64). */
export function i64Shl(out: Int32Array, o: number, lo: number, hi: number, k: number): void {
  k &= 63;
  if (k === 0) { out[o] = lo; out[o + 1] = hi; }
  else if (k < 32) { out[o + 1] = (hi << k) | (lo >>> (32 - k)); out[o] = lo << k; }
  else { out[o + 1] = lo << (k - 32); out[o] = 0; }
}

/** `i64.shr_s` by `k` (taken modulo 64). */
export function i64ShrS(out: Int32Array, o: number, lo: number, hi: number, k: number): void {
  k &= 63;
  if (k === 0) { out[o] = lo; out[o + 1] = hi; }
  else if (k < 32) { out[o] = (lo >>> k) | (hi << (32 - k)); out[o + 1] = hi >> k; }
  else { out[o] = hi >> (k - 32); out[o + 1] = hi >> 31; }
}

/** `i64.shr_u` by `k` (taken modulo 64). */
export function i64ShrU(out: Int32Array, o: number, lo: number, hi: number, k: number): void {
  k &= 63;
  if (k === 0) { out[o] = lo; out[o + 1] = hi; }
  else if (k < 32) { out[o] = (lo >>> k) | (hi << (32 - k)); out[o + 1] = hi >>> k; }
  else { out[o] = hi >>> (k - 32); out[o + 1] = 0; }
}

/** `i64.rotl` by `k` (taken modulo 64). */
export function i64Rotl(out: Int32Array, o: number, lo: number, hi: number, k: number): void {
  k &= 63;
  if (k >= 32) { const t = lo; lo = hi; hi = t; k -= 32; }
  if (k === 0) { out[o] = lo; out[o + 1] = hi; }
  else { out[o] = (lo << k) | (hi >>> (32 - k)); out[o + 1] = (hi << k) | (lo >>> (32 - k)); }
}

/** `i64.rotr` by `k` (taken modulo 64). */
export function i64Rotr(out: Int32Array, o: number, lo: number, hi: number, k: number): void {
  i64Rotl(out, o, lo, hi, (64 - (k & 63)) & 63);
}

/** `i64.clz` */
export function i64Clz(lo: number, hi: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

/** `i64.ctz` */
export function i64Ctz(lo: number, hi: number): number {
  return lo !== 0 ? i32Ctz(lo) : 32 + i32Ctz(hi);
}

/** `i64.popcnt` */
export function i64Popcnt(lo: number, hi: number): number {
  return i32Popcnt(lo) + i32Popcnt(hi);
}

/** The halves as a signed bigint (slow paths only). */
export function i64ToBigInt(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}

/** The halves as an unsigned bigint (slow paths only). */
export function u64ToBigInt(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Writes the low 64 bits of `v` as two halves. */
export function writeI64Big(out: Int32Array, o: number, v: bigint): void {
  out[o] = Number(BigInt.asIntN(32, v));
  out[o + 1] = Number(BigInt.asIntN(32, v >> 32n));
}

/*
 * Division and remainder: fast paths in doubles, BigInt only for the rest.
 * - Divisor below 2^32 (any dividend): long division by 16-bit digits
 *   ({@link divBy32}); every partial dividend stays below 2^48, so each
 *   `Math.floor(t / b)` is exact (t + b < 2^53: correct rounding cannot
 *   reach the next integer).
 * - Both operands below 2^52: one double division, exact for the same reason.
 * The signed forms divide the magnitudes and fix the signs. Each function
 * stays small (V8 inlines it into its caller) and calls out for the rest.
 */

/** Quotient high word, left by {@link divBy32} (the low word is its result). */
let qHigh = 0;
/** Remainder, left by {@link divBy32} (below the divisor, so below 2^32). */
let rem32 = 0;

/**
 * Unsigned (`ah`:`al`, each a uint32 number) / `b` (1 to 2^32 - 1): returns
 * the quotient's low word as a uint32 number; leaves its high word in
 * {@link qHigh} and the remainder in {@link rem32}.
 */
function divBy32(al: number, ah: number, b: number): number {
  const qh = Math.floor(ah / b);
  let r = ah - qh * b;
  let t = r * 65536 + (al >>> 16);
  const q1 = Math.floor(t / b);
  r = t - q1 * b;
  t = r * 65536 + (al & 0xffff);
  const q0 = Math.floor(t / b);
  rem32 = t - q0 * b;
  qHigh = qh;
  return q1 * 65536 + q0;
}

/** Writes the non-negative integer `v` (below 2^64, exact) as two halves. */
function writeU(out: Int32Array, o: number, v: number): void {
  out[o] = v | 0;
  out[o + 1] = Math.floor(v / TWO32) | 0;
}

/** Writes the negation of the unsigned 64-bit value `hi`:`lo` (uint32 numbers) as two halves. */
function writeNegHalves(out: Int32Array, o: number, lo: number, hi: number): void {
  // Two's complement negation of hi:lo (uint32 numbers).
  const nlo = (-lo) | 0;
  out[o] = nlo;
  out[o + 1] = (~hi + (nlo === 0 ? 1 : 0)) | 0;
}

/** `i64.div_s`: traps on division by zero and on -2^63 / -1. */
export function i64DivS(out: Int32Array, o: number, alo: number, ahi: number, blo: number, bhi: number): void {
  if (blo === 0 && bhi === 0) trap(TrapMessage.IntegerDivideByZero);
  // A divisor that is a sign-extended i32 other than -2^31: divide the magnitudes.
  if (bhi === blo >> 31 && blo !== -0x80000000) {
    const neg = ahi < 0;
    let al = alo >>> 0, ah = ahi >>> 0;
    if (neg) { al = (-alo) >>> 0; ah = (~ahi + (al === 0 ? 1 : 0)) >>> 0; }
    if (blo === -1 && ahi === -0x80000000 && alo === 0) trap(TrapMessage.IntegerOverflow);
    const ql = divBy32(al, ah, blo < 0 ? -blo : blo);
    if (neg !== (blo < 0)) writeNegHalves(out, o, ql, qHigh);
    else { out[o] = ql | 0; out[o + 1] = qHigh | 0; }
    return;
  }
  i64DivSSlow(out, o, alo, ahi, blo, bhi);
}

function i64DivSSlow(out: Int32Array, o: number, alo: number, ahi: number, blo: number, bhi: number): void {
  writeI64Big(out, o, i64ToBigInt(alo, ahi) / i64ToBigInt(blo, bhi));
}

/** `i64.div_u`: traps on division by zero. */
export function i64DivU(out: Int32Array, o: number, alo: number, ahi: number, blo: number, bhi: number): void {
  if (bhi === 0) {
    if (blo === 0) trap(TrapMessage.IntegerDivideByZero);
    if (ahi === 0) {
      // Both below 2^32: one double division, truncated.
      out[o] = ((alo >>> 0) / (blo >>> 0)) | 0;
      out[o + 1] = 0;
      return;
    }
    out[o] = divBy32(alo >>> 0, ahi >>> 0, blo >>> 0) | 0;
    out[o + 1] = qHigh | 0;
    return;
  }
  if ((ahi >>> 20) === 0 && (bhi >>> 20) === 0) {
    writeU(out, o, Math.floor(((ahi * TWO32) + (alo >>> 0)) / ((bhi * TWO32) + (blo >>> 0))));
    return;
  }
  writeI64Big(out, o, u64ToBigInt(alo, ahi) / u64ToBigInt(blo, bhi));
}

/** `i64.rem_s`: traps on division by zero; the sign follows the dividend. */
export function i64RemS(out: Int32Array, o: number, alo: number, ahi: number, blo: number, bhi: number): void {
  if (blo === 0 && bhi === 0) trap(TrapMessage.IntegerDivideByZero);
  if (bhi === blo >> 31 && blo !== -0x80000000) {
    const neg = ahi < 0;
    let al = alo >>> 0, ah = ahi >>> 0;
    if (neg) { al = (-alo) >>> 0; ah = (~ahi + (al === 0 ? 1 : 0)) >>> 0; }
    divBy32(al, ah, blo < 0 ? -blo : blo);
    const r = rem32;
    if (neg) writeNegHalves(out, o, r, 0);
    else { out[o] = r | 0; out[o + 1] = 0; }
    return;
  }
  i64RemSSlow(out, o, alo, ahi, blo, bhi);
}

function i64RemSSlow(out: Int32Array, o: number, alo: number, ahi: number, blo: number, bhi: number): void {
  writeI64Big(out, o, i64ToBigInt(alo, ahi) % i64ToBigInt(blo, bhi));
}

/** `i64.rem_u`: traps on division by zero. */
export function i64RemU(out: Int32Array, o: number, alo: number, ahi: number, blo: number, bhi: number): void {
  if (bhi === 0) {
    if (blo === 0) trap(TrapMessage.IntegerDivideByZero);
    if (ahi === 0) {
      out[o] = ((alo >>> 0) % (blo >>> 0)) | 0;
      out[o + 1] = 0;
      return;
    }
    divBy32(alo >>> 0, ahi >>> 0, blo >>> 0);
    out[o] = rem32 | 0;
    out[o + 1] = 0;
    return;
  }
  if ((ahi >>> 20) === 0 && (bhi >>> 20) === 0) {
    writeU(out, o, ((ahi * TWO32) + (alo >>> 0)) % ((bhi * TWO32) + (blo >>> 0)));
    return;
  }
  writeI64Big(out, o, u64ToBigInt(alo, ahi) % u64ToBigInt(blo, bhi));
}

// ---------------------------------------------------------------- floats

// `Math.floor` and its kin return a NaN argument unchanged, signalling or not;
// the spec wants a quiet (arithmetic) NaN, and the canonical NaN is one.

/** `f32.ceil` and `f64.ceil` */
export function fCeil(x: number): number {
  return x !== x ? NaN : Math.ceil(x);
}

/** `f32.floor` and `f64.floor` */
export function fFloor(x: number): number {
  return x !== x ? NaN : Math.floor(x);
}

/** `f32.trunc` and `f64.trunc` */
export function fTrunc(x: number): number {
  return x !== x ? NaN : Math.trunc(x);
}

/**
 * `f32.nearest` and `f64.nearest`: round to the nearest integer, ties to even,
 * keeping the sign of zero. (`Math.round` breaks ties upwards.)
 */
export function fNearest(x: number): number {
  if (x !== x) return NaN;
  const r = Math.round(x);
  // A tie rounded up to an odd integer goes down instead; -0.5 rounds to -0, already even.
  return r - x === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}

// ---------------------------------------------------------------- float to integer

/** `i32.trunc_f32_s` / `i32.trunc_f64_s` */
export function i32TruncS(x: number): number {
  if (x !== x) trap(TrapMessage.InvalidConversion);
  if (x <= -2147483649 || x >= 2147483648) trap(TrapMessage.IntegerOverflow);
  return x | 0;
}

/** `i32.trunc_f32_u` / `i32.trunc_f64_u` (the result as a signed i32) */
export function i32TruncU(x: number): number {
  if (x !== x) trap(TrapMessage.InvalidConversion);
  if (x <= -1 || x >= TWO32) trap(TrapMessage.IntegerOverflow);
  return x | 0;
}

/** `i32.trunc_sat_f32_s` / `i32.trunc_sat_f64_s` */
export function i32TruncSatS(x: number): number {
  if (x !== x) return 0;
  if (x <= -2147483648) return -2147483648;
  if (x >= 2147483647) return 2147483647;
  return x | 0;
}

/** `i32.trunc_sat_f32_u` / `i32.trunc_sat_f64_u` (the result as a signed i32) */
export function i32TruncSatU(x: number): number {
  if (x !== x || x <= 0) return 0;
  if (x >= TWO32) return -1;
  return x | 0;
}

/** Writes an integral double in [-2^63, 2^64) as i64 halves (wrapping modulo 2^64). */
function writeI64Integral(out: Int32Array, o: number, t: number): void {
  const hi = Math.floor(t / TWO32);
  out[o] = (t - hi * TWO32) | 0;
  out[o + 1] = hi | 0;
}

/** `i64.trunc_f32_s` / `i64.trunc_f64_s` */
export function i64TruncS(out: Int32Array, o: number, x: number): void {
  if (x !== x) trap(TrapMessage.InvalidConversion);
  if (x < -TWO63 || x >= TWO63) trap(TrapMessage.IntegerOverflow);
  writeI64Integral(out, o, Math.trunc(x));
}

/** `i64.trunc_f32_u` / `i64.trunc_f64_u` */
export function i64TruncU(out: Int32Array, o: number, x: number): void {
  if (x !== x) trap(TrapMessage.InvalidConversion);
  if (x <= -1 || x >= TWO64) trap(TrapMessage.IntegerOverflow);
  writeI64Integral(out, o, Math.trunc(x));
}

/** `i64.trunc_sat_f32_s` / `i64.trunc_sat_f64_s` */
export function i64TruncSatS(out: Int32Array, o: number, x: number): void {
  if (x !== x) { out[o] = 0; out[o + 1] = 0; }
  else if (x < -TWO63) { out[o] = 0; out[o + 1] = -0x80000000; }
  else if (x >= TWO63) { out[o] = -1; out[o + 1] = 0x7fffffff; }
  else writeI64Integral(out, o, Math.trunc(x));
}

/** `i64.trunc_sat_f32_u` / `i64.trunc_sat_f64_u` */
export function i64TruncSatU(out: Int32Array, o: number, x: number): void {
  if (x !== x || x <= -1) { out[o] = 0; out[o + 1] = 0; }
  else if (x >= TWO64) { out[o] = -1; out[o + 1] = -1; }
  else writeI64Integral(out, o, Math.trunc(x));
}

// ---------------------------------------------------------------- integer to float

/** `f64.convert_i64_s`: one rounding of the exact sum. */
export function f64ConvertI64S(lo: number, hi: number): number {
  return hi * TWO32 + (lo >>> 0);
}

/** `f64.convert_i64_u` */
export function f64ConvertI64U(lo: number, hi: number): number {
  return (hi >>> 0) * TWO32 + (lo >>> 0);
}

/**
 * `f32.convert_i64_u`, rounded once. Going through a double would round twice
 * for values of more than 53 bits; below the f32 rounding point (bit 29 or
 * higher for such values) only whether any bit is set matters, so bits 0..27
 * collapse into one sticky bit and the double is then exact.
 */
export function f32ConvertI64U(lo: number, hi: number): number {
  if (hi >>> 0 >= 0x200000) lo = (lo & 0xf0000000) | ((lo & 0x0fffffff) !== 0 ? 0x08000000 : 0);
  return Math.fround((hi >>> 0) * TWO32 + (lo >>> 0));
}

/** `f32.convert_i64_s`, rounded once (see {@link f32ConvertI64U}). */
export function f32ConvertI64S(lo: number, hi: number): number {
  if (hi >= 0) return f32ConvertI64U(lo, hi);
  // Magnitude of a negative value: two's complement negation on halves.
  const nlo = -lo | 0;
  const nhi = (~hi + (nlo === 0 ? 1 : 0)) | 0;
  return -f32ConvertI64U(nlo, nhi);
}
