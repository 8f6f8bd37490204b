/**
 * Validity of constant expressions (global initialisers, segment offsets and
 * element initialisers) in Wasm 2.0: only `*.const`, `ref.null`, `ref.func`
 * (including `v128.const`) and `global.get` of an imported immutable global.
 * @see https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions
 * @module
 */
import { ValidationError } from "../base/errors.js";
import { OP_INFO, Op } from "../base/opcodes.js";
import { ValType, valTypeName } from "../base/types.js";
import { I32ConstExpr } from "../decode/expr.js";
import type { ConstExpr } from "../decode/module.js";
import type { Context } from "./context.js";
import { Invalid, unknownIndex } from "./reasons.js";

/**
 * Checks that `expr` is constant and leaves exactly one value of type
 * `expected` on the stack.
 */
export function checkConstExpr(ctx: Context, expr: ConstExpr, expected: ValType): void {
  // The usual segment offset, judged without making its instruction list (errors take the general path).
  if (expr instanceof I32ConstExpr && expected === ValType.I32) return;
  const stack: ValType[] = [];
  for (const instr of expr.instrs) {
    switch (instr.op) {
      case Op.I32Const: stack.push(ValType.I32); break;
      case Op.I64Const: stack.push(ValType.I64); break;
      case Op.F32Const: stack.push(ValType.F32); break;
      case Op.F64Const: stack.push(ValType.F64); break;
      case Op.V128Const: stack.push(ValType.V128); break;
      case Op.RefNull: stack.push(instr.refType ?? ValType.FuncRef); break;
      case Op.RefFunc: {
        const index = instr.index ?? 0;
        if (index >= ctx.funcTypes.length) throw unknownIndex(Invalid.UnknownFunction, index, -1, instr.offset);
        stack.push(ValType.FuncRef);
        break;
      }
      case Op.GlobalGet: {
        const index = instr.index ?? 0;
        // Wasm 2.0: the context of constant expressions holds the imported globals only.
        if (index >= ctx.importedGlobals) throw unknownIndex(Invalid.UnknownGlobal, index, -1, instr.offset);
        const type = ctx.globals[index]!;
        if (type.mutable) {
          throw new ValidationError(Invalid.ConstantRequired, -1, instr.offset, `global ${index} is mutable`);
        }
        stack.push(type.valType);
        break;
      }
      default:
        throw new ValidationError(Invalid.ConstantRequired, -1, instr.offset,
          OP_INFO.get(instr.op)?.mnemonic ?? `opcode 0x${instr.op.toString(16)}`);
    }
  }
  if (stack.length !== 1 || stack[0] !== expected) {
    const got = stack.length === 0 ? "nothing" : stack.map(valTypeName).join(" ");
    throw new ValidationError(Invalid.TypeMismatch, -1, expr.offset,
      `constant expression: expected ${valTypeName(expected)}, got ${got}`);
  }
}
