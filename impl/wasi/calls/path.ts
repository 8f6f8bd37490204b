/**
 * The `path_*` calls: every path goes through the sandbox's resolver
 * (`path-resolve.ts`) against a directory descriptor, and the host sees
 * only the host paths it produced. A preopen's permissions are enforced as
 * Wasmtime does, with EPERM: without directory WRITE nothing is created,
 * renamed or removed; without file WRITE no file opens for writing.
 * @see https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#path_open
 * @module
 */
import type { MemoryInstance } from "../../runtime/instances.js";
import type { RawValue } from "../../runtime/values.js";
import type { WasiContext } from "../context.js";
import { FDFLAGS_ALL, Fdflags, Filetype, LOOKUPFLAGS_SYMLINK_FOLLOW, Oflags } from "../constants.js";
import { DirDescriptor, FileDescriptor, need } from "../descriptors.js";
import { Errno, fail } from "../errno.js";
import { checkRange, readString } from "../guest-memory.js";
import { resolvePath, type Resolved } from "../path-resolve.js";
import { RIGHTS_DIR, RIGHTS_FILE, RIGHTS_READ, RIGHTS_WRITE, Rights, rightsFromU64 } from "../rights.js";
import { OpenFlag } from "../system.js";
import type { WasiCall } from "./call.js";
import { writeFilestat } from "./stat.js";
import { timesToSet } from "./times.js";

const encoder = new TextEncoder();

/** The directory descriptor `fd` with `right` (ENOTDIR for another kind, ENOTCAPABLE without the right). */
function dirOf(ctx: WasiContext, fd: RawValue, right: number): DirDescriptor {
  const d = ctx.fds.get(fd as number);
  if (d.kind !== "dir") fail(Errno.NOTDIR, "not a directory descriptor");
  need(d, right);
  return d;
}

/** Resolves the guest path of `len` bytes at `ptr` against `dir`. */
function resolveAt(ctx: WasiContext, mem: MemoryInstance, dir: DirDescriptor, ptr: RawValue, len: RawValue, follow: boolean): Resolved {
  return resolvePath(ctx.sys, dir.hostPath, readString(mem, ptr as number, len as number), follow);
}

/** EPERM unless the directory's preopen lets the program change its entries. */
function mustMutate(dir: DirDescriptor): void {
  if (!dir.perms.dirWrite) fail(Errno.PERM, "the preopen is read-only");
}

/** `path_create_directory(fd, path, path_len)`. */
export const pathCreateDirectory: WasiCall = (ctx, mem, a) => {
  const dir = dirOf(ctx, a[0], Rights.PATH_CREATE_DIRECTORY);
  mustMutate(dir);
  const r = resolveAt(ctx, mem, dir, a[1], a[2], false);
  if (r.name === null || r.stat !== null) return Errno.EXIST;
  ctx.sys.mkdir(r.path);
  return 0;
};

