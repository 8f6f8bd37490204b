/**
 * Writing a `filestat` (64 bytes) into the caller's memory.
 * @module
 */
import type { MemoryInstance } from "../../runtime/instances.js";
import { checkRange } from "../guest-memory.js";
import type { HostStat } from "../system.js";

/**
 * Writes `st` at `ptr` as a `filestat`: dev @0, ino @8, filetype @16,
 * nlink @24, size @32, atim @40, mtim @48, ctim @56. A null `st` (a stream
 * with no host file behind) is all zeros but the filetype.
 */
export function writeFilestat(mem: MemoryInstance, ptr: number, st: HostStat | null, filetype: number): void {
  const p = checkRange(mem, ptr, 64);
  mem.bytes.fill(0, p, p + 64);
  const v = mem.view;
  v.setUint8(p + 16, st?.filetype ?? filetype);
  if (st === null) return;
  v.setBigUint64(p, st.dev, true);
  v.setBigUint64(p + 8, st.ino, true);
  v.setBigUint64(p + 24, st.nlink, true);
  v.setBigUint64(p + 32, st.size, true);
  v.setBigUint64(p + 40, st.atimNs, true);
  v.setBigUint64(p + 48, st.mtimNs, true);
  v.setBigUint64(p + 56, st.ctimNs, true);
}
