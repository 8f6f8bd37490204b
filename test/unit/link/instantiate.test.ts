import test from "ava";
import { LinkError, Trap } from "../../../impl/base/errors.js";
import { ValType } from "../../../impl/base/types.js";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { compileModule } from "../../../impl/link/api.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { validateModule } from "../../../impl/validate/validator.js";
import {
  FuncInstance, GlobalInstance, MemoryInstance, Store, TableInstance,
} from "../../../impl/runtime/instances.js";
import { wat, WASM3_EH_FEATURES } from "../../helpers/wat.js";

const compile = async (text: string) => compileModule(await wat(text));
const hostFunc = (params: ValType[] = [], results: ValType[] = []) =>
  new FuncInstance({ params, results }, null, -1, () => []);
const memory = (min: number, max: number | null = null) => new MemoryInstance({ limits: { min, max } });
const table = (min: number, max: number | null = null, elemType: typeof ValType.FuncRef | typeof ValType.ExternRef = ValType.FuncRef) =>
  new TableInstance({ elemType, limits: { min, max } });

function linkError(t: import("ava").ExecutionContext, f: () => unknown): LinkError {
  return t.throws(f, { instanceOf: LinkError }) as LinkError;
}

test("too few externs is an unknown import naming the first one missing", async (t) => {
  const m = await compile(`(module (import "env" "a" (func)) (import "env" "b" (memory 1)))`);
  const store = new Store();
  const e = linkError(t, () => instantiate(store, m, [hostFunc()]));
  t.true(e.message.startsWith("unknown import"));
  t.deepEqual([e.importIndex, e.moduleName, e.fieldName], [1, "env", "b"]);
  t.is(store.instanceCount, 0, "nothing is allocated when linking fails");
});

test("too many externs is a link error", async (t) => {
  const m = await compile(`(module)`);
  linkError(t, () => instantiate(new Store(), m, [hostFunc()]));
});

test("imported externs are the very objects supplied, and re-exported as such", async (t) => {
  const m = await compile(`(module
    (import "m" "f" (func $f)) (import "m" "t" (table 1 funcref))
    (import "m" "mem" (memory 1)) (import "m" "g" (global (mut i32)))
    (export "f" (func $f)) (export "t" (table 0)) (export "mem" (memory 0)) (export "g" (global 0)))`);
  const f = hostFunc(), tab = table(1), mem = memory(1);
  const g = new GlobalInstance({ valType: ValType.I32, mutable: true }, 3);
  const inst = instantiate(new Store(), m, [f, tab, mem, g]);
  t.is(inst.funcs[0], f);
  t.is(inst.tables[0], tab);
  t.is(inst.memories[0], mem);
  t.is(inst.globals[0], g);
  t.deepEqual(inst.exports.map((e) => e.name), ["f", "t", "mem", "g"]);
  t.is(inst.export("f"), f);
  t.is(inst.export("t"), tab);
  t.is(inst.export("mem"), mem);
  t.is(inst.export("g"), g);
});

test("defined entities are allocated after the imports, in index order", async (t) => {
  const m = await compile(`(module (import "m" "f" (func))
    (func (export "a") (param i32)) (func (export "b"))
    (table (export "t") 2 3 externref) (memory (export "mem") 1 2))`);
  const store = new Store();
  const inst = instantiate(store, m, [hostFunc()]);
  t.is(store.instanceCount, 1, "the store counts the instance");
  t.is(inst.funcs.length, 3);
  const a = inst.export("a") as FuncInstance;
  t.is(a, inst.funcs[1]);
  t.deepEqual([a.module, a.index, a.host, a.type.params], [inst, 1, null, [ValType.I32]]);
  const tab = inst.export("t") as TableInstance;
  t.deepEqual([tab.size, tab.maxSize, tab.elements], [2, 3, [null, null]]);
  const mem = inst.export("mem") as MemoryInstance;
  t.deepEqual([mem.sizePages, mem.maxPages], [1, 2]);
});

test("globals are initialised from constants, imported globals and function references", async (t) => {
  const m = await compile(`(module
    (import "m" "base" (global i32))
    (func $f)
    (global (export "copy") i32 (global.get 0))
    (global (export "i64") i64 (i64.const -2))
    (global (export "f32") f32 (f32.const nan:0x123))
    (global (export "f64") (mut f64) (f64.const -0x1p-1074))
    (global (export "fref") funcref (ref.func $f))
    (global (export "null") externref (ref.null extern)))`);
  const inst = instantiate(new Store(), m, [new GlobalInstance({ valType: ValType.I32, mutable: false }, 42)]);
  const value = (name: string) => (inst.export(name) as GlobalInstance).get();
  t.is(value("copy"), 42);
  t.is(value("i64"), -2n);
  t.is(value("f32"), 0x7f800123, "a signalling f32 NaN keeps its payload");
  t.is(value("f64"), 0x8000000000000001n);
  t.is(value("fref"), inst.funcs[0]);
  t.is(value("null"), null);
});

