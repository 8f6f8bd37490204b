/**
 * A trap as the command line prints it on stderr: the message, then one
 * line per wasm frame, innermost first, with the function's name from the
 * module's name section (`wasmts_frame_func_name`) or `func[INDEX]` when it
 * has none, and the frame's byte offset in the module:
 *
 * ```
 * wasm-c-api-ts: trap: integer divide by zero
 *     at inner (func[0], module offset 0x2b)
 *     at func[1] (module offset 0x31)
 * ```
 * @module
 */
import {
  WASM_EMPTY_VEC, wasm_byte_vec_delete, wasm_frame_func_index, wasm_frame_module_offset, wasm_frame_vec_delete,
  wasm_trap_message, wasm_trap_trace, wasmts_byte_vec_to_string, wasmts_frame_func_name,
  type wasm_frame_t, type wasm_frame_vec_t, type wasm_message_t, type wasm_name_t, type wasm_trap_t,
} from "../capi/index.js";

/** A trap's message (`wasm_trap_message`) as text. */
export function trapMessage(trap: wasm_trap_t): string {
  const message: wasm_message_t = WASM_EMPTY_VEC();
  wasm_trap_message(trap, message);
  const text = wasmts_byte_vec_to_string(message);
  wasm_byte_vec_delete(message);
  return text;
}

/** One frame's line (without indentation). */
export function frameText(frame: wasm_frame_t): string {
  const name: wasm_name_t = WASM_EMPTY_VEC();
  const named = wasmts_frame_func_name(frame, name);
  const text = wasmts_byte_vec_to_string(name);
  wasm_byte_vec_delete(name);
  const index = `func[${wasm_frame_func_index(frame)}]`;
  const offset = `module offset 0x${wasm_frame_module_offset(frame).toString(16)}`;
  return named ? `at ${text} (${index}, ${offset})` : `at ${index} (${offset})`;
}

/** The lines of a trap's frames (`wasm_trap_trace`), innermost first. */
export function traceLines(trap: wasm_trap_t): string[] {
  const trace: wasm_frame_vec_t = WASM_EMPTY_VEC();
  wasm_trap_trace(trap, trace);
  const lines = trace.data.slice(0, trace.size).map((frame) => `    ${frameText(frame!)}`);
  wasm_frame_vec_delete(trace);
  return lines;
}

/** The whole report: `trap: MESSAGE` and the frames, as lines. */
export function trapReport(trap: wasm_trap_t): string[] {
  return [`trap: ${trapMessage(trap)}`, ...traceLines(trap)];
}
