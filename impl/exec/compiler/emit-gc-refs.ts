/**
 * GC's reference instructions other than structs and arrays in compiled
 * code: `ref.i31`, `i31.get_s/u`, `ref.eq` inline (an i31 is a number, so
 * `ref.eq` is `===`), the casts and the extern/any conversions through the
 * helpers of helpers-gc-refs.ts. Heap types enter the text as numeric
 * literals; a concrete one names `TY`, the module's types.
 * @module
 */
import { Op } from "../../base/opcodes.js";
import { HeapType, NON_NULL, ValType, heapType, isNullable } from "../../base/types.js";
import type { CodeReader } from "../../decode/code.js";
import type { FunctionEmitter } from "./emit-api.js";

/** Whether `code` is one of the instructions {@link emitGcRef} compiles. */
export function isGcRefCode(code: number): boolean {
  return code === Op.RefEq || (code >= Op.RefTest && code <= Op.I31GetU);
}

/** Emits one of GC's reference instructions (immediates in `r`, module offset `off`). */
export function emitGcRef(fe: FunctionEmitter, code: number, r: CodeReader, off: number): void {
  const ts = fe.ts;
  switch (code) {
    case Op.RefI31: { const a = fe.pop(); fe.emit(`${fe.push(HeapType.I31 | NON_NULL)}=(${a}<<1)>>1;`); return; }
    case Op.I31GetS: { const a = fe.pop(); fe.emit(`$p=${off};${fe.push(ValType.I32)}=H.i31Get(${a});`); return; }
    case Op.I31GetU: { const a = fe.pop(); fe.emit(`$p=${off};${fe.push(ValType.I32)}=H.i31Get(${a})&2147483647;`); return; }
    case Op.RefEq: { const b = fe.pop(), a = fe.pop(); fe.emit(`${fe.push(ValType.I32)}=${a}===${b}?1:0;`); return; }
    case Op.AnyConvertExtern: case Op.ExternConvertAny: {
      const toAny = code === Op.AnyConvertExtern;
      const nonNull = ts[ts.length - 1]! & NON_NULL;
      const a = fe.pop();
      fe.emit(`${fe.push((toAny ? HeapType.Any : HeapType.Extern) | nonNull)}=H.${toAny ? "anyConvertExtern" : "externConvertAny"}(${a});`);
      return;
    }
    case Op.RefTest: case Op.RefTestNull: {
      const a = fe.pop();
      fe.emit(`${fe.push(ValType.I32)}=H.refTest(${a},${r.a},${code === Op.RefTestNull},TY)?1:0;`);
      return;
    }
    case Op.RefCast: case Op.RefCastNull: {
      // The reference stays in its variable, now of the target type.
      const nullable = code === Op.RefCastNull;
      fe.emit(`$p=${off};H.refCast(${fe.parts(ts.length - 1)[0]!},${r.a},${nullable},TY);`);
      ts[ts.length - 1] = nullable ? r.a : r.a | NON_NULL;
      return;
    }
    case Op.BrOnCast: case Op.BrOnCastFail: {
      // The reference is the label's last value: it stays on the stack either way, retyped for the fall-through.
      const from = r.b, to = r.c;
      const a = fe.parts(ts.length - 1)[0]!;
      const test = `H.refTest(${a},${heapType(to)},${isNullable(to)},TY)`;
      fe.emit(`if(${code === Op.BrOnCast ? test : `!${test}`}){${fe.branch(r.a)}}`);
      const diff = isNullable(to) ? heapType(from) | NON_NULL : from;
      ts[ts.length - 1] = code === Op.BrOnCast ? diff : to;
      return;
    }
    default: throw new Error(`compiler: no GC reference instruction 0x${code.toString(16)}`);
  }
}