test("extended constant expressions are evaluated with wrapping i32/i64 arithmetic over earlier globals", async (t) => {
  const m = await compile(`(module
    (import "m" "base" (global i32))
    (global $a i32 (i32.add (global.get 0) (i32.const 0x7fffffff)))
    (global (export "a") i32 (global.get $a))
    (global (export "b") i32 (i32.mul (global.get $a) (i32.sub (i32.const 0) (i32.const 3))))
    (global $c i64 (i64.const 0x7fffffffffffffff))
    (global (export "c") i64 (i64.add (global.get $c) (i64.mul (i64.const 2) (i64.const 3))))
    (global (export "d") i64 (i64.sub (i64.const 0) (global.get $c)))
    (memory (export "mem") 1)
    (data (i32.sub (global.get 0) (i32.const 1)) "x"))`);
  const inst = instantiate(new Store(), m, [new GlobalInstance({ valType: ValType.I32, mutable: false }, 10)]);
  const value = (name: string) => (inst.export(name) as GlobalInstance).get();
  t.is(value("a"), (10 + 0x7fffffff) | 0, "i32.add wraps");
  t.is(value("b"), Math.imul((10 + 0x7fffffff) | 0, -3));
  t.is(value("c"), BigInt.asIntN(64, 0x7fffffffffffffffn + 6n), "i64.add wraps");
  t.is(value("d"), -0x7fffffffffffffffn);
  t.is((inst.export("mem") as MemoryInstance).bytes[9], "x".charCodeAt(0), "the data segment lands at base - 1");
});

test("active element segments fill tables with function references and are dropped", async (t) => {
  const m = await compile(`(module
    (import "m" "h" (func $h))
    (func $a) (func $b)
    (table (export "t") 5 funcref)
    (elem (i32.const 1) $a $h)
    (elem (table 0) (i32.const 3) funcref (ref.func $b) (ref.null func))
    (elem $passive funcref (ref.func $b))
    (elem declare func $a))`);
  const h = hostFunc();
  const inst = instantiate(new Store(), m, [h]);
  const tab = inst.export("t") as TableInstance;
  t.deepEqual(tab.elements, [null, inst.funcs[1], h, inst.funcs[2], null]);
  t.deepEqual(inst.elems, [[], [], [inst.funcs[2]], []], "active and declarative segments are dropped, passive ones kept");
});

test("active data segments fill memory and are dropped; passive ones are kept", async (t) => {
  const m = await compile(`(module
    (import "m" "off" (global i32))
    (memory (export "mem") 1)
    (data (i32.const 2) "ab")
    (data (global.get 0) "\\01\\02")
    (data "xyz"))`);
  const inst = instantiate(new Store(), m, [new GlobalInstance({ valType: ValType.I32, mutable: false }, 100)]);
  const bytes = (inst.export("mem") as MemoryInstance).bytes;
  t.deepEqual([...bytes.subarray(0, 5)], [0, 0, 0x61, 0x62, 0]);
  t.deepEqual([...bytes.subarray(100, 102)], [1, 2]);
  t.deepEqual(inst.datas.map((d) => [...d]), [[], [], [0x78, 0x79, 0x7a]]);
});

test("an out-of-bounds element segment traps, and earlier segments' writes stay", async (t) => {
  const m = await compile(`(module
    (import "m" "t" (table 3 funcref)) (import "m" "mem" (memory 1))
    (func $f)
    (elem (i32.const 0) $f)
    (elem (i32.const 2) $f $f)
    (data (i32.const 0) "x"))`);
  const tab = table(3), mem = memory(1);
  const store = new Store();
  const e = t.throws(() => instantiate(store, m, [tab, mem]), { instanceOf: Trap });
  t.true(e!.message.startsWith("out of bounds table access"));
  t.true(tab.elements[0] instanceof FuncInstance, "the first segment was written");
  t.is(tab.elements[2], null, "the failing segment wrote nothing");
  t.is(mem.bytes[0], 0, "data segments come after all element segments");
  t.is(store.instanceCount, 1, "the instance was allocated before the trap");
});

