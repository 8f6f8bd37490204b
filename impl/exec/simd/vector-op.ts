/**
 * SIMD instructions by opcode, for a tier that dispatches them through one
 * internal code: {@link vectorOp} (operands and result all vectors),
 * {@link vectorTest} (vector to i32) and {@link vectorShift}. The `case`
 * labels are `SimdOp` literals, so each `switch` is a jump table.
 * @module
 */
import {
  i8x16Swizzle, v128And, v128Andnot, v128AnyTrue, v128Bitselect, v128Not, v128Or, v128Xor,
} from "./bitwise.js";
import {
  f32x4Abs, f32x4Add, f32x4Ceil, f32x4ConvertI32x4S, f32x4ConvertI32x4U, f32x4DemoteF64x2Zero, f32x4Div,
  f32x4Eq, f32x4Floor, f32x4Ge, f32x4Gt, f32x4Le, f32x4Lt, f32x4Max, f32x4Min, f32x4Mul, f32x4Ne, f32x4Nearest,
  f32x4Neg, f32x4Pmax, f32x4Pmin, f32x4Sqrt, f32x4Sub, f32x4Trunc, f64x2Abs, f64x2Add, f64x2Ceil,
  f64x2ConvertLowI32x4S, f64x2ConvertLowI32x4U, f64x2Div, f64x2Eq, f64x2Floor, f64x2Ge, f64x2Gt, f64x2Le,
  f64x2Lt, f64x2Max, f64x2Min, f64x2Mul, f64x2Ne, f64x2Nearest, f64x2Neg, f64x2Pmax, f64x2Pmin,
  f64x2PromoteLowF32x4, f64x2Sqrt, f64x2Sub, f64x2Trunc, i32x4TruncSatF32x4S, i32x4TruncSatF32x4U,
  i32x4TruncSatF64x2SZero, i32x4TruncSatF64x2UZero,
} from "./float.js";
import {
  i16x8Abs, i16x8Add, i16x8AddSatS, i16x8AddSatU, i16x8AllTrue, i16x8AvgrU, i16x8Bitmask, i16x8Eq,
  i16x8ExtaddPairwiseI8x16S, i16x8ExtaddPairwiseI8x16U, i16x8ExtendHighI8x16S, i16x8ExtendHighI8x16U,
  i16x8ExtendLowI8x16S, i16x8ExtendLowI8x16U, i16x8ExtmulHighI8x16S, i16x8ExtmulHighI8x16U,
  i16x8ExtmulLowI8x16S, i16x8ExtmulLowI8x16U, i16x8GeS, i16x8GeU, i16x8GtS, i16x8GtU, i16x8LeS, i16x8LeU,
  i16x8LtS, i16x8LtU, i16x8MaxS, i16x8MaxU, i16x8MinS, i16x8MinU, i16x8Mul, i16x8NarrowI32x4S,
  i16x8NarrowI32x4U, i16x8Ne, i16x8Neg, i16x8Q15mulrSatS, i16x8Shl, i16x8ShrS, i16x8ShrU, i16x8Sub,
  i16x8SubSatS, i16x8SubSatU, i32x4Abs, i32x4Add, i32x4AllTrue, i32x4Bitmask, i32x4DotI16x8S, i32x4Eq,
  i32x4ExtaddPairwiseI16x8S, i32x4ExtaddPairwiseI16x8U, i32x4ExtendHighI16x8S, i32x4ExtendHighI16x8U,
  i32x4ExtendLowI16x8S, i32x4ExtendLowI16x8U, i32x4ExtmulHighI16x8S, i32x4ExtmulHighI16x8U,
  i32x4ExtmulLowI16x8S, i32x4ExtmulLowI16x8U, i32x4GeS, i32x4GeU, i32x4GtS, i32x4GtU, i32x4LeS, i32x4LeU,
  i32x4LtS, i32x4LtU, i32x4MaxS, i32x4MaxU, i32x4MinS, i32x4MinU, i32x4Mul, i32x4Ne, i32x4Neg, i32x4Shl,
  i32x4ShrS, i32x4ShrU, i32x4Sub, i64x2Abs, i64x2Add, i64x2AllTrue, i64x2Bitmask, i64x2Eq,
  i64x2ExtendHighI32x4S, i64x2ExtendHighI32x4U, i64x2ExtendLowI32x4S, i64x2ExtendLowI32x4U,
  i64x2ExtmulHighI32x4S, i64x2ExtmulHighI32x4U, i64x2ExtmulLowI32x4S, i64x2ExtmulLowI32x4U, i64x2GeS, i64x2GtS,
  i64x2LeS, i64x2LtS, i64x2Mul, i64x2Ne, i64x2Neg, i64x2Shl, i64x2ShrS, i64x2ShrU, i64x2Sub, i8x16Abs,
  i8x16Add, i8x16AddSatS, i8x16AddSatU, i8x16AllTrue, i8x16AvgrU, i8x16Bitmask, i8x16Eq, i8x16GeS, i8x16GeU,
  i8x16GtS, i8x16GtU, i8x16LeS, i8x16LeU, i8x16LtS, i8x16LtU, i8x16MaxS, i8x16MaxU, i8x16MinS, i8x16MinU,
  i8x16NarrowI16x8S, i8x16NarrowI16x8U, i8x16Ne, i8x16Neg, i8x16Popcnt, i8x16Shl, i8x16ShrS, i8x16ShrU,
  i8x16Sub, i8x16SubSatS, i8x16SubSatU,
} from "./integer.js";
import type { V128Space } from "./lanes.js";
import { SimdOp as Op } from "./ops.js";

