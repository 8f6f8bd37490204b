/**
 * Child process of the stack test: what the first invoke of a process
 * allocates (the machine's stacks, the warm-up), measured with
 * `process.memoryUsage()` around it, after a garbage collection on each
 * side (run with --expose-gc). Prints JSON: bytes of heap and of array buffers.
 * @module
 */
import { compileModule, instantiate, invoke, Store, type FuncInstance } from "../../../impl/index.js";
import { wat } from "../../helpers/wat.js";

const gc = (globalThis as unknown as { gc: () => void }).gc;
const inst = instantiate(new Store(), compileModule(await wat(`(module
  (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))`)), []);
const f = inst.export("f") as FuncInstance;
gc();
const before = process.memoryUsage();
invoke(f, [1]);
gc();
const after = process.memoryUsage();
console.log(JSON.stringify({ heap: after.heapUsed - before.heapUsed, arrayBuffers: after.arrayBuffers - before.arrayBuffers }));
