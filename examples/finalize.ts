/**
 * Example (the classic `finalize` program of the C API): 100,001 instances
 * per run, each with host info and a finalizer, deleted at once; finalizers
 * run deterministically (on the last handle's delete, at the latest when the
 * store is deleted), so the live count ends at 0.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_EMPTY_VEC, wasm_byte_vec_delete, wasm_byte_vec_new, wasm_engine_delete, wasm_engine_new, wasm_instance_delete,
  wasm_instance_new, wasm_instance_set_host_info_with_finalizer, wasm_module_delete, wasm_module_new,
  wasm_store_delete, wasm_store_new, wasmts_live_count,
  type wasm_byte_vec_t, type wasm_extern_vec_t, type wasm_store_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

const iterations = 100000;

let live_count = 0;

function finalize(data: unknown): void {
  const i = data as number;
  if (i % (iterations / 10) === 0) console.log(`Finalizing #${i}...`);
  --live_count;
}

function run_in_store(store: wasm_store_t): boolean {
  // Load binary.
  console.log("Loading binary...");
  let file: Uint8Array;
  try {
    file = readFileSync(exampleFile("finalize.wasm"));
  } catch {
    console.log("> Error loading module!");
    return false;
  }
  const binary: wasm_byte_vec_t = WASM_EMPTY_VEC();
  wasm_byte_vec_new(binary, file.length, file);

  // Compile.
  console.log("Compiling module...");
  const module = wasm_module_new(store, binary);
  if (!module) {
    console.log("> Error compiling module!");
    return false;
  }
  wasm_byte_vec_delete(binary);

  // Instantiate.
  console.log("Instantiating modules...");
  for (let i = 0; i <= iterations; ++i) {
    if (i % (iterations / 10) === 0) console.log(i);
    const imports: wasm_extern_vec_t = WASM_EMPTY_VEC();
    const instance = wasm_instance_new(store, module, imports, null);
    if (!instance) {
      console.log(`> Error instantiating module ${i}!`);
      return false;
    }
    wasm_instance_set_host_info_with_finalizer(instance, i, finalize);
    ++live_count;
    wasm_instance_delete(instance);
  }

  wasm_module_delete(module);
  return true;
}

function main(): number {
  const baseline = wasmts_live_count();

  // Initialize.
  console.log("Initializing...");
  const engine = wasm_engine_new();

  console.log(`Live count ${live_count}`);
  console.log("Creating store 1...");
  const store1 = wasm_store_new(engine);

  console.log("Running in store 1...");
  if (!run_in_store(store1)) return 1;
  console.log(`Live count ${live_count}`);

  console.log("Creating store 2...");
  const store2 = wasm_store_new(engine);

  console.log("Running in store 2...");
  if (!run_in_store(store2)) return 1;
  console.log(`Live count ${live_count}`);

  console.log("Deleting store 2...");
  wasm_store_delete(store2);
  console.log(`Live count ${live_count}`);

  console.log("Running in store 1...");
  if (!run_in_store(store1)) return 1;
  console.log(`Live count ${live_count}`);

  console.log("Deleting store 1...");
  wasm_store_delete(store1);
  console.log(`Live count ${live_count}`);

  if (live_count !== 0) {
    console.log("> Error: finalizers did not all run");
    return 1;
  }

  // Shut down.
  console.log("Shutting down...");
  wasm_engine_delete(engine);

  // The library's own count of live objects is back where it started: nothing leaked.
  if (wasmts_live_count() !== baseline) {
    console.log(`> Error: ${wasmts_live_count() - baseline} objects leaked`);
    return 1;
  }

  // All done.
  console.log("Done.");
  return 0;
}

process.exitCode = main();
