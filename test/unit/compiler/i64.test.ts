import test from "ava";
import { Trap } from "../../../impl/base/errors.js";
import type { ModuleInstance } from "../../../impl/runtime/instances.js";
import { wat } from "../../helpers/wat.js";
import { fn, instanceIn, run, TIERS } from "./helpers.js";

/**
 * i64 arithmetic on halves (the compiled tier's inline add, sub and mul,
 * with the multiplier a variable or a constant, and the division fast paths
 * of numerics.ts that both tiers use) against V8's own WebAssembly on the
 * same module: seeded random operands and the edge values.
 */

const BINARY = ["add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u"] as const;
/** Constant multipliers: low half zero, one, small, 16-bit boundaries, negative, the kernel's. */
const MUL_CONSTANTS = [0n, 1n, 3n, -1n, 0x10000n, 0xffffn, 0x100000000n, 0x1_0000_0001n, -0x8000000000000000n,
  0x7fffffffffffffffn, 0xD6E8FEB86659FD93n, 0x9E3779B97F4A7C15n, -12345678901n];
/** Constant divisors: the fast paths' boundaries (sign-extended i32, below 2^32, below 2^52) and beyond. */
const DIV_CONSTANTS = [1n, -1n, 7n, -7n, 0x7fffffffn, -0x80000000n, 0x80000000n, 0xffffffffn, 0x100000000n,
  0xfffffffffffffn, 0x10000000000000n, -0x10000000000000n];

function moduleText(): string {
  let s = "(module\n";
  for (const op of BINARY) {
    s += `(func (export "${op}") (param i64 i64) (result i64) (i64.${op} (local.get 0) (local.get 1)))\n`;
  }
  MUL_CONSTANTS.forEach((c, i) => { s += `(func (export "mulc${i}") (param i64) (result i64) (i64.mul (local.get 0) (i64.const ${c})))\n`; });
  DIV_CONSTANTS.forEach((c, i) => {
    for (const op of ["div_s", "div_u", "rem_s", "rem_u"]) {
      s += `(func (export "${op}c${i}") (param i64) (result i64) (i64.${op} (local.get 0) (i64.const ${c})))\n`;
    }
  });
  // A loop carrying i64 locals (the loop-head coercions) with a multiply-accumulate.
  s += `(func (export "mac") (param i64 i64 i32) (result i64) (local i64)
    (loop $l (local.set 3 (i64.add (local.get 3) (i64.mul (local.get 0) (local.get 1))))
      (local.set 0 (i64.add (local.get 0) (local.get 3)))
      (br_if $l (local.tee 2 (i32.sub (local.get 2) (i32.const 1)))))
    (local.get 3))\n`;
  return s + ")";
}

/** A seeded xorshift generator of 64-bit values, with the edge values first. */
function* operands(count: number): Generator<bigint> {
  const edges = [0n, 1n, -1n, 2n, -2n, 0x7fffffffn, 0x80000000n, -0x80000000n, 0xffffffffn, 0x100000000n,
    0xfffffffffffffn, 0x10000000000000n, 0x7fffffffffffffffn, -0x8000000000000000n, 0xffffn, 0x10000n];
  yield* edges;
  let x = 0x2545F4914F6CDD1Dn;
  for (let i = 0; i < count; i++) {
    x ^= (x << 13n) & 0xffffffffffffffffn; x ^= x >> 7n; x ^= (x << 17n) & 0xffffffffffffffffn;
    // Mix magnitudes: full 64-bit values, values below 2^32, 2^52 and small ones, either sign.
    const shift = [0n, 12n, 32n, 40n, 56n][i % 5]!;
    yield BigInt.asIntN(64, i % 2 ? x >> shift : -(x >> shift));
  }
}

type Outcome = bigint | string;

/** V8's own WebAssembly (the Node typings do not declare it). */
const V8 = (globalThis as unknown as {
  WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }> };
}).WebAssembly;

function ours(inst: ModuleInstance, name: string, args: bigint[]): Outcome {
  try {
    return run(inst, name, ...args)[0] as bigint;
  } catch (e) {
    if (e instanceof Trap) return `trap: ${e.message}`;
    throw e;
  }
}

/** V8's outcome, with its trap messages mapped to the spec's. */
function v8(f: (...a: bigint[]) => bigint, args: bigint[]): Outcome {
  try {
    return BigInt.asIntN(64, f(...args));
  } catch (e) {
    const m = (e as Error).message;
    if (/(divi(de|sion)|remainder) by zero/i.test(m)) return "trap: integer divide by zero";
    if (/overflow|unrepresentable/i.test(m)) return "trap: integer overflow";
    throw e;
  }
}

test("i64 add, sub, mul, div and rem give V8's results and traps on both tiers (random and edge operands)", async (t) => {
  const text = moduleText();
  const bytes = await wat(text);
  const { instance } = await V8.instantiate(bytes);
  const exp = instance.exports as Record<string, (...a: bigint[]) => bigint>;
  const ops = [...operands(400)];
  for (const tier of TIERS) {
    const inst = await instanceIn(tier, text);
    let checked = 0;
    for (let i = 0; i < ops.length; i++) {
      const a = ops[i]!;
      for (const b of [ops[(i * 7 + 3) % ops.length]!, ops[(i * 13 + 1) % ops.length]!, ops[i]!]) {
        for (const op of BINARY) {
          const want = v8(exp[op]!, [a, b]), got = ours(inst, op, [a, b]);
          if (got !== want) { t.fail(`${tier}: i64.${op}(${a}, ${b}) = ${got}, V8 ${want}`); return; }
          checked++;
        }
      }
      for (let c = 0; c < MUL_CONSTANTS.length; c++) {
        const name = `mulc${c}`;
        const want = v8(exp[name]!, [a]), got = ours(inst, name, [a]);
        if (got !== want) { t.fail(`${tier}: i64.mul(${a}, ${MUL_CONSTANTS[c]}) = ${got}, V8 ${want}`); return; }
        checked++;
      }
      for (let c = 0; c < DIV_CONSTANTS.length; c++) {
        for (const op of ["div_s", "div_u", "rem_s", "rem_u"]) {
          const name = `${op}c${c}`;
          const want = v8(exp[name]!, [a]), got = ours(inst, name, [a]);
          if (got !== want) { t.fail(`${tier}: i64.${op}(${a}, ${DIV_CONSTANTS[c]}) = ${got}, V8 ${want}`); return; }
          checked++;
        }
      }
    }
    for (const [a, b] of [[3n, 5n], [0x123456789n, -0x987654321n], [-1n, -1n]] as const) {
      const mac = instance.exports["mac"] as (a: bigint, b: bigint, n: number) => bigint;
      t.is(run(inst, "mac", a, b, 1000)[0], BigInt.asIntN(64, mac(a, b, 1000)));
    }
    t.is(fn(inst, "mul").jit !== null, tier === "compiler");
    t.true(checked > 10_000);
  }
});
