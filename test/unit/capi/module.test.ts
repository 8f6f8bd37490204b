import test from "ava";
import { Worker } from "node:worker_threads";
import * as C from "../../../capi/index.js";
import { wat } from "../../helpers/wat.js";
import { byteVec, call, compile, env, exportsOf, instantiate } from "./helpers.js";

function lastError(store: C.wasm_store_t): string | null {
  const m: C.wasm_message_t = C.WASM_EMPTY_VEC();
  return C.wasmts_module_last_error(store, m) ? C.wasmts_byte_vec_to_string(m) : null;
}

test("wasm_module_new returns null on bad bytes; wasmts_module_last_error tells the reason and offset", async (t) => {
  const e = env();
  const bad = byteVec(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x01]));
  t.is(C.wasm_module_new(e.store, bad), null);
  t.regex(lastError(e.store)!, /^unexpected end/);
  t.is(C.wasmts_module_last_error_offset(e.store), 9);
  const invalid = byteVec(await wat("(module (func (result i32) (i64.const 1)))"));
  t.false(C.wasm_module_validate(e.store, invalid));
  t.regex(lastError(e.store)!, /^type mismatch/);
  const good = byteVec(await wat("(module)"));
  t.true(C.wasm_module_validate(e.store, good));
  t.is(lastError(e.store), null);
  t.is(C.wasmts_module_last_error_offset(e.store), -1);
  const m = C.wasm_module_new(e.store, good)!;
  t.truthy(m);
  C.wasm_module_delete(m);
  e.done();
});

test("wasm_module_new copies the bytes: changing the caller's buffer afterwards changes nothing", async (t) => {
  const e = env();
  const binary = byteVec(await wat(`(module (func (export "f") (result i32) (i32.const 42)))`));
  const m = C.wasm_module_new(e.store, binary)!;
  binary.data.fill(0);
  const inst = instantiate(e.store, m);
  const ex = exportsOf(m, inst);
  t.is(call(C.wasm_extern_as_func(ex.get("f"))!)[0]!.of.i32, 42);
  C.wasm_extern_vec_delete(ex.vec);
  e.done();
});

test("wasm_module_imports and wasm_module_exports list every entry in section order with full types", async (t) => {
  const e = env();
  const m = await compile(e.store, `(module
    (import "env" "f" (func (param i32 f64) (result i64)))
    (import "env" "t" (table 1 5 externref))
    (import "env" "m" (memory 2 6))
    (import "env" "g" (global (mut f32)))
    (import "env" "f" (func))
    (func $h (export "h") (param i32) (result i32) (local.get 0))
    (table (export "tab") 3 funcref)
    (export "mem" (memory 0))
    (global (export "glob") i64 (i64.const 0))
    (export "reexported" (func 0)))`);
  const imports: C.wasm_importtype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_module_imports(m, imports);
  const text = (it: C.wasm_importtype_t) => `${C.wasmts_byte_vec_to_string(C.wasm_importtype_module(it))}.${C.wasmts_byte_vec_to_string(C.wasm_importtype_name(it))}`;
  t.deepEqual(imports.data.map((it) => text(it!)), ["env.f", "env.t", "env.m", "env.g", "env.f"]);
  const kinds = imports.data.map((it) => C.wasm_externtype_kind(C.wasm_importtype_type(it!)));
  t.deepEqual(kinds, [C.WASM_EXTERN_FUNC, C.WASM_EXTERN_TABLE, C.WASM_EXTERN_MEMORY, C.WASM_EXTERN_GLOBAL, C.WASM_EXTERN_FUNC]);
  const f0 = C.wasm_externtype_as_functype_const(C.wasm_importtype_type(imports.data[0]!))!;
  t.deepEqual(C.wasm_functype_params(f0).data.map(C.wasm_valtype_kind), [C.WASM_I32, C.WASM_F64]);
  t.deepEqual(C.wasm_functype_results(f0).data.map(C.wasm_valtype_kind), [C.WASM_I64]);
  const tt = C.wasm_externtype_as_tabletype_const(C.wasm_importtype_type(imports.data[1]!))!;
  t.deepEqual({ ...C.wasm_tabletype_limits(tt) }, { min: 1, max: 5 });
  t.is(C.wasm_valtype_kind(C.wasm_tabletype_element(tt)), C.WASM_EXTERNREF);
  const mt = C.wasm_externtype_as_memorytype_const(C.wasm_importtype_type(imports.data[2]!))!;
  t.deepEqual({ ...C.wasm_memorytype_limits(mt) }, { min: 2, max: 6 });
  const gt = C.wasm_externtype_as_globaltype_const(C.wasm_importtype_type(imports.data[3]!))!;
  t.is(C.wasm_globaltype_mutability(gt), C.WASM_VAR);
  t.is(C.wasm_valtype_kind(C.wasm_globaltype_content(gt)), C.WASM_F32);
  C.wasm_importtype_vec_delete(imports);

  const exports: C.wasm_exporttype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_module_exports(m, exports);
  t.deepEqual(exports.data.map((x) => C.wasmts_byte_vec_to_string(C.wasm_exporttype_name(x!))), ["h", "tab", "mem", "glob", "reexported"]);
  const re = C.wasm_externtype_as_functype_const(C.wasm_exporttype_type(exports.data[4]!))!;
  t.deepEqual(C.wasm_functype_params(re).data.map(C.wasm_valtype_kind), [C.WASM_I32, C.WASM_F64]);
  const mem = C.wasm_externtype_as_memorytype_const(C.wasm_exporttype_type(exports.data[2]!))!;
  t.deepEqual({ ...C.wasm_memorytype_limits(mem) }, { min: 2, max: 6 });
  const tab = C.wasm_externtype_as_tabletype_const(C.wasm_exporttype_type(exports.data[1]!))!;
  t.deepEqual({ ...C.wasm_tabletype_limits(tab) }, { min: 3, max: C.wasm_limits_max_default });
  C.wasm_exporttype_vec_delete(exports);
  C.wasm_module_delete(m);
  e.done();
});

