import test from "ava";
import { Trap } from "../../../impl/base/errors.js";
import { ValType } from "../../../impl/base/types.js";
import { spectest } from "../../../impl/link/builtins/spectest.js";
import { buildImportList, instantiateFrom, resolveImports } from "../../../impl/link/import-list.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { NamedExterns } from "../../../impl/link/named-externs.js";
import { NativeRegistry } from "../../../impl/link/registry.js";
import { FuncInstance, Store } from "../../../impl/runtime/instances.js";
import { call, compile, global, hostFunc, linkError, memory } from "./helpers.js";

const I32 = ValType.I32;
const registry = () => new NativeRegistry({ builtins: [spectest({ log: null })] });

test("one aggregated error lists three missing imports", async (t) => {
  const m = await compile(`(module
    (import "env" "a" (func)) (import "spectest" "print" (func))
    (import "env" "b" (memory 1)) (import "env" "c" (global (mut i64))))`);
  const e = linkError(t, () => buildImportList(m, { registry: registry() }));
  t.is(e.reason, "unknown import");
  t.is(e.importIndex, -1);
  t.deepEqual(e.problems.map((p) => [p.importIndex, p.moduleName, p.fieldName, p.expected]), [
    [0, "env", "a", "(func)"], [2, "env", "b", "(memory 1)"], [3, "env", "c", "(global (mut i64))"],
  ]);
  t.deepEqual(e.message.split("\n"), [
    `unknown import for "env" "a": expected (func) [import 0]`,
    `unknown import for "env" "b": expected (memory 1) [import 2]`,
    `unknown import for "env" "c": expected (global (mut i64)) [import 3]`,
  ]);
});

test("unknown imports come first, then mismatches, as the reference interpreter resolves names before types", async (t) => {
  const m = await compile(`(module (import "env" "g" (global i32)) (import "env" "x" (func)))`);
  const named = new NamedExterns().define("env", "g", global(ValType.I64, false, 0n));
  const e = linkError(t, () => buildImportList(m, { named }));
  t.is(e.reason, "unknown import");
  t.deepEqual(e.problems.map((p) => [p.reason, p.importIndex]), [["unknown import", 1], ["incompatible import type", 0]]);
  t.true(e.problems[1]!.message.endsWith("[import 0; from the named externs]"));
});

test("all exports of an instance under a module name satisfy another module's imports", async (t) => {
  const lib = instantiate(new Store(), await compile(`(module
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (global (export "base") i32 (i32.const 100)))`), []);
  const app = await compile(`(module
    (import "lib" "add" (func $add (param i32 i32) (result i32)))
    (import "lib" "base" (global $base i32))
    (func (export "run") (param i32) (result i32) (call $add (local.get 0) (global.get $base))))`);
  const named = new NamedExterns().defineInstance("lib", lib);
  const resolved = resolveImports(app, { named });
  t.deepEqual(resolved.map((r) => r.source), ["named", "named"]);
  t.is(resolved[0]!.extern, lib.export("add")!);
  t.deepEqual(call(instantiateFrom(new Store(), app, { named }), "run", 5), [105]);
});

test("named externs take precedence over the registry; explicit ones over both", async (t) => {
  const m = await compile(`(module (import "env" "f" (func)) (import "env" "f" (func)) (import "env" "f" (func)))`);
  const reg = registry();
  const fromRegistry = reg.defineFunc("env", "f", { params: [], results: [] }, () => []);
  const fromNames = hostFunc(), explicit = hostFunc();
  const named = new NamedExterns().define("env", "f", fromNames);
  t.deepEqual(buildImportList(m, { externs: [explicit, undefined], named, registry: reg }), [explicit, fromNames, fromNames]);
  t.deepEqual(buildImportList(m, { registry: reg }), [fromRegistry, fromRegistry, fromRegistry]);
});

test("more externs than imports is an import count mismatch", async (t) => {
  const m = await compile(`(module (import "env" "f" (func)))`);
  const e = linkError(t, () => buildImportList(m, { externs: [hostFunc(), null] }));
  t.is(e.reason, "import count mismatch");
});

test("stubs replace only unresolved functions; other unresolved kinds stay errors", async (t) => {
  const m = await compile(`(module (import "env" "f" (func (result i32))) (import "env" "mem" (memory 1)))`);
  const e = linkError(t, () => buildImportList(m, { stubUnresolved: true }));
  t.is(e.fieldName, "mem");
  const resolved = resolveImports(m, { externs: [null, memory(1)], stubUnresolved: true });
  t.is(resolved[0]!.source, "stub");
  const stub = resolved[0]!.extern as FuncInstance;
  t.deepEqual([stub.type.params, stub.type.results], [[], [I32]]);
});

test("a stubbed module instantiates, runs what it can, and traps naming module::field only when the stub is called", async (t) => {
  const m = await compile(`(module
    (import "wasi" "fd_write" (func $w (param i32) (result i32)))
    (func (export "ok") (result i32) (i32.const 1))
    (func (export "write") (result i32) (call $w (i32.const 0))))`);
  const inst = instantiateFrom(new Store(), m, { stubUnresolved: true });
  t.deepEqual(call(inst, "ok"), [1]);
  const e = t.throws(() => call(inst, "write"), { instanceOf: Trap });
  t.is(e!.message, "unknown import: wasi::fd_write was called, but no function was supplied for it");
});

test("a mismatched extern is not stubbed over: it stays an error", async (t) => {
  const m = await compile(`(module (import "env" "f" (func)))`);
  const e = linkError(t, () => buildImportList(m, { externs: [hostFunc([I32])], stubUnresolved: true }));
  t.is(e.reason, "incompatible import type");
});
