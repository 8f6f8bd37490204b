/**
 * A known failing case, kept as a reproducer and NOT run by the tests:
 * `node dist/test/fuzz/failing/element-trap-message.js` exits 1 while the
 * compiled tier's `call_indirect` traps say less than the interpreter's.
 *
 * Found by the translate-to-fuzz comparison (`seed1-module171.wasm` beside
 * this file, seed 1 module 171, exception handling on: `func_14_invoker`
 * trapped with "undefined element 4294967195" on the interpreter and
 * "undefined element" on the compiled tier). The interpreter names the
 * table entry, as the reference interpreter does and as the spec suite's
 * `bulk.wast` expects ("uninitialized element 2"); the compiled tier's
 * `indirect` helper (impl/exec/compiler/helpers.ts) leaves the index out,
 * for undefined and uninitialized elements alike. The spec runner matches
 * trap messages by prefix, so the suite does not see it.
 * @module
 */
import { compileModule, instantiate, invoke, Store, type FuncInstance } from "../../../impl/index.js";
import { wat } from "../../helpers/wat.js";

const module = compileModule(await wat(`(module (type $t (func)) (table 2 funcref)
  (func (export "undefined") (call_indirect (type $t) (i32.const 5)))
  (func (export "uninitialized") (call_indirect (type $t) (i32.const 1))))`));
const messages: Record<string, string[]> = {};
for (const tier of ["interpreter", "compiler"] as const) {
  const inst = instantiate(new Store({ tier }), module, []);
  messages[tier] = ["undefined", "uninitialized"].map((name) => {
    try {
      invoke(inst.export(name) as FuncInstance, []);
      return "no trap";
    } catch (e) {
      return (e as Error).message;
    }
  });
}
console.log(JSON.stringify(messages));
const same = messages["interpreter"]!.every((m, i) => m === messages["compiler"]![i]);
console.log(same ? "passes" : "FAILS: the tiers' trap messages differ");
process.exit(same ? 0 : 1);
