import test from "ava";
import * as C from "../../../capi/index.js";
import { functype } from "./helpers.js";

test("value types: wasm_valtype_new, wasm_valtype_kind, wasm_valtype_copy, wasm_valtype_delete, kind predicates", (t) => {
  const base = C.wasmts_live_count();
  for (const k of [C.WASM_I32, C.WASM_I64, C.WASM_F32, C.WASM_F64, C.WASM_V128, C.WASM_EXTERNREF, C.WASM_FUNCREF]) {
    const v = C.wasm_valtype_new(k);
    const c = C.wasm_valtype_copy(v);
    t.is(C.wasm_valtype_kind(v), k);
    t.is(C.wasm_valtype_kind(c), k);
    t.not(c, v);
    t.is(C.wasm_valtype_is_num(v), k < 128);
    t.is(C.wasm_valtype_is_ref(v), k >= 128);
    C.wasm_valtype_delete(v);
    C.wasm_valtype_delete(c);
  }
  t.true(C.wasm_valkind_is_num(C.WASM_F64));
  t.true(C.wasm_valkind_is_ref(C.WASM_FUNCREF));
  t.throws(() => C.wasm_valtype_new(7), { instanceOf: C.wasmts_error_t });
  const short = [C.wasm_valtype_new_i32(), C.wasm_valtype_new_i64(), C.wasm_valtype_new_f32(), C.wasm_valtype_new_f64(),
    C.wasm_valtype_new_externref(), C.wasm_valtype_new_funcref()];
  t.deepEqual(short.map(C.wasm_valtype_kind), [0, 1, 2, 3, 128, 129]);
  short.forEach(C.wasm_valtype_delete);
  t.is(C.wasmts_live_count(), base);
});

test("a deleted value type cannot be used or deleted again", (t) => {
  const v = C.wasm_valtype_new_i32();
  C.wasm_valtype_delete(v);
  t.throws(() => C.wasm_valtype_kind(v), { instanceOf: C.wasmts_error_t, message: /wasm_valtype_kind: .*already deleted/ });
  t.throws(() => C.wasm_valtype_delete(v), { instanceOf: C.wasmts_error_t });
});

