/**
 * The spec test runner's command line:
 * `node dist/test/spec/run.js [file.wast ...] [--lines A-B] [--update-ratchet]
 * [--suite 2.0|3.0|threads] [--tier interpreter|compiler|tiered] [--verbose] [--jobs N] [--timeout SECONDS] [--ratchet FILE]`.
 * With `--tier compiler` the scripts run on the compiler tier, checked against
 * the compiler's own ratchet (`ratchet-compiler.json`, `ratchet-compiler-3.0.json`).
 *
 * Prints a line per file, the summary, and last `N passed, N failed`. Exits 1
 * when the ratchet is violated (a failure it does not list, or an entry that
 * passes now), 2 on a usage error or a missing suite.
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { cpus } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runScripts } from "./pool.js";
import { checkRatchet, formatLines, loadRatchet, saveRatchet, updateRatchet, type FileVerdict } from "./ratchet.js";
import { countedOutcomes, countOutcomes, failureLine, fileLine, Tally } from "./report.js";

/**
 * A suite: the 2.0 suite, the 3.0 one (its files of the features the engine
 * has), or the threads proposal's files (`testsuite/proposals/threads`).
 */
export type Suite = "2.0" | "3.0" | "threads";

/** The parsed command line. */
export interface RunOptions {
  readonly files: readonly string[];
  readonly range: readonly [number, number] | null;
  readonly updateRatchet: boolean;
  readonly suite: Suite;
  readonly verbose: boolean;
  readonly jobs: number;
  readonly timeoutMs: number;
  /** The tier the scripts run on (`--tier`; default the interpreter). */
  readonly tier: "interpreter" | "compiler" | "tiered";
  /** The ratchet file, when not the suite's own (`test/spec/ratchet.json`). */
  readonly ratchet: string | null;
}

const USAGE = "usage: node dist/test/spec/run.js [file.wast ...] [--lines A-B] [--update-ratchet] [--suite 2.0|3.0|threads] [--tier interpreter|compiler|tiered] [--verbose] [--jobs N] [--timeout SECONDS] [--ratchet FILE]";

/** A usage error: printed with the usage line, exit code 2. */
class UsageError extends Error {}

/** Parses the command line. */
export function parseArgs(argv: readonly string[]): RunOptions {
  const files: string[] = [];
  let range: [number, number] | null = null;
  let updateRatchet = false, verbose = false;
  let suite: Suite = "2.0";
  let tier: "interpreter" | "compiler" | "tiered" = "interpreter";
  let jobs = Math.max(1, Math.min(2, cpus().length));
  let timeoutMs = 30_000;
  let ratchet: string | null = null;
  const value = (i: number): string => {
    const v = argv[i + 1];
    if (v === undefined) throw new UsageError(`${argv[i]} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    switch (a) {
      case "--lines": {
        const m = /^(\d+)(?:-(\d+))?$/.exec(value(i++));
        if (!m) throw new UsageError("--lines takes A-B or A");
        range = [Number(m[1]), Number(m[2] ?? m[1])];
        break;
      }
      case "--update-ratchet": updateRatchet = true; break;
      case "--verbose": verbose = true; break;
      case "--suite": {
        const s = value(i++);
        if (s !== "2.0" && s !== "3.0" && s !== "threads") throw new UsageError("--suite takes 2.0, 3.0 or threads");
        suite = s;
        break;
      }
      case "--tier": {
        const t = value(i++);
        if (t !== "interpreter" && t !== "compiler" && t !== "tiered") throw new UsageError("--tier takes interpreter, compiler or tiered");
        tier = t;
        break;
      }
      case "--jobs": jobs = Math.max(1, Number.parseInt(value(i++), 10) || 1); break;
      case "--timeout": timeoutMs = Math.max(1, Number(value(i++)) || 30) * 1000; break;
      case "--ratchet": ratchet = resolve(value(i++)); break;
      case "--help": throw new UsageError("");
      default:
        if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`);
        files.push(a);
    }
  }
  return { files, range, updateRatchet, suite, tier, verbose, jobs, timeoutMs, ratchet };
}

