/**
 * Threads (extension): shared memory types and shared memories handed to
 * other workers. `wasm.h` has no shared flag, so a shared memory type is made
 * by {@link wasmts_memorytype_new} (which also makes memory64 types, see
 * ./types64.ts), after Wasmtime's
 * `wasmtime_memorytype_new(min, max_present, max, is_64, shared)`, and asked
 * with {@link wasmts_memorytype_isshared} (Wasmtime's
 * `wasmtime_memorytype_isshared`). `wasm_memory_new` with such a type makes a
 * shared memory (a growable `SharedArrayBuffer`).
 *
 * A JavaScript object cannot cross threads, so a memory reaches another
 * `worker_threads` worker as a module does (`wasm_module_share`/`obtain`):
 * {@link wasmts_memory_share} gives plain data that survives structured
 * cloning, and {@link wasmts_memory_obtain} in the worker makes a
 * `wasm_memory_t` of that worker's store over the same bytes. Each side's
 * writes, grows and `memory.atomic.wait`/`notify` are seen by the other
 * (porting guide (docs/porting-guide.md), "Threads").
 * @module
 */
import { MAX_PAGES, MemoryInstance, isSharedMemoryParts, type SharedMemoryParts } from "../../impl/index.js";
import { born, died } from "../internal/live.js";
import { handleAs, live, liveStore, misuse, owned } from "../internal/handles.js";
import { wasm_memory_t, wasm_memorytype_t, wasm_store_t } from "../internal/objects.js";
import { recordOf } from "../internal/records.js";
import { limitsFromWide } from "../internal/types.js";
import { checkPageCount, checkU64Bound, MAX_PAGES_64 } from "../internal/limits.js";

/**
 * Makes a memory type (Wasmtime's `wasmtime_memorytype_new`): `min` pages,
 * a maximum of `max` pages when `max_present`, addressed by i64 when `is_64`
 * (memory64), shared when `shared`. Returns null when the type is impossible
 * (as Wasmtime returns an error): a 64-bit bound over 2^48 pages, a minimum
 * over the maximum, or a shared type without a maximum (the threads proposal
 * requires one). A 32-bit type's bounds must be page counts (32-bit unsigned
 * integers below 0xffffffff) and a 64-bit type's integers from 0 to 2^64;
 * anything else is misuse. A 64-bit type's exact bounds are read with
 * `wasmts_memorytype_minimum`/`wasmts_memorytype_maximum`
 * (`wasm_memorytype_limits` saturates them at 32 bits).
 * @category Extensions
 */
export function wasmts_memorytype_new(min: number, max_present: boolean, max: number, is_64: boolean, shared: boolean): wasm_memorytype_t | null {
  const fn = "wasmts_memorytype_new";
  const bound = is_64 ? checkU64Bound : checkPageCount;
  bound(min, fn, "min");
  if (max_present) bound(max, fn, "max");
  if (shared && !max_present) return null;
  if (max_present && min > max) return null;
  if (is_64 && (min > MAX_PAGES_64 || (max_present && max > MAX_PAGES_64))) return null;
  const bounds = Object.freeze({ min, max: max_present ? max : null });
  return new wasm_memorytype_t(limitsFromWide(bounds), shared === true, is_64 === true, bounds);
}

/**
 * Whether a memory type is shared (Wasmtime's `wasmtime_memorytype_isshared`).
 * @category Extensions
 */
export function wasmts_memorytype_isshared(t: wasm_memorytype_t | null): boolean {
  return owned(t, wasm_memorytype_t, "wasmts_memorytype_isshared")._shared;
}

/**
 * A shared memory as plain data for another worker (`wasmts_shared_memory_t`):
 * send it with `postMessage` or in `workerData` (its `SharedArrayBuffer`s are
 * shared, not copied), then {@link wasmts_memory_obtain} there.
 * @category Extensions
 */
export interface wasmts_shared_memory_t {
  /** Marks the object as a shared memory. */
  readonly wasmts_shared_memory: 1;
  /** The storage (bytes and grow lock) and the type's limits. */
  readonly parts: SharedMemoryParts;
  /** Set by {@link wasmts_shared_memory_delete}. */
  deleted: boolean;
}

/** Shared memories made in this thread (a clone received from another thread is not counted here). */
const madeHere = new WeakSet<object>();

function isSharedMemory(x: unknown): x is wasmts_shared_memory_t {
  return typeof x === "object" && x !== null && (x as wasmts_shared_memory_t).wasmts_shared_memory === 1 &&
    isSharedMemoryParts((x as wasmts_shared_memory_t).parts);
}

/**
 * Gives a shared memory to hand to other workers (the caller owns it: delete
 * it with {@link wasmts_shared_memory_delete}); null when the memory is not
 * shared (an unshared memory's bytes cannot be seen from another thread).
 * @category Extensions
 */
export function wasmts_memory_share(memory: wasm_memory_t | null): wasmts_shared_memory_t | null {
  const m = live(memory, wasm_memory_t, "wasmts_memory_share")._rec.obj as MemoryInstance;
  if (m.sharedParts === null) return null;
  const shared: wasmts_shared_memory_t = { wasmts_shared_memory: 1, parts: m.sharedParts, deleted: false };
  madeHere.add(shared);
  born();
  return shared;
}

/**
 * Deletes a shared memory (the handle, not the memory: memories made of it live on).
 * @category Extensions
 */
export function wasmts_shared_memory_delete(shared: wasmts_shared_memory_t | null): void {
  if (shared === null || shared === undefined) return;
  if (!isSharedMemory(shared)) misuse("wasmts_shared_memory_delete", "not a wasmts_shared_memory_t");
  if (shared.deleted) misuse("wasmts_shared_memory_delete", "the wasmts_shared_memory_t was already deleted");
  shared.deleted = true;
  if (madeHere.has(shared)) died();
}

/**
 * Makes a memory of `store` over a shared memory's bytes (made in this
 * thread or received from another): the same bytes, the same size, grows
 * seen on both sides. Null when the store's resource limits refuse it.
 * Import it into an instance of a module obtained with `wasm_module_obtain`
 * to run the module over its parent's memory.
 * @category Extensions
 */
export function wasmts_memory_obtain(store: wasm_store_t | null, shared: wasmts_shared_memory_t | null): wasm_memory_t | null {
  const fn = "wasmts_memory_obtain";
  const s = liveStore(store, fn);
  if (!isSharedMemory(shared)) misuse(fn, "not a wasmts_shared_memory_t");
  if (shared.deleted) misuse(fn, "the wasmts_shared_memory_t was deleted");
  if (shared.parts.maxPages > MAX_PAGES) return null;
  const limits = s.runtime.limits;
  if (!limits.canMakeMemory(shared.parts.buffer.byteLength / 0x10000)) return null;
  const memory = MemoryInstance.fromShared(shared.parts);
  limits.memoryCount++;
  memory.limits = limits;
  return handleAs(recordOf(s, memory), wasm_memory_t);
}
