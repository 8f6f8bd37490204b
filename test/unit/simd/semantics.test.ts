import test from "ava";
import { Trap } from "../../../impl/base/errors.js";
import { Op, OP_INFO } from "../../../impl/base/opcodes.js";
import { i8x16Swizzle, i8x16Shuffle, v128Bitselect } from "../../../impl/exec/simd/bitwise.js";
import {
  f32x4ConvertI32x4U, f32x4DemoteF64x2Zero, f64x2PromoteLowF32x4, i32x4TruncSatF32x4S, i32x4TruncSatF32x4U,
  i32x4TruncSatF64x2UZero,
} from "../../../impl/exec/simd/float.js";
import {
  i16x8Q15mulrSatS, i32x4DotI16x8S, i64x2Abs, i64x2ExtmulLowI32x4S, i64x2ExtmulLowI32x4U, i64x2LtS, i64x2Mul, i64x2Neg,
  i64x2Sub, i8x16Popcnt,
} from "../../../impl/exec/simd/integer.js";
import { SHIFT_OPS, tableIndex, TEST_OPS, VECTOR_OPS } from "../../../impl/exec/simd/table.js";
import { V128Space } from "../../../impl/exec/simd/lanes.js";
import { v128Load32x2, v128Load64Zero, v128LoadLane, v128Store, v128StoreLane } from "../../../impl/exec/simd/memory.js";
import { i16x8ExtractLaneS, i64x2ReplaceLane, i8x16Splat } from "../../../impl/exec/simd/scalar.js";
import { simdLength, simdStep } from "../../../impl/exec/simd/step.js";
import { deterministicSimd } from "../../../impl/exec/simd/relaxed.js";

/** Instruction `op` as the interpreter runs it, through the tables of impl/exec/simd/table.ts. */
const vector = (op: number) => (v: V128Space, d: number, a: number, b = 0, c = 0): void => VECTOR_OPS[tableIndex(op)]!(v, d, a, b, c);
const shift = (op: number) => (v: V128Space, d: number, a: number, k: number): void => SHIFT_OPS[tableIndex(op)]!(v, d, a, k);
const tester = (op: number) => (v: V128Space, a: number): number => TEST_OPS[tableIndex(op)]!(v, a);
const f32x4Min = vector(Op.F32x4Min), f32x4Nearest = vector(Op.F32x4Nearest), f32x4Pmin = vector(Op.F32x4Pmin);
const f64x2Max = vector(Op.F64x2Max);
const i16x8ExtaddPairwiseI8x16S = vector(Op.I16x8ExtaddPairwiseI8x16S), i32x4ExtendHighI16x8U = vector(Op.I32x4ExtendHighI16x8U);
const i8x16AddSatS = vector(Op.I8x16AddSatS), i8x16AddSatU = vector(Op.I8x16AddSatU), i8x16SubSatU = vector(Op.I8x16SubSatU);
const i8x16NarrowI16x8U = vector(Op.I8x16NarrowI16x8U), i16x8AvgrU = vector(Op.I16x8AvgrU);
const i8x16ShrS = shift(Op.I8x16ShrS);
const i8x16Bitmask = tester(Op.I8x16Bitmask), i16x8AllTrue = tester(Op.I16x8AllTrue);

/** A space of four slots; `set` fills slot s from lane values of a typed-array kind. */
function space(): V128Space {
  return new V128Space(4);
}
function i8(v: V128Space, s: number, lanes: number[]): void { v.i8.set(lanes, s * 16); }
function i16(v: V128Space, s: number, lanes: number[]): void { v.i16.set(lanes, s * 8); }
function i32(v: V128Space, s: number, lanes: number[]): void { v.i32.set(lanes, s * 4); }
function f32(v: V128Space, s: number, lanes: number[]): void { v.f32.set(lanes, s * 4); }
function f64(v: V128Space, s: number, lanes: number[]): void { v.f64.set(lanes, s * 2); }
const lanesI8 = (v: V128Space, s: number): number[] => [...v.i8.subarray(s * 16, s * 16 + 16)];
const lanesU8 = (v: V128Space, s: number): number[] => [...v.u8.subarray(s * 16, s * 16 + 16)];
const lanesI16 = (v: V128Space, s: number): number[] => [...v.i16.subarray(s * 8, s * 8 + 8)];
const lanesI32 = (v: V128Space, s: number): number[] => [...v.i32.subarray(s * 4, s * 4 + 4)];
const lanesU32 = (v: V128Space, s: number): number[] => [...v.u32.subarray(s * 4, s * 4 + 4)];
const i64Lanes = (v: V128Space, s: number): bigint[] => [...new BigInt64Array(v.buffer, s * 16, 2)];

