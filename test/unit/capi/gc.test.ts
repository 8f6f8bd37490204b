import test from "ava";
import { parse } from "@bytecodealliance/jco-transpile/wasm-tools";
import * as C from "../../../capi/index.js";
import { byteVec, call, env, exportsOf, instantiate, message } from "./helpers.js";

// wabt has no GC: the texts are assembled by wasm-tools, as the spec runner does for 3.0.
async function compileGc(store: C.wasm_store_t, text: string): Promise<C.wasm_module_t> {
  const binary = byteVec(await parse(text));
  const module = C.wasm_module_new(store, binary);
  C.wasm_byte_vec_delete(binary);
  if (!module) throw new Error("module did not compile");
  return module;
}

/** Functions that only move GC references (no GC instruction): what every tier runs already. */
const MOVER = `(module
  (type $point (struct (field $x (mut i32)) (field $y i64) (field $tag (mut i8)) (field $next (mut (ref null $point))) (field $any (mut anyref))))
  (type $floats (array (mut f64)))
  (type $frozen (array i16))
  (type $refs (array (mut eqref)))
  (func (export "id_any") (param anyref) (result anyref) local.get 0)
  (func (export "id_eq") (param eqref) (result eqref) local.get 0)
  (func (export "id_i31") (param i31ref) (result (ref null i31)) local.get 0)
  (func (export "id_point") (param (ref $point)) (result (ref $point)) local.get 0)
  (func (export "id_floats") (param (ref null $floats)) (result (ref null $floats)) local.get 0)
  (func (export "id_frozen") (param (ref $frozen)) (result (ref $frozen)) local.get 0)
  (func (export "id_refs") (param (ref $refs)) (result (ref $refs)) local.get 0)
  (func (export "id_struct") (param structref) (result structref) local.get 0)
  (func (export "mk_i31") (param i32) (result (ref i31)) (ref.i31 (local.get 0)))
  (func (export "i31_get_s") (param i31ref) (result i32) (i31.get_s (local.get 0)))
  (func (export "i31_get_u") (param anyref) (result i32) (i31.get_u (ref.cast i31ref (local.get 0))))
  (global (export "g") (mut (ref null $point)) (ref.null $point))
  (global (export "ga") (mut anyref) (ref.null any))
  (global (export "gi") (mut i31ref) (ref.null i31))
  (table (export "t") 2 arrayref)
)`;

interface Fixture {
  e: ReturnType<typeof env>;
  module: C.wasm_module_t;
  instance: C.wasm_instance_t;
  ex: ReturnType<typeof exportsOf>;
  func(name: string): C.wasm_func_t;
  /** The type of the first parameter of an exported function (the caller deletes it). */
  paramType(name: string): C.wasm_valtype_t;
  done(): void;
}

async function fixture(text = MOVER): Promise<Fixture> {
  const e = env();
  const module = await compileGc(e.store, text);
  const instance = instantiate(e.store, module);
  const ex = exportsOf(module, instance);
  const func = (name: string) => C.wasm_extern_as_func(ex.get(name))!;
  return {
    e, module, instance, ex, func,
    paramType(name) {
      const ft = C.wasm_func_type(func(name));
      const t = C.wasm_valtype_copy(C.wasm_functype_params(ft).data[0]!);
      C.wasm_functype_delete(ft);
      return t;
    },
    done() {
      C.wasm_extern_vec_delete(ex.vec);
      C.wasm_instance_delete(instance);
      C.wasm_module_delete(module);
      e.done();
    },
  };
}

function text(t: C.wasm_valtype_t): string {
  const m: C.wasm_message_t = C.WASM_EMPTY_VEC();
  C.wasmts_valtype_text(t, m);
  const s = C.wasmts_byte_vec_to_string(m);
  C.wasm_byte_vec_delete(m);
  return s;
}

function anyVal(ref: C.wasm_ref_t | null): C.wasm_val_t {
  return { kind: C.WASMTS_ANYREF, of: { ref } };
}

