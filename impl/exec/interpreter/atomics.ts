/**
 * The interpreter's atomic instructions (threads proposal), run out of the
 * dispatch loop as SIMD is: one `Atomic` code of {@link ATOMIC_WORDS} words,
 * `Atomic dst op addr offset a b c`, whose operands are word positions
 * from the frame base (an i64 is two words, low first).
 *
 * Accesses go through `Atomics.*` on typed arrays over the memory's buffer,
 * which is sequentially consistent for a shared memory (a growable
 * `SharedArrayBuffer`) and plain for an unshared one, as the proposal allows.
 * Bounds are checked against the memory's current length (a grow by another
 * thread counts), then alignment.
 * @see https://github.com/WebAssembly/threads/blob/main/proposals/threads/Overview.md
 * @module
 */
import { Trap, TrapMessage } from "../../base/errors.js";
import { AtomicKind, atomicKind, atomicValType, atomicWidthLog2 } from "../../base/atomics.js";
import { ValType } from "../../base/types.js";
import type { MemoryInstance } from "../../runtime/instances.js";
import type { Interrupts } from "../../runtime/interrupts.js";

/** Length in words of an `Atomic` instruction (code included). */
export const ATOMIC_WORDS = 8;

/**
 * Typed views of a memory for `Atomics`, covering its first `length` bytes:
 * remade when the memory's `DataView` is (a grow or a pin of an unshared
 * memory) or its length changed (a grow of a shared memory, by any thread).
 * Fixed-length views even over a shared memory's growable
 * `SharedArrayBuffer`: V8 runs `Atomics` on length-tracking ones four
 * times slower. Compiled code holds them beside the `DataView` and takes
 * the generic path for any access past `length` (see emit-atomics.ts).
 */
export interface AtomicViews {
  readonly view: DataView;
  /** The bytes covered: the memory's length when made (at most 4 GiB, a typed array's limit). */
  readonly length: number;
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly u32: Uint32Array;
  readonly i32: Int32Array;
  readonly i64: BigInt64Array;
}

const VIEWS = new WeakMap<MemoryInstance, AtomicViews>();

/** Typed views over `mem`'s bytes as they are now (see {@link AtomicViews}). */
export function atomicViews(mem: MemoryInstance): AtomicViews {
  let v = VIEWS.get(mem);
  const view = mem.view, n = Math.min(view.byteLength, 2 ** 32);
  if (v === undefined || v.view !== view || v.length !== n) {
    const b = mem.buffer;
    v = { view, length: n, u8: new Uint8Array(b, 0, n), u16: new Uint16Array(b, 0, n / 2), u32: new Uint32Array(b, 0, n / 4), i32: new Int32Array(b, 0, n / 4), i64: new BigInt64Array(b, 0, n / 8) };
    VIEWS.set(mem, v);
  }
  return v;
}

/**
 * Scratch for i64 values crossing as two i32 halves: a bigint stored in
 * `AL` is read back as its halves from `AI` (low first), and halves written
 * to `AI` are read as one bigint from `AL`, which makes one bigint where
 * shifts and ors made four. Compiled code uses them too.
 */
export const AL = new BigInt64Array(2);
export const AI = new Int32Array(AL.buffer);

/** Per subopcode: kind, width (log2) and whether the value is i64. */
const KIND = new Uint8Array(256);
const WIDTH = new Int8Array(256);
const WIDE = new Uint8Array(256);
for (let sub = 0; sub <= 0x4e; sub++) {
  const op = 0xfe00 | sub;
  if (sub > 3 && sub < 0x10) continue;
  KIND[sub] = atomicKind(op);
  WIDTH[sub] = atomicWidthLog2(op);
  WIDE[sub] = atomicValType(op) === ValType.I64 ? 1 : 0;
}

/**
 * The effective address of an access of `1 << width` bytes at `addr + offset`:
 * traps when out of the memory's bounds, then when not a multiple of the width.
 */
export function atomicAddress(mem: MemoryInstance | null, addr: number, offset: number, width: number): number {
  const ea = (addr >>> 0) + (offset >>> 0);
  const size = 1 << width;
  if (mem === null || ea + size > mem.bytes.length) throw new Trap(TrapMessage.MemoryOutOfBounds);
  if ((ea & (size - 1)) !== 0) throw new Trap(TrapMessage.UnalignedAtomic);
  return ea;
}

/** An i64 from two 32-bit words. */
function big(lo: number, hi: number): bigint {
  AI[0] = lo;
  AI[1] = hi;
  return AL[0]!;
}

/** A `memory.atomic.wait` timeout in nanoseconds (negative: none) as `Atomics.wait`'s milliseconds. */
export function waitTimeoutMs(ns: bigint): number {
  return ns < 0n ? Infinity : Number(ns) / 1e6;
}

