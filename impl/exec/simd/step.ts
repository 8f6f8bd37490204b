/**
 * The interpreter's SIMD instruction: every v128 instruction, and every move
 * of a v128 value, is lowered to the one internal code `Simd`, which the
 * dispatch loop hands to {@link simdStep}. The scalar loop's `switch` thus
 * grows by one case, and SIMD costs scalar code nothing.
 *
 * Layout: `Simd d op operands...`, where `op` is the wasm code
 * (`0xfdXX`, see `SimdOp`) or a {@link SimdMove} code, and `d` is the
 * destination (so the lowering may retarget it like any other result).
 * Operand units: `v` is a v128 slot number of the frame (slot `fd + v` of
 * the machine's {@link V128Space}), `i` a 32-bit word offset from the frame
 * base (`I[fp + i]`), `k` an immediate.
 *
 * | instructions                              | layout after `Simd`                         |
 * |-------------------------------------------|---------------------------------------------|
 * | vector operands and result               | `v:d op v:a v:b v:c` (unused operands 0)    |
 * | shifts                                    | `v:d op v:a i:count`                        |
 * | `any_true`, `all_true`, `bitmask`         | `i:d op v:a`                                |
 * | splats                                    | `v:d op i:x`                                |
 * | `extract_lane`                            | `i:d op v:a k:lane`                         |
 * | `replace_lane`                            | `v:d op v:a k:lane i:x`                     |
 * | `v128.const`                              | `v:d op k k k k` (the 16 bytes as 4 words)  |
 * | `i8x16.shuffle`                           | `v:d op v:a v:b k k k k` (lane bytes)       |
 * | loads, extending/splat/zero loads         | `v:d op i:addr k:offset`                    |
 * | lane loads                                | `v:d op i:addr k:offset v:a k:lane`         |
 * | `v128.store`                              | `0 op i:addr k:offset v:a`                  |
 * | lane stores                               | `0 op i:addr k:offset v:a k:lane`           |
 * | {@link SimdMove.Mov}                      | `v:d op v:a`                                |
 * | {@link SimdMove.Select}                   | `v:d op v:a v:b i:cond`                     |
 * | {@link SimdMove.GlobalGet}                | `v:d op k:global`                           |
 * | {@link SimdMove.GlobalSet}                | `0 op k:global v:a`                         |
 * @module
 */
