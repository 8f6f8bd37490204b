import test from "ava";
import { assertInvalid, assertValid, oneFunc, section, Sec, vec } from "./helpers.js";

const I32 = 0x7f;

test("numeric instructions take and produce their operand types", async (t) => {
  await assertValid(t, `(module (func (result i64)
    (i64.extend_i32_u (i32.wrap_i64 (i64.add (i64.const 1) (i64.trunc_sat_f64_s (f64.const 2)))))))`);
  await assertInvalid(t, "(module (func (result i32) (i32.add (i32.const 1) (i64.const 2))))", "type mismatch");
  await assertInvalid(t, "(module (func (result i32) (f32.eq (f32.const 1) (f64.const 2))))", "type mismatch");
  await assertInvalid(t, "(module (func (result f32) (f32.demote_f64 (f32.const 1))))", "type mismatch");
  await assertInvalid(t, "(module (func (result i32) (i32.trunc_sat_f32_s (f64.const 1))))", "type mismatch");
  await assertInvalid(t, "(module (func (i32.eqz) (drop)))", "type mismatch");
});

test("a function must end with exactly its results on the stack", async (t) => {
  await assertInvalid(t, "(module (func (result i32)))", "type mismatch");
  await assertInvalid(t, "(module (func (i32.const 1)))", "type mismatch");
  await assertInvalid(t, "(module (func (result i32 i64) (i64.const 1) (i32.const 2)))", "type mismatch");
  await assertValid(t, "(module (func (result i32 i64) (i32.const 1) (i64.const 2)))");
});

test("locals: parameters first, then the declared runs; an index past them is unknown", async (t) => {
  await assertValid(t, `(module (func (param i32 f64) (result f32) (local i64 i64 f32)
    (local.set 2 (i64.const 1)) (local.set 3 (local.get 2)) (drop (local.get 1))
    (local.tee 4 (f32.convert_i32_s (local.get 0)))))`);
  await assertInvalid(t, "(module (func (param i32) (local i64) (drop (local.get 2))))", "unknown local 2");
  await assertInvalid(t, "(module (func (local i64) (local.set 0 (i32.const 1))))", "type mismatch");
});

test("globals: unknown index, and global.set only on mutable globals", async (t) => {
  await assertInvalid(t, "(module (func (result i32) (global.get 0)))", "unknown global 0");
  await assertInvalid(t, "(module (global i32 (i32.const 0)) (func (global.set 0 (i32.const 1))))", "global is immutable");
  await assertInvalid(t, `(module (import "m" "g" (global i32)) (func (global.set 0 (i32.const 1))))`, "global is immutable");
  await assertInvalid(t, "(module (global (mut i32) (i32.const 0)) (func (global.set 0 (i64.const 1))))", "type mismatch");
  await assertValid(t, "(module (global (mut f64) (f64.const 0)) (func (global.set 0 (f64.const 1))))");
});

test("loads and stores need a memory and at most natural alignment", async (t) => {
  await assertInvalid(t, "(module (func (drop (i32.load (i32.const 0)))))", "unknown memory 0");
  await assertInvalid(t, "(module (func (drop (memory.size))))", "unknown memory");
  await assertInvalid(t, "(module (func (drop (memory.grow (i32.const 0)))))", "unknown memory");
  await assertInvalid(t, "(module (memory 1) (func (drop (i32.load8_u align=2 (i32.const 0)))))", "alignment must not be larger than natural");
  await assertInvalid(t, "(module (memory 1) (func (i64.store32 align=8 (i32.const 0) (i64.const 0))))", "alignment must not be larger than natural");
  await assertInvalid(t, "(module (memory 1) (func (drop (f64.load align=16 (i32.const 0)))))", "alignment must not be larger than natural");
  await assertValid(t, "(module (memory 1) (func (drop (f64.load align=8 (i32.const 0))) (i64.store16 align=1 (i32.const 0) (i64.const 0))))");
  await assertInvalid(t, "(module (memory 1) (func (i32.store (i32.const 0) (f32.const 0))))", "type mismatch");
});

test("blocks with type-index block types take parameters from the stack (multi-value)", async (t) => {
  await assertValid(t, `(module (type $t (func (param i32 i64) (result i64 i32)))
    (func (result i64 i32) (i32.const 1) (i64.const 2)
      (block (type $t) (param i32 i64) (result i64 i32) (drop) (drop) (i64.const 3) (i32.const 4)))
    (func (param i64) (result i32) (i32.const 1) (loop (param i32) (result i32) (br_if 0 (i32.const 0)))))`);
  await assertInvalid(t, `(module (func (result i32) (i64.const 1) (block (param i32) (result i32))))`, "type mismatch");
  // An unknown type index in a block type: wabt refuses it, so build the binary.
  await assertInvalid(t, oneFunc([0x02, 0x05, 0x0b]), "unknown type 5");
});

