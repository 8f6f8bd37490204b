/**
 * Which lane function runs each SIMD instruction, on which view and lane
 * shape: three tables indexed by `op - 0xfd00` (so relaxed SIMD's `0xffXX`
 * codes fit after the 2.0 ones). The lane functions are written once per
 * operation (./integer.ts, ./float.ts, generic over the shape); each row
 * here binds one instruction to one of them, and the interpreter
 * (./step.ts) and compiled code (../compiler/emit-simd.ts) both dispatch
 * through these tables, so an instruction's semantics are stated once.
 *
 * Each row is its own small function (not one closure made in a loop), so
 * V8 keeps a call site per instruction and can inline the lane function into it.
 * @module
 */
import { Op } from "../../base/opcodes.js";
import {
  i16x8Add, i16x8ExtaddPairwiseI8x16S, i16x8ExtaddPairwiseI8x16U, i16x8Sub, i32x4Add, i32x4Eq, i32x4ExtaddPairwiseI16x8S,
  i32x4ExtaddPairwiseI16x8U, i32x4Mul, i32x4Ne, i32x4Sub, i8x16Add, i8x16Eq, i8x16Ne, i8x16Sub, i8x16Swizzle, v128And,
  v128Andnot, v128AnyTrue, v128Bitselect, v128Not, v128Or, v128Xor,
} from "./bitwise.js";
import {
  FCompare, FUnary, f32x4ConvertI32x4S, f32x4ConvertI32x4U, f32x4DemoteF64x2Zero, f64x2ConvertLowI32x4S,
  f64x2ConvertLowI32x4U, f64x2PromoteLowF32x4, i32x4TruncSatF32x4S, i32x4TruncSatF32x4U, i32x4TruncSatF64x2SZero,
  i32x4TruncSatF64x2UZero, lanesFAbs, lanesFAdd, lanesFCompare, lanesFDiv, lanesFMax, lanesFMin, lanesFMul, lanesFNeg,
  lanesFPmax, lanesFPmin, lanesFSub, lanesFUnary,
} from "./float.js";
import {
  i16x8Q15mulrSatS, i32x4DotI16x8S, i64x2Abs, i64x2Add, i64x2AllTrue, i64x2Bitmask, i64x2Eq, i64x2ExtendHighI32x4S,
  i64x2ExtendHighI32x4U, i64x2ExtendLowI32x4S, i64x2ExtendLowI32x4U, i64x2ExtmulHighI32x4S, i64x2ExtmulHighI32x4U,
  i64x2ExtmulLowI32x4S, i64x2ExtmulLowI32x4U, i64x2GeS, i64x2GtS, i64x2LeS, i64x2LtS, i64x2Mul, i64x2Ne, i64x2Neg,
  i64x2Shl, i64x2ShrS, i64x2ShrU, i64x2Sub, i8x16Popcnt, lanesAbs, lanesAddSat, lanesAllTrue, lanesAvgr, lanesBitmask,
  lanesEq, lanesExtend, lanesExtmul, lanesGe, lanesGt, lanesLe, lanesLt, lanesMax, lanesMin, lanesMul, lanesNarrow,
  lanesNe, lanesNeg, lanesShl, lanesShrS, lanesShrU, lanesSubSat,
} from "./integer.js";
import type { V128Space } from "./lanes.js";
import {
  f32x4RelaxedMadd, f32x4RelaxedNmadd, f64x2RelaxedMadd, f64x2RelaxedNmadd, i16x8RelaxedDotI8x16I7x16S,
  i32x4RelaxedDotI8x16I7x16AddS,
} from "./relaxed.js";

/** A vector instruction: vector slots in, vector slot `d` out (unused operands are ignored). */
export type VectorOp = (v: V128Space, d: number, a: number, b: number, c: number) => void;
/** A shift: vector slot `a` shifted by `count` into slot `d`. */
export type ShiftOp = (v: V128Space, d: number, a: number, count: number) => void;
/** A test (`any_true`, `all_true`, `bitmask`): vector slot `a` to an i32. */
export type TestOp = (v: V128Space, a: number) => number;

/** Index of SIMD code `op` in the tables. */
export function tableIndex(op: number): number {
  return op - 0xfd00;
}

const SIZE = 0x300;
const S8 = -128, S8_MAX = 127, U8_MAX = 255, S16 = -32768, S16_MAX = 32767, U16_MAX = 65535;

