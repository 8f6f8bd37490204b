/**
 * Evaluating the GC allocations of constant expressions (`struct.new`,
 * `struct.new_default`, `array.new`, `array.new_default`,
 * `array.new_fixed`) on the raw-value stack of ./const-expr.ts.
 * @module
 */
import { Op } from "../base/opcodes.js";
import type { DefType } from "../base/types.js";
import type { ConstInstr } from "../decode/module.js";
import {
  allocArray, arrayElem, arraySet, fillRaw, newDefaultStruct, newStruct, structLayout,
} from "../runtime/gc-objects.js";
import type { RawValue } from "../runtime/values.js";

/** True for an allocation that {@link evalAggregate} evaluates. */
export function isAggregateAlloc(op: number): boolean {
  return op >= Op.StructNew && op <= Op.ArrayNewFixed && op !== Op.StructGet && op !== Op.StructGetS
    && op !== Op.StructGetU && op !== Op.StructSet;
}

/** Pops the operands of a validated allocation from `stack` and pushes the new object. */
export function evalAggregate(instr: ConstInstr, stack: RawValue[], types: readonly DefType[]): void {
  const rtt = types[instr.index!]!.rtt!;
  switch (instr.op) {
    case Op.StructNew: {
      const n = structLayout(rtt).kind.length;
      stack.push(newStruct(rtt, stack.splice(stack.length - n, n)));
      return;
    }
    case Op.StructNewDefault:
      stack.push(newDefaultStruct(rtt));
      return;
    case Op.ArrayNew: {
      const length = stack.pop() as number, init = stack.pop();
      const a = allocArray(rtt, arrayElem(rtt), length);
      fillRaw(a, 0, a.length, init);
      stack.push(a);
      return;
    }
    case Op.ArrayNewDefault:
      stack.push(allocArray(rtt, arrayElem(rtt), stack.pop() as number));
      return;
    case Op.ArrayNewFixed: {
      const n = instr.count!;
      const values = stack.splice(stack.length - n, n);
      const a = allocArray(rtt, arrayElem(rtt), n);
      for (let i = 0; i < n; i++) arraySet(a, i, values[i]);
      stack.push(a);
      return;
    }
    default:
      throw new Error(`internal: opcode 0x${instr.op.toString(16)} is not an allocation`);
  }
}
