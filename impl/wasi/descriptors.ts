/**
 * What a WASI file descriptor refers to: a standard input stream, an output
 * stream, a regular file (a host descriptor and the program's position in
 * it), or a directory (a host path inside a preopen). Each carries its
 * rights and `fdflags`; the functions check rights, these classes do the I/O.
 * @module
 */
import { Fdflags, Filetype } from "./constants.js";
import { Errno, fail } from "./errno.js";
import { RIGHTS_STDIN, RIGHTS_STDOUT } from "./rights.js";
import type { HostStat, WasiSystem } from "./system.js";

/** Words of a descriptor's {@link DescriptorBase.state}. */
export const STATE_FDFLAGS = 0, STATE_RIGHTS_BASE = 1, STATE_RIGHTS_INHERITING = 2, STATE_POSITION = 3;
/** How many words a descriptor's state has. */
export const STATE_WORDS = 4;

/**
 * What every descriptor has: its type as WASI reports it, its rights and
 * flags. What a call may change (flags, rights, a file's position, the
 * offset in standard input's bytes) lives in {@link state}, a small array
 * that is the descriptor's own until the table is shared between threads
 * (wasi-threads), when it becomes a view of shared memory (see ./shared-fds.ts).
 */
abstract class DescriptorBase {
  /** `fdflags`, rights base, rights inheriting, position: see the `STATE_*` words. */
  state: Float64Array = new Float64Array(STATE_WORDS);
  constructor(
    readonly filetype: number,
    rightsBase: number,
    rightsInheriting: number,
  ) {
    this.state[STATE_RIGHTS_BASE] = rightsBase;
    this.state[STATE_RIGHTS_INHERITING] = rightsInheriting;
  }
  /** `fdflags` (APPEND, NONBLOCK, the sync flags). */
  get fdflags(): number { return this.state[STATE_FDFLAGS]!; }
  set fdflags(v: number) { this.state[STATE_FDFLAGS] = v; }
  get rightsBase(): number { return this.state[STATE_RIGHTS_BASE]!; }
  set rightsBase(v: number) { this.state[STATE_RIGHTS_BASE] = v; }
  get rightsInheriting(): number { return this.state[STATE_RIGHTS_INHERITING]!; }
  set rightsInheriting(v: number) { this.state[STATE_RIGHTS_INHERITING] = v; }
  /** Moves the state into `to` (a shared slot), which holds it from now on. */
  rebind(to: Float64Array): void {
    to.set(this.state);
    this.state = to;
  }
  /** Releases what the descriptor holds on the host (idempotent). */
  close(): void {}
}

/** Where standard input's bytes come from. */
export type InputSource =
  | { readonly kind: "empty" }
  | { readonly kind: "inherit" }
  | { readonly kind: "bytes"; readonly bytes: Uint8Array }
  | { readonly kind: "file"; readonly fd: number; closed: boolean };

/** Standard input: a character device that only reads. */
export class InputStream extends DescriptorBase {
  readonly kind = "input";
  constructor(readonly sys: WasiSystem, readonly source: InputSource) {
    super(Filetype.CHARACTER_DEVICE, RIGHTS_STDIN, 0);
  }

  /** Reads up to `len` bytes into `buf` at `off`; 0 at end of input. */
  read(buf: Uint8Array, off: number, len: number): number {
    const s = this.source;
    switch (s.kind) {
      case "empty": return 0;
      case "inherit": return this.sys.readStdin(buf, off, len, (this.fdflags & Fdflags.NONBLOCK) !== 0);
      case "bytes": {
        // The offset is state: threads sharing the table read on from where any of them stopped.
        const at = this.state[STATE_POSITION]!;
        const n = Math.max(0, Math.min(len, s.bytes.length - at));
        buf.set(s.bytes.subarray(at, at + n), off);
        this.state[STATE_POSITION] = at + n;
        return n;
      }
      case "file": return this.sys.read(s.fd, buf, off, len, null);
      default: { const never: never = s; return never; }
    }
  }

  /** Bytes known to be readable now without blocking (poll_oneoff's `nbytes`); 1 when unknown but ready. */
  available(): number {
    const s = this.source;
    if (s.kind === "bytes") return Math.max(0, s.bytes.length - this.state[STATE_POSITION]!);
    return s.kind === "empty" ? 0 : 1;
  }

  /** The host status, when there is a host file behind. */
  stat(): HostStat | null {
    const s = this.source;
    if (s.kind === "file") return this.sys.fstat(s.fd);
    return s.kind === "inherit" ? this.sys.stdStat(0) : null;
  }

