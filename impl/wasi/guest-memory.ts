/**
 * Reading and writing the calling instance's memory with bounds checks that
 * fail with EFAULT (a bad pointer from the program is its error, never a
 * host exception). Each helper takes the memory instance and reads
 * `bytes`/`view` afresh: a `memory.grow` replaces them.
 * @module
 */
import type { MemoryInstance } from "../runtime/instances.js";
import { Errno, fail } from "./errno.js";

/** Throws EFAULT unless `[ptr, ptr + len)` (both as u32) lies in the memory. Returns `ptr` as an unsigned offset. */
export function checkRange(mem: MemoryInstance, ptr: number, len: number): number {
  const p = ptr >>> 0;
  if (p + (len >>> 0) > mem.bytes.length) fail(Errno.FAULT, "pointer out of bounds of memory");
  return p;
}

/** The u32 at `ptr`. */
export function readU32(mem: MemoryInstance, ptr: number): number {
  return mem.view.getUint32(checkRange(mem, ptr, 4), true);
}

/** Writes the u32 `v` at `ptr`. */
export function writeU32(mem: MemoryInstance, ptr: number, v: number): void {
  mem.view.setUint32(checkRange(mem, ptr, 4), v >>> 0, true);
}

/** Writes the u64 `v` at `ptr` (taken modulo 2^64 by `setBigUint64` itself, with no intermediate bigint). */
export function writeU64(mem: MemoryInstance, ptr: number, v: bigint): void {
  mem.view.setBigUint64(checkRange(mem, ptr, 8), v, true);
}

/** Copies `src` to `ptr`. */
export function writeBytes(mem: MemoryInstance, ptr: number, src: Uint8Array): void {
  mem.bytes.set(src, checkRange(mem, ptr, src.length));
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The UTF-8 string of `len` bytes at `ptr`; EILSEQ when it is not UTF-8, EINVAL when it holds a NUL (no host path can). */
export function readString(mem: MemoryInstance, ptr: number, len: number): string {
  const p = checkRange(mem, ptr, len);
  let bytes = mem.bytes.subarray(p, p + (len >>> 0));
  if (bytes.includes(0)) fail(Errno.INVAL, "a path holds a NUL byte");
  // A shared memory's bytes are copied first: TextDecoder refuses views of a SharedArrayBuffer.
  if (!(bytes.buffer instanceof ArrayBuffer)) bytes = bytes.slice();
  try {
    return decoder.decode(bytes);
  } catch {
    return fail(Errno.ILSEQ, "a path is not UTF-8");
  }
}

/**
 * The (pointer, length) pairs of an iovec array of `count` entries at `ptr`,
 * each checked to lie in memory, flattened into one array.
 */
export function readIovecs(mem: MemoryInstance, ptr: number, count: number): number[] {
  const base = checkRange(mem, ptr, (count >>> 0) * 8);
  const view = mem.view;
  const out = new Array<number>(2 * (count >>> 0));
  for (let i = 0; i < count >>> 0; i++) {
    const buf = view.getUint32(base + 8 * i, true), len = view.getUint32(base + 8 * i + 4, true);
    checkRange(mem, buf, len);
    out[2 * i] = buf;
    out[2 * i + 1] = len;
  }
  return out;
}
