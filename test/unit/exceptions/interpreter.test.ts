import test from "ava";
import {
  compileModule, ExceptionInstance, FuncInstance, instantiate, invoke, Store, TagInstance, Trap, ValType, WasmException,
  type Extern, type ModuleInstance, type RawValue,
} from "../../../impl/index.js";
import { wat3 } from "./helpers.js";

async function inst(text: string, imports: Extern[] = [], store = new Store()): Promise<ModuleInstance> {
  return instantiate(store, compileModule(await wat3(text)), imports);
}

function call(i: ModuleInstance, name: string, ...args: RawValue[]): RawValue[] {
  return invoke(i.export(name) as FuncInstance, args);
}

function hostFunc(params: ValType[], results: ValType[], f: (args: RawValue[]) => RawValue[]): FuncInstance {
  return new FuncInstance({ params, results }, null, -1, f);
}

test("catch, catch_ref, catch_all and catch_all_ref deliver payload and exnref to their labels; throw_ref rethrows the same exception", async (t) => {
  const i = await inst(`(module
    (tag $e (param i32 i64))
    (tag $f)
    (func (export "catch") (param i32) (result i32 i64)
      (block $h (result i32 i64)
        (try_table (catch $e $h) (throw $e (local.get 0) (i64.const -5)))
        (unreachable)))
    (func (export "catch_ref") (result exnref)
      (block $h (result i32 i64 exnref)
        (try_table (catch_ref $e $h) (throw $e (i32.const 1) (i64.const 2)))
        (unreachable))
      (return))
    (func (export "rethrow") (param exnref) (throw_ref (local.get 0)))
    (func (export "catch_all") (result i32)
      (block $h (try_table (catch_all $h) (throw $f)) (return (i32.const 0)))
      (i32.const 1))
    (func (export "same") (result i32)
      (local $x exnref)
      (local.set $x (block $h (result exnref) (try_table (catch_all_ref $h) (throw $f)) (unreachable)))
      (block $h2 (result exnref) (try_table (catch_all_ref $h2) (throw_ref (local.get $x))) (unreachable))
      (drop)
      (i32.const 7))
    (func (export "null") (throw_ref (ref.null exn))))`);
  t.deepEqual(call(i, "catch", 42), [42, -5n]);
  const [ref] = call(i, "catch_ref");
  t.true(ref instanceof ExceptionInstance);
  const e = t.throws(() => call(i, "rethrow", ref!), { instanceOf: WasmException })!;
  t.is(e.exception, ref as ExceptionInstance, "throw_ref keeps the exception's identity");
  t.deepEqual(e.payload, [1, 2n]);
  t.deepEqual(call(i, "catch_all"), [1]);
  t.deepEqual(call(i, "same"), [7]);
  t.throws(() => call(i, "null"), { instanceOf: Trap, message: /null reference/ });
});

test("an exception unwinds nested calls, host frames and instances to the innermost matching handler; traps are not caught", async (t) => {
  const store = new Store();
  const tag = new TagInstance({ type: { params: [ValType.I32], results: [] } });
  const other = new TagInstance({ type: { params: [ValType.I32], results: [] } });
  const thrower = await inst(`(module
    (import "t" "e" (tag $e (param i32)))
    (func (export "throw") (param i32) (throw $e (local.get 0))))`, [tag], store);
  // The host calls back into wasm, whose exception crosses the host frame.
  const viaHost = hostFunc([ValType.I32], [], (args) => { call(thrower, "throw", args[0]!); return []; });
  const otherThrow = hostFunc([], [], () => { throw new WasmException(other, [3]); });
  const catcher = await inst(`(module
    (import "t" "e" (tag $e (param i32)))
    (import "h" "via" (func $via (param i32)))
    (import "h" "other" (func $other))
    (import "x" "throw" (func $throw (param i32)))
    (func $deep (param i32)
      (if (i32.eqz (local.get 0)) (then (call $via (i32.const 99)) (return)))
      (call $deep (i32.sub (local.get 0) (i32.const 1))))
    (func (export "deep") (param i32) (result i32)
      (block $h (result i32)
        (try_table (catch $e $h) (call $deep (local.get 0)))
        (i32.const -1)))
    (func (export "inner") (result i32)
      (block $outer (result i32)
        (try_table (catch $e $outer)
          (block $inner (result i32)
            (try_table (catch $e $inner) (call $throw (i32.const 5)))
            (i32.const -1))
          (i32.const 100) (i32.add) (return))
        (unreachable))
      (i32.const 1000) (i32.add))
    (func (export "mismatch") (result i32)
      (block $h (result i32)
        (try_table (catch $e $h) (call $other))
        (i32.const -1)))
    (func (export "trap") (result i32)
      (block $h (try_table (catch_all $h) (unreachable)))
      (i32.const 1)))`, [tag, viaHost, otherThrow, thrower.export("throw")!], store);
  t.deepEqual(call(catcher, "deep", 50), [99]);
  t.deepEqual(call(catcher, "inner"), [105], "the inner handler catches");
  const e = t.throws(() => call(catcher, "mismatch"), { instanceOf: WasmException })!;
  t.is(e.tag, other, "a tag of the same type is another tag");
  t.throws(() => call(catcher, "trap"), { instanceOf: Trap, message: /unreachable/ });
  // The machine is usable after all that.
  t.deepEqual(call(catcher, "deep", 3), [99]);
});

