/**
 * Value types (`wasm_valtype_t`, `wasm_valkind_t`) and their vectors.
 * @module
 */
import { deleteOwned, misuse, owned } from "./internal/handles.js";
import { wasm_valtype_t } from "./internal/objects.js";
import { isValKind, valTypeOfKind } from "./internal/kinds.js";
import { vecFunctions } from "./internal/vec.js";

export { wasm_valtype_t };

/** A value kind (`wasm_valkind_t`): one of {@link WASM_I32} … {@link WASM_FUNCREF}. @category Type Representations */
export type wasm_valkind_t = number;

/** The kind of `i32` values. @category Type Representations */
export const WASM_I32 = 0;
/** The kind of `i64` values. @category Type Representations */
export const WASM_I64 = 1;
/** The kind of `f32` values. @category Type Representations */
export const WASM_F32 = 2;
/** The kind of `f64` values. @category Type Representations */
export const WASM_F64 = 3;
/** The kind of `v128` values (extension: `wasm.h` has none; the value is `of.v128`, 16 bytes). @category Extensions */
export const WASM_V128 = 4;
/** The kind of `externref` values. @category Type Representations */
export const WASM_EXTERNREF = 128;
/** The kind of `funcref` values. @category Type Representations */
export const WASM_FUNCREF = 129;
/**
 * The kind of GC's `anyref` values and of every reference type below `any`
 * (`eqref`, `i31ref`, `structref`, `arrayref`, `nullref`, `(ref $t)` of a
 * struct or array type). Extension: `wasm.h` has no kind for them; the value
 * is a `wasm_ref_t` in `of.ref`, as for the header's reference kinds.
 * @category Extensions
 */
export const WASMTS_ANYREF = 130;

/**
 * True for the number kinds (the header's inline helper).
 * @category Type Representations
 */
export function wasm_valkind_is_num(k: wasm_valkind_t): boolean {
  return k < WASM_EXTERNREF;
}

/**
 * True for the reference kinds (the header's inline helper).
 * @category Type Representations
 */
export function wasm_valkind_is_ref(k: wasm_valkind_t): boolean {
  return k >= WASM_EXTERNREF;
}

/**
 * True when a value type is a number type (the header's inline helper).
 * @category Type Representations
 */
export function wasm_valtype_is_num(t: wasm_valtype_t | null): boolean {
  return wasm_valkind_is_num(owned(t, wasm_valtype_t, "wasm_valtype_is_num")._kind);
}

/**
 * True when a value type is a reference type (the header's inline helper).
 * @category Type Representations
 */
export function wasm_valtype_is_ref(t: wasm_valtype_t | null): boolean {
  return wasm_valkind_is_ref(owned(t, wasm_valtype_t, "wasm_valtype_is_ref")._kind);
}

/**
 * Deletes a value type.
 * @category Type Representations
 */
export function wasm_valtype_delete(t: wasm_valtype_t | null): void {
  deleteOwned(t, wasm_valtype_t, "wasm_valtype_delete");
}

/**
 * A vector of value types (`wasm_valtype_vec_t`).
 * @category Type Representations
 */
export interface wasm_valtype_vec_t {
  size: number;
  data: Array<wasm_valtype_t | null>;
}

const vec = vecFunctions<wasm_valtype_t>("valtype", (t) => wasm_valtype_copy(t), (t) => wasm_valtype_delete(t),
  (e, fn) => owned(e, wasm_valtype_t, fn));

/** Makes an empty value type vector in `out`. @category Type Representations */
export function wasm_valtype_vec_new_empty(out: wasm_valtype_vec_t): void {
  vec.new_empty(out);
}
/** Makes a value type vector of `size` null entries in `out`. @category Type Representations */
export function wasm_valtype_vec_new_uninitialized(out: wasm_valtype_vec_t, size: number): void {
  vec.new_uninitialized(out, size);
}
/** Makes a value type vector in `out` that takes the first `size` types of `data`. @category Type Representations */
export function wasm_valtype_vec_new(out: wasm_valtype_vec_t, size: number, data: ArrayLike<wasm_valtype_t | null>): void {
  vec.make(out, size, data);
}
/** Copies a value type vector (and its types) into `out`. @category Type Representations */
export function wasm_valtype_vec_copy(out: wasm_valtype_vec_t, src: wasm_valtype_vec_t): void {
  vec.copy(out, src);
}
/** Deletes a value type vector and its types. @category Type Representations */
export function wasm_valtype_vec_delete(v: wasm_valtype_vec_t): void {
  vec.delete(v);
}

/**
 * Copies a value type.
 * @category Type Representations
 */
export function wasm_valtype_copy(t: wasm_valtype_t | null): wasm_valtype_t {
  const v = owned(t, wasm_valtype_t, "wasm_valtype_copy");
  return new wasm_valtype_t(v._kind, v._type, v._context);
}

/**
 * Makes a value type of a kind.
 * @category Type Representations
 */
export function wasm_valtype_new(kind: wasm_valkind_t): wasm_valtype_t {
  if (!isValKind(kind)) misuse("wasm_valtype_new", `${String(kind)} is not a wasm_valkind_t`);
  return new wasm_valtype_t(kind, valTypeOfKind(kind));
}

/**
 * The kind of a value type.
 * @category Type Representations
 */
export function wasm_valtype_kind(t: wasm_valtype_t | null): wasm_valkind_t {
  return owned(t, wasm_valtype_t, "wasm_valtype_kind")._kind;
}
