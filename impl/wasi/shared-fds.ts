/**
 * wasi-threads: one WASI descriptor table for every thread of a program, as
 * the proposal requires (a file one thread opens, another reads; a position
 * one thread moves, every thread sees). The table lives in shared memory
 * (`SharedArrayBuffer`), behind a lock:
 *
 * - Per descriptor number, a slot: an id (0: free; a new id each time a
 *   descriptor lands there), where its description is in the heap, and its
 *   mutable state (flags, rights, position: `DescriptorBase.state`, a view of
 *   the slot, so a change is seen by every thread at once).
 * - A heap of descriptions (JSON: the kind, the host descriptor, a
 *   directory's host path and permissions), written once per descriptor.
 *   Each thread builds its own descriptor object from a description the
 *   first time it meets that id, and keeps it while the id stays.
 *
 * Host descriptors are the process's (Node's workers share one descriptor
 * table), so any thread reads and writes them with the synchronous `fs`
 * calls. What cannot be shared is a captured stream's function, which lives
 * in the thread that configured it (the main thread): other threads append
 * their writes to a shared log ({@link CaptureLog}) that the main thread
 * hands to the function, in order, before each write of its own to a
 * captured stream and on `WasiContext.flush` (or `close`).
 * @module
 */
import {
  DirDescriptor, FileDescriptor, InputStream, OutputStream, STATE_WORDS, type Descriptor, type InputSource,
  type OutputSink,
} from "./descriptors.js";
import { Errno, fail } from "./errno.js";
import type { WasiSystem } from "./system.js";

/** Descriptor numbers a shared table has (the same bound as an unshared one's). */
export const SHARED_FDS = 4096;

// Int32 words of the table: the lock, the next id, the heap's used bytes, then 4 words per slot.
const LOCK = 0, NEXT_ID = 1, HEAP_USED = 2, SLOTS = 4, SLOT_WORDS = 4;
const ID = 0, SPEC_AT = 1, SPEC_LEN = 2;
/** Where the slots' states start, in bytes (8-aligned for a Float64Array). */
const STATE_AT = (SLOTS + SLOT_WORDS * SHARED_FDS) * 4;
const TABLE_BYTES = STATE_AT + SHARED_FDS * STATE_WORDS * 8;
/** The heap of descriptions: starts small, grows to at most this (a program that opens that much is told ENFILE). */
const HEAP_MAX = 16 << 20;
/** A captured stream's log of other threads' writes grows to at most this (then their writes fail with ENOSPC). */
const LOG_MAX = 64 << 20;

/** A growable `SharedArrayBuffer` (Node 20 has them; the lib typings may not). */
function growableShared(bytes: number, max: number): SharedArrayBuffer {
  return new (SharedArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => SharedArrayBuffer)(bytes, { maxByteLength: max });
}

function growTo(buffer: SharedArrayBuffer, bytes: number): boolean {
  const b = buffer as unknown as { byteLength: number; maxByteLength: number; grow(n: number): void };
  if (bytes <= b.byteLength) return true;
  if (bytes > b.maxByteLength) return false;
  try {
    b.grow(Math.min(b.maxByteLength, Math.max(bytes, 2 * b.byteLength)));
    return true;
  } catch {
    return false;
  }
}

/** Takes the lock word `words[at]` (a short critical section: spin, then sleep until released). */
function lock(words: Int32Array, at: number): void {
  while (Atomics.compareExchange(words, at, 0, 1) !== 0) {
    try { Atomics.wait(words, at, 1, 1); } catch { /* a thread that may not block spins */ }
  }
}

function unlock(words: Int32Array, at: number): void {
  Atomics.store(words, at, 0);
  Atomics.notify(words, at, 1);
}

/**
 * The writes of other threads to a captured stream, waiting for the main
 * thread: a lock, a length, and the bytes, in one growable shared buffer.
 */
export class CaptureLog {
  readonly words: Int32Array;
  constructor(readonly buffer: SharedArrayBuffer = growableShared(64 << 10, LOG_MAX)) {
    this.words = new Int32Array(buffer, 0, 2);
  }

  /** Appends `bytes` (ENOSPC when the log is full: the main thread has not taken 64 MiB of output). */
  append(bytes: Uint8Array): void {
    lock(this.words, 0);
    try {
      const len = this.words[1]!;
      if (!growTo(this.buffer, 8 + len + bytes.length)) fail(Errno.NOSPC, "the captured output waiting for the main thread is full");
      new Uint8Array(this.buffer, 8 + len, bytes.length).set(bytes);
      this.words[1] = len + bytes.length;
    } finally {
      unlock(this.words, 0);
    }
  }

