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
  if (size > 0 && (v.data === null || v.data === undefined || v.data.length < size)) {
    misuse(fn, `the vector's data holds fewer than its size (${size}) entries`);
  }
  return size;
}

/** Checks a size argument. */
export function sizeArg(size: number, fn: string): number {
  if (!Number.isInteger(size) || size < 0) misuse(fn, `${String(size)} is not a size`);
  return size;
}

/**
 * The vector functions for elements of one type, named `wasm_<name>_vec_*`
 * in error messages; `copyElem` and `deleteElem` are the element type's
 * `_copy` and `_delete`.
 */
export function vecFunctions<T>(name: string, copyElem: (e: T) => T, deleteElem: (e: T) => void): VecFunctions<T> {
  const fn = (f: string) => `wasm_${name}_vec_${f}`;
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
      if (n > 0 && (!data || data.length < n)) misuse(fn("new"), `the array holds fewer than ${n} entries`);
      const copy = new Array<T | null>(n);
      for (let i = 0; i < n; i++) copy[i] = data[i] ?? null;
      v.size = n;
      v.data = copy;
    },
    copy(out, src) {
      const n = inVec(src, fn("copy"));
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
