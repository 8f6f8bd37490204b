/**
 * What WASI needs from the host, as one interface: the file system by host
 * path and host descriptor, standard streams, clocks. Two implementations
 * stand behind the package import `#wasi-system`: `system-node.ts` (the
 * `node` condition, the only WASI file that names Node's modules) and
 * `system-none.ts` (everywhere else: browsers, bundles), which has no file
 * system. Every failure is thrown as an error with a POSIX `code`
 * (`ENOENT`, ...), which `errnoOf` turns into an errno.
 * @module
 */

/** A file's status as WASI reports it (`filestat`), times in nanoseconds. */
export interface HostStat {
  readonly dev: bigint;
  readonly ino: bigint;
  /** A preview1 `filetype`. */
  readonly filetype: number;
  readonly nlink: bigint;
  readonly size: bigint;
  readonly atimNs: bigint;
  readonly mtimNs: bigint;
  readonly ctimNs: bigint;
}

/** How {@link WasiSystem.open} opens a file (bits of our own, mapped to the host's flags by each system). */
export const OpenFlag = {
  READ: 1, WRITE: 2, CREAT: 4, EXCL: 8, TRUNC: 16,
  /** Fail with ELOOP when the last component is a symbolic link (the resolver already followed what it may). */
  NOFOLLOW: 32, DSYNC: 64, SYNC: 128, RSYNC: 256,
} as const;

/** A time to set: nanoseconds since the epoch, or null to leave it. */
export type TimeSpec = bigint | null;

/** The host operations WASI is built on. Paths are absolute host paths the resolver produced. */
export interface WasiSystem {
  /** False where there is no file system: every path operation then fails with ENOTSUP. */
  readonly hasFileSystem: boolean;
  /**
   * wasi-threads: starts a thread (a `worker_threads` worker on Node) that
   * runs `./thread-worker.ts` with `data` (structured-cloned); false when
   * this host has no threads. Absent: no threads.
   */
  startThread?(data: unknown): boolean;
  /** wasi-threads: in a thread {@link startThread} started, the data it was given; else undefined. */
  threadData?(): unknown;
  /** `path` made absolute against the host's working directory (a preopen's root). */
  absolute(path: string): string;
  lstat(path: string): HostStat;
  fstat(fd: number): HostStat;
  readlink(path: string): string;
  /** Opens a file (never a directory; `mode` for creation); returns a host descriptor. */
  open(path: string, flags: number): number;
  close(fd: number): void;
  /** Reads into `buf[off, off + len)` at `position` (null: the host's current position); returns the count. */
  read(fd: number, buf: Uint8Array, off: number, len: number, position: number | null): number;
  /** Writes `buf[off, off + len)` at `position` (null: the host's current position); returns the count. */
  write(fd: number, buf: Uint8Array, off: number, len: number, position: number | null): number;
  truncate(fd: number, size: number): void;
  sync(fd: number): void;
  datasync(fd: number): void;
  /** Sets the times of an open file; a null time keeps the current one. */
  futimes(fd: number, atimNs: TimeSpec, mtimNs: TimeSpec): void;
  /** Sets the times of a path, following a last-component symlink or not. */
  utimes(path: string, atimNs: TimeSpec, mtimNs: TimeSpec, follow: boolean): void;
  mkdir(path: string): void;
  rmdir(path: string): void;
  unlink(path: string): void;
  rename(from: string, to: string): void;
  link(existing: string, created: string): void;
  symlink(contents: string, path: string): void;
  /** The names in a directory, without `.` and `..`. */
  readdir(path: string): string[];
  /**
   * Reads the host's standard input (descriptor 0) synchronously; 0 at end
   * of file. When the host's input has nothing yet (EAGAIN), waits and
   * retries, unless `nonblocking`, when EAGAIN goes to the program.
   */
  readStdin(buf: Uint8Array, off: number, len: number, nonblocking: boolean): number;
  /** Writes all of `bytes` to the host's standard output (1) or error (2). */
  writeStd(fd: 1 | 2, bytes: Uint8Array): void;
  /** The status of the host's descriptor 0, 1 or 2 (for inherited streams), or null when unknown. */
  stdStat(fd: number): HostStat | null;
  /** Nanoseconds since the Unix epoch. */
  realtimeNs(): bigint;
  /** Nanoseconds from an arbitrary fixed point, never decreasing. */
  monotonicNs(): bigint;
  /** CPU time the process has used, in nanoseconds. */
  cpuTimeNs(): bigint;
  /** Resolution in nanoseconds of realtime, monotonic and CPU time. */
  readonly resolutionNs: { readonly realtime: bigint; readonly monotonic: bigint; readonly cpu: bigint };
}
