/**
 * Where a struct's slots live (impl/runtime/gc-objects.ts: slots 0 to 3 in
 * the object's own fields, the rest in its overflow array) is invisible:
 * structs of 0, 3, 4, 5 and 9 slots, with fields that straddle slot 4
 * (an f64 at slots 3-4, a v128 at 1-4) and every kind (packed, i64, f64,
 * v128, references), read back what was written on the interpreter, the
 * compiled tier, through the raw accessors and through the C API, NaN
 * payloads of f32 and f64 fields bit-exact; and every struct has one
 * shape.
 */
import test from "ava";
import { parse } from "@bytecodealliance/jco-transpile/wasm-tools";
import * as C from "../../../capi/index.js";
import { instantiate, invoke, Store } from "../../../impl/index.js";
import {
  StructObject, newDefaultStruct, newStruct, setStructSlot, structGet, structLayout, structSet, structSlot,
} from "../../../impl/runtime/gc-objects.js";
import { FuncInstance, type ModuleInstance } from "../../../impl/runtime/instances.js";
import type { RawValue } from "../../../impl/runtime/values.js";
import { compileRefs } from "../typed-refs/helpers.js";
import { allCompiled } from "../compiler/helpers.js";
import { byteVec, call as capiCall, env, exportsOf, instantiate as capiInstantiate } from "../capi/helpers.js";

const F32_SNAN = 0x7fa00001;
const F32_NEG_NAN = 0xffc00abc | 0;
const F64_SNAN = 0x7ff4000000000001n;
const F64_NEG_NAN = 0xfff8000000000abcn;

// Slots: $s3 i8 0, f32 1, ref 2; $s4 f64 0-1, i16 2, ref 3; $s5 i8 0, i32 1, f32 2, f64 3-4;
// $s9 i16 0, v128 1-4, i64 5-6, f32 7, ref 8.
const TEXT = `(module
  (type $s0 (struct))
  (type $s3 (struct (field (mut i8)) (field (mut f32)) (field (mut anyref))))
  (type $s4 (struct (field (mut f64)) (field (mut i16)) (field (mut eqref))))
  (type $s5 (struct (field (mut i8)) (field (mut i32)) (field (mut f32)) (field (mut f64))))
  (type $s9 (struct (field (mut i16)) (field (mut v128)) (field (mut i64)) (field (mut f32)) (field (mut anyref))))

  (func (export "new0") (result (ref $s0)) (struct.new $s0))
  (func (export "def0") (result (ref $s0)) (struct.new_default $s0))
  (func (export "new3") (param i32 i32 i32) (result (ref $s3))
    (struct.new $s3 (local.get 0) (f32.reinterpret_i32 (local.get 1)) (ref.i31 (local.get 2))))
  (func (export "def3") (result (ref $s3)) (struct.new_default $s3))
  (func (export "get3") (param (ref $s3)) (result i32 i32 i32 anyref)
    (struct.get_s $s3 0 (local.get 0)) (struct.get_u $s3 0 (local.get 0))
    (i32.reinterpret_f32 (struct.get $s3 1 (local.get 0))) (struct.get $s3 2 (local.get 0)))
  (func (export "set3") (param (ref $s3) i32 i32 anyref)
    (struct.set $s3 0 (local.get 0) (local.get 1))
    (struct.set $s3 1 (local.get 0) (f32.reinterpret_i32 (local.get 2)))
    (struct.set $s3 2 (local.get 0) (local.get 3)))
  (func (export "new4") (param i64 i32 i32) (result (ref $s4))
    (struct.new $s4 (f64.reinterpret_i64 (local.get 0)) (local.get 1) (ref.i31 (local.get 2))))
  (func (export "def4") (result (ref $s4)) (struct.new_default $s4))
  (func (export "get4") (param (ref $s4)) (result i64 i32 i32 eqref)
    (i64.reinterpret_f64 (struct.get $s4 0 (local.get 0)))
    (struct.get_s $s4 1 (local.get 0)) (struct.get_u $s4 1 (local.get 0)) (struct.get $s4 2 (local.get 0)))
  (func (export "set4") (param (ref $s4) i64 i32 eqref)
    (struct.set $s4 0 (local.get 0) (f64.reinterpret_i64 (local.get 1)))
    (struct.set $s4 1 (local.get 0) (local.get 2))
    (struct.set $s4 2 (local.get 0) (local.get 3)))
  (func (export "new5") (param i32 i32 i32 i64) (result (ref $s5))
    (struct.new $s5 (local.get 0) (local.get 1) (f32.reinterpret_i32 (local.get 2)) (f64.reinterpret_i64 (local.get 3))))
  (func (export "def5") (result (ref $s5)) (struct.new_default $s5))
  (func (export "get5") (param (ref $s5)) (result i32 i32 i32 i64)
    (struct.get_u $s5 0 (local.get 0)) (struct.get $s5 1 (local.get 0))
    (i32.reinterpret_f32 (struct.get $s5 2 (local.get 0))) (i64.reinterpret_f64 (struct.get $s5 3 (local.get 0))))
  (func (export "set5") (param (ref $s5) i32 i32 i32 i64)
    (struct.set $s5 0 (local.get 0) (local.get 1)) (struct.set $s5 1 (local.get 0) (local.get 2))
    (struct.set $s5 2 (local.get 0) (f32.reinterpret_i32 (local.get 3)))
    (struct.set $s5 3 (local.get 0) (f64.reinterpret_i64 (local.get 4))))
  (func (export "new9") (param i32 v128 i64 i32 anyref) (result (ref $s9))
    (struct.new $s9 (local.get 0) (local.get 1) (local.get 2) (f32.reinterpret_i32 (local.get 3)) (local.get 4)))
  (func (export "def9") (result (ref $s9)) (struct.new_default $s9))
  (func (export "get9") (param (ref $s9)) (result i32 v128 i64 i32 anyref)
    (struct.get_s $s9 0 (local.get 0)) (struct.get $s9 1 (local.get 0)) (struct.get $s9 2 (local.get 0))
    (i32.reinterpret_f32 (struct.get $s9 3 (local.get 0))) (struct.get $s9 4 (local.get 0)))
  (func (export "set9") (param (ref $s9) i32 v128 i64 i32 anyref)
    (struct.set $s9 0 (local.get 0) (local.get 1)) (struct.set $s9 1 (local.get 0) (local.get 2))
    (struct.set $s9 2 (local.get 0) (local.get 3))
    (struct.set $s9 3 (local.get 0) (f32.reinterpret_i32 (local.get 4)))
    (struct.set $s9 4 (local.get 0) (local.get 5)))
  (func (export "id9") (param (ref $s9)) (result (ref $s9)) (local.get 0))
)`;

