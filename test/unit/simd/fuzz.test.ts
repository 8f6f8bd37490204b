import test from "ava";
import { DecodeError, ValidationError } from "../../../impl/base/errors.js";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { validateModule } from "../../../impl/validate/validator.js";
import { loadSeeds, suiteDir } from "../fuzz/corpus.js";
import { MUTATIONS, mutate, Rng } from "../fuzz/mutate.js";

/** SIMD scripts whose top-level modules seed the fuzzer: lanes, memory forms, shuffles, constants, conversions. */
const SEED_FILES = [
  "simd_lane.wast", "simd_load.wast", "simd_store.wast", "simd_load8_lane.wast", "simd_store64_lane.wast",
  "simd_load_extend.wast", "simd_load_splat.wast", "simd_load_zero.wast", "simd_const.wast", "simd_splat.wast",
  "simd_conversions.wast", "simd_bitwise.wast", "simd_select.wast", "simd_address.wast", "simd_align.wast",
].map((f) => `simd/${f}`);
const ITERATIONS = Number(process.env["FUZZ_ITERATIONS"] ?? 10000);

const dir = suiteDir();
if (dir === null) {
  test("mutated SIMD modules decode and validate or fail cleanly", (t) => {
    t.fail("the Wasm 2.0 spec suite was not found (set WASM_TESTSUITE_DIR; default ../shared holding testsuite-2.0/)");
  });
} else {
  test(`${ITERATIONS} mutated SIMD suite modules either validate or fail with DecodeError/ValidationError`, async (t) => {
    const seeds = await loadSeeds(dir, SEED_FILES);
    t.true(seeds.length > 50, `only ${seeds.length} seed modules`);
    for (const seed of seeds) t.notThrows(() => validateModule(decodeModule(seed.bytes)), seed.name);
    const rng = new Rng(0x51d);
    const outcomes = { valid: 0, malformed: 0, invalid: 0 };
    const failures: string[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const seed = rng.pick(seeds);
      let bytes = seed.bytes;
      for (let n = 1 + rng.below(3); n > 0; n--) bytes = mutate(rng, bytes, rng.pick(MUTATIONS));
      try {
        validateModule(decodeModule(bytes));
        outcomes.valid++;
      } catch (e) {
        if (e instanceof DecodeError) outcomes.malformed++;
        else if (e instanceof ValidationError) outcomes.invalid++;
        else failures.push(`#${i} ${seed.name}: ${String(e)}\n  ${Buffer.from(bytes).toString("hex")}`);
      }
    }
    t.log(`${seeds.length} seeds, ${ITERATIONS} mutants:`, outcomes);
    t.deepEqual(failures.slice(0, 5), [], `${failures.length} mutants failed with something else`);
    t.true(outcomes.valid > 0 && outcomes.malformed > 0 && outcomes.invalid > 0);
  });
}
