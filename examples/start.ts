/**
 * Example (the classic `start` program of the C API): a start function that
 * traps makes instantiation fail with a trap that has a message, an origin
 * and a trace.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_EMPTY_VEC, wasm_byte_vec_delete, wasm_byte_vec_new, wasm_engine_delete, wasm_engine_new, wasm_frame_delete,
  wasm_frame_func_index, wasm_frame_func_offset, wasm_frame_instance, wasm_frame_module_offset, wasm_frame_vec_delete,
  wasm_instance_as_ref, wasm_instance_new, wasm_module_delete, wasm_module_new, wasm_name_delete, wasm_store_delete,
  wasm_store_new, wasm_trap_delete, wasm_trap_message, wasm_trap_origin, wasm_trap_trace, wasmts_byte_vec_to_string,
  wasmts_ref_address,
  type wasm_byte_vec_t, type wasm_extern_vec_t, type wasm_frame_t, type wasm_frame_vec_t, type wasm_name_t,
  type wasm_trap_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

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
    file = readFileSync(exampleFile("start.wasm"));
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
  const trap: { value: wasm_trap_t | null } = { value: null };
  const instance = wasm_instance_new(store, module, imports, trap);
  if (instance || !trap.value) {
    console.log("> Error instantiating module, expected trap!");
    return 1;
  }
  wasm_module_delete(module);

  // Print result.
  console.log("Printing message...");
  const message: wasm_name_t = WASM_EMPTY_VEC();
  wasm_trap_message(trap.value, message);
  console.log(`> ${wasmts_byte_vec_to_string(message)}`);

  console.log("Printing origin...");
  const frame = wasm_trap_origin(trap.value);
  if (frame) {
    print_frame(frame);
    wasm_frame_delete(frame);
  } else {
    console.log("> Empty origin.");
  }

  console.log("Printing trace...");
  const trace: wasm_frame_vec_t = WASM_EMPTY_VEC();
  wasm_trap_trace(trap.value, trace);
  if (trace.size > 0) {
    for (let i = 0; i < trace.size; ++i) print_frame(trace.data[i]!);
  } else {
    console.log("> Empty trace.");
  }

  wasm_frame_vec_delete(trace);
  wasm_trap_delete(trap.value);
  wasm_name_delete(message);

  // Shut down.
  console.log("Shutting down...");
  wasm_store_delete(store);
  wasm_engine_delete(engine);

  // All done.
  console.log("Done.");
  return 0;
}

process.exitCode = main();
