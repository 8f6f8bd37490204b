/**
 * Table types (`wasm_tabletype_t`) and their vectors.
 * @module
 */
import { misuse, owned } from "./internal/handles.js";
import { wasm_tabletype_t, wasm_valtype_t } from "./internal/objects.js";
import { adoptPart, deleteType } from "./internal/types.js";
import { vecFunctions } from "./internal/vec.js";
import { checkLimits } from "./internal/limits.js";
import type { wasm_limits_t } from "./limits.js";
import { wasm_valkind_is_ref, wasm_valtype_copy } from "./valtype.js";

export { wasm_tabletype_t };

/**
 * Deletes a table type and its element type.
 * @category Type Representations
 */
export function wasm_tabletype_delete(t: wasm_tabletype_t | null): void {
  deleteType(t, wasm_tabletype_t, "wasm_tabletype_delete");
}

/**
 * A vector of table types (`wasm_tabletype_vec_t`).
 * @category Type Representations
 */
export interface wasm_tabletype_vec_t {
  size: number;
  data: Array<wasm_tabletype_t | null>;
}

const vec = vecFunctions<wasm_tabletype_t>("tabletype", (t) => wasm_tabletype_copy(t), (t) => wasm_tabletype_delete(t),
  (e, fn) => owned(e, wasm_tabletype_t, fn));

/** Makes an empty table type vector in `out`. @category Type Representations */
export function wasm_tabletype_vec_new_empty(out: wasm_tabletype_vec_t): void {
  vec.new_empty(out);
}
/** Makes a table type vector of `size` null entries in `out`. @category Type Representations */
export function wasm_tabletype_vec_new_uninitialized(out: wasm_tabletype_vec_t, size: number): void {
  vec.new_uninitialized(out, size);
}
/** Makes a table type vector in `out` that takes the first `size` types of `data`. @category Type Representations */
export function wasm_tabletype_vec_new(out: wasm_tabletype_vec_t, size: number, data: ArrayLike<wasm_tabletype_t | null>): void {
  vec.make(out, size, data);
}
/** Copies a table type vector (and its types) into `out`. @category Type Representations */
export function wasm_tabletype_vec_copy(out: wasm_tabletype_vec_t, src: wasm_tabletype_vec_t): void {
  vec.copy(out, src);
}
/** Deletes a table type vector and its types. @category Type Representations */
export function wasm_tabletype_vec_delete(v: wasm_tabletype_vec_t): void {
  vec.delete(v);
}

/**
 * Copies a table type.
 * @category Type Representations
 */
export function wasm_tabletype_copy(t: wasm_tabletype_t | null): wasm_tabletype_t {
  const tt = owned(t, wasm_tabletype_t, "wasm_tabletype_copy");
  const element = adoptPart(wasm_valtype_copy(tt._element), wasm_valtype_t, "wasm_tabletype_t", "wasm_tabletype_copy");
  return new wasm_tabletype_t(element, tt._limits, tt._is64, tt._bounds);
}

/**
 * Makes a table type, taking ownership of its element type (a reference
 * type) and copying its limits.
 * @category Type Representations
 */
export function wasm_tabletype_new(element: wasm_valtype_t | null, limits: wasm_limits_t | null): wasm_tabletype_t {
  const fn = "wasm_tabletype_new";
  const l = checkLimits(limits, fn);
  const e = owned(element, wasm_valtype_t, fn);
  if (!wasm_valkind_is_ref(e._kind)) misuse(fn, "a table's element type must be a reference type (WASM_FUNCREF, WASM_EXTERNREF, WASMTS_ANYREF, a wasmts_valtype_new_ref type)");
  return new wasm_tabletype_t(adoptPart(e, wasm_valtype_t, "wasm_tabletype_t", fn), l);
}

/**
 * The element type of a table type (a const value type that the table type keeps).
 * @category Type Representations
 */
export function wasm_tabletype_element(t: wasm_tabletype_t | null): wasm_valtype_t {
  return owned(t, wasm_tabletype_t, "wasm_tabletype_element")._element;
}

/**
 * The limits of a table type, in elements (const: the table type keeps them).
 * For a table64 (extension) each bound saturates at 0xffffffff; its exact
 * bounds are `wasmts_tabletype_minimum`/`wasmts_tabletype_maximum`.
 * @category Type Representations
 */
export function wasm_tabletype_limits(t: wasm_tabletype_t | null): wasm_limits_t {
  return owned(t, wasm_tabletype_t, "wasm_tabletype_limits")._limits;
}
