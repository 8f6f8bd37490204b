import test from "ava";
import * as C from "../../../capi/index.js";
import { call, compile, env, f64Bits, f64OfBits, functype, instantiate, exportsOf } from "./helpers.js";

test("value macros return fresh values of their kind; WASM_INIT_VAL is a null externref", (t) => {
  t.deepEqual(C.WASM_I32_VAL(7), { kind: C.WASM_I32, of: { i32: 7 } });
  t.deepEqual(C.WASM_I64_VAL(-8n), { kind: C.WASM_I64, of: { i64: -8n } });
  t.deepEqual(C.WASM_F32_VAL(1.5), { kind: C.WASM_F32, of: { f32: 1.5 } });
  t.deepEqual(C.WASM_F64_VAL(2.5), { kind: C.WASM_F64, of: { f64: 2.5 } });
  t.deepEqual(C.WASM_REF_VAL(null), { kind: C.WASM_EXTERNREF, of: { ref: null } });
  t.deepEqual(C.WASM_INIT_VAL(), { kind: C.WASM_EXTERNREF, of: { ref: null } });
  t.not(C.WASM_INIT_VAL(), C.WASM_INIT_VAL());
});

test("wasm_val_init_ptr and wasm_val_ptr store a pointer-sized integer as an i64", (t) => {
  const v = C.WASM_INIT_VAL();
  C.wasm_val_init_ptr(v, 0x1234);
  t.is(v.kind, C.WASM_I64);
  t.is(C.wasm_val_ptr(v), 0x1234n);
  C.wasm_val_init_ptr(v, -1n);
  t.is(C.wasm_val_ptr(v), -1n);
});

test("wasm_val_copy fills the out value in place; a reference gets its own handle; wasm_val_delete releases it", (t) => {
  const e = env();
  const foreign = C.wasm_foreign_new(e.store);
  const v = C.WASM_REF_VAL(C.wasm_foreign_as_ref(foreign));
  const out = C.WASM_INIT_VAL();
  C.wasm_val_copy(out, v);
  t.is(out.kind, C.WASM_EXTERNREF);
  t.not(out.of.ref, v.of.ref);
  t.true(C.wasm_ref_same(out.of.ref!, v.of.ref!));
  C.wasm_val_delete(out);
  t.is(out.of.ref, null);
  // The original handle still works: only the copy's handle was released.
  t.is(C.wasm_ref_get_host_info(v.of.ref!), null);
  const n = C.WASM_I32_VAL(3);
  C.wasm_val_copy(out, n);
  t.deepEqual(out, { kind: C.WASM_I32, of: { i32: 3 } });
  C.wasm_val_delete(out);
  C.wasm_foreign_delete(foreign);
  e.done();
});

test("value vectors: new_uninitialized holds WASM_INIT_VAL storage (rule 9); new, copy, delete", (t) => {
  const e = env();
  const u: C.wasm_val_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_val_vec_new_uninitialized(u, 2);
  t.deepEqual(u.data, [C.WASM_INIT_VAL(), C.WASM_INIT_VAL()]);
  t.not(u.data[0], u.data[1]);
  const foreign = C.wasm_foreign_new(e.store);
  const vals = [C.WASM_I64_VAL(5n), C.WASM_REF_VAL(C.wasm_foreign_as_ref(foreign))];
  const v: C.wasm_val_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_val_vec_new(v, 2, vals);
  t.is(v.size, 2);
  t.not(v.data[0], vals[0]);
  t.deepEqual(v.data[0], vals[0]);
  const c: C.wasm_val_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_val_vec_copy(c, v);
  t.not(c.data[1]!.of.ref, v.data[1]!.of.ref);
  t.true(C.wasm_ref_same(c.data[1]!.of.ref!, v.data[1]!.of.ref!));
  C.wasm_val_vec_delete(c);
  // The vector took the reference of `vals`: deleting it releases the foreign object's only handle.
  C.wasm_val_vec_delete(v);
  t.is(v.size, 0);
  t.throws(() => C.wasm_foreign_delete(foreign), { instanceOf: C.wasmts_error_t });
  const empty: C.wasm_val_vec_t = { size: 1, data: [C.WASM_I32_VAL(1)] };
  C.wasm_val_vec_new_empty(empty);
  t.deepEqual(empty, { size: 0, data: [] });
  C.wasm_val_vec_delete(u);
  e.done();
});