const V = Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 250) & 0xff);
const W = Uint8Array.from({ length: 16 }, (_, i) => 255 - i);

function call(inst: ModuleInstance, name: string, ...args: RawValue[]): RawValue[] {
  const f = inst.export(name);
  if (!(f instanceof FuncInstance)) throw new Error(`no function export ${name}`);
  return invoke(f, args);
}
/** Results as plain data (v128 as a byte list). */
const plain = (vs: readonly RawValue[]): unknown[] => vs.map((v) => (v instanceof Uint8Array ? Array.from(v) : v));

/** Every field of a struct through the raw accessor (v128 as a byte list). */
function raw(o: StructObject): unknown[] {
  return plain(Array.from({ length: structLayout(o.rtt).kind.length }, (_, i) => structGet(o, i)));
}

/** [made by, its fields read by wasm (get), the same read raw] for each struct size. */
function exercise(inst: ModuleInstance): unknown[] {
  const out: unknown[] = [];
  const s0 = call(inst, "new0")[0] as StructObject, d0 = call(inst, "def0")[0] as StructObject;
  out.push(raw(s0), raw(d0));
  const s3 = call(inst, "new3", 0x1ff, F32_SNAN, -7)[0] as StructObject;
  out.push(plain(call(inst, "get3", s3)), raw(s3));
  call(inst, "set3", s3, 0x80, F32_NEG_NAN, s0);
  out.push(plain(call(inst, "get3", s3)).slice(0, 3), call(inst, "get3", s3)[3] === s0);
  out.push(plain(call(inst, "get3", call(inst, "def3")[0]!)));
  const s4 = call(inst, "new4", F64_SNAN, 0x18000, 5)[0] as StructObject;
  out.push(plain(call(inst, "get4", s4)), raw(s4));
  call(inst, "set4", s4, F64_NEG_NAN, -1, s3);
  out.push(plain(call(inst, "get4", s4)).slice(0, 3), call(inst, "get4", s4)[3] === s3);
  out.push(plain(call(inst, "get4", call(inst, "def4")[0]!)));
  const s5 = call(inst, "new5", -1, -123456, F32_SNAN, F64_NEG_NAN)[0] as StructObject;
  out.push(plain(call(inst, "get5", s5)), raw(s5));
  call(inst, "set5", s5, 0x7f, 0x7fffffff, 0x3fc00000, F64_SNAN);
  out.push(plain(call(inst, "get5", s5)), raw(s5));
  out.push(plain(call(inst, "get5", call(inst, "def5")[0]!)));
  const s9 = call(inst, "new9", 0x8001, V, -0x8000000000000000n, F32_NEG_NAN, 42)[0] as StructObject;
  out.push(plain(call(inst, "get9", s9)), raw(s9));
  call(inst, "set9", s9, 0xffff, W, 0x123456789abcdef0n, F32_SNAN, null);
  out.push(plain(call(inst, "get9", s9)), raw(s9));
  // Written raw, read by wasm: the overflow and the inline slots alike.
  structSet(s9, 1, V);
  structSet(s9, 2, -2n);
  out.push(plain(call(inst, "get9", s9)));
  out.push(plain(call(inst, "get9", call(inst, "def9")[0]!)));
  return out;
}

