/**
 * The differential fuzzers from the command line, for long runs.
 *
 * `npm run fuzz -- [--count N] [--seed S] [--first-chunk C]`: mutants of the
 * spec suite's modules against V8 (default 1,000,000 mutants from chunk 0).
 * Mutants come in chunks of 10,000, chunk C seeded from S and C, so a long
 * run can be split across processes (`--first-chunk`) and any chunk re-run
 * alone with the same mutants.
 *
 * `npm run fuzz -- --ttf [--count N] [--seed S] [--first-chunk C] [--no-eh] [--out DIR] [--report FILE]`:
 * binaryen's translate-to-fuzz modules on our interpreter, our compiled tier
 * and V8 (default 1,000 modules); module i of seed S is always the same
 * module, chunks are 500 modules (chunk C starts at module 500 C), and every
 * fourth module has exception handling on (compared on our tiers only)
 * unless `--no-eh`. `--out DIR` writes the modules that disagreed there;
 * `--report FILE` writes the report so far after every chunk.
 *
 * Prints the report; exits 1 on any disagreement.
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSeeds, suiteDir } from "../unit/fuzz/corpus.js";
import { fuelBudget, runDifferential } from "./differential.js";
import { DIFFERENTIAL_SEED_FILES } from "./seeds.js";
import { emptyReport, runTtf } from "./ttf/compare.js";
import { loadWasmOpt } from "./ttf/wasm-opt.js";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const rngSeed = option("--seed", 1);
const firstChunk = option("--first-chunk", 0);

if (process.argv.includes("--ttf")) {
  const count = option("--count", 1000);
  const chunk = 500;
  const outAt = process.argv.indexOf("--out");
  const out = outAt >= 0 ? process.argv[outAt + 1]! : null;
  const reportAt = process.argv.indexOf("--report");
  const reportFile = reportAt >= 0 ? process.argv[reportAt + 1]! : null;
  const opt = await loadWasmOpt();
  const report = emptyReport();
  const started = performance.now();
  for (let done = 0, c = firstChunk; done < count; done += chunk, c++) {
    await runTtf({ opt, seed: rngSeed, first: c * chunk, count: Math.min(chunk, count - done), eh: !process.argv.includes("--no-eh") }, report);
    const s = ((performance.now() - started) / 1000).toFixed(0);
    console.log(`chunk ${c}: ${report.modules} modules, ${report.calls} calls, ${report.agreements} agreements, ${report.disagreementCount} disagreements (${s} s)`);
    // The report so far, after every chunk: a long run stopped early still leaves its figures.
    if (reportFile !== null) writeFileSync(reportFile, JSON.stringify({ seed: rngSeed, firstChunk, lastChunk: c, ...report, failing: undefined }, null, 2));
  }
  opt.close();
  if (out !== null && report.failing.length > 0) {
    mkdirSync(out, { recursive: true });
    for (const m of report.failing) writeFileSync(join(out, `seed${m.seed}-module${m.index}.wasm`), m.bytes);
  }
  console.log(JSON.stringify({ seed: rngSeed, firstChunk, ...report, disagreements: undefined, failing: undefined }, null, 2));
  for (const d of report.disagreements) console.log(d);
  process.exit(report.disagreementCount === 0 ? 0 : 1);
}

const dir = suiteDir();
if (dir === null) {
  console.error("fuzz: the Wasm 2.0 spec suite was not found (set WASM_TESTSUITE_DIR; default ../shared holding testsuite-2.0/)");
  process.exit(2);
}
const count = option("--count", 1_000_000);
const seeds = await loadSeeds(dir, DIFFERENTIAL_SEED_FILES);
const chunk = 10_000;
const total = { mutants: 0, validInBoth: 0, invalidInBoth: 0, instantiated: 0, calls: 0, agreements: 0, disagreements: 0 };
const skips: Record<string, number> = {};
const found: string[] = [];
// In chunks, each with its own seed, so progress shows and one chunk can be re-run alone.
for (let done = 0, c = firstChunk; done < count; done += chunk, c++) {
  const r = runDifferential({ seeds, count: Math.min(chunk, count - done), rngSeed: rngSeed * 1_000_003 + c, budget: fuelBudget() });
  total.mutants += r.mutants; total.validInBoth += r.validInBoth; total.invalidInBoth += r.invalidInBoth;
  total.instantiated += r.instantiated; total.calls += r.calls; total.agreements += r.agreements;
  total.disagreements += r.disagreementCount;
  for (const [k, v] of Object.entries(r.skips)) skips[k] = (skips[k] ?? 0) + v;
  for (const d of r.disagreements) if (found.length < 20) found.push(`chunk ${c}: ${d}`);
  console.log(`${done + r.mutants} mutants: ${total.calls} calls, ${total.agreements} agreements, ${total.disagreements} disagreements`);
}
console.log(JSON.stringify({ seedModules: seeds.length, ...total, skips }, null, 2));
for (const d of found) console.log(d);
process.exit(total.disagreements === 0 ? 0 : 1);
