/**
 * Values (`wasm_val_t`) and value vectors (`wasm_val_vec_t`).
 * @module
 */
import { handleFor, live, misuse, releaseHandle } from "./internal/handles.js";
import { wasm_ref_t } from "./internal/objects.js";
import { checkVal, initVal } from "./internal/values.js";
import { inVec, outVec, sizeArg } from "./internal/vec.js";
import { WASM_EXTERNREF, WASM_FUNCREF, type wasm_valkind_t } from "./valtype.js";

/** A 32-bit float (`float32_t`), as a number that keeps NaN bits (porting guide (docs/porting-guide.md), rule 16). @category Auxiliaries */
export type float32_t = number;
/** A 64-bit float (`float64_t`), as a number. @category Auxiliaries */
export type float64_t = number;

/**
 * The payload of a value (`wasm_val_t.of`): the field named after the kind holds it.
 * @category Runtime Objects
 */
export interface wasm_val_of_t {
  i32?: number;
  i64?: bigint;
  f32?: float32_t;
  f64?: float64_t;
  ref?: wasm_ref_t | null;
  /** Extension: the 16 bytes of a `v128`, lanes little-endian as in memory. */
  v128?: Uint8Array;
}

/**
 * A value (`wasm_val_t`): its kind and payload. A value in a vector is
 * storage that the callee fills in place (porting guide (docs/porting-guide.md), rule 9).
 * @category Runtime Objects
 */
export interface wasm_val_t {
  kind: wasm_valkind_t;
  of: wasm_val_of_t;
}

/**
 * A vector of values (`wasm_val_vec_t`): arguments and results of calls.
 * @category Runtime Objects
 */
export interface wasm_val_vec_t {
  size: number;
  data: wasm_val_t[];
}

function isRefKind(k: unknown): boolean {
  return k === WASM_EXTERNREF || k === WASM_FUNCREF;
}

/**
 * Deletes a value: releases the reference it holds, if any.
 * @category Runtime Objects
 */
export function wasm_val_delete(v: wasm_val_t | null): void {
  if (v === null || v === undefined) return;
  checkVal(v, "wasm_val_delete", "the value");
  if (isRefKind(v.kind) && v.of.ref) {
    const r = live(v.of.ref, wasm_ref_t, "wasm_val_delete");
    v.of.ref = null;
    releaseHandle(r);
  }
}

/**
 * Copies a value into `out` (in place); a reference gets a new handle.
 * @category Runtime Objects
 */
export function wasm_val_copy(out: wasm_val_t | null, v: wasm_val_t | null): void {
  if (out === null || typeof out !== "object") misuse("wasm_val_copy", "the out-parameter is null");
  const copy = copyVal(v, "wasm_val_copy");
  out.kind = copy.kind;
  out.of = copy.of;
}

function copyVal(val: wasm_val_t | null | undefined, fn: string, what = "the value"): wasm_val_t {
  const v = checkVal(val, fn, what);
  const of = { ...v.of };
  if (isRefKind(v.kind) && v.of.ref) of.ref = handleFor(live(v.of.ref, wasm_ref_t, fn)._rec);
  if (v.of.v128 instanceof Uint8Array) of.v128 = v.of.v128.slice();
  return { kind: v.kind, of };
}

/**
 * Makes an empty value vector in `out`.
 * @category Runtime Objects
 */
export function wasm_val_vec_new_empty(out: wasm_val_vec_t): void {
  const v = outVec(out, "wasm_val_vec_new_empty");
  v.size = 0;
  v.data = [];
}

/**
 * Makes a value vector of `size` fresh `WASM_INIT_VAL()` values in `out` (porting guide (docs/porting-guide.md), rule 9).
 * @category Runtime Objects
 */
export function wasm_val_vec_new_uninitialized(out: wasm_val_vec_t, size: number): void {
  const fn = "wasm_val_vec_new_uninitialized";
  const v = outVec(out, fn);
  const n = sizeArg(size, fn);
  v.size = n;
  v.data = Array.from({ length: n }, initVal);
}

/**
 * Makes a value vector in `out` that takes the first `size` values of `data`
 * (their references move into the vector; the values are new storage).
 * @category Runtime Objects
 */
export function wasm_val_vec_new(out: wasm_val_vec_t, size: number, data: ArrayLike<wasm_val_t>): void {
  const fn = "wasm_val_vec_new";
  const n = sizeArg(size, fn);
  if (n > 0 && (!data || typeof data !== "object" || data.length < n)) misuse(fn, `the array holds fewer than ${n} values`);
  for (let i = 0; i < n; i++) checkVal(data[i], fn, `entry ${i}`);
  const vals: wasm_val_t[] = [];
  for (let i = 0; i < n; i++) {
    const x = data[i]!;
    vals.push({ kind: x.kind, of: { ...x.of } });
  }
  const v = outVec(out, fn);
  v.size = n;
  v.data = vals;
}

/**
 * Copies a value vector into `out`; references get new handles.
 * @category Runtime Objects
 */
export function wasm_val_vec_copy(out: wasm_val_vec_t, src: wasm_val_vec_t): void {
  const fn = "wasm_val_vec_copy";
  const n = inVec(src, fn);
  const vals: wasm_val_t[] = [];
  for (let i = 0; i < n; i++) checkVal(src.data[i], fn, `entry ${i}`);
  for (let i = 0; i < n; i++) vals.push(copyVal(src.data[i], fn));
  const v = outVec(out, fn);
  v.size = n;
  v.data = vals;
}

/**
 * Deletes a value vector: releases the references of its values; it becomes empty.
 * @category Runtime Objects
 */
export function wasm_val_vec_delete(v: wasm_val_vec_t): void {
  const fn = "wasm_val_vec_delete";
  const vec = outVec(v, fn);
  const n = inVec(vec, fn);
  for (let i = 0; i < n; i++) if (vec.data[i] !== null && vec.data[i] !== undefined) checkVal(vec.data[i], fn, `entry ${i}`);
  for (let i = 0; i < n; i++) wasm_val_delete(vec.data[i] ?? null);
  vec.size = 0;
  vec.data = [];
}
