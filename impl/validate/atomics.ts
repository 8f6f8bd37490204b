/**
 * Typing rules of the atomic instructions (threads proposal): operand types
 * and result type of each, from its kind and value type.
 * @see https://github.com/WebAssembly/threads/blob/main/proposals/threads/Overview.md
 * @module
 */
import { AtomicKind, atomicKind, atomicValType } from "../base/atomics.js";
import { ValType } from "../base/types.js";

/** Operand types (bottom of the stack first) and result type (null: none) of an instruction. */
export interface AtomicSignature {
  readonly operands: readonly ValType[];
  readonly result: ValType | null;
}

const { I32, I64 } = ValType;

/** The signature of the atomic instruction `op` (made once per code). */
export function atomicSignature(op: number): AtomicSignature {
  return SIGNATURES[op & 0xff] ?? (SIGNATURES[op & 0xff] = signatureOf(op));
}

const SIGNATURES: (AtomicSignature | undefined)[] = [];

function signatureOf(op: number): AtomicSignature {
  const t = atomicValType(op);
  switch (atomicKind(op)) {
    case AtomicKind.Fence: return { operands: [], result: null };
    case AtomicKind.Notify: return { operands: [I32, I32], result: I32 };
    case AtomicKind.Wait32: return { operands: [I32, I32, I64], result: I32 };
    case AtomicKind.Wait64: return { operands: [I32, I64, I64], result: I32 };
    case AtomicKind.Load: return { operands: [I32], result: t };
    case AtomicKind.Store: return { operands: [I32, t], result: null };
    case AtomicKind.Cmpxchg: return { operands: [I32, t, t], result: t };
    default: return { operands: [I32, t], result: t };
  }
}
