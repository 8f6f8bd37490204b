/**
 * Run by the peer Node of `bench/peer-v8.ts`, never by the engine: times
 * `run(n)` of one module on that Node's own WebAssembly, the way `bench/run.ts`
 * times V8 in its own process (a fresh instance's cold first call; then on
 * another instance one warm-up call and `runs` timed calls), and prints one
 * JSON line: the V8 version, each call's milliseconds and result, and the
 * cold call's.
 *
 * Usage: `node-22 dist/bench/peer-run.js FILE N RUNS WARM_N cpu|wall`
 * @module
 */
import { readFileSync } from "node:fs";

/** The little of V8's own WebAssembly API this file uses (the Node typings do not declare it). */
interface V8WebAssembly {
  instantiate(bytes: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

async function main(): Promise<void> {
  const [file, nText, runsText, warmText, clock] = process.argv.slice(2);
  if (!file || !nText || !runsText || !warmText || (clock !== "cpu" && clock !== "wall")) {
    throw new Error("usage: peer-run FILE N RUNS WARM_N cpu|wall");
  }
  const wasm = (globalThis as unknown as { WebAssembly: V8WebAssembly }).WebAssembly;
  const bytes = new Uint8Array(readFileSync(file));
  const timed = (run: (n: number) => number): { ms: number; result: number } => {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const result = run(Number(nText));
    const c = process.cpuUsage(c0);
    return { ms: clock === "cpu" ? (c.user + c.system) / 1000 : Number(process.hrtime.bigint() - t0) / 1e6, result };
  };
  // The cold first call of a fresh instance, as bench/run.ts prints beside the tiered mode's.
  const cold = timed((await wasm.instantiate(bytes)).instance.exports["run"] as (n: number) => number);
  const { instance } = await wasm.instantiate(bytes);
  const run = instance.exports["run"] as (n: number) => number;
  run(Number(warmText));
  const times: number[] = [];
  const results: number[] = [];
  for (let r = 0; r < Number(runsText); r++) {
    const t = timed(run);
    times.push(t.ms);
    results.push(t.result);
  }
  console.log(JSON.stringify({ v8: process.versions.v8, node: process.version, times, results, first: cold.ms, firstResult: cold.result }));
}

await main();