test("saturating i8 arithmetic clamps to the signed or unsigned range", (t) => {
  const v = space();
  i8(v, 0, [127, -128, 100, -100, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]);
  i8(v, 1, [1, -1, 100, -100, -2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]);
  i8x16AddSatS(v, 2, 0, 1);
  t.deepEqual(lanesI8(v, 2).slice(0, 5), [127, -128, 127, -128, -1]);
  i8x16AddSatU(v, 2, 0, 1);
  // 127 + 1 = 128; 0x80 + 0xff saturates; 0xff + 0xff saturates.
  t.deepEqual([lanesU8(v, 2)[0], lanesU8(v, 2)[1], lanesU8(v, 2)[15]], [128, 255, 255]);
  i8x16SubSatU(v, 2, 1, 0);
  t.is(lanesU8(v, 2)[0], 0);
});

test("q15mulr_sat saturates only -1 × -1 and rounds half up", (t) => {
  const v = space();
  i16(v, 0, [-32768, 16384, -16384, 1, 32767, 0, 0, 0]);
  i16(v, 1, [-32768, 16384, 16384, 16384, 32767, 0, 0, 0]);
  i16x8Q15mulrSatS(v, 2, 0, 1);
  t.deepEqual(lanesI16(v, 2).slice(0, 5), [32767, 8192, -8192, 1, 32766]);
});

test("dot_i16x8_s wraps the one overflowing sum", (t) => {
  const v = space();
  i16(v, 0, [-32768, -32768, 2, 3, 0, 0, -1, 1]);
  i16(v, 1, [-32768, -32768, 4, 5, 0, 0, 7, 7]);
  i32x4DotI16x8S(v, 0, 0, 1); // destination aliases an operand
  t.deepEqual(lanesI32(v, 0), [-2147483648, 23, 0, 0]);
});

test("float min is NaN-propagating and orders -0 below +0; pmin keeps the operand's bits", (t) => {
  const v = space();
  v.u32.set([0x7fa00001, 0x00000000, 0x80000000, 0x3f800000], 0);
  v.u32.set([0x3f800000, 0x80000000, 0x00000000, 0x7fc00000], 4);
  f32x4Min(v, 2, 0, 1);
  const r = lanesU32(v, 2);
  t.is(r[0]! & 0x7fc00000, 0x7fc00000);
  t.deepEqual(r.slice(1, 3), [0x80000000, 0x80000000]);
  t.is(r[3]! & 0x7fc00000, 0x7fc00000);
  f32x4Pmin(v, 2, 0, 1);
  // pmin(a, b) = b < a ? b : a: comparisons with NaN are false, so a's bits, signalling NaN and all.
  t.deepEqual(lanesU32(v, 2), [0x7fa00001, 0x00000000, 0x80000000, 0x3f800000]);
  f64(v, 0, [-0, NaN]);
  f64(v, 1, [0, 1]);
  f64x2Max(v, 2, 0, 1);
  t.true(Object.is(v.f64[4], 0));
  t.true(Number.isNaN(v.f64[5]));
});

test("nearest rounds ties to even", (t) => {
  const v = space();
  f32(v, 0, [2.5, -2.5, 3.5, -0.5]);
  f32x4Nearest(v, 1, 0);
  t.deepEqual([...v.f32.subarray(4, 8)], [2, -2, 4, -0]);
  t.true(Object.is(v.f32[7], -0));
});

test("trunc_sat maps NaN to 0 and clamps; the f64 forms zero the upper lanes", (t) => {
  const v = space();
  f32(v, 0, [NaN, 3e9, -3e9, -1.9]);
  i32x4TruncSatF32x4S(v, 1, 0);
  t.deepEqual(lanesI32(v, 1), [0, 2147483647, -2147483648, -1]);
  i32x4TruncSatF32x4U(v, 1, 0);
  t.deepEqual(lanesU32(v, 1), [0, 3000000000, 0, 0]);
  i32(v, 2, [1, 2, 3, 4]);
  f64(v, 2, [5e9, 7.9]);
  i32x4TruncSatF64x2UZero(v, 2, 2);
  t.deepEqual(lanesU32(v, 2), [4294967295, 7, 0, 0]);
});

test("conversions: unsigned i32 to f32 rounds, demote zeroes the upper lanes, promote is exact", (t) => {
  const v = space();
  v.u32.set([0xffffffff, 16777217, 1, 0], 0);
  f32x4ConvertI32x4U(v, 1, 0);
  t.deepEqual([...v.f32.subarray(4, 8)], [4294967296, 16777216, 1, 0]);
  f64(v, 2, [0.1, 1e300]);
  f32x4DemoteF64x2Zero(v, 2, 2);
  t.deepEqual([...v.f32.subarray(8, 12)], [Math.fround(0.1), Infinity, 0, 0]);
  f64x2PromoteLowF32x4(v, 3, 2);
  t.deepEqual([...v.f64.subarray(6, 8)], [Math.fround(0.1), Infinity]);
});