const EXPECTED: unknown[] = [
  [], [],
  [-1, 0xff, F32_SNAN, -7], [0xff, F32_SNAN >>> 0, -7],
  [-128, 0x80, F32_NEG_NAN], true,
  [0, 0, 0, null],
  [F64_SNAN, -0x8000, 0x8000, 5], [F64_SNAN, 0x8000, 5],
  [F64_NEG_NAN - (1n << 64n), -1, 0xffff], true,
  [0n, 0, 0, null],
  [0xff, -123456, F32_SNAN, F64_NEG_NAN - (1n << 64n)], [0xff, -123456, F32_SNAN, F64_NEG_NAN],
  [0x7f, 0x7fffffff, 0x3fc00000, F64_SNAN], [0x7f, 0x7fffffff, 0x3fc00000, F64_SNAN],
  [0, 0, 0, 0n],
  [-0x7fff, Array.from(V), -0x8000000000000000n, F32_NEG_NAN, 42], [0x8001, Array.from(V), -0x8000000000000000n, F32_NEG_NAN >>> 0, 42],
  [-1, Array.from(W), 0x123456789abcdef0n, F32_SNAN, null], [0xffff, Array.from(W), 0x123456789abcdef0n, F32_SNAN, null],
  [-1, Array.from(V), -2n, F32_SNAN, null],
  [0, Array.from(new Uint8Array(16)), 0n, 0, null],
];

for (const tier of ["interpreter", "compiler", "tiered"] as const) {
  test(`structs of 0, 3, 4, 5 and 9 slots read back what was written, bit-exact (${tier})`, async (t) => {
    const inst = instantiate(new Store({ tier }), await compileRefs(TEXT), []);
    t.deepEqual(exercise(inst), EXPECTED);
    if (tier === "compiler") t.true(allCompiled(inst), "every function compiled");
  });
}

test("structs made by one tier are read by the other", async (t) => {
  const module = await compileRefs(TEXT);
  const i = instantiate(new Store({ tier: "interpreter" }), module, []);
  const c = instantiate(new Store({ tier: "compiler" }), module, []);
  const a = call(c, "new9", 3, V, 9n, F32_SNAN, null)[0]!;
  const b = call(i, "new9", 3, V, 9n, F32_SNAN, null)[0]!;
  t.deepEqual(plain(call(i, "get9", a)), plain(call(c, "get9", b)));
  const d = call(i, "new5", 1, 2, F32_NEG_NAN, F64_SNAN)[0]!;
  t.deepEqual(plain(call(c, "get5", d)), [1, 2, F32_NEG_NAN, F64_SNAN]);
});

