/**
 * The debug count of live `capi` objects: every object made by a `_new`,
 * `_copy` or by the engine for the host (types, frames, engines, stores,
 * configs, shared modules, and reference objects until their finalizer has
 * run). Leak tests read it through {@link wasmts_live_count}.
 * @module
 */

let live = 0;

/** Counts one more live object. */
export function born(): void {
  live++;
}

/** Counts one object less. */
export function died(): void {
  live--;
}

/** The number of live objects in this thread. */
export function liveCount(): number {
  return live;
}
