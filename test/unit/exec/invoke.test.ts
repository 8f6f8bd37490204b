import test from "ava";
import { Trap, TrapMessage, WasmError } from "../../../impl/base/errors.js";
import { ValType } from "../../../impl/base/types.js";
import { invoke } from "../../../impl/exec/interpreter/invoke.js";
import { machine, MAX_CALL_DEPTH } from "../../../impl/exec/interpreter/machine.js";
import { MemoryInstance } from "../../../impl/runtime/instances.js";
import { call, func, host, instance, traps } from "./helpers.js";

const I32 = ValType.I32;

test("integer arithmetic, locals, calls and loops compute the expected results", async (t) => {
  const inst = await instance(`(module
    (func $fac (export "fac") (param i64) (result i64)
      (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
        (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
    (func (export "sum") (param i32) (result i32) (local i32)
      (block (loop
        (br_if 1 (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (local.get 0)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br 0)))
      (local.get 1))
    (func (export "swap") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
    (func (export "tee") (param i32) (result i32)
      ;; the stack still holds the old value of local 0 when it is overwritten
      (i32.sub (local.get 0) (local.tee 0 (i32.const 5))))
    (func (export "set-under") (param i32) (result i32)
      ;; the same, with local.set and a value computed into the local
      local.get 0
      (local.set 0 (i32.mul (local.get 0) (i32.const 3)))
      local.get 0
      i32.sub))`);
  t.deepEqual(call(inst, "fac", 20n), [2432902008176640000n]);
  t.deepEqual(call(inst, "sum", 100000), [705082704]);
  t.deepEqual(call(inst, "swap", 1, 2), [2, 1]);
  t.deepEqual(call(inst, "tee", 12), [7]);
  t.deepEqual(call(inst, "set-under", 4), [-8]);
});

test("multi-value blocks, loop parameters and br_table carry values to their labels", async (t) => {
  const inst = await instance(`(module
    (type $pair (func (param i32 i32) (result i32 i32)))
    (func (export "sumto") (param i32) (result i32)
      i32.const 0 local.get 0
      (loop $l (param i32 i32) (result i32)
        local.tee 0
        (if (param i32) (result i32) (i32.eqz)
          (then)
          (else local.get 0 i32.add local.get 0 i32.const 1 i32.sub br $l))))
    (func (export "pick") (param i32) (result i32 i32)
      (block $b (result i32 i32)
        (block $a (result i32 i32)
          i32.const 10 i32.const 20 local.get 0
          br_table $a $b $a)
        i32.const 100 i32.add))
    (func $sw (param i32 i32) (result i32 i32) local.get 1 local.get 0)
    (func (export "swapped") (result i32 i32)
      i32.const 1 i32.const 2 (block (type $pair) call $sw))
    (func (export "early") (param i32) (result i32 i64)
      i32.const 7 i64.const 8 local.get 0 br_if 0 drop drop i32.const 1 i64.const 2))`);
  t.deepEqual(call(inst, "sumto", 10), [55]);
  t.deepEqual(call(inst, "pick", 0), [10, 120]);
  t.deepEqual(call(inst, "pick", 1), [10, 20]);
  t.deepEqual(call(inst, "pick", 9), [10, 120]);
  t.deepEqual(call(inst, "swapped"), [2, 1]);
  t.deepEqual(call(inst, "early", 1), [7, 8n]);
  t.deepEqual(call(inst, "early", 0), [1, 2n]);
});