/** The repository root (this file is `dist/test/spec/run.js`). */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The suite's directory: `$WASM_TESTSUITE_DIR` (default `../shared` from the repo root) plus the suite folder. */
export function suiteDir(suite: Suite, env: NodeJS.ProcessEnv = process.env): string {
  const base = env["WASM_TESTSUITE_DIR"] ? resolve(env["WASM_TESTSUITE_DIR"]) : resolve(ROOT, "../shared");
  if (suite === "threads") return join(base, "testsuite", "proposals", "threads");
  return join(base, suite === "2.0" ? "testsuite-2.0" : "testsuite");
}

/**
 * The scripts of a suite that a run without named scripts covers: every
 * top-level script (and those of {@link SUBFOLDERS}) but the ones
 * {@link NOT_RUN_YET} names.
 */
const DEFAULT_SCRIPTS: Record<Suite, readonly string[] | null> = { "2.0": null, "3.0": null, threads: null };

/**
 * Top-level scripts a default run leaves out, each with its reason: what the
 * engine does not have yet. Every other file of the suite runs, so a file
 * that starts passing is never missed; when a feature lands, its files come
 * out of this list.
 */
const NOT_RUN_YET: Record<Suite, Readonly<Record<string, string>>> = {
  "2.0": {},
  "3.0": {},
  threads: {},
};

/** Subfolders of a suite whose scripts the default run includes (Wasm 2.0: fixed-width SIMD). */
const SUBFOLDERS: Record<Suite, readonly string[]> = { "2.0": ["simd"], "3.0": [], threads: [] };

function wastIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(".wast")).sort().map((f) => join(dir, f));
}

/**
 * The script paths to run: the named ones (paths, or names in the suite or
 * its subfolders), else every top-level `.wast` and those of the suite's subfolders.
 */
function scriptPaths(dir: string, named: readonly string[], subfolders: readonly string[]): string[] {
  if (!named.length) return [...wastIn(dir), ...subfolders.flatMap((s) => wastIn(join(dir, s)))];
  const dirs = [dir, ...subfolders.map((s) => join(dir, s))];
  return named.map((n) => {
    for (const p of [n, ...dirs.flatMap((d) => [join(d, n), join(d, `${n}.wast`)])]) {
      if (existsSync(p) && statSync(p).isFile()) return resolve(p);
    }
    throw new UsageError(`no such script: ${n} (looked in . and ${dirs.join(", ")})`);
  });
}

function suiteFile(name: "ratchet" | "skips" | "ratchet-compiler" | "ratchet-tiered", suite: Suite): string {
  return join(ROOT, "test", "spec", suite === "2.0" ? `${name}.json` : `${name}-${suite}.json`);
}

/** `skips.json`: file name → line → reason; every entry must give its reason. */
function loadSkips(path: string): Record<string, Record<string, string>> {
  if (!existsSync(path)) return {};
  const data = JSON.parse(readFileSync(path, "utf8")) as Record<string, Record<string, unknown>>;
  for (const [file, lines] of Object.entries(data)) {
    for (const [line, reason] of Object.entries(lines)) {
      if (!/^\d+$/.test(line) || typeof reason !== "string" || !reason.trim()) {
        throw new UsageError(`${path}: ${file} ${line}: a skip needs a line number and a reason`);
      }
    }
  }
  return data as Record<string, Record<string, string>>;
}

/** At most this many failure details per file unless --verbose. */
const DETAILS_PER_FILE = 10;

