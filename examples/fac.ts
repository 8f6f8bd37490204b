/**
 * Example: compile a `.wat` program and run it through the engine.
 * Prints factorials computed two ways, then shows a trap becoming an error.
 * @module
 */
import { readFileSync } from "node:fs";
import { compileModule, FuncInstance, instantiate, invoke, Store, Trap } from "../impl/index.js";
import { wat } from "../test/helpers/wat.js";
import { exampleFile } from "./files.js";

const bytes = await wat(readFileSync(exampleFile("fac.wat"), "utf8"));
const module = compileModule(bytes);
const instance = instantiate(new Store(), module, []);

function exported(name: string): FuncInstance {
  const e = instance.export(name);
  if (!(e instanceof FuncInstance)) throw new Error(`no function export ${name}`);
  return e;
}

for (const n of [0n, 5n, 20n]) {
  const [rec] = invoke(exported("fac_rec"), [n]);
  const [iter] = invoke(exported("fac_iter"), [n]);
  console.log(`fac(${n}) = ${rec} (recursive), ${iter} (iterative)`);
}
try {
  invoke(exported("div"), [1, 0]);
} catch (e) {
  if (!(e instanceof Trap)) throw e;
  console.log(`div(1, 0) trapped: ${e.reason}`);
}