test("each trap has the spec's message", async (t) => {
  const inst = await instance(`(module
    (type $v (func)) (type $i (func (result i32)))
    (memory 1) (table 3 funcref) (elem (i32.const 0) $f)
    (func $f)
    (func (export "unreachable") unreachable)
    (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
    (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
    (func (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
    (func (export "store") (param i32) (i64.store (local.get 0) (i64.const 1)))
    (func (export "table") (param i32) (result funcref) (table.get (local.get 0)))
    (func (export "indirect") (param i32) (call_indirect (type $v) (local.get 0)))
    (func (export "mismatch") (result i32) (call_indirect (type $i) (i32.const 0)))
    (func (export "fill") (param i32 i32) (memory.fill (local.get 0) (i32.const 0) (local.get 1))))`);
  traps(t, () => call(inst, "unreachable"), TrapMessage.Unreachable);
  traps(t, () => call(inst, "div", 1, 0), TrapMessage.IntegerDivideByZero);
  traps(t, () => call(inst, "div", -0x80000000, -1), TrapMessage.IntegerOverflow);
  traps(t, () => call(inst, "trunc", 0x7ff8000000000000n), TrapMessage.InvalidConversion);
  traps(t, () => call(inst, "trunc", 0x41f0000000000000n), TrapMessage.IntegerOverflow);
  t.deepEqual(call(inst, "load", 65528), [0]);
  traps(t, () => call(inst, "load", 65529), TrapMessage.MemoryOutOfBounds);
  traps(t, () => call(inst, "load", -1), TrapMessage.MemoryOutOfBounds);
  traps(t, () => call(inst, "store", 65529), TrapMessage.MemoryOutOfBounds);
  traps(t, () => call(inst, "table", 3), TrapMessage.TableOutOfBounds);
  traps(t, () => call(inst, "indirect", 3), TrapMessage.UndefinedElement);
  traps(t, () => call(inst, "indirect", 1), TrapMessage.UninitializedElement);
  t.deepEqual(call(inst, "indirect", 0), []);
  traps(t, () => call(inst, "mismatch"), TrapMessage.IndirectCallTypeMismatch);
  traps(t, () => call(inst, "fill", 65535, 2), TrapMessage.MemoryOutOfBounds);
  t.deepEqual(call(inst, "fill", 65536, 0), [], "a zero-length fill at the end is in bounds");
});

test("an address computed with i32.add wraps at 32 bits before the access", async (t) => {
  const inst = await instance(`(module (memory 1) (data (i32.const 16) "\\2a")
    (func (export "at") (param i32) (result i32) (i32.load8_u (i32.add (local.get 0) (i32.const 32))))
    (func (export "put") (param i32) (i32.store8 (i32.add (local.get 0) (i32.const 32)) (i32.const 9))))`);
  t.deepEqual(call(inst, "at", -16), [42]);
  call(inst, "put", -15);
  t.deepEqual(call(inst, "at", -15), [9]);
  traps(t, () => call(inst, "at", 65536 - 32), TrapMessage.MemoryOutOfBounds);
});

test(`recursion ${MAX_CALL_DEPTH} frames deep runs; one more frame traps with "call stack exhausted"`, async (t) => {
  const inst = await instance(`(module
    (func $down (export "down") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))`);
  // down(n) is n + 1 frames.
  t.deepEqual(call(inst, "down", MAX_CALL_DEPTH - 1), [MAX_CALL_DEPTH - 1]);
  traps(t, () => call(inst, "down", MAX_CALL_DEPTH), TrapMessage.CallStackExhausted);
  t.deepEqual(call(inst, "down", 10), [10], "the machine is usable after exhaustion");
  t.is(machine().depth, 0);
  t.is(machine().top, 0);
});

test("host functions get and return raw values; their exceptions become traps", async (t) => {
  const seen: unknown[][] = [];
  const add = host({ params: [I32, ValType.I64, ValType.F32, ValType.F64], results: [ValType.F64] }, (args) => {
    seen.push(args);
    return [0x4000000000000000n];
  });
  const boom = new Error("boom");
  const fail = host({ params: [], results: [] }, () => { throw boom; });
  const engine = host({ params: [], results: [] }, () => { throw new Trap(TrapMessage.Unreachable, "from host"); });
  const inst = await instance(`(module
    (import "h" "add" (func $add (param i32 i64 f32 f64) (result f64)))
    (import "h" "fail" (func $fail)) (import "h" "engine" (func $engine))
    (func (export "add") (result f64) (call $add (i32.const -1) (i64.const -2) (f32.const 1.5) (f64.const -0.5)))
    (func (export "fail") (call $fail))
    (func (export "engine") (call $engine)))`, [add, fail, engine]);
  t.deepEqual(call(inst, "add"), [0x4000000000000000n]);
  t.deepEqual(seen, [[-1, -2n, 0x3fc00000, 0xbfe0000000000000n]]);
  const e = traps(t, () => call(inst, "fail"), TrapMessage.HostError);
  t.is(e.cause, boom);
  const e2 = traps(t, () => call(inst, "engine"), TrapMessage.Unreachable);
  t.is(e2.message, "unreachable: from host");
  t.true(e2 instanceof WasmError);
});

test("wasm calling a host calling wasm without end traps with call stack exhausted, never a RangeError", async (t) => {
  let inst: Awaited<ReturnType<typeof instance>> | undefined;
  const again = host({ params: [], results: [] }, () => invoke(func(inst!, "loop"), []));
  inst = await instance(`(module (import "h" "again" (func $again))
    (func (export "loop") (call $again)))`, [again]);
  traps(t, () => call(inst, "loop"), TrapMessage.CallStackExhausted);
  const deep = host({ params: [], results: [] }, function recurse(): never { return recurse(); });
  const inst2 = await instance(`(module (import "h" "deep" (func $deep)) (func (export "f") (call $deep)))`, [deep]);
  traps(t, () => call(inst2, "f"), TrapMessage.CallStackExhausted);
  t.is(machine().depth, 0);
});

