import test from "ava";
import { DecodeError, ValidationError } from "../../../impl/base/errors.js";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { validateModule } from "../../../impl/validate/validator.js";
import { loadSeeds, suiteDir } from "./corpus.js";
import { MUTATIONS, mutate, Rng } from "./mutate.js";

/** Scripts whose top-level modules seed the fuzzer: every section kind, all 2.0 features, binary-only oddities. */
const SEED_FILES = [
  "binary.wast", "binary-leb128.wast", "custom.wast", "names.wast", "block.wast", "loop.wast", "if.wast",
  "br_table.wast", "call_indirect.wast", "select.wast", "unreached-valid.wast", "global.wast", "elem.wast",
  "data.wast", "bulk.wast", "table_init.wast", "table_copy.wast", "ref_func.wast", "imports.wast", "exports.wast",
  "start.wast", "conversions.wast", "memory.wast", "func.wast", "stack.wast",
];
const ITERATIONS = Number(process.env["FUZZ_ITERATIONS"] ?? 40000);
const SEED = Number(process.env["FUZZ_SEED"] ?? 0x5eed2);

test("the mutator is deterministic for a given seed", (t) => {
  const input = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0]);
  const run = (): number[][] => {
    const rng = new Rng(42);
    return MUTATIONS.map((kind) => [...mutate(rng, input, kind)]);
  };
  t.deepEqual(run(), run());
});

const dir = suiteDir();
if (dir === null) {
  // The seeds are the suite's modules: without them the test cannot run, and says so by failing.
  test("mutated suite modules decode and validate or fail with DecodeError/ValidationError", (t) => {
    t.fail("the Wasm 2.0 spec suite was not found (set WASM_TESTSUITE_DIR; default ../shared holding testsuite-2.0/)");
  });
} else {
  test(`${ITERATIONS} mutated suite modules either validate or fail with DecodeError/ValidationError`, async (t) => {
    const seeds = await loadSeeds(dir, SEED_FILES);
    t.true(seeds.length > 100, `only ${seeds.length} seed modules`);
    // The seeds themselves are valid.
    for (const seed of seeds) t.notThrows(() => validateModule(decodeModule(seed.bytes)), seed.name);

    const rng = new Rng(SEED);
    const outcomes = { valid: 0, malformed: 0, invalid: 0 };
    const failures: string[] = [];
    let slowest = { ms: 0, what: "" };
    for (let i = 0; i < ITERATIONS; i++) {
      const seed = rng.pick(seeds);
      let bytes = seed.bytes;
      const applied: string[] = [];
      for (let n = 1 + rng.below(3); n > 0; n--) {
        const kind = rng.pick(MUTATIONS);
        bytes = mutate(rng, bytes, kind);
        applied.push(kind);
      }
      const started = performance.now();
      try {
        validateModule(decodeModule(bytes));
        outcomes.valid++;
      } catch (e) {
        if (e instanceof DecodeError) outcomes.malformed++;
        else if (e instanceof ValidationError) outcomes.invalid++;
        else failures.push(`#${i} ${seed.name} [${applied.join(", ")}]: ${String(e)}\n  ${Buffer.from(bytes).toString("hex")}`);
      }
      // Reported, never asserted: a time limit would fail on a loaded machine. A
      // mutant that hangs the decoder shows as this test never finishing.
      const ms = performance.now() - started;
      if (ms > slowest.ms) slowest = { ms, what: `#${i} ${seed.name} [${applied.join(", ")}]` };
    }
    t.log(`${seeds.length} seeds, ${ITERATIONS} mutants (seed ${SEED}):`, outcomes);
    t.log(`slowest mutant: ${slowest.what}, ${Math.round(slowest.ms)} ms`);
    t.deepEqual(failures.slice(0, 5), [], `${failures.length} mutants failed with something else`);
    // Every verdict occurs often enough that the mutations exercise decoder and validator alike.
    t.true(outcomes.valid > ITERATIONS / 100, "too few mutants stay valid");
    t.true(outcomes.malformed > ITERATIONS / 100, "too few mutants are malformed");
    t.true(outcomes.invalid > ITERATIONS / 100, "too few mutants are invalid");
  });
}
