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
  i16x8Add, i16x8ExtaddPairwiseI8x16S, i16x8ExtaddPairwiseI8x16U, i16x8Sub, i32x4Add, i32x4ExtaddPairwiseI16x8S,
  i32x4ExtaddPairwiseI16x8U, i32x4Mul, i32x4Sub, i8x16Add, i8x16Eq, i8x16Ne, i8x16Shuffle, i8x16Sub, v128And, v128Or,
  v128Xor,
} from "./bitwise.js";
import { lanesFAdd, lanesFMul, lanesFSub } from "./float.js";
import type { V128Space } from "./lanes.js";
import {
  v128Load, v128Load16Splat, v128Load16x4, v128Load32Splat, v128Load32x2, v128Load32Zero, v128Load64Splat,
  v128Load64Zero, v128Load8Splat, v128Load8x8, v128LoadLane, v128Store, v128StoreLane,
} from "./memory.js";
import {
  i16x8ExtractLaneS, i16x8ExtractLaneU, i16x8ReplaceLane, i16x8Splat, i32x4ExtractLane, i32x4ReplaceLane,
  i32x4Splat, i64x2ExtractLane, i64x2ReplaceLane, i64x2Splat, i8x16ExtractLaneS, i8x16ExtractLaneU,
  i8x16ReplaceLane, i8x16Splat,
} from "./scalar.js";
import { SHIFT_OPS, TEST_OPS, VECTOR_OPS } from "./table.js";

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

    // The commonest vector operations as direct calls: measured with `npm run bench` (simd),
    // a call through the table costs the interpreter about 18% on them (see DECISIONS.md).
    case Op.I8x16Add: i8x16Add(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16Sub: i8x16Sub(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16Eq: i8x16Eq(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I8x16Ne: i8x16Ne(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8Add: i16x8Add(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8Sub: i16x8Sub(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4Add: i32x4Add(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4Sub: i32x4Sub(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I32x4Mul: i32x4Mul(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.I16x8ExtaddPairwiseI8x16S: i16x8ExtaddPairwiseI8x16S(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I16x8ExtaddPairwiseI8x16U: i16x8ExtaddPairwiseI8x16U(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I32x4ExtaddPairwiseI16x8S: i32x4ExtaddPairwiseI16x8S(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.I32x4ExtaddPairwiseI16x8U: i32x4ExtaddPairwiseI16x8U(V, fd + d, fd + code[pc + 3]); return pc + 6;
    case Op.V128And: v128And(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.V128Or: v128Or(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.V128Xor: v128Xor(V, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Add: lanesFAdd(V.f32, 4, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Sub: lanesFSub(V.f32, 4, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F32x4Mul: lanesFMul(V.f32, 4, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Add: lanesFAdd(V.f64, 2, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Sub: lanesFSub(V.f64, 2, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;
    case Op.F64x2Mul: lanesFMul(V.f64, 2, fd + d, fd + code[pc + 3], fd + code[pc + 4]); return pc + 6;

    // Vector to i32 (`i:d op v:a`), shifts by an i32 (`v:d op v:a i:count`), and
    // every other `v:d op v:a v:b v:c`: through the tables of ./table.ts.
    default: {
      const k = op - 0xfd00;
      const f = VECTOR_OPS[k];
      if (f !== undefined) { f(V, fd + d, fd + code[pc + 3], fd + code[pc + 4], fd + code[pc + 5]); return pc + 6; }
      const t = TEST_OPS[k];
      if (t !== undefined) { I[fp + d] = t(V, fd + code[pc + 3]); return pc + 4; }
      const sh = SHIFT_OPS[k];
      if (sh !== undefined) { sh(V, fd + d, fd + code[pc + 3], I[fp + code[pc + 4]]); return pc + 5; }
      throw new Error(`interpreter: no SIMD operation 0x${op.toString(16)}`);
    }
  }
}
