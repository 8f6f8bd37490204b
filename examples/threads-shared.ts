/**
 * Example (issue 15, must-show 4): wasi-threads. `threads-shared.wat` is a
 * WASI command whose `_start` spawns four threads with `wasi`
 * `thread-spawn`; the engine starts each in a worker that obtains the module,
 * instantiates it over the parent's memory (the same shared memory: the
 * host made it here and imports it once) and calls
 * `wasi_thread_start(tid, start_arg)`. The threads read the word the parent
 * wrote, write their own, one grows the memory; the parent waits for them
 * (`memory.atomic.wait32`) and prints, through WASI, what they wrote.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_EMPTY_VEC, WASM_EXTERN_MEMORY, wasi_config_inherit_stdout, wasi_config_new, wasm_byte_vec_delete,
  wasm_byte_vec_new, wasm_engine_delete, wasm_engine_new, wasm_exporttype_name, wasm_exporttype_vec_delete,
  wasm_extern_as_func, wasm_extern_vec_delete, wasm_externtype_kind, wasm_func_call, wasm_importtype_type,
  wasm_importtype_vec_delete, wasm_instance_delete, wasm_instance_exports, wasm_instance_new, wasm_memory_as_extern,
  wasm_memory_new, wasm_memory_size, wasm_memorytype_delete, wasm_module_delete, wasm_module_exports,
  wasm_module_imports, wasm_module_new, wasm_store_delete, wasm_store_new, wasm_trap_delete, wasm_trap_message,
  wasmts_byte_vec_to_string, wasmts_memorytype_new, wasmts_store_set_wasi,
  type wasm_byte_vec_t, type wasm_exporttype_vec_t, type wasm_extern_vec_t, type wasm_importtype_vec_t,
  type wasm_message_t, type wasm_trap_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

function main(): number {
  const engine = wasm_engine_new();
  const store = wasm_store_new(engine);

  const file = readFileSync(exampleFile("threads-shared.wasm"));
  const binary: wasm_byte_vec_t = WASM_EMPTY_VEC();
  wasm_byte_vec_new(binary, file.length, file);
  const module = wasm_module_new(store, binary);
  wasm_byte_vec_delete(binary);
  if (!module) {
    console.log("> Error compiling module!");
    return 1;
  }

  // WASI, with the program's output on ours (every thread writes there).
  const config = wasi_config_new();
  wasi_config_inherit_stdout(config);
  if (!wasmts_store_set_wasi(store, config)) {
    console.log("> Error configuring WASI!");
    return 1;
  }

  // The memory the program imports: shared, 1 to 4 pages. The engine gives WASI and wasi's thread-spawn (null entries).
  const type = wasmts_memorytype_new(1, true, 4, false, true)!;
  const memory = wasm_memory_new(store, type)!;
  wasm_memorytype_delete(type);
  const importTypes: wasm_importtype_vec_t = WASM_EMPTY_VEC();
  wasm_module_imports(module, importTypes);
  const imports: wasm_extern_vec_t = {
    size: importTypes.size,
    data: importTypes.data.map((t) => (wasm_externtype_kind(wasm_importtype_type(t)) === WASM_EXTERN_MEMORY ? wasm_memory_as_extern(memory) : null)),
  };
  wasm_importtype_vec_delete(importTypes);
  const trap: { value: wasm_trap_t | null } = { value: null };
  const instance = wasm_instance_new(store, module, imports, trap);
  if (!instance) {
    console.log("> Error instantiating module!");
    return 1;
  }

  // Run _start: the threads run meanwhile, in workers, over `memory`.
  const exportTypes: wasm_exporttype_vec_t = WASM_EMPTY_VEC();
  wasm_module_exports(module, exportTypes);
  const index = exportTypes.data.findIndex((t) => wasmts_byte_vec_to_string(wasm_exporttype_name(t)) === "_start");
  wasm_exporttype_vec_delete(exportTypes);
  const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(instance, exports);
  const failed = wasm_func_call(wasm_extern_as_func(exports.data[index]!)!, WASM_EMPTY_VEC(), WASM_EMPTY_VEC());
  if (failed) {
    const message: wasm_message_t = WASM_EMPTY_VEC();
    wasm_trap_message(failed, message);
    console.log(`> Error running _start: ${wasmts_byte_vec_to_string(message)}`);
    wasm_trap_delete(failed);
    return 1;
  }
  // The host sees the grow a thread made.
  console.log(`host: the shared memory has ${wasm_memory_size(memory)} pages`);

  wasm_extern_vec_delete(exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return 0;
}

process.exitCode = main();
