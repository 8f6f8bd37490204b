/**
 * The storage of a shared memory (threads proposal): a growable
 * `SharedArrayBuffer` reserved at the memory's maximum, which every thread
 * (each `worker_threads` worker has its own engine, store and
 * {@link MemoryInstance} objects) views through length-tracking views, so a
 * grow made by one thread is seen by all without any message; and a lock word,
 * in a second small `SharedArrayBuffer`, that makes a grow one atomic step
 * (read the size, check the limits, grow) even when several threads grow at
 * once, so each `memory.grow` returns its own old size.
 * @see https://github.com/WebAssembly/threads/blob/main/proposals/threads/Overview.md
 * @module
 */
import { PAGE_SIZE } from "../base/types.js";

/** A growable `SharedArrayBuffer` (ES2024; Node 20 has it, the TypeScript library we target does not describe it). */
interface Growable {
  readonly growable: boolean;
  readonly maxByteLength: number;
  grow(byteLength: number): void;
}

/**
 * A new growable `SharedArrayBuffer` (the ES2024 constructor options). Looked
 * up at the call: a page that is not cross-origin isolated has no
 * `SharedArrayBuffer` at all, and the package must still load there.
 */
function newGrowable(byteLength: number, maxByteLength: number): SharedArrayBuffer {
  const Sab = SharedArrayBuffer as unknown as new (byteLength: number, options: { maxByteLength: number }) => SharedArrayBuffer;
  return new Sab(byteLength, { maxByteLength });
}

function growable(b: SharedArrayBuffer): Growable {
  return b as unknown as Growable;
}

/**
 * What makes a shared memory, as plain data that survives structured cloning
 * (`postMessage`, `workerData`): hand it to another worker and
 * `MemoryInstance.fromShared` there gives a memory over the same bytes.
 */
export interface SharedMemoryParts {
  /** The bytes: a growable `SharedArrayBuffer` whose `maxByteLength` is the memory's maximum. */
  readonly buffer: SharedArrayBuffer;
  /** One `Int32` word: 0 when no grow is under way, 1 while one is. */
  readonly lock: SharedArrayBuffer;
  /** The memory type's minimum and maximum in pages (the maximum is required of a shared memory). */
  readonly minPages: number;
  readonly maxPages: number;
}

/**
 * What a thread does around each `memory.atomic.wait` on a memory (set by
 * wasi-threads, so that the end of the program wakes a sleeping thread):
 * `enter` before sleeping at byte address `ea`, `leave` after; either may
 * throw a trap that stops the thread instead.
 */
export interface WaitGuard {
  enter(ea: number): void;
  leave(): void;
}

/** Whether a value is {@link SharedMemoryParts} (from an untrusted message, say). */
export function isSharedMemoryParts(x: unknown): x is SharedMemoryParts {
  if (typeof x !== "object" || x === null || typeof SharedArrayBuffer === "undefined") return false;
  const p = x as Record<string, unknown>;
  return p["buffer"] instanceof SharedArrayBuffer && growable(p["buffer"]).growable &&
    p["lock"] instanceof SharedArrayBuffer && p["lock"].byteLength >= 4 &&
    typeof p["minPages"] === "number" && typeof p["maxPages"] === "number" &&
    growable(p["buffer"]).maxByteLength === p["maxPages"] * PAGE_SIZE;
}

/** Test hook: allocations for which it returns true fail. */
let failWhen: ((maxByteLength: number) => boolean) | null = null;

/**
 * Makes shared storage of `minPages` pages growable to `maxPages`; throws
 * `RangeError` when the host cannot reserve it.
 */
export function allocateShared(minPages: number, maxPages: number): SharedMemoryParts {
  if (failWhen !== null && failWhen(maxPages * PAGE_SIZE)) throw new RangeError("cannot allocate shared memory (injected failure)");
  const buffer = newGrowable(minPages * PAGE_SIZE, maxPages * PAGE_SIZE);
  return { buffer, lock: new SharedArrayBuffer(4), minPages, maxPages };
}

/**
 * Makes shared allocations of the maximum sizes for which `predicate` returns
 * true fail (null removes it).
 * @internal
 */
export function setSharedAllocationFailureForTesting(predicate: ((maxByteLength: number) => boolean) | null): void {
  failWhen = predicate;
}

/**
 * Grows shared storage by `deltaPages` under its lock; returns the old size in
 * pages, or -1 when `fits(newPages)` refuses or the host cannot commit the pages.
 * A thread waiting for the lock sleeps (`Atomics.wait`) where the platform
 * lets it; on a thread that may not block (a browser's main thread) it spins,
 * which a grow's short critical section keeps brief.
 */
export function growShared(parts: SharedMemoryParts, deltaPages: number, fits: (pages: number) => boolean): number {
  const lock = new Int32Array(parts.lock);
  while (Atomics.compareExchange(lock, 0, 0, 1) !== 0) {
    try {
      Atomics.wait(lock, 0, 1, 1);
    } catch {
      // This thread may not block: spin.
    }
  }
  try {
    const old = parts.buffer.byteLength / PAGE_SIZE;
    if (deltaPages === 0) return old;
    const next = old + deltaPages;
    if (next > parts.maxPages || !fits(next)) return -1;
    try {
      growable(parts.buffer).grow(next * PAGE_SIZE);
    } catch {
      return -1;
    }
    return old;
  } finally {
    Atomics.store(lock, 0, 0);
    Atomics.notify(lock, 0, 1);
  }
}
