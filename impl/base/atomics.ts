/**
 * What each atomic instruction (threads proposal, prefix 0xFE) does, derived
 * from its subopcode: the kind of access, its width and its value type. The
 * validator, the interpreter's lowering and the compiler read it, so the
 * regular layout of the opcode space is written down once, here.
 * @see https://github.com/WebAssembly/threads/blob/main/proposals/threads/Overview.md
 * @module
 */
import { Op } from "./opcodes.js";
import { ValType } from "./types.js";

/** What an atomic instruction does. */
export const AtomicKind = {
  Notify: 0, Wait32: 1, Wait64: 2, Fence: 3, Load: 4, Store: 5,
  Add: 6, Sub: 7, And: 8, Or: 9, Xor: 10, Xchg: 11, Cmpxchg: 12,
} as const;
/** One of {@link AtomicKind}. */
export type AtomicKind = (typeof AtomicKind)[keyof typeof AtomicKind];

/** The seven shapes every load, store and read-modify-write family comes in, in subopcode order: value type and log2 of the width. */
const SHAPES: readonly (readonly [ValType, number])[] = [
  [ValType.I32, 2], [ValType.I64, 3], [ValType.I32, 0], [ValType.I32, 1], [ValType.I64, 0], [ValType.I64, 1], [ValType.I64, 2],
];

/** The first load's subopcode; stores follow, then the read-modify-write families of seven each. */
const FIRST_LOAD = Op.I32AtomicLoad & 0xff;
const FIRST_RMW = Op.I32AtomicRmwAdd & 0xff;
const LAST = Op.I64AtomicRmw32CmpxchgU & 0xff;

/** Whether `op` is an atomic instruction code (`0xfe00`..`0xfe4e`). */
export function isAtomic(op: number): boolean {
  return op >= 0xfe00 && op <= (0xfe00 | LAST);
}

/** The kind of the atomic instruction `op`. */
export function atomicKind(op: number): AtomicKind {
  const sub = op & 0xff;
  if (sub < FIRST_LOAD) return sub as AtomicKind; // notify, wait32, wait64, fence
  if (sub < FIRST_LOAD + 7) return AtomicKind.Load;
  if (sub < FIRST_RMW) return AtomicKind.Store;
  return (AtomicKind.Add + Math.floor((sub - FIRST_RMW) / 7)) as AtomicKind;
}

/** The shape index (0..6 in {@link SHAPES}) of a load, store or read-modify-write. */
function shape(op: number): readonly [ValType, number] {
  const sub = op & 0xff;
  const i = sub < FIRST_RMW ? (sub - FIRST_LOAD) % 7 : (sub - FIRST_RMW) % 7;
  return SHAPES[i]!;
}

/**
 * log2 of the bytes `op` accesses, which is also the only alignment
 * validation accepts (atomic accesses must be naturally aligned); -1 for
 * `atomic.fence`, which accesses nothing.
 */
export function atomicWidthLog2(op: number): number {
  switch (atomicKind(op)) {
    case AtomicKind.Fence: return -1;
    case AtomicKind.Notify: case AtomicKind.Wait32: return 2;
    case AtomicKind.Wait64: return 3;
    default: return shape(op)[1];
  }
}

/**
 * The value type an access reads or writes (the stored operand, the loaded
 * result, both operands of a read-modify-write): i32 or i64; the expected
 * value's type for a wait; i32 for notify's count.
 */
export function atomicValType(op: number): ValType {
  switch (atomicKind(op)) {
    case AtomicKind.Fence: case AtomicKind.Notify: case AtomicKind.Wait32: return ValType.I32;
    case AtomicKind.Wait64: return ValType.I64;
    default: return shape(op)[0];
  }
}
