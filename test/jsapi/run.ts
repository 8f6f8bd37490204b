/**
 * The spec's JavaScript API tests (`testsuite-js-api/js-api` of
 * `$WASM_TESTSUITE_DIR`, default `../shared`), each `.any.js` file run in a
 * `vm` context against our namespace and, in the same run, against Node's
 * own `WebAssembly` for comparison. Our failures must be the ones
 * `expected-failures.json` lists (features the engine lacks, each with its
 * reason): a failure it does not list, or a listed one that passes now,
 * fails the run (a ratchet). Node's failures are reported, never counted.
 * The last line is `N passed, N failed, N skipped` over our subtests:
 * failed counts the ratchet's violations, skipped the listed failures.
 *
 * Usage: `node dist/test/jsapi/run.js [FILE.any.js ...] [--verbose] [--update-expectations]`
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runFile, type FileResult } from "./harness.js";

/** The repository root (this file is `dist/test/jsapi/run.js`). */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The committed expectations (read from the source tree, not dist). */
const EXPECTATIONS = join(ROOT, "test", "jsapi", "expected-failures.json");
/** The pseudo-subtest that stands for a file that failed as a whole. */
const FILE_ERROR = "(the file as a whole)";
/** A bound on one file far above its longest run (limits.any.js: minutes on a loaded machine), so a hang fails instead of stalling. */
const FILE_TIMEOUT_MS = 30 * 60 * 1000;

/** One file's expected failures and why. */
interface Expectation {
  readonly reason: string;
  readonly failing: string[];
}
type Expectations = Record<string, Expectation>;

/** The suite folder: `$WASM_TESTSUITE_DIR/testsuite-js-api`, default `../shared/testsuite-js-api`. */
export function suiteDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env["WASM_TESTSUITE_DIR"] ? resolve(env["WASM_TESTSUITE_DIR"]) : resolve(ROOT, "../shared");
  return join(base, "testsuite-js-api");
}

/** Every `.any.js` file under `dir`, sorted. */
function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...testFiles(path));
    else if (name.endsWith(".any.js")) out.push(path);
  }
  return out;
}

/** The names of the failing subtests of a result (the file error as one more). */
function failures(r: FileResult): string[] {
  const out = r.tests.filter((t) => !t.passed).map((t) => t.name);
  if (r.error !== null) out.push(FILE_ERROR);
  return out;
}

function counts(r: FileResult): { passed: number; failed: number } {
  const passed = r.tests.filter((t) => t.passed).length;
  return { passed, failed: r.tests.length - passed + (r.error !== null ? 1 : 0) };
}

async function main(argv: readonly string[]): Promise<number> {
  // A test file's stray rejected promise (Node's own WebAssembly rejects modules with features it lacks
  // outside any subtest) would end the process: the harness judges the subtests, so it is only noted.
  let stray = 0;
  process.on("unhandledRejection", () => { stray++; });
  const verbose = argv.includes("--verbose");
  const update = argv.includes("--update-expectations");
  const only = argv.filter((a) => !a.startsWith("--"));
  const dir = suiteDir();
  const jsApi = join(dir, "js-api");
  if (!existsSync(join(jsApi, "interface.any.js")) || !existsSync(join(dir, "harness", "testharness.js"))) {
    console.error(`the JS API test suite is missing: expected ${jsApi}/ and ${join(dir, "harness", "testharness.js")}`);
    console.error("set WASM_TESTSUITE_DIR to the folder that holds testsuite-js-api/ (see its SOURCE.md)");
    console.log("0 passed, 1 failed");
    return 1;
  }
  const expectations = JSON.parse(readFileSync(EXPECTATIONS, "utf8")) as Expectations;
  let files = testFiles(jsApi);
  if (only.length > 0) files = files.filter((f) => only.some((o) => relative(jsApi, f) === o || f.endsWith(o)));

  const total = { ours: { passed: 0, failed: 0 }, node: { passed: 0, failed: 0 } };
  const problems: string[] = [];
  let listed = 0;
  const updated: Expectations = update && only.length > 0 ? { ...expectations } : {};
  for (const file of files) {
    const name = relative(jsApi, file);
    const started = performance.now();
    const ours = await runFile(file, dir, "ours", FILE_TIMEOUT_MS);
    const oursMs = performance.now() - started;
    const node = await runFile(file, dir, "node", FILE_TIMEOUT_MS);
    const o = counts(ours), n = counts(node);
    total.ours.passed += o.passed; total.ours.failed += o.failed;
    total.node.passed += n.passed; total.node.failed += n.failed;
    console.log(`${name}: ours ${o.passed}/${o.passed + o.failed}, node ${n.passed}/${n.passed + n.failed}` +
      (verbose ? ` (ours ${(oursMs / 1000).toFixed(1)} s)` : ""));
    const failing = failures(ours);
    const expected = new Set(expectations[name]?.failing ?? []);
    listed += failing.filter((f) => expected.has(f)).length;
    for (const f of failing) {
      if (!expected.has(f)) problems.push(`${name}: "${f}" fails and is not expected to: ${messageOf(ours, f)}`);
    }
    for (const f of expected) if (!failing.includes(f)) problems.push(`${name}: "${f}" is expected to fail but passes now: take it out of expected-failures.json`);
    if (verbose) {
      for (const t of ours.tests) if (!t.passed) console.log(`  ours FAIL ${t.name}: ${t.message}`);
      if (ours.error !== null) console.log(`  ours ERROR ${ours.error}`);
    }
    for (const t of node.tests) if (!t.passed) console.log(`  node's own fails ${JSON.stringify(t.name)}: ${t.message.split("\n")[0]}`);
    if (node.error !== null) console.log(`  node's own: ${node.error}`);
    if (update) {
      if (failing.length > 0) updated[name] = { reason: expectations[name]?.reason ?? "TODO: say why", failing };
      else delete updated[name];
    }
  }
  if (update) {
    writeFileSync(EXPECTATIONS, JSON.stringify(updated, null, 2) + "\n");
    console.log(`wrote ${relative(ROOT, EXPECTATIONS)}`);
  } else {
    for (const p of problems) console.log(`RATCHET: ${p}`);
  }
  console.log(`JS API tests, ${files.length} files: ours ${total.ours.passed} passed, ${total.ours.failed} failed` +
    ` (expected failures listed in test/jsapi/expected-failures.json); Node's own WebAssembly ${total.node.passed} passed, ${total.node.failed} failed`);
  if (stray > 0) console.log(`(${stray} promise rejection(s) outside any subtest were ignored)`);
  console.log(`${total.ours.passed} passed, ${update ? total.ours.failed - listed : problems.length} failed, ${listed} skipped`);
  return problems.length > 0 && !update ? 1 : 0;
}

function messageOf(r: FileResult, name: string): string {
  if (name === FILE_ERROR) return r.error ?? "";
  return (r.tests.find((t) => t.name === name)?.message ?? "").split("\n")[0]!;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
