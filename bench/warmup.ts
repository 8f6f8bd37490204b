/**
 * `node dist/bench/warmup.js PROGRAM [N] [CALLS]`: how the compiled tier
 * warms up on one real program of `bench/programs/` (default N: the bench's
 * n; CALLS: 8). V8's own WebAssembly and the compiled tier alternate call by
 * call, so both see the same load, and each call is timed in wall time and
 * in the process's CPU time (user + system, all threads: V8's background
 * compiles included), which a machine shared with other jobs disturbs far
 * less. Prints every call, the first call's CPU ratio and the median ratio
 * of calls 4 onwards ("warm"). Every checksum is compared with V8's.
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compileModule, FuncInstance, instantiate, invoke, Store } from "../impl/index.js";
import { median } from "./median.js";

/** The little of V8's own WebAssembly API this file uses (the Node typings do not declare it). */
interface V8WebAssembly {
  instantiate(bytes: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const V8Wasm = (globalThis as unknown as { WebAssembly: V8WebAssembly }).WebAssembly;

/** The bench's n for each program (`bench/run.ts`). */
const DEFAULT_N: Record<string, number> = { compress: 100, interp: 300, raytrace: 150, json: 600 };

const programs = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "bench", "programs");

/** Wall and CPU milliseconds of one call, and its result. */
function timed(fn: () => number): { wall: number; cpu: number; result: number } {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  const result = fn();
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1000, result };
}

async function main(): Promise<number> {
  const [name, nArg, callsArg] = process.argv.slice(2);
  if (!name || !(name in DEFAULT_N)) {
    console.error(`usage: warmup.js PROGRAM [N] [CALLS], PROGRAM one of ${Object.keys(DEFAULT_N).join(", ")}`);
    return 2;
  }
  const file = join(programs, `${name}.wasm`);
  if (!existsSync(file)) {
    console.error(`warmup: missing ${file}`);
    return 2;
  }
  const n = nArg ? Number(nArg) : DEFAULT_N[name]!;
  const calls = Math.max(4, callsArg ? Number(callsArg) : 8);
  const bytes = new Uint8Array(readFileSync(file));
  const v8run = (await V8Wasm.instantiate(bytes)).instance.exports["run"] as (n: number) => number;
  const run = instantiate(new Store({ tier: "compiler" }), compileModule(bytes), []).export("run");
  if (!(run instanceof FuncInstance)) throw new Error("no run export");
  v8run(1); // V8 compiles the module, as the bench's warm-up call does
  const rows: { v8: ReturnType<typeof timed>; ours: ReturnType<typeof timed> }[] = [];
  let wrong = 0;
  for (let i = 0; i < calls; i++) {
    const v8 = timed(() => v8run(n));
    const ours = timed(() => invoke(run, [n])[0] as number);
    if (ours.result !== v8.result) wrong++;
    rows.push({ v8, ours });
  }
  console.log(`${name} n=${n}: call, V8 wall/cpu ms, compiled wall/cpu ms`);
  rows.forEach((r, i) => console.log(`  ${i + 1}  ${r.v8.wall.toFixed(0)}/${r.v8.cpu.toFixed(0)}  ${r.ours.wall.toFixed(0)}/${r.ours.cpu.toFixed(0)}`));
  const warm = rows.slice(3);
  console.log(`${name}: compiled / V8, first call (CPU) ${(rows[0]!.ours.cpu / rows[0]!.v8.cpu).toFixed(2)}; ` +
    `warm, calls 4-${calls}: CPU ${median(warm.map((r) => r.ours.cpu / r.v8.cpu)).toFixed(2)}, ` +
    `wall ${median(warm.map((r) => r.ours.wall / r.v8.wall)).toFixed(2)}${wrong ? `; ${wrong} WRONG checksum(s)` : ""}`);
  return wrong ? 1 : 0;
}

process.exitCode = await main();