test("wasmts_valtype_new_ref makes the abstract reference types, each with its hierarchy's kind; the queries read them back", (t) => {
  const cases: [number, boolean, number, string][] = [
    [C.WASMTS_HEAP_ANY, true, C.WASMTS_ANYREF, "anyref"],
    [C.WASMTS_HEAP_EQ, false, C.WASMTS_ANYREF, "(ref eq)"],
    [C.WASMTS_HEAP_I31, true, C.WASMTS_ANYREF, "i31ref"],
    [C.WASMTS_HEAP_STRUCT, true, C.WASMTS_ANYREF, "structref"],
    [C.WASMTS_HEAP_ARRAY, false, C.WASMTS_ANYREF, "(ref array)"],
    [C.WASMTS_HEAP_NONE, true, C.WASMTS_ANYREF, "nullref"],
    [C.WASMTS_HEAP_FUNC, true, C.WASM_FUNCREF, "funcref"],
    [C.WASMTS_HEAP_NOFUNC, true, C.WASM_FUNCREF, "nullfuncref"],
    [C.WASMTS_HEAP_EXTERN, false, C.WASM_EXTERNREF, "(ref extern)"],
    [C.WASMTS_HEAP_NOEXTERN, true, C.WASM_EXTERNREF, "nullexternref"],
    [C.WASMTS_HEAP_EXN, true, C.WASM_EXTERNREF, "exnref"],
  ];
  for (const [heap, nullable, kind, name] of cases) {
    const v = C.wasmts_valtype_new_ref(heap, nullable);
    t.is(C.wasm_valtype_kind(v), kind, name);
    t.true(C.wasm_valtype_is_ref(v));
    t.is(C.wasmts_valtype_is_nullable(v), nullable, name);
    t.is(C.wasmts_valtype_heap_type(v), heap, name);
    const idx = { value: -1 };
    t.false(C.wasmts_valtype_type_index(v, idx));
    t.is(idx.value, -1);
    t.is(text(v), name);
    const copy = C.wasm_valtype_copy(v);
    t.is(text(copy), name);
    C.wasm_valtype_delete(copy);
    C.wasm_valtype_delete(v);
  }
  const any = C.wasm_valtype_new(C.WASMTS_ANYREF);
  t.is(text(any), "anyref");
  t.true(C.wasmts_valtype_is_nullable(any));
  C.wasm_valtype_delete(any);
  const i32 = C.wasm_valtype_new_i32();
  t.false(C.wasmts_valtype_is_nullable(i32));
  t.throws(() => C.wasmts_valtype_heap_type(i32), { instanceOf: C.wasmts_error_t, message: /i32 is not a reference type/ });
  C.wasm_valtype_delete(i32);
  t.throws(() => C.wasmts_valtype_new_ref(0x7f, true), { instanceOf: C.wasmts_error_t, message: /not an abstract heap type/ });
  t.throws(() => C.wasmts_valtype_new_ref(C.WASMTS_HEAP_CONCRETE, true), { instanceOf: C.wasmts_error_t });
});

test("wasm_module_exports reports GC reference types exactly: kinds, type indices, nullability, text", async (t) => {
  const f = await fixture();
  const types: C.wasm_exporttype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_module_exports(f.module, types);
  const texts: Record<string, string> = {};
  for (const et of types.data) {
    const m: C.wasm_message_t = C.WASM_EMPTY_VEC();
    C.wasmts_externtype_text(C.wasm_exporttype_type(et), m);
    texts[C.wasmts_byte_vec_to_string(C.wasm_exporttype_name(et))] = C.wasmts_byte_vec_to_string(m);
    C.wasm_byte_vec_delete(m);
  }
  C.wasm_exporttype_vec_delete(types);
  t.is(texts.id_any, "(func (param anyref) (result anyref))");
  t.is(texts.id_i31, "(func (param i31ref) (result i31ref))");
  t.is(texts.id_point, "(func (param (ref 0)) (result (ref 0)))");
  t.is(texts.id_floats, "(func (param (ref null 1)) (result (ref null 1)))");
  t.is(texts.g, "(global (mut (ref null 0)))");
  t.is(texts.t, "(table 2 arrayref)");

  const point = f.paramType("id_point");
  t.is(C.wasm_valtype_kind(point), C.WASMTS_ANYREF);
  t.false(C.wasmts_valtype_is_nullable(point));
  t.is(C.wasmts_valtype_heap_type(point), C.WASMTS_HEAP_CONCRETE);
  const idx = { value: -1 };
  t.true(C.wasmts_valtype_type_index(point, idx));
  t.is(idx.value, 0);
  t.is(text(point), "(ref 0)");
  C.wasm_valtype_delete(point);
  f.done();
});