import { SimdOp as Op } from "./ops.js";
import type { GlobalInstance } from "../../runtime/instances.js";
import {
  i8x16Shuffle, i8x16Swizzle, v128And, v128Andnot, v128AnyTrue, v128Bitselect, v128Not, v128Or, v128Xor,
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
import {
  f32x4RelaxedMadd, f32x4RelaxedNmadd, f64x2RelaxedMadd, f64x2RelaxedNmadd, i16x8RelaxedDotI8x16I7x16S,
  i32x4RelaxedDotI8x16I7x16AddS,
} from "./relaxed.js";
import {
  v128Load, v128Load16Splat, v128Load16x4, v128Load32Splat, v128Load32x2, v128Load32Zero, v128Load64Splat,
  v128Load64Zero, v128Load8Splat, v128Load8x8, v128LoadLane, v128Store, v128StoreLane,
} from "./memory.js";
import {
  i16x8ExtractLaneS, i16x8ExtractLaneU, i16x8ReplaceLane, i16x8Splat, i32x4ExtractLane, i32x4ReplaceLane,
  i32x4Splat, i64x2ExtractLane, i64x2ReplaceLane, i64x2Splat, i8x16ExtractLaneS, i8x16ExtractLaneU,
  i8x16ReplaceLane, i8x16Splat,
} from "./scalar.js";

/** Moves of v128 values, which are not wasm instructions of their own (codes above every SIMD code). */
export const enum SimdMove {
  /** Slot to slot (locals, block values, arguments, results). */
  Mov = 0xfe00,
  /** Untyped or typed `select` of two vectors. */
  Select = 0xfe01,
  /** `global.get` of a v128 global. */
  GlobalGet = 0xfe02,
  /** `global.set` of a v128 global. */
  GlobalSet = 0xfe03,
}

/** Words of a `Simd` instruction with operation `op`, the `Simd` code included. */
export function simdLength(op: number): number {
  switch (op) {
    case Op.V128Const: return 7;
    case Op.I8x16Shuffle: return 9;
    case Op.V128Load8Lane: case Op.V128Load16Lane: case Op.V128Load32Lane: case Op.V128Load64Lane:
    case Op.V128Store8Lane: case Op.V128Store16Lane: case Op.V128Store32Lane: case Op.V128Store64Lane:
      return 7;
    case Op.V128Store:
    case Op.I8x16ReplaceLane: case Op.I16x8ReplaceLane: case Op.I32x4ReplaceLane: case Op.I64x2ReplaceLane:
    case Op.F32x4ReplaceLane: case Op.F64x2ReplaceLane:
    case SimdMove.Select:
      return 6;
    case Op.V128Load: case Op.V128Load8x8S: case Op.V128Load8x8U: case Op.V128Load16x4S: case Op.V128Load16x4U:
    case Op.V128Load32x2S: case Op.V128Load32x2U: case Op.V128Load8Splat: case Op.V128Load16Splat:
    case Op.V128Load32Splat: case Op.V128Load64Splat: case Op.V128Load32Zero: case Op.V128Load64Zero:
    case Op.I8x16ExtractLaneS: case Op.I8x16ExtractLaneU: case Op.I16x8ExtractLaneS: case Op.I16x8ExtractLaneU:
    case Op.I32x4ExtractLane: case Op.I64x2ExtractLane: case Op.F32x4ExtractLane: case Op.F64x2ExtractLane:
    case Op.I8x16Shl: case Op.I8x16ShrS: case Op.I8x16ShrU: case Op.I16x8Shl: case Op.I16x8ShrS: case Op.I16x8ShrU:
    case Op.I32x4Shl: case Op.I32x4ShrS: case Op.I32x4ShrU: case Op.I64x2Shl: case Op.I64x2ShrS: case Op.I64x2ShrU:
    case SimdMove.GlobalSet:
      return 5;
    case Op.V128AnyTrue: case Op.I8x16AllTrue: case Op.I16x8AllTrue: case Op.I32x4AllTrue: case Op.I64x2AllTrue:
    case Op.I8x16Bitmask: case Op.I16x8Bitmask: case Op.I32x4Bitmask: case Op.I64x2Bitmask:
    case Op.I8x16Splat: case Op.I16x8Splat: case Op.I32x4Splat: case Op.I64x2Splat: case Op.F32x4Splat: case Op.F64x2Splat:
    case SimdMove.Mov: case SimdMove.GlobalGet:
      return 4;
    default:
      return 6;
  }
}

/**
 * Runs the `Simd` instruction at `pc` of `code` in the frame at word `fp`
 * (v128 slots from `fp >> 1`), with the instance's memory view and globals;
 * returns the position of the next instruction. Traps like the loop does
 * (out-of-bounds accesses throw {@link Trap}).
 */
export function simdStep(
  V: V128Space, I: Int32Array, code: Int32Array, pc: number, fp: number, mem: DataView, globals: readonly GlobalInstance[],
): number {
  const fd = fp >> 1;
  const op = code[pc + 2];
  const d = code[pc + 1];
  switch (op) {
    // Memory: `addr` is a word, the offset an immediate.
    case Op.V128Load: v128Load(V, fd + d, mem, I[fp + code[pc + 3]], code[pc + 4]); return pc + 5;
    case Op.V128Load8x8S: v128Load8x8(V, fd + d, mem, I[fp + code[pc + 3]], code[pc + 4], true); return pc + 5;
    case Op.V128Load8x8U: v128Load8x8(V, fd + d, mem, I[fp + code[pc + 3]], code[pc + 4], false); return pc + 5;
    case Op.V128Load16x4S: v128Load16x4(V, fd + d, mem, I[fp + code[pc + 3]], code[pc + 4], true); return pc + 5;
    case Op.V128Load16x4U: v128Load16x4(V, fd + d, mem, I[fp + code[pc + 3]], code[pc + 4], false); return pc + 5;
    case Op.V128Load32x2S: v128Load32x2(V, fd + d, mem, I[fp + code[pc + 3]], code[pc + 4], true); return pc + 5;
    case Op.V128Load32x2U: v128Load32x2(V, fd + d, mem, I[fp + code[pc + 3]], code[pc + 4], false); return pc + 5;
    case Op.V128Load8Splat: v128Load8Splat(V, fd + d, mem, I[fp + code[pc + 3]], code[pc + 4]); return pc + 5;
    case Op.V128Load16Splat: v128Load16Splat(V, fd + d, mem, I[fp + code[pc + 3]], code[pc + 4]); return pc + 5;
    case Op.V128Load32Splat: v128Load32Splat(V, fd + d, mem, I[fp + code[pc + 3]], code[pc + 4]); return pc + 5;
    case Op.V128Load64Splat: v128Load64Splat(V, fd + d, mem, I[fp + code[pc + 3]], code[pc + 4]); return pc + 5;
    case Op.V128Load32Zero: v128Load32Zero(V, fd + d, mem, I[fp + code[pc + 3]], code[pc + 4]); return pc + 5;
    case Op.V128Load64Zero: v128Load64Zero(V, fd + d, mem, I[fp + code[pc + 3]], code[pc + 4]); return pc + 5;
    case Op.V128Store: v128Store(V, fd + code[pc + 5], mem, I[fp + code[pc + 3]], code[pc + 4]); return pc + 6;
    case Op.V128Load8Lane: case Op.V128Load16Lane: case Op.V128Load32Lane: case Op.V128Load64Lane:
      v128LoadLane(V, fd + d, fd + code[pc + 5], mem, I[fp + code[pc + 3]], code[pc + 4], 1 << (op - Op.V128Load8Lane), code[pc + 6]);
      return pc + 7;
    case Op.V128Store8Lane: case Op.V128Store16Lane: case Op.V128Store32Lane: case Op.V128Store64Lane:
      v128StoreLane(V, fd + code[pc + 5], mem, I[fp + code[pc + 3]], code[pc + 4], 1 << (op - Op.V128Store8Lane), code[pc + 6]);
      return pc + 7;

    // Constants, shuffles, lanes.
    case Op.V128Const: {
      const w = V.i32, at = (fd + d) << 2;
      w[at] = code[pc + 3]; w[at + 1] = code[pc + 4]; w[at + 2] = code[pc + 5]; w[at + 3] = code[pc + 6];
      return pc + 7;
    }
    case Op.I8x16Shuffle: i8x16Shuffle(V, fd + d, fd + code[pc + 3], fd + code[pc + 4], code, pc + 5); return pc + 9;
    case Op.I8x16Splat: i8x16Splat(V, fd + d, I[fp + code[pc + 3]]); return pc + 4;
    case Op.I16x8Splat: i16x8Splat(V, fd + d, I[fp + code[pc + 3]]); return pc + 4;
    case Op.I32x4Splat: case Op.F32x4Splat: i32x4Splat(V, fd + d, I[fp + code[pc + 3]]); return pc + 4;
    case Op.I64x2Splat: case Op.F64x2Splat: {
      const s = fp + code[pc + 3];
      i64x2Splat(V, fd + d, I[s], I[s + 1]);
      return pc + 4;
    }
    case Op.I8x16ExtractLaneS: I[fp + d] = i8x16ExtractLaneS(V, fd + code[pc + 3], code[pc + 4]); return pc + 5;
    case Op.I8x16ExtractLaneU: I[fp + d] = i8x16ExtractLaneU(V, fd + code[pc + 3], code[pc + 4]); return pc + 5;
    case Op.I16x8ExtractLaneS: I[fp + d] = i16x8ExtractLaneS(V, fd + code[pc + 3], code[pc + 4]); return pc + 5;
    case Op.I16x8ExtractLaneU: I[fp + d] = i16x8ExtractLaneU(V, fd + code[pc + 3], code[pc + 4]); return pc + 5;
    case Op.I32x4ExtractLane: case Op.F32x4ExtractLane:
      I[fp + d] = i32x4ExtractLane(V, fd + code[pc + 3], code[pc + 4]);
      return pc + 5;
    case Op.I64x2ExtractLane: case Op.F64x2ExtractLane:
      i64x2ExtractLane(V, fd + code[pc + 3], code[pc + 4], I, fp + d);
      return pc + 5;
    case Op.I8x16ReplaceLane: i8x16ReplaceLane(V, fd + d, fd + code[pc + 3], code[pc + 4], I[fp + code[pc + 5]]); return pc + 6;
    case Op.I16x8ReplaceLane: i16x8ReplaceLane(V, fd + d, fd + code[pc + 3], code[pc + 4], I[fp + code[pc + 5]]); return pc + 6;
    case Op.I32x4ReplaceLane: case Op.F32x4ReplaceLane:
      i32x4ReplaceLane(V, fd + d, fd + code[pc + 3], code[pc + 4], I[fp + code[pc + 5]]);
      return pc + 6;
    case Op.I64x2ReplaceLane: case Op.F64x2ReplaceLane: {
      const s = fp + code[pc + 5];
      i64x2ReplaceLane(V, fd + d, fd + code[pc + 3], code[pc + 4], I[s], I[s + 1]);
      return pc + 6;
    }

    // Vector to i32, shifts by an i32.
    case Op.V128AnyTrue: I[fp + d] = v128AnyTrue(V, fd + code[pc + 3]); return pc + 4;
    case Op.I8x16AllTrue: I[fp + d] = i8x16AllTrue(V, fd + code[pc + 3]); return pc + 4;
    case Op.I16x8AllTrue: I[fp + d] = i16x8AllTrue(V, fd + code[pc + 3]); return pc + 4;
    case Op.I32x4AllTrue: I[fp + d] = i32x4AllTrue(V, fd + code[pc + 3]); return pc + 4;
    case Op.I64x2AllTrue: I[fp + d] = i64x2AllTrue(V, fd + code[pc + 3]); return pc + 4;
    case Op.I8x16Bitmask: I[fp + d] = i8x16Bitmask(V, fd + code[pc + 3]); return pc + 4;
    case Op.I16x8Bitmask: I[fp + d] = i16x8Bitmask(V, fd + code[pc + 3]); return pc + 4;
    case Op.I32x4Bitmask: I[fp + d] = i32x4Bitmask(V, fd + code[pc + 3]); return pc + 4;
    case Op.I64x2Bitmask: I[fp + d] = i64x2Bitmask(V, fd + code[pc + 3]); return pc + 4;
    case Op.I8x16Shl: i8x16Shl(V, fd + d, fd + code[pc + 3], I[fp + code[pc + 4]]); return pc + 5;
    case Op.I8x16ShrS: i8x16ShrS(V, fd + d, fd + code[pc + 3], I[fp + code[pc + 4]]); return pc + 5;
    case Op.I8x16ShrU: i8x16ShrU(V, fd + d, fd + code[pc + 3], I[fp + code[pc + 4]]); return pc + 5;
    case Op.I16x8Shl: i16x8Shl(V, fd + d, fd + code[pc + 3], I[fp + code[pc + 4]]); return pc + 5;
    case Op.I16x8ShrS: i16x8ShrS(V, fd + d, fd + code[pc + 3], I[fp + code[pc + 4]]); return pc + 5;
    case Op.I16x8ShrU: i16x8ShrU(V, fd + d, fd + code[pc + 3], I[fp + code[pc + 4]]); return pc + 5;
    case Op.I32x4Shl: i32x4Shl(V, fd + d, fd + code[pc + 3], I[fp + code[pc + 4]]); return pc + 5;
    case Op.I32x4ShrS: i32x4ShrS(V, fd + d, fd + code[pc + 3], I[fp + code[pc + 4]]); return pc + 5;
    case Op.I32x4ShrU: i32x4ShrU(V, fd + d, fd + code[pc + 3], I[fp + code[pc + 4]]); return pc + 5;
    case Op.I64x2Shl: i64x2Shl(V, fd + d, fd + code[pc + 3], I[fp + code[pc + 4]]); return pc + 5;
    case Op.I64x2ShrS: i64x2ShrS(V, fd + d, fd + code[pc + 3], I[fp + code[pc + 4]]); return pc + 5;
    case Op.I64x2ShrU: i64x2ShrU(V, fd + d, fd + code[pc + 3], I[fp + code[pc + 4]]); return pc + 5;

    // Moves.
    case SimdMove.Mov: V.move(fd + d, fd + code[pc + 3]); return pc + 4;
    case SimdMove.Select:
      V.move(fd + d, fd + (I[fp + code[pc + 5]] !== 0 ? code[pc + 3] : code[pc + 4]));
      return pc + 6;
    case SimdMove.GlobalGet: {
      const cell = globals[code[pc + 3]].cell, w = V.i32, at = (fd + d) << 2;
      w[at] = cell[0]; w[at + 1] = cell[1]; w[at + 2] = cell[2]; w[at + 3] = cell[3];
      return pc + 4;
    }
    case SimdMove.GlobalSet: {
      const cell = globals[code[pc + 3]].cell, w = V.i32, at = (fd + code[pc + 4]) << 2;
      cell[0] = w[at]; cell[1] = w[at + 1]; cell[2] = w[at + 2]; cell[3] = w[at + 3];
      return pc + 5;
    }

    // Vector operands, vector result: `v:d op v:a v:b v:c`.
    case Op.I8x16Swizzle: i8x16Swizzle(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16Eq: i8x16Eq(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16Ne: i8x16Ne(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16LtS: i8x16LtS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16LtU: i8x16LtU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16GtS: i8x16GtS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16GtU: i8x16GtU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16LeS: i8x16LeS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16LeU: i8x16LeU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16GeS: i8x16GeS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16GeU: i8x16GeU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8Eq: i16x8Eq(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8Ne: i16x8Ne(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8LtS: i16x8LtS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8LtU: i16x8LtU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8GtS: i16x8GtS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8GtU: i16x8GtU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8LeS: i16x8LeS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8LeU: i16x8LeU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8GeS: i16x8GeS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8GeU: i16x8GeU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4Eq: i32x4Eq(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4Ne: i32x4Ne(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4LtS: i32x4LtS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4LtU: i32x4LtU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4GtS: i32x4GtS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4GtU: i32x4GtU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4LeS: i32x4LeS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4LeU: i32x4LeU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4GeS: i32x4GeS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4GeU: i32x4GeU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Eq: f32x4Eq(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Ne: f32x4Ne(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Lt: f32x4Lt(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Gt: f32x4Gt(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Le: f32x4Le(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Ge: f32x4Ge(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Eq: f64x2Eq(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Ne: f64x2Ne(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Lt: f64x2Lt(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Gt: f64x2Gt(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Le: f64x2Le(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Ge: f64x2Ge(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.V128Not: v128Not(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.V128And: v128And(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.V128Andnot: v128Andnot(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.V128Or: v128Or(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.V128Xor: v128Xor(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.V128Bitselect: v128Bitselect(V, fd + d, fd + code[pc + 3], fd + code[pc + 4], fd + code[pc + 5]); return pc + 6;
    case Op.F32x4DemoteF64x2Zero: f32x4DemoteF64x2Zero(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F64x2PromoteLowF32x4: f64x2PromoteLowF32x4(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I8x16Abs: i8x16Abs(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I8x16Neg: i8x16Neg(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I8x16Popcnt: i8x16Popcnt(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I8x16NarrowI16x8S: i8x16NarrowI16x8S(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16NarrowI16x8U: i8x16NarrowI16x8U(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Ceil: f32x4Ceil(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F32x4Floor: f32x4Floor(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F32x4Trunc: f32x4Trunc(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F32x4Nearest: f32x4Nearest(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I8x16Add: i8x16Add(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16AddSatS: i8x16AddSatS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16AddSatU: i8x16AddSatU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16Sub: i8x16Sub(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16SubSatS: i8x16SubSatS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16SubSatU: i8x16SubSatU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Ceil: f64x2Ceil(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F64x2Floor: f64x2Floor(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I8x16MinS: i8x16MinS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16MinU: i8x16MinU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16MaxS: i8x16MaxS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16MaxU: i8x16MaxU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Trunc: f64x2Trunc(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I8x16AvgrU: i8x16AvgrU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8ExtaddPairwiseI8x16S: i16x8ExtaddPairwiseI8x16S(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I16x8ExtaddPairwiseI8x16U: i16x8ExtaddPairwiseI8x16U(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I32x4ExtaddPairwiseI16x8S: i32x4ExtaddPairwiseI16x8S(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I32x4ExtaddPairwiseI16x8U: i32x4ExtaddPairwiseI16x8U(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I16x8Abs: i16x8Abs(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I16x8Neg: i16x8Neg(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I16x8Q15mulrSatS: i16x8Q15mulrSatS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8NarrowI32x4S: i16x8NarrowI32x4S(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8NarrowI32x4U: i16x8NarrowI32x4U(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8ExtendLowI8x16S: i16x8ExtendLowI8x16S(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I16x8ExtendHighI8x16S: i16x8ExtendHighI8x16S(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I16x8ExtendLowI8x16U: i16x8ExtendLowI8x16U(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I16x8ExtendHighI8x16U: i16x8ExtendHighI8x16U(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I16x8Add: i16x8Add(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8AddSatS: i16x8AddSatS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8AddSatU: i16x8AddSatU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8Sub: i16x8Sub(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8SubSatS: i16x8SubSatS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8SubSatU: i16x8SubSatU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Nearest: f64x2Nearest(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I16x8Mul: i16x8Mul(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8MinS: i16x8MinS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8MinU: i16x8MinU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8MaxS: i16x8MaxS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8MaxU: i16x8MaxU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8AvgrU: i16x8AvgrU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8ExtmulLowI8x16S: i16x8ExtmulLowI8x16S(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8ExtmulHighI8x16S: i16x8ExtmulHighI8x16S(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8ExtmulLowI8x16U: i16x8ExtmulLowI8x16U(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8ExtmulHighI8x16U: i16x8ExtmulHighI8x16U(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4Abs: i32x4Abs(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I32x4Neg: i32x4Neg(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I32x4ExtendLowI16x8S: i32x4ExtendLowI16x8S(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I32x4ExtendHighI16x8S: i32x4ExtendHighI16x8S(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I32x4ExtendLowI16x8U: i32x4ExtendLowI16x8U(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I32x4ExtendHighI16x8U: i32x4ExtendHighI16x8U(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I32x4Add: i32x4Add(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4Sub: i32x4Sub(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4Mul: i32x4Mul(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4MinS: i32x4MinS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4MinU: i32x4MinU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4MaxS: i32x4MaxS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4MaxU: i32x4MaxU(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4DotI16x8S: i32x4DotI16x8S(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4ExtmulLowI16x8S: i32x4ExtmulLowI16x8S(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4ExtmulHighI16x8S: i32x4ExtmulHighI16x8S(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4ExtmulLowI16x8U: i32x4ExtmulLowI16x8U(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4ExtmulHighI16x8U: i32x4ExtmulHighI16x8U(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I64x2Abs: i64x2Abs(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I64x2Neg: i64x2Neg(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I64x2ExtendLowI32x4S: i64x2ExtendLowI32x4S(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I64x2ExtendHighI32x4S: i64x2ExtendHighI32x4S(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I64x2ExtendLowI32x4U: i64x2ExtendLowI32x4U(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I64x2ExtendHighI32x4U: i64x2ExtendHighI32x4U(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I64x2Add: i64x2Add(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I64x2Sub: i64x2Sub(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I64x2Mul: i64x2Mul(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I64x2Eq: i64x2Eq(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I64x2Ne: i64x2Ne(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I64x2LtS: i64x2LtS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I64x2GtS: i64x2GtS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I64x2LeS: i64x2LeS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I64x2GeS: i64x2GeS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I64x2ExtmulLowI32x4S: i64x2ExtmulLowI32x4S(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I64x2ExtmulHighI32x4S: i64x2ExtmulHighI32x4S(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I64x2ExtmulLowI32x4U: i64x2ExtmulLowI32x4U(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I64x2ExtmulHighI32x4U: i64x2ExtmulHighI32x4U(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Abs: f32x4Abs(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F32x4Neg: f32x4Neg(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F32x4Sqrt: f32x4Sqrt(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F32x4Add: f32x4Add(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Sub: f32x4Sub(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Mul: f32x4Mul(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Div: f32x4Div(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Min: f32x4Min(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Max: f32x4Max(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Pmin: f32x4Pmin(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Pmax: f32x4Pmax(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Abs: f64x2Abs(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F64x2Neg: f64x2Neg(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F64x2Sqrt: f64x2Sqrt(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F64x2Add: f64x2Add(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Sub: f64x2Sub(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Mul: f64x2Mul(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Div: f64x2Div(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Min: f64x2Min(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Max: f64x2Max(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Pmin: f64x2Pmin(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Pmax: f64x2Pmax(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4TruncSatF32x4S: i32x4TruncSatF32x4S(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I32x4TruncSatF32x4U: i32x4TruncSatF32x4U(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F32x4ConvertI32x4S: f32x4ConvertI32x4S(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F32x4ConvertI32x4U: f32x4ConvertI32x4U(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I32x4TruncSatF64x2SZero: i32x4TruncSatF64x2SZero(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I32x4TruncSatF64x2UZero: i32x4TruncSatF64x2UZero(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F64x2ConvertLowI32x4S: f64x2ConvertLowI32x4S(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.F64x2ConvertLowI32x4U: f64x2ConvertLowI32x4U(V, fd + d, fd + code[pc + 3]); return pc + 6;

    // Relaxed SIMD without a Wasm 2.0 twin (the others are lowered as their twin, see relaxed.ts).
    case Op.F32x4RelaxedMadd: f32x4RelaxedMadd(V, fd + d, fd + code[pc + 3], fd + code[pc + 4], fd + code[pc + 5]); return pc + 6;
    case Op.F32x4RelaxedNmadd: f32x4RelaxedNmadd(V, fd + d, fd + code[pc + 3], fd + code[pc + 4], fd + code[pc + 5]); return pc + 6;
    case Op.F64x2RelaxedMadd: f64x2RelaxedMadd(V, fd + d, fd + code[pc + 3], fd + code[pc + 4], fd + code[pc + 5]); return pc + 6;
    case Op.F64x2RelaxedNmadd: f64x2RelaxedNmadd(V, fd + d, fd + code[pc + 3], fd + code[pc + 4], fd + code[pc + 5]); return pc + 6;
    case Op.I16x8RelaxedDotI8x16I7x16S: i16x8RelaxedDotI8x16I7x16S(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4RelaxedDotI8x16I7x16AddS: i32x4RelaxedDotI8x16I7x16AddS(V, fd + d, fd + code[pc + 3], fd + code[pc + 4], fd + code[pc + 5]); return pc + 6;

    default:
      throw new Error(`interpreter: no SIMD operation 0x${op.toString(16)}`);
  }
}
