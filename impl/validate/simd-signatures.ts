/**
 * Typing of the fixed-width SIMD instructions (prefix `0xFD`, relaxed SIMD
 * included), by subopcode, in one flat typed array: the function-body validator checks any SIMD
 * instruction with one lookup and no per-opcode branch.
 * @see https://webassembly.github.io/spec/core/valid/instructions.html#vector-instructions
 * @module
 */
import { Op } from "../base/opcodes.js";
import { ValType } from "../base/types.js";

const { I32, I64, F32, F64, V128 } = ValType;

/** Bytes per entry of {@link SIMD}. */
export const SIMD_STRIDE = 7;
/** Entry field: number of operands (0..3); 0xff when the subopcode is not an instruction. */
export const S_ARITY = 0;
/** Entry fields 1..3: operand types in push order (first operand first). */
export const S_OPERAND = 1;
/** Entry field: result type, or 0 for none. */
export const S_RESULT = 4;
/** Entry field: number of lanes a lane immediate indexes (lane index must be below it), or 0 without one. */
export const S_LANES = 5;
/** Entry field: natural alignment (log2) of a memory access, or {@link NO_MEMORY}. */
export const S_ALIGN = 6;
/** {@link S_ALIGN} of instructions that do not access memory. */
export const NO_MEMORY = 0xff;

/**
 * The entry of SIMD code `op` in {@link SIMD}: its subopcode (`0xfdXX` is
 * `XX`, relaxed SIMD's `0xffXX` is `0x100 + XX`).
 */
export function simdSlot(op: number): number {
  return op <= 0xfdff ? op & 0xff : 0x100 | (op & 0xff);
}

/**
 * The SIMD signature table: {@link SIMD_STRIDE} bytes per subopcode ({@link simdSlot}).
 * `v128.const` has arity 0; `i8x16.shuffle` checks its 16 lane bytes against
 * {@link S_LANES} = 32 (lanes of both operands).
 */
export const SIMD = new Uint8Array(SIMD_STRIDE * 512);
for (let i = 0; i < 512; i++) {
  SIMD[SIMD_STRIDE * i + S_ARITY] = 0xff;
  SIMD[SIMD_STRIDE * i + S_ALIGN] = NO_MEMORY;
}

function def(code: number, operands: readonly ValType[], result: ValType | 0, lanes = 0, align = NO_MEMORY): void {
  const s = SIMD_STRIDE * simdSlot(code);
  SIMD[s + S_ARITY] = operands.length;
  for (let i = 0; i < operands.length; i++) SIMD[s + S_OPERAND + i] = operands[i]!;
  SIMD[s + S_RESULT] = result;
  SIMD[s + S_LANES] = lanes;
  SIMD[s + S_ALIGN] = align;
}

function range(from: number, to: number, operands: readonly ValType[], result: ValType | 0): void {
  for (let code = from; code <= to; code++) def(code, operands, result);
}

const O = Op;

// Memory: loads take an address, stores an address and a value; lane forms also a vector.
def(O.V128Load, [I32], V128, 0, 4);
range(O.V128Load8x8S, O.V128Load32x2U, [I32], V128);
for (let c = O.V128Load8x8S; c <= O.V128Load32x2U; c++) SIMD[SIMD_STRIDE * simdSlot(c) + S_ALIGN] = 3;
def(O.V128Load8Splat, [I32], V128, 0, 0);
def(O.V128Load16Splat, [I32], V128, 0, 1);
def(O.V128Load32Splat, [I32], V128, 0, 2);
def(O.V128Load64Splat, [I32], V128, 0, 3);
def(O.V128Store, [I32, V128], 0, 0, 4);
def(O.V128Load32Zero, [I32], V128, 0, 2);
def(O.V128Load64Zero, [I32], V128, 0, 3);
def(O.V128Load8Lane, [I32, V128], V128, 16, 0);
def(O.V128Load16Lane, [I32, V128], V128, 8, 1);
def(O.V128Load32Lane, [I32, V128], V128, 4, 2);
def(O.V128Load64Lane, [I32, V128], V128, 2, 3);
def(O.V128Store8Lane, [I32, V128], 0, 16, 0);
def(O.V128Store16Lane, [I32, V128], 0, 8, 1);
def(O.V128Store32Lane, [I32, V128], 0, 4, 2);
def(O.V128Store64Lane, [I32, V128], 0, 2, 3);