  /** Takes what the log holds (null when empty). */
  take(): Uint8Array | null {
    if (Atomics.load(this.words, 1) === 0) return null;
    lock(this.words, 0);
    const len = this.words[1]!;
    const out = new Uint8Array(this.buffer, 8, len).slice();
    this.words[1] = 0;
    unlock(this.words, 0);
    return out;
  }
}

/** A shared table as plain data for another thread (structured-cloned). */
export interface SharedFdParts {
  readonly table: SharedArrayBuffer;
  readonly heap: SharedArrayBuffer;
  /** Standard input's bytes, when it reads fixed bytes (each thread has a copy; the offset is shared state). */
  readonly stdinBytes: Uint8Array | null;
  /** One log per captured stream's function, by the index descriptions name. */
  readonly logs: readonly SharedArrayBuffer[];
}

/** A descriptor's description in the heap. */
type Spec =
  | { readonly k: "in"; readonly s: InputSource["kind"]; readonly fd?: number }
  | { readonly k: "out"; readonly s: OutputSink["kind"]; readonly fd?: number; readonly c?: number }
  | { readonly k: "file"; readonly fd: number; readonly t: number; readonly w: boolean }
  | { readonly k: "dir"; readonly p: string; readonly r: string; readonly perms: DirDescriptor["perms"]; readonly n: string | null };

const encoder = new TextEncoder(), decoder = new TextDecoder();

/**
 * One thread's access to a shared table: the slots, the heap, and how to
 * build this thread's descriptor objects from descriptions (its host
 * operations, standard input's bytes, where captured writes go here).
 */
export class SharedFds {
  readonly words: Int32Array;
  constructor(
    readonly parts: SharedFdParts,
    readonly sys: WasiSystem,
    /** Per log index, the sink a captured stream's writes go to in this thread. */
    readonly captures: readonly OutputSink[],
    /** The capture functions of the main thread, by log index (for describing its streams); empty elsewhere. */
    readonly captureFns: readonly ((bytes: Uint8Array) => void)[] = [],
  ) {
    this.words = new Int32Array(parts.table, 0, STATE_AT / 4);
  }

  /** A new, empty table. */
  static create(stdinBytes: Uint8Array | null, logs: number): SharedFdParts {
    return {
      table: new SharedArrayBuffer(TABLE_BYTES), heap: growableShared(64 << 10, HEAP_MAX), stdinBytes,
      logs: Array.from({ length: logs }, () => new CaptureLog().buffer),
    };
  }

  /** The id of the descriptor numbered `fd` (0: none). */
  idAt(fd: number): number {
    return fd >= 0 && fd < SHARED_FDS ? Atomics.load(this.words, SLOTS + SLOT_WORDS * fd + ID) : 0;
  }

  /** The state words of slot `fd`. */
  stateAt(fd: number): Float64Array {
    return new Float64Array(this.parts.table, STATE_AT + fd * STATE_WORDS * 8, STATE_WORDS);
  }

  /** Runs `f` holding the table's lock. */
  locked<T>(f: () => T): T {
    lock(this.words, LOCK);
    try {
      return f();
    } finally {
      unlock(this.words, LOCK);
    }
  }

  /** Puts `d` at the lowest free number (its state moves into the slot); returns the number and its id. Call holding the lock. */
  put(d: Descriptor): { fd: number; id: number } {
    let fd = 0;
    while (fd < SHARED_FDS && this.words[SLOTS + SLOT_WORDS * fd + ID] !== 0) fd++;
    if (fd === SHARED_FDS) fail(Errno.MFILE, "too many open descriptors");
    return { fd, id: this.putAt(fd, d) };
  }

  /** Puts `d` at the free number `fd` (its state moves into the slot); returns its id. Call holding the lock. */
  putAt(fd: number, d: Descriptor): number {
    const spec = encoder.encode(JSON.stringify(this.describe(d)));
    const at = this.words[HEAP_USED]!;
    if (!growTo(this.parts.heap, at + spec.length)) fail(Errno.NFILE, "the shared descriptor table's heap is full");
    new Uint8Array(this.parts.heap, at, spec.length).set(spec);
    this.words[HEAP_USED] = at + spec.length;
    const slot = SLOTS + SLOT_WORDS * fd;
    this.words[slot + SPEC_AT] = at;
    this.words[slot + SPEC_LEN] = spec.length;
    d.rebind(this.stateAt(fd));
    const id = ++this.words[NEXT_ID]!;
    Atomics.store(this.words, slot + ID, id);
    return id;
  }