test("wasm_module_serialize and wasm_module_deserialize round-trip; foreign or corrupt bytes give null", async (t) => {
  const e = env();
  const m = await compile(e.store, `(module (func (export "f") (result i32) (i32.const 7)))`);
  const ser: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_module_serialize(m, ser);
  t.deepEqual([...ser.data.subarray(0, 4)], [0x57, 0x54, 0x53, 0x4d]);
  const back = C.wasm_module_deserialize(e.store, ser)!;
  t.truthy(back);
  const inst = instantiate(e.store, back);
  const ex = exportsOf(back, inst);
  t.is(call(C.wasm_extern_as_func(ex.get("f"))!)[0]!.of.i32, 7);
  C.wasm_extern_vec_delete(ex.vec);
  // A plain wasm binary is not our format.
  t.is(C.wasm_module_deserialize(e.store, byteVec(await wat("(module)"))), null);
  t.regex(lastError(e.store)!, /bad magic/);
  // One flipped bit of the payload breaks the checksum.
  const corrupt = byteVec(ser.data.slice());
  corrupt.data[corrupt.size - 1]! ^= 1;
  t.is(C.wasm_module_deserialize(e.store, corrupt), null);
  t.regex(lastError(e.store)!, /checksum/);
  const truncated = byteVec(ser.data.slice(0, ser.size - 2));
  t.is(C.wasm_module_deserialize(e.store, truncated), null);
  const version = byteVec(ser.data.slice());
  version.data[4] = 9;
  t.is(C.wasm_module_deserialize(e.store, version), null);
  t.is(C.wasm_module_deserialize(e.store, C.WASM_EMPTY_VEC()), null);
  e.done();
});

// Serial: the live count is global, and concurrent tests would change it between awaits.
test.serial("wasm_module_share and wasm_module_obtain: a module moves to another store", async (t) => {
  const e = env();
  const base = C.wasmts_live_count();
  const m = await compile(e.store, `(module (func (export "f") (result i32) (i32.const 5)))`);
  const shared = C.wasm_module_share(m);
  C.wasm_module_delete(m);
  const e2 = env();
  const m2 = C.wasm_module_obtain(e2.store, shared)!;
  const inst = instantiate(e2.store, m2);
  const ex = exportsOf(m2, inst);
  t.is(call(C.wasm_extern_as_func(ex.get("f"))!)[0]!.of.i32, 5);
  C.wasm_extern_vec_delete(ex.vec);
  C.wasm_shared_module_delete(shared);
  t.throws(() => C.wasm_module_obtain(e2.store, shared), { instanceOf: C.wasmts_error_t, message: /deleted/ });
  e2.done();
  t.is(C.wasmts_live_count(), base);
  e.done();
});

test("a shared module crosses to a worker thread, which obtains and runs it with its own engine (rule 14)", async (t) => {
  const e = env();
  const m = await compile(e.store, `(module (func (export "f") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3))))`);
  const shared = C.wasm_module_share(m);
  const url = new URL("../../../capi/index.js", import.meta.url).href;
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    import(${JSON.stringify(url)}).then((C) => {
      const engine = C.wasm_engine_new();
      const store = C.wasm_store_new(engine);
      const module = C.wasm_module_obtain(store, workerData);
      const inst = C.wasm_instance_new(store, module, C.WASM_EMPTY_VEC(), null);
      const ex = C.WASM_EMPTY_VEC();
      C.wasm_instance_exports(inst, ex);
      const rs = [C.WASM_INIT_VAL()];
      C.wasm_func_call(C.wasm_extern_as_func(ex.data[0]), C.WASM_ARRAY_VEC([C.WASM_I32_VAL(14)]), C.WASM_ARRAY_VEC(rs));
      C.wasm_store_delete(store);
      C.wasm_engine_delete(engine);
      parentPort.postMessage(rs[0].of.i32);
    });`;
  const result = await new Promise<unknown>((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: shared });
    w.once("message", resolve);
    w.once("error", reject);
  });
  t.is(result, 42);
  C.wasm_shared_module_delete(shared);
  C.wasm_module_delete(m);
  e.done();
});
