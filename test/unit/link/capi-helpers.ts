/**
 * Helpers of the linking tests through the C API: names, modules from text,
 * exports by name, calls, messages.
 * @module
 */
import * as C from "../../../capi/index.js";
import { wat } from "../../helpers/wat.js";

/** A name vector (not NUL-terminated, as import names are). */
export function name(s: string): C.wasm_name_t {
  const v: C.wasm_name_t = C.WASM_EMPTY_VEC();
  C.wasm_name_new_from_string(v, s);
  return v;
}

/** Compiles module text in a store. */
export async function compile(store: C.wasm_store_t, text: string): Promise<C.wasm_module_t> {
  const bytes = await wat(text);
  const binary: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_byte_vec_new(binary, bytes.length, bytes);
  const module = C.wasm_module_new(store, binary);
  C.wasm_byte_vec_delete(binary);
  if (!module) throw new Error("module did not compile");
  return module;
}

/** The message of a trap, without its NUL. */
export function message(trap: C.wasm_trap_t): string {
  const m: C.wasm_message_t = C.WASM_EMPTY_VEC();
  C.wasm_trap_message(trap, m);
  const s = C.wasmts_byte_vec_to_string(m);
  C.wasm_byte_vec_delete(m);
  return s;
}

/** A message out-parameter read as text (for the last-error functions). */
export function lastError(get: (out: C.wasm_message_t) => boolean): string | null {
  const m: C.wasm_message_t = C.WASM_EMPTY_VEC();
  const had = get(m);
  const s = C.wasmts_byte_vec_to_string(m);
  C.wasm_byte_vec_delete(m);
  return had ? s : null;
}

/** The export `exportName` of an instance of `module`. */
export function exported(module: C.wasm_module_t, instance: C.wasm_instance_t, exportName: string): C.wasm_extern_t {
  const types: C.wasm_exporttype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_module_exports(module, types);
  const names = types.data.map((t) => C.wasmts_byte_vec_to_string(C.wasm_exporttype_name(t)));
  C.wasm_exporttype_vec_delete(types);
  const vec: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_instance_exports(instance, vec);
  const i = names.indexOf(exportName);
  if (i < 0) throw new Error(`no export ${exportName}`);
  const e = C.wasm_extern_copy(vec.data[i]!);
  C.wasm_extern_vec_delete(vec);
  return e;
}

/** Calls an exported function with i32 arguments; its i32 results, or throws with the trap's message. */
export function callI32(f: C.wasm_extern_t, ...args: number[]): number[] {
  const func = C.wasm_extern_as_func(f)!;
  const results = Array.from({ length: C.wasm_func_result_arity(func) }, C.WASM_INIT_VAL);
  const trap = C.wasm_func_call(func, C.WASM_ARRAY_VEC(args.map((a) => C.WASM_I32_VAL(a))), C.WASM_ARRAY_VEC(results));
  if (trap) {
    const m = message(trap);
    C.wasm_trap_delete(trap);
    throw new Error(`trap: ${m}`);
  }
  return results.map((r) => r.of.i32 as number);
}

/** A function type from value kinds. */
export function functype(params: number[], results: number[]): C.wasm_functype_t {
  const ps: C.wasm_valtype_vec_t = C.WASM_EMPTY_VEC();
  const rs: C.wasm_valtype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_valtype_vec_new(ps, params.length, params.map((k) => C.wasm_valtype_new(k)));
  C.wasm_valtype_vec_new(rs, results.length, results.map((k) => C.wasm_valtype_new(k)));
  return C.wasm_functype_new(ps, rs);
}

/** A trap out-parameter. */
export const trapOut = (): { value: C.wasm_trap_t | null } => ({ value: null });
