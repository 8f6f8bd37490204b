/**
 * The worker thread that runs scripts: the main thread can stop it when a
 * command hangs (a synchronous engine loop cannot be interrupted in-thread).
 * It reports one message per command, so the main thread always knows which
 * command was running.
 * @module
 */
import { readFileSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import { DEFAULT_FEATURES, WASM_2_0 } from "../../impl/index.js";
import { WASM3_FEATURES, WASM_THREADS_FEATURES } from "../helpers/wat.js";
import { createAssembler, type Assembler } from "./assemble.js";
import { withWasmToolsFallback } from "./wasm-tools.js";
import { ScriptRunner, type Outcome } from "./execute.js";
import { parseScript, type Command, type CommandKind } from "./script.js";

/** A script to run. */
export interface Job {
  readonly file: string;
  /** Command indices not to run (they hung or crashed a previous worker). */
  readonly poisoned: readonly number[];
  /** Commands starting after this line are not run (null: run all). */
  readonly lastLine: number | null;
  /** Lines to skip, with the reason (from `skips.json`). */
  readonly skips: Readonly<Record<string, string>>;
  readonly verbose: boolean;
  /**
   * Which suite the script belongs to: 2.0 scripts are assembled by wabt and
   * decoded as exactly Wasm 2.0; 3.0 scripts are assembled by wabt with
   * exception handling, tail calls, relaxed SIMD and extended constant
   * expressions on, and decoded with the engine's default features (the same).
   */
  readonly suite: "2.0" | "3.0" | "threads";
  /** The tier the script's store runs its code on. */
  readonly tier: "interpreter" | "compiler" | "tiered";
}

/**
 * What the worker reports, in order: `parsed`, then for each command run a
 * `begin` and its `outcome` (and `log`s), then `done`. `begin` lets the main
 * thread time one command alone, not the worker's start-up with it.
 */
export type WorkerMessage =
  | { readonly type: "parsed"; readonly commands: readonly { readonly line: number; readonly kind: CommandKind }[] }
  | { readonly type: "begin"; readonly index: number }
  | { readonly type: "parseError"; readonly message: string }
  | { readonly type: "outcome"; readonly outcome: Outcome }
  | { readonly type: "log"; readonly text: string }
  | { readonly type: "done" };

function post(m: WorkerMessage): void {
  parentPort!.postMessage(m);
}

/** One wabt assembler per suite, made on first use. */
const assemblers: Partial<Record<Job["suite"], Assembler>> = {};

/**
 * The threads suite is the proposal's copy of the 2020-era suite, from before
 * multiple memories and memory64: a second memory is invalid there, as the
 * proposal's own tests say.
 */
const THREADS_SUITE_FEATURES = { ...DEFAULT_FEATURES, multiMemory: false, memory64: false };

async function runJob(job: Job): Promise<void> {
  let commands: Command[];
  try {
    commands = parseScript(readFileSync(job.file));
  } catch (e) {
    post({ type: "parseError", message: e instanceof Error ? e.message : String(e) });
    post({ type: "done" });
    return;
  }
  const assembler = assemblers[job.suite] ??= await createAssembler(
    job.suite === "3.0" ? WASM3_FEATURES : job.suite === "threads" ? WASM_THREADS_FEATURES : undefined);
  // The 3.0 suite's typed function references are beyond wabt: wasm-tools assembles those texts.
  const assemble = job.suite === "3.0" ? await withWasmToolsFallback(assembler, commands) : assembler;
  post({ type: "parsed", commands: commands.map((c) => ({ line: c.line, kind: c.kind })) });
  const runner = new ScriptRunner(assemble, job.verbose ? (text) => post({ type: "log", text }) : null,
    job.suite === "2.0" ? WASM_2_0 : job.suite === "threads" ? THREADS_SUITE_FEATURES : DEFAULT_FEATURES, job.tier);
  const poisoned = new Set(job.poisoned);
  for (let i = 0; i < commands.length; i++) {
    const cmd = commands[i]!;
    if (job.lastLine !== null && cmd.line > job.lastLine) break;
    if (poisoned.has(i)) continue;
    const reason = job.skips[String(cmd.line)];
    if (reason !== undefined) {
      post({ type: "outcome", outcome: { index: i, line: cmd.line, kind: cmd.kind, status: "skip", skip: "skip-list", detail: reason } });
      continue;
    }
    post({ type: "begin", index: i });
    post({ type: "outcome", outcome: runner.run(cmd, i) });
  }
  post({ type: "done" });
}

parentPort?.on("message", (job: Job) => {
  void runJob(job);
});
