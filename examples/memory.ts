/**
 * Example (the classic `memory` program of the C API): a memory read,
 * written and grown both from the host and from wasm.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, WASM_I32_VAL, WASM_INIT_VAL, wasm_byte_vec_delete, wasm_byte_vec_new,
  wasm_engine_delete, wasm_engine_new, wasm_extern_as_func, wasm_extern_as_memory, wasm_extern_vec_delete,
  wasm_func_call, wasm_instance_delete, wasm_instance_exports, wasm_instance_new, wasm_memory_data,
  wasm_memory_data_size, wasm_memory_delete, wasm_memory_grow, wasm_memory_new, wasm_memory_size, wasm_memorytype_delete,
  wasm_memorytype_new, wasm_module_delete, wasm_module_new, wasm_store_delete, wasm_store_new, wasm_trap_delete,
  type wasm_byte_vec_t, type wasm_extern_vec_t, type wasm_func_t, type wasm_limits_t, type wasm_memory_t,
  type wasm_val_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

class CheckFailed extends Error {}

function get_export_memory(exports: wasm_extern_vec_t, i: number): wasm_memory_t {
  const memory = exports.size > i ? wasm_extern_as_memory(exports.data[i]) : null;
  if (!memory) {
    console.log(`> Error accessing memory export ${i}!`);
    throw new CheckFailed();
  }
  return memory;
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

function call(func: wasm_func_t, vs: wasm_val_t[]): wasm_val_t | null {
  const rs = [WASM_INIT_VAL()];
  const trap = wasm_func_call(func, WASM_ARRAY_VEC(vs), WASM_ARRAY_VEC(rs));
  if (trap) {
    wasm_trap_delete(trap);
    return null;
  }
  return rs[0]!;
}

function check_call(func: wasm_func_t, vs: wasm_val_t[], expected: number): void {
  const r = call(func, vs);
  if (r === null || r.of.i32 !== expected) {
    console.log("> Error on result");
    throw new CheckFailed();
  }
}

function check_call0(func: wasm_func_t, expected: number): void {
  check_call(func, [], expected);
}

function check_call1(func: wasm_func_t, arg: number, expected: number): void {
  check_call(func, [WASM_I32_VAL(arg)], expected);
}

function check_ok(func: wasm_func_t, vs: wasm_val_t[]): void {
  const trap = wasm_func_call(func, WASM_ARRAY_VEC(vs), WASM_EMPTY_VEC());
  if (trap) {
    console.log("> Error on result, expected empty");
    throw new CheckFailed();
  }
}

function check_ok2(func: wasm_func_t, arg1: number, arg2: number): void {
  check_ok(func, [WASM_I32_VAL(arg1), WASM_I32_VAL(arg2)]);
}

function check_trap(func: wasm_func_t, vs: wasm_val_t[]): void {
  const trap = wasm_func_call(func, WASM_ARRAY_VEC(vs), WASM_ARRAY_VEC([WASM_INIT_VAL()]));
  if (!trap) {
    console.log("> Error on result, expected trap");
    throw new CheckFailed();
  }
  wasm_trap_delete(trap);
}

function check_trap1(func: wasm_func_t, arg: number): void {
  check_trap(func, [WASM_I32_VAL(arg)]);
}

function check_trap2(func: wasm_func_t, arg1: number, arg2: number): void {
  check_trap(func, [WASM_I32_VAL(arg1), WASM_I32_VAL(arg2)]);
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
    file = readFileSync(exampleFile("memory.wasm"));
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
  const memory = get_export_memory(exports, i++);
  const size_func = get_export_func(exports, i++);
  const load_func = get_export_func(exports, i++);
  const store_func = get_export_func(exports, i++);

  wasm_module_delete(module);
  wasm_instance_delete(instance);

  // Check initial memory.
  console.log("Checking memory...");
  check(wasm_memory_size(memory) === 2);
  check(wasm_memory_data_size(memory) === 0x20000);
  check(wasm_memory_data(memory)[0] === 0);
  check(wasm_memory_data(memory)[0x1000] === 1);
  check(wasm_memory_data(memory)[0x1003] === 4);

  check_call0(size_func, 2);
  check_call1(load_func, 0, 0);
  check_call1(load_func, 0x1000, 1);
  check_call1(load_func, 0x1003, 4);
  check_call1(load_func, 0x1ffff, 0);
  check_trap1(load_func, 0x20000);

  // Mutate memory.
  console.log("Mutating memory...");
  wasm_memory_data(memory)[0x1003] = 5;
  check_ok2(store_func, 0x1002, 6);
  check_trap2(store_func, 0x20000, 0);

  check(wasm_memory_data(memory)[0x1002] === 6);
  check(wasm_memory_data(memory)[0x1003] === 5);
  check_call1(load_func, 0x1002, 6);
  check_call1(load_func, 0x1003, 5);

  // Grow memory.
  console.log("Growing memory...");
  check(wasm_memory_grow(memory, 1));
  check(wasm_memory_size(memory) === 3);
  check(wasm_memory_data_size(memory) === 0x30000);

  check_call1(load_func, 0x20000, 0);
  check_ok2(store_func, 0x20000, 0);
  check_trap1(load_func, 0x30000);
  check_trap2(store_func, 0x30000, 0);

  check(!wasm_memory_grow(memory, 1));
  check(wasm_memory_grow(memory, 0));

  wasm_extern_vec_delete(exports);

  // Create stand-alone memory.
  console.log("Creating stand-alone memory...");
  const limits: wasm_limits_t = { min: 5, max: 5 };
  const memorytype = wasm_memorytype_new(limits);
  const memory2 = wasm_memory_new(store, memorytype);
  if (!memory2) {
    console.log("> Error creating memory!");
    return 1;
  }
  check(wasm_memory_size(memory2) === 5);
  check(!wasm_memory_grow(memory2, 1));
  check(wasm_memory_grow(memory2, 0));

  wasm_memorytype_delete(memorytype);
  wasm_memory_delete(memory2);

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
