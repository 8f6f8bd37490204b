/**
 * Example (linking): the native registry as the default linking policy. The
 * host registers natives once in the engine's registry ("env" "log" and
 * "env" "scale"); the built-in `spectest` module is there too. An
 * application is instantiated twice with plain `wasm_instance_new`: first
 * with every import left out (null), so all come from the registry; then with
 * its own "env" "log" at that import's position, which overrides the
 * registered one while the rest still come from the registry.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, WASM_I32, wasm_byte_vec_delete, wasm_byte_vec_new, wasm_engine_delete,
  wasm_engine_new, wasm_extern_as_func, wasm_extern_vec_delete, wasm_func_as_extern, wasm_func_call, wasm_func_delete,
  wasm_func_new, wasm_functype_delete, wasm_functype_new_1_0, wasm_functype_new_1_1, wasm_instance_delete,
  wasm_instance_exports, wasm_instance_new, wasm_module_delete, wasm_module_new, wasm_name_delete, wasm_name_new_from_string,
  wasm_store_delete, wasm_store_new, wasm_trap_delete, wasm_trap_message, wasm_valtype_new, WASM_I32_VAL,
  wasmts_byte_vec_to_string, wasmts_engine_registry, wasmts_registry_define_func, wasmts_registry_last_error,
  type wasm_extern_t, type wasm_extern_vec_t, type wasm_instance_t, type wasm_message_t, type wasm_module_t,
  type wasm_name_t, type wasm_store_t, type wasm_trap_t, type wasm_val_vec_t, type wasmts_registry_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

class CheckFailed extends Error {}

function name(s: string): wasm_name_t {
  const n: wasm_name_t = WASM_EMPTY_VEC();
  wasm_name_new_from_string(n, s);
  return n;
}

/** `(func (param i32))` or `(func (param i32) (result i32))`. */
function i32Type(results: 0 | 1) {
  return results === 0 ? wasm_functype_new_1_0(wasm_valtype_new(WASM_I32))
    : wasm_functype_new_1_1(wasm_valtype_new(WASM_I32), wasm_valtype_new(WASM_I32));
}

// The natives the host registers for every application.
function registry_log(args: wasm_val_vec_t, _results: wasm_val_vec_t): wasm_trap_t | null {
  console.log(`[registry log] ${args.data[0]!.of.i32}`);
  return null;
}

function registry_scale(args: wasm_val_vec_t, results: wasm_val_vec_t): wasm_trap_t | null {
  results.data[0] = WASM_I32_VAL((args.data[0]!.of.i32 as number) * 2);
  return null;
}

// The one function this application supplies itself.
function app_log(args: wasm_val_vec_t, _results: wasm_val_vec_t): wasm_trap_t | null {
  console.log(`[application log] ${args.data[0]!.of.i32}`);
  return null;
}

function register(registry: wasmts_registry_t, field: string, results: 0 | 1,
  callback: (args: wasm_val_vec_t, results: wasm_val_vec_t) => wasm_trap_t | null): void {
  const module = name("env"), fieldName = name(field);
  const type = i32Type(results);
  const ok = wasmts_registry_define_func(registry, module, fieldName, type, callback);
  wasm_functype_delete(type);
  wasm_name_delete(module);
  wasm_name_delete(fieldName);
  if (!ok) {
    const message: wasm_message_t = WASM_EMPTY_VEC();
    wasmts_registry_last_error(registry, message);
    console.log(`> Error registering env.${field}: ${wasmts_byte_vec_to_string(message)}`);
    throw new CheckFailed();
  }
}

function instantiate(store: wasm_store_t, module: wasm_module_t, imports: (wasm_extern_t | null)[]): wasm_instance_t {
  const trap: { value: wasm_trap_t | null } = { value: null };
  // Null entries are left to the engine's registry (the default linking policy).
  const instance = wasm_instance_new(store, module, WASM_ARRAY_VEC(imports), trap);
  if (!instance) {
    const message: wasm_message_t = WASM_EMPTY_VEC();
    if (trap.value) wasm_trap_message(trap.value, message);
    console.log(`> Error instantiating module: ${wasmts_byte_vec_to_string(message)}`);
    throw new CheckFailed();
  }
  return instance;
}

function run(instance: wasm_instance_t): void {
  const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(instance, exports);
  const func = exports.size > 0 ? wasm_extern_as_func(exports.data[0]!) : null;
  if (!func) {
    console.log("> Error accessing export!");
    throw new CheckFailed();
  }
  const trap = wasm_func_call(func, WASM_EMPTY_VEC(), WASM_EMPTY_VEC());
  if (trap) {
    wasm_trap_delete(trap);
    console.log("> Error calling function!");
    throw new CheckFailed();
  }
  wasm_extern_vec_delete(exports);
}

function main(): number {
  console.log("Initializing...");
  const engine = wasm_engine_new();
  const store = wasm_store_new(engine);

  console.log("Registering natives env.log and env.scale...");
  const registry = wasmts_engine_registry(engine); // the engine owns it and deletes it
  register(registry, "log", 0, registry_log);
  register(registry, "scale", 1, registry_scale);

  console.log("Loading and compiling the application...");
  const file = readFileSync(exampleFile("registry.wasm"));
  const binary = WASM_EMPTY_VEC();
  wasm_byte_vec_new(binary, file.length, file);
  const module = wasm_module_new(store, binary);
  wasm_byte_vec_delete(binary);
  if (!module) {
    console.log("> Error compiling module!");
    return 1;
  }

  // Imports: 0 env.log, 1 env.scale, 2 spectest.global_i32 (666), 3 spectest.print_i32.
  console.log("Instantiating with every import from the registry...");
  const first = instantiate(store, module, [null, null, null, null]);
  console.log("Running...");
  run(first);

  console.log("Instantiating with the application's own env.log...");
  const logType = i32Type(0);
  const log = wasm_func_new(store, logType, app_log);
  wasm_functype_delete(logType);
  const second = instantiate(store, module, [wasm_func_as_extern(log), null, null, null]);
  console.log("Running...");
  run(second);

  console.log("Shutting down...");
  wasm_func_delete(log);
  wasm_instance_delete(first);
  wasm_instance_delete(second);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  console.log("Done.");
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  if (!(e instanceof CheckFailed)) throw e;
  process.exitCode = 1;
}
