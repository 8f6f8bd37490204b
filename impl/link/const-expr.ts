/**
 * Evaluating constant expressions (global initialisers, segment offsets and
 * element initialisers) at instantiation, to raw values.
 * @see https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions
 * @module
 */
import { Op } from "../base/opcodes.js";
import type { ConstExpr, ConstInstr } from "../decode/module.js";
import type { FuncInstance, GlobalInstance } from "../runtime/instances.js";
import type { RawValue } from "../runtime/values.js";
import { anyConvertExtern, externConvertAny, refI31 } from "../runtime/gc-refs.js";
import type { DefType } from "../base/types.js";
import { evalAggregate, isAggregateAlloc } from "./gc-const.js";

/** What a constant expression may read: globals (those before it, see the validator) and functions. */
export interface ConstEnv {
  readonly globals: readonly GlobalInstance[];
  readonly funcs: readonly FuncInstance[];
  /** The module's types, for GC allocations (`struct.new $t`, ...). */
  readonly module?: { readonly types: readonly DefType[] };
}

/**
 * Evaluates a validated constant expression to a raw value: one instruction
 * (`t.const`, `ref.null`, `ref.func`, `global.get`) directly, a longer
 * extended constant expression (`i32/i64.add`, `sub`, `mul` over those) on a
 * small stack of raw values (i32 numbers, i64 bigints).
 */
export function evalConstExpr(expr: ConstExpr, env: ConstEnv): RawValue {
  const instrs = expr.instrs;
  if (instrs.length === 1 && !isAggregateAlloc(instrs[0]!.op)) return evalInstr(instrs[0]!, env);
  const stack: RawValue[] = [];
  for (const instr of instrs) {
    switch (instr.op) {
      case Op.I32Add: case Op.I32Sub: case Op.I32Mul: {
        const b = stack.pop() as number, a = stack.pop() as number;
        stack.push(instr.op === Op.I32Add ? (a + b) | 0 : instr.op === Op.I32Sub ? (a - b) | 0 : Math.imul(a, b));
        break;
      }
      case Op.I64Add: case Op.I64Sub: case Op.I64Mul: {
        const b = stack.pop() as bigint, a = stack.pop() as bigint;
        stack.push(BigInt.asIntN(64, instr.op === Op.I64Add ? a + b : instr.op === Op.I64Sub ? a - b : a * b));
        break;
      }
      // GC: i31 and the extern/any conversions take the value below.
      case Op.RefI31: stack.push(refI31(stack.pop() as number)); break;
      case Op.AnyConvertExtern: stack.push(anyConvertExtern(stack.pop())); break;
      case Op.ExternConvertAny: stack.push(externConvertAny(stack.pop())); break;
      default:
        // GC: struct and array allocations (./gc-const.ts).
        if (isAggregateAlloc(instr.op)) { evalAggregate(instr, stack, env.module!.types); break; }
        stack.push(evalInstr(instr, env));
    }
  }
  if (stack.length !== 1) throw new Error(`unvalidated constant expression leaving ${stack.length} values`);
  return stack[0];
}

/** The value one constant instruction pushes. */
function evalInstr(instr: ConstInstr, env: ConstEnv): RawValue {
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
