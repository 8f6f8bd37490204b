#!/usr/bin/env node
// @ts-check
/**
 * Writes `docs/wasm-h/prototypes.json`, the table of wasm.h prototypes and
 * ownership, from the shared function list.
 *
 *   node docs/wasm-h/generate.mjs [--input wasm-h-api.md] [--check]
 *
 * `--check` writes nothing and exits 1 when the committed file differs from
 * what the list gives. A missing or misread list exits 1 with the reason.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { LIST_PATH, TABLE_PATH, generateTableText } from "./table-file.mjs";

const args = process.argv.slice(2);
const at = args.indexOf("--input");
const input = at >= 0 ? args[at + 1] : LIST_PATH;
if (!input) {
  console.error("--input needs a file");
  process.exit(2);
}
let text;
try {
  text = generateTableText(input);
} catch (e) {
  console.error(`cannot generate the prototype table: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
if (args.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(TABLE_PATH, "utf8");
  } catch {
    // A missing table differs like any other.
  }
  if (committed !== text) {
    console.error(`${TABLE_PATH} is out of date: run node docs/wasm-h/generate.mjs`);
    process.exit(1);
  }
  console.log(`${TABLE_PATH} is up to date`);
} else {
  writeFileSync(TABLE_PATH, text);
  console.log(`wrote ${TABLE_PATH}`);
}
