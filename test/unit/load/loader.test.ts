import test from "ava";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  FuncInstance, instantiate, LinkError, NativeRegistry, spectest, Store, ValType, type ModuleInstance, type RawValue,
} from "../../../impl/index.js";
import { LoadError, Loader, type LoadedInstance, type ModuleSource } from "../../../impl/load/index.js";
import { call, compile } from "../link/helpers.js";
import { A, B, binaries, C, recordingReader } from "./modules.js";

const silentRegistry = () => new NativeRegistry({ builtins: [spectest({ log: null })] });
const chainFiles = () => binaries({ a: A, b: B, c: C });

function loadError(t: import("ava").ExecutionContext, f: () => unknown): LoadError {
  return t.throws(f, { instanceOf: LoadError }) as LoadError;
}

test("naming C alone loads B and A; the chain returns the expected values through every path", async (t) => {
  const { asked, reader } = recordingReader(await chainFiles());
  const loader = new Loader(new Store(), { reader });
  const c = loader.load("c");
  t.deepEqual(asked, ["c", "b", "a"], "C's first import names B, whose imports name A");
  const a = loader.lookup("a")!, b = loader.lookup("b")!;
  t.is(loader.lookup("c"), c);
  t.deepEqual(loader.names(), ["a", "b", "c"], "registered as each finished loading");
  t.deepEqual(call(c, "compute", 5), [106], "C -> B -> A (add100) and C -> A (add)");
  t.deepEqual(call(b, "add100", 1), [101], "B -> A");
  t.deepEqual(call(a, "add", 2, 3), [5], "A");
  t.deepEqual(call(c, "bump_via_b"), [1], "C -> B -> A's counter");
  t.deepEqual(call(b, "bump"), [2], "B -> A's counter");
  t.deepEqual(call(a, "inc"), [3], "A's counter itself");
  t.deepEqual(call(c, "count_via_a"), [3], "C -> A sees every increment");
  t.is(loader.load("c"), c, "loading a loaded name gives the same instance");
});

test("the diamond shares one A: a counter in A incremented through B is seen through C", async (t) => {
  const made: string[] = [];
  const loader = new Loader(new Store(), { reader: recordingReader(await chainFiles()).reader, onInstantiate: (m) => made.push(m.name) });
  const c = loader.load("c");
  call(c, "bump_via_b");
  call(loader.lookup("b")!, "bump");
  t.deepEqual(call(c, "count_via_a"), [2]);
  t.deepEqual(call(loader.lookup("a")!, "get"), [2]);
  t.is(made.filter((name) => name === "a").length, 1, "one instance of A was made");
  t.is(loader.store.instanceCount, 3, "A, B and C, once each");
});

test("isolation: each importer gets its own A (compiled once), so B's increments are not seen through C", async (t) => {
  const { asked, reader } = recordingReader(await chainFiles());
  const made: string[] = [];
  const loader = new Loader(new Store(), { reader, isolation: true, onInstantiate: (m) => made.push(m.name) });
  const c = loader.load("c");
  t.deepEqual(made, ["a", "b", "a", "c"], "B's A, B, C's A, C");
  t.deepEqual(asked, ["c", "b", "a"], "each name read once all the same");
  t.deepEqual(call(c, "bump_via_b"), [1]);
  t.deepEqual(call(c, "bump_via_b"), [2]);
  t.deepEqual(call(c, "count_via_a"), [0], "C's own A was never incremented");
  t.is(loader.lookup("a"), undefined, "loaded modules are not registered under isolation");
  t.not(loader.load("c"), c, "each load makes a new instance");
});

test("a cycle reports its path", async (t) => {
  const files = await binaries({
    a: `(module (import "b" "f" (func)) (func (export "f")))`,
    b: `(module (import "a" "f" (func)) (func (export "f")))`,
    c: `(module (import "a" "f" (func)))`,
    self: `(module (import "self" "f" (func)) (func (export "f")))`,
  });
  const loader = new Loader(new Store(), { reader: (n) => files.get(n) });
  let e = loadError(t, () => loader.load("a"));
  t.is(e.message, "module cycle: a -> b -> a");
  t.is(e.reason, "module cycle");
  t.deepEqual(e.chain, ["a", "b", "a"]);
  e = loadError(t, () => loader.load("c"));
  t.is(e.message, "module cycle: a -> b -> a [loading c -> a -> b -> a]");
  e = loadError(t, () => loader.load("self"));
  t.is(e.message, "module cycle: self -> self");
  t.deepEqual(loader.names(), [], "nothing of a failed load is registered");
});