const I31_CASES: [number, number, number][] = [
  [0, 0, 0], [7, 7, 7], [-1, -1, 0x7fffffff], [0x3fffffff, 0x3fffffff, 0x3fffffff], [-0x40000000, -0x40000000, 0x40000000],
  // The top bit of a uint32_t is dropped, as Wasmtime's wasmtime_anyref_from_i31 does.
  [0xffffffff, -1, 0x7fffffff], [0x40000000, -0x40000000, 0x40000000], [0x80000005, 5, 5],
];

test("i31 references: made from the host, read back signed and unsigned, kept in globals of anyref and i31ref", async (t) => {
  const f = await fixture();
  for (const [value, s, u] of I31_CASES) {
    const r = C.wasmts_ref_i31_new(f.e.store, value);
    t.true(C.wasmts_ref_is_i31(r));
    t.false(C.wasmts_ref_is_struct(r));
    t.false(C.wasmts_ref_is_array(r));
    const os = { value: NaN };
    const ou = { value: NaN };
    t.true(C.wasmts_ref_i31_get_s(r, os));
    t.true(C.wasmts_ref_i31_get_u(r, ou));
    t.is(os.value, s, `get_s of ${value}`);
    t.is(ou.value, u, `get_u of ${value}`);
    for (const name of ["ga", "gi"]) {
      const g = C.wasm_extern_as_global(f.ex.get(name))!;
      C.wasm_global_set(g, anyVal(r));
      const v = C.WASM_INIT_VAL();
      C.wasm_global_get(g, v);
      t.is(v.kind, C.WASMTS_ANYREF);
      const back = v.of.ref!;
      const o = { value: NaN };
      t.true(C.wasmts_ref_i31_get_s(back, o));
      t.is(o.value, s);
      // An i31 is a value: the reference that comes back is the same one (ref.eq).
      t.true(C.wasm_ref_same(back, r));
      C.wasm_ref_delete(back);
    }
    C.wasm_ref_delete(r);
  }
  // WASM_REF_VAL's kind (WASM_EXTERNREF) may carry it too, as for the header's reference kinds; null is null.
  const r = C.wasmts_ref_i31_new(f.e.store, 42);
  const g = C.wasm_extern_as_global(f.ex.get("gi"))!;
  C.wasm_global_set(g, C.WASM_REF_VAL(r));
  const v = C.WASM_INIT_VAL();
  C.wasm_global_get(g, v);
  t.true(C.wasm_ref_same(v.of.ref!, r));
  C.wasm_ref_delete(v.of.ref!);
  C.wasm_global_set(g, anyVal(null));
  C.wasm_global_get(g, v);
  t.is(v.of.ref, null);
  t.is(v.kind, C.WASMTS_ANYREF);
  C.wasm_ref_delete(r);
  f.done();
});

