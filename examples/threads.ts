/**
 * Example (the classic `threads` program of the C API): ten threads (Node
 * worker threads) obtain one shared module, each in its own store, and run it
 * three times. The lines come out in an order that varies from run to run;
 * `threads.multiset` tells the example test to compare them as a multiset.
 *
 * A JavaScript object cannot cross threads, so each worker makes its own
 * engine (porting guide (docs/porting-guide.md), rule 14); what crosses is the
 * `wasm_shared_module_t`, which survives structured cloning.
 * @module
 */
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { isMainThread, Worker, workerData } from "node:worker_threads";
import {
  WASM_ARRAY_VEC, WASM_CONST, WASM_EMPTY_VEC, WASM_I32, WASM_I32_VAL, wasm_byte_vec_delete, wasm_byte_vec_new,
  wasm_engine_delete, wasm_engine_new, wasm_extern_as_func, wasm_extern_vec_delete, wasm_func_as_extern,
  wasm_func_call, wasm_func_delete, wasm_func_new, wasm_functype_delete, wasm_functype_new_1_0,
  wasm_global_as_extern, wasm_global_delete, wasm_global_new, wasm_globaltype_delete, wasm_globaltype_new,
  wasm_instance_delete, wasm_instance_exports, wasm_instance_new, wasm_module_delete, wasm_module_new,
  wasm_module_obtain, wasm_module_share, wasm_shared_module_delete, wasm_store_delete, wasm_store_new,
  wasm_valtype_new_i32,
  type wasm_byte_vec_t, type wasm_extern_vec_t, type wasm_shared_module_t, type wasm_trap_t, type wasm_val_vec_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

const N_THREADS = 10;
const N_REPS = 3;

// A function to be called from Wasm code.
function callback(args: wasm_val_vec_t, _results: wasm_val_vec_t): wasm_trap_t | null {
  if (args.data[0]!.kind !== WASM_I32) throw new Error("expected an i32 argument");
  console.log(`> Thread ${args.data[0]!.of.i32} running`);
  return null;
}

interface ThreadArgs {
  module: wasm_shared_module_t;
  id: number;
}

// The body of each worker thread.
async function run(args: ThreadArgs): Promise<number> {
  // Recreate engine, store and module.
  const engine = wasm_engine_new();
  const store = wasm_store_new(engine);
  const module = wasm_module_obtain(store, args.module);
  if (!module) {
    console.log("> Error obtaining module!");
    return 1;
  }

  // Run the example N times.
  for (let i = 0; i < N_REPS; ++i) {
    await sleep(100);

    // Create imports.
    const func_type = wasm_functype_new_1_0(wasm_valtype_new_i32());
    const func = wasm_func_new(store, func_type, callback);
    wasm_functype_delete(func_type);

    const val = WASM_I32_VAL(args.id);
    const global_type = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_CONST);
    const global = wasm_global_new(store, global_type, val);
    wasm_globaltype_delete(global_type);

    // Instantiate.
    const externs = [wasm_func_as_extern(func), wasm_global_as_extern(global)];
    const imports: wasm_extern_vec_t = WASM_ARRAY_VEC(externs);
    const instance = wasm_instance_new(store, module, imports, null);
    if (!instance) {
      console.log("> Error instantiating module!");
      return 1;
    }
    wasm_func_delete(func);
    wasm_global_delete(global);

    // Extract export.
    const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
    wasm_instance_exports(instance, exports);
    if (exports.size === 0) {
      console.log("> Error accessing exports!");
      return 1;
    }
    const run_func = wasm_extern_as_func(exports.data[0]);
    if (run_func === null) {
      console.log("> Error accessing export!");
      return 1;
    }
    wasm_instance_delete(instance);

    // Call.
    const empty = WASM_EMPTY_VEC();
    if (wasm_func_call(run_func, empty, empty)) {
      console.log("> Error calling function!");
      return 1;
    }
    wasm_extern_vec_delete(exports);
  }

  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return 0;
}

async function main(): Promise<number> {
  // Initialize.
  const engine = wasm_engine_new();
  const store = wasm_store_new(engine);

  // Load binary.
  let file: Uint8Array;
  try {
    file = readFileSync(exampleFile("threads.wasm"));
  } catch {
    console.log("> Error loading module!");
    return 1;
  }
  const binary: wasm_byte_vec_t = WASM_EMPTY_VEC();
  wasm_byte_vec_new(binary, file.length, file);

  // Compile and share.
  const module = wasm_module_new(store, binary);
  if (!module) {
    console.log("> Error compiling module!");
    return 1;
  }
  wasm_byte_vec_delete(binary);

  const shared = wasm_module_share(module);
  wasm_module_delete(module);

  // Spawn threads.
  const threads: Promise<number>[] = [];
  for (let i = 0; i < N_THREADS; i++) {
    console.log(`Initializing thread ${i}...`);
    const args: ThreadArgs = { module: shared, id: i };
    const worker = new Worker(new URL(import.meta.url), { workerData: args });
    threads.push(new Promise((resolve) => {
      worker.once("error", (e) => {
        console.log(`> Error in thread ${i}: ${e.message}`);
        resolve(1);
      });
      worker.once("exit", (code) => resolve(code));
    }));
  }

  let failed = 0;
  for (let i = 0; i < N_THREADS; i++) {
    console.log(`Waiting for thread: ${i}`);
    if (await threads[i]!) failed++;
  }

  wasm_shared_module_delete(shared);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return failed ? 1 : 0;
}

process.exitCode = isMainThread ? await main() : await run(workerData as ThreadArgs);
