import test from "ava";
import * as C from "../../../capi/index.js";

test("wasm_byte_vec_new copies the first size bytes; wasm_byte_vec_copy makes an independent copy", (t) => {
  const src = new Uint8Array([1, 2, 3, 4]);
  const v: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_byte_vec_new(v, 3, src);
  src[0] = 9;
  t.is(v.size, 3);
  t.deepEqual([...v.data], [1, 2, 3]);
  const copy: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_byte_vec_copy(copy, v);
  v.data[1] = 7;
  t.deepEqual([...copy.data], [1, 2, 3]);
  C.wasm_byte_vec_delete(v);
  C.wasm_byte_vec_delete(copy);
  t.is(v.size, 0);
  t.is(v.data.length, 0);
});

test("wasm_byte_vec_new_empty and wasm_byte_vec_new_uninitialized fill the out-parameter in place", (t) => {
  const v = { size: 5, data: new Uint8Array(5) };
  C.wasm_byte_vec_new_empty(v);
  t.is(v.size, 0);
  C.wasm_byte_vec_new_uninitialized(v, 4);
  t.is(v.size, 4);
  t.deepEqual([...v.data], [0, 0, 0, 0]);
  t.throws(() => C.wasm_byte_vec_new_uninitialized(v, -1), { instanceOf: C.wasmts_error_t });
});

test("names: wasm_name_new_from_string has no NUL, the _nt form counts its NUL in size (rule 11)", (t) => {
  const a: C.wasm_name_t = C.WASM_EMPTY_VEC();
  const b: C.wasm_name_t = C.WASM_EMPTY_VEC();
  C.wasm_name_new_from_string(a, "héllo");
  C.wasm_name_new_from_string_nt(b, "héllo");
  t.is(a.size, 6);
  t.is(b.size, 7);
  t.is(b.data[6], 0);
  t.is(C.wasmts_byte_vec_to_string(a), "héllo");
  t.is(C.wasmts_byte_vec_to_string(b), "héllo");
  const c: C.wasm_name_t = C.WASM_EMPTY_VEC();
  C.wasm_name_copy(c, a);
  t.deepEqual(c.data, a.data);
  C.wasm_name_new(c, 2, [104, 105]);
  t.is(C.wasmts_byte_vec_to_string(c), "hi");
  C.wasm_name_new_empty(c);
  t.is(c.size, 0);
  C.wasm_name_new_new_uninitialized(c, 3);
  t.is(c.size, 3);
  for (const v of [a, b, c]) C.wasm_name_delete(v);
});

test("WASM_ARRAY_VEC wraps a byte array without a copy", (t) => {
  const bytes = new Uint8Array([1, 2]);
  const v = C.WASM_ARRAY_VEC(bytes);
  t.is(v.data, bytes);
  t.is(v.size, 2);
});
