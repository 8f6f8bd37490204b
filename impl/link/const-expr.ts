/**
 * Evaluating constant expressions (global initialisers, segment offsets and
 * element initialisers) at instantiation, to raw values.
 * @see https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions
 * @module
 */
import { Op } from "../base/opcodes.js";
import type { ConstExpr } from "../decode/module.js";
import type { FuncInstance, GlobalInstance } from "../runtime/instances.js";
import type { RawValue } from "../runtime/values.js";

/** What a constant expression may read: globals (Wasm 2.0: imported ones only) and functions. */
export interface ConstEnv {
  readonly globals: readonly GlobalInstance[];
  readonly funcs: readonly FuncInstance[];
}

/**
 * Evaluates a validated constant expression to a raw value. Wasm 2.0 allows one
 * instruction: `t.const`, `ref.null`, `ref.func` or `global.get`.
 */
export function evalConstExpr(expr: ConstExpr, env: ConstEnv): RawValue {
  if (expr.instrs.length !== 1) throw new Error(`unvalidated constant expression of ${expr.instrs.length} instructions`);
  const instr = expr.instrs[0]!;
  switch (instr.op) {
    case Op.I32Const:
    case Op.I64Const:
    case Op.F32Const:
    case Op.F64Const:
    case Op.V128Const:
      // The decoder stored the immediate in raw form already (floats as bits).
      return instr.value;
    case Op.RefNull:
      return null;
    case Op.RefFunc:
      return env.funcs[instr.index!];
    case Op.GlobalGet:
      return env.globals[instr.index!]!.get();
    default:
      throw new Error(`unvalidated constant expression: opcode 0x${instr.op.toString(16)}`);
  }
}

/** Evaluates a validated offset expression (an i32) as an unsigned 32-bit number. */
export function evalOffset(expr: ConstExpr, env: ConstEnv): number {
  return (evalConstExpr(expr, env) as number) >>> 0;
}
