/**
 * Extensions: function names from the module's name section, and C strings.
 * @module
 */
import { ModuleInstance, type Module } from "../../impl/index.js";
import type { wasm_byte_vec_t, wasm_name_t } from "../byte_vec.js";
import { bytesOf, cText, fillBytes, utf8 } from "../internal/bytes.js";
import { live, owned, u32Arg } from "../internal/handles.js";
import { wasm_frame_t, wasm_module_t } from "../internal/objects.js";
import type { ModuleObject } from "../internal/records.js";

function funcName(module: Module, index: number, out: wasm_name_t, fn: string): boolean {
  const name = module.names?.funcNames.get(index);
  fillBytes(out, name === undefined ? new Uint8Array(0) : utf8(name), fn);
  return name !== undefined;
}

/**
 * Fills `out` with the name of the frame's function from its module's name
 * section (extension; not NUL-terminated, like every name). Returns false
 * (and an empty `out`) when the module names no such function.
 * @category Extensions
 */
export function wasmts_frame_func_name(frame: wasm_frame_t | null, out: wasm_name_t): boolean {
  const fn = "wasmts_frame_func_name";
  const f = owned(frame, wasm_frame_t, fn);
  const inst = f._frame.instance;
  if (!(inst instanceof ModuleInstance)) {
    fillBytes(out, new Uint8Array(0), fn);
    return false;
  }
  return funcName(inst.module, f._frame.funcIndex, out, fn);
}

/**
 * Fills `out` with the name of function `index` of a module from its name
 * section (extension). Returns false (and an empty `out`) when there is none.
 * @category Extensions
 */
export function wasmts_module_func_name(module: wasm_module_t | null, index: number, out: wasm_name_t): boolean {
  const fn = "wasmts_module_func_name";
  const m = (live(module, wasm_module_t, fn)._rec.obj as ModuleObject).module;
  return funcName(m, u32Arg(index, fn, "index"), out, fn);
}

/**
 * The text of a byte vector read as C reads a string (extension): UTF-8 up to
 * the first NUL, or all of it. Ports print messages and names with it.
 * @category Extensions
 */
export function wasmts_byte_vec_to_string(v: wasm_byte_vec_t): string {
  return cText(bytesOf(v, "wasmts_byte_vec_to_string"));
}