test("every struct has one shape: four inline slots and an overflow array only past them", async (t) => {
  {
    const m = await compileRefs(TEXT);
    const inst = instantiate(new Store({ tier: "interpreter" }), m, []);
    const objs = ["def0", "def3", "def4", "def5", "def9"].map((n) => call(inst, n)[0] as StructObject);
    for (const o of objs) t.deepEqual(Object.keys(o), ["rtt", "s0", "s1", "s2", "s3", "f"]);
    t.deepEqual(objs.map((o) => (o.f === null ? null : o.f.length)), [null, null, null, 1, 5]);
    const r = objs[4]!.rtt;
    const n = newStruct(r, [1, V, 2n, F32_SNAN, objs[0]]), d = newDefaultStruct(r);
    t.is(structSlot(n, 0), 1);
    t.is(structSlot(n, 8), objs[0]);
    setStructSlot(d, 8, 5);
    setStructSlot(d, 3, -1);
    t.is(d.f![4], 5);
    t.is(d.s3, -1);
    t.is(newDefaultStruct(r).f![4], null, "defaults are not shared");
  }
});

test("C API: a 9-slot struct made by the host is read by wasm and the other way round", async (t) => {
  const e = env();
  const binary = byteVec(await parse(TEXT));
  const module = C.wasm_module_new(e.store, binary)!;
  C.wasm_byte_vec_delete(binary);
  const instance = capiInstantiate(e.store, module);
  const ex = exportsOf(module, instance);
  const func = (name: string) => C.wasm_extern_as_func(ex.get(name))!;
  const ft = C.wasm_func_type(func("id9"));
  const s9 = C.wasm_valtype_copy(C.wasm_functype_params(ft).data[0]!);
  C.wasm_functype_delete(ft);
  const anyVal = (r: C.wasm_ref_t | null): C.wasm_val_t => ({ kind: C.WASMTS_ANYREF, of: { ref: r } });
  const i31 = C.wasmts_ref_i31_new(e.store, 11);
  const s = C.wasmts_struct_new(e.store, s9, C.WASM_ARRAY_VEC([
    C.WASM_I32_VAL(0x12345), { kind: C.WASM_V128, of: { v128: V.slice() } }, C.WASM_I64_VAL(-(2n ** 50n)),
    C.WASM_F32_VAL(-1.5), anyVal(i31),
  ]));
  t.is(C.wasmts_struct_field_count(s), 5);
  const [a, v, l, f, r] = capiCall(func("get9"), anyVal(s));
  t.deepEqual([a!.of.i32, Array.from(v!.of.v128!), l!.of.i64, f!.of.i32! >>> 0], [0x2345, Array.from(V), -(2n ** 50n), 0xbfc00000]);
  t.true(C.wasm_ref_same(r!.of.ref!, i31));
  // Made by wasm, read and written by the host: the f32 a signalling NaN, slot 7 in the overflow array.
  const [made] = capiCall(func("new9"), C.WASM_I32_VAL(-1), { kind: C.WASM_V128, of: { v128: W.slice() } },
    C.WASM_I64_VAL(7n), C.WASM_I32_VAL(F32_SNAN), anyVal(null));
  const m = made!.of.ref!;
  const out = C.WASM_INIT_VAL();
  C.wasmts_struct_get(m, 0, out);
  t.is(out.of.i32, 0xffff);
  C.wasmts_struct_get(m, 1, out);
  t.deepEqual(Array.from(out.of.v128!), Array.from(W));
  C.wasmts_struct_get(m, 2, out);
  t.is(out.of.i64, 7n);
  C.wasmts_struct_get(m, 3, out);
  t.true(Number.isNaN(out.of.f32));
  C.wasmts_struct_get(m, 4, out);
  t.is(out.of.ref, null);
  C.wasmts_struct_set(m, 2, C.WASM_I64_VAL(-3n));
  C.wasmts_struct_set(m, 3, C.WASM_F32_VAL(2.5));
  C.wasmts_struct_set(m, 1, { kind: C.WASM_V128, of: { v128: V.slice() } });
  const [, v2, l2, f2] = capiCall(func("get9"), anyVal(m));
  t.deepEqual([Array.from(v2!.of.v128!), l2!.of.i64, f2!.of.i32], [Array.from(V), -3n, 0x40200000]);
  C.wasm_ref_delete(r!.of.ref!);
  C.wasm_ref_delete(m);
  C.wasm_ref_delete(s);
  C.wasm_ref_delete(i31);
  C.wasm_valtype_delete(s9);
  C.wasm_extern_vec_delete(ex.vec);
  C.wasm_instance_delete(instance);
  C.wasm_module_delete(module);
  e.done();
});
