/**
 * Module files on a search path: `<dir>/<name>.wasm`. The file system is
 * reached through the package's `#module-files` import: Node's under the
 * `node` condition, none elsewhere (there the search path finds nothing).
 * @module
 */
import { joinPath, readModuleFile } from "#module-files";

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
  return joinPath(dir, `${name}.wasm`);
}

/**
 * The bytes of `<dir>/<name>.wasm` for the first directory of `dirs` that
 * has that file, with its path; null when none has it (or `name` cannot name
 * a file; always where there is no file system). Errors other than a
 * missing file (a directory in the way, no permission) are thrown.
 */
export function readFromSearchPath(dirs: readonly string[], name: string): { bytes: Uint8Array; path: string } | null {
  if (!isFileName(name)) return null;
  for (const dir of dirs) {
    const path = modulePath(dir, name);
    const bytes = readModuleFile(path);
    if (bytes !== null) return { bytes, path };
  }
  return null;
}
