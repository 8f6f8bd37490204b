/**
 * GC's struct and array instructions on the compiled tier: every function
 * of a module using all of them (each field and element kind, packed
 * reads both ways, every allocation and bulk operation) is compiled, not
 * left to the interpreter, and every call has the interpreter's outcome:
 * the same results, or the same trap with the same frames (function,
 * offset in the function, offset in the module).
 */
import test from "ava";
import { Trap } from "../../../impl/base/errors.js";
import { instantiate, invoke, Store } from "../../../impl/index.js";
import { ArrayObject, StructObject, arrayGet, arrayLength, structGet, structLayout } from "../../../impl/runtime/gc-objects.js";
import { FuncInstance, type ModuleInstance } from "../../../impl/runtime/instances.js";
import type { RawValue } from "../../../impl/runtime/values.js";
import { compileRefs } from "../typed-refs/helpers.js";
import { allCompiled } from "../compiler/helpers.js";

const TEXT = `(module
  (type $s (struct (field $a (mut i8)) (field $b (mut i16)) (field $c (mut i32)) (field $d (mut i64))
                   (field $e (mut f32)) (field $f (mut f64)) (field $g (mut v128)) (field $h (mut anyref))))
  (type $bytes (array (mut i8)))
  (type $shorts (array (mut i16)))
  (type $ints (array (mut i32)))
  (type $longs (array (mut i64)))
  (type $floats (array (mut f32)))
  (type $doubles (array (mut f64)))
  (type $vecs (array (mut v128)))
  (type $refs (array (mut anyref)))
  (data $d "\\01\\82\\03\\84\\05\\86\\07\\88\\09\\8a\\0b\\8c\\0d\\8e\\0f\\90")
  (elem $e anyref (ref.i31 (i32.const 5)) (ref.null any) (ref.i31 (i32.const -7)))

  (func (export "struct_new") (param i32 i64 i32 i64) (result (ref $s))
    (struct.new $s (local.get 0) (local.get 0) (local.get 0) (local.get 1)
      (f32.reinterpret_i32 (local.get 2)) (f64.reinterpret_i64 (local.get 3))
      (v128.const i32x4 1 -2 3 -4) (ref.i31 (local.get 0))))
  (func (export "struct_default") (result (ref $s)) (struct.new_default $s))
  (func (export "struct_get") (param (ref null $s))
    (result i32 i32 i32 i32 i32 i64 i32 i64 i32 i32 anyref)
    (struct.get_s $s $a (local.get 0)) (struct.get_u $s $a (local.get 0))
    (struct.get_s $s $b (local.get 0)) (struct.get_u $s $b (local.get 0))
    (struct.get $s $c (local.get 0)) (struct.get $s $d (local.get 0))
    (i32.reinterpret_f32 (struct.get $s $e (local.get 0))) (i64.reinterpret_f64 (struct.get $s $f (local.get 0)))
    (i32x4.extract_lane 1 (struct.get $s $g (local.get 0))) (i32x4.extract_lane 3 (struct.get $s $g (local.get 0)))
    (struct.get $s $h (local.get 0)))
  (func (export "struct_set") (param (ref null $s) i32 i64)
    (struct.set $s $a (local.get 0) (local.get 1)) (struct.set $s $b (local.get 0) (local.get 1))
    (struct.set $s $c (local.get 0) (local.get 1)) (struct.set $s $d (local.get 0) (local.get 2))
    (struct.set $s $e (local.get 0) (f32.reinterpret_i32 (local.get 1)))
    (struct.set $s $f (local.get 0) (f64.reinterpret_i64 (local.get 2)))
    (struct.set $s $g (local.get 0) (i64x2.splat (local.get 2)))
    (struct.set $s $h (local.get 0) (array.new_default $ints (local.get 1))))

  (func (export "bytes") (param i32 i32) (result (ref $bytes)) (array.new $bytes (local.get 0) (local.get 1)))
  (func (export "shorts_fixed") (param i32) (result (ref $shorts))
    (array.new_fixed $shorts 3 (local.get 0) (i32.const -1) (i32.const 0x12345)))
  (func (export "longs") (param i64 i32) (result (ref $longs)) (array.new $longs (local.get 0) (local.get 1)))
  (func (export "longs_fixed") (param i64) (result (ref $longs)) (array.new_fixed $longs 2 (local.get 0) (i64.const -3)))
  (func (export "doubles") (param i64 i32) (result (ref $doubles)) (array.new $doubles (f64.reinterpret_i64 (local.get 0)) (local.get 1)))
  (func (export "doubles_fixed") (param i64) (result (ref $doubles))
    (array.new_fixed $doubles 2 (f64.reinterpret_i64 (local.get 0)) (f64.const -1.5)))
  (func (export "floats_default") (param i32) (result (ref $floats)) (array.new_default $floats (local.get 0)))
  (func (export "vecs") (param i32 i32) (result (ref $vecs)) (array.new $vecs (i32x4.splat (local.get 0)) (local.get 1)))
  (func (export "vecs_fixed") (result (ref $vecs)) (array.new_fixed $vecs 2 (v128.const i32x4 1 2 3 4) (v128.const i32x4 5 6 7 8)))
  (func (export "refs") (param i32) (result (ref $refs)) (array.new $refs (ref.i31 (local.get 0)) (i32.const 3)))
  (func (export "refs_fixed") (result (ref $refs)) (array.new_fixed $refs 2 (ref.null any) (ref.i31 (i32.const 9))))
  (func (export "new_data_shorts") (param i32 i32) (result (ref $shorts)) (array.new_data $shorts $d (local.get 0) (local.get 1)))
  (func (export "new_data_longs") (param i32 i32) (result (ref $longs)) (array.new_data $longs $d (local.get 0) (local.get 1)))
  (func (export "new_elem") (param i32 i32) (result (ref $refs)) (array.new_elem $refs $e (local.get 0) (local.get 1)))

  (func (export "bytes_get") (param (ref null $bytes) i32) (result i32 i32)
    (array.get_s $bytes (local.get 0) (local.get 1)) (array.get_u $bytes (local.get 0) (local.get 1)))
  (func (export "shorts_get") (param (ref null $shorts) i32) (result i32 i32)
    (array.get_s $shorts (local.get 0) (local.get 1)) (array.get_u $shorts (local.get 0) (local.get 1)))
  (func (export "longs_get") (param (ref null $longs) i32) (result i64) (array.get $longs (local.get 0) (local.get 1)))
  (func (export "doubles_get") (param (ref null $doubles) i32) (result i64)
    (i64.reinterpret_f64 (array.get $doubles (local.get 0) (local.get 1))))
  (func (export "vecs_get") (param (ref null $vecs) i32) (result i32 i32)
    (i32x4.extract_lane 0 (array.get $vecs (local.get 0) (local.get 1)))
    (i32x4.extract_lane 3 (array.get $vecs (local.get 0) (local.get 1))))
  (func (export "refs_get") (param (ref null $refs) i32) (result anyref) (array.get $refs (local.get 0) (local.get 1)))
  (func (export "bytes_set") (param (ref null $bytes) i32 i32) (array.set $bytes (local.get 0) (local.get 1) (local.get 2)))
  (func (export "shorts_set") (param (ref null $shorts) i32 i32) (array.set $shorts (local.get 0) (local.get 1) (local.get 2)))
  (func (export "floats_set") (param (ref null $floats) i32 i32)
    (array.set $floats (local.get 0) (local.get 1) (f32.reinterpret_i32 (local.get 2))))
  (func (export "longs_set") (param (ref null $longs) i32 i64) (array.set $longs (local.get 0) (local.get 1) (local.get 2)))
  (func (export "doubles_set") (param (ref null $doubles) i32 i64)
    (array.set $doubles (local.get 0) (local.get 1) (f64.reinterpret_i64 (local.get 2))))
  (func (export "vecs_set") (param (ref null $vecs) i32 i32)
    (array.set $vecs (local.get 0) (local.get 1) (i32x4.splat (local.get 2))))
  (func (export "refs_set") (param (ref null $refs) i32 i32) (array.set $refs (local.get 0) (local.get 1) (ref.i31 (local.get 2))))
  (func (export "len") (param (ref null array)) (result i32) (array.len (local.get 0)))

  (func (export "longs_fill") (param (ref null $longs) i32 i64 i32)
    (array.fill $longs (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "doubles_fill") (param (ref null $doubles) i32 i64 i32)
    (array.fill $doubles (local.get 0) (local.get 1) (f64.reinterpret_i64 (local.get 2)) (local.get 3)))
  (func (export "shorts_fill") (param (ref null $shorts) i32 i32 i32)
    (array.fill $shorts (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "refs_fill") (param (ref null $refs) i32 i32 i32)
    (array.fill $refs (local.get 0) (local.get 1) (ref.i31 (local.get 2)) (local.get 3)))
  (func (export "longs_copy") (param (ref null $longs) i32 (ref null $longs) i32 i32)
    (array.copy $longs $longs (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)))
  (func (export "refs_copy") (param (ref null $refs) i32 (ref null $refs) i32 i32)
    (array.copy $refs $refs (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)))
  (func (export "init_data") (param (ref null $shorts) i32 i32 i32)
    (array.init_data $shorts $d (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "init_elem") (param (ref null $refs) i32 i32 i32)
    (array.init_elem $refs $e (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  ;; A trap two frames deep: the frames of both functions.
  (func $inner (param (ref null $ints) i32) (result i32) (array.get $ints (local.get 0) (local.get 1)))
  (func (export "nested") (param i32) (result i32)
    (i32.add (i32.const 1) (call $inner (array.new_default $ints (i32.const 2)) (local.get 0))))
)`;

