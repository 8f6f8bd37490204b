import test from "ava";
import { Trap } from "../../../impl/base/errors.js";
import { PAGE_SIZE, ValType } from "../../../impl/base/types.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { FuncInstance, GlobalInstance, MemoryInstance, Store, TableInstance } from "../../../impl/runtime/instances.js";
import { call, compile, global, hostFunc, memory, table } from "./helpers.js";

const I32 = ValType.I32;

/** A module over an imported memory: load, store, size and grow. */
const memoryUser = compile(`(module
  (import "env" "mem" (memory 1 4))
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);

test("a host memory imported by two instances keeps its contents; a grow from either instance or the host is seen by all three", async (t) => {
  const mem = memory(1, 4);
  mem.bytes[10] = 0xab;
  const m = await memoryUser;
  const a = instantiate(new Store(), m, [mem]), b = instantiate(new Store(), m, [mem]);
  t.is(a.memories[0], mem);
  t.is(b.memories[0], mem);
  t.deepEqual(call(a, "load", 10), [0xab], "the host's contents are there");
  call(a, "store", 20, 7);
  t.deepEqual(call(b, "load", 20), [7], "a store from one instance is seen by the other");
  t.is(mem.bytes[20], 7, "and by the host");

  t.deepEqual(call(a, "grow", 1), [1]);
  t.deepEqual([call(a, "size"), call(b, "size"), mem.sizePages], [[2], [2], 2], "grow in a: seen by b and the host");
  call(b, "store", PAGE_SIZE + 5, 9);
  t.deepEqual(call(a, "load", PAGE_SIZE + 5), [9]);
  t.is(mem.bytes[PAGE_SIZE + 5], 9);

  t.deepEqual(call(b, "grow", 1), [2]);
  t.deepEqual([call(a, "size"), call(b, "size"), mem.sizePages], [[3], [3], 3], "grow in b: seen by a and the host");

  t.is(mem.grow(1), 3);
  t.deepEqual([call(a, "size"), call(b, "size")], [[4], [4]], "grow from the host: seen by both");
  mem.bytes[3 * PAGE_SIZE + 1] = 0x5a;
  t.deepEqual([call(a, "load", 3 * PAGE_SIZE + 1), call(b, "load", 3 * PAGE_SIZE + 1)], [[0x5a], [0x5a]]);
  t.deepEqual(call(a, "load", 10), [0xab], "contents survive every grow");
  t.deepEqual([call(a, "grow", 1), mem.grow(1)], [[-1], -1], "the shared maximum holds for everyone");
});

test("a memory grown by a host function in the middle of a wasm call is seen by the caller at once", async (t) => {
  const mem = memory(1);
  const m = await compile(`(module
    (import "env" "mem" (memory 1))
    (import "env" "grow" (func $grow))
    (func (export "run") (result i32)
      (call $grow)
      (i32.store (i32.const 65536) (i32.const 0x01020304))
      (i32.add (memory.size) (i32.load8_u (i32.const 65536)))))`);
  const inst = instantiate(new Store(), m, [mem, hostFunc([], [], () => (mem.grow(1), []))]);
  t.deepEqual(call(inst, "run"), [2 + 4]);
  t.is(mem.bytes[PAGE_SIZE + 3], 1);
});

test("a memory grown by another instance during a call is seen by the caller at once", async (t) => {
  const owner = instantiate(new Store(), await compile(`(module
    (memory (export "mem") 1)
    (func (export "grow") (drop (memory.grow (i32.const 2)))))`), []);
  const user = instantiate(new Store(), await compile(`(module
    (import "o" "mem" (memory 1)) (import "o" "grow" (func $grow))
    (func (export "run") (result i32)
      (call $grow)
      (i32.store8 (i32.const 131072) (i32.const 42))
      (i32.add (memory.size) (i32.load8_u (i32.const 131072)))))`), [owner.export("mem")!, owner.export("grow")!]);
  t.deepEqual(call(user, "run"), [3 + 42]);
  t.is(owner.memories[0]!.bytes[2 * PAGE_SIZE], 42);
});

/** A module over an imported table: size, grow, set to its own function, and call_indirect. */
const tableUser = (result: number) => compile(`(module
  (import "env" "tab" (table 1 10 funcref))
  (type $r (func (result i32)))
  (func $mine (result i32) (i32.const ${result}))
  (elem declare func $mine)
  (func (export "size") (result i32) (table.size))
  (func (export "grow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0)))
  (func (export "set") (param i32) (table.set (local.get 0) (ref.func $mine)))
  (func (export "call") (param i32) (result i32) (call_indirect (type $r) (local.get 0))))`);

test("a host table imported by two instances: table.grow in one changes table.size in the other", async (t) => {
  const tab = table(1, 10);
  const a = instantiate(new Store(), await tableUser(1), [tab]), b = instantiate(new Store(), await tableUser(2), [tab]);
  t.deepEqual(call(a, "grow", 3), [1]);
  t.deepEqual([call(a, "size"), call(b, "size"), tab.size], [[4], [4], 4]);
  t.deepEqual(call(b, "grow", 2), [4]);
  t.deepEqual([call(a, "size"), call(b, "size"), tab.size], [[6], [6], 6]);
  t.is(tab.grow(4, null), 6, "the host grows it too");
  t.deepEqual([call(a, "size"), call(b, "size")], [[10], [10]]);
  t.deepEqual(call(a, "grow", 1), [-1], "the shared maximum holds");
});

test("table.set from any instance or the host is seen by every holder at once", async (t) => {
  const tab = table(1, 10);
  const a = instantiate(new Store(), await tableUser(1), [tab]), b = instantiate(new Store(), await tableUser(2), [tab]);
  call(a, "grow", 2);
  call(a, "set", 1);
  call(b, "set", 2);
  t.deepEqual([call(b, "call", 1), call(a, "call", 2)], [[1], [2]], "each calls the other's function through the shared table");
  t.is(tab.elements[1], a.funcs[0]);
  tab.set(0, hostFunc([], [I32], () => [99]));
  t.deepEqual([call(a, "call", 0), call(b, "call", 0)], [[99], [99]], "a host function the host put in is callable from both");
  tab.set(1, null);
  t.throws(() => call(b, "call", 1), { instanceOf: Trap, message: /^uninitialized element/ });
});

test("element segments of one instance land in a table another instance already uses", async (t) => {
  const owner = instantiate(new Store(), await compile(`(module
    (type $r (func (result i32)))
    (table (export "tab") 4 funcref)
    (func (export "call") (param i32) (result i32) (call_indirect (type $r) (local.get 0))))`), []);
  t.throws(() => call(owner, "call", 2), { instanceOf: Trap, message: /^uninitialized element/ });
  instantiate(new Store(), await compile(`(module
    (import "o" "tab" (table 1 funcref))
    (func $f (result i32) (i32.const 33))
    (elem (i32.const 2) $f))`), [owner.export("tab")!]);
  t.deepEqual(call(owner, "call", 2), [33]);
});

test("data segments of one instance land in a memory another instance already uses", async (t) => {
  const owner = instantiate(new Store(), await compile(`(module
    (memory (export "mem") 1)
    (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))`), []);
  instantiate(new Store(), await compile(`(module (import "o" "mem" (memory 1)) (data (i32.const 8) "\\2a"))`), [owner.export("mem")!]);
  t.deepEqual(call(owner, "load", 8), [42]);
});

test("global.set from an instance or the host is seen by every holder at once", async (t) => {
  const g = global(I32, true, 1);
  const m = await compile(`(module
    (import "env" "g" (global $g (mut i32)))
    (func (export "get") (result i32) (global.get $g))
    (func (export "set") (param i32) (global.set $g (local.get 0))))`);
  const a = instantiate(new Store(), m, [g]), b = instantiate(new Store(), m, [g]);
  call(a, "set", 5);
  t.deepEqual([call(b, "get"), g.get()], [[5], 5]);
  g.set(-8);
  t.deepEqual([call(a, "get"), call(b, "get")], [[-8], [-8]]);
});

test("an immutable global initialised from an imported global takes its value at instantiation", async (t) => {
  const base = global(I32, false, 40);
  const wide = global(ValType.F64, false, 0x4045000000000000n);
  const m = await compile(`(module
    (import "env" "base" (global $base i32))
    (import "env" "wide" (global $wide f64))
    (global $copy (export "copy") i32 (global.get $base))
    (global $wcopy (export "wcopy") f64 (global.get $wide))
    (memory 1)
    (data (global.get $base) "\\07")
    (func (export "at") (param i32) (result i32) (i32.load8_u (local.get 0))))`);
  const inst = instantiate(new Store(), m, [base, wide]);
  const copy = inst.export("copy") as GlobalInstance;
  t.not(copy, base, "a defined global is a new global, not the imported one");
  t.deepEqual([copy.get(), copy.type.mutable], [40, false]);
  t.is((inst.export("wcopy") as GlobalInstance).get(), 0x4045000000000000n);
  t.deepEqual(call(inst, "at", 40), [7], "segment offsets read the imported global too");
});

test("a re-exported import is the same object, through any number of instances", async (t) => {
  const mem = memory(1), tab = table(2), g = global(I32, true, 3), f = hostFunc([I32], [I32], ([x]) => [(x as number) * 2]);
  const relay = await compile(`(module
    (import "env" "mem" (memory 1)) (import "env" "tab" (table 2 funcref))
    (import "env" "g" (global (mut i32))) (import "env" "f" (func (param i32) (result i32)))
    (export "mem" (memory 0)) (export "tab" (table 0)) (export "g" (global 0)) (export "f" (func 0)))`);
  const first = instantiate(new Store(), relay, [mem, tab, g, f]);
  const second = instantiate(new Store(), relay, ["mem", "tab", "g", "f"].map((n) => first.export(n)!));
  for (const [name, value] of [["mem", mem], ["tab", tab], ["g", g], ["f", f]] as const) {
    t.is(second.export(name), value, name);
  }
  t.deepEqual(call(second, "f", 21), [42]);
});

test("two instances of one module linked to different externs never interfere", async (t) => {
  const m = await compile(`(module
    (import "env" "mem" (memory 1 4)) (import "env" "g" (global $g (mut i32)))
    (import "env" "tab" (table 1 10 funcref))
    (global $own (mut i32) (i32.const 0))
    (func (export "poke") (param i32)
      (i32.store8 (i32.const 0) (local.get 0))
      (global.set $g (local.get 0)) (global.set $own (local.get 0))
      (drop (memory.grow (i32.const 1))) (drop (table.grow (ref.null func) (i32.const 1))))
    (func (export "own") (result i32) (global.get $own)))`);
  const ext = () => [memory(1, 4), global(I32, true, 0), table(1, 10)] as const;
  const [memA, gA, tabA] = ext(), [memB, gB, tabB] = ext();
  const a = instantiate(new Store(), m, [memA, gA, tabA]), b = instantiate(new Store(), m, [memB, gB, tabB]);
  call(a, "poke", 11);
  t.deepEqual([memA.bytes[0], gA.get(), memA.sizePages, tabA.size, call(a, "own")], [11, 11, 2, 2, [11]]);
  t.deepEqual([memB.bytes[0], gB.get(), memB.sizePages, tabB.size, call(b, "own")], [0, 0, 1, 1, [0]]);
  call(b, "poke", 22);
  t.deepEqual([memA.bytes[0], gA.get(), memA.sizePages, call(a, "own")], [11, 11, 2, [11]]);
  t.not(a.globals[1], b.globals[1], "each instance has its own defined global");
});

test("host-made externs of every kind are plain runtime objects any instance can import", async (t) => {
  const m = await compile(`(module
    (import "h" "f" (func $f (param i32) (result i32)))
    (import "h" "t" (table 1 funcref)) (import "h" "m" (memory 1)) (import "h" "g" (global i64))
    (type $t (func (param i32) (result i32)))
    (elem (i32.const 0) $f)
    (func (export "run") (result i64)
      (i64.add (global.get 0)
        (i64.extend_i32_u (call_indirect (type $t) (i32.load8_u (i32.const 0)) (i32.const 0))))))`);
  const f = new FuncInstance({ params: [I32], results: [I32] }, null, -1, ([x]) => [(x as number) + 1]);
  const t0 = new TableInstance({ elemType: ValType.FuncRef, limits: { min: 1, max: null } });
  const mem = new MemoryInstance({ limits: { min: 1, max: null } });
  mem.bytes[0] = 9;
  const g = new GlobalInstance({ valType: ValType.I64, mutable: false }, 1000n);
  const inst = instantiate(new Store(), m, [f, t0, mem, g]);
  t.is(t0.elements[0], f);
  t.deepEqual(call(inst, "run"), [1010n]);
});
