/**
 * Helpers of the exception-handling tests: Wasm 3.0 module text to binary
 * (wabt with exception handling on, as the 3.0 spec runner uses), and
 * C API shorthands.
 * @module
 */
import { wat, WASM3_EH_FEATURES } from "../../helpers/wat.js";
import * as C from "../../../capi/index.js";

/** Module text with Wasm 3.0 syntax to a binary (not validated). */
export async function wat3(text: string): Promise<Uint8Array> {
  return wat(text, WASM3_EH_FEATURES);
}

/** Compiles Wasm 3.0 module text in a store through the C API. */
export async function compile3(store: C.wasm_store_t, text: string): Promise<C.wasm_module_t> {
  const bytes = await wat3(text);
  const binary: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_byte_vec_new(binary, bytes.length, bytes);
  const module = C.wasm_module_new(store, binary);
  C.wasm_byte_vec_delete(binary);
  if (!module) throw new Error("module did not compile");
  return module;
}

/** A tag type `(param ...)` from value kinds. */
export function tagtype(...params: C.wasm_valkind_t[]): C.wasm_tagtype_t {
  const ps: C.wasm_valtype_vec_t = C.WASM_EMPTY_VEC();
  const rs: C.wasm_valtype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_valtype_vec_new(ps, params.length, params.map((k) => C.wasm_valtype_new(k)));
  C.wasm_valtype_vec_new_empty(rs);
  return C.wasm_tagtype_new(C.wasm_functype_new(ps, rs));
}

/** Instantiates a module with the given imports; throws with the trap's message when it fails. */
export function instance(store: C.wasm_store_t, module: C.wasm_module_t, imports: (C.wasm_extern_t | null)[]): C.wasm_instance_t {
  const trap: { value: C.wasm_trap_t | null } = { value: null };
  const inst = C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC(imports), trap);
  if (!inst) throw new Error(`instantiation failed${trap.value ? `: ${message(trap.value)}` : ""}`);
  return inst;
}

/** The message of a trap, without its NUL. */
export function message(trap: C.wasm_trap_t): string {
  const m: C.wasm_message_t = C.WASM_EMPTY_VEC();
  C.wasm_trap_message(trap, m);
  const s = C.wasmts_byte_vec_to_string(m);
  C.wasm_byte_vec_delete(m);
  return s;
}

/** The exported function `name` of an instance (exports in order; `names` lists their names). */
export function exportedFunc(inst: C.wasm_instance_t, index: number): C.wasm_func_t {
  const vec: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_instance_exports(inst, vec);
  const f = C.wasm_extern_as_func(C.wasm_extern_copy(vec.data[index]!))!;
  C.wasm_extern_vec_delete(vec);
  return f;
}
