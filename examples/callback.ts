/**
 * Example (the classic `callback` program of the C API): host functions with
 * and without an environment, called from wasm with arguments and results.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, WASM_EXTERNREF, WASM_F32, WASM_F64, WASM_FUNCREF, WASM_I32, WASM_I32_VAL, WASM_I64,
  WASM_INIT_VAL, wasm_byte_vec_delete, wasm_byte_vec_new, wasm_engine_delete, wasm_engine_new, wasm_extern_as_func,
  wasm_extern_vec_delete, wasm_func_as_extern, wasm_func_call, wasm_func_delete, wasm_func_new,
  wasm_func_new_with_env, wasm_functype_delete, wasm_functype_new_0_1, wasm_functype_new_1_1, wasm_instance_delete,
  wasm_instance_exports, wasm_instance_new, wasm_module_delete, wasm_module_new, wasm_store_delete, wasm_store_new,
  wasm_val_copy, wasm_valtype_new_i32, wasmts_ref_address,
  type wasm_byte_vec_t, type wasm_extern_vec_t, type wasm_trap_t, type wasm_val_t, type wasm_val_vec_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

// Print a Wasm value, as the C program's wasm_val_print does.
function wasm_val_print(val: wasm_val_t): string {
  switch (val.kind) {
    case WASM_I32: return `${val.of.i32! >>> 0}`;
    case WASM_I64: return `${BigInt.asUintN(64, val.of.i64!)}`;
    case WASM_F32: return val.of.f32!.toFixed(6);
    case WASM_F64: return `${val.of.f64}`;
    case WASM_EXTERNREF:
    case WASM_FUNCREF:
      return val.of.ref === null || val.of.ref === undefined ? "null" : `ref(0x${wasmts_ref_address(val.of.ref).toString(16)})`;
    default: return "?";
  }
}

// A function to be called from Wasm code.
function print_callback(args: wasm_val_vec_t, results: wasm_val_vec_t): wasm_trap_t | null {
  console.log(`Calling back...\n> ${wasm_val_print(args.data[0]!)}`);
  wasm_val_copy(results.data[0]!, args.data[0]!);
  return null;
}

// A function closure.
function closure_callback(env: unknown, _args: wasm_val_vec_t, results: wasm_val_vec_t): wasm_trap_t | null {
  const i = env as number;
  console.log("Calling back closure...");
  console.log(`> ${i}`);
  results.data[0]!.kind = WASM_I32;
  results.data[0]!.of.i32 = i;
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
    file = readFileSync(exampleFile("callback.wasm"));
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

  // Create external print functions.
  console.log("Creating callback...");
  const print_type = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  const print_func = wasm_func_new(store, print_type, print_callback);

  const i = 42;
  const closure_type = wasm_functype_new_0_1(wasm_valtype_new_i32());
  const closure_func = wasm_func_new_with_env(store, closure_type, closure_callback, i, null);

  wasm_functype_delete(print_type);
  wasm_functype_delete(closure_type);

  // Instantiate.
  console.log("Instantiating module...");
  const externs = [wasm_func_as_extern(print_func), wasm_func_as_extern(closure_func)];
  const imports: wasm_extern_vec_t = WASM_ARRAY_VEC(externs);
  const instance = wasm_instance_new(store, module, imports, null);
  if (!instance) {
    console.log("> Error instantiating module!");
    return 1;
  }
  wasm_func_delete(print_func);
  wasm_func_delete(closure_func);

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
  const as = [WASM_I32_VAL(3), WASM_I32_VAL(4)];
  const rs = [WASM_INIT_VAL()];
  const args = WASM_ARRAY_VEC(as);
  const results = WASM_ARRAY_VEC(rs);
  if (wasm_func_call(run_func, args, results)) {
    console.log("> Error calling function!");
    return 1;
  }
  wasm_extern_vec_delete(exports);

  // Print result.
  console.log("Printing result...");
  console.log(`> ${rs[0]!.of.i32! >>> 0}`);

  // Shut down.
  console.log("Shutting down...");
  wasm_store_delete(store);
  wasm_engine_delete(engine);

  // All done.
  console.log("Done.");
  return 0;
}

process.exitCode = main();
