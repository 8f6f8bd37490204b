// Issue 14: `run --tier interpreter|compiler|tiered` picks the execution tier; each gives the same output.
import test from "ava";
import { cli, Scratch } from "./cli.js";

const scratch = new Scratch();
test.after.always(() => scratch.remove());

// A loop long enough for the tiered mode to compile the instance and move the frame.
const MODULE = `(module
  (func (export "sum") (param i32) (result i64) (local $i i32) (local $s i64)
    (loop $l
      (local.set $s (i64.add (local.get $s) (i64.mul (i64.extend_i32_u (local.get $i)) (i64.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get 0))))
    (local.get $s)))`;
const file = scratch.module("sum.wasm", MODULE);

for (const tier of ["interpreter", "compiler", "tiered"]) {
  test(`--tier ${tier} runs the module with the same results`, async (t) => {
    const r = await cli(["run", "--tier", tier, "--invoke", "sum", await file, "100000"]);
    t.is(r.code, 0, r.stderr);
    t.is(r.stdout, `${3n * (99_999n * 100_000n / 2n)} : i64\n`);
  });
}

test("--tier refuses an unknown tier as a usage error", async (t) => {
  const r = await cli(["run", "--tier", "jit", "--invoke", "sum", await file, "1"]);
  t.is(r.code, 2);
  t.regex(r.stderr, /--tier takes interpreter, compiler, tiered; got 'jit'/);
});
