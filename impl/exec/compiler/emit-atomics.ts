/**
 * Atomic instructions (threads proposal) in compiled code. Loads, stores and
 * read-modify-writes of a memory with i32 addresses are inline `Atomics.*`
 * calls on the typed views the function holds beside the memory's
 * `DataView` (`A`, see `atomicViews` in ../interpreter/atomics.ts), behind
 * one test: an address that is unaligned or past the views' end goes to the
 * generic helper `H.atomic` (the interpreter's own `atomicOp`), which checks
 * against the memory's current length and traps as the proposal says (out
 * of bounds, then unaligned), or, when a shared memory has grown since the
 * views were made, does the access. The semantics stay written once, there;
 * the inline path is its fast case. An i64 crosses as its two halves
 * through the scratch `AI`/`AL`, one bigint each way. Wait and notify go
 * through `H.atomic` always, memory64's accesses through `H.atomic64`
 * (helpers-memory.ts) with the effective address as an exact number.
 * `atomic.fence` emits nothing: every access through `Atomics` is
 * sequentially consistent, and compiled code keeps no memory value in a
 * variable across an atomic access.
 * @see https://github.com/WebAssembly/threads/blob/main/proposals/threads/Overview.md
 * @module
 */
import { AtomicKind, atomicKind, atomicValType, atomicWidthLog2, isAtomic } from "../../base/atomics.js";
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
  const kind = atomicKind(code);
  if (!mem.wide && kind >= AtomicKind.Load) {
    emitAccess(fe, code, r, off, word, `H.atomic(${mem.obj},${code},${word(0, 0)},${r.b >>> 0},${rest}`);
    return;
  }
  // A memory64 memory's address (the operand's halves, see MemoryRef) plus the offset, as an exact number.
  const call = mem.wide ? `H.atomic64(${mem.obj},${code},((${word(0, 1)}>>>0)*4294967296+(${word(0, 0)}>>>0))+${mem.offset(r.b)},${rest}` :
    `H.atomic(${mem.obj},${code},${word(0, 0)},${r.b >>> 0},${rest}`;
  if (sig.result === null) {
    fe.emit(`$p=${off};${call};`);
    return;
  }
  const d = fe.push(sig.result);
  const wide = sig.result === ValType.I64 && kind !== AtomicKind.Wait64;
  fe.emit(`$p=${off};${d}=${call};` + (wide ? `${fe.parts(fe.ts.length - 1)[1]}=H.ATOMIC_HI[0];` : ""));
}

/** `Atomics`' function for a read-modify-write of each kind. */
const RMW: Partial<Record<AtomicKind, string>> = {
  [AtomicKind.Add]: "add", [AtomicKind.Sub]: "sub", [AtomicKind.And]: "and", [AtomicKind.Or]: "or",
  [AtomicKind.Xor]: "xor", [AtomicKind.Xchg]: "exchange", [AtomicKind.Cmpxchg]: "compareExchange",
};

/**
 * A load, store or read-modify-write of a memory with i32 addresses, inline
 * (see the module's documentation); `word(i, half)` is operand i's
 * variable, `generic` the call of `H.atomic` doing the same. The typed
 * arrays are the ones `atomicOp` uses: unsigned for the narrow widths, so
 * results come zero-extended and a compare-exchange compares the expected
 * value wrapped to the width.
 */
function emitAccess(fe: FunctionEmitter, code: number, r: CodeReader, off: number, word: (i: number, half: number) => string, generic: string): void {
  const kind = atomicKind(code), w = atomicWidthLog2(code), wide = atomicValType(code) === ValType.I64;
  const A = fe.atomicViews(r.mem), obj = fe.memory(r.mem).obj;
  const array = w === 0 ? `${A}.u8` : w === 1 ? `${A}.u16` : w === 3 ? `${A}.i64` : wide ? `${A}.u32` : `${A}.i32`;
  const addr = word(0, 0), offset = r.b >>> 0, size = 1 << w;
  let s = `$p=${off};`, ea = `(${addr}>>>0)`;
  if (offset !== 0) { s += `$a=${ea}+${offset};`; ea = "$a"; }
  // Past the test, ea + size is at most the views' length (4 GiB at most): `>>>` gives the index.
  s += `if(${w > 0 ? `(${ea}&${size - 1})!==0||` : ""}${ea}+${size}>${A}.length){${A}=H.atomicViews(${obj});`;
  const index = w === 0 ? ea : `${ea}>>>${w}`;
  if (kind === AtomicKind.Store) {
    s += `${generic};}else{`;
    if (w === 3) s += `AI[0]=${word(1, 0)};AI[1]=${word(1, 1)};Atomics.store(${array},${index},AL[0]);}`;
    else s += `Atomics.store(${array},${index},${word(1, 0)});}`;
    fe.emit(s);
    return;
  }
  const fn = kind === AtomicKind.Load ? "load" : RMW[kind]!;
  // Operands before the result's variables are written: the result's slot may be the address's.
  const d = fe.push(wide ? ValType.I64 : ValType.I32);
  const hi = wide ? fe.parts(fe.ts.length - 1)[1]! : "";
  s += `${d}=${generic};` + (wide ? `${hi}=H.ATOMIC_HI[0];` : "") + "}else{";
  if (w === 3) {
    // Operands into the scratch's bigints, the result out of it as halves.
    let operands = "";
    if (kind !== AtomicKind.Load) { s += `AI[0]=${word(1, 0)};AI[1]=${word(1, 1)};`; operands = ",AL[0]"; }
    if (kind === AtomicKind.Cmpxchg) { s += `AI[2]=${word(2, 0)};AI[3]=${word(2, 1)};`; operands += ",AL[1]"; }
    s += `AL[0]=Atomics.${fn}(${array},${index}${operands});${d}=AI[0];${hi}=AI[1];}`;
  } else {
    const operands = kind === AtomicKind.Load ? "" : kind === AtomicKind.Cmpxchg ? `,${word(1, 0)},${word(2, 0)}` : `,${word(1, 0)}`;
    // A u32 (an i64's 32-bit access) as the low half's int32.
    s += `${d}=Atomics.${fn}(${array},${index}${operands})${w === 2 && wide ? "|0" : ""};` + (wide ? `${hi}=0;` : "") + "}";
  }
  fe.emit(s);
}
