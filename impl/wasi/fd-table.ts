/**
 * The file descriptor table of a WASI context: numbers to descriptors,
 * 0, 1 and 2 the standard streams, preopens from 3. A new descriptor takes
 * the lowest free number, as POSIX `open` does.
 *
 * A table starts as this thread's own. When the program spawns its first
 * thread (wasi-threads), {@link FdTable.share} moves it into shared memory
 * (./shared-fds.ts), and from then on every thread's table is a view of the
 * same one: here, the descriptor objects this thread built, each valid
 * while its slot keeps the id it had.
 * @module
 */
import type { Descriptor } from "./descriptors.js";
import { Errno, fail } from "./errno.js";
import { SHARED_FDS, type SharedFds } from "./shared-fds.js";

/** The largest number of descriptors open at once (EMFILE past it): a bound on host descriptors a program can hold. */
export const MAX_FDS = SHARED_FDS;

/** Descriptors by number. */
export class FdTable {
  /** The descriptors (shared: this thread's objects for them, valid while {@link ids} match the slots). */
  private readonly entries: (Descriptor | undefined)[] = [];
  /** Shared: the slot id each of {@link entries} was built for. */
  private readonly ids: number[] = [];
  private open = 0;
  /** The shared table, once the program has threads; null before. */
  private shared: SharedFds | null = null;

  /** Whether the table is shared between threads. */
  get isShared(): boolean {
    return this.shared !== null;
  }

  /**
   * Moves the table into `shared` (an empty shared table): each descriptor
   * keeps its number, its state moves into its slot. Every thread then sees
   * the same descriptors.
   */
  share(shared: SharedFds): void {
    if (this.shared !== null) throw new Error("the descriptor table is already shared");
    shared.locked(() => {
      for (let fd = 0; fd < this.entries.length; fd++) {
        const d = this.entries[fd];
        if (d !== undefined) this.ids[fd] = shared.putAt(fd, d);
      }
    });
    this.shared = shared;
  }

  /** Makes this (empty) table a thread's view of the shared table `shared`. */
  attach(shared: SharedFds): void {
    this.shared = shared;
  }

  /** The descriptor numbered `fd`, or EBADF. */
  get(fd: number): Descriptor {
    const d = this.peek(fd);
    if (d === undefined) fail(Errno.BADF, `no descriptor ${fd}`);
    return d;
  }

  /** The descriptor numbered `fd`, or undefined. */
  peek(fd: number): Descriptor | undefined {
    const sh = this.shared;
    if (sh === null) return fd >= 0 ? this.entries[fd] : undefined;
    const id = sh.idAt(fd);
    if (id === 0) return undefined;
    if (this.ids[fd] === id) return this.entries[fd];
    const d = sh.build(fd, id);
    if (d === null) return undefined;
    this.entries[fd] = d;
    this.ids[fd] = id;
    return d;
  }

  /** Adds `d` at the lowest free number and returns it (EMFILE when the table is full). */
  insert(d: Descriptor): number {
    const sh = this.shared;
    if (sh !== null) {
      const { fd, id } = sh.locked(() => sh.put(d));
      this.entries[fd] = d;
      this.ids[fd] = id;
      return fd;
    }
    if (this.open >= MAX_FDS) fail(Errno.MFILE, "too many open descriptors");
    let fd = 0;
    while (this.entries[fd] !== undefined) fd++;
    this.entries[fd] = d;
    this.open++;
    return fd;
  }

  /** Closes `fd` (EBADF when it is not open); preopens close too, as in other runtimes. */
  close(fd: number): void {
    const d = this.get(fd);
    const sh = this.shared;
    if (sh !== null) {
      // Another thread may have closed or replaced it since: only the holder of the slot closes the host's.
      const mine = sh.locked(() => {
        if (sh.idAt(fd) !== this.ids[fd]) return false;
        sh.free(fd);
        return true;
      });
      this.entries[fd] = undefined;
      if (!mine) fail(Errno.BADF, `no descriptor ${fd}`);
      d.close();
      return;
    }
    this.entries[fd] = undefined;
    this.open--;
    d.close();
  }

  /** Moves `from` to `to`, closing what `to` was; both must be open (EBADF otherwise, as Wasmtime and uvwasi answer). */
  renumber(from: number, to: number): void {
    const d = this.get(from);
    if (from === to) return;
    const old = this.get(to);
    const sh = this.shared;
    if (sh !== null) {
      const id = sh.locked(() => {
        if (sh.idAt(from) !== this.ids[from] || sh.idAt(to) !== this.ids[to]) return 0;
        return sh.move(from, to);
      });
      if (id === 0) fail(Errno.BADF, "the descriptor changed while it was renumbered");
      d.state = sh.stateAt(to);
      this.entries[to] = d;
      this.ids[to] = id;
      this.entries[from] = undefined;
      old.close();
      return;
    }
    this.entries[to] = d;
    this.entries[from] = undefined;
    this.open--;
    old.close();
  }

  /**
   * Closes every descriptor (errors from the host are ignored: the table is
   * being dropped). A thread's view of a shared table closes nothing (see
   * {@link detach}); the table's owner (the main thread) closes them all.
   */
  closeAll(): void {
    const sh = this.shared;
    if (sh !== null) {
      for (let fd = 0; fd < SHARED_FDS; fd++) {
        const d = this.peek(fd);
        if (d === undefined) continue;
        sh.locked(() => sh.free(fd));
        try {
          d.close();
        } catch {
          // Nothing to report to: the program is gone.
        }
      }
      this.entries.length = 0;
      return;
    }
    for (let fd = 0; fd < this.entries.length; fd++) {
      const d = this.entries[fd];
      if (d === undefined) continue;
      this.entries[fd] = undefined;
      try {
        d.close();
      } catch {
        // Nothing to report to: the program is gone.
      }
    }
    this.open = 0;
  }

  /** A thread's view of a shared table lets go of it, closing nothing (the descriptors are the program's). */
  detach(): void {
    this.entries.length = 0;
    this.ids.length = 0;
    this.shared = null;
  }
}
