import test from "ava";
import { Trap } from "../../../impl/base/errors.js";
import { ValType } from "../../../impl/base/types.js";
import { createSpectestExterns, spectest } from "../../../impl/link/builtins/spectest.js";
import { buildImportList, instantiateFrom, resolveImports } from "../../../impl/link/import-list.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { NamedExterns } from "../../../impl/link/named-externs.js";
import { NativeRegistry } from "../../../impl/link/registry.js";
import { GlobalInstance, MemoryInstance, Store, TableInstance } from "../../../impl/runtime/instances.js";
import { call, compile, global, hostFunc, linkError, memory } from "./helpers.js";

const I32 = ValType.I32;
const silent = () => new NativeRegistry({ builtins: [spectest({ log: null })] });

test("a null entry in the positional list is filled from the registry; explicit entries are kept", async (t) => {
  const m = await compile(`(module (import "env" "mem" (memory 1)) (import "env" "f" (func (param i32))))`);
  const registry = silent();
  const f = registry.defineFunc("env", "f", { params: [I32], results: [] }, () => []);
  registry.define("env", "mem", memory(1));
  const mine = memory(2);
  const resolved = resolveImports(m, { externs: [mine, null], registry });
  t.deepEqual(resolved, [{ extern: mine, source: "explicit" }, { extern: f, source: "registry" }]);
});

test("precedence: explicit extern > user registry > built-in module, field by field", async (t) => {
  const m = await compile(`(module
    (import "spectest" "print_i32" (func (param i32)))
    (import "spectest" "print_i32" (func (param i32)))
    (import "spectest" "global_i32" (global i32)))`);
  const registry = silent();
  const builtinPrint = registry.builtinExterns("spectest")!.get("print_i32");
  const mine = registry.defineFunc("spectest", "print_i32", { params: [I32], results: [] }, () => []);
  const explicit = hostFunc([I32]);
  const resolved = resolveImports(m, { externs: [explicit], registry });
  t.deepEqual(resolved.map((r) => r.source), ["explicit", "registry", "builtin"]);
  t.is(resolved[0]!.extern, explicit);
  t.is(resolved[1]!.extern, mine, "the user's function overrides the built-in one");
  t.not(resolved[1]!.extern, builtinPrint);
  t.is((resolved[2]!.extern as GlobalInstance).get(), 666, "the rest of the built-in module stays");
});

test("overriding one built-in function keeps the rest, and the override runs", async (t) => {
  const m = await compile(`(module
    (import "spectest" "print_i32" (func $p (param i32)))
    (import "spectest" "global_i32" (global $g i32))
    (import "spectest" "memory" (memory 1))
    (func (export "run") (call $p (global.get $g))))`);
  const registry = silent();
  const seen: unknown[] = [];
  registry.defineFunc("spectest", "print_i32", { params: [I32], results: [] }, ([x]) => (seen.push(x), []));
  call(instantiateFrom(new Store(), m, { registry }), "run");
  t.deepEqual(seen, [666]);
});

test("resolution is lazy: natives registered after compiling are found", async (t) => {
  const m = await compile(`(module (import "late" "f" (func (result i32))) (func (export "run") (result i32) (call 0)))`);
  const registry = silent();
  linkError(t, () => buildImportList(m, { registry }));
  registry.defineFunc("late", "f", { params: [], results: [I32] }, () => [7]);
  t.deepEqual(call(instantiateFrom(new Store(), m, { registry }), "run"), [7]);
});

