/**
 * `npm run bench`: runs the benchmark kernels on our interpreter and on V8's
 * own WebAssembly in the same process, and prints each median and their ratio.
 *
 * Kernels come from `$WASM_BENCH_DIR` (default `../shared/bench/kernels`):
 * standalone modules exporting `run(n)` that returns an i32 checksum. Every run's
 * checksum is compared with V8's result for the same `n`: a fast wrong answer is a failure.
 *
 * Every engine is measured the same way: one untimed warm-up call of
 * `run(min(n, 20))` on the instance, then the timed calls (V8, and each of
 * our stores but the tiered one). The tiered mode's column is instead the
 * cold first call of a fresh instance, printed beside V8's own cold first
 * call (`V8 1st ms`, a fresh instance's first `run(n)`, its compile tiers
 * included) and their ratio (`t/1st`).
 *
 * Usage: `npm run bench [-- [--quick] [--runs N] [--no-interrupt] [--cpu] [kernel ...]]` (workloads beside the kernels: `gc`, `grow`, `hostcalls`, `hostcost`, `compile`,
 * and `programs` for the four real C programs of `bench/programs/`: `compress`, `interp`, `raytrace`, `json`).
 * `grow` names the memory-growth workload (`bench/grow/`), run after the kernels;
 * `hostcalls` the WASI host-call workload (`bench/hostcalls.ts`: 1,000,000 WASI
 * calls by `test/wasi/programs/hostcalls.wasm`, ours beside V8 with `node:wasi`),
 * run last; its lines are `wasi MODE N`.
 * `compile` names the compile workload (`bench/compile.ts`): `wasm_module_new`
 * in MB/s beside V8's `new WebAssembly.Module` on a large real module
 * (esbuild.wasm, fetched by `bench/fetch-large.sh`, never committed) and on
 * each shared kernel's module; run first, before anything has warmed up.
 * `--quick` scales every `n` down (for a smoke run); the figures in the README
 * come from a full run.
 *
 * Each kernel also runs with interruption on (issue 12), in a store that
 * consumes fuel (with more fuel than it needs) and in one with an epoch
 * deadline that is never reached: the columns `fuel` and `epoch` are those
 * times divided by the time with interruption off, `c.fuel` and `c.epoch`
 * the same on the compiled tier. `--no-interrupt` skips them. `--cpu`
 * measures the process's CPU time instead of wall-clock time (on a machine
 * shared with other work, the wait for a core is then not counted).
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { largeCompileWorkload, smallCompileWorkload } from "./compile.js";
import { hostcallWorkload } from "./hostcalls.js";
import { hostCallCostWorkload } from "./host-call-cost.js";
import { peerNodePath, peerV8Times } from "./peer-v8.js";
import { compileModule, Epoch, instantiate, invoke, MAX_FUEL, Store, FuncInstance, type ValidatedModule } from "../impl/index.js";
import { median } from "./median.js";

interface Kernel {
  readonly name: string;
  /** Default n (V8 TurboFan takes roughly 0.3 to 0.5 s per call). */
  readonly n: number;
  /** n for --quick runs. */
  readonly quickN: number;
  /** Wasm instructions executed by run(n), when known exactly (the loop kernel). */
  readonly instructions?: (n: number) => number;
  /** A workload of this repository (`bench/<name>/<name>.wasm`) rather than a shared kernel. */
  readonly own?: boolean;
  /** One of the real C programs of `bench/programs/` (`bench/programs/<name>.wasm`); implies `own`. */
  readonly program?: boolean;
  /**
   * The checksum of run(n) by formula, for a workload that V8 here may not run (GC: Node 20's V8 11.3
   * knows only the pre-standard GC encoding), so that every tier's answer is still checked.
   */
  readonly checksum?: (n: number) => number;
}

/** run(n) of bench/gc/gc.wat: n rounds of a depth-12 tree (8191 nodes plus the depths they hold) and sum(3i, i < 1024). */
function gcChecksum(n: number): number {
  let tree = 0;
  for (let d = 0; d <= 12; d++) tree += (1 + d) * 2 ** (12 - d);
  const array = (3 * 1024 * 1023) / 2;
  return Math.imul(n, tree + array) | 0;
}

