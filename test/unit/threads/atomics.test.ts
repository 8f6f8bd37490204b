import test from "ava";
import { Trap, TrapMessage, ValidationError } from "../../../impl/base/errors.js";
import { compileModule, instantiate, invoke, MemoryInstance, Store, type ModuleInstance, type RawValue } from "../../../impl/index.js";
import { wat, WASM_THREADS_FEATURES } from "../../helpers/wat.js";
import { func } from "../exec/helpers.js";

const TIERS = ["interpreter", "compiler"] as const;

async function instanceIn(tier: (typeof TIERS)[number], text: string, imports: MemoryInstance[] = []): Promise<ModuleInstance> {
  return instantiate(new Store({ tier }), compileModule(await wat(text, WASM_THREADS_FEATURES)), imports);
}

function run(inst: ModuleInstance, name: string, ...args: RawValue[]): RawValue[] {
  return invoke(func(inst, name), args);
}

const COUNTER = `(module
  (import "env" "mem" (memory 1 4 shared))
  (func (export "add") (param i32 i32) (result i32) (i32.atomic.rmw.add (local.get 0) (local.get 1)))
  (func (export "cas64") (param i32 i64 i64) (result i64) (i64.atomic.rmw.cmpxchg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "xchg8") (param i32 i32) (result i32) (i32.atomic.rmw8.xchg_u (local.get 0) (local.get 1)))
  (func (export "sub16") (param i32 i64) (result i64) (i64.atomic.rmw16.sub_u (local.get 0) (local.get 1)))
  (func (export "load64") (param i32) (result i64) (i64.atomic.load (local.get 0)))
  (func (export "store32") (param i32 i64) (i64.atomic.store32 (local.get 0) (local.get 1)))
  (func (export "fence") atomic.fence)
  (func (export "wait32") (param i32 i32 i64) (result i32) (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "notify") (param i32 i32) (result i32) (memory.atomic.notify (local.get 0) (local.get 1)))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`;

for (const tier of TIERS) {
  test(`${tier}: atomic read-modify-writes, loads and stores of every width act on the shared bytes`, async (t) => {
    const mem = new MemoryInstance({ limits: { min: 1, max: 4 }, shared: true });
    const inst = await instanceIn(tier, COUNTER, [mem]);
    t.deepEqual(run(inst, "add", 8, 5), [0]);
    t.deepEqual(run(inst, "add", 8, -1), [5]);
    t.is(mem.view.getInt32(8, true), 4);
    t.deepEqual(run(inst, "cas64", 16, 0n, 0x0123456789abcdefn), [0n]);
    t.deepEqual(run(inst, "cas64", 16, 1n, 7n), [0x0123456789abcdefn], "a failed compare leaves the value");
    t.deepEqual(run(inst, "load64", 16), [0x0123456789abcdefn]);
    t.deepEqual(run(inst, "xchg8", 16, 0x1ff), [0xef], "the narrow access returns the old byte, zero-extended");
    t.is(mem.bytes[16], 0xff);
    t.deepEqual(run(inst, "sub16", 18, 1n), [0x89abn]);
    run(inst, "store32", 24, -1n);
    t.deepEqual(run(inst, "load64", 24), [0xffffffffn]);
    t.deepEqual(run(inst, "fence"), []);
    // A value that differs: "not-equal" (1) without blocking; equal with a zero timeout: "timed-out" (2).
    t.deepEqual(run(inst, "wait32", 8, 3, -1n), [1]);
    t.deepEqual(run(inst, "wait32", 8, 4, 0n), [2]);
    t.deepEqual(run(inst, "notify", 8, 1), [0]);
    if (tier === "compiler") {
      // Really compiled (at their first call), not handed to the interpreter.
      for (const name of ["add", "cas64", "load64", "store32", "wait32", "notify"]) t.not(func(inst, name).jit, null, name);
    }
  });

  test(`${tier}: unaligned atomic accesses trap, out of bounds ones trap as any access, and wait needs a shared memory`, async (t) => {
    const inst = await instanceIn(tier, COUNTER, [new MemoryInstance({ limits: { min: 1, max: 4 }, shared: true })]);
    t.throws(() => run(inst, "add", 2, 1), { instanceOf: Trap, message: new RegExp(`^${TrapMessage.UnalignedAtomic}`) });
    t.throws(() => run(inst, "cas64", 4, 0n, 0n), { instanceOf: Trap, message: /^unaligned atomic/ });
    t.throws(() => run(inst, "add", 65536, 1), { instanceOf: Trap, message: /^out of bounds memory access/ });
    t.throws(() => run(inst, "notify", 1, 1), { instanceOf: Trap, message: /^unaligned atomic/ });
    const unshared = await instanceIn(tier, `(module (memory 1)
      (func (export "wait") (result i32) (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 0)))
      (func (export "notify") (result i32) (memory.atomic.notify (i32.const 0) (i32.const 1)))
      (func (export "add") (result i32) (i32.atomic.rmw.add (i32.const 0) (i32.const 2))))`);
    t.throws(() => run(unshared, "wait"), { instanceOf: Trap, message: /^expected shared memory/ });
    t.deepEqual(run(unshared, "notify"), [0]);
    t.deepEqual(run(unshared, "add"), [0]);
    t.deepEqual(run(unshared, "add"), [2], "atomics work on an unshared memory too");
  });

  test(`${tier}: a shared memory grown through one memory object is seen through another over the same storage`, async (t) => {
    const mem = new MemoryInstance({ limits: { min: 1, max: 4 }, shared: true });
    // As another thread would: its own memory object over the same SharedArrayBuffer.
    const other = MemoryInstance.fromShared(mem.sharedParts!);
    const inst = await instanceIn(tier, COUNTER, [mem]);
    const otherInst = await instanceIn(tier, COUNTER, [other]);
    t.deepEqual(run(inst, "grow", 2), [1]);
    t.deepEqual(run(otherInst, "size"), [3]);
    t.deepEqual(run(otherInst, "add", 3 * 65536 - 4, 9), [0], "the other instance reaches the new pages");
    t.is(mem.view.getInt32(3 * 65536 - 4, true), 9);
    t.deepEqual(run(otherInst, "grow", 1), [3]);
    t.deepEqual(run(otherInst, "grow", 1), [-1], "the maximum holds for every holder");
    t.is(mem.sizePages, 4);
    t.is(mem.buffer, other.buffer);
  });
}

test("validation: atomic alignment must be exactly natural, shared memories need a maximum, shared and unshared imports do not match", async (t) => {
  const underAligned = await wat(`(module (memory 1 1 shared) (func (drop (i32.atomic.load align=2 (i32.const 0)))))`, WASM_THREADS_FEATURES);
  t.throws(() => compileModule(underAligned), { instanceOf: ValidationError, message: /^atomic alignment must be natural/ });
  const noMaximum = await wat(`(module (memory 1 shared))`, WASM_THREADS_FEATURES);
  t.throws(() => compileModule(noMaximum), { instanceOf: ValidationError, message: /^shared memory must have maximum/ });
  const m = compileModule(await wat(`(module (import "a" "m" (memory 1 2 shared)))`, WASM_THREADS_FEATURES));
  t.throws(() => instantiate(new Store(), m, [new MemoryInstance({ limits: { min: 1, max: 2 } })]), { message: /^incompatible import type/ });
  t.notThrows(() => instantiate(new Store(), m, [new MemoryInstance({ limits: { min: 1, max: 2 }, shared: true })]));
  t.deepEqual(new MemoryInstance({ limits: { min: 1, max: 2 }, shared: true }).externType().type, { limits: { min: 1, max: 2 }, shared: true });
});
