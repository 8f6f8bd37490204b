/**
 * Foreign objects (`wasm_foreign_t`): opaque host objects for `externref`.
 * @module
 */
import { handleAs, liveStore } from "./internal/handles.js";
import { wasm_foreign_t, wasm_ref_t, wasm_store_t } from "./internal/objects.js";
import { ForeignObject, recordOf } from "./internal/records.js";
import { refFunctions } from "./internal/refs.js";

export { wasm_foreign_t };

const foreignRef = refFunctions("foreign", wasm_foreign_t);

/**
 * Deletes a foreign handle; the foreign object lives on while other handles or users remain.
 * @category Runtime Objects
 */
export function wasm_foreign_delete(h: wasm_foreign_t | null): void {
  foreignRef.delete(h);
}

/**
 * Makes another handle to the same foreign object.
 * @category Runtime Objects
 */
export function wasm_foreign_copy(h: wasm_foreign_t | null): wasm_foreign_t {
  return foreignRef.copy(h);
}

/**
 * True when two handles designate the same foreign object.
 * @category Runtime Objects
 */
export function wasm_foreign_same(a: wasm_foreign_t | null, b: wasm_foreign_t | null): boolean {
  return foreignRef.same(a, b);
}

/**
 * The host info of the foreign object (null when none was set).
 * @category Runtime Objects
 */
export function wasm_foreign_get_host_info(h: wasm_foreign_t | null): unknown {
  return foreignRef.get_host_info(h);
}

/**
 * Sets the host info of the foreign object.
 * @category Runtime Objects
 */
export function wasm_foreign_set_host_info(h: wasm_foreign_t | null, info: unknown): void {
  foreignRef.set_host_info(h, info);
}

/**
 * Sets the host info of the foreign object with a finalizer that runs once when the
 * foreign object dies (its last handle deleted, or its store deleted).
 * @category Runtime Objects
 */
export function wasm_foreign_set_host_info_with_finalizer(h: wasm_foreign_t | null, info: unknown, finalizer: ((info: unknown) => void) | null): void {
  foreignRef.set_host_info_with_finalizer(h, info, finalizer);
}

/**
 * The foreign as a reference (the same handle; null stays null).
 * @category Runtime Objects
 */
export function wasm_foreign_as_ref(h: wasm_foreign_t | null): wasm_ref_t | null {
  return foreignRef.as_ref(h);
}

/**
 * A reference as a foreign, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_foreign(r: wasm_ref_t | null): wasm_foreign_t | null {
  return foreignRef.ref_as(r);
}

/**
 * A const foreign as a const reference (the same handle).
 * @category Runtime Objects
 */
export function wasm_foreign_as_ref_const(h: wasm_foreign_t | null): wasm_ref_t | null {
  return foreignRef.as_ref(h, "wasm_foreign_as_ref_const");
}

/**
 * A const reference as a const foreign, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_foreign_const(r: wasm_ref_t | null): wasm_foreign_t | null {
  return foreignRef.ref_as(r, "wasm_ref_as_foreign_const");
}
/**
 * Makes a foreign object in a store.
 * @category Runtime Objects
 */
export function wasm_foreign_new(store: wasm_store_t | null): wasm_foreign_t {
  return handleAs(recordOf(liveStore(store, "wasm_foreign_new"), new ForeignObject()), wasm_foreign_t);
}
