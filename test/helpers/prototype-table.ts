/**
 * The prototype table's modules (`docs/wasm-h/*.mjs`) for the tests. They are
 * plain JavaScript beside the repository's TypeScript (the typedoc plugin and
 * the generator run them without a build), so the compiled tests load them
 * from the repository root rather than from `dist/`; their types come from the
 * `.d.mts` files next to them.
 * @module
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type * as FormatModule from "../../docs/wasm-h/format.mjs";
import type * as ParseModule from "../../docs/wasm-h/parse.mjs";
import type * as TableFileModule from "../../docs/wasm-h/table-file.mjs";

export type { Ownership, PrototypeEntry } from "../../docs/wasm-h/parse.mjs";

/** The repository root (this file is `dist/test/helpers/prototype-table.js`). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

const load = async (name: string): Promise<unknown> => import(pathToFileURL(resolve(ROOT, "docs", "wasm-h", name)).href);

/** `docs/wasm-h/parse.mjs`: the function list's parser and the ownership rules. */
export const parse = (await load("parse.mjs")) as typeof ParseModule;
/** `docs/wasm-h/format.mjs`: what the documentation pages show. */
export const format = (await load("format.mjs")) as typeof FormatModule;
/** `docs/wasm-h/table-file.mjs`: the committed table and its source. */
export const tableFile = (await load("table-file.mjs")) as typeof TableFileModule;