const VECTOR_ROWS: readonly (readonly [number, VectorOp])[] = [
  // Bitwise and rearranging (./bitwise.ts).
  [Op.V128Not, (v, d, a) => v128Not(v, d, a)],
  [Op.V128And, (v, d, a, b) => v128And(v, d, a, b)],
  [Op.V128Andnot, (v, d, a, b) => v128Andnot(v, d, a, b)],
  [Op.V128Or, (v, d, a, b) => v128Or(v, d, a, b)],
  [Op.V128Xor, (v, d, a, b) => v128Xor(v, d, a, b)],
  [Op.V128Bitselect, (v, d, a, b, c) => v128Bitselect(v, d, a, b, c)],
  [Op.I8x16Swizzle, (v, d, a, b) => i8x16Swizzle(v, d, a, b)],
  // Word by word (./bitwise.ts over ./words.ts: SWAR adds and compares, pairwise extending adds).
  [Op.I8x16Add, (v, d, a, b) => i8x16Add(v, d, a, b)],
  [Op.I8x16Sub, (v, d, a, b) => i8x16Sub(v, d, a, b)],
  [Op.I8x16Eq, (v, d, a, b) => i8x16Eq(v, d, a, b)],
  [Op.I8x16Ne, (v, d, a, b) => i8x16Ne(v, d, a, b)],
  [Op.I16x8Add, (v, d, a, b) => i16x8Add(v, d, a, b)],
  [Op.I16x8Sub, (v, d, a, b) => i16x8Sub(v, d, a, b)],
  [Op.I32x4Add, (v, d, a, b) => i32x4Add(v, d, a, b)],
  [Op.I32x4Sub, (v, d, a, b) => i32x4Sub(v, d, a, b)],
  [Op.I32x4Mul, (v, d, a, b) => i32x4Mul(v, d, a, b)],
  [Op.I32x4Eq, (v, d, a, b) => i32x4Eq(v, d, a, b)],
  [Op.I32x4Ne, (v, d, a, b) => i32x4Ne(v, d, a, b)],
  [Op.I16x8ExtaddPairwiseI8x16S, (v, d, a) => i16x8ExtaddPairwiseI8x16S(v, d, a)],
  [Op.I16x8ExtaddPairwiseI8x16U, (v, d, a) => i16x8ExtaddPairwiseI8x16U(v, d, a)],
  [Op.I32x4ExtaddPairwiseI16x8S, (v, d, a) => i32x4ExtaddPairwiseI16x8S(v, d, a)],
  [Op.I32x4ExtaddPairwiseI16x8U, (v, d, a) => i32x4ExtaddPairwiseI16x8U(v, d, a)],
  // Integer lanes of every shape (./integer.ts): the view gives width and signedness.
  [Op.I8x16Neg, (v, d, a) => lanesNeg(v.i8, 16, d, a)],
  [Op.I16x8Neg, (v, d, a) => lanesNeg(v.i16, 8, d, a)],
  [Op.I32x4Neg, (v, d, a) => lanesNeg(v.i32, 4, d, a)],
  [Op.I8x16Abs, (v, d, a) => lanesAbs(v.i8, 16, d, a)],
  [Op.I16x8Abs, (v, d, a) => lanesAbs(v.i16, 8, d, a)],
  [Op.I32x4Abs, (v, d, a) => lanesAbs(v.i32, 4, d, a)],
  [Op.I16x8Mul, (v, d, a, b) => lanesMul(v.i16, 8, d, a, b)],
  [Op.I8x16MinS, (v, d, a, b) => lanesMin(v.i8, 16, d, a, b)],
  [Op.I8x16MinU, (v, d, a, b) => lanesMin(v.u8, 16, d, a, b)],
  [Op.I16x8MinS, (v, d, a, b) => lanesMin(v.i16, 8, d, a, b)],
  [Op.I16x8MinU, (v, d, a, b) => lanesMin(v.u16, 8, d, a, b)],
  [Op.I32x4MinS, (v, d, a, b) => lanesMin(v.i32, 4, d, a, b)],
  [Op.I32x4MinU, (v, d, a, b) => lanesMin(v.u32, 4, d, a, b)],
  [Op.I8x16MaxS, (v, d, a, b) => lanesMax(v.i8, 16, d, a, b)],
  [Op.I8x16MaxU, (v, d, a, b) => lanesMax(v.u8, 16, d, a, b)],
  [Op.I16x8MaxS, (v, d, a, b) => lanesMax(v.i16, 8, d, a, b)],
  [Op.I16x8MaxU, (v, d, a, b) => lanesMax(v.u16, 8, d, a, b)],
  [Op.I32x4MaxS, (v, d, a, b) => lanesMax(v.i32, 4, d, a, b)],
  [Op.I32x4MaxU, (v, d, a, b) => lanesMax(v.u32, 4, d, a, b)],
  [Op.I16x8Eq, (v, d, a, b) => lanesEq(v.i16, 8, d, a, b)],
  [Op.I16x8Ne, (v, d, a, b) => lanesNe(v.i16, 8, d, a, b)],
  [Op.I8x16LtS, (v, d, a, b) => lanesLt(v.i8, 16, d, a, b)],
  [Op.I8x16LtU, (v, d, a, b) => lanesLt(v.u8, 16, d, a, b)],
  [Op.I16x8LtS, (v, d, a, b) => lanesLt(v.i16, 8, d, a, b)],
  [Op.I16x8LtU, (v, d, a, b) => lanesLt(v.u16, 8, d, a, b)],
  [Op.I32x4LtS, (v, d, a, b) => lanesLt(v.i32, 4, d, a, b)],
  [Op.I32x4LtU, (v, d, a, b) => lanesLt(v.u32, 4, d, a, b)],
  [Op.I8x16GtS, (v, d, a, b) => lanesGt(v.i8, 16, d, a, b)],
  [Op.I8x16GtU, (v, d, a, b) => lanesGt(v.u8, 16, d, a, b)],
  [Op.I16x8GtS, (v, d, a, b) => lanesGt(v.i16, 8, d, a, b)],
  [Op.I16x8GtU, (v, d, a, b) => lanesGt(v.u16, 8, d, a, b)],
  [Op.I32x4GtS, (v, d, a, b) => lanesGt(v.i32, 4, d, a, b)],
  [Op.I32x4GtU, (v, d, a, b) => lanesGt(v.u32, 4, d, a, b)],
  [Op.I8x16LeS, (v, d, a, b) => lanesLe(v.i8, 16, d, a, b)],
  [Op.I8x16LeU, (v, d, a, b) => lanesLe(v.u8, 16, d, a, b)],
  [Op.I16x8LeS, (v, d, a, b) => lanesLe(v.i16, 8, d, a, b)],
  [Op.I16x8LeU, (v, d, a, b) => lanesLe(v.u16, 8, d, a, b)],
  [Op.I32x4LeS, (v, d, a, b) => lanesLe(v.i32, 4, d, a, b)],
  [Op.I32x4LeU, (v, d, a, b) => lanesLe(v.u32, 4, d, a, b)],
  [Op.I8x16GeS, (v, d, a, b) => lanesGe(v.i8, 16, d, a, b)],
  [Op.I8x16GeU, (v, d, a, b) => lanesGe(v.u8, 16, d, a, b)],
  [Op.I16x8GeS, (v, d, a, b) => lanesGe(v.i16, 8, d, a, b)],
  [Op.I16x8GeU, (v, d, a, b) => lanesGe(v.u16, 8, d, a, b)],
  [Op.I32x4GeS, (v, d, a, b) => lanesGe(v.i32, 4, d, a, b)],
  [Op.I32x4GeU, (v, d, a, b) => lanesGe(v.u32, 4, d, a, b)],
  [Op.I8x16AddSatS, (v, d, a, b) => lanesAddSat(v.i8, 16, S8, S8_MAX, d, a, b)],
  [Op.I8x16AddSatU, (v, d, a, b) => lanesAddSat(v.u8, 16, 0, U8_MAX, d, a, b)],
  [Op.I16x8AddSatS, (v, d, a, b) => lanesAddSat(v.i16, 8, S16, S16_MAX, d, a, b)],
  [Op.I16x8AddSatU, (v, d, a, b) => lanesAddSat(v.u16, 8, 0, U16_MAX, d, a, b)],
  [Op.I8x16SubSatS, (v, d, a, b) => lanesSubSat(v.i8, 16, S8, S8_MAX, d, a, b)],
  [Op.I8x16SubSatU, (v, d, a, b) => lanesSubSat(v.u8, 16, 0, U8_MAX, d, a, b)],
  [Op.I16x8SubSatS, (v, d, a, b) => lanesSubSat(v.i16, 8, S16, S16_MAX, d, a, b)],
  [Op.I16x8SubSatU, (v, d, a, b) => lanesSubSat(v.u16, 8, 0, U16_MAX, d, a, b)],
  [Op.I8x16AvgrU, (v, d, a, b) => lanesAvgr(v.u8, 16, d, a, b)],
  [Op.I16x8AvgrU, (v, d, a, b) => lanesAvgr(v.u16, 8, d, a, b)],
  [Op.I8x16NarrowI16x8S, (v, d, a, b) => lanesNarrow(v.i16, 16, S8, S8_MAX, d, a, b, v)],
  [Op.I8x16NarrowI16x8U, (v, d, a, b) => lanesNarrow(v.i16, 16, 0, U8_MAX, d, a, b, v)],
  [Op.I16x8NarrowI32x4S, (v, d, a, b) => lanesNarrow(v.i32, 8, S16, S16_MAX, d, a, b, v)],
  [Op.I16x8NarrowI32x4U, (v, d, a, b) => lanesNarrow(v.i32, 8, 0, U16_MAX, d, a, b, v)],
  [Op.I16x8ExtendLowI8x16S, (v, d, a) => lanesExtend(v.i8, 8, 0, d, a, v)],
  [Op.I16x8ExtendHighI8x16S, (v, d, a) => lanesExtend(v.i8, 8, 8, d, a, v)],
  [Op.I16x8ExtendLowI8x16U, (v, d, a) => lanesExtend(v.u8, 8, 0, d, a, v)],
  [Op.I16x8ExtendHighI8x16U, (v, d, a) => lanesExtend(v.u8, 8, 8, d, a, v)],
  [Op.I32x4ExtendLowI16x8S, (v, d, a) => lanesExtend(v.i16, 4, 0, d, a, v)],
  [Op.I32x4ExtendHighI16x8S, (v, d, a) => lanesExtend(v.i16, 4, 4, d, a, v)],
  [Op.I32x4ExtendLowI16x8U, (v, d, a) => lanesExtend(v.u16, 4, 0, d, a, v)],
  [Op.I32x4ExtendHighI16x8U, (v, d, a) => lanesExtend(v.u16, 4, 4, d, a, v)],
  [Op.I16x8ExtmulLowI8x16S, (v, d, a, b) => lanesExtmul(v.i8, 8, 0, d, a, b, v)],
  [Op.I16x8ExtmulHighI8x16S, (v, d, a, b) => lanesExtmul(v.i8, 8, 8, d, a, b, v)],
  [Op.I16x8ExtmulLowI8x16U, (v, d, a, b) => lanesExtmul(v.u8, 8, 0, d, a, b, v)],
  [Op.I16x8ExtmulHighI8x16U, (v, d, a, b) => lanesExtmul(v.u8, 8, 8, d, a, b, v)],
  [Op.I32x4ExtmulLowI16x8S, (v, d, a, b) => lanesExtmul(v.i16, 4, 0, d, a, b, v)],
  [Op.I32x4ExtmulHighI16x8S, (v, d, a, b) => lanesExtmul(v.i16, 4, 4, d, a, b, v)],
  [Op.I32x4ExtmulLowI16x8U, (v, d, a, b) => lanesExtmul(v.u16, 4, 0, d, a, b, v)],
  [Op.I32x4ExtmulHighI16x8U, (v, d, a, b) => lanesExtmul(v.u16, 4, 4, d, a, b, v)],
  // One shape each (./integer.ts).
  [Op.I8x16Popcnt, (v, d, a) => i8x16Popcnt(v, d, a)],
  [Op.I16x8Q15mulrSatS, (v, d, a, b) => i16x8Q15mulrSatS(v, d, a, b)],
  [Op.I32x4DotI16x8S, (v, d, a, b) => i32x4DotI16x8S(v, d, a, b)],
  [Op.I64x2Add, (v, d, a, b) => i64x2Add(v, d, a, b)],
  [Op.I64x2Sub, (v, d, a, b) => i64x2Sub(v, d, a, b)],
  [Op.I64x2Mul, (v, d, a, b) => i64x2Mul(v, d, a, b)],
  [Op.I64x2Neg, (v, d, a) => i64x2Neg(v, d, a)],
  [Op.I64x2Abs, (v, d, a) => i64x2Abs(v, d, a)],
  [Op.I64x2Eq, (v, d, a, b) => i64x2Eq(v, d, a, b)],
  [Op.I64x2Ne, (v, d, a, b) => i64x2Ne(v, d, a, b)],
  [Op.I64x2LtS, (v, d, a, b) => i64x2LtS(v, d, a, b)],
  [Op.I64x2GtS, (v, d, a, b) => i64x2GtS(v, d, a, b)],
  [Op.I64x2LeS, (v, d, a, b) => i64x2LeS(v, d, a, b)],
  [Op.I64x2GeS, (v, d, a, b) => i64x2GeS(v, d, a, b)],
  [Op.I64x2ExtendLowI32x4S, (v, d, a) => i64x2ExtendLowI32x4S(v, d, a)],
  [Op.I64x2ExtendHighI32x4S, (v, d, a) => i64x2ExtendHighI32x4S(v, d, a)],
  [Op.I64x2ExtendLowI32x4U, (v, d, a) => i64x2ExtendLowI32x4U(v, d, a)],
  [Op.I64x2ExtendHighI32x4U, (v, d, a) => i64x2ExtendHighI32x4U(v, d, a)],
  [Op.I64x2ExtmulLowI32x4S, (v, d, a, b) => i64x2ExtmulLowI32x4S(v, d, a, b)],
  [Op.I64x2ExtmulHighI32x4S, (v, d, a, b) => i64x2ExtmulHighI32x4S(v, d, a, b)],
  [Op.I64x2ExtmulLowI32x4U, (v, d, a, b) => i64x2ExtmulLowI32x4U(v, d, a, b)],
  [Op.I64x2ExtmulHighI32x4U, (v, d, a, b) => i64x2ExtmulHighI32x4U(v, d, a, b)],
  // Float lanes of both shapes (./float.ts).
  [Op.F32x4Add, (v, d, a, b) => lanesFAdd(v.f32, 4, d, a, b)],
  [Op.F64x2Add, (v, d, a, b) => lanesFAdd(v.f64, 2, d, a, b)],
  [Op.F32x4Sub, (v, d, a, b) => lanesFSub(v.f32, 4, d, a, b)],
  [Op.F64x2Sub, (v, d, a, b) => lanesFSub(v.f64, 2, d, a, b)],
  [Op.F32x4Mul, (v, d, a, b) => lanesFMul(v.f32, 4, d, a, b)],
  [Op.F64x2Mul, (v, d, a, b) => lanesFMul(v.f64, 2, d, a, b)],
  [Op.F32x4Div, (v, d, a, b) => lanesFDiv(v.f32, 4, d, a, b)],
  [Op.F64x2Div, (v, d, a, b) => lanesFDiv(v.f64, 2, d, a, b)],
  [Op.F32x4Min, (v, d, a, b) => lanesFMin(v.f32, 4, d, a, b)],
  [Op.F64x2Min, (v, d, a, b) => lanesFMin(v.f64, 2, d, a, b)],
  [Op.F32x4Max, (v, d, a, b) => lanesFMax(v.f32, 4, d, a, b)],
  [Op.F64x2Max, (v, d, a, b) => lanesFMax(v.f64, 2, d, a, b)],
  [Op.F32x4Pmin, (v, d, a, b) => lanesFPmin(v.f32, v.i32, 4, d, a, b)],
  [Op.F64x2Pmin, (v, d, a, b) => lanesFPmin(v.f64, v.i32, 2, d, a, b)],
  [Op.F32x4Pmax, (v, d, a, b) => lanesFPmax(v.f32, v.i32, 4, d, a, b)],
  [Op.F64x2Pmax, (v, d, a, b) => lanesFPmax(v.f64, v.i32, 2, d, a, b)],
  [Op.F32x4Abs, (v, d, a) => lanesFAbs(v.i32, 4, d, a)],
  [Op.F64x2Abs, (v, d, a) => lanesFAbs(v.i32, 2, d, a)],
  [Op.F32x4Neg, (v, d, a) => lanesFNeg(v.i32, 4, d, a)],
  [Op.F64x2Neg, (v, d, a) => lanesFNeg(v.i32, 2, d, a)],
  [Op.F32x4Sqrt, (v, d, a) => lanesFUnary(v.f32, 4, FUnary.Sqrt, d, a)],
  [Op.F64x2Sqrt, (v, d, a) => lanesFUnary(v.f64, 2, FUnary.Sqrt, d, a)],
  [Op.F32x4Ceil, (v, d, a) => lanesFUnary(v.f32, 4, FUnary.Ceil, d, a)],
  [Op.F64x2Ceil, (v, d, a) => lanesFUnary(v.f64, 2, FUnary.Ceil, d, a)],
  [Op.F32x4Floor, (v, d, a) => lanesFUnary(v.f32, 4, FUnary.Floor, d, a)],
  [Op.F64x2Floor, (v, d, a) => lanesFUnary(v.f64, 2, FUnary.Floor, d, a)],
  [Op.F32x4Trunc, (v, d, a) => lanesFUnary(v.f32, 4, FUnary.Trunc, d, a)],
  [Op.F64x2Trunc, (v, d, a) => lanesFUnary(v.f64, 2, FUnary.Trunc, d, a)],
  [Op.F32x4Nearest, (v, d, a) => lanesFUnary(v.f32, 4, FUnary.Nearest, d, a)],
  [Op.F64x2Nearest, (v, d, a) => lanesFUnary(v.f64, 2, FUnary.Nearest, d, a)],
  [Op.F32x4Eq, (v, d, a, b) => lanesFCompare(v.f32, v.i32, 4, FCompare.Eq, d, a, b)],
  [Op.F64x2Eq, (v, d, a, b) => lanesFCompare(v.f64, v.i32, 2, FCompare.Eq, d, a, b)],
  [Op.F32x4Ne, (v, d, a, b) => lanesFCompare(v.f32, v.i32, 4, FCompare.Ne, d, a, b)],
  [Op.F64x2Ne, (v, d, a, b) => lanesFCompare(v.f64, v.i32, 2, FCompare.Ne, d, a, b)],
  [Op.F32x4Lt, (v, d, a, b) => lanesFCompare(v.f32, v.i32, 4, FCompare.Lt, d, a, b)],
  [Op.F64x2Lt, (v, d, a, b) => lanesFCompare(v.f64, v.i32, 2, FCompare.Lt, d, a, b)],
  [Op.F32x4Gt, (v, d, a, b) => lanesFCompare(v.f32, v.i32, 4, FCompare.Gt, d, a, b)],
  [Op.F64x2Gt, (v, d, a, b) => lanesFCompare(v.f64, v.i32, 2, FCompare.Gt, d, a, b)],
  [Op.F32x4Le, (v, d, a, b) => lanesFCompare(v.f32, v.i32, 4, FCompare.Le, d, a, b)],
  [Op.F64x2Le, (v, d, a, b) => lanesFCompare(v.f64, v.i32, 2, FCompare.Le, d, a, b)],
  [Op.F32x4Ge, (v, d, a, b) => lanesFCompare(v.f32, v.i32, 4, FCompare.Ge, d, a, b)],
  [Op.F64x2Ge, (v, d, a, b) => lanesFCompare(v.f64, v.i32, 2, FCompare.Ge, d, a, b)],
  // Conversions (./float.ts, one pair of shapes each).
  [Op.I32x4TruncSatF32x4S, (v, d, a) => i32x4TruncSatF32x4S(v, d, a)],
  [Op.I32x4TruncSatF32x4U, (v, d, a) => i32x4TruncSatF32x4U(v, d, a)],
  [Op.F32x4ConvertI32x4S, (v, d, a) => f32x4ConvertI32x4S(v, d, a)],
  [Op.F32x4ConvertI32x4U, (v, d, a) => f32x4ConvertI32x4U(v, d, a)],
  [Op.I32x4TruncSatF64x2SZero, (v, d, a) => i32x4TruncSatF64x2SZero(v, d, a)],
  [Op.I32x4TruncSatF64x2UZero, (v, d, a) => i32x4TruncSatF64x2UZero(v, d, a)],
  [Op.F64x2ConvertLowI32x4S, (v, d, a) => f64x2ConvertLowI32x4S(v, d, a)],
  [Op.F64x2ConvertLowI32x4U, (v, d, a) => f64x2ConvertLowI32x4U(v, d, a)],
  [Op.F32x4DemoteF64x2Zero, (v, d, a) => f32x4DemoteF64x2Zero(v, d, a)],
  [Op.F64x2PromoteLowF32x4, (v, d, a) => f64x2PromoteLowF32x4(v, d, a)],
  // Relaxed SIMD without a 2.0 twin (./relaxed.ts; the others run as their twin).
  [Op.F32x4RelaxedMadd, (v, d, a, b, c) => f32x4RelaxedMadd(v, d, a, b, c)],
  [Op.F32x4RelaxedNmadd, (v, d, a, b, c) => f32x4RelaxedNmadd(v, d, a, b, c)],
  [Op.F64x2RelaxedMadd, (v, d, a, b, c) => f64x2RelaxedMadd(v, d, a, b, c)],
  [Op.F64x2RelaxedNmadd, (v, d, a, b, c) => f64x2RelaxedNmadd(v, d, a, b, c)],
  [Op.I16x8RelaxedDotI8x16I7x16S, (v, d, a, b) => i16x8RelaxedDotI8x16I7x16S(v, d, a, b)],
  [Op.I32x4RelaxedDotI8x16I7x16AddS, (v, d, a, b, c) => i32x4RelaxedDotI8x16I7x16AddS(v, d, a, b, c)],
];

