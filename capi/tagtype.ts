/**
 * Tag types (`wasm_tagtype_t`), upstream's addition for exception handling:
 * a tag's payload is described by a function type with no results.
 * @module
 */
import { misuse, owned } from "./internal/handles.js";
import { wasm_externtype_t, wasm_functype_t, wasm_tagtype_t } from "./internal/objects.js";
import { adoptPart, deleteType } from "./internal/types.js";
import { vecFunctions } from "./internal/vec.js";
import { wasm_functype_copy } from "./functype.js";

export { wasm_tagtype_t };

/**
 * Deletes a tag type and its function type.
 * @category Type Representations
 */
export function wasm_tagtype_delete(t: wasm_tagtype_t | null): void {
  deleteType(t, wasm_tagtype_t, "wasm_tagtype_delete");
}

/**
 * A vector of tag types (`wasm_tagtype_vec_t`).
 * @category Type Representations
 */
export interface wasm_tagtype_vec_t {
  size: number;
  data: Array<wasm_tagtype_t | null>;
}

const vec = vecFunctions<wasm_tagtype_t>("tagtype", (t) => wasm_tagtype_copy(t), (t) => wasm_tagtype_delete(t),
  (e, fn) => owned(e, wasm_tagtype_t, fn));

/** Makes an empty tag type vector in `out`. @category Type Representations */
export function wasm_tagtype_vec_new_empty(out: wasm_tagtype_vec_t): void {
  vec.new_empty(out);
}
/** Makes a tag type vector of `size` null entries in `out`. @category Type Representations */
export function wasm_tagtype_vec_new_uninitialized(out: wasm_tagtype_vec_t, size: number): void {
  vec.new_uninitialized(out, size);
}
/** Makes a tag type vector in `out` that takes the first `size` types of `data`. @category Type Representations */
export function wasm_tagtype_vec_new(out: wasm_tagtype_vec_t, size: number, data: ArrayLike<wasm_tagtype_t | null>): void {
  vec.make(out, size, data);
}
/** Copies a tag type vector (and its types) into `out`. @category Type Representations */
export function wasm_tagtype_vec_copy(out: wasm_tagtype_vec_t, src: wasm_tagtype_vec_t): void {
  vec.copy(out, src);
}
/** Deletes a tag type vector and its types. @category Type Representations */
export function wasm_tagtype_vec_delete(v: wasm_tagtype_vec_t): void {
  vec.delete(v);
}

/**
 * Copies a tag type.
 * @category Type Representations
 */
export function wasm_tagtype_copy(t: wasm_tagtype_t | null): wasm_tagtype_t {
  return wasm_tagtype_new(wasm_functype_copy(owned(t, wasm_tagtype_t, "wasm_tagtype_copy")._functype));
}

/**
 * Makes a tag type, taking ownership of the function type of its payload.
 * @category Type Representations
 */
export function wasm_tagtype_new(functype: wasm_functype_t | null): wasm_tagtype_t {
  const fn = "wasm_tagtype_new";
  if (owned(functype, wasm_functype_t, fn)._results.size !== 0) misuse(fn, "a tag's function type has no results");
  return new wasm_tagtype_t(adoptPart(functype, wasm_functype_t, "wasm_tagtype_t", fn));
}

/**
 * The function type of a tag type (const: the tag type keeps it).
 * @category Type Representations
 */
export function wasm_tagtype_functype(t: wasm_tagtype_t | null): wasm_functype_t {
  return owned(t, wasm_tagtype_t, "wasm_tagtype_functype")._functype;
}

/** A tag type as an extern type (the same object). @category Type Representations */
export function wasm_tagtype_as_externtype(t: wasm_tagtype_t): wasm_externtype_t;
export function wasm_tagtype_as_externtype(t: wasm_tagtype_t | null): wasm_externtype_t | null;
export function wasm_tagtype_as_externtype(t: wasm_tagtype_t | null): wasm_externtype_t | null {
  // A cast of NULL is NULL, as in C.
  return t === null || t === undefined ? null : owned(t, wasm_tagtype_t, "wasm_tagtype_as_externtype");
}
/** A const tag type as a const extern type (the same object). @category Type Representations */
export function wasm_tagtype_as_externtype_const(t: wasm_tagtype_t): wasm_externtype_t;
export function wasm_tagtype_as_externtype_const(t: wasm_tagtype_t | null): wasm_externtype_t | null;
export function wasm_tagtype_as_externtype_const(t: wasm_tagtype_t | null): wasm_externtype_t | null {
  // A cast of NULL is NULL, as in C.
  return t === null || t === undefined ? null : owned(t, wasm_tagtype_t, "wasm_tagtype_as_externtype_const");
}
/** An extern type as a tag type, or null when it is another kind. @category Type Representations */
export function wasm_externtype_as_tagtype(t: wasm_externtype_t | null): wasm_tagtype_t | null {
  if (t === null || t === undefined) return null;
  const et = owned(t, wasm_externtype_t, "wasm_externtype_as_tagtype");
  return et instanceof wasm_tagtype_t ? et : null;
}
/** A const extern type as a const tag type, or null. @category Type Representations */
export function wasm_externtype_as_tagtype_const(t: wasm_externtype_t | null): wasm_tagtype_t | null {
  if (t === null || t === undefined) return null;
  const et = owned(t, wasm_externtype_t, "wasm_externtype_as_tagtype_const");
  return et instanceof wasm_tagtype_t ? et : null;
}
