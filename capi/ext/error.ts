/**
 * Extension: the error class for misuse that C leaves undefined.
 * @module
 */

/**
 * Thrown (extension) when a program misuses the API in a way C leaves
 * undefined: a deleted handle, an object of another store, a value of the
 * wrong kind, `wasm_global_set` on a const global, deleting an object that
 * belongs to another one. The message starts with the function's name.
 * @category Extensions
 */
export class wasmts_error_t extends Error {
  override name = "wasmts_error_t";
}
