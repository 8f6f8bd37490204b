/**
 * A known failing case, kept as a reproducer and NOT run by the tests:
 * `node dist/test/fuzz/failing/call-depth.js` prints how deep a plain
 * recursive function gets on each tier, and how deep a wasm -> host -> wasm
 * nesting gets, and exits 1 while the compiled tier stops short of the
 * interpreter.
 *
 * Found by the translate-to-fuzz comparison (`seed2-module8.wasm` beside
 * this file, seed 2 module 8: after `func_42_invoker` ran out of stack, a
 * global that the module decrements on every call was 84 on the interpreter
 * and 85 on the compiled tier). Cause: the store's frame limit (10,000 by
 * default) is exact on the interpreter, but compiled code overflows
 * JavaScript's own stack first under Node's default stack size (after 6,250
 * to 7,500 frames of a one-parameter recursive function on Node 20, depending
 * on how deep the caller already is), and that overflow
 * is turned into the same "call stack exhausted" trap at another depth. With
 * `node --stack-size=4000` both tiers stop at exactly 10,000 frames. The
 * fuzzer now classifies a JavaScript stack overflow in either tier as a skip
 * (its depth is the host's, not the module's), so it no longer reports this.
 * @module
 */
import { compileModule, FuncInstance, instantiate, invoke, Store, ValType, type ModuleInstance } from "../../../impl/index.js";
import { wat } from "../../helpers/wat.js";

/** The largest `n` for which `run(n)` does not throw (binary search up to `max`). */
function deepest(run: (n: number) => void, max: number): number {
  let lo = 0, hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try { run(mid); lo = mid; } catch { hi = mid - 1; }
  }
  return lo;
}

const recursive = compileModule(await wat(`(module
  (func $f (export "f") (param i32)
    (if (local.get 0) (then (call $f (i32.sub (local.get 0) (i32.const 1)))))))`));
const nested = compileModule(await wat(`(module (import "m" "h" (func $h (param i32)))
  (func (export "f") (param i32)
    (if (local.get 0) (then (call $h (i32.sub (local.get 0) (i32.const 1)))))))`));

const found: Record<string, { recursion: number; hostNesting: number }> = {};
for (const tier of ["interpreter", "compiler"] as const) {
  const a = instantiate(new Store({ tier }), recursive, []);
  let b: ModuleInstance | null = null;
  const h = new FuncInstance({ params: [ValType.I32], results: [] }, null, -1, (args) => {
    invoke(b!.export("f") as FuncInstance, [args[0]]);
    return [];
  });
  b = instantiate(new Store({ tier }), nested, [h]);
  found[tier] = {
    recursion: deepest((n) => invoke(a.export("f") as FuncInstance, [n]), 20_000),
    hostNesting: deepest((n) => invoke(b!.export("f") as FuncInstance, [n]), 20_000),
  };
}
console.log(JSON.stringify(found));
// The frame limit is 10,000: a recursion of depth n is n + 1 frames.
const short = found["compiler"]!.recursion < found["interpreter"]!.recursion;
console.log(short ? "FAILS: the compiled tier runs out of JavaScript stack before the frame limit" : "passes");
process.exit(short ? 1 : 0);
