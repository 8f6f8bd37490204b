/**
 * Extern types (`wasm_externtype_t`, `wasm_externkind_t`), their vectors, and
 * the casts between them and the function, global, table and memory types.
 * @module
 */
import { owned } from "./internal/handles.js";
import { WASM_EXTERN } from "./internal/kinds.js";
import {
  wasm_externtype_t, wasm_functype_t, wasm_globaltype_t, wasm_memorytype_t, wasm_tabletype_t, wasm_tagtype_t,
} from "./internal/objects.js";
import { deleteType } from "./internal/types.js";
import { vecFunctions } from "./internal/vec.js";
import { wasm_functype_copy } from "./functype.js";
import { wasm_globaltype_copy } from "./globaltype.js";
import { wasm_memorytype_copy } from "./memorytype.js";
import { wasm_tabletype_copy } from "./tabletype.js";
import { wasm_tagtype_copy } from "./tagtype.js";

export { wasm_externtype_t };

/** The kind of an extern (`wasm_externkind_t`): {@link WASM_EXTERN_FUNC} … {@link WASM_EXTERN_TAG}. @category Type Representations */
export type wasm_externkind_t = number;
/** A function extern. @category Type Representations */
export const WASM_EXTERN_FUNC = WASM_EXTERN.FUNC;
/** A global extern. @category Type Representations */
export const WASM_EXTERN_GLOBAL = WASM_EXTERN.GLOBAL;
/** A table extern. @category Type Representations */
export const WASM_EXTERN_TABLE = WASM_EXTERN.TABLE;
/** A memory extern. @category Type Representations */
export const WASM_EXTERN_MEMORY = WASM_EXTERN.MEMORY;
/** A tag extern (upstream's addition for exception handling). @category Type Representations */
export const WASM_EXTERN_TAG = WASM_EXTERN.TAG;

/**
 * Deletes an extern type (whichever kind it is) and its parts.
 * @category Type Representations
 */
export function wasm_externtype_delete(t: wasm_externtype_t | null): void {
  deleteType(t, wasm_externtype_t, "wasm_externtype_delete");
}

/**
 * A vector of extern types (`wasm_externtype_vec_t`).
 * @category Type Representations
 */
export interface wasm_externtype_vec_t {
  size: number;
  data: Array<wasm_externtype_t | null>;
}

const vec = vecFunctions<wasm_externtype_t>("externtype", (t) => wasm_externtype_copy(t), (t) => wasm_externtype_delete(t),
  (e, fn) => owned(e, wasm_externtype_t, fn));

/** Makes an empty extern type vector in `out`. @category Type Representations */
export function wasm_externtype_vec_new_empty(out: wasm_externtype_vec_t): void {
  vec.new_empty(out);
}
/** Makes an extern type vector of `size` null entries in `out`. @category Type Representations */
export function wasm_externtype_vec_new_uninitialized(out: wasm_externtype_vec_t, size: number): void {
  vec.new_uninitialized(out, size);
}
/** Makes an extern type vector in `out` that takes the first `size` types of `data`. @category Type Representations */
export function wasm_externtype_vec_new(out: wasm_externtype_vec_t, size: number, data: ArrayLike<wasm_externtype_t | null>): void {
  vec.make(out, size, data);
}
/** Copies an extern type vector (and its types) into `out`. @category Type Representations */
export function wasm_externtype_vec_copy(out: wasm_externtype_vec_t, src: wasm_externtype_vec_t): void {
  vec.copy(out, src);
}
/** Deletes an extern type vector and its types. @category Type Representations */
export function wasm_externtype_vec_delete(v: wasm_externtype_vec_t): void {
  vec.delete(v);
}

/**
 * Copies an extern type (a new type of the same kind).
 * @category Type Representations
 */
export function wasm_externtype_copy(t: wasm_externtype_t | null): wasm_externtype_t {
  const et = owned(t, wasm_externtype_t, "wasm_externtype_copy");
  if (et instanceof wasm_functype_t) return wasm_functype_copy(et);
  if (et instanceof wasm_globaltype_t) return wasm_globaltype_copy(et);
  if (et instanceof wasm_tabletype_t) return wasm_tabletype_copy(et);
  if (et instanceof wasm_memorytype_t) return wasm_memorytype_copy(et);
  return wasm_tagtype_copy(et as wasm_tagtype_t);
}

