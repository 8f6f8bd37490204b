/**
 * The `fd_*` calls about a descriptor rather than its bytes: close,
 * renumber, fdstat (get, set flags, set rights), prestat, filestat (get,
 * set size, set times), advise, allocate, sync, datasync, seek, tell.
 * @see https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_close
 * @module
 */
import { ADVICE_MAX, FDFLAGS_ALL, Whence } from "../constants.js";
import { need } from "../descriptors.js";
import { Errno } from "../errno.js";
import { checkRange, writeU64 } from "../guest-memory.js";
import { Rights, rightsFromU64 } from "../rights.js";
import { u64Arg, type WasiCall } from "./call.js";
import { writeFilestat } from "./stat.js";
import { timesToSet } from "./times.js";

const encoder = new TextEncoder();

/** `fd_close(fd)`. */
export const fdClose: WasiCall = (ctx, _mem, a) => {
  ctx.fds.close(a[0] as number);
  return 0;
};

/** `fd_renumber(fd, to)`: `to` must be open; it is closed and replaced. */
export const fdRenumber: WasiCall = (ctx, _mem, a) => {
  ctx.fds.renumber(a[0] as number, a[1] as number);
  return 0;
};

/** `fd_fdstat_get(fd, stat_ptr)`: filetype @0 (u8), flags @2 (u16), rights base @8, inheriting @16. */
export const fdFdstatGet: WasiCall = (ctx, mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  const p = checkRange(mem, a[1] as number, 24);
  mem.bytes.fill(0, p, p + 24);
  const v = mem.view;
  v.setUint8(p, d.filetype);
  v.setUint16(p + 2, d.fdflags, true);
  v.setBigUint64(p + 8, BigInt(d.rightsBase), true);
  v.setBigUint64(p + 16, BigInt(d.rightsInheriting), true);
  return 0;
};

/** `fd_fdstat_set_flags(fd, flags)`: APPEND and NONBLOCK change how later calls behave; the sync flags make writes synchronous. */
export const fdFdstatSetFlags: WasiCall = (ctx, _mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  need(d, Rights.FD_FDSTAT_SET_FLAGS);
  const flags = a[1] as number;
  if ((flags & ~FDFLAGS_ALL) !== 0) return Errno.INVAL;
  d.fdflags = flags;
  return 0;
};

/** `fd_fdstat_set_rights(fd, base, inheriting)`: rights can only be dropped (ENOTCAPABLE for more). */
export const fdFdstatSetRights: WasiCall = (ctx, _mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  const base = rightsFromU64(a[1] as bigint), inheriting = rightsFromU64(a[2] as bigint);
  if ((base & ~d.rightsBase) !== 0 || (inheriting & ~d.rightsInheriting) !== 0) return Errno.NOTCAPABLE;
  d.rightsBase = base;
  d.rightsInheriting = inheriting;
  return 0;
};

/** `fd_prestat_get(fd, prestat_ptr)`: tag 0 (a directory) @0, the name's byte length @4; EBADF for anything but a preopen. */
export const fdPrestatGet: WasiCall = (ctx, mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  if (d.kind !== "dir" || d.preopenName === null) return Errno.BADF;
  const p = checkRange(mem, a[1] as number, 8);
  mem.bytes.fill(0, p, p + 8);
  mem.view.setUint32(p + 4, encoder.encode(d.preopenName).length, true);
  return 0;
};

/** `fd_prestat_dir_name(fd, path, path_len)`: the preopen's guest path, not NUL-terminated; ENAMETOOLONG when it does not fit. */
export const fdPrestatDirName: WasiCall = (ctx, mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  if (d.kind !== "dir" || d.preopenName === null) return Errno.BADF;
  const name = encoder.encode(d.preopenName);
  if ((a[2] as number) >>> 0 < name.length) return Errno.NAMETOOLONG;
  mem.bytes.set(name, checkRange(mem, a[1] as number, name.length));
  return 0;
};

/** `fd_filestat_get(fd, buf)`. */
export const fdFilestatGet: WasiCall = (ctx, mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  need(d, Rights.FD_FILESTAT_GET);
  const ptr = a[1] as number;
  checkRange(mem, ptr, 64);
  switch (d.kind) {
    case "input": case "output": {
      // The host's device, inode and times when there is a host file or stream behind, but the type the
      // stream has in fd_fdstat_get (a character device), so that the two calls agree.
      const st = d.stat();
      writeFilestat(mem, ptr, st === null ? null : { ...st, filetype: d.filetype }, d.filetype);
      return 0;
    }
    case "file": writeFilestat(mem, ptr, d.sys.fstat(d.hostFd), d.filetype); return 0;
    case "dir": writeFilestat(mem, ptr, ctx.sys.lstat(d.hostPath), d.filetype); return 0;
    default: { const never: never = d; return never; }
  }
};

