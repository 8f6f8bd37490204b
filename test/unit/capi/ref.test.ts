import test from "ava";
import * as C from "../../../capi/index.js";
import { compile, env, functype, instantiate } from "./helpers.js";

type AnyRef = C.wasm_ref_t;
interface RefKind {
  name: string;
  make(store: C.wasm_store_t): Promise<AnyRef>;
  delete(h: AnyRef): void;
  copy(h: AnyRef): AnyRef;
  same(a: AnyRef, b: AnyRef): boolean;
  get(h: AnyRef): unknown;
  set(h: AnyRef, info: unknown): void;
  setFin(h: AnyRef, info: unknown, fin: (i: unknown) => void): void;
  asRef(h: AnyRef): AnyRef | null;
  refAs(r: AnyRef): AnyRef | null;
  asRefConst(h: AnyRef): AnyRef | null;
  refAsConst(r: AnyRef): AnyRef | null;
}

// Every reference type's WASM_DECLARE_REF functions, each called by its C name, with a way to make one object of the type.
const KINDS: RefKind[] = [
  { name: "ref", make: async (s) => C.wasm_foreign_as_ref(C.wasm_foreign_new(s))!,
    delete: (h) => C.wasm_ref_delete(h), copy: (h) => C.wasm_ref_copy(h), same: (a, b) => C.wasm_ref_same(a, b), get: (h) => C.wasm_ref_get_host_info(h),
    set: (h, i) => C.wasm_ref_set_host_info(h, i), setFin: (h, i, f) => C.wasm_ref_set_host_info_with_finalizer(h, i, f),
    asRef: (h) => h, refAs: (r) => r, asRefConst: (h) => h, refAsConst: (r) => r },
  { name: "trap", make: async (s) => { const m: C.wasm_message_t = C.WASM_EMPTY_VEC(); C.wasm_name_new_from_string_nt(m, "x"); return C.wasm_trap_new(s, m); },
    delete: (h) => C.wasm_trap_delete(h as C.wasm_trap_t), copy: (h) => C.wasm_trap_copy(h as C.wasm_trap_t), same: (a, b) => C.wasm_trap_same(a as C.wasm_trap_t, b as C.wasm_trap_t),
    get: (h) => C.wasm_trap_get_host_info(h as C.wasm_trap_t), set: (h, i) => C.wasm_trap_set_host_info(h as C.wasm_trap_t, i),
    setFin: (h, i, f) => C.wasm_trap_set_host_info_with_finalizer(h as C.wasm_trap_t, i, f), asRef: (h) => C.wasm_trap_as_ref(h as C.wasm_trap_t),
    refAs: (r) => C.wasm_ref_as_trap(r), asRefConst: (h) => C.wasm_trap_as_ref_const(h as C.wasm_trap_t), refAsConst: (r) => C.wasm_ref_as_trap_const(r) },
  { name: "foreign", make: async (s) => C.wasm_foreign_new(s),
    delete: (h) => C.wasm_foreign_delete(h as C.wasm_foreign_t), copy: (h) => C.wasm_foreign_copy(h as C.wasm_foreign_t), same: (a, b) => C.wasm_foreign_same(a as C.wasm_foreign_t, b as C.wasm_foreign_t),
    get: (h) => C.wasm_foreign_get_host_info(h as C.wasm_foreign_t), set: (h, i) => C.wasm_foreign_set_host_info(h as C.wasm_foreign_t, i),
    setFin: (h, i, f) => C.wasm_foreign_set_host_info_with_finalizer(h as C.wasm_foreign_t, i, f), asRef: (h) => C.wasm_foreign_as_ref(h as C.wasm_foreign_t),
    refAs: (r) => C.wasm_ref_as_foreign(r), asRefConst: (h) => C.wasm_foreign_as_ref_const(h as C.wasm_foreign_t), refAsConst: (r) => C.wasm_ref_as_foreign_const(r) },
  { name: "module", make: (s) => compile(s, "(module)"),
    delete: (h) => C.wasm_module_delete(h as C.wasm_module_t), copy: (h) => C.wasm_module_copy(h as C.wasm_module_t), same: (a, b) => C.wasm_module_same(a as C.wasm_module_t, b as C.wasm_module_t),
    get: (h) => C.wasm_module_get_host_info(h as C.wasm_module_t), set: (h, i) => C.wasm_module_set_host_info(h as C.wasm_module_t, i),
    setFin: (h, i, f) => C.wasm_module_set_host_info_with_finalizer(h as C.wasm_module_t, i, f), asRef: (h) => C.wasm_module_as_ref(h as C.wasm_module_t),
    refAs: (r) => C.wasm_ref_as_module(r), asRefConst: (h) => C.wasm_module_as_ref_const(h as C.wasm_module_t), refAsConst: (r) => C.wasm_ref_as_module_const(r) },
  { name: "func", make: async (s) => { const ft = C.wasm_functype_new_0_0(); const f = C.wasm_func_new(s, ft, () => null); C.wasm_functype_delete(ft); return f; },
    delete: (h) => C.wasm_func_delete(h as C.wasm_func_t), copy: (h) => C.wasm_func_copy(h as C.wasm_func_t), same: (a, b) => C.wasm_func_same(a as C.wasm_func_t, b as C.wasm_func_t),
    get: (h) => C.wasm_func_get_host_info(h as C.wasm_func_t), set: (h, i) => C.wasm_func_set_host_info(h as C.wasm_func_t, i),
    setFin: (h, i, f) => C.wasm_func_set_host_info_with_finalizer(h as C.wasm_func_t, i, f), asRef: (h) => C.wasm_func_as_ref(h as C.wasm_func_t),
    refAs: (r) => C.wasm_ref_as_func(r), asRefConst: (h) => C.wasm_func_as_ref_const(h as C.wasm_func_t), refAsConst: (r) => C.wasm_ref_as_func_const(r) },
  { name: "global", make: async (s) => { const gt = C.wasm_globaltype_new(C.wasm_valtype_new_i32(), C.WASM_VAR); const g = C.wasm_global_new(s, gt, C.WASM_I32_VAL(1)); C.wasm_globaltype_delete(gt); return g; },
    delete: (h) => C.wasm_global_delete(h as C.wasm_global_t), copy: (h) => C.wasm_global_copy(h as C.wasm_global_t), same: (a, b) => C.wasm_global_same(a as C.wasm_global_t, b as C.wasm_global_t),
    get: (h) => C.wasm_global_get_host_info(h as C.wasm_global_t), set: (h, i) => C.wasm_global_set_host_info(h as C.wasm_global_t, i),
    setFin: (h, i, f) => C.wasm_global_set_host_info_with_finalizer(h as C.wasm_global_t, i, f), asRef: (h) => C.wasm_global_as_ref(h as C.wasm_global_t),
    refAs: (r) => C.wasm_ref_as_global(r), asRefConst: (h) => C.wasm_global_as_ref_const(h as C.wasm_global_t), refAsConst: (r) => C.wasm_ref_as_global_const(r) },
  { name: "table", make: async (s) => { const tt = C.wasm_tabletype_new(C.wasm_valtype_new_funcref(), { min: 1, max: 1 }); const x = C.wasm_table_new(s, tt, null)!; C.wasm_tabletype_delete(tt); return x; },
    delete: (h) => C.wasm_table_delete(h as C.wasm_table_t), copy: (h) => C.wasm_table_copy(h as C.wasm_table_t), same: (a, b) => C.wasm_table_same(a as C.wasm_table_t, b as C.wasm_table_t),
    get: (h) => C.wasm_table_get_host_info(h as C.wasm_table_t), set: (h, i) => C.wasm_table_set_host_info(h as C.wasm_table_t, i),
    setFin: (h, i, f) => C.wasm_table_set_host_info_with_finalizer(h as C.wasm_table_t, i, f), asRef: (h) => C.wasm_table_as_ref(h as C.wasm_table_t),
    refAs: (r) => C.wasm_ref_as_table(r), asRefConst: (h) => C.wasm_table_as_ref_const(h as C.wasm_table_t), refAsConst: (r) => C.wasm_ref_as_table_const(r) },
  { name: "memory", make: async (s) => { const mt = C.wasm_memorytype_new({ min: 0, max: 1 }); const x = C.wasm_memory_new(s, mt)!; C.wasm_memorytype_delete(mt); return x; },
    delete: (h) => C.wasm_memory_delete(h as C.wasm_memory_t), copy: (h) => C.wasm_memory_copy(h as C.wasm_memory_t), same: (a, b) => C.wasm_memory_same(a as C.wasm_memory_t, b as C.wasm_memory_t),
    get: (h) => C.wasm_memory_get_host_info(h as C.wasm_memory_t), set: (h, i) => C.wasm_memory_set_host_info(h as C.wasm_memory_t, i),
    setFin: (h, i, f) => C.wasm_memory_set_host_info_with_finalizer(h as C.wasm_memory_t, i, f), asRef: (h) => C.wasm_memory_as_ref(h as C.wasm_memory_t),
    refAs: (r) => C.wasm_ref_as_memory(r), asRefConst: (h) => C.wasm_memory_as_ref_const(h as C.wasm_memory_t), refAsConst: (r) => C.wasm_ref_as_memory_const(r) },
  { name: "extern", make: async (s) => { const mt = C.wasm_memorytype_new({ min: 0, max: 1 }); const x = C.wasm_memory_new(s, mt)!; C.wasm_memorytype_delete(mt); return C.wasm_memory_as_extern(x)!; },
    delete: (h) => C.wasm_extern_delete(h as C.wasm_extern_t), copy: (h) => C.wasm_extern_copy(h as C.wasm_extern_t), same: (a, b) => C.wasm_extern_same(a as C.wasm_extern_t, b as C.wasm_extern_t),
    get: (h) => C.wasm_extern_get_host_info(h as C.wasm_extern_t), set: (h, i) => C.wasm_extern_set_host_info(h as C.wasm_extern_t, i),
    setFin: (h, i, f) => C.wasm_extern_set_host_info_with_finalizer(h as C.wasm_extern_t, i, f), asRef: (h) => C.wasm_extern_as_ref(h as C.wasm_extern_t),
    refAs: (r) => C.wasm_ref_as_extern(r), asRefConst: (h) => C.wasm_extern_as_ref_const(h as C.wasm_extern_t), refAsConst: (r) => C.wasm_ref_as_extern_const(r) },
  { name: "instance", make: async (s) => instantiate(s, await compile(s, "(module)")),
    delete: (h) => C.wasm_instance_delete(h as C.wasm_instance_t), copy: (h) => C.wasm_instance_copy(h as C.wasm_instance_t), same: (a, b) => C.wasm_instance_same(a as C.wasm_instance_t, b as C.wasm_instance_t),
    get: (h) => C.wasm_instance_get_host_info(h as C.wasm_instance_t), set: (h, i) => C.wasm_instance_set_host_info(h as C.wasm_instance_t, i),
    setFin: (h, i, f) => C.wasm_instance_set_host_info_with_finalizer(h as C.wasm_instance_t, i, f), asRef: (h) => C.wasm_instance_as_ref(h as C.wasm_instance_t),
    refAs: (r) => C.wasm_ref_as_instance(r), asRefConst: (h) => C.wasm_instance_as_ref_const(h as C.wasm_instance_t), refAsConst: (r) => C.wasm_ref_as_instance_const(r) },
];

