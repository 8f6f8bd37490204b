// Issue 18: GC's values at the JavaScript boundary of our namespace, beyond what the spec's gc/ files
// check: identity of structs and arrays and of host values through anyref, i31 numbers given as
// externref and internalized by wasm, concrete types at globals, tables, tags, imported functions'
// results and global imports, declared function subtypes, the opaque objects' remaining traps; and
// memory64 memories made and grown from JavaScript (BigInt sizes, the JS API's run-time page limit).
import test from "ava";
import { createWebAssembly } from "../../../js-api/index.js";
import { watRefs } from "../typed-refs/helpers.js";

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Instantiates module text (wasm-tools' parser, which reads GC text) in namespace `WA` (default: a fresh one). */
async function instance(text: string, imports: Record<string, Record<string, unknown>> = {}, WA: Any = createWebAssembly()): Promise<{ WA: Any; exports: Any }> {
  const { instance: inst } = await WA.instantiate(await watRefs(text), imports);
  return { WA, exports: inst.exports };
}

const GC_MODULE = `(module
  (type $s (struct (field (mut i32))))
  (type $t (struct (field (mut f32))))
  (type $a (array (mut i32)))
  (type $f (sub (func (result i32))))
  (type $g (sub $f (func (result i32))))
  (func (export "makeS") (param i32) (result (ref $s)) (struct.new $s (local.get 0)))
  (func (export "makeT") (result (ref $t)) (struct.new $t (f32.const 1)))
  (func (export "makeA") (result (ref $a)) (array.new $a (i32.const 7) (i32.const 3)))
  (func (export "getS") (param (ref $s)) (result i32) (struct.get $s 0 (local.get 0)))
  (func (export "id") (param anyref) (result anyref) (local.get 0))
  (func (export "isI31") (param anyref) (result i32) (ref.test (ref i31) (local.get 0)))
  (func (export "externIsI31") (param externref) (result i32) (ref.test (ref i31) (any.convert_extern (local.get 0))))
  (func (export "externIsS") (param externref) (result i32) (ref.test (ref $s) (any.convert_extern (local.get 0))))
  (func (export "externId") (param externref) (result externref) (local.get 0))
  (func (export "toExtern") (param anyref) (result externref) (extern.convert_any (local.get 0)))
  (func (export "eq") (param eqref eqref) (result i32) (ref.eq (local.get 0) (local.get 1)))
  (func (export "callF") (param (ref $f)) (result i32) (call_ref $f (local.get 0)))
  (func $g1 (export "g1") (type $g) (i32.const 11))
  (func (export "f1") (type $f) (i32.const 12))
  (global (export "gS") (mut (ref null $s)) (ref.null $s))
  (global (export "gEq") (mut eqref) (ref.i31 (i32.const 5)))
  (table (export "tF") 2 (ref null $f))
  (table (export "tS") 1 5 (ref $s) (struct.new $s (i32.const 9)))
  (tag (export "tag") (param (ref null $s) i31ref))
  (func (export "throwTag") (param i32) (throw 0 (struct.new $s (local.get 0)) (ref.i31 (local.get 0)))))`;

test("a struct or array keeps its identity through wasm; host values come back unchanged through anyref", async (t) => {
  const { exports: e } = await instance(GC_MODULE);
  const s = e.makeS(3), a = e.makeA();
  t.is(e.id(s), s);
  t.is(e.id(a), a);
  t.is(e.toExtern(s), s, "extern.convert_any of a struct is its one wrapper");
  t.is(e.eq(s, e.id(s)), 1);
  t.is(e.eq(s, e.makeS(3)), 0);
  t.is(e.getS(e.id(s)), 3);
  const obj = {}, fn = (): number => 1, sym = Symbol("s");
  for (const v of [obj, fn, sym, "text", 1.5, 2 ** 30, -(2 ** 30) - 1, 7n, true, undefined, e.makeS]) t.is(e.id(v), v);
  t.true(Object.is(e.id(-0), -0), "-0 is a host value, not the i31 0");
  t.is(e.isI31(-0), 0);
  t.is(e.isI31(2 ** 30 - 1), 1);
  t.is(e.isI31(-(2 ** 30)), 1);
  t.is(e.isI31(2 ** 30), 0);
  t.is(e.isI31(0.5), 0);
  t.is(e.isI31(e.makeS), 0, "an exported function given as anyref is a host value");
});

test("a Number given as externref is an i31 when wasm internalizes it, and still the same Number when it comes back", async (t) => {
  const { exports: e } = await instance(GC_MODULE);
  t.is(e.externIsI31(42), 1);
  t.is(e.externIsI31(-(2 ** 30)), 1);
  t.is(e.externIsI31(2 ** 30), 0);
  t.is(e.externIsI31(-0), 0);
  t.is(e.externIsI31("42"), 0);
  t.is(e.externId(42), 42);
  t.true(Object.is(e.externId(-0), -0));
  const s = e.makeS(1);
  t.is(e.externIsS(s), 1, "a struct given as externref is the struct inside wasm");
  t.is(e.externIsS({}), 0);
  t.is(e.externId(s), s);
});

test("host objects are not looked into: a Proxy's get trap never runs, a revoked Proxy passes through", async (t) => {
  const { exports: e } = await instance(GC_MODULE);
  const gets: PropertyKey[] = [];
  const watched = new Proxy({}, { get: (_target, key) => { gets.push(key); return undefined; } });
  t.is(e.externId(watched), watched);
  t.is(e.id(watched), watched);
  t.is(e.toExtern(watched), watched);
  t.is(e.externIsS(watched), 0, "any.convert_extern makes it a host value");
  t.deepEqual(gets, []);
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  t.is(e.externId(proxy), proxy);
  t.is(e.id(proxy), proxy);
  t.is(e.toExtern(proxy), proxy);
  t.is(e.externIsI31(proxy), 0);
});

test("the wrapper of a struct is opaque: no keys, `in` is false, nothing can be defined or frozen", async (t) => {
  const { exports: e } = await instance(GC_MODULE);
  const s = e.makeS(1);
  t.deepEqual(Reflect.ownKeys(s), []);
  t.false("0" in s);
  t.is(Object.getOwnPropertyDescriptor(s, "x"), undefined);
  t.false(Reflect.defineProperty(s, "x", { value: 1 }));
  t.throws(() => Reflect.set(s, "x", 1), { instanceOf: TypeError });
  t.throws(() => Reflect.deleteProperty(s, "x"), { instanceOf: TypeError });
  t.throws(() => Object.freeze(s), { instanceOf: TypeError });
  t.throws(() => { s.x = 1; }, { instanceOf: TypeError });
  t.is(JSON.stringify(s), "{}");
});

test("concrete and abstract types are checked at globals, tables and tags", async (t) => {
  const { WA, exports: e } = await instance(GC_MODULE);
  const s = e.makeS(4);
  e.gS.value = s;
  t.is(e.gS.value, s);
  t.throws(() => { e.gS.value = e.makeT(); }, { instanceOf: TypeError }, "another struct type");
  t.throws(() => { e.gS.value = 4; }, { instanceOf: TypeError });
  e.gS.value = null;
  t.is(e.gS.value, null);
  t.is(e.gEq.value, 5);
  e.gEq.value = e.makeA();
  t.throws(() => { e.gEq.value = "x"; }, { instanceOf: TypeError });
  e.gEq.value = -7;
  t.is(e.gEq.value, -7);

  e.tF.set(0, e.f1);
  e.tF.set(1, e.g1);
  t.is(e.tF.get(1), e.g1, "a function of a declared subtype matches");
  t.throws(() => e.tF.set(0, e.makeS), { instanceOf: TypeError }, "a function of an unrelated type");
  t.throws(() => e.tF.set(0, () => 1), { instanceOf: TypeError }, "a plain JavaScript function");
  t.is(e.callF(e.g1), 11);
  t.throws(() => e.callF(e.getS), { instanceOf: TypeError });

  t.is(e.getS(e.tS.get(0)), 9);
  t.throws(() => e.tS.grow(1), { instanceOf: TypeError }, "(ref $s) has no default value");
  t.throws(() => e.tS.set(0), { instanceOf: TypeError });
  t.throws(() => e.tS.set(0, null), { instanceOf: TypeError });
  t.is(e.tS.grow(1, s), 1);
  t.is(e.tS.get(1), s);

  const exn = new WA.Exception(e.tag, [s, 3]);
  t.is(exn.getArg(e.tag, 0), s);
  t.is(exn.getArg(e.tag, 1), 3);
  t.throws(() => new WA.Exception(e.tag, [e.makeA(), 3]), { instanceOf: TypeError });
  t.throws(() => new WA.Exception(e.tag, [null, 2 ** 30]), { instanceOf: TypeError }, "out of i31 range");
  let thrown: Any = null;
  try { e.throwTag(6); } catch (x) { thrown = x; }
  t.true(thrown instanceof WA.Exception);
  t.is(e.getS(thrown.getArg(e.tag, 0)), 6);
  t.is(thrown.getArg(e.tag, 1), 6);
});

test("a JavaScript import's results and a global import's value are checked against concrete types", async (t) => {
  const { WA, exports: maker } = await instance(GC_MODULE);
  const text = `(module
    (type $s (struct (field (mut i32))))
    (import "js" "make" (func $make (result (ref $s))))
    (import "js" "seen" (func $seen (param (ref $s) i31ref)))
    (import "js" "g" (global $g (ref null $s)))
    (func (export "run") (result i32) (struct.get $s 0 (call $make)))
    (func (export "show") (param (ref $s)) (call $seen (local.get 0) (ref.i31 (i32.const -1))))
    (func (export "g") (result i32) (struct.get $s 0 (global.get $g))))`;
  const s = maker.makeS(21);
  let made: unknown = s;
  const seen: unknown[] = [];
  const { exports: e } = await instance(text, { js: { make: () => made, seen: (...args: unknown[]) => seen.push(...args), g: s } }, WA);
  t.is(e.run(), 21, "a struct of the other instance's equivalent type");
  e.show(s);
  t.deepEqual(seen, [s, -1]);
  made = {};
  t.throws(() => e.run(), { instanceOf: TypeError });
  made = null;
  t.throws(() => e.run(), { instanceOf: TypeError });
  t.is(e.g(), 21);
  await t.throwsAsync(WA.instantiate(await watRefs(text), { js: { make: () => s, seen: () => {}, g: 3 } }), { instanceOf: WA.LinkError });
  // Another namespace's struct is a host value here (each namespace is its own store).
  const other = createWebAssembly() as Any;
  await t.throwsAsync(other.instantiate(await watRefs(text), { js: { make: () => s, seen: () => {}, g: s } }), { instanceOf: other.LinkError });
});

test("a memory64 memory from JavaScript: BigInt sizes, wasm grows it, the 262,144-page limit", async (t) => {
  const WA = createWebAssembly() as Any;
  const mem = new WA.Memory({ address: "i64", initial: 1n, maximum: 300000n });
  t.is(mem.buffer.byteLength, 65536);
  t.throws(() => mem.grow(1), { instanceOf: TypeError }, "a Number is not a BigInt");
  t.is(mem.grow(1n), 1n);
  const { instance: inst } = await WA.instantiate(await watRefs(`(module (import "js" "m" (memory i64 1))
    (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
    (func (export "store") (param i64 i32) (i32.store8 (local.get 0) (local.get 1))))`), { js: { m: mem } });
  const before = mem.buffer;
  t.is(inst.exports.grow(1n), 2n);
  t.is(before.byteLength, 0, "detached by wasm's grow");
  inst.exports.store(3n * 65536n - 1n, 9);
  t.is(new Uint8Array(mem.buffer)[3 * 65536 - 1], 9);
  t.throws(() => mem.grow(262145n), { instanceOf: RangeError });
  t.is(inst.exports.grow(262145n), -1n);
  t.throws(() => new WA.Memory({ address: "i64", initial: 262145n }), { instanceOf: RangeError });
  t.throws(() => new WA.Memory({ address: "i64", initial: 2n ** 48n + 1n }), { instanceOf: RangeError });
  t.throws(() => new WA.Memory({ address: "i32", initial: 1n }), { instanceOf: TypeError });
  await t.throwsAsync(WA.instantiate(await watRefs(`(module (import "js" "m" (memory 1)))`), { js: { m: mem } }), { instanceOf: WA.LinkError });
});
