import test from "ava";
import { LinkError, Trap, TrapMessage, ValidationError } from "../../../impl/base/errors.js";
import { ValType } from "../../../impl/base/types.js";
import { TABLE_SIZE_LIMIT } from "../../../impl/base/limits.js";
import { compiledFlags } from "../../../impl/exec/compiler/module.js";
import { compileModule, invoke, Store } from "../../../impl/index.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { FuncInstance, TableInstance, type Extern, type ModuleInstance } from "../../../impl/runtime/instances.js";
import type { RawValue } from "../../../impl/runtime/values.js";
import { wat, WASM3_FEATURES } from "../../helpers/wat.js";
import { func } from "../exec/helpers.js";

const TIERS = ["interpreter", "compiler", "tiered"] as const;
type Tier = (typeof TIERS)[number];

async function bytesOf(text: string): Promise<Uint8Array> {
  return wat(text, WASM3_FEATURES);
}

async function instanceIn(tier: Tier, text: string, imports: readonly Extern[] = []): Promise<ModuleInstance> {
  return instantiate(new Store({ tier }), compileModule(await bytesOf(text)), imports);
}

function run(inst: ModuleInstance, name: string, ...args: RawValue[]): RawValue[] {
  return invoke(func(inst, name), args);
}

/** A module binary: the header, then the sections given as [id, content bytes]. */
function binary(...sections: [number, number[]][]): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  for (const [id, content] of sections) out.push(id, content.length, ...content);
  return new Uint8Array(out);
}

/** The unsigned LEB128 of `n` (a bigint: u64 bounds). */
function leb(n: bigint): number[] {
  const out: number[] = [];
  do {
    let b = Number(n & 0x7fn);
    n >>= 7n;
    if (n !== 0n) b |= 0x80;
    out.push(b);
  } while (n !== 0n);
  return out;
}

/** A table section of one funcref table with limits flags `flags` and the given bounds. */
function tableSection(flags: number, min: bigint, max?: bigint): [number, number[]] {
  return [4, [1, 0x70, flags, ...leb(min), ...(max === undefined ? [] : leb(max))]];
}

test("table64 limits: any u64 bound is in range, only the order can fail (decoded from the binary's flags 0x04/0x05)", (t) => {
  const max64 = 2n ** 64n - 1n;
  t.notThrows(() => compileModule(binary(tableSection(0x05, 0n, max64))));
  t.notThrows(() => compileModule(binary(tableSection(0x04, 2n ** 40n))));
  t.deepEqual(compileModule(binary(tableSection(0x05, 1n, 2n ** 33n))).tables[0]!.limits, { min: 1, max: 2 ** 33 });
  const order = t.throws(() => compileModule(binary(tableSection(0x05, 2n ** 33n, 2n ** 32n))), { instanceOf: ValidationError });
  t.regex(order!.message, /^size minimum must not be greater than maximum/);
  // Wasm 3.0 reads a 32-bit table's bounds as u64 too; past 2^32 - 1 they are invalid ("table size").
  const size = t.throws(() => compileModule(binary(tableSection(0x01, 0n, 2n ** 32n))), { instanceOf: ValidationError });
  t.regex(size!.message, /^table size must be at most 2\^32-1/);
});

