/**
 * Runs script files on a few worker threads with a watchdog: a command that
 * runs longer than its limit (or kills its worker) fails alone; the worker is
 * replaced and the script re-run without that command, so the commands after
 * it still get their verdicts.
 * @module
 */
import { Worker } from "node:worker_threads";
import type { Outcome } from "./execute.js";
import type { CommandKind } from "./script.js";
import type { Job, WorkerMessage } from "./worker.js";

/** Everything known about one script after its run. */
export interface FileRun {
  readonly file: string;
  /** The script's commands (null when it could not be read). */
  readonly commands: readonly { readonly line: number; readonly kind: CommandKind }[] | null;
  /** Outcomes by command index, in order. */
  readonly outcomes: readonly Outcome[];
  /** Why the script as a whole could not run (unreadable, worker lost before parsing). */
  readonly error: string | null;
  /** Output of `spectest` print functions (with --verbose). */
  readonly logs: readonly string[];
  readonly ms: number;
}

/** How to run the scripts. */
export interface PoolOptions {
  /** Worker threads at once. */
  readonly jobs: number;
  /** Longest a single command may run (with the default watchdog). */
  readonly timeoutMs: number;
  /** What limits each command; a real-time {@link realTimeWatchdog} of `timeoutMs` when absent. */
  readonly watchdog?: Watchdog;
  readonly lastLine: number | null;
  readonly verbose: boolean;
  /** Lines to skip in a file, with reasons. */
  readonly skipsFor: (file: string) => Readonly<Record<string, string>>;
  /** The suite the scripts belong to (it picks the text front end and the features); 2.0 when absent. */
  readonly suite?: "2.0" | "3.0" | "threads";
  /** The tier the scripts run on; the interpreter when absent. */
  readonly tier?: "interpreter" | "compiler" | "tiered";
}

/** After this many hung commands in one script, the rest of it is given up. */
const MAX_RESTARTS = 8;

type RunEnd = { readonly done: true } | { readonly done: false; readonly why: string };

/** The command a watchdog limits: `index` -1 is the worker's start-up and the script's parsing. */
export interface WatchedCommand {
  readonly file: string;
  readonly index: number;
  readonly line: number;
}

/**
 * Starts the limit on one command and returns what cancels it; `expire`, with
 * the reason, ends the worker. The runner's watchdog is a real timer; tests
 * inject their own so that proving hang handling needs no clock.
 */
export type Watchdog = (command: WatchedCommand, expire: (why: string) => void) => () => void;

/**
 * A real-time watchdog: each command may run `timeoutMs`; the start-up (a
 * fresh worker loads the engine and the assembler, then parses the script) is
 * timed apart, with ten times as much, so a loaded machine never charges it to
 * the first command.
 */
export function realTimeWatchdog(timeoutMs: number): Watchdog {
  return (command, expire) => {
    const ms = command.index < 0 ? 10 * timeoutMs : timeoutMs;
    const timer = setTimeout(() => expire(`timed out after ${ms / 1000} s`), ms);
    return () => clearTimeout(timer);
  };
}

/** One worker thread, replaced after it hangs or dies. */
class WorkerHandle {
  private worker = new Worker(new URL("./worker.js", import.meta.url));
  private listener: ((m: WorkerMessage) => void) | null = null;
  private finish: ((end: RunEnd) => void) | null = null;
  private cancel: (() => void) | null = null;
  private file = "";
  private lines: readonly number[] = [];

  constructor(private readonly watchdog: Watchdog) {
    this.worker.on("message", (m: WorkerMessage) => {
      if (m.type === "parsed") this.lines = m.commands.map((c) => c.line);
      if (m.type === "begin") this.watch(m.index);
      else if (m.type === "outcome" || m.type === "parsed" || m.type === "parseError") this.unwatch();
      this.listener?.(m);
      if (m.type === "done") this.settle({ done: true });
    });
    this.worker.on("error", (e) => this.settle({ done: false, why: `the worker crashed: ${e.message}` }));
    this.worker.on("exit", (code) => this.settle({ done: false, why: `the worker exited with code ${code}` }));
  }

  private watch(index: number): void {
    this.unwatch();
    const command = { file: this.file, index, line: index < 0 ? 0 : this.lines[index] ?? 0 };
    let live = true;
    const stop = this.watchdog(command, (why) => {
      if (!live) return;
      this.settle({ done: false, why });
      void this.worker.terminate();
    });
    this.cancel = () => { live = false; stop(); };
  }

