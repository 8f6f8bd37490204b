/**
 * WASI's host operations on Node: `node:fs` synchronously (a WASI call
 * returns only when its work is done) and Node's clocks. Reached only
 * through the package import `#wasi-system` under the `node` condition; the
 * architecture test keeps every other WASI file free of Node's modules.
 * @module
 */
import * as fs from "node:fs";
import { resolve } from "node:path";
import { Worker, isMainThread, workerData } from "node:worker_threads";
import { Filetype } from "./constants.js";
import { OpenFlag, type HostStat, type TimeSpec, type WasiSystem } from "./system.js";

const C = fs.constants;

function filetypeOf(s: fs.BigIntStats): number {
  if (s.isFile()) return Filetype.REGULAR_FILE;
  if (s.isDirectory()) return Filetype.DIRECTORY;
  if (s.isSymbolicLink()) return Filetype.SYMBOLIC_LINK;
  if (s.isCharacterDevice()) return Filetype.CHARACTER_DEVICE;
  if (s.isBlockDevice()) return Filetype.BLOCK_DEVICE;
  // A Unix socket is a stream socket to WASI; FIFOs have no filetype of their own.
  if (s.isSocket()) return Filetype.SOCKET_STREAM;
  return Filetype.UNKNOWN;
}

function hostStat(s: fs.BigIntStats): HostStat {
  return {
    dev: s.dev, ino: s.ino, filetype: filetypeOf(s), nlink: s.nlink, size: s.size,
    atimNs: s.atimeNs, mtimNs: s.mtimeNs, ctimNs: s.ctimeNs,
  };
}

function openFlags(f: number): number {
  let h = (f & OpenFlag.WRITE) === 0 ? C.O_RDONLY : (f & OpenFlag.READ) === 0 ? C.O_WRONLY : C.O_RDWR;
  if ((f & OpenFlag.CREAT) !== 0) h |= C.O_CREAT;
  if ((f & OpenFlag.EXCL) !== 0) h |= C.O_EXCL;
  if ((f & OpenFlag.TRUNC) !== 0) h |= C.O_TRUNC;
  // Absent on some platforms (Windows): there the resolver's own lstat is the only guard.
  if ((f & OpenFlag.NOFOLLOW) !== 0) h |= C.O_NOFOLLOW ?? 0;
  if ((f & OpenFlag.DSYNC) !== 0) h |= C.O_DSYNC ?? 0;
  if ((f & (OpenFlag.SYNC | OpenFlag.RSYNC)) !== 0) h |= C.O_SYNC ?? 0;
  return h;
}

/**
 * Seconds (fs's unit for times) from nanoseconds; null keeps `current`.
 * The host truncates the double to whole microseconds, and the double of
 * `n / 1e6` may fall just below `n` microseconds: half a microsecond more
 * makes the truncation land on `n` (a double near today's dates resolves
 * about 0.24 microseconds, finer than that half).
 */
function seconds(ns: TimeSpec, currentNs: bigint): number {
  const v = ns ?? currentNs;
  return (Number(v / 1000n) + 0.5) / 1e6;
}

/** Sleeps about `ms` milliseconds without spinning (stdin would block: the retry waits). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// Realtime with nanosecond steps: the wall clock read once, then advanced by the monotonic clock.
const realtimeBase = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

/** The Node implementation of {@link WasiSystem}. */
export const system: WasiSystem = {
  hasFileSystem: true,
  startThread: (data) => {
    try {
      const entry = new URL("./thread-worker.js", import.meta.url);
      // The thread reports nothing back: its end, and the program's, travel through shared memory.
      // The program's descriptors are the process's: one a thread opens must outlive the thread (Node
      // would close it when the worker ends). Node 20 honours this only for a worker of the main thread:
      // a worker started from a worker closes what it opened when it ends whatever the option says, so
      // wasi-threads programs whose threads open files must run from the process's main thread.
      const worker = new Worker(entry, { workerData: data, trackUnmanagedFds: false });
      worker.on("error", () => undefined);
      // The program ends when its main thread does (wasi-threads), not when the last thread does.
      worker.unref();
      return true;
    } catch {
      return false;
    }
  },
  threadData: () => (isMainThread ? undefined : workerData as unknown),
  absolute: (path) => resolve(path),
  lstat: (path) => hostStat(fs.lstatSync(path, { bigint: true })),
  fstat: (fd) => hostStat(fs.fstatSync(fd, { bigint: true })),
  readlink: (path) => fs.readlinkSync(path, "utf8"),
  open: (path, flags) => fs.openSync(path, openFlags(flags), 0o666),
  close: (fd) => fs.closeSync(fd),
  read: (fd, buf, off, len, position) => fs.readSync(fd, buf, off, len, position),
  write: (fd, buf, off, len, position) => fs.writeSync(fd, buf, off, len, position),
  truncate: (fd, size) => fs.ftruncateSync(fd, size),
  sync: (fd) => fs.fsyncSync(fd),
  datasync: (fd) => fs.fdatasyncSync(fd),
  futimes(fd, atimNs, mtimNs) {
    const s = atimNs === null || mtimNs === null ? fs.fstatSync(fd, { bigint: true }) : null;
    fs.futimesSync(fd, seconds(atimNs, s?.atimeNs ?? 0n), seconds(mtimNs, s?.mtimeNs ?? 0n));
  },
  utimes(path, atimNs, mtimNs, follow) {
    const s = atimNs === null || mtimNs === null
      ? (follow ? fs.statSync(path, { bigint: true }) : fs.lstatSync(path, { bigint: true })) : null;
    const a = seconds(atimNs, s?.atimeNs ?? 0n), m = seconds(mtimNs, s?.mtimeNs ?? 0n);
    if (follow) fs.utimesSync(path, a, m);
    else fs.lutimesSync(path, a, m);
  },
  mkdir: (path) => fs.mkdirSync(path),
  rmdir: (path) => fs.rmdirSync(path),
  unlink: (path) => fs.unlinkSync(path),
  rename: (from, to) => fs.renameSync(from, to),
  link: (existing, created) => fs.linkSync(existing, created),
  symlink: (contents, path) => fs.symlinkSync(contents, path),
  readdir: (path) => fs.readdirSync(path),
  readStdin(buf, off, len, nonblocking) {
    for (;;) {
      try {
        return fs.readSync(0, buf, off, len, null);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === "EOF") return 0;
        // A non-blocking terminal or pipe with nothing yet: wait a little and read again, since the program
        // asked for a read that blocks (a program that set NONBLOCK gets EAGAIN and decides itself).
        if (code === "EAGAIN" && !nonblocking) { pause(10); continue; }
        throw e;
      }
    }
  },
  writeStd(fd, bytes) {
    let done = 0;
    while (done < bytes.length) {
      try {
        done += fs.writeSync(fd, bytes, done, bytes.length - done);
      } catch (e) {
        // A non-blocking pipe that is full: wait for the reader.
        if ((e as { code?: string }).code === "EAGAIN") { pause(1); continue; }
        throw e;
      }
    }
  },
  stdStat(fd) {
    try {
      return hostStat(fs.fstatSync(fd, { bigint: true }));
    } catch {
      return null;
    }
  },
  realtimeNs: () => realtimeBase + process.hrtime.bigint(),
  monotonicNs: () => process.hrtime.bigint(),
  cpuTimeNs() {
    const u = process.cpuUsage();
    return BigInt(u.user + u.system) * 1000n;
  },
  resolutionNs: { realtime: 1000n, monotonic: 1n, cpu: 1000n },
};
