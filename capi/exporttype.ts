/**
 * Export types (`wasm_exporttype_t`) and their vectors.
 * @module
 */
import type { wasm_name_t } from "./byte_vec.js";
import { adoptName, checkName } from "./internal/bytes.js";
import { deleteOwned, owned } from "./internal/handles.js";
import { wasm_exporttype_t, wasm_externtype_t } from "./internal/objects.js";
import { adoptPart, dropExterntype } from "./internal/types.js";
import { vecFunctions } from "./internal/vec.js";
import { wasm_externtype_copy } from "./externtype.js";

export { wasm_exporttype_t };

/**
 * Deletes an export type and its name and type.
 * @category Type Representations
 */
export function wasm_exporttype_delete(t: wasm_exporttype_t | null): void {
  const et = deleteOwned(t, wasm_exporttype_t, "wasm_exporttype_delete");
  if (et) dropExterntype(et._type);
}

/**
 * A vector of export types (`wasm_exporttype_vec_t`), as {@link wasm_module_exports} fills it.
 * @category Type Representations
 */
export interface wasm_exporttype_vec_t {
  size: number;
  data: Array<wasm_exporttype_t | null>;
}

const vec = vecFunctions<wasm_exporttype_t>("exporttype", (t) => wasm_exporttype_copy(t), (t) => wasm_exporttype_delete(t),
  (e, fn) => owned(e, wasm_exporttype_t, fn));

/** Makes an empty export type vector in `out`. @category Type Representations */
export function wasm_exporttype_vec_new_empty(out: wasm_exporttype_vec_t): void {
  vec.new_empty(out);
}
/** Makes an export type vector of `size` null entries in `out`. @category Type Representations */
export function wasm_exporttype_vec_new_uninitialized(out: wasm_exporttype_vec_t, size: number): void {
  vec.new_uninitialized(out, size);
}
/** Makes an export type vector in `out` that takes the first `size` entries of `data`. @category Type Representations */
export function wasm_exporttype_vec_new(out: wasm_exporttype_vec_t, size: number, data: ArrayLike<wasm_exporttype_t | null>): void {
  vec.make(out, size, data);
}
/** Copies an export type vector (and its entries) into `out`. @category Type Representations */
export function wasm_exporttype_vec_copy(out: wasm_exporttype_vec_t, src: wasm_exporttype_vec_t): void {
  vec.copy(out, src);
}
/** Deletes an export type vector and its entries. @category Type Representations */
export function wasm_exporttype_vec_delete(v: wasm_exporttype_vec_t): void {
  vec.delete(v);
}

/**
 * Copies an export type.
 * @category Type Representations
 */
export function wasm_exporttype_copy(t: wasm_exporttype_t | null): wasm_exporttype_t {
  const et = owned(t, wasm_exporttype_t, "wasm_exporttype_copy");
  const type = wasm_externtype_copy(et._type);
  type._owner = "wasm_exporttype_t";
  return new wasm_exporttype_t(et._name, type);
}

/**
 * Makes an export type, taking ownership of the name and the extern type
 * (the name vector is left empty).
 * @category Type Representations
 */
export function wasm_exporttype_new(name: wasm_name_t, type: wasm_externtype_t | null): wasm_exporttype_t {
  const fn = "wasm_exporttype_new";
  checkName(name, fn);
  const t = adoptPart(type, wasm_externtype_t, "wasm_exporttype_t", fn);
  return new wasm_exporttype_t(adoptName(name, fn), t);
}

/**
 * The name of an export (const: the export type keeps it).
 * @category Type Representations
 */
export function wasm_exporttype_name(t: wasm_exporttype_t | null): wasm_name_t {
  return owned(t, wasm_exporttype_t, "wasm_exporttype_name")._name;
}

/**
 * The extern type of an export (const: the export type keeps it).
 * @category Type Representations
 */
export function wasm_exporttype_type(t: wasm_exporttype_t | null): wasm_externtype_t {
  return owned(t, wasm_exporttype_t, "wasm_exporttype_type")._type;
}