for (const k of KINDS) {
  test(`wasm_${k.name}_*: copy and same designate one object; host info belongs to the object; casts keep the handle`, async (t) => {
    const e = env();
    const a = await k.make(e.store);
    const b = await k.make(e.store);
    const c = k.copy(a);
    t.not(c, a);
    t.true(k.same(a, c));
    t.false(k.same(a, b));
    t.is(k.get(a), null);
    const info = { n: 1 };
    k.set(c, info);
    t.is(k.get(a), info);
    const ref = k.asRef(a)!;
    t.is(k.asRefConst(a), ref);
    t.is(k.refAs(ref), a);
    t.is(k.refAsConst(ref), a);
    t.is(C.wasm_ref_get_host_info(ref), info);
    t.is(k.asRef(null as never), null);
    t.is(k.refAs(null as never), null);
    // A finalizer runs once, when the object's last handle is deleted.
    const ran: unknown[] = [];
    k.setFin(b, "b", (i) => ran.push(i));
    const b2 = k.copy(b);
    k.delete(b);
    t.deepEqual(ran, []);
    k.delete(b2);
    t.deepEqual(ran, ["b"]);
    t.throws(() => k.delete(b2), { instanceOf: C.wasmts_error_t, message: /already deleted/ });
    k.delete(c);
    t.is(k.get(a), info);
    k.delete(a);
    k.delete(null as never);
    e.done();
  });
}

