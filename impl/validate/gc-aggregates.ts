/**
 * GC constant expressions of structs and arrays: `struct.new`,
 * `struct.new_default`, `array.new`, `array.new_default` and
 * `array.new_fixed` are constant (Wasm 3.0), typed as in function bodies.
 * (The function-body rules of every `struct.*`/`array.*` instruction are in
 * ./function-body.ts, `gcAggregate`.)
 * @see https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions
 * @module
 */
import { ValidationError } from "../base/errors.js";
import { Op } from "../base/opcodes.js";
import { isSubtype } from "../base/subtyping.js";
import {
  NON_NULL, ValType, concreteHeap, isArrayType, isDefaultable, isStructType, storageTypeName, unpacked, valTypeName,
} from "../base/types.js";
import type { ConstInstr } from "../decode/module.js";
import type { Context } from "./context.js";
import { Invalid, unknownIndex } from "./reasons.js";

/** True for the struct and array instructions that are constant. */
export function isAggregateConst(op: number): boolean {
  return op === Op.StructNew || op === Op.StructNewDefault || op === Op.ArrayNew || op === Op.ArrayNewDefault || op === Op.ArrayNewFixed;
}

/** Checks one constant `struct.new*`/`array.new*` against the stack of a constant expression. */
export function checkAggregateConst(ctx: Context, instr: ConstInstr, stack: ValType[]): void {
  const x = instr.index ?? 0;
  const t = ctx.types[x];
  if (t === undefined) throw unknownIndex(Invalid.UnknownType, x, -1, instr.offset);
  const fail = (detail: string): never => { throw new ValidationError(Invalid.TypeMismatch, -1, instr.offset, detail); };
  const pop = (expected: ValType): void => {
    const got = stack.pop();
    if (got === undefined || !isSubtype(ctx, got, expected)) {
      fail(`constant expression: expected ${valTypeName(expected)}, got ${got === undefined ? "nothing" : valTypeName(got)}`);
    }
  };
  if (instr.op === Op.StructNew || instr.op === Op.StructNewDefault) {
    if (!isStructType(t)) fail(`type ${x} is not a struct type`);
    const fields = isStructType(t) ? t.fields : [];
    if (instr.op === Op.StructNew) {
      for (let i = fields.length - 1; i >= 0; i--) pop(unpacked(fields[i]!.storage));
    } else {
      for (const f of fields) if (!isDefaultable(f.storage)) fail(`struct.new_default of a field of non-defaultable type ${storageTypeName(f.storage)}`);
    }
  } else {
    if (!isArrayType(t)) fail(`type ${x} is not an array type`);
    const storage = isArrayType(t) ? t.element.storage : ValType.I32;
    if (instr.op === Op.ArrayNew) {
      pop(ValType.I32);
      pop(unpacked(storage));
    } else if (instr.op === Op.ArrayNewDefault) {
      if (!isDefaultable(storage)) fail(`array.new_default of non-defaultable type ${storageTypeName(storage)}`);
      pop(ValType.I32);
    } else {
      for (let i = 0; i < (instr.count ?? 0); i++) pop(unpacked(storage));
    }
  }
  stack.push(concreteHeap(x) | NON_NULL);
}