/**
 * Runs the vector-only SIMD instruction `op` (its full code, e.g.
 * `0xfdae` for `i32x4.add`) on slots of `v`: result to `d`, operands `a`,
 * `b` and (`v128.bitselect` only) `c`; unused operands are ignored. Returns
 * false when `op` is not such an instruction.
 */
export function vectorOp(op: number, v: V128Space, d: number, a: number, b: number, c: number): boolean {
  switch (op) {
    case Op.I8x16Swizzle: i8x16Swizzle(v, d, a, b); return true;
    case Op.I8x16Eq: i8x16Eq(v, d, a, b); return true;
    case Op.I8x16Ne: i8x16Ne(v, d, a, b); return true;
    case Op.I8x16LtS: i8x16LtS(v, d, a, b); return true;
    case Op.I8x16LtU: i8x16LtU(v, d, a, b); return true;
    case Op.I8x16GtS: i8x16GtS(v, d, a, b); return true;
    case Op.I8x16GtU: i8x16GtU(v, d, a, b); return true;
    case Op.I8x16LeS: i8x16LeS(v, d, a, b); return true;
    case Op.I8x16LeU: i8x16LeU(v, d, a, b); return true;
    case Op.I8x16GeS: i8x16GeS(v, d, a, b); return true;
    case Op.I8x16GeU: i8x16GeU(v, d, a, b); return true;
    case Op.I16x8Eq: i16x8Eq(v, d, a, b); return true;
    case Op.I16x8Ne: i16x8Ne(v, d, a, b); return true;
    case Op.I16x8LtS: i16x8LtS(v, d, a, b); return true;
    case Op.I16x8LtU: i16x8LtU(v, d, a, b); return true;
    case Op.I16x8GtS: i16x8GtS(v, d, a, b); return true;
    case Op.I16x8GtU: i16x8GtU(v, d, a, b); return true;
    case Op.I16x8LeS: i16x8LeS(v, d, a, b); return true;
    case Op.I16x8LeU: i16x8LeU(v, d, a, b); return true;
    case Op.I16x8GeS: i16x8GeS(v, d, a, b); return true;
    case Op.I16x8GeU: i16x8GeU(v, d, a, b); return true;
    case Op.I32x4Eq: i32x4Eq(v, d, a, b); return true;
    case Op.I32x4Ne: i32x4Ne(v, d, a, b); return true;
    case Op.I32x4LtS: i32x4LtS(v, d, a, b); return true;
    case Op.I32x4LtU: i32x4LtU(v, d, a, b); return true;
    case Op.I32x4GtS: i32x4GtS(v, d, a, b); return true;
    case Op.I32x4GtU: i32x4GtU(v, d, a, b); return true;
    case Op.I32x4LeS: i32x4LeS(v, d, a, b); return true;
    case Op.I32x4LeU: i32x4LeU(v, d, a, b); return true;
    case Op.I32x4GeS: i32x4GeS(v, d, a, b); return true;
    case Op.I32x4GeU: i32x4GeU(v, d, a, b); return true;
    case Op.F32x4Eq: f32x4Eq(v, d, a, b); return true;
    case Op.F32x4Ne: f32x4Ne(v, d, a, b); return true;
    case Op.F32x4Lt: f32x4Lt(v, d, a, b); return true;
    case Op.F32x4Gt: f32x4Gt(v, d, a, b); return true;
    case Op.F32x4Le: f32x4Le(v, d, a, b); return true;
    case Op.F32x4Ge: f32x4Ge(v, d, a, b); return true;
    case Op.F64x2Eq: f64x2Eq(v, d, a, b); return true;
    case Op.F64x2Ne: f64x2Ne(v, d, a, b); return true;
    case Op.F64x2Lt: f64x2Lt(v, d, a, b); return true;
    case Op.F64x2Gt: f64x2Gt(v, d, a, b); return true;
    case Op.F64x2Le: f64x2Le(v, d, a, b); return true;
    case Op.F64x2Ge: f64x2Ge(v, d, a, b); return true;
    case Op.V128Not: v128Not(v, d, a); return true;
    case Op.V128And: v128And(v, d, a, b); return true;
    case Op.V128Andnot: v128Andnot(v, d, a, b); return true;
    case Op.V128Or: v128Or(v, d, a, b); return true;
    case Op.V128Xor: v128Xor(v, d, a, b); return true;
    case Op.V128Bitselect: v128Bitselect(v, d, a, b, c); return true;
    case Op.F32x4DemoteF64x2Zero: f32x4DemoteF64x2Zero(v, d, a); return true;
    case Op.F64x2PromoteLowF32x4: f64x2PromoteLowF32x4(v, d, a); return true;
    case Op.I8x16Abs: i8x16Abs(v, d, a); return true;
    case Op.I8x16Neg: i8x16Neg(v, d, a); return true;
    case Op.I8x16Popcnt: i8x16Popcnt(v, d, a); return true;
    case Op.I8x16NarrowI16x8S: i8x16NarrowI16x8S(v, d, a, b); return true;
    case Op.I8x16NarrowI16x8U: i8x16NarrowI16x8U(v, d, a, b); return true;
    case Op.F32x4Ceil: f32x4Ceil(v, d, a); return true;
    case Op.F32x4Floor: f32x4Floor(v, d, a); return true;
    case Op.F32x4Trunc: f32x4Trunc(v, d, a); return true;
    case Op.F32x4Nearest: f32x4Nearest(v, d, a); return true;
    case Op.I8x16Add: i8x16Add(v, d, a, b); return true;
    case Op.I8x16AddSatS: i8x16AddSatS(v, d, a, b); return true;
    case Op.I8x16AddSatU: i8x16AddSatU(v, d, a, b); return true;
    case Op.I8x16Sub: i8x16Sub(v, d, a, b); return true;
    case Op.I8x16SubSatS: i8x16SubSatS(v, d, a, b); return true;
    case Op.I8x16SubSatU: i8x16SubSatU(v, d, a, b); return true;
    case Op.F64x2Ceil: f64x2Ceil(v, d, a); return true;
    case Op.F64x2Floor: f64x2Floor(v, d, a); return true;
    case Op.I8x16MinS: i8x16MinS(v, d, a, b); return true;
    case Op.I8x16MinU: i8x16MinU(v, d, a, b); return true;
    case Op.I8x16MaxS: i8x16MaxS(v, d, a, b); return true;
    case Op.I8x16MaxU: i8x16MaxU(v, d, a, b); return true;
    case Op.F64x2Trunc: f64x2Trunc(v, d, a); return true;
    case Op.I8x16AvgrU: i8x16AvgrU(v, d, a, b); return true;
    case Op.I16x8ExtaddPairwiseI8x16S: i16x8ExtaddPairwiseI8x16S(v, d, a); return true;
    case Op.I16x8ExtaddPairwiseI8x16U: i16x8ExtaddPairwiseI8x16U(v, d, a); return true;
    case Op.I32x4ExtaddPairwiseI16x8S: i32x4ExtaddPairwiseI16x8S(v, d, a); return true;
    case Op.I32x4ExtaddPairwiseI16x8U: i32x4ExtaddPairwiseI16x8U(v, d, a); return true;
    case Op.I16x8Abs: i16x8Abs(v, d, a); return true;
    case Op.I16x8Neg: i16x8Neg(v, d, a); return true;
    case Op.I16x8Q15mulrSatS: i16x8Q15mulrSatS(v, d, a, b); return true;
    case Op.I16x8NarrowI32x4S: i16x8NarrowI32x4S(v, d, a, b); return true;
    case Op.I16x8NarrowI32x4U: i16x8NarrowI32x4U(v, d, a, b); return true;
    case Op.I16x8ExtendLowI8x16S: i16x8ExtendLowI8x16S(v, d, a); return true;
    case Op.I16x8ExtendHighI8x16S: i16x8ExtendHighI8x16S(v, d, a); return true;
    case Op.I16x8ExtendLowI8x16U: i16x8ExtendLowI8x16U(v, d, a); return true;
    case Op.I16x8ExtendHighI8x16U: i16x8ExtendHighI8x16U(v, d, a); return true;
    case Op.I16x8Add: i16x8Add(v, d, a, b); return true;
    case Op.I16x8AddSatS: i16x8AddSatS(v, d, a, b); return true;
    case Op.I16x8AddSatU: i16x8AddSatU(v, d, a, b); return true;
    case Op.I16x8Sub: i16x8Sub(v, d, a, b); return true;
    case Op.I16x8SubSatS: i16x8SubSatS(v, d, a, b); return true;
    case Op.I16x8SubSatU: i16x8SubSatU(v, d, a, b); return true;
    case Op.F64x2Nearest: f64x2Nearest(v, d, a); return true;
    case Op.I16x8Mul: i16x8Mul(v, d, a, b); return true;
    case Op.I16x8MinS: i16x8MinS(v, d, a, b); return true;
    case Op.I16x8MinU: i16x8MinU(v, d, a, b); return true;
    case Op.I16x8MaxS: i16x8MaxS(v, d, a, b); return true;
    case Op.I16x8MaxU: i16x8MaxU(v, d, a, b); return true;
    case Op.I16x8AvgrU: i16x8AvgrU(v, d, a, b); return true;
    case Op.I16x8ExtmulLowI8x16S: i16x8ExtmulLowI8x16S(v, d, a, b); return true;
    case Op.I16x8ExtmulHighI8x16S: i16x8ExtmulHighI8x16S(v, d, a, b); return true;
    case Op.I16x8ExtmulLowI8x16U: i16x8ExtmulLowI8x16U(v, d, a, b); return true;
    case Op.I16x8ExtmulHighI8x16U: i16x8ExtmulHighI8x16U(v, d, a, b); return true;
    case Op.I32x4Abs: i32x4Abs(v, d, a); return true;
    case Op.I32x4Neg: i32x4Neg(v, d, a); return true;
    case Op.I32x4ExtendLowI16x8S: i32x4ExtendLowI16x8S(v, d, a); return true;
    case Op.I32x4ExtendHighI16x8S: i32x4ExtendHighI16x8S(v, d, a); return true;
    case Op.I32x4ExtendLowI16x8U: i32x4ExtendLowI16x8U(v, d, a); return true;
    case Op.I32x4ExtendHighI16x8U: i32x4ExtendHighI16x8U(v, d, a); return true;
    case Op.I32x4Add: i32x4Add(v, d, a, b); return true;
    case Op.I32x4Sub: i32x4Sub(v, d, a, b); return true;
    case Op.I32x4Mul: i32x4Mul(v, d, a, b); return true;
    case Op.I32x4MinS: i32x4MinS(v, d, a, b); return true;
    case Op.I32x4MinU: i32x4MinU(v, d, a, b); return true;
    case Op.I32x4MaxS: i32x4MaxS(v, d, a, b); return true;
    case Op.I32x4MaxU: i32x4MaxU(v, d, a, b); return true;
    case Op.I32x4DotI16x8S: i32x4DotI16x8S(v, d, a, b); return true;
    case Op.I32x4ExtmulLowI16x8S: i32x4ExtmulLowI16x8S(v, d, a, b); return true;
    case Op.I32x4ExtmulHighI16x8S: i32x4ExtmulHighI16x8S(v, d, a, b); return true;
    case Op.I32x4ExtmulLowI16x8U: i32x4ExtmulLowI16x8U(v, d, a, b); return true;
    case Op.I32x4ExtmulHighI16x8U: i32x4ExtmulHighI16x8U(v, d, a, b); return true;
    case Op.I64x2Abs: i64x2Abs(v, d, a); return true;
    case Op.I64x2Neg: i64x2Neg(v, d, a); return true;
    case Op.I64x2ExtendLowI32x4S: i64x2ExtendLowI32x4S(v, d, a); return true;
    case Op.I64x2ExtendHighI32x4S: i64x2ExtendHighI32x4S(v, d, a); return true;
    case Op.I64x2ExtendLowI32x4U: i64x2ExtendLowI32x4U(v, d, a); return true;
    case Op.I64x2ExtendHighI32x4U: i64x2ExtendHighI32x4U(v, d, a); return true;
    case Op.I64x2Add: i64x2Add(v, d, a, b); return true;
    case Op.I64x2Sub: i64x2Sub(v, d, a, b); return true;
    case Op.I64x2Mul: i64x2Mul(v, d, a, b); return true;
    case Op.I64x2Eq: i64x2Eq(v, d, a, b); return true;
    case Op.I64x2Ne: i64x2Ne(v, d, a, b); return true;
    case Op.I64x2LtS: i64x2LtS(v, d, a, b); return true;
    case Op.I64x2GtS: i64x2GtS(v, d, a, b); return true;
    case Op.I64x2LeS: i64x2LeS(v, d, a, b); return true;
    case Op.I64x2GeS: i64x2GeS(v, d, a, b); return true;
    case Op.I64x2ExtmulLowI32x4S: i64x2ExtmulLowI32x4S(v, d, a, b); return true;
    case Op.I64x2ExtmulHighI32x4S: i64x2ExtmulHighI32x4S(v, d, a, b); return true;
    case Op.I64x2ExtmulLowI32x4U: i64x2ExtmulLowI32x4U(v, d, a, b); return true;
    case Op.I64x2ExtmulHighI32x4U: i64x2ExtmulHighI32x4U(v, d, a, b); return true;
    case Op.F32x4Abs: f32x4Abs(v, d, a); return true;
    case Op.F32x4Neg: f32x4Neg(v, d, a); return true;
    case Op.F32x4Sqrt: f32x4Sqrt(v, d, a); return true;
    case Op.F32x4Add: f32x4Add(v, d, a, b); return true;
    case Op.F32x4Sub: f32x4Sub(v, d, a, b); return true;
    case Op.F32x4Mul: f32x4Mul(v, d, a, b); return true;
    case Op.F32x4Div: f32x4Div(v, d, a, b); return true;
    case Op.F32x4Min: f32x4Min(v, d, a, b); return true;
    case Op.F32x4Max: f32x4Max(v, d, a, b); return true;
    case Op.F32x4Pmin: f32x4Pmin(v, d, a, b); return true;
    case Op.F32x4Pmax: f32x4Pmax(v, d, a, b); return true;
    case Op.F64x2Abs: f64x2Abs(v, d, a); return true;
    case Op.F64x2Neg: f64x2Neg(v, d, a); return true;
    case Op.F64x2Sqrt: f64x2Sqrt(v, d, a); return true;
    case Op.F64x2Add: f64x2Add(v, d, a, b); return true;
    case Op.F64x2Sub: f64x2Sub(v, d, a, b); return true;
    case Op.F64x2Mul: f64x2Mul(v, d, a, b); return true;
    case Op.F64x2Div: f64x2Div(v, d, a, b); return true;
    case Op.F64x2Min: f64x2Min(v, d, a, b); return true;
    case Op.F64x2Max: f64x2Max(v, d, a, b); return true;
    case Op.F64x2Pmin: f64x2Pmin(v, d, a, b); return true;
    case Op.F64x2Pmax: f64x2Pmax(v, d, a, b); return true;
    case Op.I32x4TruncSatF32x4S: i32x4TruncSatF32x4S(v, d, a); return true;
    case Op.I32x4TruncSatF32x4U: i32x4TruncSatF32x4U(v, d, a); return true;
    case Op.F32x4ConvertI32x4S: f32x4ConvertI32x4S(v, d, a); return true;
    case Op.F32x4ConvertI32x4U: f32x4ConvertI32x4U(v, d, a); return true;
    case Op.I32x4TruncSatF64x2SZero: i32x4TruncSatF64x2SZero(v, d, a); return true;
    case Op.I32x4TruncSatF64x2UZero: i32x4TruncSatF64x2UZero(v, d, a); return true;
    case Op.F64x2ConvertLowI32x4S: f64x2ConvertLowI32x4S(v, d, a); return true;
    case Op.F64x2ConvertLowI32x4U: f64x2ConvertLowI32x4U(v, d, a); return true;
    default: return false;
  }
}

