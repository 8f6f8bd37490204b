/**
 * Example (issue 15, must-show 2): a multi-threaded program with a result
 * that does not depend on scheduling. `threads-sum.wat` has a mutex and a
 * condition variable built of atomics and `memory.atomic.wait32`/`notify`;
 * four workers add 1..10000 into one sum, each addition under the mutex,
 * then two workers play ping-pong on the condition variable for 100 rounds
 * each. Every worker obtains the module and the host-made shared memory
 * through the C API (`wasm_module_obtain`, `wasmts_memory_obtain`) in a store
 * of its own. Only the main thread prints, after all have finished.
 * @module
 */
import { readFileSync } from "node:fs";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, WASM_I32_VAL, WASM_I64_VAL, wasm_byte_vec_delete, wasm_byte_vec_new,
  wasm_engine_delete, wasm_engine_new, wasm_extern_as_func, wasm_extern_vec_delete, wasm_func_call,
  wasm_instance_delete, wasm_instance_exports, wasm_instance_new, wasm_memory_as_extern, wasm_memory_data,
  wasm_memory_delete, wasm_memory_new, wasm_memorytype_delete, wasm_module_delete, wasm_module_new,
  wasm_module_obtain, wasm_module_share, wasm_shared_module_delete, wasm_store_delete, wasm_store_new,
  wasmts_memory_obtain, wasmts_memory_share, wasmts_memorytype_new, wasmts_shared_memory_delete,
  type wasm_byte_vec_t, type wasm_extern_vec_t, type wasm_func_t, type wasm_memory_t, type wasm_module_t,
  type wasm_shared_module_t, type wasm_store_t, type wasm_val_t, type wasmts_shared_memory_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

const SUM_WORKERS = 4;
const N = 10000;
const ROUNDS = 100;
// The exports of threads-sum.wat, in order.
const SUM = 0, TOTAL = 1, PLAY = 2, TURNS = 3;

interface Job {
  module: wasm_shared_module_t;
  memory: wasmts_shared_memory_t;
  /** `sum` with (first, step, n), or `play` with (me, rounds). */
  call: typeof SUM | typeof PLAY;
  args: number[];
}

/** Instantiates the module over the memory; returns its exports (the caller deletes them). */
function instantiate(store: wasm_store_t, module: wasm_module_t, memory: wasm_memory_t): wasm_extern_vec_t {
  const instance = wasm_instance_new(store, module, WASM_ARRAY_VEC([wasm_memory_as_extern(memory)]), null);
  if (!instance) throw new Error("> Error instantiating module!");
  const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(instance, exports);
  wasm_instance_delete(instance);
  return exports;
}

/** Calls an export with i32 arguments; returns its one result. */
function call(f: wasm_func_t, args: number[]): wasm_val_t {
  const results = WASM_ARRAY_VEC([WASM_I64_VAL(0n)]);
  if (wasm_func_call(f, WASM_ARRAY_VEC(args.map((a) => WASM_I32_VAL(a))), results)) throw new Error("> Error calling function!");
  return results.data[0]!;
}

// The body of each worker: its own engine and store, the module and the memory obtained, one call.
function work(job: Job): number {
  const engine = wasm_engine_new();
  const store = wasm_store_new(engine);
  const module = wasm_module_obtain(store, job.module);
  const memory = wasmts_memory_obtain(store, job.memory);
  if (!module || !memory) throw new Error("> Error obtaining module or memory!");
  const exports = instantiate(store, module, memory);
  const done = call(wasm_extern_as_func(exports.data[job.call])!, job.args).of.i32 as number;
  wasm_extern_vec_delete(exports);
  wasm_memory_delete(memory);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return done;
}

function spawn(job: Job): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}

async function main(): Promise<void> {
  const engine = wasm_engine_new();
  const store = wasm_store_new(engine);
  const file = readFileSync(exampleFile("threads-sum.wasm"));
  const binary: wasm_byte_vec_t = WASM_EMPTY_VEC();
  wasm_byte_vec_new(binary, file.length, file);
  const module = wasm_module_new(store, binary);
  wasm_byte_vec_delete(binary);
  if (!module) throw new Error("> Error compiling module!");

  // One shared page, made by the host and handed to every worker.
  const type = wasmts_memorytype_new(1, true, 1, false, true)!;
  const memory = wasm_memory_new(store, type)!;
  wasm_memorytype_delete(type);
  const sharedModule = wasm_module_share(module);
  const sharedMemory = wasmts_memory_share(memory)!;

  console.log(`Summing 1..${N} in ${SUM_WORKERS} workers, each addition under one mutex...`);
  const counts = await Promise.all(Array.from({ length: SUM_WORKERS }, (_, i) =>
    spawn({ module: sharedModule, memory: sharedMemory, call: SUM, args: [i + 1, SUM_WORKERS, N] })));
  console.log(`Additions per worker: ${counts.join(", ")}`);

  console.log(`Ping-pong: two workers, ${ROUNDS} rounds each, on one condition variable...`);
  const turns = await Promise.all([0, 1].map((me) =>
    spawn({ module: sharedModule, memory: sharedMemory, call: PLAY, args: [me, ROUNDS] })));
  console.log(`Turns per worker: ${turns.join(", ")}`);

  // The main thread reads the results through its own instance over the same memory.
  const exports = instantiate(store, module, memory);
  const total = call(wasm_extern_as_func(exports.data[TOTAL])!, []).of.i64 as bigint;
  console.log(`Sum: ${total} (expected ${(N * (N + 1)) / 2})`);
  const taken = call(wasm_extern_as_func(exports.data[TURNS])!, []).of.i32 as number;
  const trace = wasm_memory_data(memory).subarray(64, 64 + taken);
  const alternating = trace.every((who, k) => who === (k % 2 === 0 ? 1 : 2));
  console.log(`Turns taken: ${taken}, strictly ping, pong, ping, ...: ${alternating ? "yes" : "no"}`);
  wasm_extern_vec_delete(exports);

  wasmts_shared_memory_delete(sharedMemory);
  wasm_shared_module_delete(sharedModule);
  wasm_memory_delete(memory);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
}

if (isMainThread) await main();
else parentPort!.postMessage(work(workerData as Job));