  override close(): void {
    const s = this.source;
    if (s.kind === "file" && !s.closed) {
      s.closed = true;
      this.sys.close(s.fd);
    }
  }
}

/** Where an output stream's bytes go. */
export type OutputSink =
  | { readonly kind: "discard" }
  | { readonly kind: "inherit"; readonly fd: 1 | 2 }
  | { readonly kind: "file"; readonly fd: number; closed: boolean }
  | { readonly kind: "capture"; readonly write: (bytes: Uint8Array) => void };

/** Standard output or error: a character device that only writes. */
export class OutputStream extends DescriptorBase {
  readonly kind = "output";
  /** Where the bytes go (a captured stream's function is replaced when the table becomes shared). */
  constructor(readonly sys: WasiSystem, public sink: OutputSink) {
    super(Filetype.CHARACTER_DEVICE, RIGHTS_STDOUT, 0);
  }

  /** Writes all of `bytes` (a view the stream may not keep: capture gets a copy). */
  write(bytes: Uint8Array): void {
    const s = this.sink;
    switch (s.kind) {
      case "discard": return;
      case "inherit": this.sys.writeStd(s.fd, bytes); return;
      case "file": {
        let done = 0;
        while (done < bytes.length) done += this.sys.write(s.fd, bytes, done, bytes.length - done, null);
        return;
      }
      case "capture": s.write(bytes.slice()); return;
      default: { const never: never = s; return never; }
    }
  }

  /** Flushes a host file to storage (nothing else has storage). */
  sync(): void {
    if (this.sink.kind === "file") this.sys.sync(this.sink.fd);
  }

  /** The host status, when there is a host file behind. */
  stat(): HostStat | null {
    const s = this.sink;
    if (s.kind === "file") return this.sys.fstat(s.fd);
    return s.kind === "inherit" ? this.sys.stdStat(s.fd) : null;
  }

  override close(): void {
    const s = this.sink;
    if (s.kind === "file" && !s.closed) {
      s.closed = true;
      this.sys.close(s.fd);
    }
  }
}

/** A regular file (or a device) opened through a preopen: a host descriptor and the program's own position. */
export class FileDescriptor extends DescriptorBase {
  readonly kind = "file";
  private closed = false;
  constructor(
    readonly sys: WasiSystem,
    readonly hostFd: number,
    /** REGULAR_FILE, or a device's type. */
    filetype: number,
    rightsBase: number,
    rightsInheriting: number,
    /** Whether the preopen's file permissions allow writing (set-times needs it). */
    readonly writable: boolean,
  ) {
    super(filetype, rightsBase, rightsInheriting);
  }

  /** The offset `fd_read`/`fd_write` use next (the host descriptor's own position is never used). */
  get position(): number { return this.state[STATE_POSITION]!; }
  set position(v: number) { this.state[STATE_POSITION] = v; }

  override close(): void {
    if (!this.closed) {
      this.closed = true;
      this.sys.close(this.hostFd);
    }
  }
}

/** A preopen's permissions, which every directory opened under it keeps. */
export interface Perms {
  readonly dirRead: boolean;
  readonly dirWrite: boolean;
  readonly fileRead: boolean;
  readonly fileWrite: boolean;
}

/**
 * A directory: its host path (absolute, inside a preopen, reached by the
 * resolver: no component of it is a symbolic link) and the permissions of
 * its preopen. Paths given relative to it never resolve above it.
 */
export class DirDescriptor extends DescriptorBase {
  readonly kind = "dir";
  /** The names `fd_readdir` lists, read when a listing starts at cookie 0. */
  listing: string[] | null = null;
  constructor(
    readonly hostPath: string,
    /** The host path of its preopen (`..` in a listing of it names itself: above it is outside). */
    readonly root: string,
    readonly perms: Perms,
    /** The guest path of a preopen (`fd_prestat_dir_name`), or null for a directory the program opened. */
    readonly preopenName: string | null,
    rightsBase: number,
    rightsInheriting: number,
  ) {
    super(Filetype.DIRECTORY, rightsBase, rightsInheriting);
  }
}

/** Any descriptor of the table. */
export type Descriptor = InputStream | OutputStream | FileDescriptor | DirDescriptor;

/** Throws ENOTCAPABLE unless `d` has every right in `rights`. */
export function need(d: Descriptor, rights: number): void {
  if ((d.rightsBase & rights) !== rights) fail(Errno.NOTCAPABLE, "the descriptor lacks a right the call needs");
}
