/**
 * The file descriptor table of a WASI context: numbers to descriptors,
 * 0, 1 and 2 the standard streams, preopens from 3. A new descriptor takes
 * the lowest free number, as POSIX `open` does.
 * @module
 */
import type { Descriptor } from "./descriptors.js";
import { Errno, fail } from "./errno.js";

/** The largest number of descriptors open at once (EMFILE past it): a bound on host descriptors a program can hold. */
export const MAX_FDS = 4096;

/** Descriptors by number. */
export class FdTable {
  private readonly entries: (Descriptor | undefined)[] = [];
  private open = 0;

  /** The descriptor numbered `fd`, or EBADF. */
  get(fd: number): Descriptor {
    const d = fd >= 0 ? this.entries[fd] : undefined;
    if (d === undefined) fail(Errno.BADF, `no descriptor ${fd}`);
    return d;
  }

  /** The descriptor numbered `fd`, or undefined. */
  peek(fd: number): Descriptor | undefined {
    return fd >= 0 ? this.entries[fd] : undefined;
  }

  /** Adds `d` at the lowest free number and returns it (EMFILE when the table is full). */
  insert(d: Descriptor): number {
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
    this.entries[fd] = undefined;
    this.open--;
    d.close();
  }

  /** Moves `from` to `to`, closing what `to` was; both must be open (EBADF otherwise, as Wasmtime and uvwasi answer). */
  renumber(from: number, to: number): void {
    const d = this.get(from);
    if (from === to) return;
    const old = this.get(to);
    this.entries[to] = d;
    this.entries[from] = undefined;
    this.open--;
    old.close();
  }

  /** Closes every descriptor (errors from the host are ignored: the table is being dropped). */
  closeAll(): void {
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
}
