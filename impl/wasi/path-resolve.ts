/**
 * The sandbox: resolving a guest path relative to a directory descriptor,
 * one component at a time, with our own `lstat` and `readlink`, so no path
 * leaves the directory it is given against. A guest path is never handed
 * to the host as it is: the host only ever sees the directory's own host
 * path joined with components that were each checked to be real
 * directories (no symbolic link among them), plus one last component.
 *
 * Refused with EPERM (what Wasmtime answers, after the WASI filesystem
 * rule "fails with not-permitted"): an absolute path, `..` above the
 * directory, a symbolic link whose contents are absolute, and a symbolic
 * link whose relative contents climb above the directory; with ELOOP, more
 * than {@link MAX_SYMLINKS} links in one resolution.
 * @see https://github.com/WebAssembly/wasi-filesystem/blob/main/path-resolution.md
 * @module
 */
import { Filetype } from "./constants.js";
import { Errno, fail } from "./errno.js";
import type { HostStat, WasiSystem } from "./system.js";

/** The most symbolic links one resolution follows before ELOOP (Linux's MAXSYMLINKS). */
export const MAX_SYMLINKS = 40;

/** Where a guest path led. */
export interface Resolved {
  /** The host path of the directory that holds the last component (itself when `name` is null). */
  readonly parent: string;
  /** The last component; null when the path names a directory by `.` or `..` (or the base itself). */
  readonly name: string | null;
  /** The host path of the target: `parent/name`, or `parent`. */
  readonly path: string;
  /** The target's `lstat` (a followed link's target's), or null when nothing is there. */
  readonly stat: HostStat | null;
  /** The path ended in `/` (or `/.`): it must name a directory. */
  readonly mustBeDir: boolean;
}

/** `base` joined with `parts` by `/` (POSIX host paths). */
function join(base: string, parts: readonly string[], extra?: string): string {
  let p = base;
  for (const part of parts) p = p.endsWith("/") ? p + part : `${p}/${part}`;
  if (extra !== undefined) p = p.endsWith("/") ? p + extra : `${p}/${extra}`;
  return p;
}

/** True when the host error `e` says nothing is at the path. */
function isMissing(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === "ENOENT";
}

/**
 * Resolves `path` against the directory at host path `base`. Every
 * component but the last must be a directory (a symbolic link is followed);
 * the last is followed when `follow` is set or the path ends in `/`. A last
 * component that does not exist is not an error (`stat` is null: creation
 * wants that); a missing one before it is ENOENT.
 */
export function resolvePath(sys: WasiSystem, base: string, path: string, follow: boolean): Resolved {
  if (path.length === 0) fail(Errno.NOENT, "empty path");
  if (path.startsWith("/")) fail(Errno.PERM, "an absolute path leaves the sandbox");
  // Components still to walk, the next one last (a symbolic link's contents are pushed in its place).
  const todo = path.split("/").reverse();
  const stack: string[] = [];
  let links = 0;
  while (todo.length > 0) {
    const comp = todo.pop()!;
    if (comp === "" || comp === ".") continue;
    if (comp === "..") {
      if (stack.length === 0) fail(Errno.PERM, "`..` leaves the sandbox");
      stack.pop();
      continue;
    }
    // The last real component when only "" and "." remain; any of those after it means a trailing slash.
    let last = true;
    for (let i = todo.length - 1; i >= 0; i--) {
      if (todo[i] !== "" && todo[i] !== ".") { last = false; break; }
    }
    const trailing = last && todo.length > 0;
    const host = join(base, stack, comp);
    let st: HostStat;
    try {
      st = sys.lstat(host);
    } catch (e) {
      if (last && isMissing(e)) return { parent: join(base, stack), name: comp, path: host, stat: null, mustBeDir: trailing };
      throw e;
    }
    if (st.filetype === Filetype.SYMBOLIC_LINK && (!last || follow || trailing)) {
      if (++links > MAX_SYMLINKS) fail(Errno.LOOP, "too many symbolic links");
      const target = sys.readlink(host);
      if (target.startsWith("/")) fail(Errno.PERM, "a symbolic link to an absolute path leaves the sandbox");
      if (target === "") fail(Errno.NOENT, "an empty symbolic link");
      // The link's contents are relative to its own directory, which is where the walk stands.
      const parts = target.split("/");
      for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i]!);
      continue;
    }
    if (!last) {
      if (st.filetype !== Filetype.DIRECTORY) fail(Errno.NOTDIR, "a component before the last is not a directory");
      stack.push(comp);
      continue;
    }
    if (trailing && st.filetype !== Filetype.DIRECTORY) fail(Errno.NOTDIR, "a path ending in / names no directory");
    return { parent: join(base, stack), name: comp, path: host, stat: st, mustBeDir: trailing };
  }
  // The path named a directory by `.` or `..`: the walk's current directory.
  const dir = join(base, stack);
  return { parent: dir, name: null, path: dir, stat: sys.lstat(dir), mustBeDir: true };
}