// The five vector functions of every pointer vector type, each called by its C name, with the element type's constructor.
type Vec = { size: number; data: unknown[] };
const VECTORS = [
  { name: "valtype", make: () => C.wasm_valtype_new_i32(), new_empty: (o: Vec) => C.wasm_valtype_vec_new_empty(o as C.wasm_valtype_vec_t),
    new_uninitialized: (o: Vec, n: number) => C.wasm_valtype_vec_new_uninitialized(o as C.wasm_valtype_vec_t, n), make_vec: (o: Vec, n: number, d: unknown[]) => C.wasm_valtype_vec_new(o as C.wasm_valtype_vec_t, n, d as C.wasm_valtype_t[]),
    copy: (o: Vec, src: Vec) => C.wasm_valtype_vec_copy(o as C.wasm_valtype_vec_t, src as C.wasm_valtype_vec_t), delete: (o: Vec) => C.wasm_valtype_vec_delete(o as C.wasm_valtype_vec_t) },
  { name: "functype", make: () => C.wasm_functype_new_1_1(C.wasm_valtype_new_i32(), C.wasm_valtype_new_i64()),
    new_empty: (o: Vec) => C.wasm_functype_vec_new_empty(o as C.wasm_functype_vec_t), new_uninitialized: (o: Vec, n: number) => C.wasm_functype_vec_new_uninitialized(o as C.wasm_functype_vec_t, n),
    make_vec: (o: Vec, n: number, d: unknown[]) => C.wasm_functype_vec_new(o as C.wasm_functype_vec_t, n, d as C.wasm_functype_t[]), copy: (o: Vec, src: Vec) => C.wasm_functype_vec_copy(o as C.wasm_functype_vec_t, src as C.wasm_functype_vec_t), delete: (o: Vec) => C.wasm_functype_vec_delete(o as C.wasm_functype_vec_t) },
  { name: "globaltype", make: () => C.wasm_globaltype_new(C.wasm_valtype_new_f32(), C.WASM_VAR),
    new_empty: (o: Vec) => C.wasm_globaltype_vec_new_empty(o as C.wasm_globaltype_vec_t), new_uninitialized: (o: Vec, n: number) => C.wasm_globaltype_vec_new_uninitialized(o as C.wasm_globaltype_vec_t, n),
    make_vec: (o: Vec, n: number, d: unknown[]) => C.wasm_globaltype_vec_new(o as C.wasm_globaltype_vec_t, n, d as C.wasm_globaltype_t[]), copy: (o: Vec, src: Vec) => C.wasm_globaltype_vec_copy(o as C.wasm_globaltype_vec_t, src as C.wasm_globaltype_vec_t), delete: (o: Vec) => C.wasm_globaltype_vec_delete(o as C.wasm_globaltype_vec_t) },
  { name: "tabletype", make: () => C.wasm_tabletype_new(C.wasm_valtype_new_funcref(), { min: 1, max: 2 }),
    new_empty: (o: Vec) => C.wasm_tabletype_vec_new_empty(o as C.wasm_tabletype_vec_t), new_uninitialized: (o: Vec, n: number) => C.wasm_tabletype_vec_new_uninitialized(o as C.wasm_tabletype_vec_t, n),
    make_vec: (o: Vec, n: number, d: unknown[]) => C.wasm_tabletype_vec_new(o as C.wasm_tabletype_vec_t, n, d as C.wasm_tabletype_t[]), copy: (o: Vec, src: Vec) => C.wasm_tabletype_vec_copy(o as C.wasm_tabletype_vec_t, src as C.wasm_tabletype_vec_t), delete: (o: Vec) => C.wasm_tabletype_vec_delete(o as C.wasm_tabletype_vec_t) },
  { name: "memorytype", make: () => C.wasm_memorytype_new({ min: 1, max: C.wasm_limits_max_default }),
    new_empty: (o: Vec) => C.wasm_memorytype_vec_new_empty(o as C.wasm_memorytype_vec_t), new_uninitialized: (o: Vec, n: number) => C.wasm_memorytype_vec_new_uninitialized(o as C.wasm_memorytype_vec_t, n),
    make_vec: (o: Vec, n: number, d: unknown[]) => C.wasm_memorytype_vec_new(o as C.wasm_memorytype_vec_t, n, d as C.wasm_memorytype_t[]), copy: (o: Vec, src: Vec) => C.wasm_memorytype_vec_copy(o as C.wasm_memorytype_vec_t, src as C.wasm_memorytype_vec_t), delete: (o: Vec) => C.wasm_memorytype_vec_delete(o as C.wasm_memorytype_vec_t) },
  { name: "externtype", make: () => C.wasm_memorytype_as_externtype(C.wasm_memorytype_new({ min: 0, max: 1 })),
    new_empty: (o: Vec) => C.wasm_externtype_vec_new_empty(o as C.wasm_externtype_vec_t), new_uninitialized: (o: Vec, n: number) => C.wasm_externtype_vec_new_uninitialized(o as C.wasm_externtype_vec_t, n),
    make_vec: (o: Vec, n: number, d: unknown[]) => C.wasm_externtype_vec_new(o as C.wasm_externtype_vec_t, n, d as C.wasm_externtype_t[]), copy: (o: Vec, src: Vec) => C.wasm_externtype_vec_copy(o as C.wasm_externtype_vec_t, src as C.wasm_externtype_vec_t), delete: (o: Vec) => C.wasm_externtype_vec_delete(o as C.wasm_externtype_vec_t) },
  { name: "tagtype", make: () => C.wasm_tagtype_new(C.wasm_functype_new_1_0(C.wasm_valtype_new_i32())),
    new_empty: (o: Vec) => C.wasm_tagtype_vec_new_empty(o as C.wasm_tagtype_vec_t), new_uninitialized: (o: Vec, n: number) => C.wasm_tagtype_vec_new_uninitialized(o as C.wasm_tagtype_vec_t, n),
    make_vec: (o: Vec, n: number, d: unknown[]) => C.wasm_tagtype_vec_new(o as C.wasm_tagtype_vec_t, n, d as C.wasm_tagtype_t[]), copy: (o: Vec, src: Vec) => C.wasm_tagtype_vec_copy(o as C.wasm_tagtype_vec_t, src as C.wasm_tagtype_vec_t), delete: (o: Vec) => C.wasm_tagtype_vec_delete(o as C.wasm_tagtype_vec_t) },
  { name: "importtype", make: () => importtype("m", "f"),
    new_empty: (o: Vec) => C.wasm_importtype_vec_new_empty(o as C.wasm_importtype_vec_t), new_uninitialized: (o: Vec, n: number) => C.wasm_importtype_vec_new_uninitialized(o as C.wasm_importtype_vec_t, n),
    make_vec: (o: Vec, n: number, d: unknown[]) => C.wasm_importtype_vec_new(o as C.wasm_importtype_vec_t, n, d as C.wasm_importtype_t[]), copy: (o: Vec, src: Vec) => C.wasm_importtype_vec_copy(o as C.wasm_importtype_vec_t, src as C.wasm_importtype_vec_t), delete: (o: Vec) => C.wasm_importtype_vec_delete(o as C.wasm_importtype_vec_t) },
  { name: "exporttype", make: () => exporttype("e"),
    new_empty: (o: Vec) => C.wasm_exporttype_vec_new_empty(o as C.wasm_exporttype_vec_t), new_uninitialized: (o: Vec, n: number) => C.wasm_exporttype_vec_new_uninitialized(o as C.wasm_exporttype_vec_t, n),
    make_vec: (o: Vec, n: number, d: unknown[]) => C.wasm_exporttype_vec_new(o as C.wasm_exporttype_vec_t, n, d as C.wasm_exporttype_t[]), copy: (o: Vec, src: Vec) => C.wasm_exporttype_vec_copy(o as C.wasm_exporttype_vec_t, src as C.wasm_exporttype_vec_t), delete: (o: Vec) => C.wasm_exporttype_vec_delete(o as C.wasm_exporttype_vec_t) },
] as const;

