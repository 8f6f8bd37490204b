/**
 * Module files where there is no file system (browsers, a bare `vm`
 * context): the package's `#module-files` import picks this file under every
 * condition but `node`, so a bundle for the browser needs no stub for
 * `node:fs`. The search path finds nothing here; a reader callback is the way
 * to supply modules.
 * @module
 */

/** `file` in directory `dir`, joined with `/` (paths only name places here, none is read). */
export function joinPath(dir: string, file: string): string {
  if (dir === "") return file;
  return dir.endsWith("/") ? `${dir}${file}` : `${dir}/${file}`;
}

/** Always null: there is no file to read. */
export function readModuleFile(_path: string): Uint8Array | null {
  return null;
}
