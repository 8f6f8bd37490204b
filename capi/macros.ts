/**
 * The header's convenience macros and inline helpers, as functions under
 * their C names (porting guide (docs/porting-guide.md), rule 12): vectors, value type and function
 * type short-hands, value constructors.
 * @module
 */
import type { wasm_byte_vec_t } from "./byte_vec.js";
import { wasm_functype_new } from "./functype.js";
import { misuse } from "./internal/handles.js";
import type { wasm_functype_t, wasm_ref_t, wasm_valtype_t } from "./internal/objects.js";
import { valKindName } from "./internal/kinds.js";
import { checkVal, initVal } from "./internal/values.js";
import type { float32_t, float64_t, wasm_val_t } from "./val.js";
import {
  WASM_EXTERNREF, WASM_F32, WASM_F64, WASM_FUNCREF, WASM_I32, WASM_I64, wasm_valtype_new,
} from "./valtype.js";

/**
 * Marks ownership in signatures, as the header's `own` does: an `own<T>`
 * parameter is taken over by the callee; an `own<T>` result belongs to the caller.
 * @category Auxiliaries
 */
export type own<T> = T;

/**
 * A vector of any element type, as {@link WASM_EMPTY_VEC} returns: usable as
 * the input or out-parameter of any vector function.
 * @category Convenience
 */