test("a reference casts only to what it designates", async (t) => {
  const e = env();
  const f = C.wasm_foreign_new(e.store);
  const r = C.wasm_foreign_as_ref(f);
  t.is(C.wasm_ref_as_func(r), null);
  t.is(C.wasm_ref_as_extern(r), null);
  t.is(C.wasm_ref_as_trap_const(r), null);
  t.is(C.wasm_ref_as_foreign(r), f);
  const ft = functype([], []);
  const fn = C.wasm_func_new(e.store, ft, () => null);
  t.is(C.wasm_ref_as_extern(C.wasm_func_as_ref(fn)), C.wasm_func_as_extern(fn));
  t.is(C.wasm_ref_as_global(C.wasm_func_as_ref(fn)), null);
  C.wasm_functype_delete(ft);
  e.done();
});

test("replacing host info runs the previous finalizer once; setting the same info and finalizer again does not", async (t) => {
  const e = env();
  const f = C.wasm_foreign_new(e.store);
  const ran: unknown[] = [];
  const fin = (i: unknown) => ran.push(i);
  C.wasm_foreign_set_host_info_with_finalizer(f, 1, fin);
  C.wasm_foreign_set_host_info_with_finalizer(f, 1, fin);
  t.deepEqual(ran, []);
  C.wasm_foreign_set_host_info(f, 2);
  t.deepEqual(ran, [1]);
  C.wasm_foreign_delete(f);
  t.deepEqual(ran, [1]);
  e.done();
});

