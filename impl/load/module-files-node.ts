/**
 * Module files on Node: the file system behind the loader's search path.
 * Reached only through the package's `#module-files` import, whose `node`
 * condition picks this file; elsewhere (browsers, bundles without Node's
 * modules) `module-files-none.ts` stands in, so nothing else in the engine
 * names a `node:` module.
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** `file` in directory `dir`, as Node's `path.join` writes it. */
export function joinPath(dir: string, file: string): string {
  return join(dir, file);
}

/**
 * The bytes of the file at `path`; null when there is no such file (or a
 * path component is not a directory). Other errors (a directory in the way,
 * no permission) are thrown.
 */
export function readModuleFile(path: string): Uint8Array | null {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw e;
  }
}