test("if without else must turn its parameters into its results", async (t) => {
  await assertInvalid(t, "(module (func (result i32) (if (result i32) (i32.const 1) (then (i32.const 1)))))", "type mismatch");
  await assertValid(t, "(module (func (result i32) (i32.const 5) (if (param i32) (result i32) (i32.const 1) (then))))");
  await assertInvalid(t, "(module (func (if (i32.const 1) (then (i32.const 1)) (else))))", "type mismatch");
  await assertInvalid(t, "(module (func (if (i64.const 1) (then))))", "type mismatch");
});

test("branches: labels must exist and carry their label's types", async (t) => {
  await assertInvalid(t, "(module (func (br 1)))", "unknown label 1");
  await assertInvalid(t, "(module (func (block (br_if 2 (i32.const 0)))))", "unknown label 2");
  await assertInvalid(t, "(module (func (result i32) (block (result i32) (br 0 (i64.const 1)))))", "type mismatch");
  await assertValid(t, "(module (func (result i32) (block (result i32) (br 0 (i32.const 1)))))");
  // A loop's label takes the loop's parameters, not its results.
  await assertValid(t, "(module (func (result i64) (i32.const 0) (loop (param i32) (result i64) (br 0 (i32.const 1)))))");
  await assertInvalid(t, "(module (func (result i64) (i32.const 0) (loop (param i32) (result i64) (br 0 (i64.const 1)))))", "type mismatch");
  await assertValid(t, "(module (func (result i32) (return (i32.const 1))))");
  await assertInvalid(t, "(module (func (result i32) (return (i64.const 1))))", "type mismatch");
});

test("br_table: all targets must have the default's arity and accept the operands", async (t) => {
  await assertValid(t, `(module (func (result i32) (block (result i32) (block (result i32)
    (br_table 0 1 1 (i32.const 7) (i32.const 0))))))`);
  await assertInvalid(t, `(module (func (result i32) (block (result i32) (block
    (br_table 0 1 (i32.const 7) (i32.const 0))) (i32.const 0))))`, "type mismatch");
  await assertInvalid(t, `(module (func (block (result f32) (block (result i32)
    (br_table 0 1 (i32.const 7) (i32.const 0))) (drop) (f32.const 0)) (drop)))`, "type mismatch");
  await assertInvalid(t, "(module (func (block (br_table 0 3 (i32.const 0)))))", "unknown label 3");
  // In unreachable code, targets of different types with the same arity are fine.
  await assertValid(t, `(module (func (block (result f32) (block (result i32)
    (unreachable) (br_table 0 1 (i32.const 0))) (drop) (f32.const 0)) (drop)))`);
});

test("unreachable code: the stack is polymorphic, but known operands are still checked", async (t) => {
  await assertValid(t, "(module (func (result i32) (unreachable) (i32.add)))");
  await assertValid(t, "(module (func (result i64) (block (result f32) (br 0 (f32.const 0))) (drop) (unreachable) (select)))");
  await assertInvalid(t, "(module (func (result i32) (unreachable) (i64.const 0) (i32.add)))", "type mismatch");
  await assertInvalid(t, "(module (func (unreachable) (i32.const 0) (i64.eqz) (drop)))", "type mismatch");
  // Polymorphism ends with the block: the next block starts reachable.
  await assertInvalid(t, "(module (func (result i32) (block (unreachable)) (i32.add)))", "type mismatch");
  await assertValid(t, "(module (func (result i32) (return (i32.const 0)) (drop) (drop) (f32.const 0) (drop) (i32.const 1)))");
});

test("calls: the callee must exist and get its parameters", async (t) => {
  await assertInvalid(t, "(module (func (call 5)))", "unknown function 5");
  await assertInvalid(t, "(module (func $f (param i32)) (func (call $f (i64.const 0))))", "type mismatch");
  await assertValid(t, `(module (import "m" "f" (func $f (param i32) (result i64 f32))) (func (result i64 f32) (call $f (i32.const 0))))`);
});

test("call_indirect: table must exist and hold funcref; type must exist", async (t) => {
  await assertInvalid(t, "(module (type (func)) (func (call_indirect (type 0) (i32.const 0))))", "unknown table");
  await assertInvalid(t, "(module (type (func)) (table 1 externref) (func (call_indirect (type 0) (i32.const 0))))", "type mismatch");
  await assertInvalid(t, "(module (table 1 funcref) (func (call_indirect (type 3) (i32.const 0))))", "unknown type 3");
  await assertValid(t, `(module (type $t (func (param f32) (result i32))) (table 1 externref) (table 1 funcref)
    (func (result i32) (call_indirect 1 (type $t) (f32.const 0) (i32.const 0))))`);
  await assertInvalid(t, `(module (type $t (func (param f32))) (table 1 funcref)
    (func (call_indirect (type $t) (i32.const 0) (i32.const 0))))`, "type mismatch");
});

