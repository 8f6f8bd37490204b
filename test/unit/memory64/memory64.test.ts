import test from "ava";
import { DecodeError, Trap, TrapMessage, ValidationError } from "../../../impl/base/errors.js";
import { DEFAULT_FEATURES, WASM_2_0 } from "../../../impl/base/features.js";
import { PAGE_SIZE } from "../../../impl/base/types.js";
import { compileModule, decodeModule, instantiate, invoke, MemoryInstance, Store, validateModule, type ModuleInstance, type RawValue } from "../../../impl/index.js";
import { setAllocationFailureForTesting } from "../../../impl/runtime/allocate.js";
import { wat, WASM3_FEATURES } from "../../helpers/wat.js";
import { func } from "../exec/helpers.js";

const TIERS = ["interpreter", "compiler", "tiered"] as const;

async function instanceIn(tier: string, text: string): Promise<ModuleInstance> {
  return instantiate(new Store({ tier: tier as (typeof TIERS)[number] }), compileModule(await wat(text, WASM3_FEATURES)), []);
}

function run(inst: ModuleInstance, name: string, ...args: RawValue[]): RawValue[] {
  return invoke(func(inst, name), args);
}

const OOB = { instanceOf: Trap, message: new RegExp(`^${TrapMessage.MemoryOutOfBounds}`) };

/** A module with one function body `body` (bytes), a type `() -> ()` and `memories` memory types (limits bytes each). */
function binary(memories: number[][], body: number[]): Uint8Array {
  const mem = [memories.length, ...memories.flat()];
  const code = [0, ...body, 0x0b];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
    0x03, 0x02, 0x01, 0x00,
    0x05, mem.length, ...mem,
    0x0a, code.length + 2, 0x01, code.length, ...code,
  ]);
}

test("a memarg whose flags have bit 6 carries a memory index; Wasm 2.0 calls those flags malformed", (t) => {
  // i32.const 0; i32.load8_u align=1 memory 1 offset 3; drop
  const body = [0x41, 0x00, 0x2d, 0x40, 0x01, 0x03, 0x1a];
  const bytes = binary([[0x00, 0x01], [0x00, 0x01]], body);
  t.notThrows(() => validateModule(decodeModule(bytes, DEFAULT_FEATURES)));
  t.throws(() => decodeModule(bytes, WASM_2_0), { instanceOf: DecodeError, message: /^malformed memop flags/ });
  // Flags of 128 and more are malformed with multiple memories too.
  t.throws(() => decodeModule(binary([[0x00, 0x01]], [0x41, 0x00, 0x2d, 0x80, 0x01, 0x00, 0x1a]), DEFAULT_FEATURES),
    { instanceOf: DecodeError, message: /^malformed memop flags/ });
});

test("a memory index beyond the memories is unknown, in a memarg and in memory.size", (t) => {
  const load = binary([[0x00, 0x01], [0x00, 0x01]], [0x41, 0x00, 0x2d, 0x40, 0x02, 0x00, 0x1a]);
  t.throws(() => validateModule(decodeModule(load, DEFAULT_FEATURES)), { instanceOf: ValidationError, message: /^unknown memory 2/ });
  const size = binary([[0x00, 0x01]], [0x3f, 0x01, 0x1a]);
  t.throws(() => validateModule(decodeModule(size, DEFAULT_FEATURES)), { instanceOf: ValidationError, message: /^unknown memory 1/ });
  // memory.copy from memory 1 of one memory.
  const copy = binary([[0x00, 0x01]], [0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0a, 0x00, 0x01]);
  t.throws(() => validateModule(decodeModule(copy, DEFAULT_FEATURES)), { instanceOf: ValidationError, message: /^unknown memory 1/ });
});

test("an i32 memory's offset is below 2^32; an i64 memory's may be any u64; an i64 memory has at most 2^48 pages", (t) => {
  // i32.load offset=2^32 (a u64 LEB128: 0x80 0x80 0x80 0x80 0x10)
  const big = [0x2d, 0x00, 0x80, 0x80, 0x80, 0x80, 0x10, 0x1a];
  t.throws(() => validateModule(decodeModule(binary([[0x00, 0x01]], [0x41, 0x00, ...big]), DEFAULT_FEATURES)),
    { instanceOf: ValidationError, message: /^offset out of range/ });
  t.notThrows(() => validateModule(decodeModule(binary([[0x04, 0x01]], [0x42, 0x00, ...big]), DEFAULT_FEATURES)));
  // An i64 memory addressed by an i32: a type mismatch.
  t.throws(() => validateModule(decodeModule(binary([[0x04, 0x01]], [0x41, 0x00, 0x2d, 0x00, 0x00, 0x1a]), DEFAULT_FEATURES)),
    { instanceOf: ValidationError, message: /^type mismatch/ });
  // min 2^48 + 1 pages: 0x81 0x80 0x80 0x80 0x80 0x80 0x80 0x01
  const tooLarge = binary([[0x04, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]], []);
  t.throws(() => validateModule(decodeModule(tooLarge, DEFAULT_FEATURES)),
    { instanceOf: ValidationError, message: /^memory size must be at most 2\^48 pages/ });
});

