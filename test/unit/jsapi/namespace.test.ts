// Issue 16: behaviours of our WebAssembly namespace that the spec's js-api tests do not reach, or reach
// only on one side: a grow made by wasm code detaches the buffer JavaScript holds; a JavaScript exception
// keeps its identity through wasm frames, and wasm can catch it with catch_all; a trap is a RuntimeError
// that wasm cannot catch even when it passes through JavaScript; everything made in a vm context belongs
// to that context's realm; a shared memory it makes is the engine's own; install() gives the global the JS API's property attributes.
import test from "ava";
import vm from "node:vm";
import { createWebAssembly, install, WebAssembly as W } from "../../../js-api/index.js";
import { installInContext } from "../../../js-api/vm.js";
import { WASM3_EH_FEATURES, WASM_THREADS_FEATURES, wat } from "../../helpers/wat.js";

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const WA = W as Any;

test("memory.grow in wasm code detaches the buffer JavaScript holds and the next buffer has the new size", async (t) => {
  const bytes = await wat(`(module (memory (export "m") 1 4)
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
    (func (export "poke") (param i32 i32) (i32.store8 (local.get 0) (local.get 1))))`);
  const { instance } = await WA.instantiate(bytes);
  const { m, grow, poke } = instance.exports;
  const before = m.buffer;
  poke(65535, 7);
  t.is(grow(2), 1);
  t.is(before.byteLength, 0, "the old buffer is detached");
  t.is(m.buffer.byteLength, 3 * 65536);
  t.is(new Uint8Array(m.buffer)[65535], 7, "the bytes moved with the memory");
  t.is(grow(2), -1, "past the maximum");
  t.is(m.buffer.byteLength, 3 * 65536);
});

test("a shared memory made by the namespace is the engine's: a SharedArrayBuffer that wasm code sees, and grows in place", async (t) => {
  t.throws(() => new WA.Memory({ initial: 1, shared: true }), { instanceOf: TypeError, message: /maximum/ });
  const mem = new WA.Memory({ initial: 1, maximum: 3, shared: true });
  t.true(mem.buffer instanceof SharedArrayBuffer);
  const bytes = await wat(`(module (import "js" "m" (memory 1 3 shared))
    (func (export "add") (param i32 i32) (result i32) (i32.atomic.rmw.add (local.get 0) (local.get 1)))
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`, WASM_THREADS_FEATURES);
  const { instance } = await WA.instantiate(bytes, { js: { m: mem } });
  new Int32Array(mem.buffer)[1] = 40;
  t.is(instance.exports.add(4, 2), 40, "the old value, read by wasm from the bytes JavaScript wrote");
  t.is(new Int32Array(mem.buffer)[1], 42);
  const before = mem.buffer;
  t.is(instance.exports.grow(1), 1);
  // No detach: the one growable buffer has the new length (the JS API would hand out a new fixed-length one).
  t.is(before.byteLength, 2 * 65536);
  t.is(mem.grow(1), 2);
  t.is(mem.buffer.byteLength, 3 * 65536);
  t.throws(() => mem.grow(1), { instanceOf: RangeError });
  // An unshared memory does not match a shared import.
  await t.throwsAsync(WA.instantiate(bytes, { js: { m: new WA.Memory({ initial: 1, maximum: 3 }) } }), { instanceOf: WA.LinkError });
});

test("a JavaScript exception keeps its identity through wasm, and catch_all catches it", async (t) => {
  const bytes = await wat(`(module (import "js" "f" (func $f))
    (func (export "through") (call $f))
    (func (export "caught") (result i32) (block $h (try_table (catch_all $h) (call $f)) (return (i32.const 0))) (i32.const 1)))`, WASM3_EH_FEATURES);
  const thrown = new Error("from JavaScript");
  const { instance } = await WA.instantiate(bytes, { js: { f: () => { throw thrown; } } });
  t.is(t.throws(() => instance.exports.through()), thrown);
  t.is(instance.exports.caught(), 1);
});

test("a trap is a RuntimeError, and wasm cannot catch it when it comes back through JavaScript", async (t) => {
  const trapBytes = await wat(`(module (func (export "boom") unreachable))`);
  const trapper = (await WA.instantiate(trapBytes)).instance.exports.boom;
  const bytes = await wat(`(module (import "js" "f" (func $f))
    (func (export "caught") (result i32) (block $h (try_table (catch_all $h) (call $f)) (return (i32.const 0))) (i32.const 1)))`, WASM3_EH_FEATURES);
  let inner: unknown = null;
  const { instance } = await WA.instantiate(bytes, { js: { f: () => { try { trapper(); } catch (e) { inner = e; throw e; } } } });
  const e = t.throws(() => instance.exports.caught());
  t.true(e instanceof WA.RuntimeError);
  t.is(e, inner as Error, "the same RuntimeError object comes out");
  t.regex(e.message, /^unreachable/);
});

test("exported functions are named by index, have their arity as length, and are not constructors", async (t) => {
  const bytes = await wat(`(module (func (export "add") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1))))`);
  const { instance } = await WA.instantiate(bytes);
  const add = instance.exports.add;
  t.is(add.name, "0");
  t.is(add.length, 2);
  t.is(add(1n << 62n, 1n << 62n), -(1n << 63n), "i64 wraps, as BigInt");
  t.throws(() => add(1, 2), { instanceOf: TypeError }, "a Number is not an i64");
  t.throws(() => new add(), { instanceOf: TypeError });
  t.true(Object.isFrozen(instance.exports));
  t.is(Object.getPrototypeOf(instance.exports), null);
});

test("in a vm context, objects, errors and promises are the context's own", async (t) => {
  const context = vm.createContext({});
  vm.runInContext("delete globalThis.WebAssembly", context);
  installInContext(context);
  const verdicts = vm.runInContext(`
    const r = [];
    try { new WebAssembly.Memory(); } catch (e) { r.push(e instanceof TypeError); }
    const m = new WebAssembly.Memory({ initial: 1 });
    r.push(m.buffer instanceof ArrayBuffer, WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])));
    const p = WebAssembly.compile(new Uint8Array(0));
    p.catch(() => {});
    r.push(p instanceof Promise);
    r.push(Object.getOwnPropertyDescriptor(globalThis, "WebAssembly").enumerable);
    r;`, context) as unknown[];
  t.deepEqual([...verdicts], [true, true, true, true, false]);
  await t.throwsAsync(vm.runInContext("WebAssembly.compile(new Uint8Array(1))", context) as Promise<unknown>, { name: "CompileError" });
});

test("install() puts a namespace on an object with the global's attributes; namespaces do not share objects", (t) => {
  const target = {};
  const other = createWebAssembly() as Any;
  t.is(install(target, other), other);
  t.deepEqual(Object.getOwnPropertyDescriptor(target, "WebAssembly"), { value: other, writable: true, enumerable: false, configurable: true });
  const mem = new WA.Memory({ initial: 0 });
  t.throws(() => other.Memory.prototype.grow.call(mem, 0), { instanceOf: TypeError });
  t.is(Object.prototype.toString.call(other), "[object WebAssembly]");
});