test("table64 typing: indices, offsets and the results of size and grow are i64; a copy's length is i64 only between two i64 tables", async (t) => {
  const cases: [string, string][] = [
    ["(func (drop (table.get $t (i32.const 0))))", "(table $t i64 1 funcref)"],
    ["(func (table.set $t (i32.const 0) (ref.null func)))", "(table $t i64 1 funcref)"],
    ["(func (result i32) (table.size $t))", "(table $t i64 1 funcref)"],
    ["(func (result i32) (table.grow $t (ref.null func) (i64.const 1)))", "(table $t i64 1 funcref)"],
    ["(func (drop (table.grow $t (ref.null func) (i32.const 1))))", "(table $t i64 1 funcref)"],
    ["(func (table.fill $t (i64.const 0) (ref.null func) (i32.const 1)))", "(table $t i64 1 funcref)"],
    ["(type $v (func)) (func (call_indirect $t (type $v) (i32.const 0)))", "(table $t i64 1 funcref)"],
    ["(elem $e func) (func (table.init $t $e (i64.const 0) (i64.const 0) (i32.const 0)))", "(table $t i64 1 funcref)"],
    ["(func (table.copy $a $b (i64.const 0) (i32.const 0) (i64.const 0)))", "(table $a i64 1 funcref) (table $b 1 funcref)"],
    ["(func (table.copy $a $b (i64.const 0) (i64.const 0) (i32.const 0)))", "(table $a i64 1 funcref) (table $b i64 1 funcref)"],
    ["(func $f) (elem (table $t) (i32.const 0) func $f)", "(table $t i64 1 funcref)"],
  ];
  for (const [body, tables] of cases) {
    const bytes = await bytesOf(`(module ${tables} ${body})`);
    const e = t.throws(() => compileModule(bytes), { instanceOf: ValidationError }, body);
    t.regex(e!.message, /^type mismatch/, body);
  }
  // And the well-typed forms validate.
  const good = await bytesOf(`(module (table $a i64 1 funcref) (table $b 1 funcref) (elem $e func)
    (func $f (result i64) (table.size $a))
    (func (drop (table.get $a (i64.const 0))) (table.set $a (i64.const 0) (ref.null func))
      (drop (table.grow $a (ref.null func) (i64.const 1))) (table.fill $a (i64.const 0) (ref.null func) (i64.const 1))
      (table.init $a $e (i64.const 0) (i32.const 0) (i32.const 0))
      (table.copy $a $b (i64.const 0) (i32.const 0) (i32.const 0)) (table.copy $b $a (i32.const 0) (i64.const 0) (i32.const 0))
      (table.copy $a $a (i64.const 0) (i64.const 0) (i64.const 0)))
    (elem (table $a) (i64.const 0) func $f))`);
  t.notThrows(() => compileModule(good));
});

const GROW = `(module
  (table $t (export "t") i64 0 0x100_0000_0000 funcref)
  (func (export "size") (result i64) (table.size $t))
  (func (export "grow") (param i64) (result i64) (table.grow $t (ref.null func) (local.get 0)))
  (func (export "fill") (param i64 i64) (table.fill $t (local.get 0) (ref.func $f) (local.get 1)))
  (func $f (export "f") (result i32) (i32.const 7))
  (func (export "get_is_null") (param i64) (result i32) (ref.is_null (table.get $t (local.get 0)))))`;

