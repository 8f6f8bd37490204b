/**
 * WASI's host operations where there is no file system (browsers, bundles
 * without Node's modules): the package import `#wasi-system` picks this file
 * under every condition but `node`. Standard streams work when they are
 * captured, discarded or given as bytes; every file operation fails with
 * ENOTSUP, "no file system on this platform", so preopens exist but cannot
 * be used.
 * @module
 */
import type { HostStat, WasiSystem } from "./system.js";

/** The error every file operation throws here. */
function noFileSystem(): never {
  throw Object.assign(new Error("no file system on this platform"), { code: "ENOTSUP" });
}

const perf = (globalThis as { performance?: { now(): number; timeOrigin?: number } }).performance;

function nowMs(): number {
  return perf === undefined ? Date.now() : perf.now();
}

/** The implementation of {@link WasiSystem} without a file system. */
export const system: WasiSystem = {
  hasFileSystem: false,
  // No threads here: wasi-threads' thread-spawn fails (a negative result).
  startThread: () => false,
  threadData: () => undefined,
  absolute: (path) => path,
  lstat: (): HostStat => noFileSystem(),
  fstat: (): HostStat => noFileSystem(),
  readlink: () => noFileSystem(),
  open: () => noFileSystem(),
  close: () => noFileSystem(),
  read: () => noFileSystem(),
  write: () => noFileSystem(),
  truncate: () => noFileSystem(),
  sync: () => noFileSystem(),
  datasync: () => noFileSystem(),
  futimes: () => noFileSystem(),
  utimes: () => noFileSystem(),
  mkdir: () => noFileSystem(),
  rmdir: () => noFileSystem(),
  unlink: () => noFileSystem(),
  rename: () => noFileSystem(),
  link: () => noFileSystem(),
  symlink: () => noFileSystem(),
  readdir: () => noFileSystem(),
  readStdin: () => noFileSystem(),
  writeStd: () => noFileSystem(),
  stdStat: () => null,
  realtimeNs: () => BigInt(Math.round(((perf?.timeOrigin ?? 0) + (perf === undefined ? Date.now() : perf.now())) * 1e6)),
  monotonicNs: () => BigInt(Math.round(nowMs() * 1e6)),
  // No CPU clock in a browser: the time since start stands in (never less than the CPU time used).
  cpuTimeNs: () => BigInt(Math.round(nowMs() * 1e6)),
  resolutionNs: { realtime: 1000n, monotonic: 1000n, cpu: 1000n },
};