test("a memory grown by a host function is seen by the wasm code that called it", async (t) => {
  const mem = new MemoryInstance({ limits: { min: 1, max: null } });
  const grow = host({ params: [], results: [] }, () => {
    mem.grow(1);
    new DataView(mem.buffer).setInt32(65536 + 8, 1234, true);
    return [];
  });
  const inst = await instance(`(module (import "h" "grow" (func $grow)) (import "h" "mem" (memory 1))
    (func (export "f") (result i32 i32) (call $grow) (i32.load (i32.const 65544)) (memory.size)))`, [grow, mem]);
  t.deepEqual(call(inst, "f"), [1234, 2]);
});

test("calls across instances use the callee's memory and globals, and its grown memory is seen after return", async (t) => {
  const a = await instance(`(module (memory (export "mem") 1) (global $g (mut i32) (i32.const 5))
    (func (export "bump") (result i32)
      (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1)))
      (global.set $g (i32.add (global.get $g) (i32.const 1)))
      (drop (memory.grow (i32.const 1)))
      (i32.add (i32.load (i32.const 0)) (global.get $g))))`);
  const b = await instance(`(module (import "a" "bump" (func $bump (result i32))) (import "a" "mem" (memory 1))
    (memory $own 1)
    (func (export "f") (result i32 i32 i32)
      (call $bump) (memory.size) (i32.load (i32.const 65536))))`.replace("(memory $own 1)", ""),
  [func(a, "bump"), a.export("mem")!]);
  t.deepEqual(call(b, "f"), [1 + 6, 2, 0]);
  t.deepEqual(call(b, "f"), [2 + 7, 3, 0]);
});

test("NaN payloads survive locals, globals, memory, select, parameters, results and reinterpretation", async (t) => {
  const inst = await instance(`(module (memory 1) (global $g (mut f64) (f64.const 0)) (global $h (mut f32) (f32.const 0))
    (func (export "f64") (param f64) (result f64) (local f64)
      (local.set 1 (local.get 0))
      (global.set $g (local.get 1))
      (f64.store (i32.const 8) (global.get $g))
      (select (f64.load (i32.const 8)) (f64.const 0) (i32.const 1)))
    (func (export "f32") (param f32) (result f32) (local f32)
      (local.set 1 (f32.neg (f32.neg (local.get 0))))
      (global.set $h (f32.abs (local.get 1)))
      (f32.store (i32.const 4) (f32.copysign (global.get $h) (local.get 0)))
      (f32.reinterpret_i32 (i32.reinterpret_f32 (f32.load (i32.const 4))))))`);
  t.deepEqual(call(inst, "f64", 0xfff0000000000001n), [0xfff0000000000001n]);
  t.deepEqual(call(inst, "f64", 0x7ff4000000000abcn), [0x7ff4000000000abcn]);
  t.deepEqual(call(inst, "f32", 0xff800001), [0xff800001]);
  t.deepEqual(call(inst, "f32", 0x7fa00abc), [0x7fa00abc]);
});

test("references, tables and bulk memory", async (t) => {
  const inst = await instance(`(module (memory 1) (table $t 2 10 funcref) (table $e 1 externref)
    (data $d "hello") (elem $s func $a $b) (func $a (result i32) (i32.const 1)) (func $b (result i32) (i32.const 2))
    (type $r (func (result i32)))
    (func (export "init") (table.init $t $s (i32.const 0) (i32.const 0) (i32.const 2)) (elem.drop $s)
      (memory.init $d (i32.const 100) (i32.const 1) (i32.const 4)) (data.drop $d))
    (func (export "calls") (result i32 i32) (call_indirect (type $r) (i32.const 0)) (call_indirect (type $r) (i32.const 1)))
    (func (export "grow") (result i32 i32) (table.grow $t (ref.func $b) (i32.const 3)) (table.size $t))
    (func (export "copy") (memory.copy (i32.const 101) (i32.const 100) (i32.const 4)))
    (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))
    (func (export "ext") (param externref) (result externref i32)
      (table.set $e (i32.const 0) (local.get 0)) (table.get $e (i32.const 0)) (ref.is_null (local.get 0)))
    (func (export "again") (table.init $t $s (i32.const 0) (i32.const 0) (i32.const 1))))`);
  call(inst, "init");
  t.deepEqual(call(inst, "calls"), [1, 2]);
  t.deepEqual(call(inst, "grow"), [2, 5]);
  call(inst, "copy");
  t.deepEqual([100, 101, 102, 103, 104].map((i) => call(inst, "peek", i)[0]), [101, 101, 108, 108, 111]);
  const token = { host: true };
  t.deepEqual(call(inst, "ext", token), [token, 0]);
  t.deepEqual(call(inst, "ext", null), [null, 1]);
  traps(t, () => call(inst, "again"), TrapMessage.TableOutOfBounds);
});

