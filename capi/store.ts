/**
 * Stores (`wasm_store_t`).
 * @module
 */
import { misuse, owned } from "./internal/handles.js";
import { died } from "./internal/live.js";
import { wasm_engine_t, wasm_store_t } from "./internal/objects.js";
import { finalizeStore, StoreState } from "./internal/records.js";
import { storeOptions } from "./internal/settings.js";
import { endStoreWasi } from "./internal/wasi.js";

export { wasm_store_t };

/**
 * Deletes a store: every object made in it dies, and every finalizer not yet
 * run runs now, once, in the order the objects were made. Handles to those
 * objects become unusable. A WASI context attached to the store
 * (`wasmts_store_set_wasi`) ends first: the host files it opened are closed
 * and the finalizers of its custom output callbacks run.
 * @category Runtime Environment
 */
export function wasm_store_delete(store: wasm_store_t | null): void {
  if (store === null || store === undefined) return;
  const s = owned(store, wasm_store_t, "wasm_store_delete");
  s._deleted = true;
  died();
  try {
    endStoreWasi(s._state);
  } finally {
    finalizeStore(s._state);
  }
}

/**
 * Makes a store in an engine.
 * @category Runtime Environment
 */
export function wasm_store_new(engine: wasm_engine_t | null): wasm_store_t {
  const e = owned(engine, wasm_engine_t, "wasm_store_new");
  if (e._deleted) misuse("wasm_store_new", "the engine was deleted");
  return new wasm_store_t(new StoreState(storeOptions(e)), e);
}
