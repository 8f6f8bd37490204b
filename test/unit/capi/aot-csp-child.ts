/**
 * Child of aot.test.ts, run with `--disallow-code-generation-from-strings`
 * (what a Content Security Policy does to `new Function`): deserializes the
 * compiled artifact named on the command line in a store of the compiler
 * tier, runs it, and prints what it saw as JSON.
 * @module
 */
import { readFileSync } from "node:fs";
import * as C from "../../../capi/index.js";
import { FuncInstance } from "../../../impl/index.js";

const artifact = readFileSync(process.argv[2]!);
const config = C.wasm_config_new();
C.wasmts_config_set_tier(config, "compiler");
const store = C.wasm_store_new(C.wasm_engine_new_with_config(config));
const vec: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
C.wasm_byte_vec_new(vec, artifact.length, artifact);
const module = C.wasm_module_deserialize(store, vec);
if (module === null) throw new Error("the artifact was refused");
const instance = C.wasm_instance_new(store, module, C.WASM_EMPTY_VEC(), null)!;
const exports: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
C.wasm_instance_exports(instance, exports);
const fib = C.wasm_extern_as_func(exports.data[0]!)!;
const nan = C.wasm_extern_as_func(exports.data[1]!)!;
const out = C.WASM_ARRAY_VEC([C.WASM_INIT_VAL()]);
if (C.wasm_func_call(fib, C.WASM_ARRAY_VEC([C.WASM_I32_VAL(20)]), out) !== null) throw new Error("fib trapped");
const fibValue = out.data[0]!.of.i32;
if (C.wasm_func_call(nan, C.WASM_EMPTY_VEC(), out) !== null) throw new Error("nan trapped");
const nanBits = BigInt.asUintN(64, out.data[0]!.of.i64 as bigint).toString(16);
const engineFib = (fib as unknown as { _rec: { obj: FuncInstance } })._rec.obj;
process.stdout.write(JSON.stringify({ available: C.wasmts_compiler_available(), fib: fibValue, nan: nanBits, jit: engineFib.jit !== null }));
