/**
 * Linear memories (`wasm_memory_t`).
 * @module
 */
import { MAX_PAGES, MemoryInstance } from "../impl/index.js";
import { handleAs, live, liveStore, owned, u32Arg, u64Arg } from "./internal/handles.js";
import { wasm_memory_t, wasm_memorytype_t, wasm_ref_t, wasm_store_t } from "./internal/objects.js";
import { recordOf } from "./internal/records.js";
import { refFunctions } from "./internal/refs.js";
import { MAX_PAGES_64 } from "./internal/limits.js";
import { externtypeFromImpl, memorytypeToImpl } from "./internal/types.js";

export { wasm_memory_t };

/** A size of memory in 64 KiB pages (`wasm_memory_pages_t`). @category Runtime Objects */
export type wasm_memory_pages_t = number;

/** The size of a memory page in bytes (`MEMORY_PAGE_SIZE`, 0x10000). @category Runtime Objects */
export const MEMORY_PAGE_SIZE = 0x10000;

const memoryRef = refFunctions("memory", wasm_memory_t);

/**
 * Deletes a memory handle; the memory lives on while other handles or users remain.
 * @category Runtime Objects
 */
export function wasm_memory_delete(h: wasm_memory_t | null): void {
  memoryRef.delete(h);
}

/**
 * Makes another handle to the same memory.
 * @category Runtime Objects
 */
export function wasm_memory_copy(h: wasm_memory_t | null): wasm_memory_t {
  return memoryRef.copy(h);
}

/**
 * True when two handles designate the same memory.
 * @category Runtime Objects
 */
export function wasm_memory_same(a: wasm_memory_t | null, b: wasm_memory_t | null): boolean {
  return memoryRef.same(a, b);
}

/**
 * The host info of the memory (null when none was set).
 * @category Runtime Objects
 */
export function wasm_memory_get_host_info(h: wasm_memory_t | null): unknown {
  return memoryRef.get_host_info(h);
}

/**
 * Sets the host info of the memory.
 * @category Runtime Objects
 */
export function wasm_memory_set_host_info(h: wasm_memory_t | null, info: unknown): void {
  memoryRef.set_host_info(h, info);
}

/**
 * Sets the host info of the memory with a finalizer that runs once when the
 * memory dies (its last handle deleted, or its store deleted).
 * @category Runtime Objects
 */
export function wasm_memory_set_host_info_with_finalizer(h: wasm_memory_t | null, info: unknown, finalizer: ((info: unknown) => void) | null): void {
  memoryRef.set_host_info_with_finalizer(h, info, finalizer);
}

/**
 * The memory as a reference (the same handle; null stays null).
 * @category Runtime Objects
 */
export function wasm_memory_as_ref(h: wasm_memory_t | null): wasm_ref_t | null {
  return memoryRef.as_ref(h);
}

/**
 * A reference as a memory, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_memory(r: wasm_ref_t | null): wasm_memory_t | null {
  return memoryRef.ref_as(r);
}

/**
 * A const memory as a const reference (the same handle).
 * @category Runtime Objects
 */
export function wasm_memory_as_ref_const(h: wasm_memory_t | null): wasm_ref_t | null {
  return memoryRef.as_ref(h, "wasm_memory_as_ref_const");
}

/**
 * A const reference as a const memory, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_memory_const(r: wasm_ref_t | null): wasm_memory_t | null {
  return memoryRef.ref_as(r, "wasm_ref_as_memory_const");
}
function memoryInstance(m: wasm_memory_t | null, fn: string): MemoryInstance {
  return live(m, wasm_memory_t, fn)._rec.obj as MemoryInstance;
}

/**
 * Makes a memory of type `type`, filled with zeros, or returns null when its
 * limits are impossible (minimum above maximum or above 65536 pages) or the
 * host cannot allocate it.
 * @category Runtime Objects
 */
export function wasm_memory_new(store: wasm_store_t | null, type: wasm_memorytype_t | null): wasm_memory_t | null {
  const fn = "wasm_memory_new";
  const s = liveStore(store, fn);
  const mt = memorytypeToImpl(owned(type, wasm_memorytype_t, fn));
  const { min, max } = mt.limits;
  // memory64 (extension `wasmts_memorytype_new`): up to 2^48 pages as a type; the runtime says what it can make.
  const most = mt.address64 === true ? MAX_PAGES_64 : MAX_PAGES;
  if (min > most || (max !== null && (max > most || min > max))) return null;
  // Threads: a shared memory needs a maximum (wasmts_memorytype_new never makes one without).
  if (mt.shared === true && max === null) return null;
  // The store's resource limits (extension `wasmts_store_limiter`).
  const limits = s.runtime.limits;
  if (!limits.canMakeMemory(min)) return null;
  let memory: MemoryInstance;
  try {
    memory = new MemoryInstance(mt);
  } catch {
    return null;
  }
  limits.memoryCount++;
  memory.limits = limits;
  return handleAs(recordOf(s, memory), wasm_memory_t);
}

/**
 * The memory's type, with its current size as minimum (a new memory type that the caller owns).
 * @category Runtime Objects
 */
export function wasm_memory_type(m: wasm_memory_t | null): wasm_memorytype_t {
  return externtypeFromImpl(memoryInstance(m, "wasm_memory_type").externType()) as wasm_memorytype_t;
}

/**
 * The memory's bytes: a `Uint8Array` over exactly its current size. The view
 * stays valid for the memory's whole life: once the host has asked for its
 * data, a memory never moves (it is pinned, see `MemoryInstance.pin`), so
 * writes through a view taken before a grow still reach wasm. The view keeps
 * the length it had; to reach pages added by a grow, call this again (as in
 * C, where the pointer's extent is `wasm_memory_data_size`; porting guide
 * (docs/porting-guide.md), rule 8). A typed array holds at most 2^32
 * bytes on Node 20, so for a memory64 memory above 4 GiB the view covers its
 * first 4 GiB; `wasm_memory_data_size` is still the whole size.
 * @category Runtime Objects
 */
export function wasm_memory_data(m: wasm_memory_t | null): Uint8Array {
  const memory = memoryInstance(m, "wasm_memory_data");
  memory.pin();
  return memory.bytes;
}

/**
 * The memory's size in bytes.
 * @category Runtime Objects
 */
export function wasm_memory_data_size(m: wasm_memory_t | null): number {
  // The whole size, also for a memory64 memory above 4 GiB (whose byte view covers its first 4 GiB).
  return memoryInstance(m, "wasm_memory_data_size").byteLength;
}

/**
 * The memory's size in pages.
 * @category Runtime Objects
 */
export function wasm_memory_size(m: wasm_memory_t | null): wasm_memory_pages_t {
  return memoryInstance(m, "wasm_memory_size").sizePages;
}

/**
 * Grows the memory by `delta` pages (new bytes are zero); false (and no
 * change) when that would pass its maximum or the host cannot allocate.
 * @category Runtime Objects
 */
export function wasm_memory_grow(m: wasm_memory_t | null, delta: wasm_memory_pages_t): boolean {
  const fn = "wasm_memory_grow";
  const memory = memoryInstance(m, fn);
  // A memory64's delta is a uint64_t (extension); one too large fails as any grow past the maximum does.
  if (memory.type.address64 === true) u64Arg(delta, fn, "delta");
  else u32Arg(delta, fn, "delta");
  return memory.grow(delta) !== -1;
}
