/**
 * Byte vectors, names and messages (`wasm_byte_vec_t`, `wasm_name_t`,
 * `wasm_message_t`), with the header's `wasm_name_*` macros.
 * @module
 */
import { bytesOf, fillBytes, utf8, utf8nt } from "./internal/bytes.js";
import { misuse } from "./internal/handles.js";
import { MAX_BYTE_VEC, sizeArg } from "./internal/vec.js";

/** A byte (`wasm_byte_t`, C's `char`), as a number 0..255. @category Auxiliaries */
export type wasm_byte_t = number;

/**
 * A byte vector (`wasm_byte_vec_t`): `size` bytes of `data`.
 * @category Auxiliaries
 */
export interface wasm_byte_vec_t {
  size: number;
  data: Uint8Array;
}

/** A name (`wasm_name_t`): a byte vector of UTF-8, not NUL-terminated. @category Auxiliaries */
export type wasm_name_t = wasm_byte_vec_t;

/** A message (`wasm_message_t`): a byte vector of UTF-8 that ends with a NUL byte, counted in `size`. @category Auxiliaries */
export type wasm_message_t = wasm_byte_vec_t;

/**
 * Makes an empty byte vector in `out`.
 * @category Auxiliaries
 */
export function wasm_byte_vec_new_empty(out: wasm_byte_vec_t): void {
  fillBytes(out, new Uint8Array(0), "wasm_byte_vec_new_empty");
}

/**
 * Makes a byte vector of `size` zero bytes in `out`.
 * @category Auxiliaries
 */
export function wasm_byte_vec_new_uninitialized(out: wasm_byte_vec_t, size: number): void {
  const fn = "wasm_byte_vec_new_uninitialized";
  fillBytes(out, allocBytes(sizeArg(size, fn, MAX_BYTE_VEC), fn), fn);
}

/**
 * Makes a byte vector in `out` holding a copy of the first `size` bytes of `data`.
 * @category Auxiliaries
 */
export function wasm_byte_vec_new(out: wasm_byte_vec_t, size: number, data: ArrayLike<number>): void {
  const fn = "wasm_byte_vec_new";
  const n = sizeArg(size, fn, MAX_BYTE_VEC);
  if (n > 0 && (!data || typeof data !== "object" || data.length < n)) misuse(fn, `the array holds fewer than ${n} bytes`);
  const bytes = allocBytes(n, fn);
  // A typed array (a module's bytes, usually) is copied in one call, with the
  // same ToUint8 conversion of each element as the loop.
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) bytes.set((data as unknown as Uint8Array).subarray(0, n));
  else for (let i = 0; i < n; i++) bytes[i] = data[i]!;
  fillBytes(out, bytes, fn);
}

/**
 * Copies byte vector `src` into `out`.
 * @category Auxiliaries
 */
export function wasm_byte_vec_copy(out: wasm_byte_vec_t, src: wasm_byte_vec_t): void {
  fillBytes(out, bytesOf(src, "wasm_byte_vec_copy").slice(), "wasm_byte_vec_copy");
}

/**
 * Deletes a byte vector's contents (it becomes empty).
 * @category Auxiliaries
 */
export function wasm_byte_vec_delete(v: wasm_byte_vec_t): void {
  bytesOf(v, "wasm_byte_vec_delete");
  fillBytes(v, new Uint8Array(0), "wasm_byte_vec_delete");
}

/** Checks a `const char*` argument: a string (NULL is misuse, as `strlen(NULL)` is undefined). */
function stringArg(s: unknown, fn: string): string {
  if (typeof s !== "string") misuse(fn, `got ${s === null ? "null" : `a ${typeof s}`} where a string was expected`);
  return s;
}

/** `n` zero bytes; a failed allocation (the process is out of memory) is reported as misuse of `fn`, as C's would be a null vector. */
function allocBytes(n: number, fn: string): Uint8Array {
  try {
    return new Uint8Array(n);
  } catch (e) {
    if (e instanceof RangeError) misuse(fn, `cannot allocate ${n} bytes`);
    throw e;
  }
}

/** Makes a name from bytes (the header's macro for {@link wasm_byte_vec_new}). @category Auxiliaries */
export const wasm_name_new = wasm_byte_vec_new;
/** Makes an empty name (the header's macro for {@link wasm_byte_vec_new_empty}). @category Auxiliaries */
export const wasm_name_new_empty = wasm_byte_vec_new_empty;
/**
 * Makes a name of `size` zero bytes (the header's macro for
 * {@link wasm_byte_vec_new_uninitialized}, with the header's spelling).
 * @category Auxiliaries
 */
export const wasm_name_new_new_uninitialized = wasm_byte_vec_new_uninitialized;
/** Copies a name (the header's macro for {@link wasm_byte_vec_copy}). @category Auxiliaries */
export const wasm_name_copy = wasm_byte_vec_copy;
/** Deletes a name (the header's macro for {@link wasm_byte_vec_delete}). @category Auxiliaries */
export const wasm_name_delete = wasm_byte_vec_delete;

/**
 * Makes a name from a string, UTF-8, without a terminating NUL (the header's inline helper).
 * @category Auxiliaries
 */
export function wasm_name_new_from_string(out: wasm_name_t, s: string): void {
  fillBytes(out, utf8(stringArg(s, "wasm_name_new_from_string")), "wasm_name_new_from_string");
}

/**
 * Makes a name from a string, UTF-8, with a terminating NUL counted in its
 * size (the header's inline helper; what {@link wasm_trap_new} expects).
 * @category Auxiliaries
 */
export function wasm_name_new_from_string_nt(out: wasm_name_t, s: string): void {
  fillBytes(out, utf8nt(stringArg(s, "wasm_name_new_from_string_nt")), "wasm_name_new_from_string_nt");
}
