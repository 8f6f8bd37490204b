import test from "ava";
import * as C from "../../../capi/index.js";
import { wat } from "../../helpers/wat.js";

const TEXT = `(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "boom") (param i32) (result i32) (i32.div_s (local.get 0) (i32.const 0))))`;

/** Runs fib(20) and a trapping call in a store of an engine made from `config`. */
async function runWith(config: C.wasm_config_t): Promise<{ fib: number; trap: string; frames: number; tier: unknown }> {
  const engine = C.wasm_engine_new_with_config(config);
  const store = C.wasm_store_new(engine);
  const bytes = await wat(TEXT);
  const module = C.wasm_module_new(store, { size: bytes.length, data: bytes } as unknown as C.wasm_byte_vec_t)!;
  const instance = C.wasm_instance_new(store, module, C.WASM_EMPTY_VEC(), null)!;
  const exps = C.WASM_EMPTY_VEC() as C.wasm_extern_vec_t;
  C.wasm_instance_exports(instance, exps);
  const fib = C.wasm_extern_as_func(exps.data[0]!)!;
  const boom = C.wasm_extern_as_func(exps.data[1]!)!;
  const results = C.WASM_ARRAY_VEC([C.WASM_INIT_VAL()]);
  t0(C.wasm_func_call(fib, C.WASM_ARRAY_VEC([C.WASM_I32_VAL(20)]), results));
  const fibValue = results.data[0]!.of.i32 as number;
  const trap = C.wasm_func_call(boom, C.WASM_ARRAY_VEC([C.WASM_I32_VAL(1)]), results)!;
  const msg = C.WASM_EMPTY_VEC() as C.wasm_message_t;
  C.wasm_trap_message(trap, msg);
  const frames = C.WASM_EMPTY_VEC() as C.wasm_frame_vec_t;
  C.wasm_trap_trace(trap, frames);
  const tier = (store as unknown as { _state: { runtime: { tier: unknown } } })._state.runtime.tier;
  return { fib: fibValue, trap: C.wasmts_byte_vec_to_string(msg), frames: frames.size, tier };
}

function t0(trap: C.wasm_trap_t | null): void {
  if (trap !== null) throw new Error("unexpected trap");
}

test("wasmts_config_set_tier: the engine's stores run on the compiler tier with the interpreter's results and traps", async (t) => {
  t.true(C.wasmts_compiler_available());
  const compiled = C.wasm_config_new();
  C.wasmts_config_set_tier(compiled, "compiler");
  const a = await runWith(compiled);
  const b = await runWith(C.wasm_config_new());
  t.is(a.tier, "compiler");
  t.is(b.tier, "tiered", "the default");
  t.is(a.fib, 6765);
  t.deepEqual({ ...a, tier: null }, { ...b, tier: null });
  t.true(a.trap.includes("integer divide by zero"));
  t.is(a.frames, 1);
  const back = C.wasm_config_new();
  C.wasmts_config_set_tier(back, "compiler");
  C.wasmts_config_set_tier(back, "interpreter");
  t.is((await runWith(back)).tier, "interpreter");
  const interpreted = C.wasm_config_new();
  C.wasmts_config_set_tier(interpreted, "interpreter");
  t.deepEqual({ ...(await runWith(interpreted)), tier: null }, { ...a, tier: null });
});

test("wasmts_config_set_tier: \"tiered\" stores give the same results and traps", async (t) => {
  const tiered = C.wasm_config_new();
  C.wasmts_config_set_tier(tiered, "tiered");
  const a = await runWith(tiered);
  const b = await runWith(C.wasm_config_new());
  t.is(a.tier, "tiered");
  t.deepEqual({ ...a, tier: null }, { ...b, tier: null });
});

test("wasmts_config_set_tier refuses an unknown tier as misuse", (t) => {
  const config = C.wasm_config_new();
  for (const bad of ["jit", "Compiler", "", 42, null]) {
    t.throws(() => C.wasmts_config_set_tier(config, bad as string), { instanceOf: C.wasmts_error_t, message: /^wasmts_config_set_tier: / });
  }
});