/** Runs a SIMD test or bitmask (`v128.any_true`, `*.all_true`, `*.bitmask`) on slot `a`; returns the i32. */
export function vectorTest(op: number, v: V128Space, a: number): number {
  switch (op) {
    case Op.V128AnyTrue: return v128AnyTrue(v, a);
    case Op.I8x16AllTrue: return i8x16AllTrue(v, a);
    case Op.I16x8AllTrue: return i16x8AllTrue(v, a);
    case Op.I32x4AllTrue: return i32x4AllTrue(v, a);
    case Op.I64x2AllTrue: return i64x2AllTrue(v, a);
    case Op.I8x16Bitmask: return i8x16Bitmask(v, a);
    case Op.I16x8Bitmask: return i16x8Bitmask(v, a);
    case Op.I32x4Bitmask: return i32x4Bitmask(v, a);
    case Op.I64x2Bitmask: return i64x2Bitmask(v, a);
    default: throw new Error(`not a SIMD test: 0x${op.toString(16)}`);
  }
}

/** Runs a SIMD shift of slot `a` by the i32 `count` into slot `d`. */
export function vectorShift(op: number, v: V128Space, d: number, a: number, count: number): void {
  switch (op) {
    case Op.I8x16Shl: i8x16Shl(v, d, a, count); return;
    case Op.I8x16ShrS: i8x16ShrS(v, d, a, count); return;
    case Op.I8x16ShrU: i8x16ShrU(v, d, a, count); return;
    case Op.I16x8Shl: i16x8Shl(v, d, a, count); return;
    case Op.I16x8ShrS: i16x8ShrS(v, d, a, count); return;
    case Op.I16x8ShrU: i16x8ShrU(v, d, a, count); return;
    case Op.I32x4Shl: i32x4Shl(v, d, a, count); return;
    case Op.I32x4ShrS: i32x4ShrS(v, d, a, count); return;
    case Op.I32x4ShrU: i32x4ShrU(v, d, a, count); return;
    case Op.I64x2Shl: i64x2Shl(v, d, a, count); return;
    case Op.I64x2ShrS: i64x2ShrS(v, d, a, count); return;
    case Op.I64x2ShrU: i64x2ShrU(v, d, a, count); return;
    default: throw new Error(`not a SIMD shift: 0x${op.toString(16)}`);
  }
}