const SHIFT_ROWS: readonly (readonly [number, ShiftOp])[] = [
  [Op.I8x16Shl, (v, d, a, k) => lanesShl(v.i8, 16, d, a, k)],
  [Op.I16x8Shl, (v, d, a, k) => lanesShl(v.i16, 8, d, a, k)],
  [Op.I32x4Shl, (v, d, a, k) => lanesShl(v.i32, 4, d, a, k)],
  [Op.I8x16ShrS, (v, d, a, k) => lanesShrS(v.i8, 16, d, a, k)],
  [Op.I16x8ShrS, (v, d, a, k) => lanesShrS(v.i16, 8, d, a, k)],
  [Op.I32x4ShrS, (v, d, a, k) => lanesShrS(v.i32, 4, d, a, k)],
  [Op.I8x16ShrU, (v, d, a, k) => lanesShrU(v.u8, 16, d, a, k)],
  [Op.I16x8ShrU, (v, d, a, k) => lanesShrU(v.u16, 8, d, a, k)],
  [Op.I32x4ShrU, (v, d, a, k) => lanesShrU(v.u32, 4, d, a, k)],
  [Op.I64x2Shl, (v, d, a, k) => i64x2Shl(v, d, a, k)],
  [Op.I64x2ShrS, (v, d, a, k) => i64x2ShrS(v, d, a, k)],
  [Op.I64x2ShrU, (v, d, a, k) => i64x2ShrU(v, d, a, k)],
];