test("an out-of-bounds data segment traps, and earlier segments' writes stay", async (t) => {
  const m = await compile(`(module
    (import "m" "mem" (memory 1))
    (data (i32.const 0) "a")
    (data (i32.const 65535) "bc")
    (data (i32.const 1) "d"))`);
  const mem = memory(1);
  const e = t.throws(() => instantiate(new Store(), m, [mem]), { instanceOf: Trap });
  t.true(e!.message.startsWith("out of bounds memory access"));
  t.deepEqual([mem.bytes[0], mem.bytes[1], mem.bytes[65535]], [0x61, 0, 0]);
});

test("offsets are unsigned and bounds are checked even for empty segments", async (t) => {
  const atEnd = await compile(`(module (memory 1) (table 2 funcref) (data (i32.const 65536) "") (elem (i32.const 2) func))`);
  t.notThrows(() => instantiate(new Store(), atEnd, []));
  const pastEndData = await compile(`(module (memory 1) (data (i32.const 65537) ""))`);
  t.throws(() => instantiate(new Store(), pastEndData, []), { instanceOf: Trap, message: /^out of bounds memory access/ });
  const pastEndElem = await compile(`(module (table 2 funcref) (elem (i32.const 3) func))`);
  t.throws(() => instantiate(new Store(), pastEndElem, []), { instanceOf: Trap, message: /^out of bounds table access/ });
  const negative = await compile(`(module (memory 1) (data (i32.const -1) "a"))`);
  t.throws(() => instantiate(new Store(), negative, []), { instanceOf: Trap, message: /^out of bounds memory access/ });
});

test("the start function runs last, after the segments", async (t) => {
  const m = await compile(`(module
    (memory (export "mem") 1)
    (data (i32.const 0) "\\05")
    (func $start (i32.store8 (i32.const 1) (i32.add (i32.load8_u (i32.const 0)) (i32.const 1))))
    (start $start))`);
  const inst = instantiate(new Store(), m, []);
  t.deepEqual([...(inst.export("mem") as MemoryInstance).bytes.subarray(0, 2)], [5, 6]);
});

test("an imported host function can be the start function", async (t) => {
  const m = await compile(`(module (import "m" "f" (func $f)) (start $f))`);
  let calls = 0;
  instantiate(new Store(), m, [new FuncInstance({ params: [], results: [] }, null, -1, () => { calls++; return []; })]);
  t.is(calls, 1);
});

test("a trapping start function fails instantiation, and its writes to imports stay", async (t) => {
  const m = await compile(`(module
    (import "m" "mem" (memory 1))
    (func $start (i32.store8 (i32.const 7) (i32.const 9)) unreachable)
    (start $start))`);
  const mem = memory(1);
  const store = new Store();
  t.throws(() => instantiate(store, m, [mem]), { instanceOf: Trap, message: /^unreachable/ });
  t.is(mem.bytes[7], 9);
  t.is(store.instanceCount, 1);
});

test("instantiation accepts only a validated module: a decoded one, or a copy of a validated one, is refused", async (t) => {
  const bytes = await wat(`(module (func (export "f")))`);
  const decoded = decodeModule(bytes);
  // The type refuses it too; the run-time check is for callers the types do not reach.
  t.throws(() => instantiate(new Store(), decoded as Parameters<typeof instantiate>[1], []), { instanceOf: TypeError, message: /not validated/ });
  const valid = validateModule(decoded);
  t.throws(() => instantiate(new Store(), { ...valid }, []), { instanceOf: TypeError, message: /not validated/ });
  t.notThrows(() => instantiate(new Store(), valid, []));
});

test("the validated module carries its index spaces, imported entries first", async (t) => {
  const m = compileModule(await wat(`(module
    (type $a (func (param i32))) (type $b (func (result f64)))
    (import "h" "f" (func (type $b))) (import "h" "g" (global i64)) (import "h" "t" (table 2 externref))
    (import "h" "m" (memory 1 3))
    (func (type $a)) (global f32 (f32.const 0)) (table 1 funcref) (tag (param i32)))`, WASM3_EH_FEATURES));
  t.deepEqual(m.spaces.funcTypeIndices, [1, 0]);
  t.deepEqual(m.spaces.funcs, [m.types[1], m.types[0]]);
  t.deepEqual(m.spaces.globals.map((g) => g.valType), [ValType.I64, ValType.F32]);
  t.deepEqual(m.spaces.tables.map((x) => x.elemType), [ValType.ExternRef, ValType.FuncRef]);
  t.deepEqual(m.spaces.memories.map((x) => x.limits), [{ min: 1, max: 3 }]);
  t.deepEqual(m.spaces.tags.map((x) => x.params), [[ValType.I32]]);
});