function importtype(module: string, name: string): C.wasm_importtype_t {
  const m: C.wasm_name_t = C.WASM_EMPTY_VEC();
  const n: C.wasm_name_t = C.WASM_EMPTY_VEC();
  C.wasm_name_new_from_string(m, module);
  C.wasm_name_new_from_string(n, name);
  return C.wasm_importtype_new(m, n, C.wasm_globaltype_as_externtype(C.wasm_globaltype_new(C.wasm_valtype_new_i64(), C.WASM_CONST)));
}

function exporttype(name: string): C.wasm_exporttype_t {
  const n: C.wasm_name_t = C.WASM_EMPTY_VEC();
  C.wasm_name_new_from_string(n, name);
  return C.wasm_exporttype_new(n, C.wasm_functype_as_externtype(C.wasm_functype_new_0_0()));
}

for (const v of VECTORS) {
  test(`wasm_${v.name}_vec_*: new_empty, new_uninitialized, new takes the elements, copy copies them, delete deletes them`, (t) => {
    const base = C.wasmts_live_count();
    const empty: Vec = { size: 9, data: [1] };
    v.new_empty(empty);
    t.deepEqual(empty, { size: 0, data: [] });
    const un: Vec = C.WASM_EMPTY_VEC();
    v.new_uninitialized(un, 3);
    t.is(un.size, 3);
    t.deepEqual(un.data, [null, null, null]);
    v.delete(un);
    const elems = [v.make(), v.make()];
    const vec: Vec = C.WASM_EMPTY_VEC();
    v.make_vec(vec, 2, elems);
    t.is(vec.size, 2);
    t.is(vec.data[0], elems[0]);
    const copy: Vec = C.WASM_EMPTY_VEC();
    v.copy(copy, vec);
    t.is(copy.size, 2);
    t.not(copy.data[0], elems[0]);
    v.delete(vec);
    v.delete(copy);
    t.is(vec.size, 0);
    t.is(C.wasmts_live_count(), base);
  });
}