  private unwatch(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private settle(end: RunEnd): void {
    this.unwatch();
    const f = this.finish;
    this.finish = null;
    this.listener = null;
    f?.(end);
  }

  /** Runs a job; resolves when the worker reports `done`, or when it hangs or dies. */
  run(job: Job, listener: (m: WorkerMessage) => void): Promise<RunEnd> {
    return new Promise((resolve) => {
      this.listener = listener;
      this.finish = resolve;
      this.file = job.file;
      this.lines = [];
      this.watch(-1);
      this.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

function watchdogOf(opts: PoolOptions): Watchdog {
  return opts.watchdog ?? realTimeWatchdog(opts.timeoutMs);
}

/** Runs one script to the end on `handle`, replacing the worker as needed; returns the run and the live handle. */
async function runFile(file: string, first: WorkerHandle, opts: PoolOptions): Promise<{ run: FileRun; handle: WorkerHandle }> {
  const started = Date.now();
  let handle = first;
  const outcomes = new Map<number, Outcome>();
  const poisoned: number[] = [];
  let commands: FileRun["commands"] = null;
  let error: string | null = null;
  let logs: string[] = [];
  for (let attempt = 0; ; attempt++) {
    let last = -1;
    logs = [];
    const job: Job = {
      file, poisoned, lastLine: opts.lastLine, skips: opts.skipsFor(file), verbose: opts.verbose, suite: opts.suite ?? "2.0", tier: opts.tier ?? "interpreter",
    };
    const end = await handle.run(job, (m) => {
      switch (m.type) {
        case "parsed": commands = m.commands; break;
        case "parseError": error = `cannot read the script: ${m.message}`; break;
        case "outcome": outcomes.set(m.outcome.index, m.outcome); last = m.outcome.index; break;
        case "log": logs.push(m.text); break;
        case "begin": break;
        case "done": break;
        default: {
          const never: never = m;
          void never;
        }
      }
    });
    if (end.done) break;
    void handle.close();
    handle = new WorkerHandle(watchdogOf(opts));
    const cmds = commands as FileRun["commands"];
    if (cmds === null) {
      error ??= `the script could not be run: ${end.why}`;
      break;
    }
    // The command running when the worker was lost: the next one not yet reported.
    let hung = last + 1;
    while (poisoned.includes(hung)) hung++;
    if (hung >= cmds.length) break; // lost after the last command: nothing is missing
    const c = cmds[hung]!;
    outcomes.set(hung, { index: hung, line: c.line, kind: c.kind, status: "fail", detail: `${end.why} (the script was re-run without this command)` });
    poisoned.push(hung);
    if (attempt + 1 >= MAX_RESTARTS) {
      cmds.forEach((cmd, i) => {
        if (!outcomes.has(i) && (opts.lastLine === null || cmd.line <= opts.lastLine)) {
          outcomes.set(i, { index: i, line: cmd.line, kind: cmd.kind, status: "fail", detail: `not run: ${MAX_RESTARTS} commands of this script hung` });
        }
      });
      break;
    }
  }
  const sorted = [...outcomes.values()].sort((a, b) => a.index - b.index);
  return { run: { file, commands, outcomes: sorted, error, logs, ms: Date.now() - started }, handle };
}

/**
 * Runs the scripts, at most `opts.jobs` at a time; `onFile` sees each run in
 * the order of `files` as soon as it and all before it are done.
 */
export async function runScripts(files: readonly string[], opts: PoolOptions, onFile: (run: FileRun) => void): Promise<FileRun[]> {
  const results: (FileRun | undefined)[] = new Array(files.length);
  let nextToRun = 0;
  let nextToReport = 0;
  const flush = (): void => {
    while (nextToReport < files.length && results[nextToReport]) onFile(results[nextToReport++]!);
  };
  const lane = async (): Promise<void> => {
    let handle = new WorkerHandle(watchdogOf(opts));
    try {
      while (nextToRun < files.length) {
        const i = nextToRun++;
        const r = await runFile(files[i]!, handle, opts);
        handle = r.handle;
        results[i] = r.run;
        flush();
      }
    } finally {
      await handle.close();
    }
  };
  const lanes = Math.max(1, Math.min(opts.jobs, files.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return results as FileRun[];
}
