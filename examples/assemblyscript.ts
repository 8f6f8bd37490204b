/**
 * `npm run example assemblyscript`: an AssemblyScript library
 * (`examples/assemblyscript/library.ts`, built into `library.wasm`) loaded
 * through the unmodified `@assemblyscript/loader` on our `WebAssembly`
 * namespace, exchanging strings, typed arrays, arrays of strings and objects
 * with JavaScript; then the same session on Node's own `WebAssembly`, and
 * whether the two printed the same.
 * @module
 */
import * as loader from "@assemblyscript/loader";
import { readFileSync } from "node:fs";
import { instantiateSync, type LoadedModule } from "../js-api/assemblyscript.js";
import { WebAssembly } from "../js-api/index.js";
import { exampleFile } from "./files.js";

/** The library's exports as JavaScript sees them (references are pointers into its memory). */
interface Library extends Record<string, unknown> {
  greet(name: number): number;
  reverse(s: number): number;
  sum(values: number): bigint;
  squares(n: number): number;
  words(sentence: number): number;
  sortJoin(items: number, separator: number): number;
  makePoint(x: number, y: number): number;
  midpoint(a: number, b: number): number;
  distance(a: number, b: number): number;
  describe(p: number): number;
  check(value: number): number;
  Int32Array_ID: { value: number };
  StringArray_ID: { value: number };
}

type Instantiate = (bytes: Uint8Array, imports: Record<string, Record<string, unknown>>) => LoadedModule<Library>;

/** One session with the library: what it prints, line by line. */
function session(instantiate: Instantiate): string[] {
  const lines: string[] = [];
  let lib: LoadedModule<Library>["exports"] | null = null;
  const imports = {
    library: { log: (ptr: number) => lines.push(`  wasm logs: ${lib!.__getString(ptr)}`) },
  };
  lib = instantiate(readFileSync(exampleFile("assemblyscript/library.wasm")), imports).exports;
  const { __newString, __getString, __newArray, __getArray, __getInt32Array, __pin, __unpin } = lib;
  const e = lib;

  // Strings both ways.
  const name = __pin(__newString("wasm-c-api-ts ✓"));
  lines.push(`greet: ${__getString(e.greet(name))}`);
  lines.push(`reverse: ${__getString(e.reverse(name))}`);
  __unpin(name);

  // A typed array made in JavaScript, one made in wasm.
  const values = __pin(__newArray(e.Int32Array_ID.value, [1, 2, 3, 40, 500, -7]));
  lines.push(`sum of [1, 2, 3, 40, 500, -7]: ${e.sum(values)}`);
  __unpin(values);
  lines.push(`squares(8): [${__getInt32Array(e.squares(8)).join(", ")}]`);

  // Arrays of strings both ways.
  const sentence = __pin(__newString("  the loader  reads   arrays of strings "));
  const ws = __getArray(e.words(sentence)).map((p) => __getString(p as number));
  __unpin(sentence);
  lines.push(`words: ${JSON.stringify(ws)}`);
  const items = __pin(__newArray(e.StringArray_ID.value, ["pear", "apple", "fig"].map((s) => __newString(s))));
  const sep = __pin(__newString(" < "));
  lines.push(`sortJoin: ${__getString(e.sortJoin(items, sep))}`);
  __unpin(items);
  __unpin(sep);

  // Objects: made in wasm, held by JavaScript, handed back.
  const a = __pin(e.makePoint(0, 0));
  const b = __pin(e.makePoint(3, 4));
  const mid = __pin(e.midpoint(a, b));
  lines.push(`points: ${__getString(e.describe(a))} and ${__getString(e.describe(b))}, midpoint ${__getString(e.describe(mid))}, distance ${e.distance(a, b)}`);
  for (const p of [a, b, mid]) __unpin(p);

  // A call out to JavaScript, and an assertion failing in wasm (the loader's abort).
  lines.push(`check(21): ${e.check(21)}`);
  try {
    e.check(-1);
    lines.push("check(-1) returned");
  } catch (err) {
    lines.push(`check(-1) failed: ${(err as Error).constructor.name}: ${(err as Error).message}`);
  }
  return lines;
}

let oursInstance: unknown = null;
const ours = session((bytes, imports) => {
  const loaded = instantiateSync<Library>(bytes, imports);
  oursInstance = loaded.instance;
  return loaded;
});
console.log("@assemblyscript/loader on our WebAssembly namespace:");
console.log(`  (the loader's instance is our namespace's: ${oursInstance instanceof WebAssembly.Instance}; Node's own: ${oursInstance instanceof (globalThis as unknown as { WebAssembly: { Instance: new () => object } }).WebAssembly.Instance})`);
for (const line of ours) console.log(`  ${line}`);
const nodes = session((bytes, imports) => loader.instantiateSync<Library>(bytes, imports as never));
const same = JSON.stringify(ours) === JSON.stringify(nodes);
console.log(`the same session on Node's own WebAssembly prints the same: ${same ? "yes" : "no"}`);
if (!same) {
  for (const line of nodes) console.log(`  node: ${line}`);
  process.exitCode = 1;
}
