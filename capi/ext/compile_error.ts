/**
 * Extension: why the last compilation in a store failed.
 * @module
 */
import type { wasm_message_t } from "../byte_vec.js";
import { fillBytes, utf8nt } from "../internal/bytes.js";
import { liveStore } from "../internal/handles.js";
import type { wasm_store_t } from "../internal/objects.js";

/**
 * Fills `out` with the message of the last failed {@link wasm_module_new},
 * {@link wasm_module_validate}, {@link wasm_module_deserialize} or
 * {@link wasm_module_obtain} in `store` (extension): the spec's reason
 * followed by detail and the byte offset, NUL-terminated like every message.
 * Returns false (and an empty `out`) when the last compilation succeeded or
 * none was made.
 * @category Extensions
 */
export function wasmts_module_last_error(store: wasm_store_t | null, out: wasm_message_t): boolean {
  const err = liveStore(store, "wasmts_module_last_error").lastError;
  fillBytes(out, err ? utf8nt(err.message) : new Uint8Array(0), "wasmts_module_last_error");
  return err !== null;
}

/**
 * The byte offset in the binary of the last compile error in `store`
 * (extension), or -1 when there is none or it has no offset.
 * @category Extensions
 */
export function wasmts_module_last_error_offset(store: wasm_store_t | null): number {
  return liveStore(store, "wasmts_module_last_error_offset").lastError?.offset ?? -1;
}
