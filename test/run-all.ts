/**
 * Everything `npm test` runs after the build: the ava unit tests, then the
 * spec runner over the Wasm 2.0 suite and over the files of the post-2.0 features the engine has (exception handling, tail calls, extended constant expressions, relaxed SIMD) of
 * the 3.0 suite (each with its own ratchet), each once per tier (the
 * interpreter, the compiler, and the tiered mode with every frame moving to compiled code at once, each with its own ratchets),
 * then the spec's JS API tests on our `WebAssembly` namespace (Node's own alongside, for comparison;
 * their expected failures count as neither passed nor failed). Its last line is `N passed, N failed`,
 * the sums of unit tests, spec commands and JS API subtests. Exits non-zero when a unit test
 * fails or the spec runner reports a ratchet violation (a failure the ratchet
 * does not list, or a listed one that passes now); spec failures the ratchet
 * lists are counted as failed but do not fail the run.
 * @module
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is `dist/test/run-all.js`). */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Counts of one stage, and whether the stage itself says the run must fail. */
interface StageResult {
  readonly passed: number;
  readonly failed: number;
  readonly ok: boolean;
}

/** Runs a command, echoing its output line by line to ours; resolves with the exit code and the lines. */
function runEchoing(cmd: string, args: readonly string[]): Promise<{ code: number; lines: string[] }> {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    const lines: string[] = [];
    let pending = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      process.stdout.write(chunk);
      const parts = (pending + chunk).split("\n");
      pending = parts.pop()!;
      lines.push(...parts);
    });
    child.on("error", (e) => {
      console.error(`cannot run ${cmd}: ${e.message}`);
      resolvePromise({ code: 127, lines });
    });
    child.on("close", (code, signal) => {
      if (pending) lines.push(pending);
      resolvePromise({ code: code ?? (signal ? 128 : 1), lines });
    });
  });
}

/**
 * Counts TAP results: the `# pass` / `# fail` totals when ava prints them,
 * else the `ok` / `not ok` lines (skipped and todo tests count as neither;
 * ava prints a todo as `not ok ... # TODO` and counts it in `# fail`, so
 * those are taken off that total).
 */
export function countTap(lines: readonly string[]): { passed: number; failed: number } {
  let passed = 0, failed = 0, todoFailed = 0;
  let totalPass: number | null = null, totalFail: number | null = null;
  for (const line of lines) {
    const total = /^# (pass|fail)\s+(\d+)/.exec(line);
    if (total) {
      if (total[1] === "pass") totalPass = Number(total[2]);
      else totalFail = Number(total[2]);
      continue;
    }
    if (/#\s*(SKIP|TODO)\b/i.test(line)) {
      if (/^not ok\b/.test(line) && /#\s*TODO\b/i.test(line)) todoFailed++;
      continue;
    }
    if (/^not ok\b/.test(line)) failed++;
    else if (/^ok\b/.test(line)) passed++;
  }
  return { passed: totalPass ?? passed, failed: totalFail === null ? failed : Math.max(0, totalFail - todoFailed) };
}

/** The ava unit tests, run with the TAP reporter so they can be counted. */
async function unitTests(): Promise<StageResult> {
  const cli = join(ROOT, "node_modules", "ava", "entrypoints", "cli.mjs");
  const { code, lines } = existsSync(cli)
    ? await runEchoing(process.execPath, [cli, "--tap"])
    : await runEchoing("npx", ["ava", "--tap"]);
  const counts = countTap(lines);
  // A crash outside any test (an unloadable file, say) fails the run even with no failed test.
  const failed = code !== 0 && counts.failed === 0 ? 1 : counts.failed;
  return { ...counts, failed, ok: code === 0 };
}

/** The spec runner over one suite (its default scripts); its last line carries the counts. */
async function specTests(suite: "2.0" | "3.0" | "threads", tier: "interpreter" | "compiler" | "tiered" = "interpreter"): Promise<StageResult> {
  const { code, lines } = await runEchoing(process.execPath, [join(ROOT, "dist", "test", "spec", "run.js"), "--suite", suite, "--tier", tier]);
  const last = [...lines].reverse().find((l) => /^\d+ passed, \d+ failed$/.test(l));
  const m = last ? /^(\d+) passed, (\d+) failed$/.exec(last) : null;
  if (!m) return { passed: 0, failed: 1, ok: false };
  return { passed: Number(m[1]), failed: Number(m[2]), ok: code === 0 };
}

/**
 * The spec's JS API tests on our namespace (and Node's own, for comparison); the last line is
 * `N passed, N failed, N skipped` (skipped: the failures expected-failures.json lists, for features
 * the engine lacks, which count as neither).
 */
async function jsApiTests(): Promise<StageResult & { skipped: number }> {
  const { code, lines } = await runEchoing(process.execPath, [join(ROOT, "dist", "test", "jsapi", "run.js")]);
  const last = [...lines].reverse().find((l) => /^\d+ passed, \d+ failed, \d+ skipped$/.test(l));
  const m = last ? /^(\d+) passed, (\d+) failed, (\d+) skipped$/.exec(last) : null;
  if (!m) return { passed: 0, failed: 1, skipped: 0, ok: false };
  return { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3]), ok: code === 0 };
}

