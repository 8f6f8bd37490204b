/**
 * The five functions of `WASM_DECLARE_VEC` for vectors of pointers, written
 * once and instantiated per element type (valtype, functype, …, frame,
 * extern). Vectors are `{ size, data }` structs that the caller passes and
 * the callee fills in place; the vector owns its elements, so `_delete`
 * deletes them and `_copy` copies them.
 * @module
 */
import { misuse } from "./handles.js";

/** A vector of pointers: `size` entries of `data`, each an object or null. */
export interface PtrVec<T> {
  size: number;
  data: Array<T | null>;
}

/** The vector functions of one element type. */
export interface VecFunctions<T> {
  new_empty(out: PtrVec<T>): void;
  new_uninitialized(out: PtrVec<T>, size: number): void;
  make(out: PtrVec<T>, size: number, data: ArrayLike<T | null>): void;
  copy(out: PtrVec<T>, src: PtrVec<T>): void;
  delete(v: PtrVec<T>): void;
}

/** Checks an out-parameter vector: present, and not a vector that belongs to another object. */
export function outVec<V extends object>(out: V | null | undefined, fn: string): V {
  if (out === null || typeof out !== "object") misuse(fn, "the out-parameter vector is null");
  if (Object.isFrozen(out)) misuse(fn, "the vector belongs to another object (it was returned as const)");
  return out;
}

/** Checks an input vector and returns its size. */
export function inVec(v: { size: number; data: ArrayLike<unknown> } | null | undefined, fn: string): number {
  if (v === null || typeof v !== "object") misuse(fn, "the vector is null");
  const size = v.size;
  if (!Number.isInteger(size) || size < 0) misuse(fn, `the vector's size ${String(size)} is not a size`);
  if (size > 0 && (v.data === null || typeof v.data !== "object" || !(v.data.length >= size))) {
    misuse(fn, `the vector's data holds fewer than its size (${size}) entries`);
  }
  return size;
}

/**
 * The largest vector of pointers or values the API makes: the largest count
 * the WebAssembly JS API's implementation limits allow anywhere (a table's
 * 10,000,000 elements). A size beyond it is misuse, not an allocation that
 * could exhaust the JavaScript heap (which is fatal, not an exception).
 */
export const MAX_VEC_ENTRIES = 10_000_000;

/** The largest byte vector the API makes: 1 GiB, V8's limit on a module binary. */
export const MAX_BYTE_VEC = 2 ** 30;

/** Checks a size argument: an integer from 0 to `max` (the vector's limit). */
export function sizeArg(size: number, fn: string, max = MAX_VEC_ENTRIES): number {
  if (typeof size !== "number" || !Number.isInteger(size) || size < 0) misuse(fn, `${typeof size === "number" ? String(size) : `a ${typeof size}`} is not a size`);
  if (size > max) misuse(fn, `size ${size} is above the limit of ${max}`);
  return size;
}

/**
 * The vector functions for elements of one type, named `wasm_<name>_vec_*`
 * in error messages; `copyElem` and `deleteElem` are the element type's
 * `_copy` and `_delete`, `checkElem` its check (a live object of the
 * element class), made on every element before anything changes.
 */
export function vecFunctions<T>(
  name: string, copyElem: (e: T) => T, deleteElem: (e: T) => void, checkElem: (e: T, fn: string) => unknown,
): VecFunctions<T> {
  const fn = (f: string) => `wasm_${name}_vec_${f}`;
  const checkAll = (data: ArrayLike<T | null | undefined>, n: number, f: string) => {
    for (let i = 0; i < n; i++) {
      const e = data[i];
      if (e !== null && e !== undefined) checkElem(e, f);
    }
  };
  return {
    new_empty(out) {
      const v = outVec(out, fn("new_empty"));
      v.size = 0;
      v.data = [];
    },
    new_uninitialized(out, size) {
      const v = outVec(out, fn("new_uninitialized"));
      const n = sizeArg(size, fn("new_uninitialized"));
      v.size = n;
      v.data = new Array<T | null>(n).fill(null);
    },
    make(out, size, data) {
      const v = outVec(out, fn("new"));
      const n = sizeArg(size, fn("new"));
      if (n > 0 && (!data || typeof data !== "object" || data.length < n)) misuse(fn("new"), `the array holds fewer than ${n} entries`);
      checkAll(data, n, fn("new"));
      const copy = new Array<T | null>(n);
      for (let i = 0; i < n; i++) copy[i] = data[i] ?? null;
      v.size = n;
      v.data = copy;
    },
    copy(out, src) {
      const n = inVec(src, fn("copy"));
      checkAll(src.data, n, fn("copy"));
      const copy = new Array<T | null>(n);
      for (let i = 0; i < n; i++) {
        const e = src.data[i] ?? null;
        copy[i] = e === null ? null : copyElem(e);
      }
      const v = outVec(out, fn("copy"));
      v.size = n;
      v.data = copy;
    },
    delete(vec) {
      const v = outVec(vec, fn("delete"));
      const n = inVec(v, fn("delete"));
      checkAll(v.data, n, fn("delete"));
      for (let i = 0; i < n; i++) {
        const e = v.data[i] ?? null;
        if (e !== null) deleteElem(e);
      }
      v.size = 0;
      v.data = [];
    },
  };
}

/** Freezes a vector that an object keeps and lends out as const, so misuse is caught. */
export function freezeVec<V extends { data: unknown }>(v: V): V {
  if (Array.isArray(v.data)) Object.freeze(v.data);
  return Object.freeze(v);
}
