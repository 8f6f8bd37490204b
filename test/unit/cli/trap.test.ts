// Issue 13: a trap prints its message and the wasm frames (names from the name section, else func[N],
// with module offsets) on stderr, and `run` exits 134 (128 + SIGABRT, as Wasmtime on Unix).
import test from "ava";
import { readFileSync } from "node:fs";
import { cli, Scratch } from "./cli.js";

const scratch = new Scratch();
test.after.always(() => scratch.remove());

/** The frame lines of a report: [name or null, function index, module offset]. */
function frames(stderr: string): [string | null, number, number][] {
  return [...stderr.matchAll(/^ {4}at (?:(\S+) \(func\[(\d+)\], |func\[(\d+)\] \()module offset 0x([0-9a-f]+)\)$/gm)]
    .map((m) => [m[1] ?? null, Number(m[2] ?? m[3]), parseInt(m[4]!, 16)]);
}

test("a trap in named functions: message, frames innermost first with names and offsets, exit 134", async (t) => {
  const file = await scratch.module("div.wasm", `(module
    (func $divide (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
    (func $middle (param i32) (result i32) (call $divide (local.get 0)))
    (func $entry (export "run") (param i32) (result i32) (call $middle (local.get 0))))`);
  const r = await cli(["run", "--invoke", "run", file, "0"]);
  t.is(r.code, 134);
  t.is(r.stdout, "");
  t.regex(r.stderr, /^wasm-c-api-ts: trap: integer divide by zero\n/);
  const found = frames(r.stderr);
  t.deepEqual(found.map(([name, index]) => [name, index]), [["divide", 0], ["middle", 1], ["entry", 2]]);
  // Each offset is inside the module's code, and callers come after their callees here.
  const size = readFileSync(file).length;
  for (const [, , offset] of found) t.true(offset > 8 && offset < size, `offset ${offset} of ${size}`);
  t.true(found[0]![2] < found[1]![2] && found[1]![2] < found[2]![2]);
  // The same call with a non-zero divisor returns normally.
  const ok = await cli(["run", "--invoke", "run", file, "1"]);
  t.is(ok.code, 0, ok.stderr);
  t.is(ok.stdout, "1 : i32\n");
});

test("a frame without a name in the name section is shown as func[N]", async (t) => {
  const file = await scratch.module("anon.wasm", `(module
    (func (result i32) (unreachable))
    (func (export "go") (result i32) (call 0)))`);
  const r = await cli(["run", "--invoke", "go", file]);
  t.is(r.code, 134);
  t.regex(r.stderr, /^wasm-c-api-ts: trap: unreachable/);
  t.deepEqual(frames(r.stderr).map(([name, index]) => [name, index]), [[null, 0], [null, 1]]);
});

test("a trap in _start of a command, and in the start function, exit 134 with their frames", async (t) => {
  const command = await scratch.module("oob.wasm", `(module (memory 1)
    (func $load (export "_start") (drop (i32.load (i32.const 65536)))))`);
  const r = await cli(["run", command]);
  t.is(r.code, 134);
  t.regex(r.stderr, /trap: out of bounds memory access/);
  t.deepEqual(frames(r.stderr).map(([name]) => name), ["load"]);

  const start = await scratch.module("start.wasm", `(module (func $boot (unreachable)) (start $boot))`);
  const s = await cli(["run", start]);
  t.is(s.code, 134);
  t.regex(s.stderr, /trap: unreachable/);
  t.deepEqual(frames(s.stderr).map(([name]) => name), ["boot"]);
});

test("an exception nothing catches ends the run as a trap (exit 134)", async (t) => {
  const file = await scratch.module("throw.wasm", `(module (tag $oops (param i32))
    (func $thrower (export "_start") (throw $oops (i32.const 7))))`);
  const r = await cli(["run", file]);
  t.is(r.code, 134);
  t.regex(r.stderr, /^wasm-c-api-ts: trap: .*exception/);
});

test("a module without _start is instantiated and exits 0; its start function runs", async (t) => {
  const file = await scratch.module("lib.wasm", `(module (func (export "f")))`);
  const r = await cli(["run", file]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, "");
  t.is(r.stderr, "");
});

test("an import nothing provides is a link error naming it (exit 1), not a trap", async (t) => {
  const file = await scratch.module("needs.wasm", `(module
    (import "env" "missing" (func (param i32)))
    (import "env" "table" (table 1 funcref)))`);
  const r = await cli(["run", file]);
  t.is(r.code, 1);
  t.regex(r.stderr, /cannot link the module:\n/);
  t.regex(r.stderr, /"env" "missing".*\(func \(param i32\)\)/);
  t.regex(r.stderr, /"env" "table"/);
});