// Constants, shuffles, splats and lanes.
def(O.V128Const, [], V128);
def(O.I8x16Shuffle, [V128, V128], V128, 32);
def(O.I8x16Swizzle, [V128, V128], V128);
def(O.I8x16Splat, [I32], V128);
def(O.I16x8Splat, [I32], V128);
def(O.I32x4Splat, [I32], V128);
def(O.I64x2Splat, [I64], V128);
def(O.F32x4Splat, [F32], V128);
def(O.F64x2Splat, [F64], V128);
def(O.I8x16ExtractLaneS, [V128], I32, 16);
def(O.I8x16ExtractLaneU, [V128], I32, 16);
def(O.I8x16ReplaceLane, [V128, I32], V128, 16);
def(O.I16x8ExtractLaneS, [V128], I32, 8);
def(O.I16x8ExtractLaneU, [V128], I32, 8);
def(O.I16x8ReplaceLane, [V128, I32], V128, 8);
def(O.I32x4ExtractLane, [V128], I32, 4);
def(O.I32x4ReplaceLane, [V128, I32], V128, 4);
def(O.I64x2ExtractLane, [V128], I64, 2);
def(O.I64x2ReplaceLane, [V128, I64], V128, 2);
def(O.F32x4ExtractLane, [V128], F32, 4);
def(O.F32x4ReplaceLane, [V128, F32], V128, 4);
def(O.F64x2ExtractLane, [V128], F64, 2);
def(O.F64x2ReplaceLane, [V128, F64], V128, 2);

// Comparisons and bitwise operations.
range(O.I8x16Eq, O.F64x2Ge, [V128, V128], V128);
def(O.V128Not, [V128], V128);
range(O.V128And, O.V128Xor, [V128, V128], V128);
def(O.V128Bitselect, [V128, V128, V128], V128);
def(O.V128AnyTrue, [V128], I32);
range(O.I64x2Eq, O.I64x2GeS, [V128, V128], V128);

