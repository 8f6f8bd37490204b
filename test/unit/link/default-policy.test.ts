import test from "ava";
import * as C from "../../../capi/index.js";
import { callI32, compile, exported, functype, message, name, trapOut } from "./capi-helpers.js";

// Issue 4's default linking policy: the engine owns a registry, and plain wasm_instance_new fills
// null entries from it (its registrations, then the built-in modules) unless the engine is strict.

const I32 = C.WASM_I32;

function env(strict = false) {
  let engine: C.wasm_engine_t;
  if (strict) {
    const config = C.wasm_config_new();
    C.wasmts_config_set_strict_linking(config, true);
    engine = C.wasm_engine_new_with_config(config);
  } else {
    engine = C.wasm_engine_new();
  }
  const store = C.wasm_store_new(engine);
  return { engine, store, done: () => { C.wasm_store_delete(store); C.wasm_engine_delete(engine); } };
}

function defineI32Func(registry: C.wasmts_registry_t, module: string, field: string, results: number[],
  body: (x: number) => number | void): boolean {
  const ft = functype([I32], results);
  const ok = C.wasmts_registry_define_func(registry, name(module), name(field), ft, (args, res) => {
    const r = body(args.data[0]!.of.i32 as number);
    if (results.length) res.data[0] = C.WASM_I32_VAL(r as number);
    return null;
  });
  C.wasm_functype_delete(ft);
  return ok;
}

const app = `(module
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (import "spectest" "global_i32" (global $g i32))
  (import "spectest" "print_i32" (func $p (param i32)))
  (func (export "run") (result i32) (call $p (i32.const 1)) (call $twice (global.get $g))))`;

test("wasmts_engine_registry is one registry per engine, the same object on every call", (t) => {
  const a = env(), b = env();
  t.is(C.wasmts_engine_registry(a.engine), C.wasmts_engine_registry(a.engine));
  t.not(C.wasmts_engine_registry(a.engine), C.wasmts_engine_registry(b.engine));
  a.done();
  b.done();
});

test("plain wasm_instance_new fills null entries: explicit extern > engine registry > built-in module", async (t) => {
  const { engine, store, done } = env();
  const module = await compile(store, app);
  const registry = C.wasmts_engine_registry(engine);
  // Registered after compiling: resolution is lazy.
  t.true(defineI32Func(registry, "env", "twice", [I32], (x) => x * 2));
  const printed: number[] = [];
  t.true(defineI32Func(registry, "spectest", "print_i32", [], (x) => void printed.push(x)));

  const trap = trapOut();
  const all = C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC([null, null, null]), trap);
  t.truthy(all, trap.value ? message(trap.value) : "");
  t.deepEqual(callI32(exported(module, all!, "run")), [1332], "twice from the registry, global_i32 = 666 from built-in spectest");
  t.deepEqual(printed, [1], "the registered print_i32 overrides the built-in one");

  // An explicit entry wins over the registry at its position.
  const ft = functype([I32], [I32]);
  const thrice = C.wasm_func_new(store, ft, (args, res) => {
    res.data[0] = C.WASM_I32_VAL((args.data[0]!.of.i32 as number) * 3);
    return null;
  });
  C.wasm_functype_delete(ft);
  const mixed = C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC([C.wasm_func_as_extern(thrice), null, null]), trap);
  t.truthy(mixed);
  t.deepEqual(callI32(exported(module, mixed!, "run")), [1998]);
  done();
});

test("with nothing registered, null entries come from the built-in modules", async (t) => {
  const { store, done } = env();
  const module = await compile(store, `(module (import "spectest" "global_i32" (global $g i32))
    (func (export "g") (result i32) (global.get $g)))`);
  const inst = C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC([null]), null);
  t.truthy(inst);
  t.deepEqual(callI32(exported(module, inst!, "g")), [666]);
  done();
});

test("a null entry nothing provides is an unknown import naming the import and its type", async (t) => {
  const { store, done } = env();
  const module = await compile(store, `(module (import "env" "f" (func (param i32))) (import "env" "m" (memory 1)))`);
  const trap = trapOut();
  t.is(C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC([null, null]), trap), null);
  t.is(message(trap.value!), [
    `unknown import for "env" "f": expected (func (param i32)) [import 0]`,
    `unknown import for "env" "m": expected (memory 1) [import 1]`,
  ].join("\n"));
  done();
});

test("a registry entry of the wrong type is a link error naming both types and the registry", async (t) => {
  const { engine, store, done } = env();
  const module = await compile(store, `(module (import "env" "twice" (func (param i64) (result i64))))`);
  t.true(defineI32Func(C.wasmts_engine_registry(engine), "env", "twice", [I32], (x) => x));
  const trap = trapOut();
  t.is(C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC([null]), trap), null);
  t.is(message(trap.value!), `incompatible import type for "env" "twice": expected (func (param i64) (result i64)), `
    + `got (func (param i32) (result i32)) [import 0; from the native registry]`);
  done();
});

