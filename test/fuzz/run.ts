/**
 * The differential fuzzer from the command line, for long runs:
 * `npm run fuzz -- [--count N] [--seed S] [--first-chunk C]` (default 1,000,000
 * mutants from chunk 0). Mutants come in chunks of 10,000, chunk C seeded from
 * S and C, so a long run can be split across processes (`--first-chunk`) and
 * any chunk re-run alone with the same mutants.
 * Prints the report; exits 1 on any disagreement.
 * @module
 */
import { loadSeeds, suiteDir } from "../unit/fuzz/corpus.js";
import { fuelBudget, runDifferential } from "./differential.js";
import { DIFFERENTIAL_SEED_FILES } from "./seeds.js";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const dir = suiteDir();
if (dir === null) {
  console.error("fuzz: the Wasm 2.0 spec suite was not found (set WASM_TESTSUITE_DIR; default ../shared holding testsuite-2.0/)");
  process.exit(2);
}
const count = option("--count", 1_000_000);
const rngSeed = option("--seed", 1);
const firstChunk = option("--first-chunk", 0);
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
