import test from "ava";
import * as C from "../../../capi/index.js";
import { compile3, exportedFunc, instance, message, tagtype } from "./helpers.js";

/** A store of a fresh engine; deleted with the engine after the test. */
function setup(t: { teardown(f: () => void): void }): C.wasm_store_t {
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  t.teardown(() => {
    C.wasm_store_delete(store);
    C.wasm_engine_delete(engine);
  });
  return store;
}

/** Calls `f` with i32 arguments; its results and the trap (null when it returned). */
function call(f: C.wasm_func_t, ...args: number[]): { results: C.wasm_val_t[]; trap: C.wasm_trap_t | null } {
  const results = Array.from({ length: C.wasm_func_result_arity(f) }, C.WASM_INIT_VAL);
  const trap = C.wasm_func_call(f, C.WASM_ARRAY_VEC(args.map((a) => C.WASM_I32_VAL(a))), C.WASM_ARRAY_VEC(results));
  return { results, trap };
}

/** A host function of type [i32] -> [] that raises an exception of `tag` with its argument as the payload. */
function thrower(store: C.wasm_store_t, tag: C.wasm_tag_t): C.wasm_func_t {
  const ps: C.wasm_valtype_vec_t = C.WASM_EMPTY_VEC();
  const rs: C.wasm_valtype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_valtype_vec_new(ps, 1, [C.wasm_valtype_new(C.WASM_I32)]);
  C.wasm_valtype_vec_new_empty(rs);
  const type = C.wasm_functype_new(ps, rs);
  const f = C.wasm_func_new(store, type, (args) => {
    const payload: C.wasm_val_vec_t = C.WASM_EMPTY_VEC();
    C.wasm_val_vec_new(payload, 1, [C.WASM_I32_VAL(args.data[0]!.of.i32 as number)]);
    const trap = C.wasmts_trap_new_exception(store, tag, payload);
    C.wasm_val_vec_delete(payload);
    return trap;
  });
  C.wasm_functype_delete(type);
  return f;
}

test("an exception a host callback raises that wasm does not catch reaches the host with its tag and payload", async (t) => {
  const store = setup(t);
  const tt = tagtype(C.WASM_I32);
  const tag = C.wasm_tag_new(store, tt);
  C.wasm_tagtype_delete(tt);
  const raise = thrower(store, tag);
  const module = await compile3(store, `(module
    (import "host" "raise" (func $raise (param i32)))
    (func (export "run") (param i32) (result i32) (call $raise (local.get 0)) (i32.const 7)))`);
  const inst = instance(store, module, [C.wasm_func_as_extern(raise)]);
  const run = exportedFunc(inst, 0);

  const { trap } = call(run, 42);
  t.truthy(trap);
  t.true(C.wasmts_trap_is_exception(trap));
  t.regex(message(trap!), /^uncaught exception: tag \(param i32\) with payload \[42\]/);
  const thrown = C.wasmts_trap_exception_tag(trap)!;
  t.true(C.wasm_tag_same(thrown, tag));
  const payload: C.wasm_val_vec_t = C.WASM_EMPTY_VEC();
  C.wasmts_trap_exception_payload(trap, payload);
  t.deepEqual(payload.data.map((v) => [v.kind, v.of.i32]), [[C.WASM_I32, 42]]);
  C.wasm_val_vec_delete(payload);
  t.true(C.wasmts_trap_cause(trap) instanceof Error);
  C.wasm_tag_delete(thrown);
  C.wasm_trap_delete(trap);
  C.wasm_func_delete(run);
  C.wasm_instance_delete(inst);
  C.wasm_module_delete(module);
  C.wasm_func_delete(raise);
  C.wasm_tag_delete(tag);
});

test("ordinary traps are not exceptions; an exception payload must fit the tag", (t) => {
  const store = setup(t);
  const text: C.wasm_message_t = C.WASM_EMPTY_VEC();
  C.wasm_name_new_from_string_nt(text, "boom");
  const trap = C.wasm_trap_new(store, text);
  C.wasm_byte_vec_delete(text);
  t.false(C.wasmts_trap_is_exception(trap));
  t.is(C.wasmts_trap_exception_tag(trap), null);
  const empty: C.wasm_val_vec_t = C.WASM_EMPTY_VEC();
  C.wasmts_trap_exception_payload(trap, empty);
  t.is(empty.size, 0);
  C.wasm_trap_delete(trap);

  const tt = tagtype(C.WASM_I64);
  const tag = C.wasm_tag_new(store, tt);
  C.wasm_tagtype_delete(tt);
  t.throws(() => C.wasmts_trap_new_exception(store, tag, C.WASM_ARRAY_VEC([C.WASM_I32_VAL(1)])), { message: /kind WASM_I32, expected WASM_I64/ });
  t.throws(() => C.wasmts_trap_new_exception(store, tag, C.WASM_EMPTY_VEC()), { message: /payload has 1 value\(s\), got 0/ });
  C.wasm_tag_delete(tag);
});
