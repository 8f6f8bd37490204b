import test from "ava";
import { Trap, TrapMessage } from "../../../impl/base/errors.js";
import { compileModule, invoke, Store, tierUpCounts } from "../../../impl/index.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { FuncInstance, type ModuleInstance } from "../../../impl/runtime/instances.js";
import type { RawValue } from "../../../impl/runtime/values.js";
import {
  codeBytes, compiledFlags, compiledForm, compilesLazily, functionsEmitted, generatedSource, installCompiledForm,
  LAZY_CODE_BYTES, lazyProgress, modulesEmitted, setLazyCodeBytes,
} from "../../../impl/exec/compiler/module.js";
import { deserialize, serialize } from "../../../capi/internal/serialize.js";
import { wat, WASM3_EH_FEATURES } from "../../helpers/wat.js";
import { fn, run, TIERS } from "./helpers.js";

/**
 * Compiling one function at a time (impl/exec/compiler/module.ts): every
 * module of this file is compiled so (the threshold is 0 here, in this
 * worker only), so a function is emitted at its first call, calls go
 * through the instance's table of stubs, and what never runs is never
 * emitted; the semantics are the whole module's (the interpreter's).
 */
setLazyCodeBytes(0);

type Tier = "interpreter" | "compiler" | "tiered";

/** An instance of `bytes` in a new store of `tier`. */
function instanceOf(tier: Tier, bytes: Uint8Array, imports: readonly FuncInstance[] = [],
  options: ConstructorParameters<typeof Store>[0] = {}): ModuleInstance {
  return instantiate(new Store({ ...options, tier }), compileModule(bytes), imports);
}

/** What a call did: its results, or its trap's reason and frames (function index, offsets, whether of `inst`). */
function outcome(inst: ModuleInstance, name: string, ...args: RawValue[]): unknown {
  try {
    return { results: run(inst, name, ...args) };
  } catch (e) {
    if (!(e instanceof Trap)) throw e;
    return { trap: e.reason, frames: e.frames.map((f) => [f.funcIndex, f.funcOffset, f.moduleOffset, f.instance === inst]) };
  }
}

const CHAIN = `(module
  (memory 1)
  (table 2 funcref) (elem (i32.const 0) $helper $load)
  (func $helper (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  (func $load (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "used") (param i32) (result i32)
    (i32.add (call $helper (local.get 0)) (call_indirect (param i32) (result i32) (local.get 0) (i32.const 0))))
  (func (export "never") (result i32) (i32.const 42))
  (func $alsoNever (result i32) (call $helper (i32.const 1)))
  (func (export "deep") (param i32) (result i32) (call $chain (local.get 0)))
  (func $chain (param i32) (result i32) (i32.add (i32.const 1) (call_indirect (param i32) (result i32) (local.get 0) (i32.const 1)))))`;

test("a function that never runs is never emitted; one that runs is emitted once per module, made once per instance", async (t) => {
  const bytes = await wat(CHAIN);
  const inst = instanceOf("compiler", bytes);
  t.is(lazyProgress(inst.module), null, "nothing compiled before the first call");
  const before = functionsEmitted();
  t.deepEqual(run(inst, "used", 5), [30]);
  // used, and helper twice (directly and through the table): two functions emitted, nothing else.
  t.is(functionsEmitted() - before, 2);
  t.like(lazyProgress(inst.module), { functions: 7, emitted: 2, made: 2 });
  // "never" has a stub (calls from outside reach it compiled), emitted at its first call only.
  t.not(fn(inst, "never").jit, null);
  t.deepEqual(run(inst, "never"), [42]);
  t.is(functionsEmitted() - before, 3);
  // A second instance of the module reuses the emitted text: nothing more is emitted.
  const second = instantiate(new Store({ tier: "compiler" }), inst.module, []);
  t.deepEqual(run(second, "used", 7), [42]);
  t.is(functionsEmitted() - before, 3);
  t.like(lazyProgress(inst.module), { functions: 7, emitted: 3, made: 3 });
});

