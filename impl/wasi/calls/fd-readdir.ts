/**
 * `fd_readdir`: a directory's entries as `dirent`s (d_next u64 @0, d_ino
 * u64 @8, d_namlen u32 @16, d_type u8 @20, 24 bytes, then the name),
 * starting at a cookie. The names are read from the host when a listing
 * starts (cookie 0) and kept, so cookies stay stable while the program
 * walks; `.` and `..` come first, as POSIX `readdir` gives them. When the
 * buffer ends inside an entry, as much of it as fits is written and
 * `bufused` equals the buffer's size: the spec's sign to the program that
 * it should call again with a larger buffer.
 * @see https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_readdir
 * @module
 */
import { Filetype } from "../constants.js";
import { need } from "../descriptors.js";
import { Errno } from "../errno.js";
import { checkRange } from "../guest-memory.js";
import { Rights } from "../rights.js";
import type { HostStat } from "../system.js";
import type { WasiCall } from "./call.js";

const encoder = new TextEncoder();

/** `fd_readdir(fd, buf, buf_len, cookie, bufused_ptr)`. */
export const fdReaddir: WasiCall = (ctx, mem, a) => {
  const d = ctx.fds.get(a[0] as number);
  if (d.kind !== "dir") return Errno.NOTDIR;
  need(d, Rights.FD_READDIR);
  if (!d.perms.dirRead) return Errno.PERM;
  const bufLen = (a[2] as number) >>> 0;
  const buf = checkRange(mem, a[1] as number, bufLen);
  const used = checkRange(mem, a[4] as number, 4);
  const cookie = BigInt.asUintN(64, a[3] as bigint);
  const sys = ctx.sys;
  if (cookie === 0n || d.listing === null) d.listing = [".", "..", ...sys.readdir(d.hostPath)];
  const names = d.listing;
  const entry = new Uint8Array(24);
  const ev = new DataView(entry.buffer);
  let at = 0;
  for (let i = cookie > BigInt(names.length) ? names.length : Number(cookie); i < names.length && at < bufLen; i++) {
    const name = encoder.encode(names[i]);
    // `..` of a preopen's root would be outside: it is described as the root itself.
    const path = i === 0 || (i === 1 && d.hostPath === d.root) ? d.hostPath : i === 1 ? `${d.hostPath}/..` : `${d.hostPath}/${names[i]}`;
    let st: HostStat | null;
    try {
      st = sys.lstat(path);
    } catch {
      // Gone since the listing was read: still listed, of unknown type.
      st = null;
    }
    ev.setBigUint64(0, BigInt(i + 1), true);
    ev.setBigUint64(8, st === null ? 0n : BigInt.asUintN(64, st.ino), true);
    ev.setUint32(16, name.length, true);
    ev.setUint32(20, st === null ? Filetype.UNKNOWN : st.filetype, true);
    const bytes = mem.bytes;
    const head = Math.min(24, bufLen - at);
    bytes.set(entry.subarray(0, head), buf + at);
    at += head;
    const tail = Math.min(name.length, bufLen - at);
    bytes.set(name.subarray(0, tail), buf + at);
    at += tail;
  }
  mem.view.setUint32(used, at, true);
  return 0;
};
