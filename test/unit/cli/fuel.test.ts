// Issue 13: `run --fuel N` and `--timeout MS` stop code that never returns with a trap (exit 134, the
// trap's message and frames on stderr), through the engine's interruption extension of the C API.
import test from "ava";
import { cli, Scratch } from "./cli.js";

const scratch = new Scratch();
test.after.always(() => scratch.remove());

const SPIN = `(module
  (func $spin (export "spin") (loop $again (br $again)))
  (func (export "_start") (call $spin))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`;
const spin = scratch.module("spin.wasm", SPIN);

test("--fuel stops an infinite loop called with --invoke", async (t) => {
  const r = await cli(["run", "--fuel", "10000", "--invoke", "spin", await spin]);
  t.is(r.code, 134);
  t.regex(r.stderr, /^wasm-c-api-ts: trap: all fuel consumed\n {4}at spin \(func\[0\], module offset 0x[0-9a-f]+\)\n$/);
});

test("--fuel stops an infinite loop in _start, and the frames show the call from _start", async (t) => {
  const r = await cli(["run", "--fuel=500", await spin]);
  t.is(r.code, 134);
  t.regex(r.stderr, /trap: all fuel consumed/);
  t.regex(r.stderr, /at spin \(func\[0\].*\n {4}at func\[1\] \(/);
});

test("with enough fuel a call completes", async (t) => {
  const r = await cli(["run", "--fuel", "100", "--invoke", "add", await spin, "20", "22"]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, "42 : i32\n");
});

test("--timeout stops an infinite loop with the trap 'deadline exceeded'", async (t) => {
  const r = await cli(["run", "--timeout", "50", "--invoke", "spin", await spin]);
  t.is(r.code, 134);
  t.regex(r.stderr, /trap: deadline exceeded\n {4}at spin/);
});

for (const bad of [["--fuel", "-1"], ["--fuel", "lots"], ["--timeout", "1.5"], ["--fuel"]]) {
  test(`${bad.join(" ")} is a usage error`, async (t) => {
    const r = await cli(["run", ...bad, ...(bad.length > 1 ? [await spin] : [])]);
    t.is(r.code, 2);
    t.regex(r.stderr, new RegExp(`--${bad[0]!.slice(2)}`));
  });
}
