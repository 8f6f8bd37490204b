/**
 * Helpers for the capi tests: a store per test, modules from text, exports
 * by name, calls with plain numbers.
 * @module
 */
import * as C from "../../../capi/index.js";
import { wat } from "../../helpers/wat.js";

/** An engine and a store; `done()` deletes both. */
export interface Env {
  engine: C.wasm_engine_t;
  store: C.wasm_store_t;
  done(): void;
}

/** Makes an engine and a store. */
export function env(): Env {
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  return {
    engine,
    store,
    done() {
      C.wasm_store_delete(store);
      C.wasm_engine_delete(engine);
    },
  };
}

/** A byte vector holding `bytes`. */
export function byteVec(bytes: Uint8Array): C.wasm_byte_vec_t {
  const v: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_byte_vec_new(v, bytes.length, bytes);
  return v;
}

/** Compiles module text in a store (throws when the module does not compile). */
export async function compile(store: C.wasm_store_t, text: string): Promise<C.wasm_module_t> {
  const binary = byteVec(await wat(text));
  const module = C.wasm_module_new(store, binary);
  C.wasm_byte_vec_delete(binary);
  if (!module) throw new Error("module did not compile");
  return module;
}

/** Instantiates a module with imports (throws with the trap's message when it fails). */
export function instantiate(store: C.wasm_store_t, module: C.wasm_module_t, imports: (C.wasm_extern_t | null)[] = []): C.wasm_instance_t {
  const trap: { value: C.wasm_trap_t | null } = { value: null };
  const instance = C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC(imports), trap);
  if (!instance) throw new Error(`instantiation failed: ${trap.value ? message(trap.value) : "no trap"}`);
  return instance;
}

/** The exports of an instance by name (handles the caller deletes with `C.wasm_extern_vec_delete(vec)`). */
export function exportsOf(module: C.wasm_module_t, instance: C.wasm_instance_t): { vec: C.wasm_extern_vec_t; get(name: string): C.wasm_extern_t } {
  const types: C.wasm_exporttype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_module_exports(module, types);
  const names = types.data.map((t) => C.wasmts_byte_vec_to_string(C.wasm_exporttype_name(t)));
  C.wasm_exporttype_vec_delete(types);
  const vec: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_instance_exports(instance, vec);
  return {
    vec,
    get(name) {
      const i = names.indexOf(name);
      if (i < 0) throw new Error(`no export ${name}`);
      return vec.data[i]!;
    },
  };
}

/** The message of a trap (without its NUL). */
export function message(trap: C.wasm_trap_t): string {
  const m: C.wasm_message_t = C.WASM_EMPTY_VEC();
  C.wasm_trap_message(trap, m);
  const s = C.wasmts_byte_vec_to_string(m);
  C.wasm_byte_vec_delete(m);
  return s;
}

/** Calls a function; returns its results, or throws with the trap's message. */
export function call(func: C.wasm_func_t, ...args: C.wasm_val_t[]): C.wasm_val_t[] {
  const results = Array.from({ length: C.wasm_func_result_arity(func) }, C.WASM_INIT_VAL);
  const trap = C.wasm_func_call(func, C.WASM_ARRAY_VEC(args), C.WASM_ARRAY_VEC(results));
  if (trap) {
    const m = message(trap);
    C.wasm_trap_delete(trap);
    throw new Error(`trap: ${m}`);
  }
  return results;
}

/** The message of the trap a call returns, or null when it returns none. */
export function callTrap(func: C.wasm_func_t, ...args: C.wasm_val_t[]): string | null {
  const trap = C.wasm_func_call(func, C.WASM_ARRAY_VEC(args), C.WASM_EMPTY_VEC());
  if (!trap) return null;
  const m = message(trap);
  C.wasm_trap_delete(trap);
  return m;
}

/** A function type from value kinds. */
export function functype(params: number[], results: number[]): C.wasm_functype_t {
  const ps: C.wasm_valtype_vec_t = C.WASM_EMPTY_VEC();
  const rs: C.wasm_valtype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_valtype_vec_new(ps, params.length, params.map((k) => C.wasm_valtype_new(k)));
  C.wasm_valtype_vec_new(rs, results.length, results.map((k) => C.wasm_valtype_new(k)));
  return C.wasm_functype_new(ps, rs);
}

/** The bits of a float64 number (NaN payloads included). */
export function f64Bits(x: number): bigint {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0);
}

/** The float64 number with these bits. */
export function f64OfBits(bits: bigint): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setBigUint64(0, bits);
  return v.getFloat64(0);
}