const BOUNDS = `(module
  (memory i64 1)
  (func (export "load") (param i64) (result i32) (i32.load (local.get 0)))
  (func (export "load_max_offset") (param i64) (result i32) (i32.load8_u offset=0xffff_ffff_ffff_ffff (local.get 0)))
  (func (export "load_offset4") (param i64) (result i32) (i32.load offset=4 (local.get 0)))
  (func (export "load_2p53_offset") (param i64) (result i32) (i32.load8_u offset=0x20_0000_0000_0000 (local.get 0)))
  (func (export "store") (param i64 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "fill") (param i64 i64) (memory.fill (local.get 0) (i32.const 7) (local.get 1)))
  (func (export "v128_load") (param i64) (result i32) (i32x4.extract_lane 0 (v128.load (local.get 0))))
  (func (export "size") (result i64) (memory.size))
  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0))))`;

for (const tier of TIERS) {
  test(`${tier}: i64 addresses are checked exactly up to 2^64 - 1, around 2^53 too`, async (t) => {
    const inst = await instanceIn(tier, BOUNDS);
    run(inst, "store", 65532n, 0x01020304);
    t.deepEqual(run(inst, "load", 65532n), [0x01020304]);
    t.throws(() => run(inst, "load", 65533n), OOB);
    const max = 0xffff_ffff_ffff_ffffn;
    for (const a of [max, max - 3n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 32n, 2n ** 63n]) {
      // As a signed i64 argument: the raw form of an i64 is a bigint in the signed range.
      const arg = BigInt.asIntN(64, a);
      t.throws(() => run(inst, "load", arg), OOB, `address ${a}`);
      t.throws(() => run(inst, "store", arg, 1), OOB, `store at ${a}`);
      t.throws(() => run(inst, "v128_load", arg), OOB, `v128.load at ${a}`);
    }
    // address + offset past 2^64 must not wrap into bounds.
    t.throws(() => run(inst, "load_max_offset", 0n), OOB);
    t.throws(() => run(inst, "load_max_offset", 1n), OOB, "2^64 - 1 + 1 wraps to 0 in 64 bits: still out of bounds");
    t.throws(() => run(inst, "load_offset4", BigInt.asIntN(64, max - 3n)), OOB, "2^64 - 4 + 4 wraps to 0: out of bounds");
    t.throws(() => run(inst, "load_2p53_offset", 0n), OOB);
    // A fill whose length is 2^64 - 1 traps and writes nothing.
    t.throws(() => run(inst, "fill", 0n, -1n), OOB);
    t.deepEqual(run(inst, "load", 0n), [0]);
    run(inst, "fill", 65535n, 1n);
    t.deepEqual(run(inst, "size"), [1n]);
    t.deepEqual(run(inst, "grow", 1n), [1n]);
    t.deepEqual(run(inst, "grow", -1n), [-1n], "a grow by 2^64 - 1 pages fails");
    t.deepEqual(run(inst, "size"), [2n]);
    t.deepEqual(run(inst, "load", 65533n), [0x00070203], "bytes 03 02 (the store), 07 (the fill), 00 (the new page)");
  });

  test(`${tier}: data segments, loads, stores and bulk operations on memory 1`, async (t) => {
    const inst = await instanceIn(tier, `(module
      (memory $a (export "a") 1)
      (memory $b (export "b") 2)
      (data (memory $b) (i32.const 65540) "\\2a\\2b")
      (data $p "xyz")
      (func (export "load_b") (param i32) (result i32) (i32.load8_u $b (local.get 0)))
      (func (export "store_b") (param i32 i32) (i32.store16 $b (local.get 0) (local.get 1)))
      (func (export "size_b") (result i32) (memory.size $b))
      (func (export "copy_b_to_a") (param i32 i32 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
      (func (export "init_b") (param i32) (memory.init $b $p (local.get 0) (i32.const 0) (i32.const 3)))
      (func (export "load_a") (param i32) (result i32) (i32.load8_u $a (local.get 0))))`);
    const a = inst.export("a") as MemoryInstance, b = inst.export("b") as MemoryInstance;
    t.is(b.bytes[65540], 0x2a);
    t.is(b.bytes[65541], 0x2b);
    t.true(a.bytes.every((x) => x === 0), "memory 0 is untouched");
    t.deepEqual(run(inst, "load_b", 65541), [0x2b]);
    t.deepEqual(run(inst, "size_b"), [2]);
    run(inst, "store_b", 10, 0x1234);
    t.is(b.bytes[10], 0x34);
    run(inst, "copy_b_to_a", 0, 65540, 2);
    t.deepEqual(run(inst, "load_a", 1), [0x2b]);
    t.throws(() => run(inst, "copy_b_to_a", 65535, 0, 2), OOB, "memory 0 has one page");
    run(inst, "init_b", 100);
    t.deepEqual(run(inst, "load_b", 102), [0x7a]);
    t.throws(() => run(inst, "load_b", 2 * 65536), OOB);
  });
}