  /** Frees slot `fd`. Call holding the lock. */
  free(fd: number): void {
    Atomics.store(this.words, SLOTS + SLOT_WORDS * fd + ID, 0);
  }

  /** Moves slot `from` to `to` (description and state) under a new id; returns it. Call holding the lock. */
  move(from: number, to: number): number {
    const a = SLOTS + SLOT_WORDS * from, b = SLOTS + SLOT_WORDS * to;
    this.words[b + SPEC_AT] = this.words[a + SPEC_AT]!;
    this.words[b + SPEC_LEN] = this.words[a + SPEC_LEN]!;
    this.stateAt(to).set(this.stateAt(from));
    const id = ++this.words[NEXT_ID]!;
    Atomics.store(this.words, b + ID, id);
    Atomics.store(this.words, a + ID, 0);
    return id;
  }

  /** This thread's object for the descriptor `id` at `fd`, or null when the slot no longer holds it. */
  build(fd: number, id: number): Descriptor | null {
    return this.locked(() => {
      if (this.idAt(fd) !== id) return null;
      const slot = SLOTS + SLOT_WORDS * fd;
      const at = this.words[slot + SPEC_AT]!, len = this.words[slot + SPEC_LEN]!;
      const spec = JSON.parse(decoder.decode(new Uint8Array(this.parts.heap, at, len).slice())) as Spec;
      const d = this.make(spec);
      // The slot's state is the descriptor's from now on (no copy: it is already there).
      d.state = this.stateAt(fd);
      return d;
    });
  }

  /** The log index of a captured stream's function (the configured one, or this thread's sink for it), or -1. */
  private captureIndex(write: (bytes: Uint8Array) => void): number {
    const c = this.captureFns.indexOf(write);
    return c >= 0 ? c : this.captures.findIndex((s) => s.kind === "capture" && s.write === write);
  }

  /** The description of `d`. */
  private describe(d: Descriptor): Spec {
    switch (d.kind) {
      case "input": {
        const s = d.source;
        return s.kind === "file" ? { k: "in", s: s.kind, fd: s.fd } : { k: "in", s: s.kind };
      }
      case "output": {
        const s = d.sink;
        if (s.kind === "capture") {
          const c = this.captureIndex(s.write);
          if (c < 0) fail(Errno.NOTSUP, "a captured stream whose function the shared table does not know");
          return { k: "out", s: s.kind, c };
        }
        return s.kind === "discard" ? { k: "out", s: s.kind } : { k: "out", s: s.kind, fd: s.fd };
      }
      case "file": return { k: "file", fd: d.hostFd, t: d.filetype, w: d.writable };
      case "dir": return { k: "dir", p: d.hostPath, r: d.root, perms: d.perms, n: d.preopenName };
      default: { const never: never = d; return never; }
    }
  }

  /** A descriptor object of this thread from a description (its state set by the caller). */
  private make(spec: Spec): Descriptor {
    const sys = this.sys;
    switch (spec.k) {
      case "in": {
        const bytes = this.parts.stdinBytes;
        const source: InputSource = spec.s === "file" ? { kind: "file", fd: spec.fd!, closed: false }
          : spec.s === "bytes" && bytes !== null ? { kind: "bytes", bytes } : spec.s === "inherit" ? { kind: "inherit" } : { kind: "empty" };
        return new InputStream(sys, source);
      }
      case "out": {
        const sink: OutputSink = spec.s === "file" ? { kind: "file", fd: spec.fd!, closed: false }
          : spec.s === "inherit" ? { kind: "inherit", fd: spec.fd === 2 ? 2 : 1 }
          : spec.s === "capture" ? this.captures[spec.c!] ?? { kind: "discard" } : { kind: "discard" };
        return new OutputStream(sys, sink);
      }
      case "file": return new FileDescriptor(sys, spec.fd, spec.t, 0, 0, spec.w);
      case "dir": return new DirDescriptor(spec.p, spec.r, spec.perms, spec.n, 0, 0);
      default: { const never: never = spec; return never; }
    }
  }
}
