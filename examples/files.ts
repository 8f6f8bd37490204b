/**
 * Locating example files (`.wat`, expected output) in the source tree from the built code.
 * @module
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's `examples/` folder (the built code runs from `dist/examples/`). */
export const examplesDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "examples");

/** Path of a file in `examples/`. */
export function exampleFile(name: string): string {
  return resolve(examplesDir, name);
}