/** `Atomics.wait`'s answer as the instruction's result: 0 woken, 1 not equal, 2 timed out. */
export function waitResult(r: "ok" | "not-equal" | "timed-out"): number {
  return r === "ok" ? 0 : r === "not-equal" ? 1 : 2;
}

/**
 * Applies a read-modify-write of `kind` to element `i` of an integer typed
 * array with operands `v` (and `w`, the replacement of a compare-exchange);
 * returns the old value.
 */
function rmw32(a: Uint8Array | Uint16Array | Uint32Array | Int32Array, i: number, kind: number, v: number, w: number): number {
  switch (kind) {
    case AtomicKind.Add: return Atomics.add(a, i, v);
    case AtomicKind.Sub: return Atomics.sub(a, i, v);
    case AtomicKind.And: return Atomics.and(a, i, v);
    case AtomicKind.Or: return Atomics.or(a, i, v);
    case AtomicKind.Xor: return Atomics.xor(a, i, v);
    case AtomicKind.Xchg: return Atomics.exchange(a, i, v);
    default: return Atomics.compareExchange(a, i, v, w);
  }
}

function rmw64(a: BigInt64Array, i: number, kind: number, v: bigint, w: bigint): bigint {
  switch (kind) {
    case AtomicKind.Add: return Atomics.add(a, i, v);
    case AtomicKind.Sub: return Atomics.sub(a, i, v);
    case AtomicKind.And: return Atomics.and(a, i, v);
    case AtomicKind.Or: return Atomics.or(a, i, v);
    case AtomicKind.Xor: return Atomics.xor(a, i, v);
    case AtomicKind.Xchg: return Atomics.exchange(a, i, v);
    default: return Atomics.compareExchange(a, i, v, w);
  }
}

/** The narrow (or 32-bit) typed array of an access of `1 << width` bytes, unsigned but for the full i32. */
function narrow(v: AtomicViews, width: number, wide: boolean): Uint8Array | Uint16Array | Uint32Array | Int32Array {
  return width === 0 ? v.u8 : width === 1 ? v.u16 : wide ? v.u32 : v.i32;
}

/**
 * `memory.atomic.wait32`/`wait64` on `mem` at `ea`: 0 when woken by a notify,
 * 1 when the value differs from `expected`, 2 when `timeoutNs` passed (negative:
 * no timeout). Traps on an unshared memory. Blocks the thread: on Node's main
 * thread too, where a wait without a timeout that nobody notifies never ends.
 * When the waiting store can be interrupted (`mem.waitWatch`), the wait
 * sleeps in slices and ends with the interrupt's trap (see {@link watchedWait}).
 */
