import test from "ava";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as C from "../../../capi/index.js";
import { callI32, compile, exported, functype, lastError, message, name, trapOut } from "../link/capi-helpers.js";
import { A, B, binaries, C as CText } from "./modules.js";

function env() {
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  return { engine, store, done: () => { C.wasm_store_delete(store); C.wasm_engine_delete(engine); } };
}

/** Byte vectors of the chain's binaries, and a reader over them that records names and releases. */
async function chainReader() {
  const files = new Map<string, C.wasm_byte_vec_t>();
  for (const [n, bytes] of await binaries({ a: A, b: B, c: CText })) {
    const v: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
    C.wasm_byte_vec_new(v, bytes.length, bytes);
    files.set(n, v);
  }
  const asked: string[] = [];
  const released: string[] = [];
  const reader: C.wasmts_loader_reader_t = (env, n) => {
    const s = C.wasmts_byte_vec_to_string(n);
    asked.push(s);
    return (env as typeof files).get(s) ?? null;
  };
  const release: C.wasmts_loader_release_t = (env, n, source) => {
    released.push(C.wasmts_byte_vec_to_string(n));
    C.wasm_byte_vec_delete(source as C.wasm_byte_vec_t);
    (env as typeof files).delete(C.wasmts_byte_vec_to_string(n));
  };
  return { files, asked, released, reader, release };
}

function loadOk(t: import("ava").ExecutionContext, loader: C.wasmts_loader_t, n: string): C.wasm_instance_t {
  const trap = trapOut();
  const inst = C.wasmts_loader_load(loader, name(n), trap);
  if (!inst) t.fail(message(trap.value!));
  return inst!;
}

test.serial("wasmts_loader_load names C alone: B and A are read once, linked, shared; release runs at deletion, not before", async (t) => {
  const base = C.wasmts_live_count();
  const { engine, store, done } = env();
  const module = await compile(store, CText); // only for export lookups by name
  const r = await chainReader();
  const loader = C.wasmts_loader_new(store, null);
  C.wasmts_loader_set_reader(loader, r.reader, r.files, r.release);
  const c = loadOk(t, loader, "c");
  t.deepEqual(r.asked, ["c", "b", "a"]);
  t.deepEqual(callI32(exported(module, c, "compute"), 5), [106]);
  t.deepEqual(callI32(exported(module, c, "bump_via_b")), [1]);
  t.deepEqual(callI32(exported(module, c, "count_via_a")), [1], "the A that B bumps is the A that C reads");
  const again = loadOk(t, loader, "c");
  t.true(C.wasm_instance_same(c, again));
  const a = C.wasmts_loader_lookup(loader, name("a"))!;
  t.truthy(a);
  t.is(C.wasmts_loader_lookup(loader, name("zzz")), null);
  t.deepEqual(r.asked, ["c", "b", "a"], "each name read once");
  t.deepEqual(r.released, []);
  C.wasmts_loader_delete(loader);
  t.deepEqual(r.released, ["c", "b", "a"]);
  t.deepEqual(callI32(exported(module, c, "compute"), 1), [102], "instances live on after the loader");
  for (const h of [c, again, a]) C.wasm_instance_delete(h);
  C.wasm_module_delete(module);
  done();
  t.is(C.wasmts_live_count(), base);
  void engine;
});

test("isolation through the C API: each importer gets its own A", async (t) => {
  const { store, done } = env();
  const module = await compile(store, CText);
  const r = await chainReader();
  const loader = C.wasmts_loader_new(store, null);
  C.wasmts_loader_set_reader(loader, r.reader, r.files, null);
  C.wasmts_loader_set_isolation(loader, true);
  const c = loadOk(t, loader, "c");
  callI32(exported(module, c, "bump_via_b"));
  t.deepEqual(callI32(exported(module, c, "count_via_a")), [0]);
  t.is(C.wasmts_loader_lookup(loader, name("a")), null);
  C.wasmts_loader_delete(loader);
  done();
});

