/**
 * GC structs and arrays running on every tier (the compiled tier compiles
 * them, see compiled.test.ts): packed fields and elements sign- and
 * zero-extended, NaN bit patterns kept through f32/f64 fields and elements,
 * i64 fields, v128 fields and elements, `array.copy` of overlapping ranges
 * both ways, bounds at the edges, the data and element segment forms, and
 * the traps' messages.
 */
import test from "ava";
import { Trap, TrapMessage } from "../../../impl/base/errors.js";
import { instantiate, invoke, Store, type TierName } from "../../../impl/index.js";
import { FuncInstance, type ModuleInstance } from "../../../impl/runtime/instances.js";
import { ArrayObject, StructObject, arrayGet, arrayLength, structGet } from "../../../impl/runtime/gc-objects.js";
import type { RawValue } from "../../../impl/runtime/values.js";
import { compileRefs } from "../typed-refs/helpers.js";

const TIERS: readonly TierName[] = ["interpreter", "compiler", "tiered"];

const TEXT = `(module
  (type $s (struct (field $a (mut i8)) (field $b (mut i16)) (field $c (mut i64)) (field $d (mut f32))
                   (field $e (mut f64)) (field $f (mut anyref)) (field $g (mut v128)) (field $h i32)))
  (type $bytes (array (mut i8)))
  (type $shorts (array (mut i16)))
  (type $ints (array (mut i32)))
  (type $longs (array (mut i64)))
  (type $floats (array (mut f32)))
  (type $doubles (array (mut f64)))
  (type $vecs (array (mut v128)))
  (type $refs (array (mut anyref)))
  (type $fixed (array i64))
  (memory 1)
  (data $d "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10")
  (elem $e anyref (struct.new_default $s) (ref.null any) (array.new_default $ints (i32.const 2)))
  (global $g (ref $s) (struct.new $s (i32.const 1) (i32.const 2) (i64.const 3) (f32.const 4) (f64.const 5)
                                          (ref.null any) (v128.const i32x4 6 7 8 9) (i32.const 10)))

  (func (export "packed") (param i32) (result i32 i32 i32 i32)
    (local $x (ref $s))
    (local.set $x (struct.new_default $s))
    (struct.set $s $a (local.get $x) (local.get 0))
    (struct.set $s $b (local.get $x) (local.get 0))
    (struct.get_s $s $a (local.get $x)) (struct.get_u $s $a (local.get $x))
    (struct.get_s $s $b (local.get $x)) (struct.get_u $s $b (local.get $x)))
  (func (export "i64") (param i64) (result i64)
    (struct.get $s $c (struct.new $s (i32.const 0) (i32.const 0) (local.get 0) (f32.const 0) (f64.const 0)
                                    (ref.null any) (v128.const i64x2 0 0) (i32.const 0))))
  (func (export "f32bits") (param i32) (result i32)
    (local $x (ref $s))
    (local.set $x (struct.new_default $s))
    (struct.set $s $d (local.get $x) (f32.reinterpret_i32 (local.get 0)))
    (i32.reinterpret_f32 (struct.get $s $d (local.get $x))))
  (func (export "f64bits") (param i64) (result i64)
    (local $x (ref $s))
    (local.set $x (struct.new_default $s))
    (struct.set $s $e (local.get $x) (f64.reinterpret_i64 (local.get 0)))
    (i64.reinterpret_f64 (struct.get $s $e (local.get $x))))
  (func (export "f32elem") (param i32) (result i32)
    (i32.reinterpret_f32 (array.get $floats (array.new $floats (f32.reinterpret_i32 (local.get 0)) (i32.const 3)) (i32.const 2))))
  (func (export "f64elem") (param i64) (result i64)
    (local $a (ref $doubles))
    (local.set $a (array.new_default $doubles (i32.const 4)))
    (array.set $doubles (local.get $a) (i32.const 3) (f64.reinterpret_i64 (local.get 0)))
    (i64.reinterpret_f64 (array.get $doubles (local.get $a) (i32.const 3))))
  (func (export "vec") (result i32 i32)
    (local $x (ref $s)) (local $v (ref $vecs))
    (local.set $x (global.get $g))
    (local.set $v (array.new $vecs (struct.get $s $g (local.get $x)) (i32.const 2)))
    (array.set $vecs (local.get $v) (i32.const 1) (v128.const i32x4 11 12 13 14))
    (struct.set $s $g (local.get $x) (array.get $vecs (local.get $v) (i32.const 1)))
    (i32x4.extract_lane 3 (struct.get $s $g (local.get $x)))
    (i32x4.extract_lane 2 (array.get $vecs (local.get $v) (i32.const 0))))
  (func (export "global") (result (ref $s)) (global.get $g))
  (func (export "bytes_get") (param i32 i32) (result i32 i32)
    (local $a (ref $bytes))
    (local.set $a (array.new $bytes (local.get 0) (i32.const 4)))
    (array.get_s $bytes (local.get $a) (local.get 1)) (array.get_u $bytes (local.get $a) (local.get 1)))
  (func (export "shorts_get") (param i32) (result i32 i32)
    (local $a (ref $shorts))
    (local.set $a (array.new_fixed $shorts 2 (i32.const 1) (local.get 0)))
    (array.get_s $shorts (local.get $a) (i32.const 1)) (array.get_u $shorts (local.get $a) (i32.const 1)))
  (func (export "ints") (param i32) (result (ref $ints))
    (array.new_fixed $ints 6 (i32.const 0) (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5)))
  (func (export "longs") (result (ref $longs))
    (array.new_fixed $longs 4 (i64.const 0) (i64.const -1) (i64.const 0x100000002) (i64.const 3)))
  (func (export "copy_ints") (param $a (ref $ints)) (param $d i32) (param $s i32) (param $n i32)
    (array.copy $ints $ints (local.get $a) (local.get $d) (local.get $a) (local.get $s) (local.get $n)))
  (func (export "copy_longs") (param $a (ref $longs)) (param $d i32) (param $s i32) (param $n i32)
    (array.copy $longs $longs (local.get $a) (local.get $d) (local.get $a) (local.get $s) (local.get $n)))
  (func (export "fill_ints") (param $a (ref $ints)) (param $d i32) (param $v i32) (param $n i32)
    (array.fill $ints (local.get $a) (local.get $d) (local.get $v) (local.get $n)))
  (func (export "get_ints") (param $a (ref null $ints)) (param $i i32) (result i32)
    (array.get $ints (local.get $a) (local.get $i)))
  (func (export "len") (param $a (ref null array)) (result i32) (array.len (local.get $a)))
  (func (export "data_ints") (param $s i32) (param $n i32) (result (ref $ints))
    (array.new_data $ints $d (local.get $s) (local.get $n)))
  (func (export "data_shorts") (param $s i32) (param $n i32) (result (ref $shorts))
    (array.new_data $shorts $d (local.get $s) (local.get $n)))
  (func (export "init_data_bytes") (param $a (ref $bytes)) (param $d i32) (param $s i32) (param $n i32)
    (array.init_data $bytes $d (local.get $a) (local.get $d) (local.get $s) (local.get $n)))
  (func (export "elem_refs") (param $s i32) (param $n i32) (result (ref $refs))
    (array.new_elem $refs $e (local.get $s) (local.get $n)))
  (func (export "new") (param $n i32) (result (ref $longs)) (array.new_default $longs (local.get $n)))
  (func (export "null_struct_get") (result i32) (struct.get $s $h (ref.null $s)))
  (func (export "null_struct_set") (struct.set $s $a (ref.null $s) (i32.const 0)))
  (func (export "fixed") (result i64) (array.get $fixed (array.new_fixed $fixed 2 (i64.const 7) (i64.const -7)) (i32.const 1)))
  (func (export "drop_data") (data.drop $d))
)`;

