import test from "ava";
import { f64ToBits, ValType } from "../../../impl/index.js";
import { featureGap, fuelBudget, runDifferential, sameMemory, sameValue } from "../../fuzz/differential.js";
import { DIFFERENTIAL_SEED_FILES } from "../../fuzz/seeds.js";
import { loadSeeds, suiteDir } from "./corpus.js";
import { wat } from "../../helpers/wat.js";

// A CI-sized run of the differential fuzzer (npm run fuzz runs long ones): the
// same mutants through our engine and V8, compared call by call.
const COUNT = Number(process.env["DIFF_FUZZ_COUNT"] ?? 4000);
const dir = suiteDir();

test(`${COUNT} mutants agree with V8 on validity, instantiation, traps, results, memories and globals`, async (t) => {
  if (dir === null) return t.fail("the Wasm 2.0 spec suite was not found (set WASM_TESTSUITE_DIR; default ../shared holding testsuite-2.0/)");
  const seeds = await loadSeeds(dir, DIFFERENTIAL_SEED_FILES);
  t.true(seeds.length > 200, `only ${seeds.length} seed modules`);
  const r = runDifferential({ seeds, count: COUNT, rngSeed: 0xd1ff, budget: fuelBudget() });
  t.log(JSON.stringify({ ...r, disagreements: undefined }));
  t.deepEqual(r.disagreements, [], `${r.disagreementCount} disagreements`);
  // The run compares real work, not only verdicts.
  t.true(r.calls > COUNT / 2, `only ${r.calls} calls compared`);
  t.true(r.validInBoth > COUNT / 10 && r.invalidInBoth > COUNT / 10);
});

test("a module that loops is stopped by fuel in our engine and never given to V8; its other exports still agree", async (t) => {
  const bytes = await wat(`(module (func (export "one") (result i32) (i32.const 1)) (func (export "spin") (loop (br 0))))`);
  const r = runDifferential({ seeds: [{ name: "spin", bytes }], count: 1, rngSeed: 1, budget: fuelBudget(1000), maxMutations: 0 });
  t.is(r.validInBoth, 1);
  t.is(r.skips["a call spent the fuel"], 1);
  t.is(r.calls, 3, "the three calls of `one` were compared, then `spin` stopped the module");
  t.deepEqual(r.disagreements, []);
});

test("a module that traps agrees with V8 when both trap", async (t) => {
  const bytes = await wat(`(module (func (export "boom") unreachable))`);
  const r = runDifferential({ seeds: [{ name: "boom", bytes }], count: 1, rngSeed: 1, budget: fuelBudget(), maxMutations: 0 });
  t.is(r.calls, 3);
  t.is(r.agreements, 4, "instantiation and three trapping calls agree");
  t.deepEqual(r.disagreements, []);
});

test("results and memories are compared exactly, but for NaN payloads", (t) => {
  t.true(sameValue(ValType.I32, 5, 5));
  t.false(sameValue(ValType.I32, 5, 6));
  t.false(sameValue(ValType.I64, 1n, 2n));
  t.false(sameValue(ValType.F64, f64ToBits(-0), 0), "-0 and 0 differ");
  t.true(sameValue(ValType.F32, 0xffc00000, NaN), "any NaN equals any NaN");
  const a = new Uint8Array(16), b = new Uint8Array(16);
  t.true(sameMemory(a, b));
  b[3] = 1;
  t.false(sameMemory(a, b));
  new DataView(a.buffer).setUint32(4, 0x7fc00000, true);
  new DataView(b.buffer).setUint32(4, 0xffc00001, true);
  b[3] = 0;
  t.true(sameMemory(a, b), "two f32 NaNs with other payloads");
  t.false(sameMemory(a, new Uint8Array(8)), "sizes differ");
});

test("integers carrying NaN bits compare as NaNs (a reinterpreted arithmetic NaN), other integers exactly", (t) => {
  t.true(sameValue(ValType.I64, 0x7ff8000000000000n, -1n), "canonical NaN and an all-ones NaN");
  t.false(sameValue(ValType.I64, 0x7ff0000000000000n, -1n), "infinity is not a NaN");
  t.true(sameValue(ValType.I32, 0x7fc00000, -1));
  t.false(sameValue(ValType.I32, 0x7f800000, -1));
});

test("validity differs without a bug only where one engine has a feature beyond 2.0 that the other lacks", (t) => {
  t.regex(featureGap("integer too large: limits flag 0x3 (at byte offset 0x1d)", "") ?? "", /^threads/);
  t.regex(featureGap("illegal opcode: 0x6 (at byte offset 0x4b1)", "") ?? "", /^legacy exception handling/);
  t.regex(featureGap("", "WebAssembly.Module(): Compiling function #0 failed: Invalid opcode 0xa @+165") ?? "", /^exception handling with exnref/);
  t.is(featureGap("illegal opcode: 0x5 (at byte offset 0x10)", ""), null, "another opcode is a real disagreement");
  t.is(featureGap("type mismatch", ""), null);
});
