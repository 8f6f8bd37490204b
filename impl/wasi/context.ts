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
import { FdTable } from "./fd-table.js";
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
    case "bytes": return { kind: "bytes", bytes: input.bytes.slice(), offset: 0 };
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

  /**
   * `options.system` replaces the platform's host operations (tests use it
   * to run the no-file-system variant on Node; an embedder could virtualise).
   */
  constructor(readonly config: WasiConfig, options: { readonly system?: WasiSystem } = {}) {
    this.sys = options.system ?? system;
    this.args = cStrings(config.args);
    this.env = cStrings(config.env.map(([k, v]) => `${k}=${v}`));
    const sys = this.sys;
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

  /** Closes every host descriptor the context opened (or the program opened through it). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
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
