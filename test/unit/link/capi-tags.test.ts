import test from "ava";
import * as C from "../../../capi/index.js";
import { wat, WASM2_FEATURES } from "../../helpers/wat.js";
import { functype, message, trapOut } from "./capi-helpers.js";

// Issue 4, introspection and linking of tags through the C API: tags are listed by
// wasm_module_imports/exports in section order, imported as the very objects supplied, exported as such.

async function compileEh(store: C.wasm_store_t, text: string): Promise<C.wasm_module_t> {
  const bytes = await wat(text, { ...WASM2_FEATURES, exceptions: true });
  const binary: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_byte_vec_new(binary, bytes.length, bytes);
  const module = C.wasm_module_new(store, binary);
  C.wasm_byte_vec_delete(binary);
  if (!module) throw new Error("module did not compile");
  return module;
}

const text = `(module
  (import "env" "f" (func))
  (import "env" "t" (tag $t (param i32)))
  (import "env" "t" (tag $t2 (param i32)))
  (tag $u (param f64 i64))
  (export "t" (tag $t))
  (export "u" (tag $u))
  (export "f" (func 0)))`;

test("wasm_module_imports and _exports list tags in section order with their types, duplicates apart", async (t) => {
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  const module = await compileEh(store, text);
  const imports: C.wasm_importtype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_module_imports(module, imports);
  t.deepEqual(imports.data.map((it) => [
    C.wasmts_byte_vec_to_string(C.wasm_importtype_module(it!)), C.wasmts_byte_vec_to_string(C.wasm_importtype_name(it!)),
    C.wasm_externtype_kind(C.wasm_importtype_type(it!)),
  ]), [["env", "f", C.WASM_EXTERN_FUNC], ["env", "t", C.WASM_EXTERN_TAG], ["env", "t", C.WASM_EXTERN_TAG]]);
  const tagType = C.wasm_externtype_as_tagtype_const(C.wasm_importtype_type(imports.data[1]!))!;
  t.deepEqual(C.wasm_functype_params(C.wasm_tagtype_functype(tagType)).data.map(C.wasm_valtype_kind), [C.WASM_I32]);
  C.wasm_importtype_vec_delete(imports);
  const exports: C.wasm_exporttype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_module_exports(module, exports);
  t.deepEqual(exports.data.map((e) => [C.wasmts_byte_vec_to_string(C.wasm_exporttype_name(e!)), C.wasm_externtype_kind(C.wasm_exporttype_type(e!))]),
    [["t", C.WASM_EXTERN_TAG], ["u", C.WASM_EXTERN_TAG], ["f", C.WASM_EXTERN_FUNC]]);
  const u = C.wasm_externtype_as_tagtype_const(C.wasm_exporttype_type(exports.data[1]!))!;
  t.deepEqual(C.wasm_functype_params(C.wasm_tagtype_functype(u)).data.map(C.wasm_valtype_kind), [C.WASM_F64, C.WASM_I64]);
  C.wasm_exporttype_vec_delete(exports);
  C.wasm_store_delete(store);
  C.wasm_engine_delete(engine);
});

test("wasm_instance_new imports a host tag as the very object, re-exports it, and matches tag types exactly", async (t) => {
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  const module = await compileEh(store, text);
  const ft = functype([], []);
  const f = C.wasm_func_new(store, ft, () => null);
  C.wasm_functype_delete(ft);
  const i32Tag = C.wasm_tagtype_new(functype([C.WASM_I32], []));
  const i64Tag = C.wasm_tagtype_new(functype([C.WASM_I64], []));
  const tag = C.wasm_tag_new(store, i32Tag), wrong = C.wasm_tag_new(store, i64Tag);
  const trap = trapOut();
  t.is(C.wasm_instance_new(store, module,
    C.WASM_ARRAY_VEC([C.wasm_func_as_extern(f), C.wasm_tag_as_extern(tag), C.wasm_tag_as_extern(wrong)]), trap), null);
  t.is(message(trap.value!), `incompatible import type for "env" "t": expected (tag (param i32)), got (tag (param i64)) [import 2]`);
  const inst = C.wasm_instance_new(store, module,
    C.WASM_ARRAY_VEC([C.wasm_func_as_extern(f), C.wasm_tag_as_extern(tag), C.wasm_tag_as_extern(tag)]), trap)!;
  t.truthy(inst, trap.value ? message(trap.value) : "");
  const out: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_instance_exports(inst, out);
  t.deepEqual(out.data.map((e) => C.wasm_extern_kind(e!)), [C.WASM_EXTERN_TAG, C.WASM_EXTERN_TAG, C.WASM_EXTERN_FUNC]);
  t.true(C.wasm_tag_same(C.wasm_extern_as_tag(out.data[0]!)!, tag), "the re-exported import is the host's tag");
  t.false(C.wasm_tag_same(C.wasm_extern_as_tag(out.data[1]!)!, tag));
  C.wasm_extern_vec_delete(out);
  for (const tt of [i32Tag, i64Tag]) C.wasm_tagtype_delete(tt);
  C.wasm_store_delete(store);
  C.wasm_engine_delete(engine);
});
