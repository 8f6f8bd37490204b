/**
 * Time to first result on the large module (issue 14, "compile lazily, so
 * what never runs costs nothing"): esbuild's `esbuild.wasm` (see
 * ./compile.ts), instantiated on each tier and run to a first result, with
 * the number of its functions the compiler tier emitted on the way.
 *
 * `esbuild.wasm` is a Go program for Go's `js/wasm` port: its imports are the
 * Go runtime's calls to its JavaScript host (module `gojs`), each taking the
 * stack pointer and reading its arguments from memory at `sp + 8`. The few
 * the runtime makes while it starts (the clock, random seed, the memory's
 * view) are answered here; the first call into `syscall/js` (the Go program's
 * first use of JavaScript values, when its packages initialise) ends the run:
 * what ran up to there is the Go runtime starting (scheduler, heap, goroutine
 * of `main`, package initialisers), cold code that runs once. Two results
 * are timed: a call of the small export `getsp`, and `run(0, 0)` up to that
 * first `syscall/js` call.
 * @module
 */
import { randomFillSync } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import { compileModule, FuncInstance, instantiate, invoke, Store, ValType, type HostFunc } from "../impl/index.js";
import { LAZY_CODE_BYTES, lazyProgress, setLazyCodeBytes } from "../impl/exec/compiler/module.js";
import { largeModulePath } from "./compile.js";

/** Thrown by the host at the program's first `syscall/js` call, which ends the run. */
class FirstJsCall extends Error {}

/** The host side of the `gojs` imports the Go runtime makes while it starts; any other ends the run. */
function goHost(name: string): HostFunc {
  return (args, caller) => {
    const sp = (args[0] as number) >>> 0;
    const view = caller!.memories[0]!.view;
    switch (name) {
      case "runtime.nanotime1":
        view.setBigInt64(sp + 8, process.hrtime.bigint(), true);
        return [];
      case "runtime.walltime": {
        const ms = Date.now();
        view.setBigInt64(sp + 8, BigInt(Math.floor(ms / 1000)), true);
        view.setInt32(sp + 16, (ms % 1000) * 1_000_000, true);
        return [];
      }
      case "runtime.getRandomData": {
        const at = Number(view.getBigInt64(sp + 8, true)), n = Number(view.getBigInt64(sp + 16, true));
        randomFillSync(new Uint8Array(view.buffer, view.byteOffset + at, n));
        return [];
      }
      case "runtime.resetMemoryDataView":
        return [];
      default:
        throw new FirstJsCall(name);
    }
  };
}

type Tier = "interpreter" | "compiler" | "tiered";

/** One tier's figures. */
interface FirstCall {
  readonly tier: string;
  /** Milliseconds: compileModule (decode, validate), instantiate, the `getsp` call, `run` to the first `syscall/js` call. */
  readonly compileMs: number;
  readonly instantiateMs: number;
  readonly getspMs: number;
  readonly runMs: number;
  /** CPU milliseconds of the `getsp` call and of the run (on a machine shared with other work, the wall clock also counts waiting). */
  readonly getspCpuMs: number;
  readonly runCpuMs: number;
  /** The import that ended the run (the first `syscall/js` call), or what else ended it. */
  readonly endedBy: string;
  /** Functions emitted after `getsp`, and after the run; with the emitted text's length after the run. */
  readonly afterGetsp: number;
  readonly afterRun: number;
  readonly textLength: number;
  readonly functions: number;
}

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
/** The process's CPU time in ms (all its threads: V8 compiles and collects garbage on helper threads too). */
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };

