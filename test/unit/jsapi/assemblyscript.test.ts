// Issue 16: an AssemblyScript library of our own (examples/assemblyscript/library.ts, built into the
// committed library.wasm) through the unmodified @assemblyscript/loader on our namespace: strings, typed
// arrays, arrays of strings and objects both ways, each result checked against what JavaScript computes
// and against the same call on Node's own WebAssembly.
import test from "ava";
import * as loader from "@assemblyscript/loader";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { instantiate, instantiateSync } from "../../../js-api/assemblyscript.js";
import { WebAssembly as ours } from "../../../js-api/index.js";

const WASM = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "examples", "assemblyscript", "library.wasm");

type Exports = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function session(e: Exports, logs: string[]): unknown[] {
  const { __newString, __getString, __newArray, __getArray, __getInt32Array, __pin, __unpin } = e;
  const out: unknown[] = [];
  const name = __pin(__newString("naïve café ✓"));
  out.push(__getString(e.greet(name)), __getString(e.reverse(name)));
  __unpin(name);
  const values = __pin(__newArray(e.Int32Array_ID.value, [5, -3, 2147483647, 2147483647]));
  out.push(e.sum(values));
  __unpin(values);
  out.push([...__getInt32Array(e.squares(5))]);
  const sentence = __pin(__newString(" a  b c "));
  out.push(__getArray(e.words(sentence)).map((p: number) => __getString(p)));
  __unpin(sentence);
  const items = __pin(__newArray(e.StringArray_ID.value, ["b", "c", "a"].map((s) => __newString(s))));
  const sep = __pin(__newString(","));
  out.push(__getString(e.sortJoin(items, sep)));
  __unpin(items);
  __unpin(sep);
  const a = __pin(e.makePoint(1, 1)), b = __pin(e.makePoint(4, 5));
  out.push(__getString(e.describe(e.midpoint(a, b))), e.distance(a, b));
  __unpin(a);
  __unpin(b);
  out.push(e.check(7), logs.slice());
  return out;
}

function load(instantiateFn: (bytes: Uint8Array, imports: Record<string, Record<string, unknown>>) => { instance: unknown; exports: Exports }): { result: unknown[]; instance: unknown } {
  const logs: string[] = [];
  let e: Exports | null = null;
  const loaded = instantiateFn(readFileSync(WASM), { library: { log: (p: number) => logs.push(e!.__getString(p)) } });
  e = loaded.exports;
  return { result: session(e, logs), instance: loaded.instance };
}

test("strings, arrays and objects cross @assemblyscript/loader on our namespace as JavaScript computes them", (t) => {
  const { result, instance } = load((b, i) => instantiateSync(b, i) as never);
  t.true(instance instanceof (ours.Instance as unknown as new () => object), "the loader's instance is ours");
  const name = "naïve café ✓";
  t.deepEqual(result, [
    `Hello, ${name}! (${name.length} UTF-16 units)`,
    [...name].reverse().join(""),
    5n - 3n + 2n * 2147483647n,
    [0, 1, 4, 9, 16],
    ["a", "b", "c"],
    "a,b,c",
    "(2.5, 3.0)",
    5,
    14,
    ["checking 7"],
  ]);
});

test("the same session gives the same results on Node's own WebAssembly", (t) => {
  const oursResult = load((b, i) => instantiateSync(b, i) as never).result;
  const nodeResult = load((b, i) => loader.instantiateSync(b, i as never) as never).result;
  t.deepEqual(oursResult, nodeResult);
});

test("the loader's asynchronous instantiate runs on our namespace too, and its abort reaches JavaScript", async (t) => {
  const loaded = await instantiate(readFileSync(WASM), { library: { log: () => {} } });
  t.true(loaded.instance instanceof (ours.Instance as unknown as new () => object));
  const e = loaded.exports as Exports;
  t.throws(() => e.check(-1), { message: /^abort: value must not be negative/ });
  // A trap after the abort leaves the instance usable.
  t.is(e.check(3), 6);
});
