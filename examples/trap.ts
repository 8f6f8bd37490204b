/**
 * Example (the classic `trap` program of the C API): a trap returned by a host
 * callback and a trap of wasm code, each with message, origin and trace; the
 * calls pass an empty results vector although the functions return a value.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, wasm_byte_vec_delete, wasm_byte_vec_new, wasm_engine_delete, wasm_engine_new,
  wasm_extern_as_func, wasm_extern_vec_delete, wasm_frame_delete, wasm_frame_func_index, wasm_frame_func_offset,
  wasm_frame_instance, wasm_frame_module_offset, wasm_frame_vec_delete, wasm_func_as_extern, wasm_func_call,
  wasm_func_delete, wasm_func_new_with_env, wasm_functype_delete, wasm_functype_new_0_1, wasm_instance_as_ref,
  wasm_instance_delete, wasm_instance_exports, wasm_instance_new, wasm_module_delete, wasm_module_new,
  wasm_name_delete, wasm_name_new_from_string_nt, wasm_store_delete, wasm_store_new, wasm_trap_delete,
  wasm_trap_message, wasm_trap_new, wasm_trap_origin, wasm_trap_trace, wasm_valtype_new_i32,
  wasmts_byte_vec_to_string, wasmts_ref_address,
  type wasm_byte_vec_t, type wasm_extern_vec_t, type wasm_frame_t, type wasm_frame_vec_t, type wasm_name_t,
  type wasm_store_t, type wasm_trap_t, type wasm_val_vec_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

// A function to be called from Wasm code.
function fail_callback(env: unknown, _args: wasm_val_vec_t, _results: wasm_val_vec_t): wasm_trap_t | null {
  console.log("Calling back...");
  const message: wasm_name_t = WASM_EMPTY_VEC();
  wasm_name_new_from_string_nt(message, "callback abort");
  const trap = wasm_trap_new(env as wasm_store_t, message);
  wasm_name_delete(message);
  return trap;
}

// C's "%p": the instance's address, which this port stands in for with wasmts_ref_address.
function pointer(address: number): string {
  return address === 0 ? "(nil)" : `0x${address.toString(16)}`;
}

function print_frame(frame: wasm_frame_t): void {
  console.log(`> ${pointer(wasmts_ref_address(wasm_instance_as_ref(wasm_frame_instance(frame))))}` +
    ` @ 0x${wasm_frame_module_offset(frame).toString(16)}` +
    ` = ${wasm_frame_func_index(frame)}.0x${wasm_frame_func_offset(frame).toString(16)}`);
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
    file = readFileSync(exampleFile("trap.wasm"));
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
  const fail_type = wasm_functype_new_0_1(wasm_valtype_new_i32());
  const fail_func = wasm_func_new_with_env(store, fail_type, fail_callback, store, null);
  wasm_functype_delete(fail_type);

  // Instantiate.
  console.log("Instantiating module...");
  const externs = [wasm_func_as_extern(fail_func)];
  const imports: wasm_extern_vec_t = WASM_ARRAY_VEC(externs);
  const instance = wasm_instance_new(store, module, imports, null);
  if (!instance) {
    console.log("> Error instantiating module!");
    return 1;
  }
  wasm_func_delete(fail_func);

  // Extract export.
  console.log("Extracting exports...");
  const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(instance, exports);
  if (exports.size < 2) {
    console.log("> Error accessing exports!");
    return 1;
  }
  wasm_module_delete(module);
  wasm_instance_delete(instance);

  // Call.
  for (let i = 0; i < 2; ++i) {
    const func = wasm_extern_as_func(exports.data[i]);
    if (func === null) {
      console.log("> Error accessing export!");
      return 1;
    }

    console.log(`Calling export ${i}...`);
    const args: wasm_val_vec_t = WASM_EMPTY_VEC();
    const results: wasm_val_vec_t = WASM_EMPTY_VEC();
    const trap = wasm_func_call(func, args, results);
    if (!trap) {
      console.log("> Error calling function, expected trap!");
      return 1;
    }

    console.log("Printing message...");
    const message: wasm_name_t = WASM_EMPTY_VEC();
    wasm_trap_message(trap, message);
    console.log(`> ${wasmts_byte_vec_to_string(message)}`);

    console.log("Printing origin...");
    const frame = wasm_trap_origin(trap);
    if (frame) {
      print_frame(frame);
      wasm_frame_delete(frame);
    } else {
      console.log("> Empty origin.");
    }

    console.log("Printing trace...");
    const trace: wasm_frame_vec_t = WASM_EMPTY_VEC();
    wasm_trap_trace(trap, trace);
    if (trace.size > 0) {
      for (let j = 0; j < trace.size; ++j) print_frame(trace.data[j]!);
    } else {
      console.log("> Empty trace.");
    }

    wasm_frame_vec_delete(trace);
    wasm_trap_delete(trap);
    wasm_name_delete(message);
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
