import test from "ava";
import * as C from "../../../capi/index.js";
import { call, callTrap, compile, env, exportsOf, functype, instantiate, message } from "./helpers.js";

test("wasm_func_new: a host function runs its callback with arguments; results arrive as WASM_INIT_VAL storage (rule 9)", (t) => {
  const e = env();
  const ft = functype([C.WASM_I32, C.WASM_I64], [C.WASM_I64, C.WASM_I32]);
  let seen: C.wasm_val_vec_t | null = null;
  let initial: unknown = null;
  const f = C.wasm_func_new(e.store, ft, (args, results) => {
    seen = args;
    initial = structuredClone(results.data);
    // Field by field, and by assignment: both are read after the callback returns.
    results.data[0]!.kind = C.WASM_I64;
    results.data[0]!.of.i64 = args.data[1]!.of.i64! * 2n;
    results.data[1] = C.WASM_I32_VAL(args.data[0]!.of.i32! + 1);
    return null;
  });
  C.wasm_functype_delete(ft);
  const [a, b] = call(f, C.WASM_I32_VAL(4), C.WASM_I64_VAL(21n));
  t.deepEqual(a, C.WASM_I64_VAL(42n));
  t.deepEqual(b, C.WASM_I32_VAL(5));
  t.is(seen!.size, 2);
  t.deepEqual(initial, [C.WASM_INIT_VAL(), C.WASM_INIT_VAL()]);
  t.is(C.wasm_func_param_arity(f), 2);
  t.is(C.wasm_func_result_arity(f), 2);
  const type = C.wasm_func_type(f);
  t.deepEqual(C.wasm_functype_results(type).data.map(C.wasm_valtype_kind), [C.WASM_I64, C.WASM_I32]);
  C.wasm_functype_delete(type);
  C.wasm_func_delete(f);
  e.done();
});

test("wasm_func_new_with_env passes the environment unchanged; its finalizer runs once when the function dies", (t) => {
  const e = env();
  const ft = functype([], [C.WASM_I32]);
  const environment = { value: 42 };
  const finalized: unknown[] = [];
  const f = C.wasm_func_new_with_env(e.store, ft, (envArg, _args, results) => {
    t.is(envArg, environment);
    results.data[0] = C.WASM_I32_VAL((envArg as typeof environment).value);
    return null;
  }, environment, (x) => finalized.push(x));
  C.wasm_functype_delete(ft);
  t.is(call(f)[0]!.of.i32, 42);
  const copy = C.wasm_func_copy(f);
  C.wasm_func_delete(f);
  t.deepEqual(finalized, []);
  C.wasm_func_delete(copy);
  t.deepEqual(finalized, [environment]);
  e.done();
  t.deepEqual(finalized, [environment]);
});

test("wasm_func_call writes results into the caller's array in place (rule 10) and accepts a short or empty results vector", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (func (export "two") (result i32 i64) (i32.const 1) (i64.const 2)))`);
  const inst = instantiate(e.store, module);
  const ex = exportsOf(module, inst);
  const two = C.wasm_extern_as_func(ex.get("two"))!;
  const rs = [C.WASM_INIT_VAL(), C.WASM_INIT_VAL()];
  const slot = rs[0];
  t.is(C.wasm_func_call(two, C.WASM_EMPTY_VEC(), C.WASM_ARRAY_VEC(rs)), null);
  t.is(rs[0], slot);
  t.deepEqual(rs, [C.WASM_I32_VAL(1), C.WASM_I64_VAL(2n)]);
  const one = [C.WASM_INIT_VAL()];
  t.is(C.wasm_func_call(two, C.WASM_EMPTY_VEC(), C.WASM_ARRAY_VEC(one)), null);
  t.deepEqual(one, [C.WASM_I32_VAL(1)]);
  t.is(C.wasm_func_call(two, C.WASM_EMPTY_VEC(), C.WASM_EMPTY_VEC()), null);
  t.is(C.wasm_func_call(two, null, null), null);
  C.wasm_extern_vec_delete(ex.vec);
  e.done();
});

test("a callback that returns a trap traps the wasm caller; the engine takes (deletes) the returned trap", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (import "" "f" (func $f (result i32)))
    (func (export "run") (result i32) (i32.add (call $f) (i32.const 1))))`);
  let returned: C.wasm_trap_t | null = null;
  const ft = functype([], [C.WASM_I32]);
  const f = C.wasm_func_new(e.store, ft, () => {
    const m: C.wasm_message_t = C.WASM_EMPTY_VEC();
    C.wasm_name_new_from_string_nt(m, "stop");
    returned = C.wasm_trap_new(e.store, m);
    return returned;
  });
  const inst = instantiate(e.store, module, [C.wasm_func_as_extern(f)]);
  const ex = exportsOf(module, inst);
  const trap = C.wasm_func_call(C.wasm_extern_as_func(ex.get("run")), C.WASM_EMPTY_VEC(), C.WASM_ARRAY_VEC([C.WASM_INIT_VAL()]))!;
  t.is(message(trap), "stop");
  t.throws(() => C.wasm_trap_delete(returned), { instanceOf: C.wasmts_error_t, message: /already deleted/ });
  C.wasm_trap_delete(trap);
  C.wasm_functype_delete(ft);
  C.wasm_extern_vec_delete(ex.vec);
  e.done();
});

test("a callback that fills a result of the wrong kind traps with a clear host error", (t) => {
  const e = env();
  const ft = functype([], [C.WASM_I32]);
  const f = C.wasm_func_new(e.store, ft, (_a, results) => {
    results.data[0] = C.WASM_F64_VAL(1);
    return null;
  });
  t.regex(callTrap(f)!, /^host error: .*result 0 has kind WASM_F64, expected WASM_I32/);
  const g = C.wasm_func_new(e.store, ft, () => ({}) as C.wasm_trap_t);
  t.regex(callTrap(g)!, /^host error: the callback returned something other than/);
  C.wasm_functype_delete(ft);
  e.done();
});

test("wasm_func_call checks the arguments: count and kinds, with clear errors", (t) => {
  const e = env();
  const ft = functype([C.WASM_I32], []);
  const f = C.wasm_func_new(e.store, ft, () => null);
  t.throws(() => C.wasm_func_call(f, C.WASM_EMPTY_VEC(), C.WASM_EMPTY_VEC()), { instanceOf: C.wasmts_error_t, message: /takes 1 argument/ });
  t.throws(() => C.wasm_func_call(f, C.WASM_ARRAY_VEC([C.WASM_I64_VAL(1n)]), C.WASM_EMPTY_VEC()),
    { instanceOf: C.wasmts_error_t, message: /argument 0 has kind WASM_I64, expected WASM_I32/ });
  t.is(C.wasm_func_call(f, C.WASM_ARRAY_VEC([C.WASM_I32_VAL(1)]), C.WASM_EMPTY_VEC()), null);
  C.wasm_functype_delete(ft);
  e.done();
});

test("deep recursion ends in the trap \"call stack exhausted\", not a JavaScript error", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module (func $r (export "r") (call $r)))`);
  const inst = instantiate(e.store, module);
  const ex = exportsOf(module, inst);
  t.regex(callTrap(C.wasm_extern_as_func(ex.get("r"))!)!, /^call stack exhausted/);
  C.wasm_extern_vec_delete(ex.vec);
  e.done();
});
