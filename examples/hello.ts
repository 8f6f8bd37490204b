/**
 * Example (the classic `hello` program of the C API): a host function called from wasm.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_EMPTY_VEC, wasm_byte_vec_delete, wasm_byte_vec_new, wasm_engine_delete, wasm_engine_new, wasm_extern_as_func,
  wasm_extern_vec_delete, wasm_func_as_extern, wasm_func_call, wasm_func_delete, wasm_func_new, wasm_functype_delete,
  wasm_functype_new_0_0, wasm_instance_delete, wasm_instance_exports, wasm_instance_new, wasm_module_delete,
  wasm_module_new, wasm_module_validate, wasm_store_delete, wasm_store_new,
  type wasm_byte_vec_t, type wasm_extern_vec_t, type wasm_trap_t, type wasm_val_vec_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

// A function to be called from Wasm code.
function hello_callback(_args: wasm_val_vec_t, _results: wasm_val_vec_t): wasm_trap_t | null {
  console.log("Calling back...");
  console.log("> Hello World!");
  return null;
}

function main(): number {
  // Initialize.
  console.log("Initializing...");
  const engine = wasm_engine_new();
  const store = wasm_store_new(engine);

  // Load binary.
  console.log("Loading binary...");
  let file: Uint8Array;
  try {
    file = readFileSync(exampleFile("hello.wasm"));
  } catch {
    console.log("> Error loading module!");
    return 1;
  }
  const binary: wasm_byte_vec_t = WASM_EMPTY_VEC();
  wasm_byte_vec_new(binary, file.length, file);

  // Validate.
  console.log("Validating module...");
  if (!wasm_module_validate(store, binary)) {
    console.log("> Error validating module!");
    return 1;
  }

  // Compile.
  console.log("Compiling module...");
  const module = wasm_module_new(store, binary);
  if (!module) {
    console.log("> Error compiling module!");
    return 1;
  }
  wasm_byte_vec_delete(binary);

  // Create external print functions.
  console.log("Creating callback...");
  const hello_type = wasm_functype_new_0_0();
  const hello_func = wasm_func_new(store, hello_type, hello_callback);
  wasm_functype_delete(hello_type);

  // Instantiate.
  console.log("Instantiating module...");
  const imports: wasm_extern_vec_t = { size: 1, data: [wasm_func_as_extern(hello_func)] };
  const instance = wasm_instance_new(store, module, imports, null);
  if (!instance) {
    console.log("> Error instantiating module!");
    return 1;
  }
  wasm_func_delete(hello_func);

  // Extract export.
  console.log("Extracting export...");
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
  wasm_module_delete(module);
  wasm_instance_delete(instance);

  // Call.
  console.log("Calling export...");
  const args: wasm_val_vec_t = WASM_EMPTY_VEC();
  const results: wasm_val_vec_t = WASM_EMPTY_VEC();
  if (wasm_func_call(run_func, args, results)) {
    console.log("> Error calling function!");
    return 1;
  }
  wasm_extern_vec_delete(exports);

  // Shut down.
  console.log("Shutting down...");
  wasm_store_delete(store);
  wasm_engine_delete(engine);

  // All done.
  console.log("Done.");
  return 0;
}

process.exitCode = main();
