/**
 * Atomic instructions (threads proposal) in compiled code. Each becomes one
 * call of the helper `H.atomic`, the interpreter's own `atomicOp`
 * (../interpreter/atomics.ts): `Atomics.*` on typed views of the memory's
 * buffer (`Int32Array`, `BigInt64Array` and the narrow unsigned arrays), the
 * bounds, alignment and shared-memory checks, and the wait/notify of
 * `memory.atomic.*`, are written once for both tiers. An i64 crosses the call
 * as two halves, its result's high half coming back in `H.ATOMIC_HI`, so
 * nothing is allocated but the `BigInt`s of 64-bit accesses. `atomic.fence`
 * emits nothing: every access through `Atomics` is sequentially consistent,
 * and compiled code keeps no memory value in a variable across an atomic
 * call.
 * @see https://github.com/WebAssembly/threads/blob/main/proposals/threads/Overview.md
 * @module
 */
import { AtomicKind, atomicKind, isAtomic } from "../../base/atomics.js";
import { Op } from "../../base/opcodes.js";
import { ValType } from "../../base/types.js";
import type { CodeReader } from "../../decode/code.js";
import { atomicSignature } from "../../validate/atomics.js";
import type { FunctionEmitter } from "./emit-api.js";

/** Whether `code` is an atomic instruction (this file emits them all). */
export function isAtomicCode(code: number): boolean {
  return isAtomic(code);
}

/**
 * Emits atomic instruction `code` (its memory argument in `r`; `off` its
 * offset in the module, for trap frames).
 */
export function emitAtomic(fe: FunctionEmitter, code: number, r: CodeReader, off: number): void {
  if (code === Op.AtomicFence) return;
  fe.useMemory();
  const sig = atomicSignature(code);
  // Operands, top of the stack last: each as its variables (an i64's two halves).
  const operands: string[][] = new Array<string[]>(sig.operands.length);
  for (let i = sig.operands.length - 1; i >= 0; i--) {
    operands[i] = fe.parts(fe.ts.length - 1);
    fe.pop();
  }
  const word = (i: number, half: number): string => operands[i]?.[half] ?? "0";
  const call = `H.atomic(MEM,${code},${word(0, 0)},${r.b >>> 0},${word(1, 0)},${word(1, 1)},${word(2, 0)},${word(2, 1)})`;
  if (sig.result === null) {
    fe.emit(`$p=${off};${call};`);
    return;
  }
  const d = fe.push(sig.result);
  const wide = sig.result === ValType.I64 && atomicKind(code) !== AtomicKind.Wait64;
  fe.emit(`$p=${off};${d}=${call};` + (wide ? `${fe.parts(fe.ts.length - 1)[1]}=H.ATOMIC_HI[0];` : ""));
}
