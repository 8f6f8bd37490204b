import test from "ava";
import { LinkError } from "../../../impl/base/errors.js";
import { ValType } from "../../../impl/base/types.js";
import { checkImports } from "../../../impl/link/imports.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { Store, type Extern } from "../../../impl/runtime/instances.js";
import { call, compile, global, hostFunc, linkError, memory, table } from "./helpers.js";

test("the issue's message: incompatible import type naming the import and both types in text syntax", async (t) => {
  const m = await compile(`(module (import "env" "mem" (memory 2)))`);
  const e = linkError(t, () => instantiate(new Store(), m, [memory(1, 1)]));
  t.is(e.message, `incompatible import type for "env" "mem": expected (memory 2), got (memory 1 1) [import 0]`);
  t.is(e.reason, "incompatible import type");
});

test("an unknown import's message names it and the type it needs", async (t) => {
  const m = await compile(`(module (import "m" "f" (func)))`);
  const e = linkError(t, () => instantiate(new Store(), m, []));
  t.true(e.message.startsWith(`unknown import for "m" "f": expected (func) [import 0`), e.message);
  t.is(e.reason, "unknown import");
});

// One row per way a single extern can fail to match: what the import asks for,
// what is supplied, and both types as the message must spell them.
const mismatches: [string, string, () => Extern, string, string][] = [
  ["kind", `(func)`, () => memory(1), "(func)", "(memory 1)"],
  ["kind (global for table)", `(table 1 funcref)`, () => global(ValType.I32, false, 0), "(table 1 funcref)", "(global i32)"],
  ["function parameter types", `(func (param i32))`, () => hostFunc([ValType.I64]), "(func (param i32))", "(func (param i64))"],
  ["function result types", `(func (result i32))`, () => hostFunc(), "(func (result i32))", "(func)"],
  ["function with more parameters", `(func (param i32))`, () => hostFunc([ValType.I32, ValType.I32]),
    "(func (param i32))", "(func (param i32 i32))"],
  ["global mutability (mutable expected)", `(global (mut i32))`, () => global(ValType.I32, false, 0),
    "(global (mut i32))", "(global i32)"],
  ["global mutability (immutable expected)", `(global i32)`, () => global(ValType.I32, true, 0),
    "(global i32)", "(global (mut i32))"],
  ["global value type", `(global i32)`, () => global(ValType.I64, false, 0n), "(global i32)", "(global i64)"],
  ["mutable global value type", `(global (mut funcref))`, () => global(ValType.ExternRef, true, null),
    "(global (mut funcref))", "(global (mut externref))"],
  ["table element type", `(table 1 funcref)`, () => table(1, null, ValType.ExternRef), "(table 1 funcref)", "(table 1 externref)"],
  ["table limits min", `(table 2 funcref)`, () => table(1), "(table 2 funcref)", "(table 1 funcref)"],
  ["table limits max absent", `(table 1 5 funcref)`, () => table(1), "(table 1 5 funcref)", "(table 1 funcref)"],
  ["table limits max too large", `(table 1 5 funcref)`, () => table(1, 6), "(table 1 5 funcref)", "(table 1 6 funcref)"],
  ["memory limits min", `(memory 2)`, () => memory(1), "(memory 2)", "(memory 1)"],
  ["memory limits max absent", `(memory 1 2)`, () => memory(1), "(memory 1 2)", "(memory 1)"],
  ["memory limits max too large", `(memory 1 2)`, () => memory(1, 3), "(memory 1 2)", "(memory 1 3)"],
];
for (const [what, desc, make, expected, actual] of mismatches) {
  test(`mismatch table: ${what}`, async (t) => {
    const m = await compile(`(module (import "a" "ok" (func)) (import "mod" "x" ${desc}))`);
    const store = new Store();
    const e = linkError(t, () => instantiate(store, m, [hostFunc(), make()]));
    t.is(e.message, `incompatible import type for "mod" "x": expected ${expected}, got ${actual} [import 1]`);
    t.deepEqual([e.reason, e.importIndex, e.moduleName, e.fieldName, e.expected, e.actual],
      ["incompatible import type", 1, "mod", "x", expected, actual]);
    t.is(store.instanceCount, 0, "nothing is allocated when linking fails");
  });
}

test("matching rules that accept: larger tables and memories, smaller maxima, exact function and global types", async (t) => {
  const m = await compile(`(module
    (import "m" "t" (table 2 10 funcref)) (import "m" "mem" (memory 1 4))
    (import "m" "f" (func (param i32 i64) (result f32))) (import "m" "g" (global (mut f64))) (import "m" "c" (global externref)))`);
  t.notThrows(() => instantiate(new Store(), m, [
    table(5, 10), memory(3, 3), hostFunc([ValType.I32, ValType.I64], [ValType.F32]),
    global(ValType.F64, true, 0n), global(ValType.ExternRef, false, null),
  ]));
});