test("redefining a name is an error unless shadowing is on", (t) => {
  const registry = silent();
  registry.define("env", "g", global(I32, false, 1));
  const e = linkError(t, () => registry.define("env", "g", global(ValType.I64, false, 2n)));
  t.is(e.reason, "duplicate definition");
  t.regex(e.message, /^duplicate definition for "env" "g" \[already defined as \(global i32\), now as \(global i64\)/);
  t.is((registry.get("env", "g") as GlobalInstance).get(), 1, "the first definition stays");
  registry.shadowing = true;
  const replacement = global(ValType.I64, false, 2n);
  registry.define("env", "g", replacement);
  t.is(registry.get("env", "g"), replacement);
});

test("registering over a built-in name is an override, not a redefinition", (t) => {
  const registry = silent();
  t.notThrows(() => registry.define("spectest", "memory", memory(1, 2)));
  t.throws(() => registry.define("spectest", "memory", memory(1, 2)), { message: /^duplicate definition/ });
});

test("a registry entry of the wrong type is a link error naming both types, not a fall-through", async (t) => {
  const m = await compile(`(module (import "spectest" "global_i32" (global i32)) (import "env" "f" (func (param i64))))`);
  const registry = silent();
  registry.define("spectest", "global_i32", global(ValType.F32, false, 0));
  registry.defineFunc("env", "f", { params: [I32], results: [] }, () => []);
  const e = linkError(t, () => buildImportList(m, { registry }));
  t.deepEqual(e.problems.map((p) => p.message), [
    `incompatible import type for "spectest" "global_i32": expected (global i32), got (global f32) [import 0; from the native registry]`,
    `incompatible import type for "env" "f": expected (func (param i64)), got (func (param i32)) [import 1; from the native registry]`,
  ]);
});

test("a built-in entry of the wrong type names the built-in module as its source", async (t) => {
  const m = await compile(`(module (import "spectest" "table" (table 30 funcref)))`);
  const e = linkError(t, () => buildImportList(m, { registry: silent() }));
  t.is(e.message, `incompatible import type for "spectest" "table": expected (table 30 funcref), got (table 10 20 funcref) [import 0; from a built-in module]`);
});

test("strict mode: plain instantiation with a full list never consults a registry", async (t) => {
  const m = await compile(`(module (import "spectest" "print" (func)))`);
  const e = linkError(t, () => instantiate(new Store(), m, []));
  t.is(e.reason, "unknown import");
  linkError(t, () => buildImportList(m, {}));
});

test("each registry creates its own built-in externs, once, on first use", (t) => {
  let created = 0;
  const counting = { name: "spectest", create: () => (created++, createSpectestExterns(null)) };
  const a = new NativeRegistry({ builtins: [counting] }), b = new NativeRegistry({ builtins: [counting] });
  t.is(created, 0);
  const memA = a.get("spectest", "memory");
  t.is(a.get("spectest", "memory"), memA);
  t.is(created, 1);
  const memB = b.get("spectest", "memory");
  t.true(memA instanceof MemoryInstance && memB instanceof MemoryInstance);
  t.not(memA, memB);
  t.is(created, 2);
  t.is(a.get("spectest", "nothing"), undefined);
  t.is(a.builtinExterns("other"), undefined);
});

test("spectest's externs have the reference interpreter's types and values, and print to the sink", async (t) => {
  const lines: string[] = [];
  const externs = createSpectestExterns((l) => lines.push(l));
  t.deepEqual((externs.get("table") as TableInstance).externType(), {
    kind: 1, type: { elemType: ValType.FuncRef, limits: { min: 10, max: 20 } },
  });
  t.deepEqual((externs.get("memory") as MemoryInstance).type.limits, { min: 1, max: 2 });
  t.is((externs.get("global_i64") as GlobalInstance).get(), 666n);
  const m = await compile(`(module (import "spectest" "print_i32_f32" (func $p (param i32 f32)))
    (func (export "run") (call $p (i32.const -3) (f32.const 1.5))))`);
  call(instantiateFrom(new Store(), m, { registry: new NativeRegistry({ builtins: [spectest({ log: (l) => lines.push(l) })] }) }), "run");
  t.deepEqual(lines, ["-3 : i32 1.5 : f32"]);
});

test("the default registry has spectest as its built-in; an empty list has none", (t) => {
  t.true(new NativeRegistry().get("spectest", "print") !== undefined);
  t.is(new NativeRegistry({ builtins: [] }).get("spectest", "print"), undefined);
  t.throws(() => new NativeRegistry({ builtins: [spectest(), spectest()] }), { instanceOf: RangeError });
});

test("a registered instance is bound live under its name; removing the module forgets it", async (t) => {
  const lib = instantiate(new Store(), await compile(`(module
    (func (export "seven") (result i32) (i32.const 7)) (memory (export "mem") 1))`), []);
  const registry = silent();
  registry.defineInstance("lib", lib);
  t.is(registry.get("lib", "seven"), lib.export("seven"));
  t.is(registry.get("lib", "mem"), lib.export("mem"));
  t.is(registry.lookup("lib", "mem")?.source, "registry");
  t.throws(() => registry.defineInstance("lib", lib), { message: /^duplicate definition for "lib" "seven"/ });
  t.true(registry.removeModule("lib"));
  t.false(registry.removeModule("lib"));
  t.is(registry.get("lib", "seven"), undefined);
});

test("named externs: define, instances, shadowing and removal", async (t) => {
  const names = new NamedExterns();
  const f = hostFunc();
  names.define("m", "f", f);
  t.true(names.has("m", "f"));
  t.true(names.hasModule("m"));
  t.false(names.has("m", "g"));
  t.throws(() => names.define("m", "f", hostFunc()), { message: /^duplicate definition for "m" "f"/ });
  const inst = instantiate(new Store(), await compile(`(module (func (export "f")) (func (export "g")))`), []);
  t.throws(() => names.defineInstance("m", inst), { message: /^duplicate definition/ });
  t.false(names.has("m", "g"), "a failed defineInstance defines nothing");
  const shadowing = new NamedExterns({ shadowing: true }).define("m", "f", f).defineInstance("m", inst);
  t.is(shadowing.get("m", "f"), inst.export("f"), "the newer definition shadows the older");
  const later = hostFunc();
  shadowing.define("m", "g", later);
  t.is(shadowing.get("m", "g"), later);
  t.deepEqual(shadowing.moduleNames(), ["m"]);
  t.true(shadowing.removeModule("m"));
  t.is(shadowing.get("m", "f"), undefined);
});

test("a stub from the registry's absence traps when called, naming module::field", async (t) => {
  const m = await compile(`(module (import "env" "missing" (func $m (param i32))) (func (export "run") (call $m (i32.const 1))))`);
  const inst = instantiateFrom(new Store(), m, { registry: silent(), stubUnresolved: true });
  const e = t.throws(() => call(inst, "run"), { instanceOf: Trap });
  t.true(e!.message.includes("env::missing"), e!.message);
  t.true(e!.message.startsWith("unknown import"));
});
