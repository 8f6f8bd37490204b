/**
 * Example (the classic `global` program of the C API): host-made globals
 * imported by wasm, exported globals, and both sides reading and writing them.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_ARRAY_VEC, WASM_CONST, WASM_EMPTY_VEC, WASM_F32, WASM_F32_VAL, WASM_I64, WASM_I64_VAL, WASM_INIT_VAL, WASM_VAR,
  wasm_byte_vec_delete, wasm_byte_vec_new, wasm_engine_delete, wasm_engine_new, wasm_extern_as_func,
  wasm_extern_as_global, wasm_extern_vec_delete, wasm_func_call, wasm_global_as_extern, wasm_global_copy,
  wasm_global_delete, wasm_global_get, wasm_global_new, wasm_global_same, wasm_global_set, wasm_globaltype_delete,
  wasm_globaltype_new, wasm_instance_delete, wasm_instance_exports, wasm_instance_new, wasm_module_delete,
  wasm_module_new, wasm_store_delete, wasm_store_new, wasm_valtype_new, wasm_val_delete,
  type wasm_byte_vec_t, type wasm_extern_t, type wasm_extern_vec_t, type wasm_func_t, type wasm_global_t,
  type wasm_val_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

class CheckFailed extends Error {}

function get_export_global(exports: wasm_extern_vec_t, i: number): wasm_global_t {
  const global = exports.size > i ? wasm_extern_as_global(exports.data[i]) : null;
  if (!global) {
    console.log(`> Error accessing global export ${i}!`);
    throw new CheckFailed();
  }
  return global;
}

function get_export_func(exports: wasm_extern_vec_t, i: number): wasm_func_t {
  const func = exports.size > i ? wasm_extern_as_func(exports.data[i]) : null;
  if (!func) {
    console.log(`> Error accessing function export ${i}!`);
    throw new CheckFailed();
  }
  return func;
}

// Compares a value with the expected one of its kind, as the C program's check macro does.
function check(val: wasm_val_t, kind: number, expected: number | bigint): void {
  const actual = kind === WASM_F32 ? val.of.f32 : val.of.i64;
  if (val.kind !== kind || actual !== expected) {
    console.log("> Error reading value");
    throw new CheckFailed();
  }
}

function check_global(global: wasm_global_t, kind: number, expected: number | bigint): void {
  const val = WASM_INIT_VAL();
  wasm_global_get(global, val);
  check(val, kind, expected);
}

function check_call(func: wasm_func_t, kind: number, expected: number | bigint): void {
  const rs = [WASM_INIT_VAL()];
  const args = WASM_EMPTY_VEC();
  const results = WASM_ARRAY_VEC(rs);
  if (wasm_func_call(func, args, results)) {
    console.log("> Error calling function!");
    throw new CheckFailed();
  }
  check(rs[0]!, kind, expected);
}

function call_set(func: wasm_func_t, val: wasm_val_t): void {
  const args = WASM_ARRAY_VEC([val]);
  const results = WASM_EMPTY_VEC();
  if (wasm_func_call(func, args, results)) {
    console.log("> Error calling function!");
    throw new CheckFailed();
  }
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
    file = readFileSync(exampleFile("global.wasm"));
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

  // Create external globals.
  console.log("Creating globals...");
  const const_f32_type = wasm_globaltype_new(wasm_valtype_new(WASM_F32), WASM_CONST);
  const const_i64_type = wasm_globaltype_new(wasm_valtype_new(WASM_I64), WASM_CONST);
  const var_f32_type = wasm_globaltype_new(wasm_valtype_new(WASM_F32), WASM_VAR);
  const var_i64_type = wasm_globaltype_new(wasm_valtype_new(WASM_I64), WASM_VAR);

  const const_f32_import = wasm_global_new(store, const_f32_type, WASM_F32_VAL(1));
  const const_i64_import = wasm_global_new(store, const_i64_type, WASM_I64_VAL(2n));
  const var_f32_import = wasm_global_new(store, var_f32_type, WASM_F32_VAL(3));
  const var_i64_import = wasm_global_new(store, var_i64_type, WASM_I64_VAL(4n));

  wasm_globaltype_delete(const_f32_type);
  wasm_globaltype_delete(const_i64_type);
  wasm_globaltype_delete(var_f32_type);
  wasm_globaltype_delete(var_i64_type);

  // A copy of a handle designates the same global.
  const var_f32_import_copy = wasm_global_copy(var_f32_import);
  if (!wasm_global_same(var_f32_import, var_f32_import_copy)) {
    console.log("> Error copying global!");
    return 1;
  }
  wasm_global_delete(var_f32_import_copy);

  // Instantiate.
  console.log("Instantiating module...");
  const externs: (wasm_extern_t | null)[] = [
    wasm_global_as_extern(const_f32_import), wasm_global_as_extern(const_i64_import),
    wasm_global_as_extern(var_f32_import), wasm_global_as_extern(var_i64_import),
  ];
  const imports: wasm_extern_vec_t = WASM_ARRAY_VEC(externs);
  const instance = wasm_instance_new(store, module, imports, null);
  if (!instance) {
    console.log("> Error instantiating module!");
    return 1;
  }
  wasm_module_delete(module);

  // Extract export.
  console.log("Extracting exports...");
  const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(instance, exports);
  let i = 0;
  const const_f32_export = get_export_global(exports, i++);
  const const_i64_export = get_export_global(exports, i++);
  const var_f32_export = get_export_global(exports, i++);
  const var_i64_export = get_export_global(exports, i++);
  const get_const_f32_import = get_export_func(exports, i++);
  const get_const_i64_import = get_export_func(exports, i++);
  const get_var_f32_import = get_export_func(exports, i++);
  const get_var_i64_import = get_export_func(exports, i++);
  const get_const_f32_export = get_export_func(exports, i++);
  const get_const_i64_export = get_export_func(exports, i++);
  const get_var_f32_export = get_export_func(exports, i++);
  const get_var_i64_export = get_export_func(exports, i++);
  const set_var_f32_import = get_export_func(exports, i++);
  const set_var_i64_import = get_export_func(exports, i++);
  const set_var_f32_export = get_export_func(exports, i++);
  const set_var_i64_export = get_export_func(exports, i++);

  wasm_instance_delete(instance);

  // Access globals.
  console.log("Accessing globals...");

  // Check initial values.
  check_global(const_f32_import, WASM_F32, 1);
  check_global(const_i64_import, WASM_I64, 2n);
  check_global(var_f32_import, WASM_F32, 3);
  check_global(var_i64_import, WASM_I64, 4n);
  check_global(const_f32_export, WASM_F32, 5);
  check_global(const_i64_export, WASM_I64, 6n);
  check_global(var_f32_export, WASM_F32, 7);
  check_global(var_i64_export, WASM_I64, 8n);

  check_call(get_const_f32_import, WASM_F32, 1);
  check_call(get_const_i64_import, WASM_I64, 2n);
  check_call(get_var_f32_import, WASM_F32, 3);
  check_call(get_var_i64_import, WASM_I64, 4n);
  check_call(get_const_f32_export, WASM_F32, 5);
  check_call(get_const_i64_export, WASM_I64, 6n);
  check_call(get_var_f32_export, WASM_F32, 7);
  check_call(get_var_i64_export, WASM_I64, 8n);

  // Modify variables through the API and check again.
  const val33 = WASM_F32_VAL(33);
  wasm_global_set(var_f32_import, val33);
  const val34 = WASM_I64_VAL(34n);
  wasm_global_set(var_i64_import, val34);
  const val37 = WASM_F32_VAL(37);
  wasm_global_set(var_f32_export, val37);
  const val38 = WASM_I64_VAL(38n);
  wasm_global_set(var_i64_export, val38);

  check_global(var_f32_import, WASM_F32, 33);
  check_global(var_i64_import, WASM_I64, 34n);
  check_global(var_f32_export, WASM_F32, 37);
  check_global(var_i64_export, WASM_I64, 38n);

  check_call(get_var_f32_import, WASM_F32, 33);
  check_call(get_var_i64_import, WASM_I64, 34n);
  check_call(get_var_f32_export, WASM_F32, 37);
  check_call(get_var_i64_export, WASM_I64, 38n);

  // Modify variables through calls and check again.
  call_set(set_var_f32_import, WASM_F32_VAL(73));
  call_set(set_var_i64_import, WASM_I64_VAL(74n));
  call_set(set_var_f32_export, WASM_F32_VAL(77));
  call_set(set_var_i64_export, WASM_I64_VAL(78n));

  check_global(var_f32_import, WASM_F32, 73);
  check_global(var_i64_import, WASM_I64, 74n);
  check_global(var_f32_export, WASM_F32, 77);
  check_global(var_i64_export, WASM_I64, 78n);

  check_call(get_var_f32_import, WASM_F32, 73);
  check_call(get_var_i64_import, WASM_I64, 74n);
  check_call(get_var_f32_export, WASM_F32, 77);
  check_call(get_var_i64_export, WASM_I64, 78n);

  for (const v of [val33, val34, val37, val38]) wasm_val_delete(v);
  wasm_global_delete(const_f32_import);
  wasm_global_delete(const_i64_import);
  wasm_global_delete(var_f32_import);
  wasm_global_delete(var_i64_import);
  wasm_extern_vec_delete(exports);

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