test("a full vector never consults the registry, even where it has a (mismatching) entry", async (t) => {
  const { engine, store, done } = env();
  const module = await compile(store, `(module (import "spectest" "print_i32" (func $p (param i32)))
    (func (export "run") (call $p (i32.const 5))))`);
  let registryCalls = 0;
  t.true(defineI32Func(C.wasmts_engine_registry(engine), "spectest", "print_i32", [], () => void registryCalls++));
  const ft = functype([I32], []);
  let ownCalls = 0;
  const own = C.wasm_func_new(store, ft, () => (ownCalls++, null));
  C.wasm_functype_delete(ft);
  const inst = C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC([C.wasm_func_as_extern(own)]), null);
  callI32(exported(module, inst!, "run"));
  t.deepEqual([ownCalls, registryCalls], [1, 0]);
  done();
});

test("a vector shorter than the imports is not filled: the missing entries are unknown imports", async (t) => {
  const { store, done } = env();
  const module = await compile(store, `(module (import "spectest" "print" (func)) (import "spectest" "print_i32" (func (param i32))))`);
  const trap = trapOut();
  t.is(C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC([null]), trap), null);
  t.is(message(trap.value!),
    `unknown import for "spectest" "print_i32": expected (func (param i32)) [import 1; the vector holds 1 externs; only null entries are filled]`);
  C.wasm_trap_delete(trap.value);
  t.is(C.wasm_instance_new(store, module, C.WASM_EMPTY_VEC(), trap), null);
  t.regex(message(trap.value!), /^unknown import for "spectest" "print"/);
  done();
});

test("strict linking: set on the engine or in its config, null entries are unknown imports; the switch goes both ways", async (t) => {
  for (const viaConfig of [false, true]) {
    const { engine, store, done } = env(viaConfig);
    if (!viaConfig) {
      t.false(C.wasmts_engine_strict_linking(engine));
      C.wasmts_engine_set_strict_linking(engine, true);
    }
    t.true(C.wasmts_engine_strict_linking(engine));
    const module = await compile(store, `(module (import "spectest" "print" (func)))`);
    const trap = trapOut();
    t.is(C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC([null]), trap), null);
    t.is(message(trap.value!), `unknown import for "spectest" "print": expected (func) [import 0; the entry is null and linking is strict]`);
    C.wasmts_engine_set_strict_linking(engine, false);
    t.truthy(C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC([null]), null));
    done();
  }
});

test("each store of an engine gets its own registered function and its own built-in spectest", async (t) => {
  const engine = C.wasm_engine_new();
  const s1 = C.wasm_store_new(engine), s2 = C.wasm_store_new(engine);
  const text = `(module (import "spectest" "memory" (memory 1)) (import "env" "id" (func (param i32) (result i32)))
    (func (export "poke") (i32.store (i32.const 0) (i32.const 7)))
    (func (export "peek") (result i32) (call 0 (i32.load (i32.const 0)))))`;
  t.true(defineI32Func(C.wasmts_engine_registry(engine), "env", "id", [I32], (x) => x));
  const m1 = await compile(s1, text), m2 = await compile(s2, text);
  const i1 = C.wasm_instance_new(s1, m1, C.WASM_ARRAY_VEC([null, null]), null)!;
  const i1b = C.wasm_instance_new(s1, m1, C.WASM_ARRAY_VEC([null, null]), null)!;
  const i2 = C.wasm_instance_new(s2, m2, C.WASM_ARRAY_VEC([null, null]), null)!;
  callI32(exported(m1, i1, "poke"));
  t.deepEqual(callI32(exported(m1, i1b, "peek")), [7], "one spectest memory per store, shared in it");
  t.deepEqual(callI32(exported(m2, i2, "peek")), [0], "the other store has its own");
  C.wasm_store_delete(s1);
  C.wasm_store_delete(s2);
  C.wasm_engine_delete(engine);
});

test("the engine's registry is deleted with the engine: env finalizers run then, deleting it by hand is misuse, no leak", (t) => {
  const base = C.wasmts_live_count();
  const { engine, done } = env();
  const registry = C.wasmts_engine_registry(engine);
  let finalized = 0;
  const ft = functype([], []);
  t.true(C.wasmts_registry_define_func_with_env(registry, name("env"), name("f"), ft, () => null, "e", () => finalized++));
  C.wasm_functype_delete(ft);
  t.throws(() => C.wasmts_registry_delete(registry), {
    instanceOf: C.wasmts_error_t, message: /^wasmts_registry_delete: the wasmts_registry_t belongs to a wasm_engine_t/,
  });
  t.is(finalized, 0);
  done();
  t.is(finalized, 1);
  t.throws(() => C.wasmts_registry_define_func(registry, name("env"), name("g"), null, () => null), {
    instanceOf: C.wasmts_error_t, message: /already deleted/,
  });
  t.is(C.wasmts_live_count(), base);
});

test("the strict-linking functions reject null with a clear misuse error", (t) => {
  for (const [fn, call] of [
    ["wasmts_engine_registry", () => C.wasmts_engine_registry(null)],
    ["wasmts_engine_set_strict_linking", () => C.wasmts_engine_set_strict_linking(null, true)],
    ["wasmts_engine_strict_linking", () => C.wasmts_engine_strict_linking(null)],
    ["wasmts_config_set_strict_linking", () => C.wasmts_config_set_strict_linking(null, true)],
  ] as const) {
    t.throws(call, { instanceOf: C.wasmts_error_t, message: new RegExp(`^${fn}: `) });
  }
});
