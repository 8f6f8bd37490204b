/**
 * Validation of `struct.*` and `array.*` instructions: each rule's failure
 * starts with the phrase the spec suite expects, and the valid forms pass
 * (in function bodies and in constant expressions).
 */
import test from "ava";
import { DecodeError, ValidationError } from "../../../impl/base/errors.js";
import { compileRefs } from "../typed-refs/helpers.js";

const TYPES = `
  (type $s (struct (field $i (mut i32)) (field $p i8) (field $r (ref any))))
  (type $im (struct (field i32)))
  (type $bytes (array (mut i8)))
  (type $ro (array i32))
  (type $refs (array (mut anyref)))
  (type $nn (array (mut (ref any))))
  (type $i64s (array (mut i64)))`;

const invalid: [string, string, string][] = [
  ["struct.set of an immutable field", "immutable field", `(func (param (ref $im)) (struct.set $im 0 (local.get 0) (i32.const 1)))`],
  ["packed field read without a sign", "type mismatch", `(func (param (ref $s)) (result i32) (struct.get $s $p (local.get 0)))`],
  ["get_s of a field that is not packed", "type mismatch", `(func (param (ref $s)) (result i32) (struct.get_s $s $i (local.get 0)))`],
  ["a field index beyond the struct", "unknown field", `(func (param (ref $s)) (result i32) (struct.get $s 3 (local.get 0)))`],
  ["struct.new_default with a non-nullable field", "type mismatch", `(func (drop (struct.new_default $s)))`],
  ["array.new_default of non-nullable elements", "type mismatch", `(func (drop (array.new_default $nn (i32.const 1))))`],
  ["array.set of an immutable array", "immutable array", `(func (param (ref $ro)) (array.set $ro (local.get 0) (i32.const 0) (i32.const 1)))`],
  ["array.fill of an immutable array", "immutable array", `(func (param (ref $ro)) (array.fill $ro (local.get 0) (i32.const 0) (i32.const 1) (i32.const 0)))`],
  ["array.copy between element types that differ", "array types do not match",
    `(func (param (ref $bytes) (ref $i64s)) (array.copy $bytes $i64s (local.get 0) (i32.const 0) (local.get 1) (i32.const 0) (i32.const 0)))`],
  ["array.new_data of references", "array type is not numeric or vector", `(data $d "") (func (drop (array.new_data $refs $d (i32.const 0) (i32.const 0))))`],
  ["array.get_u of i32 elements", "type mismatch", `(func (param (ref $ro)) (result i32) (array.get_u $ro (local.get 0) (i32.const 0)))`],
  ["array.len of a non-array", "type mismatch", `(func (param (ref $s)) (result i32) (array.len (local.get 0)))`],
  ["struct.get with a type that is an array", "type mismatch", `(func (param (ref $ro)) (result i32) (struct.get $ro 0 (local.get 0)))`],
  ["array.new_elem of a segment of other references", "type mismatch", `(elem $e funcref) (func (drop (array.new_elem $bytes $e (i32.const 0) (i32.const 0))))`],
  ["struct.new_default of a non-defaultable struct in a global", "type mismatch", `(global (ref $s) (struct.new_default $s))`],
];

for (const [what, phrase, body] of invalid) {
  test(`invalid: ${what} ("${phrase}")`, async (t) => {
    const e = await t.throwsAsync(compileRefs(`(module ${TYPES} ${body})`), { instanceOf: ValidationError });
    t.true(e!.message.startsWith(phrase), e!.message);
  });
}

test("array.new_data and array.init_data need the data count section", async (t) => {
  // wasm-tools writes the data count section when the code uses a data index: take it out by hand.
  const bytes = await (await import("../typed-refs/helpers.js")).watRefs(`(module (type $b (array (mut i8))) (data $d "ab")
    (func (result (ref $b)) (array.new_data $b $d (i32.const 0) (i32.const 2))))`);
  let at = 8;
  const out: number[] = [...bytes.subarray(0, 8)];
  while (at < bytes.length) {
    const id = bytes[at]!;
    let size = 0, shift = 0, p = at + 1;
    for (;;) { const b = bytes[p++]!; size |= (b & 0x7f) << shift; shift += 7; if (b < 0x80) break; }
    if (id !== 12) out.push(...bytes.subarray(at, p + size));
    at = p + size;
  }
  const { compileModule } = await import("../../../impl/index.js");
  t.true(out.length < bytes.length, "the data count section was there");
  const e = t.throws(() => compileModule(new Uint8Array(out)), { instanceOf: DecodeError });
  t.true(e!.message.startsWith("data count section required"), e!.message);
});

test("valid: every struct and array instruction, and the constant allocations", async (t) => {
  await t.notThrowsAsync(compileRefs(`(module ${TYPES}
    (data $d "abcd") (elem $e anyref (ref.null any))
    (global (ref $bytes) (array.new_fixed $bytes 2 (i32.const 1) (i32.const 2)))
    (global (ref $im) (struct.new $im (i32.const 1)))
    (global (ref $refs) (array.new_default $refs (i32.const 3)))
    (global (ref $ro) (array.new $ro (i32.const 7) (i32.const 3)))
    (func (param $s (ref $s)) (param $b (ref null $bytes)) (result i32)
      (struct.set $s $i (local.get $s) (struct.get_s $s $p (local.get $s)))
      (drop (struct.get $s $r (local.get $s)))
      (drop (struct.new $s (i32.const 1) (i32.const 2) (ref.as_non_null (local.get $s))))
      (drop (array.new_data $bytes $d (i32.const 0) (i32.const 4)))
      (drop (array.new_elem $refs $e (i32.const 0) (i32.const 1)))
      (array.init_data $bytes $d (local.get $b) (i32.const 0) (i32.const 0) (i32.const 1))
      (array.init_elem $refs $e (array.new_default $refs (i32.const 1)) (i32.const 0) (i32.const 0) (i32.const 1))
      (array.copy $bytes $bytes (local.get $b) (i32.const 0) (local.get $b) (i32.const 1) (i32.const 1))
      (array.fill $bytes (local.get $b) (i32.const 0) (i32.const 9) (i32.const 1))
      (array.set $bytes (local.get $b) (i32.const 0) (array.get_u $bytes (local.get $b) (i32.const 1)))
      (array.len (local.get $b)))
  )`));
});
