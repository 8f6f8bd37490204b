/**
 * Validity of constant expressions (global initialisers, segment offsets and
 * element initialisers) in Wasm 3.0: `*.const` (including `v128.const`),
 * `ref.null`, `ref.func`, `global.get` of an immutable global defined before
 * the expression (imported, or an earlier global of the module), and the
 * extended constant instructions `i32/i64.add`, `sub`, `mul`.
 * @see https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions
 * @module
 */
import { ValidationError } from "../base/errors.js";
import { OP_INFO, Op } from "../base/opcodes.js";
import { HeapType, NON_NULL, ValType, concreteHeap, isConcrete, isNullable, typeIndex, valTypeName } from "../base/types.js";
import { isSubtype } from "../base/subtyping.js";
import { I32ConstExpr, RefFuncExpr } from "../decode/expr.js";
import type { ConstExpr } from "../decode/module.js";
import type { Context } from "./context.js";
import { Invalid, unknownIndex } from "./reasons.js";
import { checkAggregateConst, isAggregateConst } from "./gc-aggregates.js";

/**
 * Checks that `expr` is constant and leaves exactly one value of type
 * `expected` on the stack. `visibleGlobals` is how many globals it may read
 * (3.0: a global's initialiser sees the globals before it; segments see all).
 */
export function checkConstExpr(ctx: Context, expr: ConstExpr, expected: ValType, visibleGlobals = ctx.globals.length): void {
  // The usual segment offset, judged without making its instruction list (errors take the general path).
  if (expr instanceof I32ConstExpr && expected === ValType.I32) return;
  // A function index of an element segment, likewise.
  if (expr instanceof RefFuncExpr) return checkRefFunc(ctx, expr, expr.index, expr.offset, expected);
  const instrs = expr.instrs;
  // `ref.func $f` alone, the usual element initialiser (a large program's table lists thousands): no stack.
  if (instrs.length === 1 && instrs[0]!.op === Op.RefFunc) {
    const instr = instrs[0]!;
    return checkRefFunc(ctx, expr, instr.index ?? 0, instr.offset, expected);
  }
  // Wasm 2.0 (a module decoded without the feature): imported globals only, no arithmetic.
  const wasm2 = ctx.module.wasm2ConstExprs === true;
  if (wasm2) visibleGlobals = Math.min(visibleGlobals, ctx.importedGlobals);
  const stack: ValType[] = [];
  for (let i = 0; i < instrs.length; i++) {
    const instr = instrs[i]!;
    switch (instr.op) {
      case Op.I32Const: stack.push(ValType.I32); break;
      case Op.I64Const: stack.push(ValType.I64); break;
      case Op.F32Const: stack.push(ValType.F32); break;
      case Op.F64Const: stack.push(ValType.F64); break;
      case Op.V128Const: stack.push(ValType.V128); break;
      case Op.RefNull: {
        const t = instr.refType ?? ValType.FuncRef;
        if (isConcrete(t) && typeIndex(t) >= ctx.types.length) throw unknownIndex(Invalid.UnknownType, typeIndex(t), -1, instr.offset);
        stack.push(t);
        break;
      }
      case Op.RefFunc: {
        const index = instr.index ?? 0;
        if (index >= ctx.funcTypes.length) throw unknownIndex(Invalid.UnknownFunction, index, -1, instr.offset);
        // Typed function references: `(ref $t)` of the function's type.
        stack.push(concreteHeap(ctx.funcTypes[index]!) | NON_NULL);
        break;
      }
      case Op.GlobalGet: {
        const index = instr.index ?? 0;
        if (index >= visibleGlobals) throw unknownIndex(Invalid.UnknownGlobal, index, -1, instr.offset);
        const type = ctx.globals[index]!;
        if (type.mutable) {
          throw new ValidationError(Invalid.ConstantRequired, -1, instr.offset, `global ${index} is mutable`);
        }
        stack.push(type.valType);
        break;
      }
      // Extended constant expressions: two operands of the instruction's type, one result.
      case Op.I32Add: case Op.I32Sub: case Op.I32Mul: if (wasm2) notConstant(instr.op, instr.offset); binary(stack, ValType.I32, instr.offset); break;
      case Op.I64Add: case Op.I64Sub: case Op.I64Mul: if (wasm2) notConstant(instr.op, instr.offset); binary(stack, ValType.I64, instr.offset); break;
      // GC: i31 and the extern/any conversions are constant.
      case Op.RefI31: unaryConst(stack, ValType.I32, HeapType.I31 | NON_NULL, instr.offset); break;
      case Op.AnyConvertExtern: case Op.ExternConvertAny: {
        const toAny = instr.op === Op.AnyConvertExtern;
        const t = stack[stack.length - 1];
        const nonNull = t !== undefined && !isNullable(t) ? NON_NULL : 0;
        unaryConst(stack, toAny ? ValType.ExternRef : ValType.AnyRef, (toAny ? HeapType.Any : HeapType.Extern) | nonNull, instr.offset, ctx);
        break;
      }
      default:
        // GC: struct and array allocation (./gc-aggregates.ts).
        if (!wasm2 && isAggregateConst(instr.op)) { checkAggregateConst(ctx, instr, stack); break; }
        notConstant(instr.op, instr.offset);
    }
  }
  if (stack.length !== 1 || !isSubtype(ctx, stack[0]!, expected)) mismatch(expr, expected, stack);
}