async function main(): Promise<number> {
  console.log("== unit tests (ava)");
  const unit = await unitTests();
  console.log("== spec tests (Wasm 2.0 suite)");
  const spec = await specTests("2.0");
  console.log("== spec tests (Wasm 3.0 suite: exception handling, tail calls, extended constants, relaxed SIMD)");
  const spec3 = await specTests("3.0");
  console.log("== spec tests (Wasm 2.0 suite, compiler tier)");
  const specC = await specTests("2.0", "compiler");
  console.log("== spec tests (Wasm 3.0 suite: exception handling, tail calls, extended constants, relaxed SIMD, compiler tier)");
  const spec3C = await specTests("3.0", "compiler");
  console.log("== spec tests (Wasm 2.0 suite, tiered, every frame moving to compiled code at once)");
  const specT = await specTests("2.0", "tiered");
  console.log("== spec tests (Wasm 3.0 suite: exception handling, tail calls, extended constants, relaxed SIMD, tiered)");
  const spec3T = await specTests("3.0", "tiered");
  console.log("== spec tests (threads proposal: atomic, memory, imports, exports; interpreter, compiler, tiered)");
  const specThreads = await specTests("threads");
  const specThreadsC = await specTests("threads", "compiler");
  const specThreadsT = await specTests("threads", "tiered");
  console.log("== JS API tests (the spec's js-api suite on our WebAssembly namespace, and on Node's own)");
  const jsApi = await jsApiTests();
  console.log("== summary");
  console.log(`unit tests: ${unit.passed} passed, ${unit.failed} failed${unit.ok ? "" : " (FAILED)"}`);
  const verdict = (s: StageResult): string => (s.ok ? " (ratchet ok)" : " (FAILED: see the ratchet lines above)");
  console.log(`spec commands (2.0): ${spec.passed} passed, ${spec.failed} failed${verdict(spec)}`);
  console.log(`spec commands (3.0, all but GC): ${spec3.passed} passed, ${spec3.failed} failed${verdict(spec3)}`);
  console.log(`spec commands (2.0, compiler tier): ${specC.passed} passed, ${specC.failed} failed${verdict(specC)}`);
  console.log(`spec commands (3.0, all but GC, compiler tier): ${spec3C.passed} passed, ${spec3C.failed} failed${verdict(spec3C)}`);
  console.log(`spec commands (2.0, tiered): ${specT.passed} passed, ${specT.failed} failed${verdict(specT)}`);
  console.log(`spec commands (3.0, all but GC, tiered): ${spec3T.passed} passed, ${spec3T.failed} failed${verdict(spec3T)}`);
  console.log(`spec commands (threads): ${specThreads.passed} passed, ${specThreads.failed} failed${verdict(specThreads)}`);
  console.log(`spec commands (threads, compiler tier): ${specThreadsC.passed} passed, ${specThreadsC.failed} failed${verdict(specThreadsC)}`);
  console.log(`spec commands (threads, tiered): ${specThreadsT.passed} passed, ${specThreadsT.failed} failed${verdict(specThreadsT)}`);
  console.log(`JS API subtests: ${jsApi.passed} passed, ${jsApi.failed} failed, ${jsApi.skipped} expected to fail (features the engine lacks)${verdict(jsApi)}`);
  const stages = [unit, spec, spec3, specC, spec3C, specT, spec3T, specThreads, specThreadsC, specThreadsT, jsApi];
  console.log(`${stages.reduce((n, s) => n + s.passed, 0)} passed, ${stages.reduce((n, s) => n + s.failed, 0)} failed`);
  return stages.every((s) => s.ok) ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then((code) => { process.exitCode = code; }, (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
