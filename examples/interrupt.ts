/**
 * Example (issue 12): the host stops code that never returns, three ways,
 * and keeps using the store afterwards. An infinite loop is stopped by fuel
 * (a deterministic budget), by a wall-clock deadline, and by an epoch that
 * another worker thread advances; after each the program prints the trap
 * with its frames and calls another function in the same store.
 *
 * The worker is this same file (run with `workerData`): it waits until the
 * main thread is about to block in the loop, then increments the engine's
 * epoch through the buffer it was given.
 * @module
 */
import { readFileSync } from "node:fs";
import { once } from "node:events";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, WASM_I32_VAL, WASM_INIT_VAL, wasm_byte_vec_delete, wasm_byte_vec_new,
  wasm_config_new, wasm_engine_delete, wasm_engine_new_with_config, wasm_extern_as_func, wasm_extern_vec_delete,
  wasm_frame_func_index, wasm_frame_func_offset, wasm_frame_module_offset, wasm_frame_vec_delete, wasm_func_call,
  wasm_instance_delete, wasm_instance_exports, wasm_instance_new, wasm_module_delete, wasm_module_new,
  wasm_store_delete, wasm_store_new, wasm_trap_delete, wasm_trap_message, wasm_trap_trace,
  wasmts_byte_vec_to_string, wasmts_config_consume_fuel, wasmts_config_epoch_interruption, wasmts_engine_epoch_buffer,
  wasmts_epoch_increment, wasmts_store_clear_deadline, wasmts_store_clear_epoch_deadline, wasmts_store_get_fuel,
  wasmts_store_set_deadline, wasmts_store_set_epoch_deadline, wasmts_store_set_fuel,
  type wasm_byte_vec_t, type wasm_extern_vec_t, type wasm_frame_vec_t, type wasm_func_t, type wasm_message_t,
  type wasm_trap_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

interface EpochArgs {
  /** The engine's epoch counter (`wasmts_engine_epoch_buffer`). */
  epoch: SharedArrayBuffer;
  /** Set to 1 by the main thread just before it runs the loop. */
  go: SharedArrayBuffer;
}

// The worker: wait for the main thread's signal, then advance the epoch.
function bumpEpoch(args: EpochArgs): void {
  parentPort!.postMessage("ready");
  Atomics.wait(new Int32Array(args.go), 0, 0);
  wasmts_epoch_increment(args.epoch);
}

// Print a trap's message and frames (no times: the output is the same on every run). Where
// the trap's place depends on timing (a deadline or an epoch bump can land before the loop's
// first check, at the function's entry, or at a later check, in the loop), only the function is printed.
function print_trap(trap: wasm_trap_t, offsets: boolean): void {
  const message: wasm_message_t = WASM_EMPTY_VEC();
  wasm_trap_message(trap, message);
  console.log(`> trap: ${wasmts_byte_vec_to_string(message)}`);
  wasm_byte_vec_delete(message);
  const trace: wasm_frame_vec_t = WASM_EMPTY_VEC();
  wasm_trap_trace(trap, trace);
  for (const frame of trace.data) {
    const where = offsets
      ? ` at 0x${wasm_frame_func_offset(frame!).toString(16)} (module offset 0x${wasm_frame_module_offset(frame!).toString(16)})`
      : "";
    console.log(`> frame: function ${wasm_frame_func_index(frame!)}${where}`);
  }
  wasm_frame_vec_delete(trace);
  wasm_trap_delete(trap);
}

// Run the loop; it must trap.
function stop(spin: wasm_func_t, offsets = true): boolean {
  const trap = wasm_func_call(spin, WASM_EMPTY_VEC(), WASM_EMPTY_VEC());
  if (!trap) {
    console.log("> Error: the loop returned!");
    return false;
  }
  print_trap(trap, offsets);
  return true;
}

// Call add(2, 3) in the same store.
function add(fn: wasm_func_t): boolean {
  console.log("Calling add(2, 3) in the same store...");
  const results = [WASM_INIT_VAL()];
  const trap = wasm_func_call(fn, WASM_ARRAY_VEC([WASM_I32_VAL(2), WASM_I32_VAL(3)]), WASM_ARRAY_VEC(results));
  if (trap) {
    print_trap(trap, true);
    return false;
  }
  console.log(`> ${results[0]!.of.i32}`);
  return true;
}

async function main(): Promise<number> {
  // Initialize: an engine whose stores count fuel and watch the epoch.
  console.log("Initializing...");
  const config = wasm_config_new();
  wasmts_config_consume_fuel(config, true);
  wasmts_config_epoch_interruption(config, true);
  const engine = wasm_engine_new_with_config(config);
  const store = wasm_store_new(engine);

  // Load binary.
  console.log("Loading binary...");
  let file: Uint8Array;
  try {
    file = readFileSync(exampleFile("interrupt.wasm"));
  } catch {
    console.log("> Error loading module!");
    return 1;
  }
  const binary: wasm_byte_vec_t = WASM_EMPTY_VEC();
  wasm_byte_vec_new(binary, file.length, file);

  // Compile.
  console.log("Compiling module...");
  const module = wasm_module_new(store, binary);
  if (!module) {
    console.log("> Error compiling module!");
    return 1;
  }
  wasm_byte_vec_delete(binary);

  // Instantiate (the module has no start function, so the store needs no fuel yet: it starts with none).
  console.log("Instantiating module...");
  const instance = wasm_instance_new(store, module, WASM_EMPTY_VEC(), null);
  if (!instance) {
    console.log("> Error instantiating module!");
    return 1;
  }

  // Extract exports.
  console.log("Extracting exports...");
  const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(instance, exports);
  const spin = wasm_extern_as_func(exports.data[0]!);
  const add_func = wasm_extern_as_func(exports.data[1]!);
  if (!spin || !add_func) {
    console.log("> Error accessing exports!");
    return 1;
  }

  // 1. Fuel: every loop iteration costs one unit.
  console.log("Stopping the loop by fuel (10000 units)...");
  wasmts_store_set_fuel(store, 10_000);
  if (!stop(spin)) return 1;
  console.log(`> fuel left: ${wasmts_store_get_fuel(store)}`);
  wasmts_store_set_fuel(store, 10);
  if (!add(add_func)) return 1;

  // From here on, plenty of fuel: the other two ways stop the loop.
  wasmts_store_set_fuel(store, Number.MAX_SAFE_INTEGER);

  // 2. A deadline, 50 ms from now.
  console.log("Stopping the loop by a deadline (50 ms)...");
  wasmts_store_set_deadline(store, 50);
  if (!stop(spin, false)) return 1;
  wasmts_store_clear_deadline(store);
  if (!add(add_func)) return 1;

  // 3. An epoch deadline one tick away, reached when another worker increments the epoch.
  console.log("Stopping the loop by an epoch bumped from another worker...");
  const args: EpochArgs = { epoch: wasmts_engine_epoch_buffer(engine), go: new SharedArrayBuffer(4) };
  const worker = new Worker(new URL(import.meta.url), { workerData: args });
  await once(worker, "message");
  wasmts_store_set_epoch_deadline(store, 1);
  const go = new Int32Array(args.go);
  Atomics.store(go, 0, 1);
  Atomics.notify(go, 0);
  if (!stop(spin, false)) return 1;
  await once(worker, "exit");
  wasmts_store_clear_epoch_deadline(store);
  if (!add(add_func)) return 1;

  // Shut down.
  console.log("Shutting down...");
  wasm_extern_vec_delete(exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);

  // All done.
  console.log("Done.");
  return 0;
}

if (isMainThread) process.exitCode = await main();
else bumpEpoch(workerData as EpochArgs);