test("an i64 memory only matches an i64 memory import", async (t) => {
  const mem32 = new MemoryInstance({ limits: { min: 1, max: null } });
  const mem64 = new MemoryInstance({ limits: { min: 1, max: null }, address64: true });
  const importer = compileModule(await wat(`(module (import "m" "m" (memory i64 1)))`, WASM3_FEATURES));
  t.notThrows(() => instantiate(new Store(), importer, [mem64]));
  t.throws(() => instantiate(new Store(), importer, [mem32]), { message: /incompatible import type/ });
  t.is(mem64.maxPages, 2 ** 48);
  t.is(mem64.grow(2), 1);
  t.is(mem64.byteLength, 3 * PAGE_SIZE);
});

// Serial: the allocation hook is global, and serial tests run before the others.
test.serial("a memory64 memory larger than 4 GiB holds data past 4 GiB, where the host allows it", async (t) => {
  const pages = 65536 + 2; // 4 GiB and 128 KiB
  const text = `(module
    (memory (export "m") i64 ${pages})
    (data (i64.const 0x1_0000_0010) "hi")
    (func (export "load") (param i64) (result i32) (i32.load8_u (local.get 0)))
    (func (export "store") (param i64 i32) (i32.store (local.get 0) (local.get 1)))
    (func (export "fill") (param i64 i32 i64) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
    (func (export "size") (result i64) (memory.size)))`;
  let probe: ArrayBuffer | null = null;
  try {
    probe = new ArrayBuffer(pages * PAGE_SIZE);
  } catch (e) {
    t.log(`the host refuses a buffer of ${pages * PAGE_SIZE} bytes (${String(e)}): only the clear failure is tested`);
  }
  if (probe !== null) {
    probe = null;
    const inst = await instanceIn("interpreter", text);
    const m = inst.export("m") as MemoryInstance;
    t.is(m.byteLength, pages * PAGE_SIZE);
    t.is(m.bytes.length, 2 ** 32, "the byte view stops at 4 GiB; the DataView has all of it");
    t.deepEqual(run(inst, "size"), [BigInt(pages)]);
    t.deepEqual(run(inst, "load", 0x1_0000_0010n), [0x68]);
    t.deepEqual(run(inst, "load", 0x1_0000_0011n), [0x69]);
    const last = BigInt(pages * PAGE_SIZE - 4);
    run(inst, "store", last, 0x0a0b0c0d);
    t.is(m.view.getInt32(Number(last), true), 0x0a0b0c0d);
    t.throws(() => run(inst, "store", last + 1n, 0), OOB);
    // A fill that straddles 4 GiB.
    run(inst, "fill", 2n ** 32n - 2n, 5, 4n);
    t.deepEqual(run(inst, "load", 2n ** 32n + 1n), [5]);
    t.deepEqual(run(inst, "load", 2n ** 32n + 2n), [0]);
  }
  // Where the host cannot allocate: instantiation fails with a clear trap, and a grow returns -1.
  const small = await instanceIn("interpreter", `(module (memory i64 1) (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0))))`);
  setAllocationFailureForTesting((n) => n >= pages * PAGE_SIZE);
  try {
    const err = await t.throwsAsync(() => instanceIn("interpreter", text), { instanceOf: Trap });
    t.regex(err!.message, /cannot allocate the memory/);
    t.deepEqual(run(small, "grow", BigInt(pages)), [-1n]);
    t.deepEqual(run(small, "grow", 1n), [1n]);
  } finally {
    setAllocationFailureForTesting(null);
  }
});