test("foreign objects: wasm_foreign_new makes distinct objects; the host's info survives externref round trips", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (table (export "t") 2 externref)
    (func (export "id") (param externref) (result externref) (local.get 0)))`);
  const inst = instantiate(e.store, module);
  const ex: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_instance_exports(inst, ex);
  const f1 = C.wasm_foreign_new(e.store);
  const f2 = C.wasm_foreign_new(e.store);
  t.false(C.wasm_foreign_same(f1, f2));
  C.wasm_foreign_set_host_info(f1, "one");
  const rs = [C.WASM_INIT_VAL()];
  t.is(C.wasm_func_call(C.wasm_extern_as_func(ex.data[1]), C.WASM_ARRAY_VEC([C.WASM_REF_VAL(C.wasm_foreign_as_ref(f1))]), C.WASM_ARRAY_VEC(rs)), null);
  const back = C.wasm_ref_as_foreign(rs[0]!.of.ref!)!;
  t.not(back, f1);
  t.true(C.wasm_foreign_same(back, f1));
  t.is(C.wasm_foreign_get_host_info(back), "one");
  C.wasm_foreign_set_host_info(back, "changed");
  t.is(C.wasm_foreign_get_host_info(f1), "changed");
  const table = C.wasm_extern_as_table(ex.data[0]);
  t.true(C.wasm_table_set(table, 1, C.wasm_foreign_as_ref(f2)));
  const fromTable = C.wasm_table_get(table, 1)!;
  t.true(C.wasm_ref_same(fromTable, C.wasm_foreign_as_ref(f2)));
  C.wasm_ref_delete(fromTable);
  C.wasm_val_delete(rs[0]!);
  C.wasm_extern_vec_delete(ex);
  e.done();
});
