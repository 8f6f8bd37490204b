/**
 * `args_get`, `args_sizes_get`, `environ_get`, `environ_sizes_get`: the
 * program's arguments and environment, encoded once when the context was
 * made, copied into the caller's memory as C's `argv` and `environ` want them.
 * @see https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#args_get
 * @module
 */
import type { MemoryInstance } from "../../runtime/instances.js";
import type { CStrings } from "../context.js";
import { checkRange, writeU32 } from "../guest-memory.js";
import type { WasiCall } from "./call.js";

/** Writes the pointers (into `bufPtr`) at `ptrsPtr` and the NUL-terminated strings at `bufPtr`. */
function copyOut(mem: MemoryInstance, c: CStrings, ptrsPtr: number, bufPtr: number): number {
  const p = checkRange(mem, ptrsPtr, 4 * c.count);
  const b = checkRange(mem, bufPtr, c.bytes.length);
  const view = mem.view;
  for (let i = 0; i < c.count; i++) view.setUint32(p + 4 * i, b + c.offsets[i]!, true);
  mem.bytes.set(c.bytes, b);
  return 0;
}

/** Writes the count and the total size of the strings (NULs included). */
function sizes(mem: MemoryInstance, c: CStrings, countPtr: number, sizePtr: number): number {
  writeU32(mem, countPtr, c.count);
  writeU32(mem, sizePtr, c.bytes.length);
  return 0;
}

/** `args_get(argv, argv_buf)`. */
export const argsGet: WasiCall = (ctx, mem, a) => copyOut(mem, ctx.args, a[0] as number, a[1] as number);
/** `args_sizes_get(argc_ptr, argv_buf_size_ptr)`. */
export const argsSizesGet: WasiCall = (ctx, mem, a) => sizes(mem, ctx.args, a[0] as number, a[1] as number);
/** `environ_get(environ, environ_buf)`. */
export const environGet: WasiCall = (ctx, mem, a) => copyOut(mem, ctx.env, a[0] as number, a[1] as number);
/** `environ_sizes_get(count_ptr, buf_size_ptr)`. */
export const environSizesGet: WasiCall = (ctx, mem, a) => sizes(mem, ctx.env, a[0] as number, a[1] as number);
