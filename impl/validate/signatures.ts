/**
 * Operand and result types of the instructions whose typing is fixed by their
 * opcode: numeric operators, conversions and memory loads and stores. Kept in
 * flat typed arrays so the function-body validator looks them up without
 * branching per opcode.
 * @see https://webassembly.github.io/spec/core/valid/instructions.html#numeric-instructions
 * @see https://webassembly.github.io/spec/core/valid/instructions.html#memory-instructions
 * @module
 */
import { Op } from "../base/opcodes.js";
import { ValType } from "../base/types.js";

const { I32, I64, F32, F64 } = ValType;

/**
 * Slot of an opcode in {@link NUMERIC}: one-byte opcodes use their code,
 * `0xfc 0x00`..`0xfc 0x07` (saturating truncations) use 256 + subopcode.
 */
export function numericSlot(code: number): number {
  return code < 0x100 ? code : code - 0xfc00 + 0x100;
}

/**
 * Numeric instruction signatures, three bytes per slot: operand count (1 or 2;
 * 0 when the opcode is not a plain numeric instruction), operand type, result type.
 */
export const NUMERIC = new Uint8Array(3 * 0x108);

function def(from: number, to: number, arity: number, operand: ValType, result: ValType): void {
  for (let code = from; code <= to; code++) {
    const s = 3 * numericSlot(code);
    NUMERIC[s] = arity;
    NUMERIC[s + 1] = operand;
    NUMERIC[s + 2] = result;
  }
}

// Tests and comparisons.
def(Op.I32Eqz, Op.I32Eqz, 1, I32, I32);
def(Op.I32Eq, Op.I32GeU, 2, I32, I32);
def(Op.I64Eqz, Op.I64Eqz, 1, I64, I32);
def(Op.I64Eq, Op.I64GeU, 2, I64, I32);
def(Op.F32Eq, Op.F32Ge, 2, F32, I32);
def(Op.F64Eq, Op.F64Ge, 2, F64, I32);
// Unary and binary arithmetic.
def(Op.I32Clz, Op.I32Popcnt, 1, I32, I32);
def(Op.I32Add, Op.I32Rotr, 2, I32, I32);
def(Op.I64Clz, Op.I64Popcnt, 1, I64, I64);
def(Op.I64Add, Op.I64Rotr, 2, I64, I64);
def(Op.F32Abs, Op.F32Sqrt, 1, F32, F32);
def(Op.F32Add, Op.F32Copysign, 2, F32, F32);
def(Op.F64Abs, Op.F64Sqrt, 1, F64, F64);
def(Op.F64Add, Op.F64Copysign, 2, F64, F64);
// Conversions.
def(Op.I32WrapI64, Op.I32WrapI64, 1, I64, I32);
def(Op.I32TruncF32S, Op.I32TruncF32U, 1, F32, I32);
def(Op.I32TruncF64S, Op.I32TruncF64U, 1, F64, I32);
def(Op.I64ExtendI32S, Op.I64ExtendI32U, 1, I32, I64);
def(Op.I64TruncF32S, Op.I64TruncF32U, 1, F32, I64);
def(Op.I64TruncF64S, Op.I64TruncF64U, 1, F64, I64);
def(Op.F32ConvertI32S, Op.F32ConvertI32U, 1, I32, F32);
def(Op.F32ConvertI64S, Op.F32ConvertI64U, 1, I64, F32);
def(Op.F32DemoteF64, Op.F32DemoteF64, 1, F64, F32);
def(Op.F64ConvertI32S, Op.F64ConvertI32U, 1, I32, F64);
def(Op.F64ConvertI64S, Op.F64ConvertI64U, 1, I64, F64);
def(Op.F64PromoteF32, Op.F64PromoteF32, 1, F32, F64);
def(Op.I32ReinterpretF32, Op.I32ReinterpretF32, 1, F32, I32);
def(Op.I64ReinterpretF64, Op.I64ReinterpretF64, 1, F64, I64);
def(Op.F32ReinterpretI32, Op.F32ReinterpretI32, 1, I32, F32);
def(Op.F64ReinterpretI64, Op.F64ReinterpretI64, 1, I64, F64);
def(Op.I32Extend8S, Op.I32Extend16S, 1, I32, I32);
def(Op.I64Extend8S, Op.I64Extend32S, 1, I64, I64);
def(Op.I32TruncSatF32S, Op.I32TruncSatF32U, 1, F32, I32);
def(Op.I32TruncSatF64S, Op.I32TruncSatF64U, 1, F64, I32);
def(Op.I64TruncSatF32S, Op.I64TruncSatF32U, 1, F32, I64);
def(Op.I64TruncSatF64S, Op.I64TruncSatF64U, 1, F64, I64);

/**
 * Loads and stores, two bytes per opcode (`i32.load` … `i64.store32`): the value
 * type loaded or stored, and the natural alignment as a power of two (the
 * largest alignment exponent a memarg may carry).
 */
export const MEMORY_ACCESS = new Uint8Array(2 * 0x40);

function mem(code: number, type: ValType, alignLog2: number): void {
  MEMORY_ACCESS[2 * code] = type;
  MEMORY_ACCESS[2 * code + 1] = alignLog2;
}

mem(Op.I32Load, I32, 2);
mem(Op.I64Load, I64, 3);
mem(Op.F32Load, F32, 2);
mem(Op.F64Load, F64, 3);
mem(Op.I32Load8S, I32, 0);
mem(Op.I32Load8U, I32, 0);
mem(Op.I32Load16S, I32, 1);
mem(Op.I32Load16U, I32, 1);
mem(Op.I64Load8S, I64, 0);
mem(Op.I64Load8U, I64, 0);
mem(Op.I64Load16S, I64, 1);
mem(Op.I64Load16U, I64, 1);
mem(Op.I64Load32S, I64, 2);
mem(Op.I64Load32U, I64, 2);
mem(Op.I32Store, I32, 2);
mem(Op.I64Store, I64, 3);
mem(Op.F32Store, F32, 2);
mem(Op.F64Store, F64, 3);
mem(Op.I32Store8, I32, 0);
mem(Op.I32Store16, I32, 1);
mem(Op.I64Store8, I64, 0);
mem(Op.I64Store16, I64, 1);
mem(Op.I64Store32, I64, 2);
