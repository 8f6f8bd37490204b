/**
 * A WASI context: one program's arguments, environment, standard streams
 * and preopened directories, as a table of file descriptors. Attached to a
 * store, it serves the `wasi_snapshot_preview1` imports of the instances made
 * in that store (one context per store, kept in a WeakMap so the runtime
 * layer knows nothing of WASI).
 * @module
 */
import type { Store } from "../runtime/store.js";
import { system } from "#wasi-system";
import type { WasiConfig, WasiInput, WasiOutput } from "./config.js";
import { DIR_PERMS_READ, DIR_PERMS_WRITE, FILE_PERMS_READ, FILE_PERMS_WRITE } from "./config.js";
import { Filetype } from "./constants.js";
import { DirDescriptor, InputStream, OutputStream, type InputSource, type OutputSink } from "./descriptors.js";
import { FdTable, MAX_FDS } from "./fd-table.js";
import { CaptureLog, SharedFds, type SharedFdParts } from "./shared-fds.js";
import { RIGHTS_DIR, RIGHTS_FILE } from "./rights.js";
import { OpenFlag, type WasiSystem } from "./system.js";

const encoder = new TextEncoder();

/** NUL-terminated UTF-8 strings, concatenated, with where each starts. */
export interface CStrings {
  readonly count: number;
  /** All strings, each followed by a NUL. */
  readonly bytes: Uint8Array;
  /** The offset of each string in `bytes`. */
  readonly offsets: Uint32Array;
}

function cStrings(list: readonly string[]): CStrings {
  const parts = list.map((s) => encoder.encode(s));
  const offsets = new Uint32Array(parts.length);
  let size = 0;
  for (let i = 0; i < parts.length; i++) {
    offsets[i] = size;
    size += parts[i]!.length + 1;
  }
  const bytes = new Uint8Array(size);
  for (let i = 0; i < parts.length; i++) bytes.set(parts[i]!, offsets[i]!);
  return { count: parts.length, bytes, offsets };
}

function inputSource(sys: WasiSystem, input: WasiInput): InputSource {
  switch (input.kind) {
    case "empty": return { kind: "empty" };
    case "inherit": return { kind: "inherit" };
    case "bytes": return { kind: "bytes", bytes: input.bytes.slice() };
    case "file": return { kind: "file", fd: sys.open(sys.absolute(input.path), OpenFlag.READ), closed: false };
    default: { const never: never = input; return never; }
  }
}

function outputSink(sys: WasiSystem, output: WasiOutput, fd: 1 | 2): OutputSink {
  switch (output.kind) {
    case "discard": return { kind: "discard" };
    case "inherit": return { kind: "inherit", fd };
    // Created or truncated now, as Wasmtime's wasi_config_set_stdout_file does.
    case "file": return { kind: "file", fd: sys.open(sys.absolute(output.path), OpenFlag.WRITE | OpenFlag.CREAT | OpenFlag.TRUNC), closed: false };
    case "capture": return { kind: "capture", write: output.write };
    default: { const never: never = output; return never; }
  }
}

/**
 * The state of one WASI program. Made from a {@link WasiConfig}: standard
 * input, output and error become descriptors 0, 1 and 2 (host files named by
 * the configuration are opened now; an output file is created or
 * truncated), and preopens 3, 4, ... in order. Throws an `Error` naming
 * what failed when a host file cannot be opened or a preopen is not a
 * directory. {@link WasiContext.close} releases every host descriptor.
 */
export class WasiContext {
  /** `argv`, encoded once. */
  readonly args: CStrings;
  /** The environment as `KEY=VALUE` strings, encoded once. */
  readonly env: CStrings;
  /** The descriptors. */
  readonly fds = new FdTable();
  /** The host operations (Node's or none). */
  readonly sys: WasiSystem;
  private closed = false;
  /** wasi-threads: the shared descriptor table, once made (main thread) or given (spawned thread). */
  private sharedParts: SharedFdParts | null = null;
  /** Whether this context is a spawned thread's view of another's state (it closes nothing). */
  private readonly isThread: boolean;
  /** Main thread: the logs of other threads' captured writes and each one's function, by index. */
  private logs: readonly CaptureLog[] = [];
  private captureFns: readonly ((bytes: Uint8Array) => void)[] = [];