test("narrowing saturates signed input to the unsigned range, lanes of a then b", (t) => {
  const v = space();
  i16(v, 0, [-1, 0, 255, 256, 300, -300, 7, 8]);
  i16(v, 1, [1, 2, 3, 4, 5, 6, 32767, -32768]);
  i8x16NarrowI16x8U(v, 0, 0, 1);
  t.deepEqual(lanesU8(v, 0), [0, 0, 255, 255, 255, 0, 7, 8, 1, 2, 3, 4, 5, 6, 255, 0]);
});

test("widening: extend_high, extadd_pairwise and i64 extmul", (t) => {
  const v = space();
  i16(v, 0, [0, 0, 0, 0, -1, -2, 32767, -32768]);
  i32x4ExtendHighI16x8U(v, 1, 0);
  t.deepEqual(lanesI32(v, 1), [65535, 65534, 32767, 32768]);
  i8(v, 0, [-128, -128, 127, 127, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  i16x8ExtaddPairwiseI8x16S(v, 0, 0);
  t.deepEqual(lanesI16(v, 0).slice(0, 3), [-256, 254, 0]);
  i32(v, 2, [-2147483648, 0, -1, 0]);
  i32(v, 3, [-2147483648, 0, -1, 0]);
  i64x2ExtmulLowI32x4S(v, 0, 2, 3);
  t.deepEqual(i64Lanes(v, 0), [4611686018427387904n, 0n]);
  i64x2ExtmulLowI32x4U(v, 0, 2, 3);
  t.deepEqual(i64Lanes(v, 0), [4611686018427387904n, 0n]);
  i32(v, 2, [-1, 0, 0, 0]);
  i32(v, 3, [-1, 0, 0, 0]);
  i64x2ExtmulLowI32x4U(v, 0, 2, 3);
  t.deepEqual(i64Lanes(v, 0), [BigInt.asIntN(64, 0xfffffffe00000001n), 0n]);
});

test("i64x2 lanes on 32-bit halves: sub borrows, mul wraps, neg/abs of the minimum, signed compare", (t) => {
  const v = space();
  new BigInt64Array(v.buffer, 0, 2).set([0n, -9223372036854775808n]);
  new BigInt64Array(v.buffer, 16, 2).set([1n, 3n]);
  i64x2Sub(v, 2, 0, 1);
  t.deepEqual(i64Lanes(v, 2), [-1n, 9223372036854775805n]);
  i64x2Mul(v, 2, 0, 1);
  t.deepEqual(i64Lanes(v, 2), [0n, -9223372036854775808n]);
  i64x2Neg(v, 2, 1);
  t.deepEqual(i64Lanes(v, 2), [-1n, -3n]);
  i64x2Abs(v, 2, 0);
  t.deepEqual(i64Lanes(v, 2), [0n, -9223372036854775808n]);
  i64x2LtS(v, 2, 0, 1);
  t.deepEqual(i64Lanes(v, 2), [-1n, -1n]);
});

test("swizzle zeroes out-of-range indices; shuffle picks from both operands, even in place", (t) => {
  const v = space();
  v.u8.set([...Array(16).keys()].map((i) => 100 + i), 0);
  v.u8.set([15, 0, 16, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 16);
  i8x16Swizzle(v, 1, 0, 1);
  t.deepEqual(lanesU8(v, 1).slice(0, 5), [115, 100, 0, 0, 101]);
  v.u8.set([...Array(16).keys()].map((i) => 200 + i), 32);
  const lanes = new Int32Array(4);
  new Uint8Array(lanes.buffer).set([0, 16, 1, 17, 31, 15, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
  i8x16Shuffle(v, 0, 0, 2, lanes, 0);
  t.deepEqual(lanesU8(v, 0).slice(0, 6), [100, 200, 101, 201, 215, 115]);
});

test("bitselect, bitmask, all_true, popcnt, avgr, arithmetic shift by a count modulo 8", (t) => {
  const v = space();
  i32(v, 0, [-1, 0, 0x0f0f0f0f, 5]);
  i32(v, 1, [0, -1, -1, 6]);
  i32(v, 2, [0xff, 0xff, 0x00ff00ff, 0]);
  v128Bitselect(v, 3, 0, 1, 2);
  t.deepEqual(lanesI32(v, 3), [0xff, -256, (0x0f0f0f0f & 0x00ff00ff) | (-1 & ~0x00ff00ff), 6]);
  i8(v, 0, [-1, 1, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -5]);
  t.is(i8x16Bitmask(v, 0), 0b1000000000000101);
  i16(v, 1, [1, 2, 3, 4, 5, 6, 7, 8]);
  t.is(i16x8AllTrue(v, 1), 1);
  i16(v, 1, [1, 2, 3, 0, 5, 6, 7, 8]);
  t.is(i16x8AllTrue(v, 1), 0);
  v.u8.set([0xff, 0x80, 0x55, 0], 32);
  i8x16Popcnt(v, 3, 2);
  t.deepEqual(lanesU8(v, 3).slice(0, 4), [8, 1, 4, 0]);
  i16(v, 1, [65535, 0, 1, 2, 0, 0, 0, 0].map((x) => (x << 16) >> 16));
  i16(v, 2, [65535, 1, 2, 2, 0, 0, 0, 0].map((x) => (x << 16) >> 16));
  i16x8AvgrU(v, 3, 1, 2);
  t.deepEqual([...v.u16.subarray(24, 28)], [65535, 1, 2, 2]);
  i8(v, 0, [-128, 64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  i8x16ShrS(v, 1, 0, 9);
  t.deepEqual(lanesI8(v, 1).slice(0, 2), [-64, 32]);
});

test("lanes to and from scalars", (t) => {
  const v = space();
  i8x16Splat(v, 0, 0x1ff);
  t.deepEqual(lanesU8(v, 0), Array(16).fill(255));
  t.is(i16x8ExtractLaneS(v, 0, 7), -1);
  i64x2ReplaceLane(v, 1, 0, 1, 5, 0);
  t.deepEqual(i64Lanes(v, 1), [-1n, 5n]);
});

test("loads and stores: bounds checked as a whole, lanes, zero and extending forms", (t) => {
  const v = space();
  const mem = new DataView(new ArrayBuffer(32));
  for (let i = 0; i < 32; i++) mem.setUint8(i, i === 3 ? 0xff : i);
  v128Load32x2(v, 0, mem, 0, 0, true);
  t.deepEqual(i64Lanes(v, 0), [BigInt.asIntN(32, 0xff020100n), 0x07060504n]);
  v128Load64Zero(v, 1, mem, 8, 16);
  t.deepEqual(i64Lanes(v, 1), [0x1f1e1d1c1b1a1918n, 0n]);
  t.throws(() => v128Load64Zero(v, 1, mem, 25, 0), { instanceOf: Trap, message: /^out of bounds memory access/ });
  // An offset beyond 2^32 - address must not wrap.
  t.throws(() => v128Store(v, 0, mem, -1, 1), { instanceOf: Trap });
  i32(v, 2, [0, 0, 0, 0]);
  v128LoadLane(v, 3, 2, mem, 4, 0, 2, 7);
  t.deepEqual(lanesI16(v, 3), [0, 0, 0, 0, 0, 0, 0, 0x0504]);
  v128StoreLane(v, 3, mem, 30, 0, 2, 7);
  t.deepEqual([mem.getUint8(30), mem.getUint8(31)], [4, 5]);
  t.throws(() => v128StoreLane(v, 3, mem, 31, 0, 2, 7), { instanceOf: Trap });
  t.is(mem.getUint8(31), 5);
});

test("simdStep runs every SIMD instruction of the opcode table and agrees with simdLength", (t) => {
  const v = new V128Space(8);
  const I = new Int32Array(16);
  const mem = new DataView(new ArrayBuffer(65536));
  let n = 0;
  for (const info of OP_INFO.values()) {
    if (info.code < 0xfd00 || (info.code > 0xfdff && info.code < 0xff00)) continue; // not the atomics (0xfe00..)
    // Operand words 1, 2, 3: valid slots, lanes (2 < every lane count), addresses and counts for every layout.
    // A relaxed instruction runs as its deterministic twin, when it has one (as the lowering emits it).
    const op = deterministicSimd(info.code);
    const code = Int32Array.of(0, 4, op, 1, 2, 3, 0, 0, 0, 0);
    t.is(simdStep(v, I, code, 0, 0, mem, []), simdLength(op), info.mnemonic);
    n++;
  }
  t.is(n, 236 + 20, "the 2.0 SIMD instructions and relaxed SIMD's");
  t.throws(() => simdStep(v, I, Int32Array.of(0, 0, 0xfd9a, 0, 0, 0), 0, 0, mem, []), { message: /no SIMD operation 0xfd9a/ });
});
