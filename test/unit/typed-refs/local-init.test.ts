/**
 * Non-nullable locals: the validator's initialisation rule (a local of a
 * non-defaultable type is set before it is read, and a set inside a block
 * counts only until that block ends), and the Wasm 2.0 gate on the encoding.
 */
import test from "ava";
import { DecodeError, ValidationError } from "../../../impl/base/errors.js";
import { compileModule, WASM_2_0 } from "../../../impl/index.js";
import { compileRefs, watRefs } from "./helpers.js";

const wrap = (body: string): string =>
  `(module (type $t (func)) (func $f (type $t)) (elem declare func $f) (func (local $x (ref $t)) ${body}))`;

test("a non-nullable local set before it is read is valid", async (t) => {
  await t.notThrowsAsync(compileRefs(wrap("(local.set $x (ref.func $f)) (drop (local.get $x))")));
  await t.notThrowsAsync(compileRefs(wrap("(drop (local.tee $x (ref.func $f))) (drop (local.get $x))")));
});

test("reading a non-nullable local before any set is invalid: uninitialized local", async (t) => {
  const e = await t.throwsAsync(compileRefs(wrap("(drop (local.get $x))")), { instanceOf: ValidationError });
  t.regex(e!.message, /^uninitialized local/);
});

test("a set inside a block counts until the block ends", async (t) => {
  await t.notThrowsAsync(compileRefs(wrap("(block (local.set $x (ref.func $f)) (drop (local.get $x)))")));
  const e = await t.throwsAsync(compileRefs(wrap("(block (local.set $x (ref.func $f))) (drop (local.get $x))")),
    { instanceOf: ValidationError });
  t.regex(e!.message, /^uninitialized local/);
  // The then-branch's set does not reach the else-branch.
  await t.throwsAsync(compileRefs(wrap("(if (i32.const 1) (then (local.set $x (ref.func $f))) (else (drop (local.get $x))))")),
    { instanceOf: ValidationError });
});

test("nullable and numeric locals need no set", async (t) => {
  await t.notThrowsAsync(compileRefs(`(module (type $t (func)) (func (local (ref null $t)) (local i32)
    (drop (local.get 0)) (drop (local.get 1))))`));
});

test("a local naming a type that does not exist is invalid: unknown type", async (t) => {
  const e = await t.throwsAsync(compileRefs("(module (type (func)) (func (local (ref null 7))))"), { instanceOf: ValidationError });
  t.regex(e!.message, /^unknown type/);
});

test("Wasm 2.0 decoding rejects the typed-reference encodings as malformed", async (t) => {
  const bytes = await watRefs(wrap("(local.set $x (ref.func $f)) (drop (local.get $x))"));
  t.notThrows(() => compileModule(bytes));
  t.throws(() => compileModule(bytes, WASM_2_0), { instanceOf: DecodeError });
  const callRef = await watRefs("(module (type $t (func)) (func (param (ref null $t)) (call_ref $t (local.get 0))))");
  t.throws(() => compileModule(callRef, WASM_2_0), { instanceOf: DecodeError });
});