  /**
   * `options.system` replaces the platform's host operations (tests use it
   * to run the no-file-system variant on Node; an embedder could virtualise).
   */
  constructor(readonly config: WasiConfig, options: { readonly system?: WasiSystem; readonly thread?: SharedFdParts } = {}) {
    this.sys = options.system ?? system;
    this.args = cStrings(config.args);
    this.env = cStrings(config.env.map(([k, v]) => `${k}=${v}`));
    const sys = this.sys;
    this.isThread = options.thread !== undefined;
    if (options.thread !== undefined) {
      // A spawned thread (wasi-threads): the program's table, opened by its main thread; captured writes go to the logs.
      const parts = options.thread;
      const sinks = parts.logs.map((b): OutputSink => {
        const log = new CaptureLog(b);
        return { kind: "capture", write: (bytes) => log.append(bytes) };
      });
      this.sharedParts = parts;
      this.fds.attach(new SharedFds(parts, sys, sinks));
      return;
    }
    try {
      this.fds.insert(new InputStream(sys, inputSource(sys, config.stdin)));
      this.fds.insert(new OutputStream(sys, outputSink(sys, config.stdout, 1)));
      this.fds.insert(new OutputStream(sys, outputSink(sys, config.stderr, 2)));
      for (const p of config.preopens) {
        const hostPath = sys.absolute(p.hostPath);
        if (sys.hasFileSystem && sys.lstat(hostPath).filetype !== Filetype.DIRECTORY) {
          throw Object.assign(new Error(`not a directory`), { code: "ENOTDIR" });
        }
        const perms = {
          dirRead: (p.dirPerms & DIR_PERMS_READ) !== 0, dirWrite: (p.dirPerms & DIR_PERMS_WRITE) !== 0,
          fileRead: (p.filePerms & FILE_PERMS_READ) !== 0, fileWrite: (p.filePerms & FILE_PERMS_WRITE) !== 0,
        };
        this.fds.insert(new DirDescriptor(hostPath, hostPath, perms, p.guestPath, RIGHTS_DIR, RIGHTS_DIR | RIGHTS_FILE));
      }
    } catch (e) {
      this.fds.closeAll();
      throw new Error(`WASI context: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }

  /**
   * wasi-threads: the program's descriptor table as shared state for a
   * spawned thread (`new WasiContext(config, { thread })` there). The first
   * call moves the table into shared memory: from then on every thread sees
   * the same descriptors, positions and standard streams. A captured
   * stream's function stays in this thread: other threads' writes wait in
   * a log that {@link flush} hands to it (this thread's own writes to a
   * captured stream flush first, so the order is the program's).
   */
  share(): SharedFdParts {
    if (this.sharedParts !== null) return this.sharedParts;
    const c = this.config;
    const fns = [...new Set([c.stdout, c.stderr].flatMap((o) => (o.kind === "capture" ? [o.write] : [])))];
    const parts = SharedFds.create(c.stdin.kind === "bytes" ? c.stdin.bytes.slice() : null, fns.length);
    this.logs = parts.logs.map((b) => new CaptureLog(b));
    this.captureFns = fns;
    const sinks = fns.map((fn): OutputSink => ({ kind: "capture", write: (bytes) => { this.flush(); fn(bytes); } }));
    this.fds.share(new SharedFds(parts, this.sys, sinks, fns));
    // This thread's captured streams now flush the other threads' writes before their own.
    for (let fd = 0; fd < MAX_FDS; fd++) {
      const d = this.fds.peek(fd);
      if (d?.kind === "output" && d.sink.kind === "capture") {
        const i = fns.indexOf(d.sink.write);
        if (i >= 0) d.sink = sinks[i]!;
      }
    }
    this.sharedParts = parts;
    return parts;
  }

  /**
   * wasi-threads: hands what other threads wrote to a captured stream to its
   * function, in the order they wrote it. Each write of this thread to a
   * captured stream does it first; call it after the program returns (or
   * {@link close}, which does) to get the threads' last writes.
   */
  flush(): void {
    for (let i = 0; i < this.logs.length; i++) {
      const bytes = this.logs[i]!.take();
      if (bytes !== null) this.captureFns[i]!(bytes);
    }
  }

  /**
   * Closes every host descriptor the context opened (or the program opened
   * through it), after a {@link flush}. A spawned thread's context closes
   * nothing: the descriptors are the program's. Idempotent.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.isThread) {
      this.fds.detach();
      return;
    }
    this.flush();
    this.fds.closeAll();
  }
}

const contexts = new WeakMap<Store, WasiContext>();

/**
 * Attaches `ctx` to `store` (null detaches): the `wasi_snapshot_preview1`
 * imports of instances in `store` then use it. One context per store; a
 * second call replaces the first (which stays open: its owner closes it).
 */
export function attachWasi(store: Store, ctx: WasiContext | null): void {
  if (ctx === null) contexts.delete(store);
  else contexts.set(store, ctx);
}

/** The WASI context attached to `store`, or null. */
export function wasiOf(store: Store): WasiContext | null {
  return contexts.get(store) ?? null;
}