const TEST_ROWS: readonly (readonly [number, TestOp])[] = [
  [Op.V128AnyTrue, (v, a) => v128AnyTrue(v, a)],
  [Op.I8x16AllTrue, (v, a) => lanesAllTrue(v.i8, 16, a)],
  [Op.I16x8AllTrue, (v, a) => lanesAllTrue(v.i16, 8, a)],
  [Op.I32x4AllTrue, (v, a) => lanesAllTrue(v.i32, 4, a)],
  [Op.I64x2AllTrue, (v, a) => i64x2AllTrue(v, a)],
  [Op.I8x16Bitmask, (v, a) => lanesBitmask(v.i8, 16, a)],
  [Op.I16x8Bitmask, (v, a) => lanesBitmask(v.i16, 8, a)],
  [Op.I32x4Bitmask, (v, a) => lanesBitmask(v.i32, 4, a)],
  [Op.I64x2Bitmask, (v, a) => i64x2Bitmask(v, a)],
];

function tableOf<F>(rows: readonly (readonly [number, F])[]): readonly (F | undefined)[] {
  const out = new Array<F | undefined>(SIZE).fill(undefined);
  for (const [op, f] of rows) out[tableIndex(op)] = f;
  return out;
}

/** The vector instructions (`v:d op v:a v:b v:c` in the interpreter), by {@link tableIndex}. */
export const VECTOR_OPS: readonly (VectorOp | undefined)[] = tableOf(VECTOR_ROWS);
/** The shifts, by {@link tableIndex}. */
export const SHIFT_OPS: readonly (ShiftOp | undefined)[] = tableOf(SHIFT_ROWS);
/** `any_true`, `all_true` and `bitmask`, by {@link tableIndex}. */
export const TEST_OPS: readonly (TestOp | undefined)[] = tableOf(TEST_ROWS);
