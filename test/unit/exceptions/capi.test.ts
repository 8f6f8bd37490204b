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

test("a host tag imported by two modules: what one throws, the other catches by that tag", async (t) => {
  const store = setup(t);
  const tt = tagtype(C.WASM_I32);
  const tag = C.wasm_tag_new(store, tt);
  const other = C.wasm_tag_new(store, tt);
  C.wasm_tagtype_delete(tt);
  const thrower = instance(store, await compile3(store, `(module
    (import "host" "e" (tag $e (param i32)))
    (func (export "fail") (param i32) (throw $e (local.get 0))))`), [C.wasm_tag_as_extern(tag)]);
  const fail = exportedFunc(thrower, 0);
  const catcherText = `(module
    (import "host" "e" (tag $e (param i32)))
    (import "thrower" "fail" (func $fail (param i32)))
    (func (export "run") (param i32) (result i32)
      (block $h (result i32)
        (try_table (catch $e $h) (call $fail (local.get 0)))
        (return (i32.const -1)))
      (i32.add (i32.const 100))))`;
  const catcher = instance(store, await compile3(store, catcherText), [C.wasm_tag_as_extern(tag), C.wasm_func_as_extern(fail)]);
  const { results, trap } = call(exportedFunc(catcher, 0), 5);
  t.is(trap, null);
  t.is(results[0]!.of.i32, 105);
  // A catcher that imports another tag of the same type does not catch it.
  const stranger = instance(store, await compile3(store, catcherText), [C.wasm_tag_as_extern(other), C.wasm_func_as_extern(fail)]);
  const missed = call(exportedFunc(stranger, 0), 5);
  t.true(C.wasmts_trap_is_exception(missed.trap));
  t.true(C.wasm_tag_same(C.wasmts_trap_exception_tag(missed.trap)!, tag));
});

test("an exception a host callback raises is caught by wasm code by its tag; a trap is not", async (t) => {
  const store = setup(t);
  const tt = tagtype(C.WASM_I32);
  const tag = C.wasm_tag_new(store, tt);
  C.wasm_tagtype_delete(tt);
  const module = await compile3(store, `(module
    (import "host" "e" (tag $e (param i32)))
    (import "host" "raise" (func $raise (param i32)))
    (func (export "run") (param i32) (result i32)
      (block $h (result i32)
        (try_table (catch $e $h) (call $raise (local.get 0)))
        (return (i32.const -1)))
      (i32.mul (i32.const 2)))
    (func (export "unreachable") (result i32)
      (block $h (try_table (catch_all $h) (unreachable)) (return (i32.const -1)))
      (i32.const 1)))`);
  const inst = instance(store, module, [C.wasm_tag_as_extern(tag), C.wasm_func_as_extern(thrower(store, tag))]);
  const caught = call(exportedFunc(inst, 0), 21);
  t.is(caught.trap, null);
  t.is(caught.results[0]!.of.i32, 42);
  const trapped = call(exportedFunc(inst, 1));
  t.false(C.wasmts_trap_is_exception(trapped.trap));
  t.regex(message(trapped.trap!), /^unreachable/);
});

test("an exception wasm throws and nobody catches reaches the host with the module's tag and payload", async (t) => {
  const store = setup(t);
  const module = await compile3(store, `(module
    (tag $oops (export "oops") (param i32 i64))
    (func (export "fail") (throw $oops (i32.const 7) (i64.const -1))))`);
  const inst = instance(store, module, []);
  const { trap } = call(exportedFunc(inst, 1));
  t.regex(message(trap!), /^uncaught exception: tag "oops" \(param i32 i64\) with payload \[7, -1\]/);
  const payload: C.wasm_val_vec_t = C.WASM_EMPTY_VEC();
  C.wasmts_trap_exception_payload(trap, payload);
  t.deepEqual(payload.data.map((v) => v.kind === C.WASM_I32 ? v.of.i32 : v.of.i64), [7, -1n]);
  const exports: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_instance_exports(inst, exports);
  t.true(C.wasm_tag_same(C.wasmts_trap_exception_tag(trap)!, C.wasm_extern_as_tag(exports.data[0]!)!));
});