test("a handler in a loop catches on every iteration, and the loop's frame state survives", async (t) => {
  const i = await inst(`(module
    (tag $e (param i32))
    (func $f (param i32) (if (i32.and (local.get 0) (i32.const 1)) (then (throw $e (local.get 0)))))
    (func (export "sum") (param i32) (result i32) (local $s i32)
      (loop $l
        (block $h (result i32)
          (try_table (result i32) (catch $e $h) (call $f (local.get 0)) (i32.const 0)))
        (local.set $s (i32.add (local.get $s)))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (local.get $s)))`);
  // Odd numbers up to 99 are thrown and summed: 2500.
  t.deepEqual(call(i, "sum", 100), [2500]);
});

test("tail calls reuse the frame: deep mutual recursion, into a host function and into another instance", async (t) => {
  const store = new Store();
  const other = await inst(`(module (func (export "add") (param i32 i64) (result i64) (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1))))`, [], store);
  const host = hostFunc([ValType.I32], [ValType.I32], (args) => [(args[0] as number) * 2]);
  const i = await inst(`(module
    (import "h" "double" (func $double (param i32) (result i32)))
    (import "o" "add" (func $add (param i32 i64) (result i64)))
    (table funcref (elem $add))
    (type $t (func (param i32 i64) (result i64)))
    (func $even (export "even") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1)) (else (return_call $odd (i32.sub (local.get 0) (i32.const 1))))))
    (func $odd (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (return_call $even (i32.sub (local.get 0) (i32.const 1))))))
    (func (export "double") (param i32) (result i32) (return_call $double (i32.add (local.get 0) (i32.const 1))))
    (func $far (param i32) (result i64) (return_call_indirect (type $t) (local.get 0) (i64.const 10) (i32.const 0)))
    (func (export "far") (param i32) (result i64) (i64.add (call $far (local.get 0)) (i64.const 1))))`,
  [host, other.export("add")!], store);
  t.deepEqual(call(i, "even", 100_001), [0], "deeper than the call depth limit");
  t.deepEqual(call(i, "double", 20), [42]);
  t.deepEqual(call(i, "far", 5), [16n], "returns from the other instance to this one's caller");
});

test("a tail call moves v128 arguments, and an exception carries a v128 payload", async (t) => {
  const i = await inst(`(module
    (tag $e (param v128))
    (func $lane (param i32 v128) (result i32) (i32x4.extract_lane 1 (local.get 1)))
    (func (export "tail") (param i32) (result i32)
      (return_call $lane (i32.const 0) (i32x4.splat (local.get 0))))
    (func (export "caught") (result i32)
      (block $h (result v128) (try_table (catch $e $h) (throw $e (v128.const i32x4 1 2 3 4))) (unreachable))
      (i32x4.extract_lane 2)))`);
  t.deepEqual(call(i, "tail", 9), [9]);
  t.deepEqual(call(i, "caught"), [3]);
});
