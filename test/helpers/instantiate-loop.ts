/**
 * Child-process program for the store-ownership test: instantiates a module
 * again and again in one store and drops each instance, through the C API
 * (`capi`) or the engine's own API (`impl`), and prints the heap in use
 * after a full garbage collection at each checkpoint, as JSON. Run with
 * `node --expose-gc instantiate-loop.js capi|impl CHECKPOINT...`.
 * @module
 */
import * as C from "../../capi/index.js";
import { compileModule, FuncInstance, instantiate, invoke, Store, ValType } from "../../impl/index.js";
import { wat } from "./wat.js";

const TEXT = `(module
  (import "host" "f" (func $f (param i32) (result i32)))
  (global $g (mut i32) (i32.const 7))
  (table 1 funcref)
  (memory 0 1)
  (elem (i32.const 0) $run)
  (func $run (export "run") (param i32) (result i32)
    (global.set $g (i32.add (global.get $g) (local.get 0)))
    (call $f (global.get $g))))`;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

function heapUsed(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

/** The C API loop: each iteration makes a host function, instantiates with it, calls an export, and deletes all of it. */
function capiLoop(bytes: Uint8Array, checkpoints: number[]): { heap: number[]; live: number[] } {
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  const binary: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_byte_vec_new(binary, bytes.length, bytes);
  const module = C.wasm_module_new(store, binary)!;
  C.wasm_byte_vec_delete(binary);
  const type = C.wasm_functype_new_1_1(C.wasm_valtype_new_i32(), C.wasm_valtype_new_i32());
  const heap: number[] = [];
  const live: number[] = [];
  // The previous iteration's instance is deleted after the next one is made, so instances do not die in the
  // reverse order of their making (a store that only forgets its newest instance would grow).
  let previous: C.wasm_instance_t | null = null;
  for (let i = 1; i <= checkpoints[checkpoints.length - 1]!; i++) {
    const host = C.wasm_func_new(store, type, (args, results) => {
      results.data[0] = C.WASM_I32_VAL(args.data[0]!.of.i32! + 1);
      return null;
    });
    const instance = C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC([C.wasm_func_as_extern(host)]), null)!;
    const exports: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
    C.wasm_instance_exports(instance, exports);
    const results = [C.WASM_INIT_VAL()];
    const trap = C.wasm_func_call(C.wasm_extern_as_func(exports.data[0]!), C.WASM_ARRAY_VEC([C.WASM_I32_VAL(i)]), C.WASM_ARRAY_VEC(results));
    if (trap !== null || results[0]!.of.i32 !== 7 + i + 1) throw new Error(`iteration ${i}: wrong result`);
    C.wasm_extern_vec_delete(exports);
    C.wasm_func_delete(host);
    C.wasm_instance_delete(previous);
    previous = instance;
    if (checkpoints.includes(i)) {
      heap.push(heapUsed());
      live.push(C.wasmts_live_count());
    }
  }
  C.wasm_instance_delete(previous);
  C.wasm_functype_delete(type);
  C.wasm_module_delete(module);
  C.wasm_store_delete(store);
  C.wasm_engine_delete(engine);
  return { heap, live };
}

/** The engine-level loop: the same module, instantiated in one `Store` and dropped. */
function implLoop(bytes: Uint8Array, checkpoints: number[]): { heap: number[]; live: number[] } {
  const module = compileModule(bytes);
  const store = new Store();
  const type = { params: [ValType.I32], results: [ValType.I32] };
  const heap: number[] = [];
  for (let i = 1; i <= checkpoints[checkpoints.length - 1]!; i++) {
    const host = new FuncInstance(type, null, -1, (args: readonly unknown[]) => [((args[0] as number) + 1) | 0]);
    const inst = instantiate(store, module, [host]);
    const [r] = invoke(inst.export("run") as FuncInstance, [i]);
    if (r !== 7 + i + 1) throw new Error(`iteration ${i}: wrong result ${String(r)}`);
    if (checkpoints.includes(i)) heap.push(heapUsed());
  }
  if (store.instanceCount !== checkpoints[checkpoints.length - 1]) throw new Error("the store miscounted");
  return { heap, live: [] };
}

const [mode, ...rest] = process.argv.slice(2);
const checkpoints = rest.map(Number);
const bytes = await wat(TEXT);
const result = mode === "capi" ? capiLoop(bytes, checkpoints) : mode === "impl" ? implLoop(bytes, checkpoints) : null;
if (result === null) throw new Error(`unknown mode ${String(mode)}`);
console.log(JSON.stringify({ mode, checkpoints, ...result }));