// Lane arithmetic and conversions: one vector in, one out.
const UNARY = [
  O.F32x4DemoteF64x2Zero, O.F64x2PromoteLowF32x4, O.I8x16Abs, O.I8x16Neg, O.I8x16Popcnt,
  O.F32x4Ceil, O.F32x4Floor, O.F32x4Trunc, O.F32x4Nearest, O.F64x2Ceil, O.F64x2Floor, O.F64x2Trunc, O.F64x2Nearest,
  O.I16x8ExtaddPairwiseI8x16S, O.I16x8ExtaddPairwiseI8x16U, O.I32x4ExtaddPairwiseI16x8S, O.I32x4ExtaddPairwiseI16x8U,
  O.I16x8Abs, O.I16x8Neg, O.I16x8ExtendLowI8x16S, O.I16x8ExtendHighI8x16S, O.I16x8ExtendLowI8x16U, O.I16x8ExtendHighI8x16U,
  O.I32x4Abs, O.I32x4Neg, O.I32x4ExtendLowI16x8S, O.I32x4ExtendHighI16x8S, O.I32x4ExtendLowI16x8U, O.I32x4ExtendHighI16x8U,
  O.I64x2Abs, O.I64x2Neg, O.I64x2ExtendLowI32x4S, O.I64x2ExtendHighI32x4S, O.I64x2ExtendLowI32x4U, O.I64x2ExtendHighI32x4U,
  O.F32x4Abs, O.F32x4Neg, O.F32x4Sqrt, O.F64x2Abs, O.F64x2Neg, O.F64x2Sqrt,
  O.I32x4TruncSatF32x4S, O.I32x4TruncSatF32x4U, O.F32x4ConvertI32x4S, O.F32x4ConvertI32x4U,
  O.I32x4TruncSatF64x2SZero, O.I32x4TruncSatF64x2UZero, O.F64x2ConvertLowI32x4S, O.F64x2ConvertLowI32x4U,
];
for (const c of UNARY) def(c, [V128], V128);
// Lane arithmetic: two vectors in, one out.
const BINARY = [
  O.I8x16NarrowI16x8S, O.I8x16NarrowI16x8U, O.I8x16Add, O.I8x16AddSatS, O.I8x16AddSatU, O.I8x16Sub, O.I8x16SubSatS,
  O.I8x16SubSatU, O.I8x16MinS, O.I8x16MinU, O.I8x16MaxS, O.I8x16MaxU, O.I8x16AvgrU,
  O.I16x8Q15mulrSatS, O.I16x8NarrowI32x4S, O.I16x8NarrowI32x4U, O.I16x8Add, O.I16x8AddSatS, O.I16x8AddSatU,
  O.I16x8Sub, O.I16x8SubSatS, O.I16x8SubSatU, O.I16x8Mul, O.I16x8MinS, O.I16x8MinU, O.I16x8MaxS, O.I16x8MaxU,
  O.I16x8AvgrU, O.I16x8ExtmulLowI8x16S, O.I16x8ExtmulHighI8x16S, O.I16x8ExtmulLowI8x16U, O.I16x8ExtmulHighI8x16U,
  O.I32x4Add, O.I32x4Sub, O.I32x4Mul, O.I32x4MinS, O.I32x4MinU, O.I32x4MaxS, O.I32x4MaxU, O.I32x4DotI16x8S,
  O.I32x4ExtmulLowI16x8S, O.I32x4ExtmulHighI16x8S, O.I32x4ExtmulLowI16x8U, O.I32x4ExtmulHighI16x8U,
  O.I64x2Add, O.I64x2Sub, O.I64x2Mul, O.I64x2ExtmulLowI32x4S, O.I64x2ExtmulHighI32x4S, O.I64x2ExtmulLowI32x4U,
  O.I64x2ExtmulHighI32x4U,
  O.F32x4Add, O.F32x4Sub, O.F32x4Mul, O.F32x4Div, O.F32x4Min, O.F32x4Max, O.F32x4Pmin, O.F32x4Pmax,
  O.F64x2Add, O.F64x2Sub, O.F64x2Mul, O.F64x2Div, O.F64x2Min, O.F64x2Max, O.F64x2Pmin, O.F64x2Pmax,
];
for (const c of BINARY) def(c, [V128, V128], V128);
// Tests and bitmasks: a vector in, an i32 out.
for (const c of [O.I8x16AllTrue, O.I8x16Bitmask, O.I16x8AllTrue, O.I16x8Bitmask, O.I32x4AllTrue, O.I32x4Bitmask,
  O.I64x2AllTrue, O.I64x2Bitmask]) def(c, [V128], I32);
// Shifts: a vector and an i32 count.
for (const c of [O.I8x16Shl, O.I8x16ShrS, O.I8x16ShrU, O.I16x8Shl, O.I16x8ShrS, O.I16x8ShrU,
  O.I32x4Shl, O.I32x4ShrS, O.I32x4ShrU, O.I64x2Shl, O.I64x2ShrS, O.I64x2ShrU]) def(c, [V128, I32], V128);

// Relaxed SIMD (Wasm 3.0): vectors in, one vector out.
for (const c of [O.I32x4RelaxedTruncF32x4S, O.I32x4RelaxedTruncF32x4U, O.I32x4RelaxedTruncF64x2SZero,
  O.I32x4RelaxedTruncF64x2UZero]) def(c, [V128], V128);
for (const c of [O.I8x16RelaxedSwizzle, O.F32x4RelaxedMin, O.F32x4RelaxedMax, O.F64x2RelaxedMin, O.F64x2RelaxedMax,
  O.I16x8RelaxedQ15mulrS, O.I16x8RelaxedDotI8x16I7x16S]) def(c, [V128, V128], V128);
for (const c of [O.F32x4RelaxedMadd, O.F32x4RelaxedNmadd, O.F64x2RelaxedMadd, O.F64x2RelaxedNmadd,
  O.I8x16RelaxedLaneselect, O.I16x8RelaxedLaneselect, O.I32x4RelaxedLaneselect, O.I64x2RelaxedLaneselect,
  O.I32x4RelaxedDotI8x16I7x16AddS]) def(c, [V128, V128, V128], V128);