/**
 * The kind of an extern type.
 * @category Type Representations
 */
export function wasm_externtype_kind(t: wasm_externtype_t | null): wasm_externkind_t {
  const et = owned(t, wasm_externtype_t, "wasm_externtype_kind");
  if (et instanceof wasm_functype_t) return WASM_EXTERN_FUNC;
  if (et instanceof wasm_globaltype_t) return WASM_EXTERN_GLOBAL;
  if (et instanceof wasm_tabletype_t) return WASM_EXTERN_TABLE;
  if (et instanceof wasm_memorytype_t) return WASM_EXTERN_MEMORY;
  return WASM_EXTERN_TAG;
}

/** A function type as an extern type (the same object). @category Type Representations */
export function wasm_functype_as_externtype(t: wasm_functype_t): wasm_externtype_t;
export function wasm_functype_as_externtype(t: wasm_functype_t | null): wasm_externtype_t | null;
export function wasm_functype_as_externtype(t: wasm_functype_t | null): wasm_externtype_t | null {
  // A cast of NULL is NULL, as in C.
  return t === null || t === undefined ? null : owned(t, wasm_functype_t, "wasm_functype_as_externtype");
}
/** A global type as an extern type (the same object). @category Type Representations */
export function wasm_globaltype_as_externtype(t: wasm_globaltype_t): wasm_externtype_t;
export function wasm_globaltype_as_externtype(t: wasm_globaltype_t | null): wasm_externtype_t | null;
export function wasm_globaltype_as_externtype(t: wasm_globaltype_t | null): wasm_externtype_t | null {
  // A cast of NULL is NULL, as in C.
  return t === null || t === undefined ? null : owned(t, wasm_globaltype_t, "wasm_globaltype_as_externtype");
}
/** A table type as an extern type (the same object). @category Type Representations */
export function wasm_tabletype_as_externtype(t: wasm_tabletype_t): wasm_externtype_t;
export function wasm_tabletype_as_externtype(t: wasm_tabletype_t | null): wasm_externtype_t | null;
export function wasm_tabletype_as_externtype(t: wasm_tabletype_t | null): wasm_externtype_t | null {
  // A cast of NULL is NULL, as in C.
  return t === null || t === undefined ? null : owned(t, wasm_tabletype_t, "wasm_tabletype_as_externtype");
}
/** A memory type as an extern type (the same object). @category Type Representations */
export function wasm_memorytype_as_externtype(t: wasm_memorytype_t): wasm_externtype_t;
export function wasm_memorytype_as_externtype(t: wasm_memorytype_t | null): wasm_externtype_t | null;
export function wasm_memorytype_as_externtype(t: wasm_memorytype_t | null): wasm_externtype_t | null {
  // A cast of NULL is NULL, as in C.
  return t === null || t === undefined ? null : owned(t, wasm_memorytype_t, "wasm_memorytype_as_externtype");
}

/** An extern type as a function type, or null when it is another kind. @category Type Representations */
export function wasm_externtype_as_functype(t: wasm_externtype_t | null): wasm_functype_t | null {
  if (t === null || t === undefined) return null;
  const et = owned(t, wasm_externtype_t, "wasm_externtype_as_functype");
  return et instanceof wasm_functype_t ? et : null;
}
/** An extern type as a global type, or null when it is another kind. @category Type Representations */
export function wasm_externtype_as_globaltype(t: wasm_externtype_t | null): wasm_globaltype_t | null {
  if (t === null || t === undefined) return null;
  const et = owned(t, wasm_externtype_t, "wasm_externtype_as_globaltype");
  return et instanceof wasm_globaltype_t ? et : null;
}
/** An extern type as a table type, or null when it is another kind. @category Type Representations */
export function wasm_externtype_as_tabletype(t: wasm_externtype_t | null): wasm_tabletype_t | null {
  if (t === null || t === undefined) return null;
  const et = owned(t, wasm_externtype_t, "wasm_externtype_as_tabletype");
  return et instanceof wasm_tabletype_t ? et : null;
}
/** An extern type as a memory type, or null when it is another kind. @category Type Representations */
export function wasm_externtype_as_memorytype(t: wasm_externtype_t | null): wasm_memorytype_t | null {
  if (t === null || t === undefined) return null;
  const et = owned(t, wasm_externtype_t, "wasm_externtype_as_memorytype");
  return et instanceof wasm_memorytype_t ? et : null;
}