export function atomicWait(mem: MemoryInstance, ea: number, wide: boolean, expected: number | bigint, timeoutNs: bigint): number {
  if (!mem.shared) throw new Trap(TrapMessage.ExpectedSharedMemory);
  const v = atomicViews(mem);
  const ms = waitTimeoutMs(timeoutNs);
  const guard = mem.waitGuard;
  const watch = mem.waitWatch?.interrupts ?? null;
  guard?.enter(ea);
  let r: "ok" | "not-equal" | "timed-out";
  try {
    if (watch !== null) r = watchedWait(v, ea, wide, expected, ms, watch);
    else r = wide ? Atomics.wait(v.i64, ea >>> 3, expected as bigint, ms) : Atomics.wait(v.i32, ea >>> 2, expected as number, ms);
  } catch (e) {
    if (e instanceof Trap) throw e;
    // A thread that may not block (a browser's main thread) cannot wait: a trap, not a raw TypeError.
    throw new Trap(TrapMessage.HostError, `memory.atomic.wait: this thread cannot block (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    guard?.leave();
  }
  return waitResult(r);
}

/**
 * A wait of a store that can be interrupted: sleeps in slices no longer than
 * the store allows ({@link Interrupts.waitSliceMs}), looking between them
 * at its epoch deadline, deadline and thread-group halt, and traps with the
 * first that has come. Between two slices the thread is not in the wait
 * queue: when the value has changed by then, the wait ends as woken (a
 * notify may have come in the gap; futex-style code rechecks its condition
 * after any wake, so an early wake is safe where a lost one would hang).
 */
function watchedWait(v: AtomicViews, ea: number, wide: boolean, expected: number | bigint, ms: number, watch: Interrupts): "ok" | "not-equal" | "timed-out" {
  const end = ms === Infinity ? Infinity : performance.now() + ms;
  for (let first = true; ; first = false) {
    const why = watch.pending();
    if (why !== null) throw new Trap(why);
    const left = end === Infinity ? Infinity : Math.max(0, end - performance.now());
    if (!first && left === 0) return "timed-out";
    const slice = Math.min(left, watch.waitSliceMs());
    const r = wide ? Atomics.wait(v.i64, ea >>> 3, expected as bigint, slice) : Atomics.wait(v.i32, ea >>> 2, expected as number, slice);
    if (r === "ok") return r;
    if (r === "not-equal") return first ? r : "ok";
    if (slice === left) {
      const late = watch.pending();
      if (late !== null) throw new Trap(late);
      return r;
    }
  }
}

/** `memory.atomic.notify`: wakes up to `count` waiters at `ea`; returns how many woke (0 on an unshared memory). */
export function atomicNotify(mem: MemoryInstance, ea: number, count: number): number {
  if (!mem.shared) return 0;
  return Atomics.notify(atomicViews(mem).i32, ea >>> 2, count >>> 0);
}

/** The high half of the last i64 result of {@link atomicOp}. */
export const ATOMIC_HI = new Int32Array(1);

/**
 * Runs atomic instruction `op` (not `atomic.fence`) on `mem` at `addr +
 * offset`, with operands `a` and `b` (an i64 as its halves `lo`, `hi`; an i32
 * in `lo`): returns the result, or its low half for an i64, whose high half
 * is then in {@link ATOMIC_HI}; 0 when there is none. Traps as the proposal
 * says (out of bounds, then unaligned; a wait on an unshared memory). Both
 * tiers run atomics through it.
 */
export function atomicOp(mem: MemoryInstance | null, op: number, addr: number, offset: number,
  alo: number, ahi: number, blo: number, bhi: number): number {
  const sub = op & 0xff;
  const kind = KIND[sub]!;
  const wide = WIDE[sub] === 1;
  const width = WIDTH[sub]!;
  const ea = atomicAddress(mem, addr, offset, width);
  const m = mem!;
  switch (kind) {
    case AtomicKind.Notify:
      return atomicNotify(m, ea, alo);
    case AtomicKind.Wait32:
      return atomicWait(m, ea, false, alo | 0, big(blo, bhi));
    case AtomicKind.Wait64:
      return atomicWait(m, ea, true, big(alo, ahi), big(blo, bhi));
    case AtomicKind.Load: {
      const v = atomicViews(m);
      if (width === 3) return split(Atomics.load(v.i64, ea >>> 3));
      ATOMIC_HI[0] = 0;
      return Atomics.load(narrow(v, width, wide), ea >>> width) | 0;
    }
    case AtomicKind.Store: {
      const v = atomicViews(m);
      if (width === 3) Atomics.store(v.i64, ea >>> 3, big(alo, ahi));
      else Atomics.store(narrow(v, width, wide), ea >>> width, alo);
      return 0;
    }
    default: {
      // Read-modify-write: the operand `a` (and `b`, the replacement of a compare-exchange).
      const v = atomicViews(m);
      if (width === 3) return split(rmw64(v.i64, ea >>> 3, kind, big(alo, ahi), kind === AtomicKind.Cmpxchg ? big(blo, bhi) : 0n));
      ATOMIC_HI[0] = 0;
      return rmw32(narrow(v, width, wide), ea >>> width, kind, alo, kind === AtomicKind.Cmpxchg ? blo : 0) | 0;
    }
  }
}

/** The low half of `x`, its high half into {@link ATOMIC_HI}. */
function split(x: bigint): number {
  AL[0] = x;
  ATOMIC_HI[0] = AI[1]!;
  return AI[0]!;
}

/** Runs the `Atomic` instruction at `pc` (see the module's documentation); returns the next `pc`. */
export function atomicStep(I: Int32Array, code: ArrayLike<number>, pc: number, fp: number, mem: MemoryInstance | null): number {
  const op = code[pc + 2]!;
  // JavaScript has no fence of its own; every access here is already sequentially consistent.
  if (op === FENCE) return pc + ATOMIC_WORDS;
  const d = fp + code[pc + 1]!;
  const a = fp + code[pc + 5]!, b = fp + code[pc + 6]!;
  const lo = atomicOp(mem, op, I[fp + code[pc + 3]!]!, code[pc + 4]!, I[a]!, I[a + 1]!, I[b]!, I[b + 1]!);
  const kind = KIND[op & 0xff]!;
  if (kind === AtomicKind.Store) return pc + ATOMIC_WORDS;
  I[d] = lo;
  if (WIDE[op & 0xff] === 1 && kind !== AtomicKind.Wait64) I[d + 1] = ATOMIC_HI[0]!;
  return pc + ATOMIC_WORDS;
}

const FENCE = 0xfe03;
