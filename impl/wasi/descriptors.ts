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

/** What every descriptor has: its type as WASI reports it, its rights and flags. */
abstract class DescriptorBase {
  /** `fdflags` (APPEND, NONBLOCK, the sync flags). */
  fdflags = 0;
  constructor(
    readonly filetype: number,
    public rightsBase: number,
    public rightsInheriting: number,
  ) {}
  /** Releases what the descriptor holds on the host (idempotent). */
  close(): void {}
}

/** Where standard input's bytes come from. */
export type InputSource =
  | { readonly kind: "empty" }
  | { readonly kind: "inherit" }
  | { readonly kind: "bytes"; readonly bytes: Uint8Array; offset: number }
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
        const n = Math.min(len, s.bytes.length - s.offset);
        buf.set(s.bytes.subarray(s.offset, s.offset + n), off);
        s.offset += n;
        return n;
      }
      case "file": return this.sys.read(s.fd, buf, off, len, null);
      default: { const never: never = s; return never; }
    }
  }

  /** Bytes known to be readable now without blocking (poll_oneoff's `nbytes`); 1 when unknown but ready. */
  available(): number {
    const s = this.source;
    if (s.kind === "bytes") return s.bytes.length - s.offset;
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
  constructor(readonly sys: WasiSystem, readonly sink: OutputSink) {
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
  /** The offset `fd_read`/`fd_write` use next (the host descriptor's own position is never used). */
  position = 0;
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
