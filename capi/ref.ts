/**
 * References (`wasm_ref_t`): the common base of every runtime object handle.
 * @module
 */
import { wasm_ref_t } from "./internal/objects.js";
import { refFunctions } from "./internal/refs.js";

export { wasm_ref_t };

const ref = refFunctions("ref", wasm_ref_t);

/**
 * Deletes a reference handle (the object lives on while other handles or users remain).
 * @category Runtime Objects
 */
export function wasm_ref_delete(r: wasm_ref_t | null): void {
  ref.delete(r);
}

/**
 * Makes another handle to the same object.
 * @category Runtime Objects
 */
export function wasm_ref_copy(r: wasm_ref_t | null): wasm_ref_t {
  return ref.copy(r);
}

/**
 * True when two references designate the same object.
 * @category Runtime Objects
 */
export function wasm_ref_same(a: wasm_ref_t | null, b: wasm_ref_t | null): boolean {
  return ref.same(a, b);
}

/**
 * The host info of the referenced object (null when none was set).
 * @category Runtime Objects
 */
export function wasm_ref_get_host_info(r: wasm_ref_t | null): unknown {
  return ref.get_host_info(r);
}

/**
 * Sets the host info of the referenced object.
 * @category Runtime Objects
 */
export function wasm_ref_set_host_info(r: wasm_ref_t | null, info: unknown): void {
  ref.set_host_info(r, info);
}

/**
 * Sets the host info of the referenced object with a finalizer that runs once
 * when the object dies (its last handle deleted, or its store deleted).
 * @category Runtime Objects
 */
export function wasm_ref_set_host_info_with_finalizer(r: wasm_ref_t | null, info: unknown, finalizer: ((info: unknown) => void) | null): void {
  ref.set_host_info_with_finalizer(r, info, finalizer);
}
