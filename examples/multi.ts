/**
 * Example (the classic `multi` program of the C API): multiple values in and
 * out of a host function and of a wasm function.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, WASM_I32_VAL, WASM_I64_VAL, WASM_INIT_VAL, wasm_byte_vec_delete,
  wasm_byte_vec_new, wasm_engine_delete, wasm_engine_new, wasm_extern_as_func, wasm_extern_vec_delete,
  wasm_func_as_extern, wasm_func_call, wasm_func_delete, wasm_func_new, wasm_functype_delete, wasm_functype_new,
  wasm_instance_delete, wasm_instance_exports, wasm_instance_new, wasm_module_delete, wasm_module_new,
  wasm_store_delete, wasm_store_new, wasm_val_copy, wasm_valtype_new_i32, wasm_valtype_new_i64, wasm_valtype_vec_copy,
  wasm_valtype_vec_new,
  type wasm_byte_vec_t, type wasm_extern_vec_t, type wasm_trap_t, type wasm_val_vec_t, type wasm_valtype_vec_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

const u32 = (x: number | undefined) => x! >>> 0;
const u64 = (x: bigint | undefined) => BigInt.asUintN(64, x!);

// A function to be called from Wasm code.
function callback(args: wasm_val_vec_t, results: wasm_val_vec_t): wasm_trap_t | null {
  console.log("Calling back...");
  console.log(`> > ${u32(args.data[0]!.of.i32)} ${u64(args.data[1]!.of.i64)} ${u64(args.data[2]!.of.i64)} ${u32(args.data[3]!.of.i32)}`);
  console.log("");

  // The first and last values trade places: g's caller sees all four reversed.
  wasm_val_copy(results.data[0]!, args.data[3]!);
  wasm_val_copy(results.data[1]!, args.data[1]!);
  wasm_val_copy(results.data[2]!, args.data[2]!);
  wasm_val_copy(results.data[3]!, args.data[0]!);
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
    file = readFileSync(exampleFile("multi.wasm"));
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
  const types = [wasm_valtype_new_i32(), wasm_valtype_new_i64(), wasm_valtype_new_i64(), wasm_valtype_new_i32()];
  const tuple1: wasm_valtype_vec_t = WASM_EMPTY_VEC();
  const tuple2: wasm_valtype_vec_t = WASM_EMPTY_VEC();
  wasm_valtype_vec_new(tuple1, 4, types);
  wasm_valtype_vec_copy(tuple2, tuple1);
  const callback_type = wasm_functype_new(tuple1, tuple2);
  const callback_func = wasm_func_new(store, callback_type, callback);
  wasm_functype_delete(callback_type);

  // Instantiate.
  console.log("Instantiating module...");
  const externs = [wasm_func_as_extern(callback_func)];
  const imports: wasm_extern_vec_t = WASM_ARRAY_VEC(externs);
  const instance = wasm_instance_new(store, module, imports, null);
  if (!instance) {
    console.log("> Error instantiating module!");
    return 1;
  }
  wasm_func_delete(callback_func);

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
  const vals = [WASM_I32_VAL(1), WASM_I64_VAL(2n), WASM_I64_VAL(3n), WASM_I32_VAL(4)];
  const res = [WASM_INIT_VAL(), WASM_INIT_VAL(), WASM_INIT_VAL(), WASM_INIT_VAL()];
  const args = WASM_ARRAY_VEC(vals);
  const results = WASM_ARRAY_VEC(res);
  if (wasm_func_call(run_func, args, results)) {
    console.log("> Error calling function!");
    return 1;
  }
  wasm_extern_vec_delete(exports);

  // Print result.
  console.log("Printing result...");
  console.log(`> ${u32(res[0]!.of.i32)} ${u64(res[1]!.of.i64)} ${u64(res[2]!.of.i64)} ${u32(res[3]!.of.i32)}`);
  if (res[0]!.of.i32 !== 4 || res[1]!.of.i64 !== 3n || res[2]!.of.i64 !== 2n || res[3]!.of.i32 !== 1) {
    console.log("> Error: wrong results");
    return 1;
  }

  // Shut down.
  console.log("Shutting down...");
  wasm_store_delete(store);
  wasm_engine_delete(engine);

  // All done.
  console.log("Done.");
  return 0;
}

process.exitCode = main();
