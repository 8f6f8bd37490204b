/**
 * Reading and filling byte vectors, and UTF-8 text in them.
 * @module
 */
import type { wasm_byte_vec_t } from "../byte_vec.js";
import { inVec, outVec } from "./vec.js";

/** The bytes of a byte vector (also accepts the `[]` of `WASM_EMPTY_VEC()`). */
export function bytesOf(v: wasm_byte_vec_t, fn: string): Uint8Array {
  const n = inVec(v, fn);
  if (v.data instanceof Uint8Array) return v.data.subarray(0, n);
  return Uint8Array.from(Array.prototype.slice.call(v.data, 0, n) as number[]);
}

/** Fills a byte vector out-parameter with (a copy of) `bytes`. */
export function fillBytes(out: wasm_byte_vec_t, bytes: Uint8Array, fn: string): void {
  const v = outVec(out, fn);
  v.size = bytes.length;
  v.data = bytes;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** UTF-8 bytes of a string followed by a NUL byte. */
export function utf8nt(s: string): Uint8Array {
  const text = encoder.encode(s);
  const bytes = new Uint8Array(text.length + 1);
  bytes.set(text);
  return bytes;
}

/** The text of bytes up to the first NUL (or all of them), as C reads a string. */
export function cText(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return decoder.decode(nul < 0 ? bytes : bytes.subarray(0, nul));
}

/** Checks a name that is about to be moved (readable, and the caller's to give). */
export function checkName(v: wasm_byte_vec_t, fn: string): void {
  bytesOf(v, fn);
  outVec(v, fn);
}

/** Moves a name passed as `own` into a frozen copy that its new owner keeps; empties the caller's vector. */
export function adoptName(v: wasm_byte_vec_t, fn: string): wasm_byte_vec_t {
  const bytes = bytesOf(v, fn).slice();
  fillBytes(v, new Uint8Array(0), fn);
  return Object.freeze({ size: bytes.length, data: bytes });
}

/** A frozen name that an object keeps, from a string. */
export function frozenName(s: string): wasm_byte_vec_t {
  const bytes = utf8(s);
  return Object.freeze({ size: bytes.length, data: bytes });
}