test("i31 references pass through wasm functions of anyref, eqref and i31ref", async (t) => {
  const f = await fixture();
  for (const [value, s] of I31_CASES) {
    const r = C.wasmts_ref_i31_new(f.e.store, value);
    for (const name of ["id_any", "id_eq", "id_i31"]) {
      const [res] = call(f.func(name), anyVal(r));
      t.is(res!.kind, C.WASMTS_ANYREF);
      const back = res!.of.ref!;
      const o = { value: NaN };
      t.true(C.wasmts_ref_i31_get_s(back, o));
      t.is(o.value, s);
      t.true(C.wasm_ref_same(back, r));
      C.wasm_ref_delete(back);
    }
    C.wasm_ref_delete(r);
  }
  const [nul] = call(f.func("id_i31"), anyVal(null));
  t.is(nul!.of.ref, null);
  f.done();
});

test("i31 references made by the host are the ones wasm makes: ref.i31 and i31.get_s/_u agree with the extensions", async (t) => {
  const f = await fixture();
  for (const [value, s, u] of I31_CASES) {
    const r = C.wasmts_ref_i31_new(f.e.store, value);
    t.deepEqual(call(f.func("i31_get_s"), anyVal(r)), [C.WASM_I32_VAL(s)], `i31.get_s of ${value}`);
    t.deepEqual(call(f.func("i31_get_u"), anyVal(r)), [C.WASM_I32_VAL(u | 0)], `i31.get_u of ${value}`);
    const [made] = call(f.func("mk_i31"), C.WASM_I32_VAL(value | 0));
    t.is(made!.kind, C.WASMTS_ANYREF);
    t.true(C.wasm_ref_same(made!.of.ref!, r));
    const o = { value: NaN };
    t.true(C.wasmts_ref_i31_get_u(made!.of.ref!, o));
    t.is(o.value, u);
    C.wasm_ref_delete(made!.of.ref!);
    C.wasm_ref_delete(r);
  }
  f.done();
});

test("i31 misuse: a value no uint32_t or int32_t holds; reading an i31 from another reference gives false", async (t) => {
  const f = await fixture();
  for (const bad of [1.5, 2 ** 32, -(2 ** 31) - 1, NaN, "1"]) {
    t.throws(() => C.wasmts_ref_i31_new(f.e.store, bad as number), { instanceOf: C.wasmts_error_t, message: /^wasmts_ref_i31_new: / });
  }
  const foreign = C.wasm_foreign_new(f.e.store);
  const out = { value: 99 };
  t.false(C.wasmts_ref_is_i31(C.wasm_foreign_as_ref(foreign)));
  t.false(C.wasmts_ref_i31_get_u(C.wasm_foreign_as_ref(foreign), out));
  t.is(out.value, 99);
  // A foreign object is not in the any hierarchy: wasm internalizes host references itself (any.convert_extern).
  t.throws(() => call(f.func("id_any"), anyVal(C.wasm_foreign_as_ref(foreign))),
    { instanceOf: C.wasmts_error_t, message: /argument 0 does not fit anyref: a foreign is not in the any hierarchy/ });
  const i31 = C.wasmts_ref_i31_new(f.e.store, 3);
  t.throws(() => call(f.func("id_struct"), anyVal(i31)), { instanceOf: C.wasmts_error_t, message: /does not fit structref: it is not a structref \(an i31 3\)/ });
  // A non-nullable parameter refuses null.
  t.throws(() => call(f.func("id_point"), anyVal(null)), { instanceOf: C.wasmts_error_t, message: /non-nullable/ });
  C.wasm_ref_delete(i31);
  C.wasm_foreign_delete(foreign);
  f.done();
});