test("errors come back as traps: a missing module with its importer, a cycle with its path, a failed link with the chain", async (t) => {
  const { store, done } = env();
  const files = await binaries({
    c: `(module (import "b" "f" (func)))`,
    b: `(module (import "a" "f" (func)) (func (export "f")))`,
    x: `(module (import "y" "f" (func)) (func (export "f")))`,
    y: `(module (import "x" "f" (func)) (func (export "f")))`,
    p: `(module (import "q" "f" (func)))`,
    q: `(module (import "spectest" "print_i32" (func (param f32))) (func (export "f")))`,
  });
  const loader = C.wasmts_loader_new(store, null);
  C.wasmts_loader_set_reader(loader, (_e, n) => {
    const bytes = files.get(C.wasmts_byte_vec_to_string(n));
    if (!bytes) return null;
    const v: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
    C.wasm_byte_vec_new(v, bytes.length, bytes);
    return v;
  }, null, (_e, _n, v) => C.wasm_byte_vec_delete(v as C.wasm_byte_vec_t));
  const trap = trapOut();
  t.is(C.wasmts_loader_load(loader, name("c"), trap), null);
  t.is(message(trap.value!), `unknown module "a" imported by "b" (import 0, "a" "f") [loading c -> b -> a; looked in: the reader]`);
  t.is(C.wasmts_loader_load(loader, name("x"), trap), null);
  t.is(message(trap.value!), "module cycle: x -> y -> x");
  t.is(C.wasmts_loader_load(loader, name("p"), trap), null);
  t.is(message(trap.value!), `module "q" imported by "p" failed to link [loading p -> q]: incompatible import type for `
    + `"spectest" "print_i32": expected (func (param f32)), got (func (param i32)) [import 0; from a built-in module]`);
  t.true(C.wasmts_trap_cause(trap.value!) instanceof Error);
  C.wasmts_loader_delete(loader);
  done();
});