test("function types: wasm_functype_new takes both vectors (left empty), params and results are const vectors it keeps", (t) => {
  const base = C.wasmts_live_count();
  const ps: C.wasm_valtype_vec_t = C.WASM_EMPTY_VEC();
  const rs: C.wasm_valtype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_valtype_vec_new(ps, 2, [C.wasm_valtype_new_i32(), C.wasm_valtype_new_f64()]);
  C.wasm_valtype_vec_new(rs, 1, [C.wasm_valtype_new_externref()]);
  const ft = C.wasm_functype_new(ps, rs);
  t.is(ps.size, 0);
  t.is(rs.size, 0);
  const params = C.wasm_functype_params(ft);
  const results = C.wasm_functype_results(ft);
  t.deepEqual(params.data.map(C.wasm_valtype_kind), [C.WASM_I32, C.WASM_F64]);
  t.deepEqual(results.data.map(C.wasm_valtype_kind), [C.WASM_EXTERNREF]);
  // What the function type keeps is const: neither the vector nor its value types may be deleted by the caller.
  t.throws(() => C.wasm_valtype_vec_delete(params), { instanceOf: C.wasmts_error_t });
  t.throws(() => C.wasm_valtype_delete(params.data[0]!), { instanceOf: C.wasmts_error_t, message: /belongs to a wasm_functype_t/ });
  const copy = C.wasm_functype_copy(ft);
  t.deepEqual(C.wasm_functype_params(copy).data.map(C.wasm_valtype_kind), [C.WASM_I32, C.WASM_F64]);
  C.wasm_functype_delete(ft);
  C.wasm_functype_delete(copy);
  t.is(C.wasmts_live_count(), base);
});

test("function type short-hands wasm_functype_new_P_R build P parameters and R results", (t) => {
  const i = () => C.wasm_valtype_new_i32();
  const made = [
    C.wasm_functype_new_0_0(), C.wasm_functype_new_1_0(i()), C.wasm_functype_new_2_0(i(), i()),
    C.wasm_functype_new_3_0(i(), i(), i()), C.wasm_functype_new_0_1(i()), C.wasm_functype_new_1_1(i(), i()),
    C.wasm_functype_new_2_1(i(), i(), i()), C.wasm_functype_new_3_1(i(), i(), i(), i()),
    C.wasm_functype_new_0_2(i(), i()), C.wasm_functype_new_1_2(i(), i(), i()),
    C.wasm_functype_new_2_2(i(), i(), i(), i()), C.wasm_functype_new_3_2(i(), i(), i(), i(), i()),
    C.wasm_functype_new_0_3(i(), i(), i()), C.wasm_functype_new_1_3(i(), i(), i(), i()),
    C.wasm_functype_new_2_3(i(), i(), i(), i(), i()), C.wasm_functype_new_3_3(i(), i(), i(), i(), i(), i()),
  ];
  t.deepEqual(made.map((ft) => [C.wasm_functype_params(ft).size, C.wasm_functype_results(ft).size]),
    [[0, 0], [1, 0], [2, 0], [3, 0], [0, 1], [1, 1], [2, 1], [3, 1], [0, 2], [1, 2], [2, 2], [3, 2], [0, 3], [1, 3], [2, 3], [3, 3]]);
  made.forEach(C.wasm_functype_delete);
});

test("a value type cannot be moved into two types", (t) => {
  const v = C.wasm_valtype_new_i32();
  const g = C.wasm_globaltype_new(v, C.WASM_CONST);
  t.throws(() => C.wasm_globaltype_new(v, C.WASM_VAR), { instanceOf: C.wasmts_error_t, message: /already belongs/ });
  C.wasm_globaltype_delete(g);
});

test("global types: content, mutability, copy, delete", (t) => {
  const g = C.wasm_globaltype_new(C.wasm_valtype_new_i64(), C.WASM_VAR);
  t.is(C.wasm_valtype_kind(C.wasm_globaltype_content(g)), C.WASM_I64);
  t.is(C.wasm_globaltype_mutability(g), C.WASM_VAR);
  const c = C.wasm_globaltype_copy(g);
  t.is(C.wasm_globaltype_mutability(c), C.WASM_VAR);
  t.not(C.wasm_globaltype_content(c), C.wasm_globaltype_content(g));
  C.wasm_globaltype_delete(g);
  C.wasm_globaltype_delete(c);
  t.throws(() => C.wasm_globaltype_new(C.wasm_valtype_new_i32(), 2), { instanceOf: C.wasmts_error_t });
});

