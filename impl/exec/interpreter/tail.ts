/**
 * Tail calls (`return_call`, `return_call_indirect`): the callee reuses the
 * caller's frame, so its arguments (or a host callee's results) move down to
 * the frame base.
 * @see https://webassembly.github.io/spec/core/exec/instructions.html#xref-syntax-instructions-syntax-instr-control-mathsf-return-call-x
 * @module
 */
import { ValType } from "../../base/types.js";
import type { Machine } from "./machine.js";

/**
 * Copies values of `types` from the slots at word `fp + from` to those at
 * `fp` (`from` is past them: ascending copies never overwrite a source unread).
 */
export function moveDown(m: Machine, fp: number, from: number, types: readonly ValType[]): void {
  const I = m.I, R = m.R;
  const fd = fp >> 1, sd = (fp + from) >> 1;
  for (let j = 0; j < types.length; j++) {
    const t = types[j]!;
    if (t === ValType.V128) m.V.move(fd + j, sd + j);
    else {
      I[fp + 2 * j] = I[fp + from + 2 * j]!;
      I[fp + 2 * j + 1] = I[fp + from + 2 * j + 1]!;
      R[fd + j] = R[sd + j];
    }
  }
}