function call(inst: ModuleInstance, name: string, ...args: RawValue[]): RawValue[] {
  const f = inst.export(name);
  if (!(f instanceof FuncInstance)) throw new Error(`no function export ${name}`);
  return invoke(f, args);
}

function trapOf(t: { throws: (f: () => unknown, e: { instanceOf: typeof Trap }) => Trap | undefined }, f: () => unknown): string {
  return t.throws(f, { instanceOf: Trap })?.reason ?? "";
}

const elements = (a: unknown): RawValue[] => {
  const arr = a as ArrayObject;
  return Array.from({ length: arrayLength(arr) }, (_, i) => arrayGet(arr, i));
};

for (const tier of TIERS) {
  const make = async (): Promise<ModuleInstance> => instantiate(new Store({ tier }), await compileRefs(TEXT), []);

  test(`${tier}: packed fields and elements are sign- or zero-extended`, async (t) => {
    const inst = await make();
    t.deepEqual(call(inst, "packed", 0x12345680), [-128, 128, 0x5680, 0x5680]);
    t.deepEqual(call(inst, "packed", -1), [-1, 255, -1, 0xffff]);
    t.deepEqual(call(inst, "packed", 0x7f7f), [127, 127, 0x7f7f, 0x7f7f]);
    t.deepEqual(call(inst, "bytes_get", 0x1f0, 3), [-16, 0xf0]);
    t.deepEqual(call(inst, "shorts_get", 0x18001), [-32767, 0x8001]);
  });

  test(`${tier}: i64 fields and elements, NaN bit patterns through f32/f64 fields and elements`, async (t) => {
    const inst = await make();
    for (const v of [0n, -1n, -0x8000000000000000n, 0x7fffffffffffffffn, 0x123456789abcdefn]) t.deepEqual(call(inst, "i64", v), [v]);
    for (const bits of [0x7fa00001, 0xffc00001 | 0, 0x7f800001, 0x80000000 | 0]) {
      t.deepEqual(call(inst, "f32bits", bits), [bits], `f32 field ${bits}`);
      t.deepEqual(call(inst, "f32elem", bits), [bits], `f32 element ${bits}`);
    }
    for (const bits of [0x7ff0000000000001n, -0x7ffffffffffff1n, 0x7ff4000000000abcn, -0x8000000000000000n]) {
      t.deepEqual(call(inst, "f64bits", bits), [bits], `f64 field ${bits}`);
      t.deepEqual(call(inst, "f64elem", bits), [bits], `f64 element ${bits}`);
    }
    t.deepEqual(call(inst, "fixed"), [-7n]);
  });

  test(`${tier}: v128 fields and elements; a struct made by a global's initialiser`, async (t) => {
    const inst = await make();
    const g = call(inst, "global")[0];
    t.true(g instanceof StructObject);
    t.is(structGet(g as StructObject, 2), 3n);
    t.is(structGet(g as StructObject, 7), 10);
    t.deepEqual(call(inst, "vec"), [14, 8]);
  });

  test(`${tier}: array.copy of overlapping ranges, both directions; fill; bounds at the edges`, async (t) => {
    const inst = await make();
    let a = call(inst, "ints", 0)[0];
    call(inst, "copy_ints", a, 1, 0, 4);
    t.deepEqual(elements(a), [0, 0, 1, 2, 3, 5]);
    a = call(inst, "ints", 0)[0];
    call(inst, "copy_ints", a, 0, 2, 4);
    t.deepEqual(elements(a), [2, 3, 4, 5, 4, 5]);
    const l = call(inst, "longs")[0];
    call(inst, "copy_longs", l, 1, 0, 3);
    t.deepEqual(elements(l), [0n, 0n, -1n, 0x100000002n]);
    a = call(inst, "ints", 0)[0];
    call(inst, "copy_ints", a, 6, 0, 0);
    call(inst, "copy_ints", a, 0, 6, 0);
    t.is(trapOf(t, () => call(inst, "copy_ints", a, 7, 0, 0)), TrapMessage.ArrayOutOfBounds);
    t.is(trapOf(t, () => call(inst, "copy_ints", a, 0, 3, 4)), TrapMessage.ArrayOutOfBounds);
    t.is(trapOf(t, () => call(inst, "copy_ints", a, 0, 0, -1)), TrapMessage.ArrayOutOfBounds);
    call(inst, "fill_ints", a, 4, 9, 2);
    t.deepEqual(elements(a), [0, 1, 2, 3, 9, 9]);
    t.is(trapOf(t, () => call(inst, "fill_ints", a, 5, 9, 2)), TrapMessage.ArrayOutOfBounds);
    t.deepEqual(call(inst, "get_ints", a, 5), [9]);
    t.is(trapOf(t, () => call(inst, "get_ints", a, 6)), TrapMessage.ArrayOutOfBounds);
    t.is(trapOf(t, () => call(inst, "get_ints", a, -1)), TrapMessage.ArrayOutOfBounds);
    t.is(trapOf(t, () => call(inst, "get_ints", null, 0)), TrapMessage.NullArrayReference);
    t.deepEqual(call(inst, "len", a), [6]);
    t.is(trapOf(t, () => call(inst, "len", null)), TrapMessage.NullArrayReference);
  });

  test(`${tier}: arrays from data and element segments, and their bounds`, async (t) => {
    const inst = await make();
    t.deepEqual(elements(call(inst, "data_ints", 12, 1)[0]), [0x100f0e0d]);
    t.deepEqual(elements(call(inst, "data_shorts", 1, 2)[0]), [0x0302, 0x0504]);
    t.is(trapOf(t, () => call(inst, "data_ints", 13, 1)), TrapMessage.MemoryOutOfBounds);
    t.deepEqual(elements(call(inst, "data_ints", 16, 0)[0]), []);
    const bytes = call(inst, "ints", 0)[0];
    t.true(bytes instanceof ArrayObject);
    const refs = elements(call(inst, "elem_refs", 0, 3)[0]);
    t.true(refs[0] instanceof StructObject);
    t.is(refs[1], null);
    t.true(refs[2] instanceof ArrayObject);
    t.is(trapOf(t, () => call(inst, "elem_refs", 2, 2)), TrapMessage.TableOutOfBounds);
    call(inst, "drop_data");
    t.is(trapOf(t, () => call(inst, "data_ints", 0, 1)), TrapMessage.MemoryOutOfBounds);
    t.deepEqual(elements(call(inst, "data_ints", 0, 0)[0]), []);
  });

  test(`${tier}: traps: null struct, too large an array`, async (t) => {
    const inst = await make();
    t.is(trapOf(t, () => call(inst, "null_struct_get")), TrapMessage.NullStructReference);
    t.is(trapOf(t, () => call(inst, "null_struct_set")), TrapMessage.NullStructReference);
    t.is(trapOf(t, () => call(inst, "new", -1)), TrapMessage.OutOfMemory);
    t.deepEqual(elements(call(inst, "new", 3)[0]), [0n, 0n, 0n]);
  });
}

test("compiler: functions that pass struct references and those with struct instructions all compile", async (t) => {
  const inst = instantiate(new Store({ tier: "compiler" }), await compileRefs(`(module
    (type $s (struct (field (mut i32))))
    (global $g (mut anyref) (ref.null any))
    (func $id (param anyref) (result anyref) (global.set $g (local.get 0)) (global.get $g))
    (func $mk (param i32) (result (ref $s)) (struct.new $s (local.get 0)))
    (func $get (param (ref $s)) (result i32) (struct.get $s 0 (local.get 0)))
    (func (export "run") (param i32) (result anyref) (call $id (call $mk (local.get 0))))
    (func (export "round") (param i32) (result i32) (call $get (call $mk (local.get 0)))))`), []);
  const [s] = call(inst, "run", 42);
  t.true(s instanceof StructObject);
  t.is(structGet(s as StructObject, 0), 42);
  t.deepEqual(call(inst, "round", -5), [-5]);
  t.not(inst.funcs[0]!.jit, null, "$id (anyref through a global) is compiled");
  t.not(inst.funcs[1]!.jit, null, "$mk (struct.new) is compiled");
  t.not(inst.funcs[2]!.jit, null, "$get (struct.get) is compiled");
});