test("table types: element, limits (copied in), copy, delete; the element must be a reference type", (t) => {
  const limits = { min: 1, max: 5 };
  const tt = C.wasm_tabletype_new(C.wasm_valtype_new_externref(), limits);
  limits.min = 3;
  t.deepEqual({ ...C.wasm_tabletype_limits(tt) }, { min: 1, max: 5 });
  t.is(C.wasm_valtype_kind(C.wasm_tabletype_element(tt)), C.WASM_EXTERNREF);
  const c = C.wasm_tabletype_copy(tt);
  t.deepEqual({ ...C.wasm_tabletype_limits(c) }, { min: 1, max: 5 });
  C.wasm_tabletype_delete(tt);
  C.wasm_tabletype_delete(c);
  t.throws(() => C.wasm_tabletype_new(C.wasm_valtype_new_i32(), limits), { instanceOf: C.wasmts_error_t });
});

test("memory types: limits, copy, delete; limits must be 32-bit", (t) => {
  const mt = C.wasm_memorytype_new({ min: 2, max: C.wasm_limits_max_default });
  t.deepEqual({ ...C.wasm_memorytype_limits(mt) }, { min: 2, max: 0xffffffff });
  const c = C.wasm_memorytype_copy(mt);
  t.is(C.wasm_memorytype_limits(c).min, 2);
  C.wasm_memorytype_delete(mt);
  C.wasm_memorytype_delete(c);
  t.throws(() => C.wasm_memorytype_new({ min: -1, max: 1 }), { instanceOf: C.wasmts_error_t });
});

test("extern types: kinds, casts up and down (same object or null), copy and delete of any kind", (t) => {
  const base = C.wasmts_live_count();
  const ft = C.wasm_functype_new_0_0();
  const gt = C.wasm_globaltype_new(C.wasm_valtype_new_i32(), C.WASM_CONST);
  const tt = C.wasm_tabletype_new(C.wasm_valtype_new_funcref(), { min: 0, max: 1 });
  const mt = C.wasm_memorytype_new({ min: 0, max: 1 });
  const et = C.wasm_tagtype_new(C.wasm_functype_new_1_0(C.wasm_valtype_new_i32()));
  const f = C.wasm_functype_as_externtype(ft);
  const g = C.wasm_globaltype_as_externtype(gt);
  const tb = C.wasm_tabletype_as_externtype(tt);
  const m = C.wasm_memorytype_as_externtype(mt);
  const tg = C.wasm_tagtype_as_externtype(et);
  t.is(f, ft);
  t.deepEqual([f, g, tb, m, tg].map(C.wasm_externtype_kind),
    [C.WASM_EXTERN_FUNC, C.WASM_EXTERN_GLOBAL, C.WASM_EXTERN_TABLE, C.WASM_EXTERN_MEMORY, C.WASM_EXTERN_TAG]);
  t.is(C.wasm_externtype_as_functype(f), ft);
  t.is(C.wasm_externtype_as_functype(g), null);
  t.is(C.wasm_externtype_as_globaltype(g), gt);
  t.is(C.wasm_externtype_as_globaltype(m), null);
  t.is(C.wasm_externtype_as_tabletype(tb), tt);
  t.is(C.wasm_externtype_as_tabletype(f), null);
  t.is(C.wasm_externtype_as_memorytype(m), mt);
  t.is(C.wasm_externtype_as_memorytype(tb), null);
  t.is(C.wasm_externtype_as_tagtype(tg), et);
  t.is(C.wasm_externtype_as_tagtype(f), null);
  t.is(C.wasm_functype_as_externtype_const(ft), f);
  t.is(C.wasm_globaltype_as_externtype_const(gt), g);
  t.is(C.wasm_tabletype_as_externtype_const(tt), tb);
  t.is(C.wasm_memorytype_as_externtype_const(mt), m);
  t.is(C.wasm_tagtype_as_externtype_const(et), tg);
  t.is(C.wasm_externtype_as_functype_const(f), ft);
  t.is(C.wasm_externtype_as_globaltype_const(g), gt);
  t.is(C.wasm_externtype_as_tabletype_const(tb), tt);
  t.is(C.wasm_externtype_as_memorytype_const(m), mt);
  t.is(C.wasm_externtype_as_tagtype_const(tg), et);
  t.is(C.wasm_externtype_as_memorytype_const(g), null);
  for (const x of [f, g, tb, m, tg]) {
    const c = C.wasm_externtype_copy(x);
    t.is(C.wasm_externtype_kind(c), C.wasm_externtype_kind(x));
    t.not(c, x);
    C.wasm_externtype_delete(c);
    C.wasm_externtype_delete(x);
  }
  t.is(C.wasmts_live_count(), base);
});

