import test from "ava";
import { ValidationError } from "../../../impl/base/errors.js";
import { assertInvalid, oneFunc } from "./helpers.js";

test("a code error names the function (in the function index space) and the instruction's byte offset", async (t) => {
  const e = await assertInvalid(t, `(module (import "m" "f" (func)) (func) (func (result i32) (i64.const 1)))`, "type mismatch");
  t.true(e instanceof ValidationError);
  t.is(e.funcIndex, 2);
  t.regex(e.message, /in function 2 at byte offset 0x[0-9a-f]+/);
});

test("the offset points at the offending instruction in the module binary", async (t) => {
  // Body: i32.const 0 (2 bytes), then i64.eqz, which fails.
  const bytes = oneFunc([0x41, 0x00, 0x50, 0x1a]);
  const e = await assertInvalid(t, bytes, "type mismatch");
  t.is(bytes[e.offset], 0x50);
  t.regex(e.message, /expected i64, got i32/);
});

test("a module-level error has no function index", async (t) => {
  const e = await assertInvalid(t, "(module (memory 2 1))", "size minimum must not be greater than maximum");
  t.is(e.funcIndex, -1);
});

test("the reason is the spec's phrase, with the index where the suite expects one", async (t) => {
  const e = await assertInvalid(t, "(module (func (drop (global.get 4))))", "unknown global 4");
  t.is(e.reason, "unknown global 4");
});
