import test from "ava";
import { ModuleInstance, type TrapFrame } from "../../../impl/index.js";
import * as C from "../../../capi/index.js";
import { wasm_frame_t } from "../../../capi/internal/objects.js";
import type { StoreState } from "../../../capi/internal/records.js";
import { callTrap, compile, env, exportsOf, functype, instantiate, message } from "./helpers.js";

test("wasm_trap_new keeps the message up to its NUL; wasm_trap_message returns it NUL-terminated (rule 11)", (t) => {
  const e = env();
  const m: C.wasm_message_t = C.WASM_EMPTY_VEC();
  C.wasm_name_new_from_string_nt(m, "callback abort");
  const trap = C.wasm_trap_new(e.store, m);
  const out: C.wasm_message_t = C.WASM_EMPTY_VEC();
  C.wasm_trap_message(trap, out);
  t.is(out.size, 15);
  t.is(out.data[14], 0);
  t.is(C.wasmts_byte_vec_to_string(out), "callback abort");
  // A message made without its NUL reads the same.
  C.wasm_name_new_from_string(m, "plain");
  const t2 = C.wasm_trap_new(e.store, m);
  t.is(message(t2), "plain");
  t.is(C.wasm_trap_origin(trap), null);
  const trace: C.wasm_frame_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_trap_trace(trap, trace);
  t.is(trace.size, 0);
  t.is(C.wasmts_trap_cause(trap), null);
  C.wasm_trap_delete(trap);
  C.wasm_trap_delete(t2);
  e.done();
});

test("a wasm trap reports the spec's message; a trap a host callback returns keeps its message", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (import "" "cb" (func $cb (result i32)))
    (func (export "cb") (result i32) (call $cb))
    (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))`);
  const ft = functype([], [C.WASM_I32]);
  const cb = C.wasm_func_new_with_env(e.store, ft, (env) => {
    const m: C.wasm_message_t = C.WASM_EMPTY_VEC();
    C.wasm_name_new_from_string_nt(m, "host says no");
    const trap = C.wasm_trap_new(env as C.wasm_store_t, m);
    C.wasm_byte_vec_delete(m);
    return trap;
  }, e.store, null);
  const inst = instantiate(e.store, module, [C.wasm_func_as_extern(cb)]);
  const ex = exportsOf(module, inst);
  t.is(callTrap(C.wasm_extern_as_func(ex.get("cb"))!), "host says no");
  t.is(callTrap(C.wasm_extern_as_func(ex.get("div"))!, C.WASM_I32_VAL(0)), "integer divide by zero");
  C.wasm_extern_vec_delete(ex.vec);
  C.wasm_functype_delete(ft);
  e.done();
});

test("a JavaScript exception in a callback becomes a host error trap that keeps the exception (wasmts_trap_cause)", (t) => {
  const e = env();
  const ft = functype([], []);
  const boom = new TypeError("x is not a function");
  const f = C.wasm_func_new(e.store, ft, () => { throw boom; });
  const trap = C.wasm_func_call(f, C.WASM_EMPTY_VEC(), C.WASM_EMPTY_VEC())!;
  t.truthy(trap);
  t.regex(message(trap), /^host error: TypeError: x is not a function/);
  t.is(C.wasmts_trap_cause(trap), boom);
  C.wasm_trap_delete(trap);
  C.wasm_functype_delete(ft);
  e.done();
});

// Frames are built from what the engine records on a trap; these tests give one directly to check the accessors.
function frameFor(store: C.wasm_store_t, tf: TrapFrame): C.wasm_frame_t {
  return new wasm_frame_t((store as unknown as { _state: StoreState })._state, tf);
}

test("frames: instance, function index, offsets, copy, delete; the frame keeps the instance handle it lends", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module (func $first) (func $second (unreachable)))`);
  const inst = instantiate(e.store, module);
  const mi = (inst as unknown as { _rec: { obj: ModuleInstance } })._rec.obj;
  const frame = frameFor(e.store, { instance: mi, funcIndex: 1, funcOffset: 1, moduleOffset: 0x22 });
  t.is(C.wasm_frame_func_index(frame), 1);
  t.is(C.wasm_frame_func_offset(frame), 1);
  t.is(C.wasm_frame_module_offset(frame), 0x22);
  const fi = C.wasm_frame_instance(frame)!;
  t.true(C.wasm_instance_same(fi, inst));
  t.is(C.wasm_frame_instance(frame), fi);
  const name: C.wasm_name_t = C.WASM_EMPTY_VEC();
  t.true(C.wasmts_frame_func_name(frame, name));
  t.is(C.wasmts_byte_vec_to_string(name), "second");
  t.true(C.wasmts_module_func_name(module, 0, name));
  t.is(C.wasmts_byte_vec_to_string(name), "first");
  t.false(C.wasmts_module_func_name(module, 7, name));
  t.is(name.size, 0);
  const copy = C.wasm_frame_copy(frame);
  t.is(C.wasm_frame_module_offset(copy), 0x22);
  C.wasm_frame_delete(frame);
  t.throws(() => C.wasm_frame_func_index(frame), { instanceOf: C.wasmts_error_t });
  C.wasm_frame_delete(copy);
  const hostFrame = frameFor(e.store, { instance: null, funcIndex: 0, funcOffset: 0, moduleOffset: 0 });
  t.is(C.wasm_frame_instance(hostFrame), null);
  t.false(C.wasmts_frame_func_name(hostFrame, name));
  C.wasm_frame_delete(hostFrame);
  C.wasm_instance_delete(inst);
  C.wasm_module_delete(module);
  e.done();
});

test("frame vectors: new_empty, new_uninitialized, new, copy, delete", async (t) => {
  const e = env();
  const base = C.wasmts_live_count();
  const f = frameFor(e.store, { instance: null, funcIndex: 3, funcOffset: 4, moduleOffset: 5 });
  const v: C.wasm_frame_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_frame_vec_new_uninitialized(v, 2);
  t.deepEqual(v.data, [null, null]);
  C.wasm_frame_vec_new_empty(v);
  t.is(v.size, 0);
  C.wasm_frame_vec_new(v, 1, [f]);
  const c: C.wasm_frame_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_frame_vec_copy(c, v);
  t.is(C.wasm_frame_func_index(c.data[0]!), 3);
  t.not(c.data[0], f);
  C.wasm_frame_vec_delete(c);
  C.wasm_frame_vec_delete(v);
  t.is(C.wasmts_live_count(), base);
  e.done();
});
