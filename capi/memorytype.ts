/**
 * Memory types (`wasm_memorytype_t`) and their vectors.
 * @module
 */
import { owned } from "./internal/handles.js";
import { checkLimits } from "./internal/limits.js";
import { wasm_memorytype_t } from "./internal/objects.js";
import { deleteType } from "./internal/types.js";
import { vecFunctions } from "./internal/vec.js";
import type { wasm_limits_t } from "./limits.js";

export { wasm_memorytype_t };

/**
 * Deletes a memory type.
 * @category Type Representations
 */
export function wasm_memorytype_delete(t: wasm_memorytype_t | null): void {
  deleteType(t, wasm_memorytype_t, "wasm_memorytype_delete");
}

/**
 * A vector of memory types (`wasm_memorytype_vec_t`).
 * @category Type Representations
 */
export interface wasm_memorytype_vec_t {
  size: number;
  data: Array<wasm_memorytype_t | null>;
}

const vec = vecFunctions<wasm_memorytype_t>("memorytype", (t) => wasm_memorytype_copy(t), (t) => wasm_memorytype_delete(t),
  (e, fn) => owned(e, wasm_memorytype_t, fn));

/** Makes an empty memory type vector in `out`. @category Type Representations */
export function wasm_memorytype_vec_new_empty(out: wasm_memorytype_vec_t): void {
  vec.new_empty(out);
}
/** Makes a memory type vector of `size` null entries in `out`. @category Type Representations */
export function wasm_memorytype_vec_new_uninitialized(out: wasm_memorytype_vec_t, size: number): void {
  vec.new_uninitialized(out, size);
}
/** Makes a memory type vector in `out` that takes the first `size` types of `data`. @category Type Representations */
export function wasm_memorytype_vec_new(out: wasm_memorytype_vec_t, size: number, data: ArrayLike<wasm_memorytype_t | null>): void {
  vec.make(out, size, data);
}
/** Copies a memory type vector (and its types) into `out`. @category Type Representations */
export function wasm_memorytype_vec_copy(out: wasm_memorytype_vec_t, src: wasm_memorytype_vec_t): void {
  vec.copy(out, src);
}
/** Deletes a memory type vector and its types. @category Type Representations */
export function wasm_memorytype_vec_delete(v: wasm_memorytype_vec_t): void {
  vec.delete(v);
}

/**
 * Copies a memory type.
 * @category Type Representations
 */
export function wasm_memorytype_copy(t: wasm_memorytype_t | null): wasm_memorytype_t {
  const mt = owned(t, wasm_memorytype_t, "wasm_memorytype_copy");
  return new wasm_memorytype_t(mt._limits, mt._shared, mt._is64, mt._bounds);
}

/**
 * Makes a memory type, copying its limits (in 64 KiB pages).
 * @category Type Representations
 */
export function wasm_memorytype_new(limits: wasm_limits_t | null): wasm_memorytype_t {
  return new wasm_memorytype_t(checkLimits(limits, "wasm_memorytype_new"));
}

/**
 * The limits of a memory type, in pages (const: the memory type keeps them).
 * For a memory64 (extension) each bound saturates at 0xffffffff; its exact
 * bounds are `wasmts_memorytype_minimum`/`wasmts_memorytype_maximum`.
 * @category Type Representations
 */
export function wasm_memorytype_limits(t: wasm_memorytype_t | null): wasm_limits_t {
  return owned(t, wasm_memorytype_t, "wasm_memorytype_limits")._limits;
}