/** `fd_filestat_set_size(fd, size)`. */
export const fdFilestatSetSize: WasiCall = (ctx, _mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  need(d, Rights.FD_FILESTAT_SET_SIZE);
  if (d.kind !== "file") return d.kind === "dir" ? Errno.ISDIR : Errno.INVAL;
  const size = u64Arg(a[1]);
  if (size < 0) return Errno.FBIG;
  d.sys.truncate(d.hostFd, size);
  return 0;
};

/** `fd_filestat_set_times(fd, atim, mtim, fst_flags)`: needs write permission on the file (or its directory). */
export const fdFilestatSetTimes: WasiCall = (ctx, _mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  need(d, Rights.FD_FILESTAT_SET_TIMES);
  const [atim, mtim] = timesToSet(ctx.sys, a[1] as bigint, a[2] as bigint, a[3] as number);
  switch (d.kind) {
    case "file":
      if (!d.writable) return Errno.PERM;
      d.sys.futimes(d.hostFd, atim, mtim);
      return 0;
    case "dir":
      if (!d.perms.dirWrite) return Errno.PERM;
      ctx.sys.utimes(d.hostPath, atim, mtim, true);
      return 0;
    default:
      return Errno.BADF;
  }
};

/** `fd_advise(fd, offset, len, advice)`: checked, then nothing to do (the host page cache decides; Node has no `posix_fadvise`). */
export const fdAdvise: WasiCall = (ctx, _mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  need(d, Rights.FD_ADVISE);
  if ((a[3] as number) >>> 0 > ADVICE_MAX) return Errno.INVAL;
  if (d.kind === "dir") return Errno.BADF;
  return d.kind === "file" ? 0 : Errno.SPIPE;
};

/** `fd_allocate(fd, offset, len)`: makes the file at least `offset + len` bytes long (zeros), as `posix_fallocate` does. */
export const fdAllocate: WasiCall = (ctx, _mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  need(d, Rights.FD_ALLOCATE);
  if (d.kind !== "file") return d.kind === "dir" ? Errno.BADF : Errno.SPIPE;
  const offset = u64Arg(a[1]), len = u64Arg(a[2]);
  if (offset < 0 || len < 0 || offset + len > Number.MAX_SAFE_INTEGER) return Errno.FBIG;
  if (len === 0) return Errno.INVAL;
  const size = Number(d.sys.fstat(d.hostFd).size);
  if (offset + len > size) d.sys.truncate(d.hostFd, offset + len);
  return 0;
};

/** `fd_sync(fd)` and `fd_datasync(fd)` share this, by the right they need. */
function syncCall(right: number, data: boolean): WasiCall {
  return (ctx, _mem, a) => {
    const d = ctx.fds.get(a[0] as number);
    need(d, right);
    if (d.kind === "file") {
      if (data) d.sys.datasync(d.hostFd);
      else d.sys.sync(d.hostFd);
    } else if (d.kind === "output") d.sync();
    // A directory's entries are the host's to flush: nothing of ours is buffered.
    return 0;
  };
}

/** `fd_sync(fd)`. */
export const fdSync = syncCall(Rights.FD_SYNC, false);
/** `fd_datasync(fd)`. */
export const fdDatasync = syncCall(Rights.FD_DATASYNC, true);

/**
 * `fd_seek(fd, offset, whence, newoffset_ptr)`: ESPIPE on a stream; a
 * seek that only asks where it is (`offset 0` from `CUR`) needs only FD_TELL.
 */
export const fdSeek: WasiCall = (ctx, mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  if (d.kind === "input" || d.kind === "output") return Errno.SPIPE;
  const offset = BigInt.asIntN(64, a[1] as bigint), whence = a[2] as number;
  need(d, offset === 0n && whence === Whence.CUR ? Rights.FD_TELL : Rights.FD_SEEK);
  if (d.kind !== "file") return Errno.BADF;
  checkRange(mem, a[3] as number, 8);
  let base: bigint;
  switch (whence) {
    case Whence.SET: base = 0n; break;
    case Whence.CUR: base = BigInt(d.position); break;
    case Whence.END: base = d.sys.fstat(d.hostFd).size; break;
    default: return Errno.INVAL;
  }
  const next = base + offset;
  if (next < 0n) return Errno.INVAL;
  if (next > BigInt(Number.MAX_SAFE_INTEGER)) return Errno.OVERFLOW;
  d.position = Number(next);
  writeU64(mem, a[3] as number, next);
  return 0;
};

/** `fd_tell(fd, offset_ptr)`. */
export const fdTell: WasiCall = (ctx, mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  if (d.kind === "input" || d.kind === "output") return Errno.SPIPE;
  need(d, Rights.FD_TELL);
  if (d.kind !== "file") return Errno.BADF;
  writeU64(mem, a[1] as number, BigInt(d.position));
  return 0;
};