/** `path_filestat_get(fd, flags, path, path_len, buf)`. */
export const pathFilestatGet: WasiCall = (ctx, mem, a) => {
  const dir = dirOf(ctx, a[0], Rights.PATH_FILESTAT_GET);
  checkRange(mem, a[4] as number, 64);
  const r = resolveAt(ctx, mem, dir, a[2], a[3], ((a[1] as number) & LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0);
  if (r.stat === null) return Errno.NOENT;
  writeFilestat(mem, a[4] as number, r.stat, r.stat.filetype);
  return 0;
};

/** `path_filestat_set_times(fd, flags, path, path_len, atim, mtim, fst_flags)`. */
export const pathFilestatSetTimes: WasiCall = (ctx, mem, a) => {
  const dir = dirOf(ctx, a[0], Rights.PATH_FILESTAT_SET_TIMES);
  const [atim, mtim] = timesToSet(ctx.sys, a[4] as bigint, a[5] as bigint, a[6] as number);
  const r = resolveAt(ctx, mem, dir, a[2], a[3], ((a[1] as number) & LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0);
  if (r.stat === null) return Errno.NOENT;
  if (r.stat.filetype === Filetype.DIRECTORY ? !dir.perms.dirWrite : !dir.perms.fileWrite) return Errno.PERM;
  // The resolver followed the last link if asked: what is at r.path is the target, so the host follows nothing.
  ctx.sys.utimes(r.path, atim, mtim, false);
  return 0;
};

/** `path_link(old_fd, old_flags, old_path, old_path_len, new_fd, new_path, new_path_len)`: both ends stay inside. */
export const pathLink: WasiCall = (ctx, mem, a) => {
  const from = dirOf(ctx, a[0], Rights.PATH_LINK_SOURCE);
  const to = dirOf(ctx, a[4], Rights.PATH_LINK_TARGET);
  mustMutate(to);
  const src = resolveAt(ctx, mem, from, a[2], a[3], ((a[1] as number) & LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0);
  if (src.stat === null) return Errno.NOENT;
  if (src.name === null || src.stat.filetype === Filetype.DIRECTORY) return Errno.PERM;
  const dst = resolveAt(ctx, mem, to, a[5], a[6], false);
  if (dst.name === null || dst.stat !== null) return Errno.EXIST;
  ctx.sys.link(src.path, dst.path);
  return 0;
};

/** Host open flags for a file opened with `base` rights and these flags. */
function hostOpenFlags(base: number, oflags: number, fdflags: number, creating: boolean): number {
  const write = (base & RIGHTS_WRITE) !== 0 || (fdflags & Fdflags.APPEND) !== 0 || (oflags & Oflags.TRUNC) !== 0;
  // Read access unless the program asked only to write (an O_WRONLY open of a file it may not read must work).
  let flags = (base & RIGHTS_READ) !== 0 || !write ? OpenFlag.READ : 0;
  if (write) flags |= OpenFlag.WRITE;
  if ((oflags & Oflags.TRUNC) !== 0) flags |= OpenFlag.TRUNC;
  if (creating) flags |= OpenFlag.CREAT | ((oflags & Oflags.EXCL) !== 0 ? OpenFlag.EXCL : 0);
  if ((fdflags & Fdflags.DSYNC) !== 0) flags |= OpenFlag.DSYNC;
  if ((fdflags & Fdflags.SYNC) !== 0) flags |= OpenFlag.SYNC;
  if ((fdflags & Fdflags.RSYNC) !== 0) flags |= OpenFlag.RSYNC;
  // The resolver followed every link it was allowed to: one found now at the last component is refused.
  return flags | OpenFlag.NOFOLLOW;
}

/**
 * `path_open(fd, dirflags, path, path_len, oflags, fs_rights_base,
 * fs_rights_inheriting, fdflags, opened_fd_ptr)`. The new descriptor's
 * rights are those asked for, within the directory's inheriting rights and
 * what its type can do.
 */
export const pathOpen: WasiCall = (ctx, mem, a) => {
  const dir = dirOf(ctx, a[0], Rights.PATH_OPEN);
  const oflags = a[4] as number, fdflags = a[7] as number;
  if ((oflags & ~15) !== 0 || (fdflags & ~FDFLAGS_ALL) !== 0) return Errno.INVAL;
  const creating = (oflags & Oflags.CREAT) !== 0;
  if (creating) need(dir, Rights.PATH_CREATE_FILE);
  if ((oflags & Oflags.TRUNC) !== 0) need(dir, Rights.PATH_FILESTAT_SET_SIZE);
  const base = rightsFromU64(a[5] as bigint) & dir.rightsInheriting;
  const inheriting = rightsFromU64(a[6] as bigint) & dir.rightsInheriting;
  const out = checkRange(mem, a[8] as number, 4);
  const writes = (base & RIGHTS_WRITE) !== 0 || (fdflags & Fdflags.APPEND) !== 0 || (oflags & Oflags.TRUNC) !== 0;
  const reads = (base & RIGHTS_READ) !== 0;
  const p = dir.perms;
  if (!p.dirRead || (creating && !p.dirWrite)) return Errno.PERM;
  // A file's permissions apply to files (a directory asked for with every right still opens as a directory).
  const filePermsRefuse = (writes && !p.fileWrite) || (reads && !p.fileRead);
  const r = resolveAt(ctx, mem, dir, a[2], a[3], ((a[1] as number) & LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0);
  const sys = ctx.sys;
  let opened: DirDescriptor | FileDescriptor;
  if (r.stat === null) {
    if (!creating) return Errno.NOENT;
    if ((oflags & Oflags.DIRECTORY) !== 0) return Errno.INVAL;
    if (r.mustBeDir) return Errno.ISDIR;
    if (filePermsRefuse) return Errno.PERM;
    const hostFd = sys.open(r.path, hostOpenFlags(base, oflags, fdflags, true));
    opened = new FileDescriptor(sys, hostFd, Filetype.REGULAR_FILE, base & RIGHTS_FILE, inheriting, p.fileWrite);
  } else {
    if (creating && (oflags & Oflags.EXCL) !== 0) return Errno.EXIST;
    const type = r.stat.filetype;
    if (type === Filetype.DIRECTORY) {
      // Truncating, appending or writing only is for files (rights beyond a directory's are dropped below).
      if ((oflags & Oflags.TRUNC) !== 0 || (fdflags & Fdflags.APPEND) !== 0 || (writes && !reads)) return Errno.ISDIR;
      opened = new DirDescriptor(r.path, dir.root, p, null, base & RIGHTS_DIR, inheriting);
    } else {
      if ((oflags & Oflags.DIRECTORY) !== 0 || r.mustBeDir) return Errno.NOTDIR;
      // Not followed (no SYMLINK_FOLLOW): opening a link itself is ELOOP, as with O_NOFOLLOW.
      if (type === Filetype.SYMBOLIC_LINK) return Errno.LOOP;
      // A FIFO or socket would block the open (or mean nothing to preview1): not supported.
      if (type !== Filetype.REGULAR_FILE && type !== Filetype.CHARACTER_DEVICE && type !== Filetype.BLOCK_DEVICE) return Errno.NOTSUP;
      if (filePermsRefuse) return Errno.PERM;
      const hostFd = sys.open(r.path, hostOpenFlags(base, oflags, fdflags, false));
      opened = new FileDescriptor(sys, hostFd, type, base & RIGHTS_FILE, inheriting, p.fileWrite);
    }
  }
  opened.fdflags = fdflags;
  let fd: number;
  try {
    fd = ctx.fds.insert(opened);
  } catch (e) {
    opened.close();
    throw e;
  }
  mem.view.setUint32(out, fd, true);
  return 0;
};

/** `path_readlink(fd, path, path_len, buf, buf_len, bufused_ptr)`: the contents, cut to the buffer, not NUL-terminated. */
export const pathReadlink: WasiCall = (ctx, mem, a) => {
  const dir = dirOf(ctx, a[0], Rights.PATH_READLINK);
  const used = checkRange(mem, a[5] as number, 4);
  const buf = checkRange(mem, a[3] as number, a[4] as number);
  const r = resolveAt(ctx, mem, dir, a[1], a[2], false);
  if (r.stat === null) return Errno.NOENT;
  if (r.stat.filetype !== Filetype.SYMBOLIC_LINK) return Errno.INVAL;
  const contents = encoder.encode(ctx.sys.readlink(r.path));
  const n = Math.min(contents.length, (a[4] as number) >>> 0);
  mem.bytes.set(contents.subarray(0, n), buf);
  mem.view.setUint32(used, n, true);
  return 0;
};

/** `path_remove_directory(fd, path, path_len)`. */
export const pathRemoveDirectory: WasiCall = (ctx, mem, a) => {
  const dir = dirOf(ctx, a[0], Rights.PATH_REMOVE_DIRECTORY);
  mustMutate(dir);
  const r = resolveAt(ctx, mem, dir, a[1], a[2], false);
  if (r.name === null) return Errno.INVAL;
  if (r.stat === null) return Errno.NOENT;
  if (r.stat.filetype !== Filetype.DIRECTORY) return Errno.NOTDIR;
  ctx.sys.rmdir(r.path);
  return 0;
};

/** `path_rename(fd, old_path, old_path_len, new_fd, new_path, new_path_len)`: both ends stay inside. */
export const pathRename: WasiCall = (ctx, mem, a) => {
  const from = dirOf(ctx, a[0], Rights.PATH_RENAME_SOURCE);
  const to = dirOf(ctx, a[3], Rights.PATH_RENAME_TARGET);
  mustMutate(from);
  mustMutate(to);
  const src = resolveAt(ctx, mem, from, a[1], a[2], false);
  if (src.name === null) return Errno.INVAL;
  if (src.stat === null) return Errno.NOENT;
  const dst = resolveAt(ctx, mem, to, a[4], a[5], false);
  if (dst.name === null) return Errno.INVAL;
  if (dst.mustBeDir && src.stat.filetype !== Filetype.DIRECTORY) return Errno.NOTDIR;
  ctx.sys.rename(src.path, dst.path);
  return 0;
};

/**
 * `path_symlink(old_path, old_path_len, fd, new_path, new_path_len)`: the
 * link's contents are stored as given, even when they point outside (as
 * Wasmtime allows); following such a link later fails with EPERM.
 */
export const pathSymlink: WasiCall = (ctx, mem, a) => {
  const contents = readString(mem, a[0] as number, a[1] as number);
  const dir = dirOf(ctx, a[2], Rights.PATH_SYMLINK);
  mustMutate(dir);
  if (contents === "") return Errno.NOENT;
  const r = resolveAt(ctx, mem, dir, a[3], a[4], false);
  if (r.name === null || r.stat !== null) return Errno.EXIST;
  ctx.sys.symlink(contents, r.path);
  return 0;
};

/** `path_unlink_file(fd, path, path_len)`: a file or a symbolic link, never a directory. */
export const pathUnlinkFile: WasiCall = (ctx, mem, a) => {
  const dir = dirOf(ctx, a[0], Rights.PATH_UNLINK_FILE);
  mustMutate(dir);
  const r = resolveAt(ctx, mem, dir, a[1], a[2], false);
  if (r.name === null) return Errno.ISDIR;
  if (r.stat === null) return Errno.NOENT;
  if (r.stat.filetype === Filetype.DIRECTORY) return Errno.ISDIR;
  ctx.sys.unlink(r.path);
  return 0;
};
