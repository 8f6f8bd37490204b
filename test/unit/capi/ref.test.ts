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

// Every reference type's WASM_DECLARE_REF functions, with a way to make one object of the type.
/* eslint-disable @typescript-eslint/no-explicit-any */
const KINDS: RefKind[] = [
  { name: "ref", make: async (s) => C.wasm_foreign_as_ref(C.wasm_foreign_new(s))!,
    delete: C.wasm_ref_delete, copy: C.wasm_ref_copy, same: C.wasm_ref_same, get: C.wasm_ref_get_host_info,
    set: C.wasm_ref_set_host_info, setFin: C.wasm_ref_set_host_info_with_finalizer,
    asRef: (h) => h, refAs: (r) => r, asRefConst: (h) => h, refAsConst: (r) => r },
  { name: "trap", make: async (s) => { const m: C.wasm_message_t = C.WASM_EMPTY_VEC(); C.wasm_name_new_from_string_nt(m, "x"); return C.wasm_trap_new(s, m); },
    delete: C.wasm_trap_delete as any, copy: C.wasm_trap_copy as any, same: C.wasm_trap_same as any,
    get: C.wasm_trap_get_host_info as any, set: C.wasm_trap_set_host_info as any,
    setFin: C.wasm_trap_set_host_info_with_finalizer as any, asRef: C.wasm_trap_as_ref as any,
    refAs: C.wasm_ref_as_trap, asRefConst: C.wasm_trap_as_ref_const as any, refAsConst: C.wasm_ref_as_trap_const },
  { name: "foreign", make: async (s) => C.wasm_foreign_new(s),
    delete: C.wasm_foreign_delete as any, copy: C.wasm_foreign_copy as any, same: C.wasm_foreign_same as any,
    get: C.wasm_foreign_get_host_info as any, set: C.wasm_foreign_set_host_info as any,
    setFin: C.wasm_foreign_set_host_info_with_finalizer as any, asRef: C.wasm_foreign_as_ref as any,
    refAs: C.wasm_ref_as_foreign, asRefConst: C.wasm_foreign_as_ref_const as any, refAsConst: C.wasm_ref_as_foreign_const },
  { name: "module", make: (s) => compile(s, "(module)"),
    delete: C.wasm_module_delete as any, copy: C.wasm_module_copy as any, same: C.wasm_module_same as any,
    get: C.wasm_module_get_host_info as any, set: C.wasm_module_set_host_info as any,
    setFin: C.wasm_module_set_host_info_with_finalizer as any, asRef: C.wasm_module_as_ref as any,
    refAs: C.wasm_ref_as_module, asRefConst: C.wasm_module_as_ref_const as any, refAsConst: C.wasm_ref_as_module_const },
  { name: "func", make: async (s) => { const ft = C.wasm_functype_new_0_0(); const f = C.wasm_func_new(s, ft, () => null); C.wasm_functype_delete(ft); return f; },
    delete: C.wasm_func_delete as any, copy: C.wasm_func_copy as any, same: C.wasm_func_same as any,
    get: C.wasm_func_get_host_info as any, set: C.wasm_func_set_host_info as any,
    setFin: C.wasm_func_set_host_info_with_finalizer as any, asRef: C.wasm_func_as_ref as any,
    refAs: C.wasm_ref_as_func, asRefConst: C.wasm_func_as_ref_const as any, refAsConst: C.wasm_ref_as_func_const },
  { name: "global", make: async (s) => { const gt = C.wasm_globaltype_new(C.wasm_valtype_new_i32(), C.WASM_VAR); const g = C.wasm_global_new(s, gt, C.WASM_I32_VAL(1)); C.wasm_globaltype_delete(gt); return g; },
    delete: C.wasm_global_delete as any, copy: C.wasm_global_copy as any, same: C.wasm_global_same as any,
    get: C.wasm_global_get_host_info as any, set: C.wasm_global_set_host_info as any,
    setFin: C.wasm_global_set_host_info_with_finalizer as any, asRef: C.wasm_global_as_ref as any,
    refAs: C.wasm_ref_as_global, asRefConst: C.wasm_global_as_ref_const as any, refAsConst: C.wasm_ref_as_global_const },
  { name: "table", make: async (s) => { const tt = C.wasm_tabletype_new(C.wasm_valtype_new_funcref(), { min: 1, max: 1 }); const x = C.wasm_table_new(s, tt, null)!; C.wasm_tabletype_delete(tt); return x; },
    delete: C.wasm_table_delete as any, copy: C.wasm_table_copy as any, same: C.wasm_table_same as any,
    get: C.wasm_table_get_host_info as any, set: C.wasm_table_set_host_info as any,
    setFin: C.wasm_table_set_host_info_with_finalizer as any, asRef: C.wasm_table_as_ref as any,
    refAs: C.wasm_ref_as_table, asRefConst: C.wasm_table_as_ref_const as any, refAsConst: C.wasm_ref_as_table_const },
  { name: "memory", make: async (s) => { const mt = C.wasm_memorytype_new({ min: 0, max: 1 }); const x = C.wasm_memory_new(s, mt)!; C.wasm_memorytype_delete(mt); return x; },
    delete: C.wasm_memory_delete as any, copy: C.wasm_memory_copy as any, same: C.wasm_memory_same as any,
    get: C.wasm_memory_get_host_info as any, set: C.wasm_memory_set_host_info as any,
    setFin: C.wasm_memory_set_host_info_with_finalizer as any, asRef: C.wasm_memory_as_ref as any,
    refAs: C.wasm_ref_as_memory, asRefConst: C.wasm_memory_as_ref_const as any, refAsConst: C.wasm_ref_as_memory_const },
  { name: "extern", make: async (s) => { const mt = C.wasm_memorytype_new({ min: 0, max: 1 }); const x = C.wasm_memory_new(s, mt)!; C.wasm_memorytype_delete(mt); return C.wasm_memory_as_extern(x)!; },
    delete: C.wasm_extern_delete as any, copy: C.wasm_extern_copy as any, same: C.wasm_extern_same as any,
    get: C.wasm_extern_get_host_info as any, set: C.wasm_extern_set_host_info as any,
    setFin: C.wasm_extern_set_host_info_with_finalizer as any, asRef: C.wasm_extern_as_ref as any,
    refAs: C.wasm_ref_as_extern, asRefConst: C.wasm_extern_as_ref_const as any, refAsConst: C.wasm_ref_as_extern_const },
  { name: "instance", make: async (s) => instantiate(s, await compile(s, "(module)")),
    delete: C.wasm_instance_delete as any, copy: C.wasm_instance_copy as any, same: C.wasm_instance_same as any,
    get: C.wasm_instance_get_host_info as any, set: C.wasm_instance_set_host_info as any,
    setFin: C.wasm_instance_set_host_info_with_finalizer as any, asRef: C.wasm_instance_as_ref as any,
    refAs: C.wasm_ref_as_instance, asRefConst: C.wasm_instance_as_ref_const as any, refAsConst: C.wasm_ref_as_instance_const },
];
/* eslint-enable @typescript-eslint/no-explicit-any */

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
