/**
 * Example (the classic `table` program of the C API): a function table read,
 * written and grown from the host, with a host function in it.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, WASM_I32, WASM_I32_VAL, WASM_INIT_VAL, wasm_byte_vec_delete, wasm_byte_vec_new,
  wasm_engine_delete, wasm_engine_new, wasm_extern_as_func, wasm_extern_as_table, wasm_extern_vec_delete,
  wasm_func_as_ref, wasm_func_call, wasm_func_delete, wasm_func_new, wasm_functype_delete, wasm_functype_new_1_1,
  wasm_instance_delete, wasm_instance_exports, wasm_instance_new, wasm_module_delete, wasm_module_new,
  wasm_ref_delete, wasm_store_delete, wasm_store_new, wasm_table_delete, wasm_table_get, wasm_table_grow,
  wasm_table_new, wasm_table_set, wasm_table_size, wasm_tabletype_delete, wasm_tabletype_new, wasm_trap_delete,
  wasm_valtype_new, wasm_valtype_new_i32, WASM_FUNCREF,
  type wasm_byte_vec_t, type wasm_extern_vec_t, type wasm_func_t, type wasm_limits_t, type wasm_table_t,
  type wasm_trap_t, type wasm_val_vec_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

class CheckFailed extends Error {}

// A function to be called from Wasm code.
function neg_callback(args: wasm_val_vec_t, results: wasm_val_vec_t): wasm_trap_t | null {
  console.log("Calling back...");
  results.data[0]!.kind = WASM_I32;
  results.data[0]!.of.i32 = -args.data[0]!.of.i32!;
  return null;
}

function get_export_table(exports: wasm_extern_vec_t, i: number): wasm_table_t {
  const table = exports.size > i ? wasm_extern_as_table(exports.data[i]) : null;
  if (!table) {
    console.log(`> Error accessing table export ${i}!`);
    throw new CheckFailed();
  }
  return table;
}

function get_export_func(exports: wasm_extern_vec_t, i: number): wasm_func_t {
  const func = exports.size > i ? wasm_extern_as_func(exports.data[i]) : null;
  if (!func) {
    console.log(`> Error accessing function export ${i}!`);
    throw new CheckFailed();
  }
  return func;
}

function check(success: boolean): void {
  if (!success) {
    console.log("> Error, expected success");
    throw new CheckFailed();
  }
}

function check_table(table: wasm_table_t, i: number, expect_set: boolean): void {
  const ref = wasm_table_get(table, i);
  check((ref !== null) === expect_set);
  if (ref) wasm_ref_delete(ref);
}

function check_call(func: wasm_func_t, arg1: number, arg2: number, expected: number): void {
  const vs = [WASM_I32_VAL(arg1), WASM_I32_VAL(arg2)];
  const rs = [WASM_INIT_VAL()];
  const args = WASM_ARRAY_VEC(vs);
  const results = WASM_ARRAY_VEC(rs);
  const trap = wasm_func_call(func, args, results);
  if (trap || rs[0]!.of.i32 !== expected) {
    console.log("> Error on result");
    throw new CheckFailed();
  }
}

function check_trap(func: wasm_func_t, arg1: number, arg2: number): void {
  const vs = [WASM_I32_VAL(arg1), WASM_I32_VAL(arg2)];
  const rs = [WASM_INIT_VAL()];
  const args = WASM_ARRAY_VEC(vs);
  const results = WASM_ARRAY_VEC(rs);
  const trap = wasm_func_call(func, args, results);
  if (!trap) {
    console.log("> Error on result, expected trap");
    throw new CheckFailed();
  }
  wasm_trap_delete(trap);
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
    file = readFileSync(exampleFile("table.wasm"));
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

  // Instantiate.
  console.log("Instantiating module...");
  const imports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  const instance = wasm_instance_new(store, module, imports, null);
  if (!instance) {
    console.log("> Error instantiating module!");
    return 1;
  }

  // Extract export.
  console.log("Extracting exports...");
  const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(instance, exports);
  let i = 0;
  const table = get_export_table(exports, i++);
  const call_indirect = get_export_func(exports, i++);
  const f = get_export_func(exports, i++);
  const g = get_export_func(exports, i++);

  wasm_module_delete(module);

  // Create external function.
  console.log("Creating callback...");
  const neg_type = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  const h = wasm_func_new(store, neg_type, neg_callback);
  wasm_functype_delete(neg_type);


  // Check initial table.
  console.log("Checking table...");
  check(wasm_table_size(table) === 2);
  check_table(table, 0, false);
  check_table(table, 1, true);
  check_trap(call_indirect, 0, 0);
  check_call(call_indirect, 7, 1, 7);
  check_trap(call_indirect, 0, 2);

  // Mutate table.
  console.log("Mutating table...");
  check(wasm_table_set(table, 0, wasm_func_as_ref(g)));
  check(wasm_table_set(table, 1, null));
  check(!wasm_table_set(table, 2, wasm_func_as_ref(f)));
  check_table(table, 0, true);
  check_table(table, 1, false);
  check_call(call_indirect, 7, 0, 666);
  check_trap(call_indirect, 0, 1);
  check_trap(call_indirect, 0, 2);

  // Grow table.
  console.log("Growing table...");
  check(wasm_table_grow(table, 3, null));
  check(wasm_table_size(table) === 5);
  check(wasm_table_set(table, 2, wasm_func_as_ref(f)));
  check(wasm_table_set(table, 3, wasm_func_as_ref(h)));
  check(!wasm_table_set(table, 5, null));
  check_table(table, 2, true);
  check_table(table, 3, true);
  check_table(table, 4, false);
  check_call(call_indirect, 5, 2, 5);
  check_call(call_indirect, 6, 3, -6);
  check_trap(call_indirect, 0, 4);
  check_trap(call_indirect, 0, 5);

  check(wasm_table_grow(table, 2, wasm_func_as_ref(f)));
  check(wasm_table_size(table) === 7);
  check_table(table, 5, true);
  check_table(table, 6, true);

  check(!wasm_table_grow(table, 5, null));
  check(wasm_table_grow(table, 3, null));
  check(wasm_table_grow(table, 0, null));

  wasm_func_delete(h);
  wasm_extern_vec_delete(exports);
  wasm_instance_delete(instance);

  // Create stand-alone table.
  console.log("Creating stand-alone table...");
  const limits: wasm_limits_t = { min: 5, max: 5 };
  const tabletype = wasm_tabletype_new(wasm_valtype_new(WASM_FUNCREF), limits);
  const table2 = wasm_table_new(store, tabletype, null);
  if (!table2) {
    console.log("> Error creating table!");
    return 1;
  }
  check(wasm_table_size(table2) === 5);
  check(!wasm_table_grow(table2, 1, null));
  check(wasm_table_grow(table2, 0, null));

  wasm_tabletype_delete(tabletype);
  wasm_table_delete(table2);

  // Shut down.
  console.log("Shutting down...");
  wasm_store_delete(store);
  wasm_engine_delete(engine);

  // All done.
  console.log("Done.");
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  if (!(e instanceof CheckFailed)) throw e;
  process.exitCode = 1;
}
