/**
 * Child process of the stack test (run on the main thread, Node's default
 * stack): wasm -> host -> wasm re-entrancy through the C API, `levels` deep
 * (argv[2]), on the engine's default tier or the tier named by argv[3];
 * prints the result as JSON: the value returned, or the trap.
 * @module
 */
import * as C from "../../../capi/index.js";
import { wat } from "../../helpers/wat.js";

const levels = Number(process.argv[2]);
const bytes = await wat(`(module (import "" "host" (func $host (param i32) (result i32)))
  (func (export "f") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (call $host (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))))`);
const config = C.wasm_config_new();
if (process.argv[3] !== undefined) C.wasmts_config_set_tier(config, process.argv[3]);
const engine = process.argv[3] !== undefined ? C.wasm_engine_new_with_config(config) : C.wasm_engine_new();
const store = C.wasm_store_new(engine);
const binary: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
C.wasm_byte_vec_new(binary, bytes.length, bytes);
const module = C.wasm_module_new(store, binary)!;
let f: C.wasm_func_t | null = null;
const type = C.wasm_functype_new_1_1(C.wasm_valtype_new_i32(), C.wasm_valtype_new_i32());
// The host function calls back into wasm: one level of re-entrancy per call.
const host = C.wasm_func_new(store, type, (args, results) => {
  const rs = [C.WASM_INIT_VAL()];
  const trap = C.wasm_func_call(f, C.WASM_ARRAY_VEC([C.WASM_I32_VAL(args.data[0]!.of.i32!)]), C.WASM_ARRAY_VEC(rs));
  if (trap) return trap;
  results.data[0] = rs[0]!;
  return null;
});
const instance = C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC([C.wasm_func_as_extern(host)]), null)!;
const exports: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
C.wasm_instance_exports(instance, exports);
f = C.wasm_extern_as_func(exports.data[0]!);
const rs = [C.WASM_INIT_VAL()];
const trap = C.wasm_func_call(f, C.WASM_ARRAY_VEC([C.WASM_I32_VAL(levels)]), C.WASM_ARRAY_VEC(rs));
if (trap) {
  const m: C.wasm_message_t = C.WASM_EMPTY_VEC();
  C.wasm_trap_message(trap, m);
  console.log(JSON.stringify({ trap: C.wasmts_byte_vec_to_string(m) }));
} else {
  console.log(JSON.stringify({ result: rs[0]!.of.i32 }));
}
