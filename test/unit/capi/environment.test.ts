import test from "ava";
import * as C from "../../../capi/index.js";

test("wasm_config_new and wasm_engine_new_with_config: the engine takes the config", (t) => {
  const config = C.wasm_config_new();
  const engine = C.wasm_engine_new_with_config(config);
  t.truthy(engine);
  // The engine owns the config now: deleting it is an error, as a double free would be in C.
  t.throws(() => C.wasm_config_delete(config), { instanceOf: C.wasmts_error_t });
  C.wasm_engine_delete(engine);
  const unused = C.wasm_config_new();
  C.wasm_config_delete(unused);
  t.throws(() => C.wasm_config_delete(unused), { instanceOf: C.wasmts_error_t, message: /already deleted/ });
});

test("wasm_engine_new and wasm_store_new make independent stores; a deleted engine makes no store", (t) => {
  const engine = C.wasm_engine_new();
  const s1 = C.wasm_store_new(engine);
  const s2 = C.wasm_store_new(engine);
  t.not(s1, s2);
  C.wasm_store_delete(s1);
  C.wasm_store_delete(s2);
  C.wasm_engine_delete(engine);
  t.throws(() => C.wasm_store_new(engine), { instanceOf: C.wasmts_error_t });
});

test("wasm_store_delete runs every remaining finalizer once and makes the store's handles unusable", (t) => {
  const base = C.wasmts_live_count();
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  const ran: unknown[] = [];
  const f1 = C.wasm_foreign_new(store);
  const f2 = C.wasm_foreign_new(store);
  C.wasm_foreign_set_host_info_with_finalizer(f1, "one", (i) => ran.push(i));
  C.wasm_foreign_set_host_info_with_finalizer(f2, "two", (i) => ran.push(i));
  const copy = C.wasm_foreign_copy(f1);
  C.wasm_store_delete(store);
  t.deepEqual(ran, ["one", "two"]);
  t.throws(() => C.wasm_foreign_get_host_info(copy), { instanceOf: C.wasmts_error_t, message: /store was deleted/ });
  t.throws(() => C.wasm_foreign_new(store), { instanceOf: C.wasmts_error_t });
  t.throws(() => C.wasm_store_delete(store), { instanceOf: C.wasmts_error_t });
  C.wasm_engine_delete(engine);
  t.deepEqual(ran, ["one", "two"]);
  t.is(C.wasmts_live_count(), base);
});

test("deleting null is a no-op, as in C", (t) => {
  const before = C.wasmts_live_count();
  C.wasm_store_delete(null);
  C.wasm_engine_delete(null);
  C.wasm_config_delete(null);
  t.is(C.wasmts_live_count(), before);
});
