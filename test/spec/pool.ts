/**
 * Runs script files on a few worker threads with a watchdog: a command that
 * runs longer than the timeout (or kills its worker) fails alone; the worker is
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
  /** Longest a single command may run. */
  readonly timeoutMs: number;
  readonly lastLine: number | null;
  readonly verbose: boolean;
  /** Lines to skip in a file, with reasons. */
  readonly skipsFor: (file: string) => Readonly<Record<string, string>>;
  /** The suite the scripts belong to (it picks the text front end and the features); 2.0 when absent. */
  readonly suite?: "2.0" | "3.0";
}

/** After this many hung commands in one script, the rest of it is given up. */
const MAX_RESTARTS = 8;

type RunEnd = { readonly done: true } | { readonly done: false; readonly why: string };

/** One worker thread, replaced after it hangs or dies. */
class WorkerHandle {
  private worker = new Worker(new URL("./worker.js", import.meta.url));
  private listener: ((m: WorkerMessage) => void) | null = null;
  private finish: ((end: RunEnd) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly timeoutMs: number) {
    this.worker.on("message", (m: WorkerMessage) => {
      this.arm();
      this.listener?.(m);
      if (m.type === "done") this.settle({ done: true });
    });
    this.worker.on("error", (e) => this.settle({ done: false, why: `the worker crashed: ${e.message}` }));
    this.worker.on("exit", (code) => this.settle({ done: false, why: `the worker exited with code ${code}` }));
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.settle({ done: false, why: `timed out after ${this.timeoutMs / 1000} s` });
      void this.worker.terminate();
    }, this.timeoutMs);
  }

  private settle(end: RunEnd): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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
      this.arm();
      this.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
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
      file, poisoned, lastLine: opts.lastLine, skips: opts.skipsFor(file), verbose: opts.verbose, suite: opts.suite ?? "2.0",
    };
    const end = await handle.run(job, (m) => {
      switch (m.type) {
        case "parsed": commands = m.commands; break;
        case "parseError": error = `cannot read the script: ${m.message}`; break;
        case "outcome": outcomes.set(m.outcome.index, m.outcome); last = m.outcome.index; break;
        case "log": logs.push(m.text); break;
        case "done": break;
        default: {
          const never: never = m;
          void never;
        }
      }
    });
    if (end.done) break;
    void handle.close();
    handle = new WorkerHandle(opts.timeoutMs);
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
    let handle = new WorkerHandle(opts.timeoutMs);
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