test("a loop longer than the dispatch loop's fuel suspends and resumes with the right result", async (t) => {
  const inst = await instance(`(module (func (export "count") (param i32) (result i32) (local i32)
    (loop (local.set 1 (i32.add (local.get 1) (i32.const 3)))
      (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 1)))`);
  const n = 5 * machine().fuel + 17;
  t.deepEqual(call(inst, "count", n), [3 * n]);
});

test("i64 shifts and rotates by every constant count, alone and xored, match bigint arithmetic", async (t) => {
  const ops = ["shl", "shr_s", "shr_u", "rotl", "rotr"];
  const counts = [0, 1, 7, 13, 31, 32, 33, 40, 63, 64, 65, -1];
  const funcs = ops.flatMap((op) => counts.flatMap((k) => [
    `(func (export "${op}${k}") (param i64) (result i64) (i64.${op} (local.get 0) (i64.const ${k})))`,
    `(func (export "x${op}${k}") (param i64 i64) (result i64) (i64.xor (local.get 1) (i64.${op} (local.get 0) (i64.const ${k}))))`,
  ]));
  const inst = await instance(`(module ${funcs.join("\n")})`);
  const M = (1n << 64n) - 1n;
  const ref = (op: string, x: bigint, k: number): bigint => {
    const n = BigInt(k & 63), u = x & M;
    switch (op) {
      case "shl": return BigInt.asIntN(64, u << n);
      case "shr_s": return BigInt.asIntN(64, x) >> n;
      case "shr_u": return BigInt.asIntN(64, u >> n);
      case "rotl": return BigInt.asIntN(64, (u << n) | (u >> ((64n - n) % 64n)));
      default: return BigInt.asIntN(64, (u >> n) | (u << ((64n - n) % 64n)));
    }
  };
  for (const x of [0x0123456789abcdefn, -0x0123456789abcdefn, -1n, 1n, -(1n << 63n)]) {
    for (const op of ops) for (const k of counts) {
      t.deepEqual(call(inst, `${op}${k}`, x), [ref(op, x, k)], `${op} ${x} by ${k}`);
      t.deepEqual(call(inst, `x${op}${k}`, x, 0x5555n), [ref(op, x, k) ^ 0x5555n], `xor of ${op} ${x} by ${k}`);
    }
  }
});

test("dot products and sums over memory, with fused loads, match a JavaScript reference", async (t) => {
  const inst = await instance(`(module (memory (export "mem") 1)
    (func (export "dot") (param $a i32) (param $b i32) (param $n i32) (result f64) (local $s f64)
      (block (loop (br_if 1 (i32.eqz (local.get $n)))
        (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $a)) (f64.load (i32.add (local.get $b) (i32.const 0))))))
        (local.set $a (i32.add (local.get $a) (i32.const 8))) (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br 0)))
      (local.get $s))
    (func (export "sum") (param $a i32) (param $n i32) (result f64) (local $s f64)
      (block (loop (br_if 1 (i32.eqz (local.get $n)))
        (local.set $s (f64.add (local.get $s) (f64.load (i32.add (local.get $a) (i32.const 16)))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br 0)))
      (local.get $s)))`);
  const f64 = new Float64Array((inst.export("mem") as import("../../../impl/runtime/instances.js").MemoryInstance).buffer, 0, 64);
  for (let i = 0; i < 64; i++) f64[i] = (i * 7 % 13) / 4 - 1;
  let dot = 0, sum = 0;
  for (let i = 0; i < 20; i++) dot += f64[i]! * f64[32 + i]!;
  for (let i = 0; i < 20; i++) sum += f64[2 + i]!;
  const bits = (x: number) => new BigUint64Array(new Float64Array([x]).buffer)[0]!;
  t.deepEqual(call(inst, "dot", 0, 256, 20), [bits(dot)]);
  t.deepEqual(call(inst, "sum", 0, 20), [bits(sum)]);
  traps(t, () => call(inst, "dot", 65536 - 8, 0, 2), TrapMessage.MemoryOutOfBounds);
});