test("floats keep their bits across calls, globals and callbacks (rule 16)", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (import "" "id32" (func $id32 (param f32) (result f32)))
    (import "" "id64" (func $id64 (param f64) (result f64)))
    (global $g32 (export "g32") (mut f32) (f32.const 0))
    (global $g64 (export "g64") (mut f64) (f64.const 0))
    (func (export "f32") (param f32) (result f32) (global.set $g32 (call $id32 (local.get 0))) (global.get $g32))
    (func (export "f64") (param f64) (result f64) (global.set $g64 (call $id64 (local.get 0))) (global.get $g64))
    (func (export "snan32") (result i32) (i32.reinterpret_f32 (global.get $g32))))`);
  // Bits, not numbers: a JavaScript array of doubles may quiet a signalling NaN.
  const seen: bigint[] = [];
  const id = (args: C.wasm_val_vec_t, results: C.wasm_val_vec_t): C.wasm_trap_t | null => {
    seen.push(f64Bits(args.data[0]!.kind === C.WASM_F32 ? args.data[0]!.of.f32! : args.data[0]!.of.f64!));
    C.wasm_val_copy(results.data[0]!, args.data[0]!);
    return null;
  };
  const t32 = functype([C.WASM_F32], [C.WASM_F32]);
  const t64 = functype([C.WASM_F64], [C.WASM_F64]);
  const h32 = C.wasm_func_new(e.store, t32, id);
  const h64 = C.wasm_func_new(e.store, t64, id);
  const inst = instantiate(e.store, module, [C.wasm_func_as_extern(h32), C.wasm_func_as_extern(h64)]);
  const ex = exportsOf(module, inst);
  // An f32 signalling NaN with payload 0x1234 and the sign bit: as an f64 NaN with the payload shifted left by 29.
  const snan32 = f64OfBits(0xfff0000000000000n | (0x1234n << 29n));
  const [r32] = call(C.wasm_extern_as_func(ex.get("f32"))!, C.WASM_F32_VAL(snan32));
  t.is(f64Bits(r32!.of.f32!), f64Bits(snan32));
  t.is(seen[0], f64Bits(snan32));
  const [bits] = call(C.wasm_extern_as_func(ex.get("snan32"))!);
  t.is(bits!.of.i32! >>> 0, 0xff801234);
  const g = C.WASM_INIT_VAL();
  C.wasm_global_get(C.wasm_extern_as_global(ex.get("g32")), g);
  t.is(f64Bits(g.of.f32!), f64Bits(snan32));
  const snan64 = f64OfBits(0x7ff0000000000005n);
  const [r64] = call(C.wasm_extern_as_func(ex.get("f64"))!, C.WASM_F64_VAL(snan64));
  t.is(f64Bits(r64!.of.f64!), 0x7ff0000000000005n);
  C.wasm_global_set(C.wasm_extern_as_global(ex.get("g64")), C.WASM_F64_VAL(f64OfBits(0xfff4000000000001n)));
  C.wasm_global_get(C.wasm_extern_as_global(ex.get("g64")), g);
  t.is(f64Bits(g.of.f64!), 0xfff4000000000001n);
  // Ordinary floats are rounded to f32 on the way in, as C's float conversion does.
  const [third] = call(C.wasm_extern_as_func(ex.get("f32"))!, C.WASM_F32_VAL(1 / 3));
  t.is(third!.of.f32, Math.fround(1 / 3));
  C.wasm_extern_vec_delete(ex.vec);
  for (const x of [t32, t64]) C.wasm_functype_delete(x);
  e.done();
});

test("v128 values (extension WASM_V128) travel as 16 bytes in of.v128 through globals", (t) => {
  const e = env();
  const gt = C.wasm_globaltype_new(C.wasm_valtype_new(C.WASM_V128), C.WASM_VAR);
  const bytes = Uint8Array.from({ length: 16 }, (_, i) => i * 3);
  const g = C.wasm_global_new(e.store, gt, { kind: C.WASM_V128, of: { v128: bytes } });
  const out = C.WASM_INIT_VAL();
  C.wasm_global_get(g, out);
  t.is(out.kind, C.WASM_V128);
  t.deepEqual([...out.of.v128!], [...bytes]);
  t.throws(() => C.wasm_global_set(g, { kind: C.WASM_V128, of: { v128: new Uint8Array(8) } }), { instanceOf: C.wasmts_error_t });
  C.wasm_globaltype_delete(gt);
  e.done();
});
