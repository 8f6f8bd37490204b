/**
 * The compile workload (issue 14): how fast `wasm_module_new` decodes and
 * validates, in MB of module per second, beside V8's `new WebAssembly.Module`
 * on the same bytes, for a large real module and for the shared kernels.
 *
 * The large module is esbuild's `esbuild.wasm` (a Go program: 14 MB, 10 MB of
 * code in 5,300 functions, 98,000 data segments), a benchmark input that is
 * never committed: `$WASM_BENCH_LARGE_MODULE` names it, or it is looked for at
 * {@link defaultLargeModulePath}; `bench/fetch-large.sh` puts it there.
 *
 * V8 (Node 20) decodes the module and validates every function at this call
 * (lazy validation is off by default) but compiles none: lazy compilation is
 * on, so each function is compiled by Liftoff when first called (and by
 * TurboFan when hot). That is the same work as ours: ours also compiles
 * (lowers) a function only on its first call. V8 keeps compiled modules in a
 * cache keyed by their bytes, so every compile here gets bytes of its own (a
 * custom section holding a counter is appended), for V8 and for us alike.
 * @module
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as C from "../capi/index.js";
import { firstCallWorkload } from "./first-call.js";
import { median } from "./median.js";

/** The little of V8's own WebAssembly API this file uses (the Node typings do not declare it). */
interface V8WebAssembly {
  Module: new (bytes: Uint8Array) => object;
}
const V8Wasm = (globalThis as unknown as { WebAssembly: V8WebAssembly }).WebAssembly;

/** Where `bench/fetch-large.sh` puts the large module: `$XDG_CACHE_HOME/wasm-c-api-ts/esbuild.wasm` (default `~/.cache`). */
export function defaultLargeModulePath(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env["XDG_CACHE_HOME"] ?? join(homedir(), ".cache");
  return join(cache, "wasm-c-api-ts", "esbuild.wasm");
}

/** The large module's path: `$WASM_BENCH_LARGE_MODULE`, else {@link defaultLargeModulePath}. */
export function largeModulePath(env: NodeJS.ProcessEnv = process.env): string {
  return env["WASM_BENCH_LARGE_MODULE"] ?? defaultLargeModulePath(env);
}

/**
 * `bytes` with a custom section named `bench` appended that holds `n`: a
 * module no cache has seen, that decodes to the same module.
 */