test("a stub replaces itself: after the first call the function instance holds the compiled function, and calls go through the table", async (t) => {
  const inst = instanceOf("compiler", await wat(CHAIN));
  t.deepEqual(run(inst, "never"), [42]);
  const used = fn(inst, "used");
  const stub = used.jit;
  t.not(stub, null);
  t.deepEqual(run(inst, "used", 1), [6]);
  const compiled = used.jit;
  t.not(compiled, stub, "the stub was replaced");
  t.deepEqual(run(inst, "used", 2), [12]);
  t.is(used.jit, compiled, "and stays replaced");
  // Calls between the module's functions name the table, not the factory's functions.
  const src = generatedSource(inst.module)!;
  t.regex(src, /FT\[0\]\(/);
  t.false(/[^.\w]F0\(/.test(src.slice(src.indexOf("function F2("))));
  t.deepEqual(compiledFlags(inst.module), [true, true, true, true, true, true, true]);
});

test("lazily compiled code traps with the interpreter's frames, through direct, indirect and cross-instance calls", async (t) => {
  const bytes = await wat(CHAIN);
  const seen: unknown[] = [];
  for (const tier of TIERS) {
    const inst = instanceOf(tier, bytes);
    seen.push([outcome(inst, "deep", 65536), outcome(inst, "deep", 8), outcome(inst, "deep", 65533), outcome(inst, "used", 65535)]);
  }
  t.deepEqual(seen[1], seen[0]);
  t.like((seen[0] as { trap?: string }[])[0], { trap: TrapMessage.MemoryOutOfBounds });
  // A function of a lazily compiled instance imported by another one is compiled at its first call from there.
  const lib = instanceOf("compiler", await wat(`(module (func (export "twice") (param i32) (result i32)
    (if (result i32) (i32.eq (local.get 0) (i32.const 13)) (then unreachable) (else (i32.shl (local.get 0) (i32.const 1))))))`));
  const user = instanceOf("compiler", await wat(`(module (import "m" "twice" (func $t (param i32) (result i32)))
    (func (export "f") (param i32) (result i32) (i32.add (i32.const 1) (call $t (local.get 0)))))`), [fn(lib, "twice")]);
  t.deepEqual(run(user, "f", 20), [41]);
  t.like(lazyProgress(lib.module), { emitted: 1, made: 1 });
  const e = t.throws(() => run(user, "f", 13), { instanceOf: Trap }) as Trap;
  t.is(e.reason, TrapMessage.Unreachable);
  t.deepEqual(e.frames.map((f) => [f.funcIndex, f.instance === lib]), [[0, true], [1, false]]);
});

const RECURSE = `(module (func $r (export "r") (param i32) (result i32)
  (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
    (else (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1))))))))`;

test("the call-depth limit stays exact: both tiers reach the store's limit and trap one frame further with the same frames", async (t) => {
  const bytes = await wat(RECURSE);
  for (const maxCallDepth of [10_000, 300]) {
    const seen: unknown[] = [];
    for (const tier of TIERS) {
      const inst = instanceOf(tier, bytes, [], { maxCallDepth });
      seen.push([outcome(inst, "r", maxCallDepth - 1), outcome(inst, "r", maxCallDepth)]);
      if (tier === "compiler") t.like(lazyProgress(inst.module), { emitted: 1, made: 1 });
    }
    t.deepEqual(seen[1], seen[0]);
    t.deepEqual((seen[0] as unknown[])[0], { results: [maxCallDepth - 1] });
    t.like((seen[0] as unknown[])[1], { trap: TrapMessage.CallStackExhausted });
  }
});

const FIB = `(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "count") (param i32) (loop (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))))`;

test("fuel is exact in lazily compiled code: fib(10) costs 177 and a loop of n iterations n, on both tiers", async (t) => {
  const bytes = await wat(FIB);
  const left: number[] = [];
  for (const tier of TIERS) {
    const inst = instanceOf(tier, bytes, [], { consumeFuel: true });
    const store = inst.store!;
    store.setFuel(1000);
    t.deepEqual(run(inst, "fib", 10), [55]);
    t.is(store.getFuel(), 1000 - 177, tier);
    store.setFuel(99);
    t.like(outcome(inst, "count", 100), { trap: TrapMessage.OutOfFuel });
    left.push(store.getFuel());
    if (tier === "compiler") t.like(lazyProgress(inst.module, true), { emitted: 2 });
  }
  t.deepEqual(left, [0, 0]);
});

test("tail calls and exceptions across lazily compiled functions: the interpreter's results", async (t) => {
  const bytes = await wat(`(module
    (tag $e (param i32))
    (func $even (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1)) (else (return_call $odd (i32.sub (local.get 0) (i32.const 1))))))
    (func $odd (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (return_call $even (i32.sub (local.get 0) (i32.const 1))))))
    (func (export "even") (param i32) (result i32) (call $even (local.get 0)))
    (func $throw (param i32) (throw $e (local.get 0)))
    (func (export "catch") (param i32) (result i32)
      (block $h (result i32) (try_table (catch $e $h) (call $throw (local.get 0))) (i32.const -1))))`, WASM3_EH_FEATURES);
  const seen: unknown[] = [];
  for (const tier of TIERS) {
    const inst = instanceOf(tier, bytes);
    seen.push([run(inst, "even", 100_001), run(inst, "even", 50_000), run(inst, "catch", 77)]);
  }
  t.deepEqual(seen, [[[0], [1], [77]], [[0], [1], [77]]]);
});

test("tiered: frames move into a lazily compiled module, in loops (OSR) and at entries", async (t) => {
  const bytes = await wat(`(module
    (func $step (param i32) (result i32) (i32.add (i32.mul (local.get 0) (i32.const 31)) (i32.const 7)))
    (func (export "loop") (param i32) (result i32) (local $i i32) (local $s i32)
      (loop $l
        (local.set $s (call $step (i32.xor (local.get $s) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get 0))))
      (local.get $s))
    (func (export "unused") (result i32) (i32.const 0)))`);
  const want = run(instanceOf("interpreter", bytes), "loop", 5000);
  const inst = instanceOf("tiered", bytes, [], { tierUpEvents: 0, tierSlice: 1 });
  t.deepEqual(run(inst, "loop", 5000), want);
  t.true(tierUpCounts(inst.store!).loops > 0);
  // The loop's variant calls $step through the table, which compiled it; "unused" was never emitted.
  const progress = lazyProgress(inst.module)!;
  t.is(progress.functions, 3);
  t.true(progress.emitted >= 1 && progress.emitted <= 2, `${progress.emitted} emitted`);
  t.deepEqual(run(inst, "loop", 5000), want);
  t.is(lazyProgress(inst.module)!.emitted, 2);
});

test("serializing a lazily compiled module carries every function's text; installed, it runs without emitting", async (t) => {
  const bytes = await wat(CHAIN);
  const inst = instanceOf("compiler", bytes);
  t.deepEqual(run(inst, "used", 5), [30]);
  const form = compiledForm(inst.module)!;
  // Those not run so far were emitted for the artifact.
  t.like(lazyProgress(inst.module), { functions: 7, emitted: 7, made: 2 });
  t.is(form.source, "");
  t.is(form.functions!.length, 7);
  // A function with large frames declares its depth bound first (`const D<i>=...;`, see emit.ts).
  t.true(form.functions!.every((text, i) => new RegExp(`^(const D${i}=[^;]*;)?function F${i}\\(`).test(text)));
  const artifact = deserialize(serialize(bytes, form));
  if ("error" in artifact) return t.fail(artifact.error);
  t.deepEqual(artifact.compiled!.functions, form.functions);
  t.deepEqual(artifact.compiled!.compiled, form.compiled);
  const fresh = compileModule(bytes);
  t.true(installCompiledForm(fresh, artifact.compiled!));
  const modules = modulesEmitted(), functions = functionsEmitted();
  const again = instantiate(new Store({ tier: "compiler" }), fresh, []);
  t.deepEqual([run(again, "used", 5), run(again, "never"), outcome(again, "deep", 65536)],
    [[30], [42], outcome(inst, "deep", 65536)]);
  t.is(modulesEmitted(), modules);
  t.is(functionsEmitted(), functions);
  // used, helper, never, deep, chain, load: made at their first calls; alsoNever not.
  t.like(lazyProgress(fresh), { emitted: 7, made: 6 });
  t.false(installCompiledForm(fresh, artifact.compiled!), "a module compiled already keeps its form");
  // An artifact whose function texts do not match its functions is refused, with the reason.
  const short = deserialize(serialize(bytes, { ...form, functions: form.functions!.slice(1) }));
  t.deepEqual(short, { error: "serialized module is malformed: 6 function texts for 7 functions" });
});

test("below the threshold a module is compiled whole; above it, one function at a time", async (t) => {
  const small = await wat(FIB);
  const big = await wat(`(module (func (export "f") (result i32) ${"(nop)".repeat(LAZY_CODE_BYTES)} (i32.const 7))
    (func (export "g") (result i32) (i32.const 8)))`);
  // Synchronous from here to the reset: the other tests of this file keep the threshold 0.
  setLazyCodeBytes(null);
  try {
    const whole = instanceOf("compiler", small);
    t.deepEqual(invoke(fn(whole, "fib"), [10]), [55]);
    t.is(lazyProgress(whole.module), null);
    t.deepEqual(compiledFlags(whole.module), [true, true]);
    const large = instanceOf("compiler", big);
    t.true(codeBytes(large.module) > LAZY_CODE_BYTES);
    t.true(compilesLazily(large.module));
    t.deepEqual(invoke(fn(large, "g"), []), [8]);
    t.like(lazyProgress(large.module), { functions: 2, emitted: 1, made: 1 });
  } finally {
    setLazyCodeBytes(0);
  }
});
