/**
 * Atomic instructions (threads proposal) in compiled code. Each becomes one
 * call of the helper `H.atomic`, the interpreter's own `atomicOp`
 * (../interpreter/atomics.ts): `Atomics.*` on typed views of the memory's
 * buffer (`Int32Array`, `BigInt64Array` and the narrow unsigned arrays), the
 * bounds, alignment and shared-memory checks, and the wait/notify of
 * `memory.atomic.*`, are written once for both tiers. An i64 crosses the call
 * as two halves, its result's high half coming back in `H.ATOMIC_HI`, so
 * nothing is allocated but the `BigInt`s of 64-bit accesses. A memory64
 * memory's accesses go through `H.atomic64` (helpers-memory.ts) with the
 * effective address as an exact number. `atomic.fence`
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
  const mem = fe.memory(r.mem);
  const sig = atomicSignature(code);
  // Operands, top of the stack last: each as its variables (an i64's two halves).
  const operands: string[][] = new Array<string[]>(sig.operands.length);
  for (let i = sig.operands.length - 1; i >= 0; i--) {
    operands[i] = fe.parts(fe.ts.length - 1);
    fe.pop();
  }
  const word = (i: number, half: number): string => operands[i]?.[half] ?? "0";
  const rest = `${word(1, 0)},${word(1, 1)},${word(2, 0)},${word(2, 1)})`;
  // A memory64 memory's address (the operand's halves, see MemoryRef) plus the offset, as an exact number.
  const call = mem.wide ? `H.atomic64(${mem.obj},${code},((${word(0, 1)}>>>0)*4294967296+(${word(0, 0)}>>>0))+${mem.offset(r.b)},${rest}` :
    `H.atomic(${mem.obj},${code},${word(0, 0)},${r.b >>> 0},${rest}`;
  if (sig.result === null) {
    fe.emit(`$p=${off};${call};`);
    return;
  }
  const d = fe.push(sig.result);
  const wide = sig.result === ValType.I64 && atomicKind(code) !== AtomicKind.Wait64;
  fe.emit(`$p=${off};${d}=${call};` + (wide ? `${fe.parts(fe.ts.length - 1)[1]}=H.ATOMIC_HI[0];` : ""));
}