test("search path, names the engine's registry serves, and natives registered after the loader was made", async (t) => {
  const { engine, store, done } = env();
  const dir = mkdtempSync(join(tmpdir(), "wasmts-capi-load-"));
  try {
    const files = await binaries({
      app: `(module (import "spectest" "global_i32" (global i32)) (import "env" "twice" (func (param i32) (result i32)))
        (import "lib" "inc" (func (param i32) (result i32)))
        (func (export "run") (result i32) (call 1 (call 0 (global.get 0)))))`,
      lib: `(module (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))`,
    });
    for (const [n, bytes] of files) writeFileSync(join(dir, `${n}.wasm`), bytes);
    const loader = C.wasmts_loader_new(store, null);
    const asked: string[] = [];
    C.wasmts_loader_set_reader(loader, (_e, n) => (asked.push(C.wasmts_byte_vec_to_string(n)), null), null, null);
    C.wasmts_loader_add_search_path(loader, name(dir));
    // Registered in the engine's registry after the loader was made: "env" is then served by it.
    const ft = functype([C.WASM_I32], [C.WASM_I32]);
    t.true(C.wasmts_registry_define_func(C.wasmts_engine_registry(engine), name("env"), name("twice"), ft, (args, res) => {
      res.data[0] = C.WASM_I32_VAL((args.data[0]!.of.i32 as number) * 2);
      return null;
    }));
    C.wasm_functype_delete(ft);
    const app = loadOk(t, loader, "app");
    const module = await compile(store, `(module (func (export "run")))`);
    const exports: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
    C.wasm_instance_exports(app, exports);
    t.deepEqual(callI32(exports.data[0]!), [1333]);
    C.wasm_extern_vec_delete(exports);
    t.deepEqual(asked, ["app", "lib"], "spectest and env never reach the reader");
    C.wasm_module_delete(module);
    C.wasmts_loader_delete(loader);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  done();
});

test("coexistence: a hand-linked instance registered, a compiled module from the reader, explicit externs", async (t) => {
  const { store, done } = env();
  const aModule = await compile(store, A);
  const bModule = await compile(store, B);
  const a = C.wasm_instance_new(store, aModule, C.WASM_EMPTY_VEC(), null)!;
  const loader = C.wasmts_loader_new(store, null);
  t.true(C.wasmts_loader_register(loader, name("a"), a));
  t.false(C.wasmts_loader_register(loader, name("a"), a));
  t.regex(lastError((out) => C.wasmts_loader_last_error(loader, out))!, /^duplicate definition for "a"/);
  C.wasmts_loader_allow_shadowing(loader, true);
  t.true(C.wasmts_loader_register(loader, name("a"), a));
  t.is(lastError((out) => C.wasmts_loader_last_error(loader, out)), null);
  let released = 0;
  C.wasmts_loader_set_reader(loader, (_e, n) => C.wasmts_byte_vec_to_string(n) === "b" ? bModule : null, null, (_e, _n, m) => {
    t.is(m, bModule);
    released++;
  });
  const app = await compile(store, `(module (import "b" "add100" (func (param i32) (result i32))) (import "a" "get" (func (result i32)))
    (func (export "run") (result i32) (call 0 (call 1))))`);
  const ft = functype([], [C.WASM_I32]);
  const seven = C.wasm_func_new(store, ft, (_args, res) => (res.data[0] = C.WASM_I32_VAL(7), null));
  C.wasm_functype_delete(ft);
  const trap = trapOut();
  const one = C.wasmts_loader_instantiate(loader, app, C.WASM_ARRAY_VEC([null, C.wasm_func_as_extern(seven)]), trap);
  t.truthy(one, trap.value ? message(trap.value) : "");
  t.deepEqual(callI32(exported(app, one!, "run")), [107]);
  callI32(exported(aModule, a, "inc"));
  const two = C.wasmts_loader_instantiate(loader, app, null, trap)!;
  t.deepEqual(callI32(exported(app, two, "run")), [101], "B and the root both use the hand-made, registered A");
  const b = C.wasmts_loader_lookup(loader, name("b"))!;
  t.deepEqual(callI32(exported(bModule, b, "bump")), [2]);
  // The module the reader gave stays alive for the loader even if the host deletes its handle.
  C.wasm_module_delete(bModule);
  C.wasmts_loader_delete(loader);
  t.is(released, 1);
  t.deepEqual(callI32(exported(app, two, "run")), [102]);
  done();
});

test("the loader functions reject null and misuse with clear errors", (t) => {
  const { store, done } = env();
  const loader = C.wasmts_loader_new(store, null);
  t.throws(() => C.wasmts_loader_load(loader, null, null), { instanceOf: C.wasmts_error_t, message: /^wasmts_loader_load: the module name is null/ });
  t.throws(() => C.wasmts_loader_set_reader(loader, 5 as never, null, null), { instanceOf: C.wasmts_error_t, message: /the reader is not a function/ });
  for (const [fn, call] of [
    ["wasmts_loader_new", () => C.wasmts_loader_new(null, null)],
    ["wasmts_loader_load", () => C.wasmts_loader_load(null, null, null)],
    ["wasmts_loader_lookup", () => C.wasmts_loader_lookup(null, null)],
    ["wasmts_loader_register", () => C.wasmts_loader_register(null, null, null)],
    ["wasmts_loader_instantiate", () => C.wasmts_loader_instantiate(null, null, null, null)],
    ["wasmts_loader_set_reader", () => C.wasmts_loader_set_reader(null, null, null, null)],
    ["wasmts_loader_add_search_path", () => C.wasmts_loader_add_search_path(null, null)],
    ["wasmts_loader_set_isolation", () => C.wasmts_loader_set_isolation(null, true)],
    ["wasmts_loader_allow_shadowing", () => C.wasmts_loader_allow_shadowing(null, true)],
    ["wasmts_loader_last_error", () => C.wasmts_loader_last_error(null, C.WASM_EMPTY_VEC())],
  ] as const) {
    t.throws(call, { instanceOf: C.wasmts_error_t, message: new RegExp(`^${fn}: `) });
  }
  C.wasmts_loader_delete(loader);
  t.throws(() => C.wasmts_loader_load(loader, name("x"), null), { message: /already deleted/ });
  C.wasmts_loader_delete(null);
  done();
});