/** A const function type as a const extern type (the same object). @category Type Representations */
export function wasm_functype_as_externtype_const(t: wasm_functype_t): wasm_externtype_t;
export function wasm_functype_as_externtype_const(t: wasm_functype_t | null): wasm_externtype_t | null;
export function wasm_functype_as_externtype_const(t: wasm_functype_t | null): wasm_externtype_t | null {
  // A cast of NULL is NULL, as in C.
  return t === null || t === undefined ? null : owned(t, wasm_functype_t, "wasm_functype_as_externtype_const");
}
/** A const global type as a const extern type (the same object). @category Type Representations */
export function wasm_globaltype_as_externtype_const(t: wasm_globaltype_t): wasm_externtype_t;
export function wasm_globaltype_as_externtype_const(t: wasm_globaltype_t | null): wasm_externtype_t | null;
export function wasm_globaltype_as_externtype_const(t: wasm_globaltype_t | null): wasm_externtype_t | null {
  // A cast of NULL is NULL, as in C.
  return t === null || t === undefined ? null : owned(t, wasm_globaltype_t, "wasm_globaltype_as_externtype_const");
}
/** A const table type as a const extern type (the same object). @category Type Representations */
export function wasm_tabletype_as_externtype_const(t: wasm_tabletype_t): wasm_externtype_t;
export function wasm_tabletype_as_externtype_const(t: wasm_tabletype_t | null): wasm_externtype_t | null;
export function wasm_tabletype_as_externtype_const(t: wasm_tabletype_t | null): wasm_externtype_t | null {
  // A cast of NULL is NULL, as in C.
  return t === null || t === undefined ? null : owned(t, wasm_tabletype_t, "wasm_tabletype_as_externtype_const");
}
/** A const memory type as a const extern type (the same object). @category Type Representations */
export function wasm_memorytype_as_externtype_const(t: wasm_memorytype_t): wasm_externtype_t;
export function wasm_memorytype_as_externtype_const(t: wasm_memorytype_t | null): wasm_externtype_t | null;
export function wasm_memorytype_as_externtype_const(t: wasm_memorytype_t | null): wasm_externtype_t | null {
  // A cast of NULL is NULL, as in C.
  return t === null || t === undefined ? null : owned(t, wasm_memorytype_t, "wasm_memorytype_as_externtype_const");
}

/** A const extern type as a const function type, or null. @category Type Representations */
export function wasm_externtype_as_functype_const(t: wasm_externtype_t | null): wasm_functype_t | null {
  if (t === null || t === undefined) return null;
  const et = owned(t, wasm_externtype_t, "wasm_externtype_as_functype_const");
  return et instanceof wasm_functype_t ? et : null;
}
/** A const extern type as a const global type, or null. @category Type Representations */
export function wasm_externtype_as_globaltype_const(t: wasm_externtype_t | null): wasm_globaltype_t | null {
  if (t === null || t === undefined) return null;
  const et = owned(t, wasm_externtype_t, "wasm_externtype_as_globaltype_const");
  return et instanceof wasm_globaltype_t ? et : null;
}
/** A const extern type as a const table type, or null. @category Type Representations */
export function wasm_externtype_as_tabletype_const(t: wasm_externtype_t | null): wasm_tabletype_t | null {
  if (t === null || t === undefined) return null;
  const et = owned(t, wasm_externtype_t, "wasm_externtype_as_tabletype_const");
  return et instanceof wasm_tabletype_t ? et : null;
}
/** A const extern type as a const memory type, or null. @category Type Representations */
export function wasm_externtype_as_memorytype_const(t: wasm_externtype_t | null): wasm_memorytype_t | null {
  if (t === null || t === undefined) return null;
  const et = owned(t, wasm_externtype_t, "wasm_externtype_as_memorytype_const");
  return et instanceof wasm_memorytype_t ? et : null;
}
