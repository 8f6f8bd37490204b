/**
 * Global types (`wasm_globaltype_t`, `wasm_mutability_t`) and their vectors.
 * @module
 */
import { misuse, owned } from "./internal/handles.js";
import { wasm_globaltype_t, wasm_valtype_t } from "./internal/objects.js";
import { adoptPart, deleteType } from "./internal/types.js";
import { vecFunctions } from "./internal/vec.js";
import { wasm_valtype_copy } from "./valtype.js";

export { wasm_globaltype_t };

/** Mutability of a global (`wasm_mutability_t`): {@link WASM_CONST} or {@link WASM_VAR}. @category Type Representations */
export type wasm_mutability_t = number;
/** An immutable global. @category Type Representations */
export const WASM_CONST = 0;
/** A mutable global. @category Type Representations */
export const WASM_VAR = 1;

/**
 * Deletes a global type and its content type.
 * @category Type Representations
 */
export function wasm_globaltype_delete(t: wasm_globaltype_t | null): void {
  deleteType(t, wasm_globaltype_t, "wasm_globaltype_delete");
}

/**
 * A vector of global types (`wasm_globaltype_vec_t`).
 * @category Type Representations
 */
export interface wasm_globaltype_vec_t {
  size: number;
  data: Array<wasm_globaltype_t | null>;
}

const vec = vecFunctions<wasm_globaltype_t>("globaltype", (t) => wasm_globaltype_copy(t), (t) => wasm_globaltype_delete(t),
  (e, fn) => owned(e, wasm_globaltype_t, fn));

/** Makes an empty global type vector in `out`. @category Type Representations */
export function wasm_globaltype_vec_new_empty(out: wasm_globaltype_vec_t): void {
  vec.new_empty(out);
}
/** Makes a global type vector of `size` null entries in `out`. @category Type Representations */
export function wasm_globaltype_vec_new_uninitialized(out: wasm_globaltype_vec_t, size: number): void {
  vec.new_uninitialized(out, size);
}
/** Makes a global type vector in `out` that takes the first `size` types of `data`. @category Type Representations */
export function wasm_globaltype_vec_new(out: wasm_globaltype_vec_t, size: number, data: ArrayLike<wasm_globaltype_t | null>): void {
  vec.make(out, size, data);
}
/** Copies a global type vector (and its types) into `out`. @category Type Representations */
export function wasm_globaltype_vec_copy(out: wasm_globaltype_vec_t, src: wasm_globaltype_vec_t): void {
  vec.copy(out, src);
}
/** Deletes a global type vector and its types. @category Type Representations */
export function wasm_globaltype_vec_delete(v: wasm_globaltype_vec_t): void {
  vec.delete(v);
}

/**
 * Copies a global type.
 * @category Type Representations
 */
export function wasm_globaltype_copy(t: wasm_globaltype_t | null): wasm_globaltype_t {
  const gt = owned(t, wasm_globaltype_t, "wasm_globaltype_copy");
  return wasm_globaltype_new(wasm_valtype_copy(gt._content), gt._mutability);
}

/**
 * Makes a global type, taking ownership of its content type.
 * @category Type Representations
 */
export function wasm_globaltype_new(content: wasm_valtype_t | null, mutability: wasm_mutability_t): wasm_globaltype_t {
  const fn = "wasm_globaltype_new";
  if (mutability !== WASM_CONST && mutability !== WASM_VAR) misuse(fn, `${String(mutability)} is not a wasm_mutability_t`);
  return new wasm_globaltype_t(adoptPart(content, wasm_valtype_t, "wasm_globaltype_t", fn), mutability);
}

/**
 * The content type of a global type (a const value type that the global type keeps).
 * @category Type Representations
 */
export function wasm_globaltype_content(t: wasm_globaltype_t | null): wasm_valtype_t {
  return owned(t, wasm_globaltype_t, "wasm_globaltype_content")._content;
}

/**
 * The mutability of a global type.
 * @category Type Representations
 */
export function wasm_globaltype_mutability(t: wasm_globaltype_t | null): wasm_mutability_t {
  return owned(t, wasm_globaltype_t, "wasm_globaltype_mutability")._mutability;
}
