/**
 * Replays modules through the translate-to-fuzz comparison (not run by the
 * tests): `node dist/test/fuzz/failing/replay.js FILE.wasm... [--eh]` runs
 * each file on the interpreter, the compiled tier and V8 as `npm run fuzz --
 * --ttf` would (`--eh` for a module made with exception handling on), prints
 * the report and exits 1 on any disagreement. The `.wasm` files beside this
 * one are modules that disagreed, named after their seed and index.
 * @module
 */
import { readFileSync } from "node:fs";
import { compareModule, emptyReport } from "../ttf/compare.js";

const files = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const report = emptyReport();
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(file));
  compareModule({ seed: 0, index: 0, eh: process.argv.includes("--eh"), bytes }, report, 1_000_000, 2);
}
console.log(JSON.stringify({ ...report, failing: undefined }, null, 2));
process.exit(report.disagreementCount === 0 ? 0 : 1);
