/**
 * Module files on a search path: `<dir>/<name>.wasm`.
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * True when `name` can name a file in a directory: not empty, not `.` or
 * `..`, no path separator and no NUL. Other names never reach the file
 * system, so an import name cannot make the loader read outside its search path.
 */
export function isFileName(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && !/[/\\\0]/.test(name);
}

/** The path of module `name` in directory `dir`. */
export function modulePath(dir: string, name: string): string {
  return join(dir, `${name}.wasm`);
}

/**
 * The bytes of `<dir>/<name>.wasm` for the first directory of `dirs` that
 * has that file, with its path; null when none has it (or `name` cannot name
 * a file). Errors other than a missing file (a directory in the way, no
 * permission) are thrown.
 */
export function readFromSearchPath(dirs: readonly string[], name: string): { bytes: Uint8Array; path: string } | null {
  if (!isFileName(name)) return null;
  for (const dir of dirs) {
    const path = modulePath(dir, name);
    try {
      return { bytes: new Uint8Array(readFileSync(path)), path };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR") continue;
      throw e;
    }
  }
  return null;
}
