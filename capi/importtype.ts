/**
 * Import types (`wasm_importtype_t`) and their vectors.
 * @module
 */
import type { wasm_name_t } from "./byte_vec.js";
import { adoptName, checkName } from "./internal/bytes.js";
import { deleteOwned, owned } from "./internal/handles.js";
import { wasm_externtype_t, wasm_importtype_t } from "./internal/objects.js";
import { adoptPart, dropExterntype } from "./internal/types.js";
import { vecFunctions } from "./internal/vec.js";
import { wasm_externtype_copy } from "./externtype.js";

export { wasm_importtype_t };

/**
 * Deletes an import type and its names and type.
 * @category Type Representations
 */
export function wasm_importtype_delete(t: wasm_importtype_t | null): void {
  const it = deleteOwned(t, wasm_importtype_t, "wasm_importtype_delete");
  if (it) dropExterntype(it._type);
}

/**
 * A vector of import types (`wasm_importtype_vec_t`), as {@link wasm_module_imports} fills it.
 * @category Type Representations
 */
export interface wasm_importtype_vec_t {
  size: number;
  data: Array<wasm_importtype_t | null>;
}

const vec = vecFunctions<wasm_importtype_t>("importtype", (t) => wasm_importtype_copy(t), (t) => wasm_importtype_delete(t),
  (e, fn) => owned(e, wasm_importtype_t, fn));

/** Makes an empty import type vector in `out`. @category Type Representations */
export function wasm_importtype_vec_new_empty(out: wasm_importtype_vec_t): void {
  vec.new_empty(out);
}
/** Makes an import type vector of `size` null entries in `out`. @category Type Representations */
export function wasm_importtype_vec_new_uninitialized(out: wasm_importtype_vec_t, size: number): void {
  vec.new_uninitialized(out, size);
}
/** Makes an import type vector in `out` that takes the first `size` entries of `data`. @category Type Representations */
export function wasm_importtype_vec_new(out: wasm_importtype_vec_t, size: number, data: ArrayLike<wasm_importtype_t | null>): void {
  vec.make(out, size, data);
}
/** Copies an import type vector (and its entries) into `out`. @category Type Representations */
export function wasm_importtype_vec_copy(out: wasm_importtype_vec_t, src: wasm_importtype_vec_t): void {
  vec.copy(out, src);
}
/** Deletes an import type vector and its entries. @category Type Representations */
export function wasm_importtype_vec_delete(v: wasm_importtype_vec_t): void {
  vec.delete(v);
}

/**
 * Copies an import type.
 * @category Type Representations
 */
export function wasm_importtype_copy(t: wasm_importtype_t | null): wasm_importtype_t {
  const it = owned(t, wasm_importtype_t, "wasm_importtype_copy");
  const type = wasm_externtype_copy(it._type);
  type._owner = "wasm_importtype_t";
  return new wasm_importtype_t(it._module, it._name, type);
}

/**
 * Makes an import type, taking ownership of the module name, the field name
 * and the extern type (both name vectors are left empty).
 * @category Type Representations
 */
export function wasm_importtype_new(module: wasm_name_t, name: wasm_name_t, type: wasm_externtype_t | null): wasm_importtype_t {
  const fn = "wasm_importtype_new";
  checkName(module, fn);
  checkName(name, fn);
  const t = adoptPart(type, wasm_externtype_t, "wasm_importtype_t", fn);
  return new wasm_importtype_t(adoptName(module, fn), adoptName(name, fn), t);
}

/**
 * The module name of an import (const: the import type keeps it).
 * @category Type Representations
 */
export function wasm_importtype_module(t: wasm_importtype_t | null): wasm_name_t {
  return owned(t, wasm_importtype_t, "wasm_importtype_module")._module;
}

/**
 * The field name of an import (const: the import type keeps it).
 * @category Type Representations
 */
export function wasm_importtype_name(t: wasm_importtype_t | null): wasm_name_t {
  return owned(t, wasm_importtype_t, "wasm_importtype_name")._name;
}

/**
 * The extern type of an import (const: the import type keeps it).
 * @category Type Representations
 */
export function wasm_importtype_type(t: wasm_importtype_t | null): wasm_externtype_t {
  return owned(t, wasm_importtype_t, "wasm_importtype_type")._type;
}
