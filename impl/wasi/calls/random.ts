/**
 * `random_get`: bytes from the platform's cryptographic generator
 * (`globalThis.crypto.getRandomValues`), which fills at most 65,536 bytes a
 * call; it fills a scratch buffer that is copied in, since the generator
 * refuses views of a shared memory's buffer.
 * @see https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#random_get
 * @module
 */
import { Errno } from "../errno.js";
import { checkRange } from "../guest-memory.js";
import type { WasiCall } from "./call.js";

const CHUNK = 65536;
let scratch: Uint8Array | null = null;

/** `random_get(buf, buf_len)`. */
export const randomGet: WasiCall = (_ctx, mem, a) => {
  const len = (a[1] as number) >>> 0;
  const p = checkRange(mem, a[0] as number, len);
  const crypto = (globalThis as { crypto?: { getRandomValues(b: Uint8Array): Uint8Array } }).crypto;
  if (crypto === undefined) return Errno.NOSYS;
  scratch ??= new Uint8Array(CHUNK);
  const bytes = mem.bytes;
  for (let done = 0; done < len; done += CHUNK) {
    const n = Math.min(CHUNK, len - done);
    const chunk = scratch.subarray(0, n);
    crypto.getRandomValues(chunk);
    bytes.set(chunk, p + done);
  }
  return 0;
};