/** A value as plain data: objects by their fields or elements (in raw form), recursively. */
function plain(v: unknown): unknown {
  if (v instanceof StructObject) {
    return { struct: Array.from({ length: structLayout(v.rtt).kind.length }, (_, i) => plain(structGet(v, i))) };
  }
  if (v instanceof ArrayObject) return { array: Array.from({ length: arrayLength(v) }, (_, i) => plain(arrayGet(v, i))) };
  if (v instanceof Uint8Array) return { v128: Array.from(v) };
  return v;
}

function call(inst: ModuleInstance, name: string, args: readonly RawValue[]): RawValue[] {
  const f = inst.export(name);
  if (!(f instanceof FuncInstance)) throw new Error(`no function export ${name}`);
  return invoke(f, [...args]);
}

/** What a call did: its results and its arguments afterwards (objects it changed), or its trap's reason and frames. */
function outcome(inst: ModuleInstance, name: string, args: readonly RawValue[]): unknown {
  try {
    const results = call(inst, name, args);
    return { results: results.map(plain), args: args.map(plain) };
  } catch (e) {
    if (!(e instanceof Trap)) throw e;
    return { trap: e.reason, frames: e.frames.map((f) => [f.funcIndex, f.funcOffset, f.moduleOffset]) };
  }
}


