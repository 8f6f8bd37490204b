/**
 * Example (Wasmtime's C example `wasi`, ported): a WASI command compiled
 * from C (`wasi.c`, built into `wasi.wasm` with clang and wasi-libc)
 * embedded as a C embedder does it: a `wasi_config_t` that inherits the
 * host's arguments, environment and standard streams, attached to the
 * store, then the module instantiated and its `_start` called.
 *
 * Where Wasmtime's program uses its own API, this port uses the standard
 * C API and our extensions: `wasmtime_store_new` is `wasm_store_new`;
 * `wasmtime_linker_define_wasi` has no counterpart, as the engine's
 * registry has WASI built in (it serves the stores WASI is attached to);
 * `wasmtime_context_set_wasi` is `wasmts_store_set_wasi`;
 * `wasmtime_linker_module` and `wasmtime_linker_get_default` are
 * `wasm_instance_new` with null entries and the `_start` export; an exit
 * of the program (`proc_exit`) is read with `wasmts_trap_exit_status`.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_EMPTY_VEC, wasi_config_inherit_argv, wasi_config_inherit_env, wasi_config_inherit_stderr,
  wasi_config_inherit_stdin, wasi_config_inherit_stdout, wasi_config_new, wasm_byte_vec_delete,
  wasm_byte_vec_new_uninitialized, wasm_engine_delete, wasm_engine_new, wasm_exporttype_name,
  wasm_exporttype_vec_delete, wasm_extern_as_func, wasm_extern_vec_delete, wasm_func_call, wasm_instance_delete,
  wasm_instance_exports, wasm_instance_new, wasm_module_delete, wasm_module_exports, wasm_module_imports,
  wasm_importtype_vec_delete, wasm_module_new, wasm_store_delete, wasm_store_new, wasm_trap_delete,
  wasm_trap_message, wasmts_byte_vec_to_string, wasmts_store_set_wasi, wasmts_trap_exit_status,
  wasmts_module_last_error, wasmts_wasi_last_error,
  type wasm_byte_vec_t, type wasm_message_t, type wasm_exporttype_vec_t, type wasm_extern_vec_t, type wasm_func_t,
  type wasm_importtype_vec_t, type wasm_store_t, type wasm_trap_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

function main(): number {
  // Set up our context
  const engine = wasm_engine_new();
  const store = wasm_store_new(engine);

  // Our engine's registry has WASI built in (what wasmtime_linker_define_wasi adds to a linker).

  // Load our input file to parse it next
  let file: Uint8Array;
  try {
    file = readFileSync(exampleFile("wasi.wasm"));
  } catch {
    console.log("> Error loading file!");
    return 1;
  }
  const wasm: wasm_byte_vec_t = WASM_EMPTY_VEC();
  wasm_byte_vec_new_uninitialized(wasm, file.length);
  wasm.data.set(file);

  // Compile our modules
  const module = wasm_module_new(store, wasm);
  if (!module) return exit_with_error("failed to compile module", last_error(wasmts_module_last_error, store), null);
  wasm_byte_vec_delete(wasm);

  // Instantiate wasi
  const wasi_config = wasi_config_new();
  wasi_config_inherit_argv(wasi_config);
  wasi_config_inherit_env(wasi_config);
  wasi_config_inherit_stdin(wasi_config);
  wasi_config_inherit_stdout(wasi_config);
  wasi_config_inherit_stderr(wasi_config);
  if (!wasmts_store_set_wasi(store, wasi_config)) {
    return exit_with_error("failed to instantiate WASI", last_error(wasmts_wasi_last_error, store), null);
  }

  // Instantiate the module: every import is WASI's, so every entry is left to the engine (null)
  const import_types: wasm_importtype_vec_t = WASM_EMPTY_VEC();
  wasm_module_imports(module, import_types);
  const imports: wasm_extern_vec_t = { size: import_types.size, data: new Array(import_types.size).fill(null) };
  wasm_importtype_vec_delete(import_types);
  const trap: { value: wasm_trap_t | null } = { value: null };
  const instance = wasm_instance_new(store, module, imports, trap);
  if (!instance) return exit_with_error("failed to instantiate module", null, trap.value);

  // Run it.
  const func = default_export(module, instance);
  if (!func.func) return exit_with_error("failed to locate default export for module", null, null);

  const call_trap = wasm_func_call(func.func, WASM_EMPTY_VEC(), WASM_EMPTY_VEC());
  const exit_status = { value: 0 };
  if (call_trap && wasmts_trap_exit_status(call_trap, exit_status)) {
    // The program called proc_exit: its status is ours.
    wasm_trap_delete(call_trap);
  } else if (call_trap) {
    return exit_with_error("error calling default export", null, call_trap);
  }

  // Clean up after ourselves at this point
  wasm_extern_vec_delete(func.exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return exit_status.value;
}

/** The module's `_start` export (what `wasmtime_linker_get_default` finds), with the export vector that holds it. */
function default_export(module: NonNullable<ReturnType<typeof wasm_module_new>>, instance: NonNullable<ReturnType<typeof wasm_instance_new>>):
  { func: wasm_func_t | null; exports: wasm_extern_vec_t } {
  const export_types: wasm_exporttype_vec_t = WASM_EMPTY_VEC();
  wasm_module_exports(module, export_types);
  const index = export_types.data.findIndex((t) => wasmts_byte_vec_to_string(wasm_exporttype_name(t)) === "_start");
  wasm_exporttype_vec_delete(export_types);
  const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(instance, exports);
  return { func: index < 0 ? null : wasm_extern_as_func(exports.data[index]!), exports };
}

/** The store's last error of one kind (our counterpart of a `wasmtime_error_t`: a message). */
function last_error(get: (store: wasm_store_t, out: wasm_message_t) => boolean, store: wasm_store_t): wasm_message_t {
  const error: wasm_message_t = WASM_EMPTY_VEC();
  get(store, error);
  return error;
}

function exit_with_error(message: string, error: wasm_message_t | null, trap: wasm_trap_t | null): number {
  console.error(`error: ${message}`);
  let error_message: wasm_byte_vec_t = WASM_EMPTY_VEC();
  if (error !== null) {
    error_message = error;
  } else if (trap !== null) {
    wasm_trap_message(trap, error_message);
    wasm_trap_delete(trap);
  }
  console.error(wasmts_byte_vec_to_string(error_message));
  wasm_byte_vec_delete(error_message);
  return 1;
}

process.exitCode = main();