test("select: untyped only for numeric operands of one type; typed select has one type", async (t) => {
  await assertValid(t, "(module (func (result f64) (select (f64.const 1) (f64.const 2) (i32.const 0))))");
  await assertInvalid(t, "(module (func (result i32) (select (i32.const 1) (i64.const 2) (i32.const 0))))", "type mismatch");
  await assertInvalid(t, "(module (func (param externref) (drop (select (local.get 0) (local.get 0) (i32.const 0)))))", "type mismatch");
  await assertInvalid(t, "(module (func (drop (select (ref.null func) (ref.null func) (i32.const 0)))))", "type mismatch");
  await assertValid(t, "(module (func (param externref) (result externref) (select (result externref) (local.get 0) (ref.null extern) (i32.const 0))))");
  await assertInvalid(t, "(module (func (result funcref) (select (result funcref) (ref.null extern) (ref.null func) (i32.const 0))))", "type mismatch");
  // `select` with zero or two types: wabt cannot write those, so build them by hand.
  const consts = [0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x01];
  await assertInvalid(t, oneFunc([...consts, 0x1c, 0x02, I32, I32], [I32, I32]), "invalid result arity");
  await assertInvalid(t, oneFunc([0x41, 0x01, 0x1c, 0x00]), "invalid result arity");
});

test("references: ref.is_null wants a reference; ref.func only declared functions", async (t) => {
  await assertValid(t, "(module (func (result i32) (ref.is_null (ref.null extern))))");
  await assertInvalid(t, "(module (func (result i32) (ref.is_null (i32.const 0))))", "type mismatch");
  await assertInvalid(t, "(module (func $f (drop (ref.func $f))))", "undeclared function reference");
  await assertInvalid(t, "(module (func $f) (start $f) (func (drop (ref.func $f))))", "undeclared function reference");
  await assertInvalid(t, "(module (func (drop (ref.func 9))))", "unknown function 9");
  // Declared anywhere outside function bodies: exports, element segments, global initialisers.
  await assertValid(t, `(module (func $a) (func $b) (func $c)
    (export "a" (func $a)) (elem declare func $b) (global funcref (ref.func $c))
    (func (drop (ref.func $a)) (drop (ref.func $b)) (drop (ref.func $c))))`);
});

test("table instructions: table must exist; element types must agree", async (t) => {
  await assertValid(t, `(module (table $f 1 funcref) (table $e 1 externref) (elem $s funcref (ref.null func))
    (func (param externref)
      (drop (table.get $f (i32.const 0))) (table.set $e (i32.const 0) (local.get 0))
      (drop (table.grow $e (local.get 0) (i32.const 1))) (drop (table.size $f))
      (table.fill $e (i32.const 0) (local.get 0) (i32.const 1))
      (table.copy $f $f (i32.const 0) (i32.const 0) (i32.const 0))
      (table.init $f $s (i32.const 0) (i32.const 0) (i32.const 0)) (elem.drop $s)))`);
  await assertInvalid(t, "(module (func (drop (table.size 0))))", "unknown table 0");
  await assertInvalid(t, "(module (table 1 funcref) (func (param externref) (table.set 0 (i32.const 0) (local.get 0))))", "type mismatch");
  await assertInvalid(t, "(module (table 1 externref) (func (result funcref) (table.get 0 (i32.const 0))))", "type mismatch");
  await assertInvalid(t, `(module (table $f 1 funcref) (table $e 1 externref)
    (func (table.copy $f $e (i32.const 0) (i32.const 0) (i32.const 0))))`, "type mismatch");
  await assertInvalid(t, `(module (table 1 externref) (elem $s funcref (ref.null func))
    (func (table.init 0 $s (i32.const 0) (i32.const 0) (i32.const 0))))`, "type mismatch");
  await assertInvalid(t, "(module (table 1 funcref) (func (elem.drop 2)))", "unknown elem segment 2");
  await assertInvalid(t, "(module (table 1 funcref) (func (table.init 0 4 (i32.const 0) (i32.const 0) (i32.const 0))))", "unknown elem segment 4");
});

test("bulk memory: memory and data segment indices are checked (memory first)", async (t) => {
  await assertValid(t, `(module (memory 1) (data $d "x") (func
    (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop $d)
    (memory.copy (i32.const 0) (i32.const 0) (i32.const 0)) (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))))`);
  await assertInvalid(t, "(module (memory 1) (func (memory.fill (i32.const 0) (i64.const 0) (i32.const 0))))", "type mismatch");
  await assertInvalid(t, "(module (func (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))))", "unknown memory 0");
  // Code with memory.init or data.drop needs a data count section; build it by hand where wabt omits it.
  const dataCount0 = section(Sec.DataCount, [0x00]);
  const init = [0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x08, 0x01, 0x00];
  await assertInvalid(t, oneFunc(init, [], [dataCount0]), "unknown memory 0");
  const memory = section(Sec.Memory, vec([[0x00, 0x01]]));
  await assertInvalid(t, oneFunc(init, [], [memory, dataCount0]), "unknown data segment 1");
  await assertInvalid(t, oneFunc([0xfc, 0x09, 0x00], [], [dataCount0]), "unknown data segment 0");
});
