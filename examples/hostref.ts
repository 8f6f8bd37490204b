/**
 * Example (the classic `hostref` program of the C API): host references
 * (foreign objects with host info) passed through a wasm global, a table and a
 * host function, coming back out as the same objects with their host info.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, WASM_EXTERNREF, WASM_I32_VAL, WASM_INIT_VAL, WASM_REF_VAL, wasm_byte_vec_delete,
  wasm_byte_vec_new, wasm_engine_delete, wasm_engine_new, wasm_extern_as_func, wasm_extern_as_global,
  wasm_extern_as_table, wasm_extern_vec_delete, wasm_foreign_as_ref, wasm_foreign_new, wasm_func_as_extern,
  wasm_func_call, wasm_func_delete, wasm_func_new, wasm_functype_delete, wasm_functype_new_1_1, wasm_global_get,
  wasm_global_set, wasm_instance_delete, wasm_instance_exports, wasm_instance_new, wasm_module_delete, wasm_module_new,
  wasm_ref_copy, wasm_ref_delete, wasm_ref_get_host_info, wasm_ref_same, wasm_ref_set_host_info, wasm_store_delete,
  wasm_store_new, wasm_table_get, wasm_table_set, wasm_val_copy, wasm_val_delete, wasm_valtype_new,
  type wasm_byte_vec_t, type wasm_extern_vec_t, type wasm_func_t, type wasm_global_t, type wasm_ref_t,
  type wasm_table_t, type wasm_trap_t, type wasm_val_t, type wasm_val_vec_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

class CheckFailed extends Error {}

// printf without a newline, as the C program writes partial lines.
function print(s: string): void {
  process.stdout.write(s);
}

// C's "%p" of host info that holds a small integer (a pointer value in C).
function pointer(info: unknown): string {
  return info === null || info === undefined ? "(nil)" : `0x${(info as number).toString(16)}`;
}

// A function to be called from Wasm code.
function callback(args: wasm_val_vec_t, results: wasm_val_vec_t): wasm_trap_t | null {
  print("Calling back...\n> ");
  const ref = args.data[0]!.of.ref ?? null;
  print(`> ${pointer(ref ? wasm_ref_get_host_info(ref) : null)}\n`);
  wasm_val_copy(results.data[0]!, args.data[0]!);
  return null;
}

function get_export_func(exports: wasm_extern_vec_t, i: number): wasm_func_t {
  const func = exports.size > i ? wasm_extern_as_func(exports.data[i]) : null;
  if (!func) {
    print(`> Error accessing function export ${i}!\n`);
    throw new CheckFailed();
  }
  return func;
}

function get_export_global(exports: wasm_extern_vec_t, i: number): wasm_global_t {
  const global = exports.size > i ? wasm_extern_as_global(exports.data[i]) : null;
  if (!global) {
    print(`> Error accessing global export ${i}!\n`);
    throw new CheckFailed();
  }
  return global;
}

function get_export_table(exports: wasm_extern_vec_t, i: number): wasm_table_t {
  const table = exports.size > i ? wasm_extern_as_table(exports.data[i]) : null;
  if (!table) {
    print(`> Error accessing table export ${i}!\n`);
    throw new CheckFailed();
  }
  return table;
}

function call(func: wasm_func_t, vs: wasm_val_t[], rs: wasm_val_t[]): void {
  if (wasm_func_call(func, WASM_ARRAY_VEC(vs), WASM_ARRAY_VEC(rs))) {
    print("> Error calling function!\n");
    throw new CheckFailed();
  }
  print("okay\n");
}

function call_v_r(func: wasm_func_t): wasm_ref_t | null {
  print("call_v_r... ");
  const rs = [WASM_INIT_VAL()];
  call(func, [], rs);
  return rs[0]!.of.ref ?? null;
}

function call_r_v(func: wasm_func_t, ref: wasm_ref_t | null): void {
  print("call_r_v... ");
  call(func, [WASM_REF_VAL(ref)], []);
}

function call_r_r(func: wasm_func_t, ref: wasm_ref_t | null): wasm_ref_t | null {
  print("call_r_r... ");
  const rs = [WASM_INIT_VAL()];
  call(func, [WASM_REF_VAL(ref)], rs);
  return rs[0]!.of.ref ?? null;
}

function call_ir_v(func: wasm_func_t, i: number, ref: wasm_ref_t | null): void {
  print("call_ir_v... ");
  call(func, [WASM_I32_VAL(i), WASM_REF_VAL(ref)], []);
}

function call_i_r(func: wasm_func_t, i: number): wasm_ref_t | null {
  print("call_i_r... ");
  const rs = [WASM_INIT_VAL()];
  call(func, [WASM_I32_VAL(i)], rs);
  return rs[0]!.of.ref ?? null;
}

// Both null, or the same object with the same host info; takes ownership of `actual`.
function check(actual: wasm_ref_t | null, expected: wasm_ref_t | null): void {
  const same = actual === null ? expected === null
    : expected !== null && wasm_ref_same(actual, expected) &&
      wasm_ref_get_host_info(actual) === wasm_ref_get_host_info(expected);
  if (!same) {
    print(`> Error reading reference, expected ${pointer(expected && wasm_ref_get_host_info(expected))}, ` +
      `got ${pointer(actual && wasm_ref_get_host_info(actual))}\n`);
    throw new CheckFailed();
  }
  if (actual) wasm_ref_delete(actual);
}

function main(): number {
  // Initialize.
  print("Initializing...\n");
  const engine = wasm_engine_new();
  const store = wasm_store_new(engine);

  // Load binary.
  print("Loading binary...\n");
  let file: Uint8Array;
  try {
    file = readFileSync(exampleFile("hostref.wasm"));
  } catch {
    print("> Error loading module!\n");
    return 1;
  }
  const binary: wasm_byte_vec_t = WASM_EMPTY_VEC();
  wasm_byte_vec_new(binary, file.length, file);

  // Compile.
  print("Compiling module...\n");
  const module = wasm_module_new(store, binary);
  if (!module) {
    print("> Error compiling module!\n");
    return 1;
  }
  wasm_byte_vec_delete(binary);

  // Create external callback function.
  print("Creating callback...\n");
  const callback_type = wasm_functype_new_1_1(wasm_valtype_new(WASM_EXTERNREF), wasm_valtype_new(WASM_EXTERNREF));
  const callback_func = wasm_func_new(store, callback_type, callback);
  wasm_functype_delete(callback_type);

  // Instantiate.
  print("Instantiating module...\n");
  const externs = [wasm_func_as_extern(callback_func)];
  const imports: wasm_extern_vec_t = WASM_ARRAY_VEC(externs);
  const instance = wasm_instance_new(store, module, imports, null);
  if (!instance) {
    print("> Error instantiating module!\n");
    return 1;
  }
  wasm_func_delete(callback_func);
  wasm_module_delete(module);

  // Extract export.
  print("Extracting exports...\n");
  const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(instance, exports);
  let i = 0;
  const global = get_export_global(exports, i++);
  const table = get_export_table(exports, i++);
  const global_set = get_export_func(exports, i++);
  const global_get = get_export_func(exports, i++);
  const table_set = get_export_func(exports, i++);
  const table_get = get_export_func(exports, i++);
  const func_call = get_export_func(exports, i++);

  wasm_instance_delete(instance);

  // Create host references.
  print("Creating host references...\n");
  const host1 = wasm_foreign_as_ref(wasm_foreign_new(store));
  const host2 = wasm_foreign_as_ref(wasm_foreign_new(store));
  wasm_ref_set_host_info(host1, 1);
  wasm_ref_set_host_info(host2, 2);

  // Some sanity checks.
  check(null, null);
  check(wasm_ref_copy(host1), host1);
  check(wasm_ref_copy(host2), host2);

  const val: wasm_val_t = { kind: WASM_EXTERNREF, of: { ref: wasm_ref_copy(host1) } };
  check(wasm_ref_copy(val.of.ref!), host1);
  const ref = val.of.ref!;
  check(wasm_ref_copy(ref), host1);
  wasm_val_delete(val);

  // Interact.
  print("Accessing global...\n");
  check(call_v_r(global_get), null);
  call_r_v(global_set, host1);
  check(call_v_r(global_get), host1);
  call_r_v(global_set, host2);
  check(call_v_r(global_get), host2);
  call_r_v(global_set, null);
  check(call_v_r(global_get), null);

  wasm_global_get(global, val);
  if (val.kind !== WASM_EXTERNREF) throw new CheckFailed();
  check(val.of.ref ?? null, null);
  val.of.ref = host2;
  wasm_global_set(global, val);
  check(call_v_r(global_get), host2);
  wasm_global_get(global, val);
  if (val.kind !== WASM_EXTERNREF) throw new CheckFailed();
  check(val.of.ref ?? null, host2);

  print("Accessing table...\n");
  check(call_i_r(table_get, 0), null);
  check(call_i_r(table_get, 1), null);
  call_ir_v(table_set, 0, host1);
  call_ir_v(table_set, 1, host2);
  check(call_i_r(table_get, 0), host1);
  check(call_i_r(table_get, 1), host2);
  call_ir_v(table_set, 0, null);
  check(call_i_r(table_get, 0), null);

  check(wasm_table_get(table, 2), null);
  wasm_table_set(table, 2, host1);
  check(call_i_r(table_get, 2), host1);
  check(wasm_table_get(table, 2), host1);

  print("Accessing function...\n");
  check(call_r_r(func_call, null), null);
  check(call_r_r(func_call, host1), host1);
  check(call_r_r(func_call, host2), host2);

  wasm_ref_delete(host1);
  wasm_ref_delete(host2);

  wasm_extern_vec_delete(exports);

  // Shut down.
  print("Shutting down...\n");
  wasm_store_delete(store);
  wasm_engine_delete(engine);

  // All done.
  print("Done.\n");
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  if (!(e instanceof CheckFailed)) throw e;
  process.exitCode = 1;
}
