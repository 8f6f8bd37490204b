import test from "ava";
import { ValidationError } from "../../../impl/base/errors.js";
import { WASM_2_0 } from "../../../impl/base/features.js";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { validateModule } from "../../../impl/validate/validator.js";
import { wat } from "../../helpers/wat.js";
import { assertInvalid, assertValid } from "./helpers.js";

test("limits: minimum above maximum is invalid for tables and memories", async (t) => {
  await assertInvalid(t, "(module (table 2 1 funcref))", "size minimum must not be greater than maximum");
  await assertInvalid(t, "(module (memory 2 1))", "size minimum must not be greater than maximum");
  await assertInvalid(t, `(module (import "m" "t" (table 3 2 funcref)))`, "size minimum must not be greater than maximum");
  await assertValid(t, "(module (table 0 0xffffffff funcref) (memory 0 65536))");
});

test("limits: a memory may not exceed 65536 pages, in its minimum or its maximum", async (t) => {
  await assertInvalid(t, "(module (memory 65537))", "memory size must be at most 65536 pages (4GiB)");
  await assertInvalid(t, "(module (memory 0 4294967295))", "memory size must be at most 65536 pages (4GiB)");
  await assertInvalid(t, `(module (import "m" "m" (memory 70000)))`, "memory size must be at most 65536 pages (4GiB)");
  // The range is checked before the order, as the reference interpreter does.
  await assertInvalid(t, "(module (memory 65537 1))", "memory size must be at most 65536 pages (4GiB)");
});

test("Wasm 2.0 allows one memory at most, imported or defined; 3.0 several; several tables are fine", async (t) => {
  await assertInvalid(t, "(module (memory 0) (memory 0))", "multiple memories", WASM_2_0);
  await assertInvalid(t, `(module (import "m" "m" (memory 1)) (memory 0))`, "multiple memories", WASM_2_0);
  await assertValid(t, "(module (memory 0) (memory 0))");
  await assertValid(t, `(module (import "m" "t" (table 1 funcref)) (table 0 externref) (table 2 funcref))`);
});

test("function type indices must exist, for imports and definitions", async (t) => {
  await assertInvalid(t, `(module (type (func)) (import "m" "f" (func (type 1))))`, "unknown type");
  await assertInvalid(t, "(module (type (func)) (func (type 3)))", "unknown type 3");
});

test("the start function must exist and take and return nothing", async (t) => {
  await assertValid(t, "(module (func $s) (start $s))");
  await assertInvalid(t, "(module (func $s (result i32) (i32.const 0)) (start $s))", "start function");
  await assertInvalid(t, "(module (func $s (param i32)) (start $s))", "start function");
  await assertInvalid(t, "(module (func) (start 1))", "unknown function 1");
});

test("exports name existing entities, each name once", async (t) => {
  await assertInvalid(t, `(module (func) (export "a" (func 0)) (export "a" (func 0)))`, "duplicate export name");
  await assertInvalid(t, `(module (func) (memory 1) (export "a" (func 0)) (export "a" (memory 0)))`, "duplicate export name");
  await assertInvalid(t, `(module (export "a" (func 0)))`, "unknown function 0");
  await assertInvalid(t, `(module (export "a" (table 0)))`, "unknown table 0");
  await assertInvalid(t, `(module (export "a" (memory 0)))`, "unknown memory 0");
  await assertInvalid(t, `(module (global i32 (i32.const 0)) (export "a" (global 1)))`, "unknown global 1");
  await assertValid(t, `(module (global (mut i32) (i32.const 0)) (export "a" (global 0)) (export "b" (global 0)))`);
});

test("constant expressions allow only constants, ref.null, ref.func, global.get and i32/i64 add, sub, mul", async (t) => {
  await assertInvalid(t, "(module (global i32 (i32.ctz (i32.const 0))))", "constant expression required");
  await assertInvalid(t, "(module (global i32 (i32.const 0) (nop)))", "constant expression required");
  await assertInvalid(t, "(module (global i32 (i32.div_s (i32.const 1) (i32.const 2))))", "constant expression required");
  await assertInvalid(t, "(module (global f32 (f32.add (f32.const 1) (f32.const 2))))", "constant expression required");
  await assertValid(t, "(module (global i32 (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.sub (i32.const 3) (i32.const 4))))))");
  await assertValid(t, "(module (global i64 (i64.mul (i64.const 1) (i64.add (i64.const 2) (i64.sub (i64.const 3) (i64.const 4))))))");
  await assertInvalid(t, "(module (table 1 funcref) (elem (i32.ctz (i32.const 0))))", "constant expression required");
  await assertInvalid(t, "(module (memory 1) (data (i32.ctz (i32.const 0)) \"\"))", "constant expression required");
  await assertValid(t, `(module (func $f) (global funcref (ref.func $f)) (global externref (ref.null extern))
    (global i64 (i64.const 1)) (global f32 (f32.const 1)) (global f64 (f64.const 1)))`);
});