/** The little of V8's own WebAssembly API this file uses (the Node typings do not declare it). */
interface V8WebAssembly {
  instantiate(bytes: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const V8Wasm = (globalThis as unknown as { WebAssembly: V8WebAssembly }).WebAssembly;

const KERNELS: readonly Kernel[] = [
  { name: "fib", n: 39, quickN: 27 },
  { name: "loop", n: 300_000_000, quickN: 3_000_000, instructions: (n) => 15 * n + 37 },
  { name: "sieve", n: 400, quickN: 4 },
  { name: "matmul", n: 500, quickN: 5 },
  { name: "crc32", n: 3000, quickN: 30 },
  { name: "qsort", n: 100, quickN: 1 },
  { name: "i64", n: 150_000_000, quickN: 1_500_000 },
  // ---- the project's own workloads (bench/<name>/: C source, build line, .wasm) ----
  // SIMD (issue 6): byte search, byte sum and f32 dot product in v128 code. V8 runs it with
  // native vector instructions, so n is sized for our time (a few seconds), not V8's.
  { name: "simd", n: 3000, quickN: 30, own: true },
  // Atomics (issue 15): read-modify-write, compare-exchange spin, atomic loads and stores on a shared
  // memory, one thread (bench/atomics/: .wat, build.sh). Sized for our time, like simd.
  { name: "atomics", n: 500_000, quickN: 5_000, own: true },
  // GC (issue 18): binary trees of structs built and walked, arrays of i32 made and summed (bench/gc/: .wat,
  // build.sh). V8 runs it where its WebAssembly has standard GC (Node 22 and later: on Node 20, a peer Node's V8
  // in another process, see bench/peer-v8.ts); n sized for about 0.1 s on V8 (at n = 100 a call took V8 8-14 ms,
  // too short to time steadily in a peer process) and 0.3 s on our compiled tier.
  { name: "gc", n: 1000, quickN: 1, own: true, checksum: gcChecksum },
  // Real C programs (bench/programs/: sources, build.sh, .wasm), n sized for about 0.3 s on a quiet V8;
  // their geometric mean is printed apart from the shared kernels'. `programs` names all four.
  { name: "compress", n: 100, quickN: 2, own: true, program: true },
  { name: "interp", n: 300, quickN: 3, own: true, program: true },
  { name: "raytrace", n: 150, quickN: 2, own: true, program: true },
  { name: "json", n: 600, quickN: 5, own: true, program: true },
];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

function kernelsDir(): string {
  return process.env["WASM_BENCH_DIR"] ?? resolve(repoRoot, "..", "shared", "bench", "kernels");
}

/** How a bench run's store is made: the interpreter with interruption off, fuel or an epoch; the compiler tier; the tiered mode. */
type Mode = "off" | "fuel" | "epoch" | "compiled" | "compiled-fuel" | "compiled-epoch" | "tiered";

/** A store with interruption off, with fuel on (never running out), or with an epoch deadline never reached. */
function storeFor(mode: Mode): Store {
  if (mode === "tiered") return new Store({ tier: "tiered" });
  const tier = mode.startsWith("compiled") ? "compiler" : "interpreter";
  if (mode === "fuel" || mode === "compiled-fuel") {
    const s = new Store({ tier, consumeFuel: true });
    s.setFuel(MAX_FUEL);
    return s;
  }
  if (mode === "epoch" || mode === "compiled-epoch") {
    const s = new Store({ tier, epoch: new Epoch() });
    s.setEpochDeadline(1_000_000);
    return s;
  }
  return new Store({ tier });
}

/**
 * The median time of `runs` calls of `run(n)` in a new instance in a store
 * of `mode`, after one untimed call of `run(warmN)` (none in the tiered
 * mode), and the first timed call's; false when a checksum differs.
 */
function ours(module: ValidatedModule, mode: Mode, n: number, runs: number, expected: number, warmN: number): { ms: number; first: number; ok: boolean } {
  const inst = instantiate(storeFor(mode), module, []);
  const run = inst.export("run");
  if (!(run instanceof FuncInstance)) throw new Error("no run export");
  const times: number[] = [];
  let ok = true;
  // The same untimed warm-up call as V8's (see main); the tiered mode's column is its cold first call, so it has none.
  if (mode !== "tiered") invoke(run, [warmN]);
  for (let r = 0; r < runs; r++) {
    const { ms, result } = time(() => invoke(run, [n])[0] as number);
    times.push(ms);
    if (result !== expected) ok = false;
  }
  return { ms: median(times), first: times[0]!, ok };
}

/** `--cpu`: times are this process's CPU time (user + system) rather than wall-clock time, for a machine shared with other work. */
let cpuTime = false;

function time(fn: () => number): { ms: number; result: number } {
  if (cpuTime) {
    const c0 = process.cpuUsage();
    const result = fn();
    const c = process.cpuUsage(c0);
    return { ms: (c.user + c.system) / 1000, result };
  }
  const t0 = process.hrtime.bigint();
  const result = fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, result };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const runsAt = args.indexOf("--runs");
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : quick ? 1 : 3;
  const interrupt = !args.includes("--no-interrupt");
  cpuTime = args.includes("--cpu");
  const only = args.filter((a, i) => !a.startsWith("--") && !(runsAt >= 0 && i === runsAt + 1));
  const dir = kernelsDir();
  if (!existsSync(dir)) {
    console.error(`bench: kernels not found at ${dir}; set WASM_BENCH_DIR to the folder holding <kernel>.wasm`);
    return 2;
  }
  let failures = 0;
  if (!only.length || only.includes("compile")) {
    failures += largeCompileWorkload(quick ? 2 : 8);
    smallCompileWorkload(KERNELS.filter((k) => !k.own).map((k) => join(dir, `${k.name}.wasm`)).filter((f) => existsSync(f)));
  }
  console.log(`kernels: ${dir}; ${runs} run(s) each${quick ? ", quick sizes" : ""}; median ms`);
  console.log(`kernel    n            V8 ms     ours ms    ratio  compiled ms  c.ratio  tiered 1st ms  t.ratio  V8 1st ms  t/1st   checksum${interrupt ? "   fuel   epoch c.fuel c.epoch (with interruption on / off, interpreter and compiled)" : ""}`);
  const ratios: number[] = [];
  const compiledRatios: number[] = [];
  const programRatios: number[] = [];
  const programCompiledRatios: number[] = [];
  const tieredRatios: number[] = [];
  // Our tiered mode's first call / V8's cold first call: the shared kernels', and the project's own workloads'.
  const firstRatios: number[] = [];
  const ownFirstRatios: number[] = [];
  const fuelCosts: number[] = [];
  const epochCosts: number[] = [];
  const cFuelCosts: number[] = [];
  const cEpochCosts: number[] = [];
  for (const k of KERNELS) {
    if (only.length && !only.includes(k.name) && !(k.program && only.includes("programs"))) continue;
    const file = k.program ? join(repoRoot, "bench", "programs", `${k.name}.wasm`)
      : k.own ? join(repoRoot, "bench", k.name, `${k.name}.wasm`) : join(dir, `${k.name}.wasm`);
    if (!existsSync(file)) {
      console.log(`${k.name}: missing ${file}`);
      failures++;
      continue;
    }
    const bytes = new Uint8Array(readFileSync(file));
    const n = quick ? k.quickN : k.n;
    const warmN = quick ? 1 : Math.min(n, 20);

    const v8times: number[] = [];
    let expected = k.checksum ? k.checksum(n) : 0;
    let v8ok = true;
    let v8run: ((n: number) => number) | null = null;
    // V8's cold first call: a fresh instance's first run(n), compile tiers included (beside our tiered mode's first call).
    let v8first = NaN;
    try {
      v8run = (await V8Wasm.instantiate(bytes)).instance.exports["run"] as (n: number) => number;
    } catch (e) {
      // Only a workload with its own checksum may go without this process's V8 (GC on a V8 without standard
      // GC): a peer Node's V8 runs it in another process when there is one (bench/peer-v8.ts).
      if (!k.checksum) throw e;
      const why = e instanceof Error ? e.message : String(e);
      const peer = peerNodePath();
      if (!peer) {
        console.log(`${k.name}: V8 cannot run it here (${why}); ours only, checked against the formula ` +
          "(sh bench/fetch-peer-node.sh fetches a Node whose V8 can)");
      } else {
        try {
          const p = peerV8Times(peer, file, n, runs, warmN, cpuTime);
          v8times.push(...p.times);
          v8first = p.first;
          v8ok = p.results.every((r) => r === expected) && p.firstResult === expected;
          console.log(`${k.name}: this process's V8 cannot run it (${why}); its V8 column is Node ${p.node}'s V8 ${p.v8}, in another process`);
        } catch (pe) {
          console.log(`${k.name}: V8 cannot run it here (${why}) nor in the peer Node ${peer} (${pe instanceof Error ? pe.message.split("\n")[0] : String(pe)}); ours only`);
        }
      }
    }
    if (v8run) {
      const cold = (await V8Wasm.instantiate(bytes)).instance.exports["run"] as (n: number) => number;
      const c = time(() => cold(n));
      v8first = c.ms;
      v8run(warmN); // warm up: every engine but the tiered mode's cold call gets this same call (see ours)
      for (let r = 0; r < runs; r++) {
        const { ms, result } = time(() => v8run!(n));
        v8times.push(ms);
        if (k.checksum) v8ok &&= result === expected;
        else expected = result;
      }
      v8ok &&= c.result === expected; // the cold instance computed the same
    }

    const module = compileModule(bytes);
    // Compiled code first, the interpreter after: an interpreter run allocates slowly and leaves V8's young
    // generation sized for that, which made the compiled tier's next calls on the gc workload 4x to 5x slower
    // (about 1,200 ms against 230-300 ms; not with --max-semi-space-size=64). See DECISIONS.md.
    // The compiler tier (issue 14): the same module in a store whose tier is "compiler".
    const compiled = ours(module, "compiled", n, runs, expected, warmN);
    // The tiered mode: its first call starts on the interpreter and moves to compiled code in the loop.
    const tiered = ours(module, "tiered", n, runs, expected, warmN);
    const cFuel = interrupt ? ours(module, "compiled-fuel", n, runs, expected, warmN) : null;
    const cEpoch = interrupt ? ours(module, "compiled-epoch", n, runs, expected, warmN) : null;
    const off = ours(module, "off", n, runs, expected, warmN);
    let ok = off.ok && compiled.ok && tiered.ok && v8ok;
    let costs = "";
    if (interrupt && cFuel !== null && cEpoch !== null) {
      const fuel = ours(module, "fuel", n, runs, expected, warmN);
      const epoch = ours(module, "epoch", n, runs, expected, warmN);
      ok &&= fuel.ok && epoch.ok && cFuel.ok && cEpoch.ok;
      fuelCosts.push(fuel.ms / off.ms);
      epochCosts.push(epoch.ms / off.ms);
      if (!k.own) {
        cFuelCosts.push(cFuel.ms / compiled.ms);
        cEpochCosts.push(cEpoch.ms / compiled.ms);
      }
      costs = `   ${(fuel.ms / off.ms).toFixed(3)}  ${(epoch.ms / off.ms).toFixed(3)}  ${(cFuel.ms / compiled.ms).toFixed(3)}  ${(cEpoch.ms / compiled.ms).toFixed(3)}`;
    }
    if (!ok) failures++;
    const v8ms = v8times.length ? median(v8times) : NaN;
    const ourMs = off.ms;
    const ratio = ourMs / v8ms;
    // The geometric mean stays the shared kernels' figure, comparable with the peers' table.
    if (!k.own) ratios.push(ratio);
    const cRatio = compiled.ms / v8ms;
    if (!k.own) compiledRatios.push(cRatio);
    if (!k.own) tieredRatios.push(tiered.first / v8ms);
    if (!Number.isNaN(v8first)) (k.own ? ownFirstRatios : firstRatios).push(tiered.first / v8first);
    if (k.program) {
      programRatios.push(ratio);
      programCompiledRatios.push(cRatio);
    }
    // Without V8 (see Kernel.checksum) its column and the ratios read n/a.
    const fix = (x: number, digits: number): string => Number.isNaN(x) ? "n/a" : x.toFixed(digits);
    let line = `${k.name.padEnd(9)} ${String(n).padEnd(12)} ${fix(v8ms, 1).padStart(8)} ${ourMs.toFixed(1).padStart(10)} ${fix(ratio, 2).padStart(8)} ${compiled.ms.toFixed(1).padStart(12)} ${fix(cRatio, 2).padStart(8)} ${tiered.first.toFixed(1).padStart(14)} ${fix(tiered.first / v8ms, 2).padStart(8)} ${fix(v8first, 1).padStart(10)} ${fix(tiered.first / v8first, 2).padStart(6)}   ${ok ? "ok" : `WRONG (${k.checksum ? "expected" : "V8"} ${expected})`}${costs}`;
    if (k.instructions) line += `   ${(k.instructions(n) / (ourMs / 1000) / 1e6).toFixed(0)}M wasm instr/s`;
    console.log(line);
  }
  if (!only.length || only.includes("grow")) failures += await growWorkload(runs);
  if (!only.length || only.includes("hostcalls")) {
    failures += await hostcallWorkload(join(repoRoot, "test", "wasi", "programs", "hostcalls.wasm"), runs, quick);
  }
  if (!only.length || only.includes("hostcost")) failures += await hostCallCostWorkload(runs, quick);
  const geomean = (xs: number[]): number => Math.exp(xs.reduce((s, r) => s + Math.log(r), 0) / xs.length);
  if (ratios.length) console.log(`geometric mean ratio (ours / V8): ${geomean(ratios).toFixed(2)}`);
  if (compiledRatios.length) console.log(`geometric mean ratio (ours compiled / V8): ${geomean(compiledRatios).toFixed(2)}`);
  if (programRatios.length) {
    console.log(`real programs, geometric mean ratio: ours / V8 ${geomean(programRatios).toFixed(2)}, compiled / V8 ${geomean(programCompiledRatios).toFixed(2)}`);
  }
  if (tieredRatios.length) console.log(`geometric mean ratio (ours tiered, first call / V8): ${geomean(tieredRatios).toFixed(2)}`);
  if (firstRatios.length || ownFirstRatios.length) {
    console.log(`first calls, geometric mean ratio (ours tiered / V8's cold first call): shared kernels ${firstRatios.length ? geomean(firstRatios).toFixed(2) : "n/a"}, ` +
      `own workloads ${ownFirstRatios.length ? geomean(ownFirstRatios).toFixed(2) : "n/a"}`);
  }
  if (fuelCosts.length) {
    console.log(`interruption on / off, geometric mean: fuel ${geomean(fuelCosts).toFixed(3)}, epoch ${geomean(epochCosts).toFixed(3)}` +
      (cFuelCosts.length ? `; compiled: fuel ${geomean(cFuelCosts).toFixed(3)}, epoch ${geomean(cEpochCosts).toFixed(3)}` : ""));
  }
  if (failures) console.log(`${failures} kernel(s) failed`);
  return failures ? 1 : 0;
}

/**
 * The `grow` workload (issue 12): `memory.grow` in many steps on a fresh
 * instance per run, 256 x 16 pages (to 4097 pages, 256 MiB) and 1,000 x 1
 * page, each new page written and read back. Not in the geometric mean.
 */
async function growWorkload(runs: number): Promise<number> {
  const bytes = new Uint8Array(readFileSync(join(repoRoot, "bench", "grow", "grow.wasm")));
  let failures = 0;
  for (const [count, delta] of [[256, 16], [1000, 1]] as const) {
    const v8times: number[] = [];
    const ourTimes: number[] = [];
    let expected = 0;
    let ok = true;
    for (let r = 0; r < runs; r++) {
      const v8 = await V8Wasm.instantiate(bytes);
      const v8run = v8.instance.exports["run"] as (count: number, delta: number) => number;
      const v = time(() => v8run(count, delta));
      v8times.push(v.ms);
      expected = v.result;
      const run = instantiate(new Store(), compileModule(bytes), []).export("run");
      if (!(run instanceof FuncInstance)) throw new Error("grow: no run export");
      const o = time(() => invoke(run, [count, delta])[0] as number);
      ourTimes.push(o.ms);
      if (o.result !== expected || expected < 0) ok = false;
    }
    if (!ok) failures++;
    const v8ms = median(v8times);
    const ourMs = median(ourTimes);
    const name = `grow ${count}x${delta}`;
    console.log(`${name.padEnd(22)} ${v8ms.toFixed(1).padStart(8)} ${ourMs.toFixed(1).padStart(10)} ${(ourMs / v8ms).toFixed(2).padStart(8)}   ${ok ? "ok" : `WRONG (V8 ${expected})`}`);
  }
  return failures;
}

process.exitCode = await main();
