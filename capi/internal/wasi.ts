/**
 * The WASI side of a store in this API: the context attached with
 * `wasmts_store_set_wasi` and the finalizers of the custom output callbacks
 * of the configuration it was made from. Kept beside the store (the engine's
 * own registry is found the same way) so that stores without WASI carry
 * nothing; `wasm_store_delete` ends it.
 * @module
 */
import { attachWasi, wasiOf, type WasiContext } from "../../impl/index.js";
import type { StoreState } from "./records.js";

/** What a store holds for WASI: the finalizers to run when its context ends. */
const finalizersOf = new WeakMap<StoreState, (() => void)[]>();

/**
 * Attaches `ctx` to the store, ending the context attached before (its host
 * files closed, its output finalizers run): one context per store, as
 * Wasmtime's `wasmtime_context_set_wasi` replaces the store's WASI state.
 */
export function setStoreWasi(store: StoreState, ctx: WasiContext, finalizers: (() => void)[]): void {
  endStoreWasi(store);
  attachWasi(store.runtime, ctx);
  finalizersOf.set(store, finalizers);
}

/**
 * Ends the store's WASI context, if any: closes the host files it opened and
 * runs the output finalizers once each (the first finalizer error is
 * rethrown after all have run). Idempotent.
 */
export function endStoreWasi(store: StoreState): void {
  const ctx = wasiOf(store.runtime);
  const finalizers = finalizersOf.get(store) ?? [];
  finalizersOf.delete(store);
  if (ctx !== null) {
    attachWasi(store.runtime, null);
    ctx.close();
  }
  runFinalizers(finalizers);
}

/** Runs each finalizer once, in order; the first error is rethrown after all have run. */
export function runFinalizers(finalizers: (() => void)[]): void {
  let error: { e: unknown } | null = null;
  for (const f of finalizers.splice(0)) {
    try {
      f();
    } catch (e) {
      error ??= { e };
    }
  }
  if (error) throw error.e;
}