test("constant expressions must leave exactly one value of the expected type", async (t) => {
  await assertInvalid(t, "(module (global i32 (f32.const 0)))", "type mismatch");
  await assertInvalid(t, "(module (global i32 (i32.const 0) (i32.const 0)))", "type mismatch");
  await assertInvalid(t, "(module (global i32))", "type mismatch");
  await assertInvalid(t, "(module (global funcref (ref.null extern)))", "type mismatch");
  await assertInvalid(t, "(module (memory 1) (data (i64.const 0) \"\"))", "type mismatch");
});

test("extended constant operands must have the instruction's type", async (t) => {
  await assertInvalid(t, "(module (global i32 (i32.add (i32.const 1) (i64.const 2))))", "type mismatch");
  await assertInvalid(t, "(module (global i64 (i64.mul (i64.const 1))))", "type mismatch");
  await assertInvalid(t, "(module (global i32 (i64.add (i64.const 1) (i64.const 2))))", "type mismatch");
});

test("global.get in constant expressions reads earlier immutable globals, imported or defined (Wasm 3.0)", async (t) => {
  await assertValid(t, `(module (import "m" "g" (global i32)) (global i32 (global.get 0)) (memory 1) (data (global.get 0) ""))`);
  await assertValid(t, "(module (global i32 (i32.const 0)) (global i32 (global.get 0)))");
  await assertValid(t, `(module (global i32 (i32.const 0)) (memory 1) (data (global.get 0) "") (table 1 funcref) (elem (global.get 0) func))`);
  await assertInvalid(t, "(module (global (mut i32) (i32.const 0)) (global i32 (global.get 0)))", "constant expression required");
  await assertInvalid(t, "(module (global i32 (global.get 1)) (global i32 (i32.const 0)))", "unknown global 1");
  await assertInvalid(t, "(module (global i32 (global.get 0)))", "unknown global 0");
  await assertInvalid(t, `(module (import "m" "g" (global i32)) (memory 1) (data (global.get 1) ""))`, "unknown global 1");
  await assertInvalid(t, `(module (import "m" "g" (global (mut i32))) (global i32 (global.get 0)))`, "constant expression required");
  await assertInvalid(t, `(module (import "m" "g" (global externref)) (global funcref (global.get 0)))`, "type mismatch");
});

test("ref.func in a constant expression must name an existing function", async (t) => {
  await assertInvalid(t, `(module (import "m" "f" (func)) (global funcref (ref.func 7)))`, "unknown function 7");
});

test("element segments: existing table, matching element type, constant initialisers", async (t) => {
  await assertInvalid(t, "(module (func $f) (elem (i32.const 0) $f))", "unknown table 0");
  await assertInvalid(t, "(module (table 1 externref) (func $f) (elem (table 0) (i32.const 0) func $f))", "type mismatch");
  await assertInvalid(t, "(module (table 1 funcref) (elem (i32.const 0) externref (ref.null extern)))", "type mismatch");
  await assertInvalid(t, "(module (elem funcref (ref.null extern)))", "type mismatch");
  await assertInvalid(t, "(module (elem funcref (ref.func 3)))", "unknown function 3");
  await assertValid(t, `(module (table 1 funcref) (table 1 externref) (func $f)
    (elem (table 0) (i32.const 0) func $f) (elem (table 1) (i32.const 0) externref (ref.null extern))
    (elem funcref (ref.null func)) (elem declare func $f))`);
});

test("data segments: an active segment needs a memory and an i32 offset", async (t) => {
  await assertInvalid(t, "(module (data (i32.const 0) \"\"))", "unknown memory 0");
  await assertValid(t, "(module (data \"passive needs no memory\"))");
});

test("decoded as exactly Wasm 2.0, constant expressions follow 2.0's rules", async (t) => {
  const invalid2 = async (text: string, phrase: string): Promise<void> => {
    const bytes = await wat(text);
    t.notThrows(() => validateModule(decodeModule(bytes)), text);
    const e = t.throws(() => validateModule(decodeModule(bytes, WASM_2_0)), { instanceOf: ValidationError }, text);
    t.true(e?.message.startsWith(phrase), e?.message);
  };
  await invalid2("(module (global i32 (i32.add (i32.const 1) (i32.const 2))))", "constant expression required");
  await invalid2("(module (global i64 (i64.mul (i64.const 1) (i64.const 2))))", "constant expression required");
  await invalid2("(module (global i32 (i32.const 0)) (global i32 (global.get 0)))", "unknown global 0");
  await invalid2(`(module (global i32 (i32.const 0)) (memory 1) (data (global.get 0) ""))`, "unknown global 0");
});