/**
 * The calls, each as (name, arguments made on the instance): arguments that
 * are objects come from calls on the same instance, so each tier gets its own.
 */
type Case = readonly [string, (inst: ModuleInstance) => RawValue[]];
const one = (inst: ModuleInstance, name: string, ...args: RawValue[]): RawValue => call(inst, name, args)[0];
const CASES: readonly Case[] = [
  ["struct_new", () => [0x12345680, -0x123456789n, 0x7fa00001, 0x7ff4000000000abcn]],
  ["struct_new", () => [-1, 5n, -1, -0x8000000000000000n]],
  ["struct_default", () => []],
  ["struct_get", (i) => [one(i, "struct_new", 0x18081, 0x7fffffffffffffffn, 0x3fc00000, 0x400921fb54442d18n)]],
  ["struct_get", (i) => [one(i, "struct_default")]],
  ["struct_get", () => [null]],
  ["struct_set", (i) => [one(i, "struct_default"), 0xfedc8281, -2n]],
  ["struct_set", () => [null, 1, 1n]],
  ["bytes", () => [0x1ff, 3]], ["bytes", () => [1, -1]],
  ["shorts_fixed", () => [0x18000]],
  ["longs", () => [-0x100000001n, 3]], ["longs_fixed", () => [0x123456789abcdefn]],
  ["doubles", () => [0x7ff8000000000001n, 2]], ["doubles_fixed", () => [0x3ff0000000000000n]],
  ["floats_default", () => [4]], ["floats_default", () => [-1]],
  ["vecs", () => [-9, 2]], ["vecs_fixed", () => []],
  ["refs", () => [77]], ["refs_fixed", () => []],
  ["new_data_shorts", () => [1, 3]], ["new_data_shorts", () => [10, 3]], ["new_data_shorts", () => [16, 0]],
  ["new_data_longs", () => [8, 1]], ["new_data_longs", () => [9, 1]],
  ["new_elem", () => [0, 3]], ["new_elem", () => [1, 2]], ["new_elem", () => [2, 2]],
  ["bytes_get", (i) => [one(i, "bytes", 0x80, 2), 1]], ["bytes_get", (i) => [one(i, "bytes", 0x80, 2), 2]],
  ["bytes_get", (i) => [one(i, "bytes", 0x80, 2), -1]], ["bytes_get", () => [null, 0]],
  ["shorts_get", (i) => [one(i, "shorts_fixed", 0x8001), 0]], ["shorts_get", (i) => [one(i, "shorts_fixed", 1), 2]],
  ["longs_get", (i) => [one(i, "longs_fixed", -5n), 0]], ["longs_get", (i) => [one(i, "longs_fixed", -5n), 1]],
  ["longs_get", (i) => [one(i, "longs_fixed", -5n), 2]], ["longs_get", () => [null, 0]],
  ["doubles_get", (i) => [one(i, "doubles", 0x7ff4000000000abcn, 3), 2]],
  ["vecs_get", (i) => [one(i, "vecs_fixed"), 1]], ["vecs_get", (i) => [one(i, "vecs_fixed"), 2]],
  ["refs_get", (i) => [one(i, "refs_fixed"), 1]], ["refs_get", (i) => [one(i, "refs_fixed"), 0]],
  ["bytes_set", (i) => [one(i, "bytes", 0, 3), 2, 0x1234]], ["bytes_set", (i) => [one(i, "bytes", 0, 3), 3, 1]],
  ["shorts_set", (i) => [one(i, "shorts_fixed", 0), 1, -2]], ["shorts_set", () => [null, 0, 0]],
  ["floats_set", (i) => [one(i, "floats_default", 2), 1, 0xffc00001 | 0]],
  ["longs_set", (i) => [one(i, "longs", 0n, 2), 1, -0x8000000000000000n]], ["longs_set", (i) => [one(i, "longs", 0n, 2), 2, 1n]],
  ["doubles_set", (i) => [one(i, "doubles", 0n, 2), 0, 0x7ff0000000000001n]],
  ["vecs_set", (i) => [one(i, "vecs", 0, 2), 1, -3]], ["vecs_set", (i) => [one(i, "vecs", 0, 2), -2, 1]],
  ["refs_set", (i) => [one(i, "refs", 1), 2, 8]], ["refs_set", () => [null, 0, 8]],
  ["len", (i) => [one(i, "longs", 0n, 7)]], ["len", () => [null]],
  ["longs_fill", (i) => [one(i, "longs", 1n, 6), 1, -0x200000003n, 4]], ["longs_fill", (i) => [one(i, "longs", 1n, 6), 3, 1n, 4]],
  ["doubles_fill", (i) => [one(i, "doubles", 0n, 3), 0, 0x400921fb54442d18n, 3]],
  ["shorts_fill", (i) => [one(i, "shorts_fixed", 0), 1, 0x1ffff, 2]], ["shorts_fill", () => [null, 0, 0, 0]],
  ["refs_fill", (i) => [one(i, "refs", 1), 0, 4, 2]],
  ["longs_copy", (i) => { const a = one(i, "longs_fixed", 9n); return [a, 0, a, 1, 1]; }],
  ["longs_copy", (i) => [one(i, "longs", 2n, 3), 1, one(i, "longs_fixed", 9n), 0, 2]],
  ["longs_copy", (i) => [one(i, "longs", 2n, 3), 2, one(i, "longs_fixed", 9n), 0, 2]],
  ["longs_copy", (i) => [null, 0, one(i, "longs_fixed", 9n), 0, 0]],
  ["refs_copy", (i) => { const a = one(i, "new_elem", 0, 3); return [a, 1, a, 0, 2]; }],
  ["init_data", (i) => [one(i, "shorts_fixed", 0), 1, 3, 2]], ["init_data", (i) => [one(i, "shorts_fixed", 0), 0, 14, 2]],
  ["init_data", (i) => [one(i, "shorts_fixed", 0), 2, 0, 2]], ["init_data", () => [null, 0, 0, 0]],
  ["init_elem", (i) => [one(i, "refs", 1), 1, 1, 2]], ["init_elem", (i) => [one(i, "refs", 1), 0, 2, 2]],
  ["init_elem", (i) => [one(i, "refs", 1), 2, 0, 2]],
  ["nested", () => [1]], ["nested", () => [2]],
];

test("struct.* and array.* functions are compiled and give the interpreter's results, traps and frames", async (t) => {
  const module = await compileRefs(TEXT);
  const insts = { interpreter: instantiate(new Store({ tier: "interpreter" }), module, []), compiler: instantiate(new Store({ tier: "compiler" }), module, []) };
  let traps = 0;
  for (const [name, args] of CASES) {
    const c = outcome(insts.compiler, name, args(insts.compiler));
    const i = outcome(insts.interpreter, name, args(insts.interpreter));
    t.deepEqual(c, i, `${name}`);
    if ((c as { trap?: string }).trap !== undefined) traps++;
  }
  t.true(traps >= 20, `traps compared: ${traps}`);
  t.true(allCompiled(insts.compiler), "every function compiled");
  t.deepEqual(outcome(insts.compiler, "nested", [5]), outcome(insts.interpreter, "nested", [5]));
  t.is((outcome(insts.compiler, "nested", [5]) as { frames: unknown[] }).frames.length, 2, "the trap has both frames");
  t.deepEqual(plain(one(insts.compiler, "shorts_fixed", 0x18000)), { array: [0x8000, 0xffff, 0x2345] });
});