/** Runs the suite as the options say; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let opts: RunOptions;
  let files: string[];
  try {
    opts = parseArgs(argv);
    const dir = suiteDir(opts.suite);
    if (!existsSync(dir) && (!opts.files.length || !opts.files.every((f) => existsSync(f)))) {
      console.error(`spec suite ${opts.suite} not found: tried ${dir}`);
      console.error("set WASM_TESTSUITE_DIR to the folder that holds testsuite-2.0/ (suite 2.0) and testsuite/ (suite 3.0)");
      return 2;
    }
    files = scriptPaths(dir, opts.files.length ? opts.files : DEFAULT_SCRIPTS[opts.suite] ?? [], SUBFOLDERS[opts.suite]);
    if (!opts.files.length) {
      const notYet = NOT_RUN_YET[opts.suite];
      const before = files.length;
      files = files.filter((f) => !(dirname(f) === dir && basename(f) in notYet));
      if (files.length < before) {
        console.log(`not run yet: ${before - files.length} files of the ${opts.suite} suite, each with its reason in NOT_RUN_YET (test/spec/run.ts)`);
      }
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) console.error(e.message);
    console.error(USAGE);
    return 2;
  }
  const ratchetPath = opts.ratchet ?? suiteFile(opts.tier === "interpreter" ? "ratchet" : `ratchet-${opts.tier}`, opts.suite);
  const ratchet = loadRatchet(ratchetPath);
  let skips: Record<string, Record<string, string>>;
  try {
    skips = loadSkips(suiteFile("skips", opts.suite));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 2;
  }
  const tally = new Tally();
  const verdicts: FileVerdict[] = [];
  const started = Date.now();

  await runScripts(files, {
    jobs: opts.jobs,
    timeoutMs: opts.timeoutMs,
    lastLine: opts.range?.[1] ?? null,
    verbose: opts.verbose,
    skipsFor: (f) => skips[basename(f)] ?? {},
    suite: opts.suite,
    tier: opts.tier,
  }, (run) => {
    const name = basename(run.file);
    const outcomes = countedOutcomes(run, opts.range);
    tally.add(run.file, outcomes);
    const failing = outcomes.filter((o) => o.status === "fail");
    verdicts.push({ file: name, failing: failing.map((o) => o.line), range: opts.range });
    console.log(fileLine(run.file, countOutcomes(outcomes)) + (opts.verbose ? ` (${run.ms} ms)` : ""));
    if (opts.verbose) for (const l of run.logs) console.log(`  | ${l}`);
    const known = new Set(ratchet[name] ?? []);
    const shown = opts.verbose ? failing : failing.filter((o) => !known.has(o.line));
    for (const o of shown.slice(0, opts.verbose ? Infinity : DETAILS_PER_FILE)) {
      console.log(failureLine(run.file, o));
      if (opts.verbose && o.stack) console.log(o.stack.split("\n").map((l) => `      ${l}`).join("\n"));
    }
    if (opts.verbose) {
      for (const o of outcomes) if (o.status === "skip") console.log(`  ${name}:${o.line} ${o.kind}: skipped: ${o.detail ?? o.skip ?? ""}`);
    }
    if (shown.length > DETAILS_PER_FILE && !opts.verbose) console.log(`  ... and ${shown.length - DETAILS_PER_FILE} more (--verbose shows all)`);
  });

  if (opts.verbose && tally.mismatches.length) {
    console.log("right verdict, message without the expected text:");
    for (const m of tally.mismatches) console.log(m);
  }
  let code = 0;
  const ratchetLines: string[] = [];
  if (opts.updateRatchet) {
    const next = updateRatchet(ratchet, verdicts);
    saveRatchet(ratchetPath, next);
    const count = Object.values(next).reduce((n, l) => n + l.length, 0);
    ratchetLines.push(`ratchet: wrote ${ratchetPath} (${count} lines in ${Object.keys(next).length} files)`);
  } else {
    const { regressions, fixed } = checkRatchet(ratchet, verdicts);
    for (const [file, lines] of regressions) ratchetLines.push(`ratchet: REGRESSION in ${file}, lines ${formatLines(lines)} fail and are not in the ratchet`);
    for (const [file, lines] of fixed) ratchetLines.push(`ratchet: remove from ${file}: lines ${formatLines(lines)} (they pass now)`);
    if (regressions.size || fixed.size) {
      code = 1;
      ratchetLines.push(`ratchet: violated (${ratchetPath}); fix the regressions, or run with --update-ratchet once the changes are intended`);
    } else {
      ratchetLines.push(`ratchet: ok (${Object.values(ratchet).reduce((n, l) => n + l.length, 0)} known failing lines left)`);
    }
  }
  const summary = tally.summary();
  const last = summary.pop()!;
  for (const l of summary) console.log(l);
  for (const l of ratchetLines) console.log(l);
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(last);
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // A reader that stops early (`| head`) is not an error of the run.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    console.error(e);
    process.exitCode = 2;
  });
}