export interface wasm_any_vec_t {
  size: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

/**
 * A new empty vector (`WASM_EMPTY_VEC`), usable as any vector type, also as an out-parameter.
 * @category Convenience
 */
export function WASM_EMPTY_VEC(): wasm_any_vec_t {
  return { size: 0, data: [] };
}

/**
 * A vector over an array (`WASM_ARRAY_VEC`), without a copy: after a call
 * fills the vector, the array holds the results (porting guide (docs/porting-guide.md), rule 10).
 * @category Convenience
 */
export function WASM_ARRAY_VEC(array: Uint8Array): wasm_byte_vec_t;
/** A vector over an array, without a copy. */
export function WASM_ARRAY_VEC<T>(array: T[]): { size: number; data: T[] };
export function WASM_ARRAY_VEC<T>(array: T[] | Uint8Array): { size: number; data: T[] | Uint8Array } {
  if (!Array.isArray(array) && !(array instanceof Uint8Array)) misuse("WASM_ARRAY_VEC", "the argument is not an array");
  return { size: array.length, data: array };
}

/**
 * A new `i32` value type (the header's inline helper).
 * @category Convenience
 */
export function wasm_valtype_new_i32(): wasm_valtype_t {
  return wasm_valtype_new(WASM_I32);
}

/**
 * A new `i64` value type (the header's inline helper).
 * @category Convenience
 */
export function wasm_valtype_new_i64(): wasm_valtype_t {
  return wasm_valtype_new(WASM_I64);
}

/**
 * A new `f32` value type (the header's inline helper).
 * @category Convenience
 */
export function wasm_valtype_new_f32(): wasm_valtype_t {
  return wasm_valtype_new(WASM_F32);
}

/**
 * A new `f64` value type (the header's inline helper).
 * @category Convenience
 */
export function wasm_valtype_new_f64(): wasm_valtype_t {
  return wasm_valtype_new(WASM_F64);
}

/**
 * A new `externref` value type (the header's inline helper).
 * @category Convenience
 */
export function wasm_valtype_new_externref(): wasm_valtype_t {
  return wasm_valtype_new(WASM_EXTERNREF);
}

/**
 * A new `funcref` value type (the header's inline helper).
 * @category Convenience
 */
export function wasm_valtype_new_funcref(): wasm_valtype_t {
  return wasm_valtype_new(WASM_FUNCREF);
}

/**
 * A function type from parameter and result value types (the short-hands' common part).
 */
function functype(params: (wasm_valtype_t | null)[], results: (wasm_valtype_t | null)[]): wasm_functype_t {
  return wasm_functype_new({ size: params.length, data: params }, { size: results.length, data: results });
}

/**
 * A new function type with 0 parameters and 0 results, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_0_0(): wasm_functype_t {
  return functype([], []);
}

/**
 * A new function type with 0 parameters and 1 result, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_0_1(r: wasm_valtype_t | null): wasm_functype_t {
  return functype([], [r]);
}

/**
 * A new function type with 0 parameters and 2 results, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_0_2(r1: wasm_valtype_t | null, r2: wasm_valtype_t | null): wasm_functype_t {
  return functype([], [r1, r2]);
}

/**
 * A new function type with 0 parameters and 3 results, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_0_3(r1: wasm_valtype_t | null, r2: wasm_valtype_t | null, r3: wasm_valtype_t | null): wasm_functype_t {
  return functype([], [r1, r2, r3]);
}

/**
 * A new function type with 1 parameter and 0 results, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_1_0(p: wasm_valtype_t | null): wasm_functype_t {
  return functype([p], []);
}

/**
 * A new function type with 1 parameter and 1 result, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_1_1(p: wasm_valtype_t | null, r: wasm_valtype_t | null): wasm_functype_t {
  return functype([p], [r]);
}

/**
 * A new function type with 1 parameter and 2 results, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_1_2(p: wasm_valtype_t | null, r1: wasm_valtype_t | null, r2: wasm_valtype_t | null): wasm_functype_t {
  return functype([p], [r1, r2]);
}

/**
 * A new function type with 1 parameter and 3 results, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_1_3(p: wasm_valtype_t | null, r1: wasm_valtype_t | null, r2: wasm_valtype_t | null, r3: wasm_valtype_t | null): wasm_functype_t {
  return functype([p], [r1, r2, r3]);
}

/**
 * A new function type with 2 parameters and 0 results, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_2_0(p1: wasm_valtype_t | null, p2: wasm_valtype_t | null): wasm_functype_t {
  return functype([p1, p2], []);
}

/**
 * A new function type with 2 parameters and 1 result, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_2_1(p1: wasm_valtype_t | null, p2: wasm_valtype_t | null, r: wasm_valtype_t | null): wasm_functype_t {
  return functype([p1, p2], [r]);
}

/**
 * A new function type with 2 parameters and 2 results, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_2_2(p1: wasm_valtype_t | null, p2: wasm_valtype_t | null, r1: wasm_valtype_t | null, r2: wasm_valtype_t | null): wasm_functype_t {
  return functype([p1, p2], [r1, r2]);
}

/**
 * A new function type with 2 parameters and 3 results, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_2_3(p1: wasm_valtype_t | null, p2: wasm_valtype_t | null, r1: wasm_valtype_t | null, r2: wasm_valtype_t | null, r3: wasm_valtype_t | null): wasm_functype_t {
  return functype([p1, p2], [r1, r2, r3]);
}

/**
 * A new function type with 3 parameters and 0 results, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_3_0(p1: wasm_valtype_t | null, p2: wasm_valtype_t | null, p3: wasm_valtype_t | null): wasm_functype_t {
  return functype([p1, p2, p3], []);
}

/**
 * A new function type with 3 parameters and 1 result, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_3_1(p1: wasm_valtype_t | null, p2: wasm_valtype_t | null, p3: wasm_valtype_t | null, r: wasm_valtype_t | null): wasm_functype_t {
  return functype([p1, p2, p3], [r]);
}

/**
 * A new function type with 3 parameters and 2 results, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_3_2(p1: wasm_valtype_t | null, p2: wasm_valtype_t | null, p3: wasm_valtype_t | null, r1: wasm_valtype_t | null, r2: wasm_valtype_t | null): wasm_functype_t {
  return functype([p1, p2, p3], [r1, r2]);
}

/**
 * A new function type with 3 parameters and 3 results, taking ownership of the value types (the header's inline helper).
 * @category Convenience
 */
export function wasm_functype_new_3_3(p1: wasm_valtype_t | null, p2: wasm_valtype_t | null, p3: wasm_valtype_t | null, r1: wasm_valtype_t | null, r2: wasm_valtype_t | null, r3: wasm_valtype_t | null): wasm_functype_t {
  return functype([p1, p2, p3], [r1, r2, r3]);
}

/**
 * A new `i32` value (`WASM_I32_VAL`).
 * @category Convenience
 */
export function WASM_I32_VAL(i: number): wasm_val_t {
  return { kind: WASM_I32, of: { i32: i } };
}

/**
 * A new `i64` value (`WASM_I64_VAL`).
 * @category Convenience
 */
export function WASM_I64_VAL(i: bigint): wasm_val_t {
  return { kind: WASM_I64, of: { i64: i } };
}

/**
 * A new `f32` value (`WASM_F32_VAL`).
 * @category Convenience
 */
export function WASM_F32_VAL(z: float32_t): wasm_val_t {
  return { kind: WASM_F32, of: { f32: z } };
}

/**
 * A new `f64` value (`WASM_F64_VAL`).
 * @category Convenience
 */
export function WASM_F64_VAL(z: float64_t): wasm_val_t {
  return { kind: WASM_F64, of: { f64: z } };
}

/**
 * A new reference value (`WASM_REF_VAL`); its kind is `WASM_EXTERNREF` as in
 * the header, and it may also be passed where a `funcref` is expected when
 * it holds a function.
 * @category Convenience
 */
export function WASM_REF_VAL(r: wasm_ref_t | null): wasm_val_t {
  return { kind: WASM_EXTERNREF, of: { ref: r } };
}

/**
 * A new initial value (`WASM_INIT_VAL`): a null `externref`, storage for a result.
 * @category Convenience
 */
export function WASM_INIT_VAL(): wasm_val_t {
  return initVal();
}

/**
 * Stores a pointer-sized integer in a value as an `i64` (the header's inline
 * helper for 64-bit builds). JavaScript has no pointers: pass an integer
 * that stands for one (an index, an id).
 * @category Convenience
 */
export function wasm_val_init_ptr(out: wasm_val_t, p: bigint | number | null): void {
  const fn = "wasm_val_init_ptr";
  if (out === null || typeof out !== "object") misuse(fn, "the out-parameter is null");
  let i64: bigint;
  // NULL is a pointer like any other in C: it stands for 0.
  if (p === null || p === undefined) i64 = 0n;
  else if (typeof p === "bigint") i64 = BigInt.asIntN(64, p);
  else if (typeof p === "number" && Number.isSafeInteger(p)) i64 = BigInt(p);
  else misuse(fn, `${typeof p === "number" ? String(p) : `a ${typeof p}`} is not an integer that stands for a pointer`);
  out.kind = WASM_I64;
  out.of = { i64 };
}

/**
 * The pointer-sized integer a value holds (the header's inline helper; the
 * inverse of {@link wasm_val_init_ptr}).
 * @category Convenience
 */
export function wasm_val_ptr(v: wasm_val_t): bigint {
  const fn = "wasm_val_ptr";
  checkVal(v, fn, "the value");
  if (v.kind === WASM_I32) return BigInt(v.of.i32!);
  if (v.kind === WASM_I64) return BigInt(v.of.i64!);
  return misuse(fn, `the value has ${valKindName(v.kind)}, not a pointer (WASM_I64 or WASM_I32)`);
}
