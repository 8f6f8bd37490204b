/**
 * The `fstflags` of `fd_filestat_set_times` and `path_filestat_set_times`
 * turned into the times to set.
 * @module
 */
import { Fstflags } from "../constants.js";
import { Errno, fail } from "../errno.js";
import type { TimeSpec, WasiSystem } from "../system.js";

/** [atime, mtime] to set (null: keep); EINVAL when a time is both given and "now", or for unknown flags. */
export function timesToSet(sys: WasiSystem, atim: bigint, mtim: bigint, flags: number): [TimeSpec, TimeSpec] {
  if ((flags & ~15) !== 0) fail(Errno.INVAL, "unknown fstflags");
  if ((flags & Fstflags.ATIM) !== 0 && (flags & Fstflags.ATIM_NOW) !== 0) fail(Errno.INVAL, "atim and atim_now");
  if ((flags & Fstflags.MTIM) !== 0 && (flags & Fstflags.MTIM_NOW) !== 0) fail(Errno.INVAL, "mtim and mtim_now");
  const now = (flags & (Fstflags.ATIM_NOW | Fstflags.MTIM_NOW)) !== 0 ? sys.realtimeNs() : 0n;
  const a = (flags & Fstflags.ATIM) !== 0 ? BigInt.asUintN(64, atim) : (flags & Fstflags.ATIM_NOW) !== 0 ? now : null;
  const m = (flags & Fstflags.MTIM) !== 0 ? BigInt.asUintN(64, mtim) : (flags & Fstflags.MTIM_NOW) !== 0 ? now : null;
  return [a, m];
}
