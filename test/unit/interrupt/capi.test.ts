import test from "ava";
import * as C from "../../../capi/index.js";
import { byteVec, call, compile, exportsOf, instantiate, message } from "../capi/helpers.js";
import { epochBumper } from "./helpers.js";

const PROGRAM = `(module
  (func $spin (export "spin") (loop (br 0)))
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`;

function engineWith(set: (c: C.wasm_config_t) => void): C.wasm_engine_t {
  const config = C.wasm_config_new();
  set(config);
  return C.wasm_engine_new_with_config(config);
}

async function setUp(engine: C.wasm_engine_t): Promise<{ store: C.wasm_store_t; get(n: string): C.wasm_func_t; done(): void }> {
  const store = C.wasm_store_new(engine);
  const module = await compile(store, PROGRAM);
  const instance = instantiate(store, module);
  const ex = exportsOf(module, instance);
  return {
    store,
    get: (n) => C.wasm_extern_as_func(ex.get(n))!,
    done() {
      C.wasm_extern_vec_delete(ex.vec);
      C.wasm_instance_delete(instance);
      C.wasm_module_delete(module);
      C.wasm_store_delete(store);
      C.wasm_engine_delete(engine);
    },
  };
}

/** Calls `f`; returns the trap's message and its frames' function indices. */
function trapped(f: C.wasm_func_t, ...args: C.wasm_val_t[]): { message: string; frames: number[] } {
  const results = Array.from({ length: C.wasm_func_result_arity(f) }, C.WASM_INIT_VAL);
  const trap = C.wasm_func_call(f, C.WASM_ARRAY_VEC(args), C.WASM_ARRAY_VEC(results));
  if (!trap) throw new Error("no trap");
  const frames: C.wasm_frame_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_trap_trace(trap, frames);
  const out = { message: message(trap), frames: frames.data.map((fr) => C.wasm_frame_func_index(fr!)) };
  C.wasm_frame_vec_delete(frames);
  C.wasm_trap_delete(trap);
  return out;
}

test("C API fuel: wasmts_config_consume_fuel, _set_fuel, _get_fuel, _add_fuel; the trap has frames, the store stays usable", async (t) => {
  const env = await setUp(engineWith((c) => C.wasmts_config_consume_fuel(c, true)));
  t.is(C.wasmts_store_get_fuel(env.store), 0n);
  C.wasmts_store_set_fuel(env.store, 10_000n);
  const spin = trapped(env.get("spin"));
  t.is(spin.message, "all fuel consumed");
  t.deepEqual(spin.frames, [0]);
  t.is(C.wasmts_store_get_fuel(env.store), 0n);
  C.wasmts_store_add_fuel(env.store, 400);
  C.wasmts_store_add_fuel(env.store, 600n);
  const rec = trapped(env.get("fib"), C.WASM_I32_VAL(100));
  t.is(rec.message, "all fuel consumed");
  t.true(rec.frames.length > 50 && rec.frames.every((i) => i === 1));
  C.wasmts_store_set_fuel(env.store, 1000);
  t.is(call(env.get("fib"), C.WASM_I32_VAL(10))[0]!.of.i32, 55);
  t.is(C.wasmts_store_get_fuel(env.store), 1000n - 177n);
  t.throws(() => C.wasmts_store_set_fuel(env.store, -1), { instanceOf: C.wasmts_error_t });
  env.done();
});

test("C API fuel is deterministic across stores and engines", async (t) => {
  const seen: string[] = [];
  for (let i = 0; i < 2; i++) {
    const env = await setUp(engineWith((c) => C.wasmts_config_consume_fuel(c, true)));
    C.wasmts_store_set_fuel(env.store, 77_777);
    const r = trapped(env.get("fib"), C.WASM_I32_VAL(40));
    C.wasmts_store_set_fuel(env.store, 10_000);
    call(env.get("fib"), C.WASM_I32_VAL(12));
    seen.push(`${r.message} ${r.frames.length} ${C.wasmts_store_get_fuel(env.store)}`);
    env.done();
  }
  t.is(seen[1], seen[0]);
});

test("C API fuel functions raise wasmts_error_t when the engine does not consume fuel", async (t) => {
  const env = await setUp(C.wasm_engine_new());
  for (const f of [() => C.wasmts_store_set_fuel(env.store, 1), () => C.wasmts_store_get_fuel(env.store), () => C.wasmts_store_add_fuel(env.store, 1)]) {
    t.throws(f, { instanceOf: C.wasmts_error_t, message: /fuel is not consumed/ });
  }
  t.throws(() => C.wasmts_store_set_fuel(C.wasm_engine_new() as unknown as C.wasm_store_t, 1), { instanceOf: C.wasmts_error_t });
  env.done();
});

test("C API deadline: wasmts_store_set_deadline stops spin and a deep recursion; wasmts_store_clear_deadline", async (t) => {
  const env = await setUp(C.wasm_engine_new());
  C.wasmts_store_set_deadline(env.store, 10);
  t.deepEqual(trapped(env.get("spin")), { message: "deadline exceeded", frames: [0] });
  C.wasmts_store_set_deadline(env.store, 10);
  t.is(trapped(env.get("fib"), C.WASM_I32_VAL(100)).message, "deadline exceeded");
  C.wasmts_store_clear_deadline(env.store);
  t.is(call(env.get("add"), C.WASM_I32_VAL(2), C.WASM_I32_VAL(40))[0]!.of.i32, 42);
  t.throws(() => C.wasmts_store_set_deadline(env.store, -5), { instanceOf: C.wasmts_error_t });
  env.done();
});

test("C API epoch: a worker_thread increments the engine's epoch buffer; the loop stops, the store stays usable", async (t) => {
  const engine = engineWith((c) => C.wasmts_config_epoch_interruption(c, true));
  const env = await setUp(engine);
  const buffer = C.wasmts_engine_epoch_buffer(engine);
  t.is(C.wasmts_engine_epoch_buffer(engine), buffer);
  for (const [name, args] of [["spin", []], ["fib", [C.WASM_I32_VAL(100)]]] as const) {
    C.wasmts_store_set_epoch_deadline(env.store, 1);
    const bumper = await epochBumper(buffer, "capi");
    bumper.go();
    const r = trapped(env.get(name), ...args);
    await bumper.done();
    t.is(r.message, "interrupted (epoch deadline)");
    t.true(r.frames.length >= 1);
  }
  // The engine's own increment (from this thread, between calls) reaches the deadline too.
  C.wasmts_store_set_epoch_deadline(env.store, 2);
  C.wasmts_engine_increment_epoch(engine);
  t.is(call(env.get("add"), C.WASM_I32_VAL(1), C.WASM_I32_VAL(1))[0]!.of.i32, 2);
  C.wasmts_engine_increment_epoch(engine);
  t.is(trapped(env.get("spin")).message, "interrupted (epoch deadline)");
  C.wasmts_store_clear_epoch_deadline(env.store);
  t.is(call(env.get("add"), C.WASM_I32_VAL(1), C.WASM_I32_VAL(1))[0]!.of.i32, 2);
  t.throws(() => C.wasmts_epoch_increment(new ArrayBuffer(8) as unknown as SharedArrayBuffer), { instanceOf: C.wasmts_error_t });
  env.done();
});

test("C API epoch deadline needs wasmts_config_epoch_interruption", async (t) => {
  const env = await setUp(C.wasm_engine_new());
  t.throws(() => C.wasmts_store_set_epoch_deadline(env.store, 1), { instanceOf: C.wasmts_error_t, message: /epoch interruption is not enabled/ });
  env.done();
  void byteVec;
});