test("a missing module names the module and its importer, and where the loader looked", async (t) => {
  const files = await binaries({ c: C, b: B });
  const dir = mkdtempSync(join(tmpdir(), "wasmts-load-"));
  try {
    const loader = new Loader(new Store(), { reader: (n) => files.get(n), searchPath: [dir] });
    const e = loadError(t, () => loader.load("c"));
    t.is(e.message, `unknown module "a" imported by "b" (import 0, "a" "inc") `
      + `[loading c -> b -> a; looked in: the reader, ${join(dir, "a.wasm")}]`);
    t.deepEqual([e.reason, e.moduleName, e.importer, e.fieldName, e.importIndex], ["unknown module", "a", "b", "inc", 0]);
    t.true(e instanceof LinkError, "a load error is a link error");
    const root = loadError(t, () => loader.load("nothing"));
    t.is(root.message, `unknown module "nothing" [looked in: the reader, ${join(dir, "nothing.wasm")}]`);
    t.is(root.importer, null);
    t.is(loadError(t, () => new Loader(new Store()).load("x")).message,
      `unknown module "x" [looked in: nothing (no reader, no search path)]`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a dependency that fails to link reports the whole chain and the engine's error", async (t) => {
  const files = await binaries({
    c: `(module (import "b" "f" (func)))`,
    b: `(module (import "a" "g" (func)) (func (export "f")))`,
    a: `(module (import "spectest" "print_i32" (func (param i64))) (func (export "g")))`,
  });
  const loader = new Loader(new Store(), { reader: (n) => files.get(n), registry: silentRegistry() });
  const e = loadError(t, () => loader.load("c"));
  t.is(e.message, `module "a" imported by "b" failed to link [loading c -> b -> a]: incompatible import type for `
    + `"spectest" "print_i32": expected (func (param i64)), got (func (param i32)) [import 0; from a built-in module]`);
  t.deepEqual([e.reason, e.chain], ["module failed to link", ["c", "b", "a"]]);
  t.true(e.cause instanceof LinkError);
  t.is((e.cause as LinkError).reason, "incompatible import type");
});

test("a module importing a field its dependency lacks fails to link, naming the chain up to it", async (t) => {
  const files = await binaries({ c: `(module (import "b" "f" (func)))`, b: B, a: `(module (func (export "inc") (result i32) (i32.const 0)))` });
  const loader = new Loader(new Store(), { reader: (n) => files.get(n) });
  const e = loadError(t, () => loader.load("c"));
  t.is(e.message, `module "b" imported by "c" failed to link [loading c -> b]: unknown import for "a" "add": `
    + `expected (func (param i32 i32) (result i32)) [import 1]`);
});

test("compile failures and start traps of dependencies are load errors with the chain", async (t) => {
  const files = await binaries({
    c: `(module (import "bad" "f" (func)))`,
    d: `(module (import "trapping" "f" (func)))`,
    trapping: `(module (func (export "f")) (func $s unreachable) (start $s))`,
  });
  files.set("bad", new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
  const loader = new Loader(new Store(), { reader: (n) => files.get(n) });
  let e = loadError(t, () => loader.load("c"));
  t.regex(e.message, /^module "bad" imported by "c" failed to compile \[loading c -> bad\]: unknown binary version/);
  e = loadError(t, () => loader.load("d"));
  t.regex(e.message, /^module "trapping" imported by "d" failed to instantiate \[loading d -> trapping\]: unreachable/);
  t.is(loader.lookup("trapping"), undefined);
});

test("the reader is called at most once per name, and the release callback runs at teardown, not before", async (t) => {
  const files = await chainFiles();
  const { asked, reader } = recordingReader(files);
  const released: [string, ModuleSource][] = [];
  const loader = new Loader(new Store(), { reader, release: (n, s) => released.push([n, s]), isolation: true });
  loader.load("c");
  loader.load("c");
  loader.load("b");
  t.throws(() => loader.load("missing"));
  t.throws(() => loader.load("missing"));
  t.deepEqual(asked, ["c", "b", "a", "missing"]);
  t.deepEqual(released, [], "nothing is released while the loader lives");
  loader.close();
  t.deepEqual(released.map(([n]) => n), ["c", "b", "a"], "each result given back once, in the order read");
  t.is(released[0]![1], files.get("c")!, "the very object the reader gave");
  loader.close();
  t.is(released.length, 3, "a second close releases nothing again");
  t.throws(() => loader.load("c"), { message: "the loader was closed" });
});

test("instances made by the loader keep running after teardown, even if the reader's buffer is reused", async (t) => {
  const files = await chainFiles();
  const loader = new Loader(new Store(), { reader: (n) => files.get(n), release: (_n, s) => (s as Uint8Array).fill(0) });
  const c = loader.load("c");
  loader.close();
  t.deepEqual(call(c, "compute", 1), [102]);
});

test("names the registry serves never reach the reader; the registry provides their imports", async (t) => {
  const files = await binaries({
    app: `(module (import "spectest" "global_i32" (global i32)) (import "env" "twice" (func (param i32) (result i32)))
      (import "lib" "id" (func (param i32) (result i32)))
      (func (export "run") (result i32) (call 1 (call 0 (global.get 0)))))`,
    lib: `(module (func (export "id") (param i32) (result i32) (local.get 0)))`,
  });
  const registry = silentRegistry();
  registry.defineFunc("env", "twice", { params: [ValType.I32], results: [ValType.I32] }, ([x]) => [(x as number) * 2]);
  const { asked, reader } = recordingReader(files);
  const loader = new Loader(new Store(), { reader, registry });
  t.deepEqual(call(loader.load("app"), "run"), [1332]);
  t.deepEqual(asked, ["app", "lib"]);
  const e = loadError(t, () => loader.load("spectest"));
  t.regex(e.message, /^unknown module "spectest" \[looked in: the native registry/);
});

test("search path: <dir>/<name>.wasm in order; names that are not file names never reach the file system", async (t) => {
  const files = await chainFiles();
  const root = mkdtempSync(join(tmpdir(), "wasmts-load-"));
  try {
    const first = join(root, "first"), second = join(root, "second");
    mkdirSync(first);
    mkdirSync(second);
    writeFileSync(join(first, "c.wasm"), files.get("c")!);
    writeFileSync(join(second, "b.wasm"), files.get("b")!);
    writeFileSync(join(second, "a.wasm"), files.get("a")!);
    writeFileSync(join(root, "x.wasm"), files.get("a")!);
    const asked: string[] = [];
    const loader = new Loader(new Store(), { searchPath: [first], reader: (n) => void asked.push(n) });
    t.regex(loadError(t, () => loader.load("c")).message, /^unknown module "b" imported by "c"/);
    loader.addSearchPath(second);
    t.deepEqual(call(loader.load("c"), "compute", 0), [101], "names not found before are looked for again");
    t.deepEqual(asked, ["c", "b", "a"], "the reader is asked once per name all the same");
    for (const name of ["../x", "..", "", "sub/x", "x\\y"]) {
      t.regex(loadError(t, () => loader.load(name)).message, /looked in: the reader\]$/, JSON.stringify(name));
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("the reader may give compiled modules; it comes before the search path", async (t) => {
  const compiled = new Map([["a", await compile(A)], ["b", await compile(B)]]);
  const loader = new Loader(new Store(), { reader: (n) => compiled.get(n), searchPath: ["/nonexistent"] });
  t.deepEqual(call(loader.load("b"), "add100", 1), [101]);
  t.is(loader.lookup("a")!.module, compiled.get("a")!);
});

test("both kinds of linking coexist: registered hand-made instances, explicit externs, loaded dependencies", async (t) => {
  const files = await chainFiles();
  const { asked, reader } = recordingReader(files);
  const store = new Store();
  const loader = new Loader(store, { reader });
  // A instantiated by hand (instantiation linking) and registered: B and C link to it, the reader never sees "a".
  const a: ModuleInstance = instantiate(store, await compile(A), []);
  loader.register("a", a);
  const c = loader.load("c");
  t.deepEqual(asked, ["c", "b"]);
  call(a, "inc");
  t.deepEqual(call(c, "count_via_a"), [1], "C sees the hand-made A");
  // A host-compiled root with one explicit extern; the rest resolved by name.
  const app = await compile(`(module (import "b" "add100" (func (param i32) (result i32))) (import "a" "get" (func (result i32)))
    (func (export "run") (result i32) (call 0 (call 1))))`);
  const fortyTwo = new FuncInstance({ params: [], results: [ValType.I32] }, null, -1, (): RawValue[] => [42]);
  t.deepEqual(call(loader.instantiate(app, { externs: [null, fortyTwo] }), "run"), [142]);
  t.deepEqual(call(loader.instantiate(app), "run"), [101]);
  t.deepEqual(loader.names(), ["a", "b", "c"], "instantiate does not register its root");
});

test("the root's own link failure under instantiate is the plain link error", async (t) => {
  const loader = new Loader(new Store(), { reader: recordingReader(await chainFiles()).reader });
  const app = await compile(`(module (import "a" "nope" (func)))`);
  const e = t.throws(() => loader.instantiate(app), { instanceOf: LinkError })!;
  t.false(e instanceof LoadError);
  t.regex(e.message, /^unknown import for "a" "nope"/);
});

test("register: a taken name is a duplicate definition unless shadowing is on; unregister forgets it", async (t) => {
  const store = new Store();
  const m = await compile(A);
  const one = instantiate(store, m, []), two = instantiate(store, m, []);
  const strict = new Loader(store);
  strict.register("a", one);
  t.throws(() => strict.register("a", two), { instanceOf: LinkError, message: /^duplicate definition for "a" ""/ });
  t.is(strict.lookup("a"), one);
  t.true(strict.unregister("a"));
  t.false(strict.unregister("a"));
  const shadowing = new Loader(store, { shadowing: true });
  shadowing.register("a", one).register("a", two);
  t.is(shadowing.lookup("a"), two, "replaced as a whole, as the spec runner's register does");
});

test("onInstantiate reports each instance with its imports, dependencies first", async (t) => {
  const made: LoadedInstance[] = [];
  const loader = new Loader(new Store(), { reader: recordingReader(await chainFiles()).reader, onInstantiate: (m) => made.push(m) });
  loader.load("c");
  t.deepEqual(made.map((m) => [m.name, m.imports.length]), [["a", 0], ["b", 2], ["c", 4]]);
  t.is(made[1]!.imports[0], loader.lookup("a")!.export("inc")!, "B's import 0 is A's export itself");
});
