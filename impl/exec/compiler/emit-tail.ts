/**
 * Tail calls in compiled code (see helpers-tail.ts for the trampoline):
 * `return_call`, `return_call_indirect` and `return_call_ref`.
 * `return_call f` stores `f`'s function instance and the arguments (in
 * compiled form) in `TC`/`TA` and returns the marker `TAIL` from the
 * function's body `G<i>`; the function's entry `F<i>` (the only thing other
 * code calls) runs the trampoline when it gets the marker. The frame of the
 * tail-calling function is thus gone before its callee runs, as in the
 * interpreter: the depth (the last argument) does not grow, the callee's trap frames do
 * not show it, and its handlers do not catch what the callee throws.
 * @module
 */
import { Op } from "../../base/opcodes.js";
import { funcTypeAt, type FuncType } from "../../base/types.js";
import type { CodeReader } from "../../decode/code.js";
import type { FunctionEmitter } from "./emit-api.js";

/**
 * Emits `return_call`, `return_call_indirect` or `return_call_ref`
 * (immediates in `r`, module offset `off`). The callee of the last two is
 * found (and a null reference or a wrong type traps) before the frame goes,
 * so such a trap has this function's frame, as on the interpreter.
 */
export function emitReturnCall(fe: FunctionEmitter, code: number, r: CodeReader, off: number): void {
  const m = fe.cx.module, ts = fe.ts;
  let ft: FuncType, callee: string, s = "";
  if (code === Op.ReturnCall) {
    ft = fe.cx.funcTypes[r.a]!;
    callee = `FN[${r.a}]`;
  } else if (code === Op.ReturnCallRef) {
    ft = funcTypeAt(m.types, r.a);
    s += `$p=${off};$f=H.callRef(${fe.pop()},TY[${r.a}]);`;
    callee = "$f";
  } else {
    ft = funcTypeAt(m.types, r.a);
    s += `$p=${off};$f=H.indirect(TB[${r.b}].elements,${fe.popIndex(r.b)},TY[${r.a}]);`;
    callee = "$f";
  }
  const n = ft.params.length;
  let at = 1;
  for (let j = 0; j < n; j++) for (const w of fe.parts(ts.length - n + j)) s += `TA[${at++}]=${w};`;
  ts.length -= n;
  // The callee takes this frame's depth (`$d`): the frame is gone when it runs.
  fe.emit(`${s}TC.f=${callee};TC.n=${at - 1};TC.i=INST;TC.d=$d;TC.m=${fe.meter};return TAIL;`);
}

/**
 * The text of function `i` whose body (the declaration `G<i>`, already in
 * `body`) makes tail calls: the body, the entry `F<i>` with the same
 * parameters `params` (the depth `$d` last), and the entry's link to the
 * body for the trampoline.
 */
export function tailFunction(i: number, params: string, body: string): string {
  return `${body}function F${i}(${params}){const r=G${i}(${params});return r===TAIL?H.trampoline():r}F${i}.g=G${i};`;
}
