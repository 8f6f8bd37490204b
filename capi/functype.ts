/**
 * Function types (`wasm_functype_t`) and their vectors.
 * @module
 */
import { misuse, owned } from "./internal/handles.js";
import { wasm_functype_t } from "./internal/objects.js";
import { adoptValtypes, checkValtypes, deleteType } from "./internal/types.js";
import { vecFunctions } from "./internal/vec.js";
import { wasm_valtype_vec_copy, type wasm_valtype_vec_t } from "./valtype.js";

export { wasm_functype_t };

/**
 * Deletes a function type and its value types.
 * @category Type Representations
 */
export function wasm_functype_delete(t: wasm_functype_t | null): void {
  deleteType(t, wasm_functype_t, "wasm_functype_delete");
}

/**
 * A vector of function types (`wasm_functype_vec_t`).
 * @category Type Representations
 */
export interface wasm_functype_vec_t {
  size: number;
  data: Array<wasm_functype_t | null>;
}

const vec = vecFunctions<wasm_functype_t>("functype", (t) => wasm_functype_copy(t), (t) => wasm_functype_delete(t),
  (e, fn) => owned(e, wasm_functype_t, fn));

/** Makes an empty function type vector in `out`. @category Type Representations */
export function wasm_functype_vec_new_empty(out: wasm_functype_vec_t): void {
  vec.new_empty(out);
}
/** Makes a function type vector of `size` null entries in `out`. @category Type Representations */
export function wasm_functype_vec_new_uninitialized(out: wasm_functype_vec_t, size: number): void {
  vec.new_uninitialized(out, size);
}
/** Makes a function type vector in `out` that takes the first `size` types of `data`. @category Type Representations */
export function wasm_functype_vec_new(out: wasm_functype_vec_t, size: number, data: ArrayLike<wasm_functype_t | null>): void {
  vec.make(out, size, data);
}
/** Copies a function type vector (and its types) into `out`. @category Type Representations */
export function wasm_functype_vec_copy(out: wasm_functype_vec_t, src: wasm_functype_vec_t): void {
  vec.copy(out, src);
}
/** Deletes a function type vector and its types. @category Type Representations */
export function wasm_functype_vec_delete(v: wasm_functype_vec_t): void {
  vec.delete(v);
}

/**
 * Copies a function type.
 * @category Type Representations
 */
export function wasm_functype_copy(t: wasm_functype_t | null): wasm_functype_t {
  const ft = owned(t, wasm_functype_t, "wasm_functype_copy");
  const params: wasm_valtype_vec_t = { size: 0, data: [] };
  const results: wasm_valtype_vec_t = { size: 0, data: [] };
  wasm_valtype_vec_copy(params, ft._params);
  wasm_valtype_vec_copy(results, ft._results);
  return wasm_functype_new(params, results);
}

/**
 * Makes a function type, taking ownership of the value types in `params` and
 * `results` (both vectors are left empty, as upstream's implementation does).
 * @category Type Representations
 */
export function wasm_functype_new(params: wasm_valtype_vec_t, results: wasm_valtype_vec_t): wasm_functype_t {
  const fn = "wasm_functype_new";
  const ps = checkValtypes(params, fn);
  const rs = checkValtypes(results, fn);
  if (ps.some((t) => rs.includes(t))) misuse(fn, "the same wasm_valtype_t is both a parameter and a result");
  return new wasm_functype_t(adoptValtypes(params, ps, "wasm_functype_t", fn), adoptValtypes(results, rs, "wasm_functype_t", fn));
}

/**
 * The parameter types of a function type (a const vector that the function type keeps).
 * @category Type Representations
 */
export function wasm_functype_params(t: wasm_functype_t | null): wasm_valtype_vec_t {
  return owned(t, wasm_functype_t, "wasm_functype_params")._params;
}

/**
 * The result types of a function type (a const vector that the function type keeps).
 * @category Type Representations
 */
export function wasm_functype_results(t: wasm_functype_t | null): wasm_valtype_vec_t {
  return owned(t, wasm_functype_t, "wasm_functype_results")._results;
}