test("tag types: wasm_tagtype_new takes a function type without results; functype, copy, delete", (t) => {
  const tag = C.wasm_tagtype_new(functype([C.WASM_I32, C.WASM_F64], []));
  t.deepEqual(C.wasm_functype_params(C.wasm_tagtype_functype(tag)).data.map(C.wasm_valtype_kind), [C.WASM_I32, C.WASM_F64]);
  const copy = C.wasm_tagtype_copy(tag);
  t.is(C.wasm_functype_params(C.wasm_tagtype_functype(copy)).size, 2);
  t.throws(() => C.wasm_functype_delete(C.wasm_tagtype_functype(tag)), { instanceOf: C.wasmts_error_t, message: /belongs to a wasm_tagtype_t/ });
  C.wasm_tagtype_delete(tag);
  C.wasm_tagtype_delete(copy);
  const withResult = functype([], [C.WASM_I32]);
  t.throws(() => C.wasm_tagtype_new(withResult), { instanceOf: C.wasmts_error_t, message: /no results/ });
  C.wasm_functype_delete(withResult);
});

test("import types: wasm_importtype_new takes the names (left empty) and type; module, name, type; copy", (t) => {
  const base = C.wasmts_live_count();
  const m: C.wasm_name_t = C.WASM_EMPTY_VEC();
  const n: C.wasm_name_t = C.WASM_EMPTY_VEC();
  C.wasm_name_new_from_string(m, "env");
  C.wasm_name_new_from_string(n, "mem");
  const it = C.wasm_importtype_new(m, n, C.wasm_memorytype_as_externtype(C.wasm_memorytype_new({ min: 1, max: 2 })));
  t.is(m.size, 0);
  t.is(C.wasmts_byte_vec_to_string(C.wasm_importtype_module(it)), "env");
  t.is(C.wasmts_byte_vec_to_string(C.wasm_importtype_name(it)), "mem");
  t.is(C.wasm_externtype_kind(C.wasm_importtype_type(it)), C.WASM_EXTERN_MEMORY);
  const c = C.wasm_importtype_copy(it);
  t.is(C.wasmts_byte_vec_to_string(C.wasm_importtype_name(c)), "mem");
  t.throws(() => C.wasm_externtype_delete(C.wasm_importtype_type(it)), { instanceOf: C.wasmts_error_t });
  C.wasm_importtype_delete(it);
  C.wasm_importtype_delete(c);
  t.is(C.wasmts_live_count(), base);
});

test("export types: wasm_exporttype_new takes the name and type; name, type; copy", (t) => {
  const base = C.wasmts_live_count();
  const e = exporttype("run");
  t.is(C.wasmts_byte_vec_to_string(C.wasm_exporttype_name(e)), "run");
  t.is(C.wasm_externtype_kind(C.wasm_exporttype_type(e)), C.WASM_EXTERN_FUNC);
  const c = C.wasm_exporttype_copy(e);
  t.is(C.wasmts_byte_vec_to_string(C.wasm_exporttype_name(c)), "run");
  C.wasm_exporttype_delete(e);
  C.wasm_exporttype_delete(c);
  t.is(C.wasmts_live_count(), base);
});
