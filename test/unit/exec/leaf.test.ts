/**
 * Leaf host functions (FuncInstance.leaf, WASI's functions): the interpreter
 * calls them inside its dispatch loop. They must behave exactly as any other
 * host call: results, caller, traps located at the call, fuel.
 */
import test from "ava";
import { Trap, TrapMessage } from "../../../impl/base/errors.js";
import { Op } from "../../../impl/base/opcodes.js";
import { ValType } from "../../../impl/base/types.js";
import { CodeReader } from "../../../impl/decode/code.js";
import { invoke } from "../../../impl/exec/interpreter/invoke.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { Store, type FuncInstance, type ModuleInstance } from "../../../impl/runtime/instances.js";
import type { HostFunc } from "../../../impl/runtime/instances.js";
import { call, compile, host, traps } from "./helpers.js";

const { I32, I64, F64 } = ValType;

const leaf = (params: ValType[], results: ValType[], impl: HostFunc): FuncInstance => {
  const f = host({ params, results }, impl);
  f.leaf = true;
  return f;
};

const SUM = `(module
  (import "h" "f" (func $f (param i32 i64 f64) (result i64 i32)))
  (func (export "sum") (param $n i32) (result i64) (local $acc i64)
    (loop $l
      (call $f (local.get $n) (i64.const 5) (f64.const 0.5))
      (drop)
      (local.get $acc)
      (i64.add)
      (local.set $acc)
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc)))`;

test("a leaf host function's several results land where the caller reads them, call after call", async (t) => {
  const seen: ModuleInstance[] = [];
  let calls = 0;
  const f = leaf([I32, I64, F64], [I64, I32], (args, caller) => {
    calls++;
    if (caller !== null && seen.length === 0) seen.push(caller);
    return [BigInt(args[0] as number) * 2n + (args[1] as bigint), 7];
  });
  const inst = instantiate(new Store(), await compile(SUM), [f]);
  // Each call returns (2n + 5, 7); the i32 result is dropped and the i64 summed: sum over n = 1..100 of 2n + 5.
  t.deepEqual(call(inst, "sum", 100), [2n * 5050n + 500n]);
  t.is(calls, 100);
  t.is(seen[0], inst, "the caller is the instance whose code made the call");
});

/** The offset in the module binary of the first `call` of function `funcIndex`. */
function callOffset(inst: ModuleInstance, funcIndex: number): number {
  const m = inst.module;
  const body = m.codes[funcIndex - m.importedFuncs]!;
  const r = new CodeReader(m.bytes, body.codeStart, body.codeEnd);
  while (r.pos < body.codeEnd) if (r.next() === Op.Call) return r.opOffset;
  throw new Error("no call");
}

test("a trap or a JavaScript error in a leaf host function is a trap located at the call", async (t) => {
  const boom = new Error("boom");
  let mode = 0;
  const f = leaf([I32], [I32], ([x]) => {
    if (mode === 1) throw new Trap(TrapMessage.Unreachable, "from the host");
    if (mode === 2) throw boom;
    return [(x as number) + 1];
  });
  const inst = instantiate(new Store(), await compile(`(module (import "h" "f" (func $f (param i32) (result i32)))
    (func $mid (param i32) (result i32) (i32.add (call $f (local.get 0)) (i32.const 1)))
    (func (export "go") (param i32) (result i32) (call $mid (local.get 0))))`), [f]);
  t.deepEqual(call(inst, "go", 1), [3]);
  mode = 1;
  const e = traps(t, () => call(inst, "go", 1), TrapMessage.Unreachable);
  t.is(e.frames.length, 2);
  t.is(e.frames[0]!.funcIndex, 1);
  t.is(e.frames[0]!.moduleOffset, callOffset(inst, 1));
  t.is(e.frames[1]!.moduleOffset, callOffset(inst, 2));
  mode = 2;
  t.is(traps(t, () => call(inst, "go", 1), TrapMessage.HostError).cause, boom);
  mode = 0;
  t.deepEqual(call(inst, "go", 41), [43], "the machine is usable after");
});

test("each leaf call costs fuel, and fuel running out stops a loop of them", async (t) => {
  const store = new Store({ consumeFuel: true });
  let calls = 0;
  const f = leaf([I32], [I32], ([x]) => { calls++; return [x as number]; });
  const inst = instantiate(store, await compile(`(module (import "h" "f" (func $f (param i32) (result i32)))
    (func (export "spin") (loop $l (br_if $l (call $f (i32.const 1))))))`), [f]);
  store.setFuel(1000);
  traps(t, () => call(inst, "spin"), TrapMessage.OutOfFuel);
  // One unit for the entry; then each iteration costs a call and a backward branch.
  t.true(calls >= 490 && calls <= 500, `${calls} calls on 1000 units of fuel`);
  t.is(store.getFuel(), 0);
});

test("a leaf host function called directly by the host has no caller", (t) => {
  let caller: ModuleInstance | null | undefined;
  const f = leaf([], [I32], (_, c) => { caller = c; return [9]; });
  t.deepEqual(invoke(f, []), [9]);
  t.is(caller, null);
});