test("structs from the host: made from a module's type, fields read and written with their types, passed through wasm", async (t) => {
  const f = await fixture();
  const point = f.paramType("id_point");
  const inner = C.wasmts_struct_new(f.e.store, point, C.WASM_ARRAY_VEC([
    C.WASM_I32_VAL(1), C.WASM_I64_VAL(2n), C.WASM_I32_VAL(3), anyVal(null), anyVal(null),
  ]));
  const seven = C.wasmts_ref_i31_new(f.e.store, 7);
  const s = C.wasmts_struct_new(f.e.store, point, C.WASM_ARRAY_VEC([
    C.WASM_I32_VAL(-5), C.WASM_I64_VAL(-(2n ** 40n)), C.WASM_I32_VAL(0x1ff), anyVal(inner), anyVal(seven),
  ]));
  t.true(C.wasmts_ref_is_struct(s));
  t.false(C.wasmts_ref_is_array(s));
  t.false(C.wasmts_ref_is_i31(s));
  t.is(C.wasmts_struct_field_count(s), 5);
  const v = C.WASM_INIT_VAL();
  C.wasmts_struct_get(s, 0, v);
  t.deepEqual(v, C.WASM_I32_VAL(-5));
  C.wasmts_struct_get(s, 1, v);
  t.deepEqual(v, C.WASM_I64_VAL(-(2n ** 40n)));
  // A packed i8 field keeps its low 8 bits and reads zero-extended.
  C.wasmts_struct_get(s, 2, v);
  t.deepEqual(v, C.WASM_I32_VAL(0xff));
  C.wasmts_struct_get(s, 3, v);
  t.is(v.kind, C.WASMTS_ANYREF);
  t.true(C.wasm_ref_same(v.of.ref!, inner));
  C.wasm_ref_delete(v.of.ref!);
  C.wasmts_struct_get(s, 4, v);
  t.true(C.wasm_ref_same(v.of.ref!, seven));
  C.wasm_ref_delete(v.of.ref!);

  C.wasmts_struct_set(s, 0, C.WASM_I32_VAL(77));
  C.wasmts_struct_set(s, 2, C.WASM_I32_VAL(-1));
  C.wasmts_struct_set(s, 3, anyVal(null));
  C.wasmts_struct_set(s, 4, anyVal(inner));
  C.wasmts_struct_get(s, 0, v);
  t.is(v.of.i32, 77);
  C.wasmts_struct_get(s, 2, v);
  t.is(v.of.i32, 255);
  C.wasmts_struct_get(s, 3, v);
  t.is(v.of.ref, null);

  // Through wasm: the same struct comes back, in a global too.
  const [res] = call(f.func("id_point"), anyVal(s));
  t.true(C.wasm_ref_same(res!.of.ref!, s));
  C.wasm_ref_delete(res!.of.ref!);
  const g = C.wasm_extern_as_global(f.ex.get("g"))!;
  C.wasm_global_set(g, anyVal(s));
  C.wasm_global_get(g, v);
  t.is(v.kind, C.WASMTS_ANYREF);
  t.true(C.wasm_ref_same(v.of.ref!, s));
  C.wasm_ref_delete(v.of.ref!);

  // Misuse: an immutable field, a field past the end, a value of the wrong type, a struct of another type.
  t.throws(() => C.wasmts_struct_set(s, 1, C.WASM_I64_VAL(1n)), { instanceOf: C.wasmts_error_t, message: /field 1 is immutable/ });
  t.throws(() => C.wasmts_struct_get(s, 5, v), { instanceOf: C.wasmts_error_t, message: /field 5 is past the struct's 5 field/ });
  t.throws(() => C.wasmts_struct_set(s, 0, C.WASM_F64_VAL(1)), { instanceOf: C.wasmts_error_t, message: /^wasmts_struct_set: the value has kind WASM_F64, expected WASM_I32/ });
  t.throws(() => C.wasmts_struct_set(s, 3, anyVal(seven)), { instanceOf: C.wasmts_error_t, message: /does not fit \(ref null 0\): it is not a \(ref 0\) \(an i31 7\)/ });
  t.throws(() => C.wasmts_struct_get(seven, 0, v), { instanceOf: C.wasmts_error_t, message: /the reference is an i31 7, not a struct/ });
  t.throws(() => C.wasmts_struct_new(f.e.store, point, C.WASM_ARRAY_VEC([C.WASM_I32_VAL(1)])), { instanceOf: C.wasmts_error_t, message: /has 5 field\(s\), the vector holds 1/ });
  const floats = f.paramType("id_floats");
  t.throws(() => C.wasmts_struct_new(f.e.store, floats, C.WASM_EMPTY_VEC()), { instanceOf: C.wasmts_error_t, message: /is not a struct type/ });
  const arr = C.wasmts_array_new(f.e.store, floats, C.WASM_F64_VAL(0), 1)!;
  t.throws(() => call(f.func("id_point"), anyVal(arr)), { instanceOf: C.wasmts_error_t, message: /it is not a \(ref 0\) \(an array\)/ });
  const anyT = C.wasmts_valtype_new_ref(C.WASMTS_HEAP_STRUCT, true);
  t.throws(() => C.wasmts_struct_new(f.e.store, anyT, C.WASM_EMPTY_VEC()), { instanceOf: C.wasmts_error_t, message: /names no module's struct type/ });
  for (const x of [anyT, floats, point]) C.wasm_valtype_delete(x);
  for (const r of [arr, s, seven, inner]) C.wasm_ref_delete(r);
  f.done();
});

test("arrays from the host: made, read and written element by element, bounds give false, NaN bits survive", async (t) => {
  const f = await fixture();
  const floats = f.paramType("id_floats");
  const a = C.wasmts_array_new(f.e.store, floats, C.WASM_F64_VAL(1.5), 4)!;
  t.true(C.wasmts_ref_is_array(a));
  t.is(C.wasmts_array_len(a), 4);
  const v = C.WASM_INIT_VAL();
  t.true(C.wasmts_array_get(a, 3, v));
  t.deepEqual(v, C.WASM_F64_VAL(1.5));
  const nan = new DataView(new ArrayBuffer(8));
  nan.setBigUint64(0, 0xfff4000000000123n);
  t.true(C.wasmts_array_set(a, 2, C.WASM_F64_VAL(nan.getFloat64(0))));
  t.true(C.wasmts_array_get(a, 2, v));
  const back = new DataView(new ArrayBuffer(8));
  back.setFloat64(0, v.of.f64!);
  t.is(back.getBigUint64(0), 0xfff4000000000123n);
  const keep = C.WASM_I32_VAL(9);
  t.false(C.wasmts_array_get(a, 4, keep));
  t.deepEqual(keep, C.WASM_I32_VAL(9));
  t.false(C.wasmts_array_set(a, 4, C.WASM_F64_VAL(0)));
  t.throws(() => C.wasmts_array_set(a, 0, C.WASM_I32_VAL(0)), { instanceOf: C.wasmts_error_t, message: /kind WASM_I32, expected WASM_F64/ });
  const [res] = call(f.func("id_floats"), anyVal(a));
  t.true(C.wasm_ref_same(res!.of.ref!, a));
  C.wasm_ref_delete(res!.of.ref!);

  // Immutable i16 elements: made with a value (low 16 bits), read zero-extended, never written.
  const frozenT = f.paramType("id_frozen");
  const fr = C.wasmts_array_new(f.e.store, frozenT, C.WASM_I32_VAL(-2), 2)!;
  t.true(C.wasmts_array_get(fr, 1, v));
  t.deepEqual(v, C.WASM_I32_VAL(0xfffe));
  t.throws(() => C.wasmts_array_set(fr, 0, C.WASM_I32_VAL(1)), { instanceOf: C.wasmts_error_t, message: /elements are immutable/ });

  // An array of eqref holds i31s and structs, not arbitrary host references.
  const refsT = f.paramType("id_refs");
  const i31 = C.wasmts_ref_i31_new(f.e.store, -9);
  const rs = C.wasmts_array_new(f.e.store, refsT, anyVal(i31), 3)!;
  t.true(C.wasmts_array_set(rs, 1, anyVal(fr)));
  t.true(C.wasmts_array_get(rs, 0, v));
  t.true(C.wasm_ref_same(v.of.ref!, i31));
  C.wasm_ref_delete(v.of.ref!);
  t.true(C.wasmts_array_get(rs, 1, v));
  t.true(C.wasmts_ref_is_array(v.of.ref!));
  C.wasm_ref_delete(v.of.ref!);
  const foreign = C.wasm_foreign_new(f.e.store);
  t.throws(() => C.wasmts_array_set(rs, 2, anyVal(C.wasm_foreign_as_ref(foreign))), { instanceOf: C.wasmts_error_t, message: /does not fit eqref/ });

  // Too large to allocate: null, as wasm_table_new says for an impossible table.
  t.is(C.wasmts_array_new(f.e.store, floats, C.WASM_F64_VAL(0), 0xffffffff), null);
  // In a table of arrayref.
  const table = C.wasm_extern_as_table(f.ex.get("t"))!;
  t.true(C.wasm_table_set(table, 0, a));
  const got = C.wasm_table_get(table, 0)!;
  t.true(C.wasm_ref_same(got, a));
  C.wasm_ref_delete(got);
  t.throws(() => C.wasm_table_set(table, 1, i31), { instanceOf: C.wasmts_error_t, message: /not an arrayref/ });

  for (const x of [floats, frozenT, refsT]) C.wasm_valtype_delete(x);
  for (const r of [a, fr, i31, rs]) C.wasm_ref_delete(r);
  C.wasm_foreign_delete(foreign);
  f.done();
});

test("host functions and globals take GC reference types; a host function type cannot use a module's type index", async (t) => {
  const f = await fixture();
  const ps: C.wasm_valtype_vec_t = C.WASM_EMPTY_VEC();
  const rs: C.wasm_valtype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_valtype_vec_new(ps, 1, [C.wasmts_valtype_new_ref(C.WASMTS_HEAP_EQ, true)]);
  C.wasm_valtype_vec_new(rs, 1, [C.wasmts_valtype_new_ref(C.WASMTS_HEAP_I31, false)]);
  const ft = C.wasm_functype_new(ps, rs);
  const seen: number[] = [];
  const host = C.wasm_func_new(f.e.store, ft, (args, results) => {
    const o = { value: 0 };
    t.is(args.data[0]!.kind, C.WASMTS_ANYREF);
    if (C.wasmts_ref_i31_get_s(args.data[0]!.of.ref!, o)) seen.push(o.value);
    results.data[0] = anyVal(C.wasmts_ref_i31_new(f.e.store, o.value * 2));
    return null;
  });
  const arg = C.wasmts_ref_i31_new(f.e.store, 21);
  const [res] = call(host, anyVal(arg));
  const o = { value: 0 };
  t.true(C.wasmts_ref_i31_get_s(res!.of.ref!, o));
  t.is(o.value, 42);
  t.deepEqual(seen, [21]);
  C.wasm_ref_delete(res!.of.ref!);
  C.wasm_func_delete(host);
  C.wasm_functype_delete(ft);

  // A concrete type: fine in a host global (it keeps its module's types), refused in a host function type.
  const point = f.paramType("id_point");
  const nullable = C.wasmts_valtype_new_ref(C.WASMTS_HEAP_ANY, true);
  const gt = C.wasm_globaltype_new(C.wasm_valtype_copy(point), C.WASM_VAR);
  const s = C.wasmts_struct_new(f.e.store, point, C.WASM_ARRAY_VEC([
    C.WASM_I32_VAL(1), C.WASM_I64_VAL(2n), C.WASM_I32_VAL(3), anyVal(null), anyVal(null),
  ]));
  const g = C.wasm_global_new(f.e.store, gt, anyVal(s));
  t.throws(() => C.wasm_global_set(g, anyVal(arg)), { instanceOf: C.wasmts_error_t, message: /does not fit \(ref 0\)/ });
  const ft2 = C.wasm_functype_new_1_0(C.wasm_valtype_copy(point));
  t.throws(() => C.wasm_func_new(f.e.store, ft2, () => null), { instanceOf: C.wasmts_error_t, message: /^wasm_func_new: a host function type cannot use the module type \(ref 0\)/ });
  C.wasm_functype_delete(ft2);
  for (const x of [point, nullable]) C.wasm_valtype_delete(x);
  C.wasm_globaltype_delete(gt);
  C.wasm_global_delete(g);
  for (const r of [arg, s]) C.wasm_ref_delete(r);
  void message;
  f.done();
});

test("a host global and table of a module's struct type link into another module that declares the same type", async (t) => {
  const f = await fixture();
  const point = f.paramType("id_point");
  // The same struct type (iso-recursively equal) in a second module, which imports a global and a table of it.
  const other = await compileGc(f.e.store, `(module
    (type $point (struct (field $x (mut i32)) (field $y i64) (field $tag (mut i8)) (field $next (mut (ref null $point))) (field $any (mut anyref))))
    (type $other (struct (field i32)))
    (import "m" "g" (global $g (mut (ref null $point))))
    (import "m" "t" (table $t 1 (ref null $point)))
    (func (export "x") (result i32) (struct.get $point $x (global.get $g)))
    (func (export "tx") (result i32) (struct.get $point $x (table.get $t (i32.const 0)))))`);
  const imports: C.wasm_importtype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_module_imports(other, imports);
  const texts = imports.data.map((it) => {
    const m: C.wasm_message_t = C.WASM_EMPTY_VEC();
    C.wasmts_externtype_text(C.wasm_importtype_type(it), m);
    const s = C.wasmts_byte_vec_to_string(m);
    C.wasm_byte_vec_delete(m);
    return s;
  });
  C.wasm_importtype_vec_delete(imports);
  t.deepEqual(texts, ["(global (mut (ref null 0)))", "(table 1 (ref null 0))"]);

  const s = C.wasmts_struct_new(f.e.store, point, C.WASM_ARRAY_VEC([
    C.WASM_I32_VAL(31), C.WASM_I64_VAL(0n), C.WASM_I32_VAL(0), anyVal(null), anyVal(null),
  ]));
  // The global's and the table's types come from the first module (its reported type, copied).
  const nullablePoint = C.wasm_valtype_copy(C.wasm_globaltype_content(C.wasm_global_type(C.wasm_extern_as_global(f.ex.get("g"))!)));
  const g = C.wasm_global_new(f.e.store, C.wasm_globaltype_new(C.wasm_valtype_copy(nullablePoint), C.WASM_VAR), anyVal(s));
  const table = C.wasm_table_new(f.e.store, C.wasm_tabletype_new(nullablePoint, { min: 1, max: 1 }), C.wasm_ref_copy(s))!;
  const instance = instantiate(f.e.store, other, [C.wasm_global_as_extern(g), C.wasm_table_as_extern(table)]);
  const ex = exportsOf(other, instance);
  t.deepEqual(call(C.wasm_extern_as_func(ex.get("x"))!), [C.WASM_I32_VAL(31)]);
  C.wasmts_struct_set(s, 0, C.WASM_I32_VAL(-4));
  t.deepEqual(call(C.wasm_extern_as_func(ex.get("tx"))!), [C.WASM_I32_VAL(-4)]);
  // A host table of anyref holds i31s and structs alike.
  const anyTable = C.wasm_table_new(f.e.store, C.wasm_tabletype_new(C.wasm_valtype_new(C.WASMTS_ANYREF), { min: 2, max: 2 }), null)!;
  const i31 = C.wasmts_ref_i31_new(f.e.store, 5);
  t.true(C.wasm_table_set(anyTable, 0, i31));
  t.true(C.wasm_table_set(anyTable, 1, s));
  const got = C.wasm_table_get(anyTable, 0)!;
  t.true(C.wasm_ref_same(got, i31));
  C.wasm_ref_delete(got);
  for (const r of [got, i31, s]) if (!r._deleted) C.wasm_ref_delete(r);
  C.wasm_extern_vec_delete(ex.vec);
  C.wasm_instance_delete(instance);
  C.wasm_table_delete(anyTable);
  C.wasm_table_delete(table);
  C.wasm_global_delete(g);
  C.wasm_module_delete(other);
  C.wasm_valtype_delete(point);
  f.done();
});
