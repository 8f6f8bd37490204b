/**
 * Running typed function references on every tier: `call_ref` and
 * `return_call_ref` (a null reference traps "null function reference" at the
 * instruction, with the frames of the calls around it), `ref.as_non_null`,
 * `br_on_null` and `br_on_non_null`, tables with an initialiser.
 */
import test from "ava";
import { Trap, TrapMessage } from "../../../impl/base/errors.js";
import { Op } from "../../../impl/base/opcodes.js";
import { CodeReader } from "../../../impl/decode/code.js";
import { instantiate, invoke, Store, type TierName } from "../../../impl/index.js";
import { FuncInstance, TableInstance, type ModuleInstance } from "../../../impl/runtime/instances.js";
import type { RawValue } from "../../../impl/runtime/values.js";
import { compileRefs } from "./helpers.js";

const TIERS: readonly TierName[] = ["interpreter", "compiler", "tiered"];

const TEXT = `(module
  (type $ii (func (param i32) (result i32)))
  (type $v (func))
  (table $tab 2 (ref null $ii))
  (table $init 3 (ref $ii) (ref.func $inc))
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (elem declare func $inc $double)
  (func $apply (param $f (ref null $ii)) (param $x i32) (result i32)
    (call_ref $ii (local.get $x) (local.get $f)))
  (func (export "apply") (param i32 i32) (result i32)
    (call $apply (table.get $tab (local.get 0)) (local.get 1)))
  (func (export "set") (param i32) (table.set $tab (local.get 0) (ref.func $double)))
  (func (export "tail") (param i32 i32) (result i32)
    (return_call_ref $ii (local.get 1) (table.get $tab (local.get 0))))
  (func (export "init") (param i32 i32) (result i32)
    (call_ref $ii (local.get 1) (table.get $init (local.get 0))))
  (func (export "nonnull") (param i32) (result i32)
    (drop (ref.as_non_null (table.get $tab (local.get 0)))) (i32.const 1))
  (func (export "on_null") (param i32) (result i32)
    (block $null
      (return (call_ref $ii (i32.const 10) (br_on_null $null (table.get $tab (local.get 0))))))
    (i32.const -1))
  (func (export "on_non_null") (param i32) (result i32) (local $r (ref $ii))
    (local.set $r (block $some (result (ref $ii))
      (br_on_non_null $some (table.get $tab (local.get 0)))
      (return (i32.const -1))))
    (call_ref $ii (i32.const 20) (local.get $r)))
)`;

function call(inst: ModuleInstance, name: string, ...args: RawValue[]): RawValue[] {
  const f = inst.export(name);
  if (!(f instanceof FuncInstance)) throw new Error(`no function export ${name}`);
  return invoke(f, args);
}

/** The offset of the first instruction `op` in the body of function `funcIndex`. */
function offsetOf(inst: ModuleInstance, funcIndex: number, op: number): number {
  const m = inst.module;
  const body = m.codes[funcIndex - m.importedFuncs]!;
  const r = new CodeReader(m.bytes, body.codeStart, body.codeEnd);
  while (r.pos < body.codeEnd) if (r.next() === op) return r.opOffset;
  throw new Error(`no instruction 0x${op.toString(16)}`);
}

for (const tier of TIERS) {
  test(`${tier}: call_ref calls what the reference designates; a null one traps "null function reference" at the call_ref`, async (t) => {
    const inst = instantiate(new Store({ tier }), await compileRefs(TEXT), []);
    const e = t.throws(() => call(inst, "apply", 0, 5), { instanceOf: Trap });
    t.is(e.reason, TrapMessage.NullFunctionReference);
    // $apply (function 2) trapped at its call_ref, called from the export (function 3) at its call.
    t.is(e.frames.length, 2);
    t.is(e.frames[0]!.funcIndex, 2);
    t.is(e.frames[0]!.moduleOffset, offsetOf(inst, 2, Op.CallRef));
    t.is(e.frames[1]!.funcIndex, 3);
    t.is(e.frames[1]!.moduleOffset, offsetOf(inst, 3, Op.Call));
    call(inst, "set", 1);
    t.deepEqual(call(inst, "apply", 1, 21), [42]);
    // The compiled tier compiles call_ref itself (return_call_ref is left to the interpreter).
    if (tier === "compiler") t.not(inst.funcs[2]!.jit, null, "$apply is compiled");
  });

  test(`${tier}: return_call_ref, ref.as_non_null, br_on_null, br_on_non_null, table initialisers`, async (t) => {
    const inst = instantiate(new Store({ tier }), await compileRefs(TEXT), []);
    t.is(t.throws(() => call(inst, "tail", 0, 1), { instanceOf: Trap }).reason, TrapMessage.NullFunctionReference);
    t.is(t.throws(() => call(inst, "nonnull", 0), { instanceOf: Trap }).reason, TrapMessage.NullReference);
    t.deepEqual(call(inst, "on_null", 0), [-1]);
    t.deepEqual(call(inst, "on_non_null", 0), [-1]);
    call(inst, "set", 1);
    t.deepEqual(call(inst, "tail", 1, 8), [16]);
    t.deepEqual(call(inst, "nonnull", 1), [1]);
    t.deepEqual(call(inst, "on_null", 1), [20]);
    t.deepEqual(call(inst, "on_non_null", 1), [40]);
    // Every element of the initialised table is $inc.
    t.deepEqual(call(inst, "init", 2, 1), [2]);
  });
}

test("a function of another type stored by the host where the module's types cannot stop it traps instead of running", async (t) => {
  const inst = instantiate(new Store(), await compileRefs(TEXT), []);
  const other = await compileRefs(`(module (func (export "f") (param i64) (result i64) (local.get 0)))`);
  const wrong = instantiate(new Store(), other, []).export("f")!;
  // The host writes the table directly (as wasm_table_set could): no type check on the way in.
  (inst.tables[0] as TableInstance).set(0, wrong);
  t.is(t.throws(() => call(inst, "apply", 0, 1), { instanceOf: Trap }).reason, TrapMessage.IndirectCallTypeMismatch);
});
