import test from "ava";
import { createAssembler } from "../../spec/assemble.js";
import { ScriptRunner, type Outcome } from "../../spec/execute.js";
import { parseScript } from "../../spec/script.js";

async function run(src: string): Promise<Outcome[]> {
  const runner = new ScriptRunner(await createAssembler());
  return parseScript(new TextEncoder().encode(src)).map((c, i) => runner.run(c, i));
}

const statuses = (os: Outcome[]) => os.map((o) => o.status);

test("globals are read with get, compared exactly", async (t) => {
  const os = await run(`
    (module (global (export "g") i32 (i32.const -7)) (global (export "h") f32 (f32.const -0)))
    (assert_return (get "g") (i32.const 0xfffffff9))
    (assert_return (get "h") (f32.const -0))
    (assert_return (get "h") (f32.const 0))`);
  t.deepEqual(statuses(os), ["pass", "pass", "pass", "fail"]);
  t.regex(os[3]!.detail!, /expected f32.const bits 0x00000000, got number 2147483648/);
});

test("spectest provides the globals; a registered instance provides its exports", async (t) => {
  const os = await run(`
    (module $a
      (import "spectest" "global_i32" (global $i i32))
      (import "spectest" "global_f64" (global $f f64))
      (global (export "i") i32 (global.get $i))
      (global (export "f") f64 (global.get $f)))
    (register "a" $a)
    (module (import "a" "i" (global $x i32)) (global (export "y") i32 (global.get $x)))
    (assert_return (get "y") (i32.const 666))
    (assert_return (get $a "f") (f64.const 666.6))`);
  t.deepEqual(statuses(os), ["pass", "pass", "pass", "pass", "pass"]);
});

test("verdicts: invalid, binary malformed, unlinkable, instantiation trap", async (t) => {
  const os = await run(`
    (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
    (assert_malformed (module binary "\\00asm" "\\02\\00\\00\\00") "unknown binary version")
    (assert_unlinkable (module (import "nowhere" "x" (func))) "unknown import")
    (assert_unlinkable (module (import "spectest" "global_i32" (global i64))) "incompatible import type")
    (assert_trap (module (memory 0) (data (i32.const 1) "a")) "out of bounds memory access")`);
  t.deepEqual(statuses(os), ["pass", "pass", "pass", "pass", "pass"]);
  t.true(os.every((o) => o.message?.matched));
  t.deepEqual(os.map((o) => o.message?.category), [
    "assert_invalid", "assert_malformed (binary)", "assert_unlinkable", "assert_unlinkable", "assert_trap",
  ]);
});

test("the wrong verdict fails; the right verdict with another message passes but is recorded", async (t) => {
  const os = await run(`
    (assert_invalid (module (func)) "type mismatch")
    (assert_invalid (module binary "\\00asm") "type mismatch")
    (assert_invalid (module (func (result i32) (i64.const 0))) "some other text")`);
  t.deepEqual(statuses(os), ["fail", "fail", "pass"]);
  t.regex(os[0]!.detail!, /the module validated/);
  t.regex(os[1]!.detail!, /malformed \(DecodeError\)/);
  t.like(os[2]!.message, { matched: false, expected: "some other text" });
});

test("assert_malformed on module quote is skipped as a text-parser test", async (t) => {
  const os = await run(`(assert_malformed (module quote "(func (i32.const 0x))") "unknown operator")`);
  t.like(os[0], { status: "skip", skip: "text-malformed" });
});

test("a failed module definition fails the commands that use it, not the script", async (t) => {
  const os = await run(`
    (module (func (result i32) (i64.const 0)))
    (assert_return (get "g") (i32.const 1))
    (module $ok (global (export "g") i32 (i32.const 1)))
    (assert_return (get "g") (i32.const 1))
    (frobnicate)
    (assert_return (get $ok "g") (i32.const 1))`);
  t.deepEqual(statuses(os), ["fail", "fail", "pass", "pass", "fail", "pass"]);
  t.regex(os[0]!.detail!, /module definition failed: invalid \(ValidationError\): type mismatch/);
  t.regex(os[1]!.detail!, /the module defined at line 2 failed/);
  t.regex(os[4]!.detail!, /unsupported command frobnicate/);
});

test("module definition compiles without instantiating; each module instance is a new instance (issue 17)", async (t) => {
  const os = await run(`
    (module definition $M (global (export "g") (mut i32) (i32.const 0)) (func (export "bump") (result i32)
      (global.set 0 (i32.add (global.get 0) (i32.const 1))) (global.get 0)))
    (module instance $I1 $M)
    (module instance $I2 $M)
    (assert_return (invoke $I1 "bump") (i32.const 1))
    (assert_return (invoke $I1 "bump") (i32.const 2))
    (assert_return (invoke $I2 "bump") (i32.const 1))
    (module instance)
    (assert_return (invoke "bump") (i32.const 1))
    (module definition (memory 65536))
    (module definition $N binary "\\00asm\\01\\00\\00\\00")
    (module instance $J $N)
    (module instance $K $nothing)`);
  t.deepEqual(statuses(os), ["pass", "pass", "pass", "pass", "pass", "pass", "pass", "pass", "pass", "pass", "pass", "fail"]);
  t.regex(os[11]!.detail!, /no module defined as \$nothing/);
});

test("a module definition that fails fails its instances, not the script", async (t) => {
  const os = await run(`
    (module definition $M (func (result i32) (i64.const 0)))
    (module instance $I $M)
    (module (global (export "g") i32 (i32.const 5)))
    (assert_return (get "g") (i32.const 5))`);
  t.deepEqual(statuses(os), ["fail", "fail", "pass", "pass"]);
  t.regex(os[1]!.detail!, /the module defined at line 2 failed/);
});