test("tables match by their current size, not their initial one", async (t) => {
  const m = await compile(`(module (import "m" "t" (table 3 funcref)))`);
  const tab = table(1, 10);
  const e = linkError(t, () => instantiate(new Store(), m, [tab]));
  t.is(e.actual, "(table 1 10 funcref)");
  tab.grow(2, null);
  t.notThrows(() => instantiate(new Store(), m, [tab]));
});

test("memories match by their current size, not their initial one", async (t) => {
  const m = await compile(`(module (import "m" "mem" (memory 2 3)))`);
  const mem = memory(1, 3);
  linkError(t, () => instantiate(new Store(), m, [mem]));
  t.is(mem.grow(1), 1);
  t.notThrows(() => instantiate(new Store(), m, [mem]));
});

test("a failed link leaves the exporter's memory untouched", async (t) => {
  const exporter = instantiate(new Store(), await compile(`(module
    (memory (export "mem") 1 2) (table (export "tab") 2 funcref) (global (export "g") (mut i32) (i32.const 5)))`), []);
  const mem = exporter.export("mem")!, tab = exporter.export("tab")!, g = exporter.export("g")!;
  const importer = await compile(`(module
    (import "e" "mem" (memory 1)) (import "e" "tab" (table 2 funcref)) (import "e" "g" (global (mut i32)))
    (import "e" "f" (func (param i32)))
    (func $f)
    (elem (i32.const 0) $f $f)
    (data (i32.const 0) "written")
    (func $start (i32.store (i32.const 100) (i32.const -1)) (global.set 0 (i32.const 9)) (drop (memory.grow (i32.const 1))))
    (start $start))`);
  const store = new Store();
  const e = linkError(t, () => instantiate(store, importer, [mem, tab, g, hostFunc([ValType.I64])]));
  t.is(e.importIndex, 3);
  const m = exporter.memories[0]!;
  t.true(m.bytes.every((b) => b === 0), "no data segment was written");
  t.is(m.sizePages, 1, "the start function did not grow it");
  t.deepEqual(exporter.tables[0]!.elements, [null, null], "no element segment was written");
  t.is(exporter.globals[0]!.get(), 5);
  t.is(store.instanceCount, 0);
});

test("too few externs: every missing import is listed in one error", async (t) => {
  const m = await compile(`(module (import "m" "a" (func)) (import "m" "b" (memory 1)) (import "m" "c" (global i32)))`);
  const e = linkError(t, () => instantiate(new Store(), m, [hostFunc()]));
  t.is(e.reason, "unknown import");
  t.deepEqual(e.problems.map((p) => [p.importIndex, p.fieldName, p.expected]), [[1, "b", "(memory 1)"], [2, "c", "(global i32)"]]);
  t.is(e.message.split("\n").length, 2);
});

test("too many externs is an import count mismatch", async (t) => {
  const m = await compile(`(module (import "m" "a" (func)))`);
  const e = linkError(t, () => instantiate(new Store(), m, [hostFunc(), hostFunc()]));
  t.is(e.message, "import count mismatch: the module has 1 imports, 2 externs were supplied");
  t.is(e.importIndex, -1);
});

test("every mismatched import is reported at once, in import order", async (t) => {
  const m = await compile(`(module (import "m" "a" (func)) (import "m" "b" (memory 1)) (import "m" "c" (global i32)))`);
  const e = linkError(t, () => checkImports(m, [memory(1), memory(1), hostFunc()]));
  t.deepEqual(e.problems.map((p) => p.importIndex), [0, 2]);
  t.deepEqual(e.message.split("\n"), [
    `incompatible import type for "m" "a": expected (func), got (memory 1) [import 0]`,
    `incompatible import type for "m" "c": expected (global i32), got (func) [import 2]`,
  ]);
});

test("LinkError.aggregate returns a single problem unchanged and refuses none", (t) => {
  const one = new LinkError("unknown import", 0, "m", "f");
  t.is(LinkError.aggregate([one]), one);
  t.deepEqual(one.problems, []);
  t.throws(() => LinkError.aggregate([]), { instanceOf: RangeError });
});

test("after a failed link the same externs still link once fixed, and the instance works", async (t) => {
  const m = await compile(`(module (import "m" "f" (func $f (result i32))) (func (export "run") (result i32) (call $f)))`);
  linkError(t, () => instantiate(new Store(), m, [hostFunc([], [ValType.I64])]));
  const inst = instantiate(new Store(), m, [hostFunc([], [ValType.I32], () => [42])]);
  t.deepEqual(call(inst, "run"), [42]);
});
