import test from "ava";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../../spec/run.js", import.meta.url));

function runCli(args: string[], env: Record<string, string>): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tempSuite(files: Record<string, string>): { base: string; ratchet: string } {
  const base = mkdtempSync(join(tmpdir(), "suite-"));
  mkdirSync(join(base, "testsuite-2.0"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(base, "testsuite-2.0", name), text);
  return { base, ratchet: join(base, "ratchet.json") };
}

const GOOD = '(module (global (export "g") i32 (i32.const 1)))\n(assert_return (get "g") (i32.const 1))\n';
const BAD = '(module (global (export "g") i32 (i32.const 1)))\n(assert_return (get "g") (i32.const 2))\n';

test("a missing suite is reported with the path tried and the variable to set", (t) => {
  const r = runCli([], { WASM_TESTSUITE_DIR: "/nonexistent/suites" });
  t.is(r.code, 2);
  t.regex(r.err, /not found: tried \/nonexistent\/suites\/testsuite-2.0/);
  t.regex(r.err, /WASM_TESTSUITE_DIR/);
});

test("a line per file, the summary, and `N passed, N failed` last", (t) => {
  const { base, ratchet } = tempSuite({ "a.wast": GOOD, "b.wast": BAD });
  const r = runCli(["--ratchet", ratchet], { WASM_TESTSUITE_DIR: base });
  const lines = r.out.trimEnd().split("\n");
  t.is(lines[0], "a.wast: 2 passed, 0 failed");
  t.is(lines[1], "b.wast: 1 passed, 1 failed");
  t.regex(lines[2]!, /b.wast:2 assert_return: g: result 0: expected i32.const 2, got number 1/);
  t.is(lines.at(-1), "3 passed, 1 failed");
  t.regex(r.out, /REGRESSION in b.wast, lines 2 /);
  t.is(r.code, 1);
});

test("the ratchet absorbs known failures, then demands removal of entries that pass", (t) => {
  const { base, ratchet } = tempSuite({ "b.wast": BAD });
  t.is(runCli(["--ratchet", ratchet, "--update-ratchet"], { WASM_TESTSUITE_DIR: base }).code, 0);
  t.deepEqual(JSON.parse(readFileSync(ratchet, "utf8")), { "b.wast": [2] });
  const known = runCli(["--ratchet", ratchet], { WASM_TESTSUITE_DIR: base });
  t.is(known.code, 0);
  t.regex(known.out, /ratchet: ok \(1 known failing lines left\)/);
  writeFileSync(join(base, "testsuite-2.0", "b.wast"), GOOD);
  const fixed = runCli(["--ratchet", ratchet], { WASM_TESTSUITE_DIR: base });
  t.is(fixed.code, 1);
  t.regex(fixed.out, /ratchet: remove from b.wast: lines 2 \(they pass now\)/);
});

test("one file and a line range can be run alone", (t) => {
  const { base, ratchet } = tempSuite({ "a.wast": GOOD, "b.wast": BAD });
  const r = runCli(["b.wast", "--lines", "1-1", "--ratchet", ratchet], { WASM_TESTSUITE_DIR: base });
  t.is(r.out.split("\n")[0], "b.wast: 1 passed, 0 failed");
  t.is(r.code, 0);
  t.false(existsSync(ratchet));
});

// The runner's real timer, end to end. It times each command alone (never the
// worker's start-up), so the trivial commands here finish thousands of times
// within the limit even on a loaded machine; pool.test.ts proves the same
// handling with an injected watchdog and no clock at all.
test("a hung command fails alone: the worker is replaced and the rest of the script still runs", (t) => {
  const { base, ratchet } = tempSuite({
    "hang.wast": '(module (func (export "spin") (loop (br 0))) (global (export "g") i32 (i32.const 5)))\n' +
      '(invoke "spin")\n(assert_return (get "g") (i32.const 5))\n',
  });
  const r = runCli(["--timeout", "10", "--ratchet", ratchet], { WASM_TESTSUITE_DIR: base });
  t.regex(r.out, /hang.wast: 2 passed, 1 failed/);
  t.regex(r.out, /hang.wast:2 action: timed out after 10 s \(the script was re-run without this command\)/);
});