/** Runs the large module `bytes` to its first results on `tier` (a fresh module, so nothing compiled is shared). */
function firstCall(bytes: Uint8Array, tier: Tier, label: string): FirstCall {
  let t0 = process.hrtime.bigint();
  const module = compileModule(bytes);
  const compileMs = ms(t0);
  const imports = module.imports.map((imp) => new FuncInstance({ params: [ValType.I32], results: [] }, null, -1, goHost(imp.name)));
  t0 = process.hrtime.bigint();
  const inst = instantiate(new Store({ tier }), module, imports);
  const instantiateMs = ms(t0);
  const exported = (name: string): FuncInstance => inst.exports.find((e) => e.name === name)!.value as FuncInstance;
  let c0 = cpuMs();
  t0 = process.hrtime.bigint();
  invoke(exported("getsp"), []);
  const getspMs = ms(t0), getspCpuMs = cpuMs() - c0;
  const afterGetsp = lazyProgress(module)?.made ?? 0;
  let endedBy = "return";
  c0 = cpuMs();
  t0 = process.hrtime.bigint();
  try {
    invoke(exported("run"), [0, 0]);
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    endedBy = cause instanceof FirstJsCall ? cause.message : e instanceof FirstJsCall ? e.message : `error: ${String(e)}`;
  }
  const runMs = ms(t0), runCpuMs = cpuMs() - c0;
  const progress = lazyProgress(module);
  return {
    tier: label, compileMs, instantiateMs, getspMs, runMs, getspCpuMs, runCpuMs, endedBy,
    afterGetsp, afterRun: progress?.made ?? 0, textLength: progress?.textLength ?? 0, functions: module.codes.length,
  };
}

/**
 * Prints time to first result on the large module `bytes` for the
 * interpreter, the compiler tier (one function at a time, as modules of
 * its size are) and the tiered mode; with `whole`, also the compiler tier
 * forced to compile the whole module at once (as before lazy compiling:
 * about 16 s of emitting, then a factory too large to make, so the
 * interpreter runs it). Returns the number of failures (a run that did not
 * end at a `syscall/js` call).
 */
export function firstCallWorkload(bytes: Uint8Array, name: string, whole = false): number {
  const runs: [Tier, string, number | null][] = [["interpreter", "interpreter", null], ["compiler", "compiler", null], ["tiered", "tiered", null]];
  if (whole) runs.push(["compiler", "compiler, whole module", Number.MAX_SAFE_INTEGER]);
  let failures = 0;
  for (const [tier, label, threshold] of runs) {
    setLazyCodeBytes(threshold);
    let r: FirstCall;
    try {
      r = firstCall(bytes, tier, label);
    } finally {
      setLazyCodeBytes(null);
    }
    if (!r.endedBy.startsWith("syscall/js.")) failures++;
    const compiled = tier === "interpreter" || threshold !== null ? "" :
      `; functions compiled: ${r.afterGetsp} after getsp, ${r.afterRun} of ${r.functions} after the run (${(r.textLength / 1e6).toFixed(1)} MB of JavaScript)`;
    console.log(`first call ${name} ${label.padEnd(22)} compile ${r.compileMs.toFixed(0)} ms, instantiate ${r.instantiateMs.toFixed(0)} ms, ` +
      `getsp ${r.getspMs.toFixed(1)} ms (CPU ${r.getspCpuMs.toFixed(1)}), run to ${r.endedBy} ${r.runMs.toFixed(0)} ms (CPU ${r.runCpuMs.toFixed(0)})${compiled}`);
  }
  console.log(`first call: modules over ${LAZY_CODE_BYTES / 1024} kB of code compile one function at a time, at its first call (compiler) or once the instance is hot (tiered)`);
  return failures;
}

// Run alone: `node dist/bench/first-call.js [--whole]` (the large module as ./compile.ts finds it).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = largeModulePath();
  if (!existsSync(path)) {
    console.log(`first call: large module missing at ${path}; run bench/fetch-large.sh`);
    process.exitCode = 1;
  } else {
    process.exitCode = firstCallWorkload(new Uint8Array(readFileSync(path)), basename(path), process.argv.includes("--whole")) === 0 ? 0 : 1;
  }
}