for (const tier of TIERS) {
  test(`${tier}: table.size and table.grow of a table64 declared up to 2^40: i64 results, -1 past TABLE_SIZE_LIMIT or with the high word set`, async (t) => {
    const inst = await instanceIn(tier, GROW);
    t.deepEqual(run(inst, "size"), [0n]);
    t.deepEqual(run(inst, "grow", 5n), [0n]);
    t.deepEqual(run(inst, "size"), [5n]);
    // Within the declared maximum (2^40) but past what the engine makes: -1 as an i64, size unchanged.
    t.deepEqual(run(inst, "grow", BigInt(TABLE_SIZE_LIMIT)), [-1n]);
    t.deepEqual(run(inst, "grow", 2n ** 32n), [-1n], "a delta of 2^32 is not a delta of 0");
    t.deepEqual(run(inst, "grow", 2n ** 32n + 3n), [-1n], "nor a delta of 3");
    t.deepEqual(run(inst, "grow", -1n), [-1n]);
    t.deepEqual(run(inst, "size"), [5n]);
    t.deepEqual(run(inst, "grow", 3n), [5n]);
    t.deepEqual(run(inst, "size"), [8n]);
    // Indices whose low word is in bounds but whose high word is not zero are out of bounds.
    t.deepEqual(run(inst, "fill", 1n, 2n), []);
    t.deepEqual(run(inst, "get_is_null", 1n), [0]);
    t.deepEqual(run(inst, "get_is_null", 0n), [1]);
    const oob = (f: () => unknown) => t.is(t.throws(f, { instanceOf: Trap })!.message.split(":")[0], TrapMessage.TableOutOfBounds);
    oob(() => run(inst, "get_is_null", 2n ** 32n + 1n));
    oob(() => run(inst, "fill", 2n ** 32n, 0n));
    oob(() => run(inst, "fill", 0n, 2n ** 32n + 1n));
    oob(() => run(inst, "fill", -1n, 1n));
    const table = inst.exports.find((e) => e.name === "t")!.value as TableInstance;
    t.is(table.size, 8);
    if (tier === "compiler") t.true(compiledFlags(inst.module)!.every((c) => c), "every function ran compiled");
  });

  test(`${tier}: call_indirect and return_call_indirect through a table64 take an i64 index; 2^32 does not wrap to entry 0`, async (t) => {
    const inst = await instanceIn(tier, `(module
      (type $r (func (result i32)))
      (table $t i64 3 funcref)
      (elem (table $t) (i64.const 1) func $a $b)
      (func $a (result i32) (i32.const 11))
      (func $b (result i32) (i32.const 22))
      (func (export "call") (param i64) (result i32) (call_indirect $t (type $r) (local.get 0)))
      (func (export "tail") (param i64) (result i32) (return_call_indirect $t (type $r) (local.get 0))))`);
    for (const name of ["call", "tail"]) {
      t.deepEqual(run(inst, name, 1n), [11]);
      t.deepEqual(run(inst, name, 2n), [22]);
      const trapOf = (i: bigint) => t.throws(() => run(inst, name, i), { instanceOf: Trap })!.message;
      t.regex(trapOf(0n), /^uninitialized element/);
      t.regex(trapOf(3n), /^undefined element/);
      t.regex(trapOf(2n ** 32n + 1n), /^undefined element/, "the high word counts");
      t.regex(trapOf(-1n), /^undefined element/);
    }
    if (tier === "compiler") t.true(compiledFlags(inst.module)!.every((c) => c), "every function ran compiled");
  });

  test(`${tier}: an active segment at an i64 offset; one past the end traps at instantiation`, async (t) => {
    const inst = await instanceIn(tier, `(module
      (table $t i64 4 funcref)
      (func $f (result i32) (i32.const 5))
      (elem (table $t) (i64.const 3) func $f)
      (func (export "at") (param i64) (result i32) (call_indirect $t (result i32) (local.get 0))))`);
    t.deepEqual(run(inst, "at", 3n), [5]);
    for (const offset of ["4", "0x1_0000_0000", "-1"]) {
      const e = await t.throwsAsync(instanceIn(tier, `(module (table $t i64 4 funcref) (func $f)
        (elem (table $t) (i64.const ${offset}) func $f))`), { instanceOf: Trap }, offset);
      t.regex(e!.message, /^out of bounds table access/, offset);
    }
  });
}

test("a table64 with a minimum over TABLE_SIZE_LIMIT fails to instantiate clearly; the module itself is valid", async (t) => {
  const m = compileModule(await bytesOf("(module (table i64 0x2_0000_0000 funcref))"));
  t.is(m.tables[0]!.limits.min, 2 ** 33);
  const e = t.throws(() => instantiate(new Store(), m, []), { instanceOf: Trap });
  t.regex(e!.message, /^out of memory/);
  t.regex(e!.message, new RegExp(`over the implementation limit of ${TABLE_SIZE_LIMIT}`));
});

test("imports: an i64 table matches only an i64 table, and the link error names both types", async (t) => {
  const t64 = new TableInstance({ elemType: ValType.FuncRef, limits: { min: 1, max: null }, address64: true });
  const t32 = new TableInstance({ elemType: ValType.FuncRef, limits: { min: 1, max: null } });
  const want64 = compileModule(await bytesOf(`(module (import "m" "t" (table i64 1 funcref)))`));
  const want32 = compileModule(await bytesOf(`(module (import "m" "t" (table 1 funcref)))`));
  t.notThrows(() => instantiate(new Store(), want64, [t64]));
  t.notThrows(() => instantiate(new Store(), want32, [t32]));
  const e = t.throws(() => instantiate(new Store(), want64, [t32]), { instanceOf: LinkError });
  t.regex(e!.message, /^incompatible import type/);
  t.regex(e!.message, /\(table i64 1 funcref\)/);
  t.throws(() => instantiate(new Store(), want32, [t64]), { instanceOf: LinkError });
  // A function is no table of either kind.
  t.throws(() => instantiate(new Store(), want64, [new FuncInstance({ params: [], results: [] }, null, -1, () => [])]), { instanceOf: LinkError });
});
