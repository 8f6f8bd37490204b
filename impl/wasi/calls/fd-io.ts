/**
 * `fd_read`, `fd_write`, `fd_pread`, `fd_pwrite`: bytes between the caller's
 * memory and a descriptor, scattered or gathered over iovecs. The host reads
 * and writes the memory directly (no copy) for files; a write to a stream
 * gathers its iovecs into one piece, so a captured stream sees one write per
 * call.
 * @see https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_read
 * @module
 */
import type { MemoryInstance } from "../../runtime/instances.js";
import { Fdflags } from "../constants.js";
import { need, type Descriptor, type FileDescriptor } from "../descriptors.js";
import { Errno } from "../errno.js";
import { checkRange, readIovecs } from "../guest-memory.js";
import { Rights } from "../rights.js";
import { u64Arg, type WasiCall } from "./call.js";

const SYNC_FLAGS = Fdflags.SYNC | Fdflags.DSYNC | Fdflags.RSYNC;

/** Reads into the iovecs from `d` (at `at`, or the descriptor's position when null); returns the count. */
function readInto(mem: MemoryInstance, d: Descriptor, iov: number[], at: number | null): number {
  const bytes = mem.bytes;
  let total = 0;
  for (let i = 0; i < iov.length; i += 2) {
    const buf = iov[i]!, len = iov[i + 1]!;
    if (len === 0) continue;
    let n: number;
    if (d.kind === "input") n = d.read(bytes, buf, len);
    else {
      const f = d as FileDescriptor;
      n = f.sys.read(f.hostFd, bytes, buf, len, at === null ? f.position : at + total);
      if (at === null) f.position += n;
    }
    total += n;
    // A short read: the rest is not there yet (or at all); POSIX readv stops too.
    if (n < len) break;
  }
  return total;
}

/** Writes the iovecs to file `f` (at `at`, or its position, or its end in append mode); returns the count. */
function writeFile(mem: MemoryInstance, f: FileDescriptor, iov: number[], at: number | null): number {
  const bytes = mem.bytes;
  let pos = at ?? ((f.fdflags & Fdflags.APPEND) !== 0 ? Number(f.sys.fstat(f.hostFd).size) : f.position);
  let total = 0;
  for (let i = 0; i < iov.length; i += 2) {
    const buf = iov[i]!, len = iov[i + 1]!;
    let done = 0;
    while (done < len) done += f.sys.write(f.hostFd, bytes, buf + done, len - done, pos + done);
    pos += len;
    total += len;
  }
  if (at === null) f.position = pos;
  if ((f.fdflags & SYNC_FLAGS) !== 0) {
    if ((f.fdflags & Fdflags.SYNC) !== 0) f.sys.sync(f.hostFd);
    else f.sys.datasync(f.hostFd);
  }
  return total;
}

/** The bytes of the iovecs as one array (a view into memory when there is one iovec). */
function gather(mem: MemoryInstance, iov: number[]): Uint8Array {
  const bytes = mem.bytes;
  if (iov.length === 2) return bytes.subarray(iov[0]!, iov[0]! + iov[1]!);
  let size = 0;
  for (let i = 1; i < iov.length; i += 2) size += iov[i]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (let i = 0; i < iov.length; i += 2) {
    out.set(bytes.subarray(iov[i]!, iov[i]! + iov[i + 1]!), at);
    at += iov[i + 1]!;
  }
  return out;
}

/** `fd_read(fd, iovs, iovs_len, nread_ptr)`. */
export const fdRead: WasiCall = (ctx, mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  if (d.kind === "dir") return Errno.ISDIR;
  need(d, Rights.FD_READ);
  if (d.kind === "output") return Errno.BADF;
  const out = checkRange(mem, a[3] as number, 4);
  const n = readInto(mem, d, readIovecs(mem, a[1] as number, a[2] as number), null);
  mem.view.setUint32(out, n, true);
  return 0;
};

/** `fd_pread(fd, iovs, iovs_len, offset, nread_ptr)`: at `offset`, leaving the position. */
export const fdPread: WasiCall = (ctx, mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  if (d.kind === "input" || d.kind === "output") return Errno.SPIPE;
  need(d, Rights.FD_READ | Rights.FD_SEEK);
  if (d.kind === "dir") return Errno.ISDIR;
  const offset = u64Arg(a[3]);
  if (offset < 0) return Errno.INVAL;
  const out = checkRange(mem, a[4] as number, 4);
  const n = readInto(mem, d, readIovecs(mem, a[1] as number, a[2] as number), offset);
  mem.view.setUint32(out, n, true);
  return 0;
};

/** `fd_write(fd, iovs, iovs_len, nwritten_ptr)`. */
export const fdWrite: WasiCall = (ctx, mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  if (d.kind === "dir") return Errno.ISDIR;
  need(d, Rights.FD_WRITE);
  if (d.kind === "input") return Errno.BADF;
  const out = checkRange(mem, a[3] as number, 4);
  const iov = readIovecs(mem, a[1] as number, a[2] as number);
  let n: number;
  if (d.kind === "output") {
    const bytes = gather(mem, iov);
    d.write(bytes);
    n = bytes.length;
  } else n = writeFile(mem, d, iov, null);
  mem.view.setUint32(out, n, true);
  return 0;
};

/** `fd_pwrite(fd, iovs, iovs_len, offset, nwritten_ptr)`: at `offset` even in append mode, leaving the position. */
export const fdPwrite: WasiCall = (ctx, mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  if (d.kind === "input" || d.kind === "output") return Errno.SPIPE;
  need(d, Rights.FD_WRITE | Rights.FD_SEEK);
  if (d.kind === "dir") return Errno.ISDIR;
  const offset = u64Arg(a[3]);
  if (offset < 0) return Errno.INVAL;
  const out = checkRange(mem, a[4] as number, 4);
  const n = writeFile(mem, d, readIovecs(mem, a[1] as number, a[2] as number), offset);
  mem.view.setUint32(out, n, true);
  return 0;
};
