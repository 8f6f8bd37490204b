/**
 * The worker of capi.test.ts: obtains the shared module and the shared memory
 * through the C API in a store of its own, instantiates the module over the
 * memory, runs its role's export and posts what it read.
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import * as C from "../../../capi/index.js";

/** What the test hands each worker. */
export interface WorkerArgs {
  readonly module: C.wasm_shared_module_t;
  readonly memory: C.wasmts_shared_memory_t;
  /** The export to run: "first" or "second". */
  readonly role: string;
}

function main(args: WorkerArgs): number[] {
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  const module = C.wasm_module_obtain(store, args.module);
  const memory = C.wasmts_memory_obtain(store, args.memory);
  if (module === null || memory === null) throw new Error("cannot obtain the module or the memory");
  const instance = C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC([C.wasm_memory_as_extern(memory)]), null);
  if (instance === null) throw new Error("cannot instantiate");
  const exports = C.WASM_EMPTY_VEC() as C.wasm_extern_vec_t;
  C.wasm_instance_exports(instance, exports);
  const exportTypes = C.WASM_EMPTY_VEC() as C.wasm_exporttype_vec_t;
  C.wasm_module_exports(module, exportTypes);
  const names = exportTypes.data.map((e) => new TextDecoder().decode(Uint8Array.from(C.wasm_exporttype_name(e!).data)).replace(/\0$/, ""));
  const run = C.wasm_extern_as_func(exports.data[names.indexOf(args.role)]!)!;
  const results = C.WASM_ARRAY_VEC([C.WASM_I32_VAL(0), C.WASM_I32_VAL(0), C.WASM_I32_VAL(0)]);
  const trap = C.wasm_func_call(run, C.WASM_EMPTY_VEC(), results);
  if (trap !== null) throw new Error("the call trapped");
  const seen = results.data.map((v) => v!.of.i32 as number);
  // What the host of this worker sees through the C API after the other's grow.
  seen.push(C.wasm_memory_size(memory), C.wasm_memory_data(memory)[65536 + 4]!);
  C.wasm_store_delete(store);
  C.wasm_engine_delete(engine);
  return seen;
}

parentPort?.postMessage(main(workerData as WorkerArgs));