export function withCounter(bytes: Uint8Array, n: number): Uint8Array {
  const payload = [5, 0x62, 0x65, 0x6e, 0x63, 0x68, n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  const out = new Uint8Array(bytes.length + 2 + payload.length);
  out.set(bytes);
  out[bytes.length] = 0;
  out[bytes.length + 1] = payload.length;
  out.set(payload, bytes.length + 2);
  return out;
}

let counter = 0;

/** Milliseconds of one `wasm_module_new` on `bytes` (the byte vector is made outside the timing); throws when it fails. */
function oursOnce(store: C.wasm_store_t, bytes: Uint8Array): number {
  const vec: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_byte_vec_new(vec, bytes.length, bytes);
  const t0 = process.hrtime.bigint();
  const module = C.wasm_module_new(store, vec);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  C.wasm_byte_vec_delete(vec);
  if (module === null) throw new Error(`wasm_module_new refused the module (error at byte offset ${C.wasmts_module_last_error_offset(store)})`);
  C.wasm_module_delete(module);
  return ms;
}

function v8Once(bytes: Uint8Array): number {
  const t0 = process.hrtime.bigint();
  new V8Wasm.Module(bytes);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const mbps = (bytes: number, ms: number): string => (bytes / 1e3 / ms).toFixed(1);

/**
 * Compiles the large module `runs + 1` times (at least 3) with each engine, alternating:
 * prints the first compile (ours runs cold, before V8 has optimised the
 * decoder and validator) and the median of the rest; then runs it to a
 * first result on each tier (./first-call.ts; `whole` adds the compiler
 * tier forced to compile the whole module at once, about 25 s). Returns the
 * number of failures (1 when the module is missing).
 */
export function largeCompileWorkload(runs: number, env: NodeJS.ProcessEnv = process.env, whole = false): number {
  const path = largeModulePath(env);
  if (!existsSync(path)) {
    console.log(`compile: large module missing at ${path}; run bench/fetch-large.sh (or set WASM_BENCH_LARGE_MODULE to a .wasm of 10 MB or more)`);
    return 1;
  }
  const bytes = new Uint8Array(readFileSync(path));
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  const ours: number[] = [];
  const v8: number[] = [];
  try {
    for (let r = 0; r <= Math.max(runs, 2); r++) {
      const fresh = withCounter(bytes, counter++);
      ours.push(oursOnce(store, fresh));
      v8.push(v8Once(fresh));
    }
  } finally {
    C.wasm_store_delete(store);
    C.wasm_engine_delete(engine);
  }
  const size = bytes.length;
  const first = `first ${mbps(size, ours[0]!)} / ${mbps(size, v8[0]!)}`;
  const steady = `median ${mbps(size, median(ours.slice(1)))} / ${mbps(size, median(v8.slice(1)))}`;
  console.log(`compile ${basename(path)} (${(size / 1e6).toFixed(2)} MB), wasm_module_new / V8 new WebAssembly.Module, MB/s: ${first}; ${steady}`);
  // Then time to first result on each tier (./first-call.ts): what compiling lazily saves.
  return firstCallWorkload(bytes, basename(path), whole);
}

/**
 * Compiles each small module repeatedly (after 5 untimed compiles, at least
 * 100 ms and 20 times per engine) and prints the MB/s of both: there, fixed costs per module count
 * as much as bytes.
 */
export function smallCompileWorkload(files: readonly string[]): void {
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  try {
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const measure = (once: (b: Uint8Array) => number): number => {
        for (let i = 0; i < 5; i++) once(withCounter(bytes, counter++)); // warm-up, untimed
        let total = 0;
        let n = 0;
        while (total < 100 || n < 20) {
          total += once(withCounter(bytes, counter++));
          n++;
        }
        return total / n;
      };
      const ourMs = measure((b) => oursOnce(store, b));
      const v8Ms = measure(v8Once);
      console.log(`compile ${basename(file).padEnd(13)} ${String(bytes.length).padStart(7)} bytes, MB/s ours ${mbps(bytes.length, ourMs).padStart(6)}, V8 ${mbps(bytes.length, v8Ms).padStart(6)}`);
    }
  } finally {
    C.wasm_store_delete(store);
    C.wasm_engine_delete(engine);
  }
}

/**
 * CPU milliseconds (`process.cpuUsage`: user and system, every thread, so
 * V8's background compiler and collector count) of `count` compiles of
 * `bytes` by `wasm_module_new` in this process, each on bytes of its own.
 * The first is the first compile of the process, when V8 has optimised
 * nothing of the decoder and validator yet.
 */
export function cpuCompiles(bytes: Uint8Array, count: number): number[] {
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  const out: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const vec: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
      C.wasm_byte_vec_new(vec, bytes.length, withCounter(bytes, counter++));
      const c0 = process.cpuUsage();
      const module = C.wasm_module_new(store, vec);
      const c = process.cpuUsage(c0);
      C.wasm_byte_vec_delete(vec);
      if (module === null) throw new Error(`wasm_module_new refused the module (error at byte offset ${C.wasmts_module_last_error_offset(store)})`);
      C.wasm_module_delete(module);
      out.push((c.user + c.system) / 1000);
    }
  } finally {
    C.wasm_store_delete(store);
    C.wasm_engine_delete(engine);
  }
  return out;
}

/**
 * The README's compile-speed figures: `processes` fresh processes each
 * compile the large module 4 times ({@link cpuCompiles}); prints the
 * median CPU MB/s of the first compiles (with the slowest and fastest) and
 * of the later ones. Returns 1 when the module is missing.
 */
export function freshProcessCompiles(processes: number, env: NodeJS.ProcessEnv = process.env): number {
  const path = largeModulePath(env);
  if (!existsSync(path)) {
    console.log(`compile: large module missing at ${path}; run bench/fetch-large.sh`);
    return 1;
  }
  const size = readFileSync(path).length;
  const firsts: number[] = [];
  const laters: number[] = [];
  for (let p = 0; p < processes; p++) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child", "4"], { env, encoding: "utf8" });
    const ms = JSON.parse(out) as number[];
    firsts.push(ms[0]!);
    laters.push(...ms.slice(1));
  }
  const sorted = [...firsts].sort((a, b) => a - b);
  console.log(`compile ${basename(path)}, CPU time of wasm_module_new, ${processes} fresh processes: ` +
    `first ${mbps(size, median(firsts))} MB/s (${mbps(size, sorted[sorted.length - 1]!)}-${mbps(size, sorted[0]!)}), ` +
    `2nd-4th ${mbps(size, median(laters))} MB/s; ms: first ${median(firsts).toFixed(0)}, later ${median(laters).toFixed(0)}`);
  return 0;
}

// `node dist/bench/compile.js [--fresh N]`: the figures of freshProcessCompiles (18 processes by default);
// `--child N` is one of those processes (prints its N CPU times as JSON).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const child = args.indexOf("--child");
  if (child >= 0) {
    console.log(JSON.stringify(cpuCompiles(new Uint8Array(readFileSync(largeModulePath())), Number(args[child + 1] ?? 4))));
  } else {
    const fresh = args.indexOf("--fresh");
    process.exitCode = freshProcessCompiles(fresh >= 0 ? Number(args[fresh + 1] ?? 18) : 18);
  }
}