/** Checks `expr`, the single instruction `ref.func index` (at `offset`). */
function checkRefFunc(ctx: Context, expr: ConstExpr, index: number, offset: number, expected: ValType): void {
  if (index >= ctx.funcTypes.length) throw unknownIndex(Invalid.UnknownFunction, index, -1, offset);
  const t = concreteHeap(ctx.funcTypes[index]!) | NON_NULL;
  if (!isSubtype(ctx, t, expected)) mismatch(expr, expected, [t]);
}

/** Throws the type mismatch of a constant expression that leaves `stack` where one `expected` value was due. */
function mismatch(expr: ConstExpr, expected: ValType, stack: readonly ValType[]): never {
  const got = stack.length === 0 ? "nothing" : stack.map(valTypeName).join(" ");
  throw new ValidationError(Invalid.TypeMismatch, -1, expr.offset,
    `constant expression: expected ${valTypeName(expected)}, got ${got}`);
}

/** Pops two operands of type `t` (a type mismatch otherwise) and pushes the result. */
function binary(stack: ValType[], t: ValType, offset: number): void {
  const b = stack.pop(), a = stack.pop();
  if (a !== t || b !== t) {
    throw new ValidationError(Invalid.TypeMismatch, -1, offset,
      `constant expression: expected ${valTypeName(t)} ${valTypeName(t)}, got ${[a, b].filter((x) => x !== undefined).map((x) => valTypeName(x!)).join(" ") || "nothing"}`);
  }
  stack.push(t);
}

/** Pops one operand that must match `operand` (a type mismatch otherwise) and pushes `result`. */
function unaryConst(stack: ValType[], operand: ValType, result: ValType, offset: number, ctx?: Context): void {
  const a = stack.pop();
  if (a === undefined || (a !== operand && (ctx === undefined || !isSubtype(ctx, a, operand)))) {
    throw new ValidationError(Invalid.TypeMismatch, -1, offset,
      `constant expression: expected ${valTypeName(operand)}, got ${a === undefined ? "nothing" : valTypeName(a)}`);
  }
  stack.push(result);
}

/** Throws "constant expression required" for instruction `op`. */
function notConstant(op: number, offset: number): never {
  throw new ValidationError(Invalid.ConstantRequired, -1, offset, OP_INFO.get(op)?.mnemonic ?? `opcode 0x${op.toString(16)}`);
}
