import test from "ava";
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as C from "../../../capi/index.js";
import { Store, TrapMessage } from "../../../impl/index.js";
import { invoke } from "../../../impl/exec/interpreter/invoke.js";
import { instantiate as instantiateImpl } from "../../../impl/link/instantiate.js";
import { INITIAL_SLOTS, machine } from "../../../impl/exec/interpreter/machine.js";
import { compile as compileImpl, func, traps } from "../exec/helpers.js";
import { compile, exportsOf, instantiate } from "../capi/helpers.js";

const here = dirname(fileURLToPath(import.meta.url));

function child(file: string, args: string[], flags: string[] = []): unknown {
  const out = spawnSync(process.execPath, [...flags, resolve(here, file), ...args], { encoding: "utf8", timeout: 300_000 });
  if (out.status !== 0) throw new Error(`${file} exited with ${out.status}: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split("\n").pop()!);
}

// Issue 12, item 6: wasm -> host -> wasm re-entrancy through the C API was exhausted at about 240 levels.
test("wasm -> host -> wasm re-entrancy through the C API reaches 1,000 levels on Node's default stack", (t) => {
  t.deepEqual(child("reentrancy-child.js", ["1000"]), { result: 1000 });
});

// Compiled levels take more of the JavaScript stack; past 32 nested compiled entries the interpreter takes calls from the host.
for (const tier of ["interpreter", "compiler"]) {
  test(`re-entrancy through the C API reaches 1,000 levels on the ${tier} tier too`, (t) => {
    t.deepEqual(child("reentrancy-child.js", ["1000", tier]), { result: 1000 });
  });
}

test("re-entrancy past the JavaScript stack ends in the trap \"call stack exhausted\", never a crash", (t) => {
  const { trap } = child("reentrancy-child.js", ["4000"]) as { trap: string };
  t.true(trap.startsWith(TrapMessage.CallStackExhausted), trap);
});

// Issue 12, item 9: the first invoke of a thread allocated about 40 MB (a fixed 8 MiB value stack, 16 MiB of
// v128 slots, an array of a million references).
test("a thread's first invoke allocates a few MB at most", (t) => {
  const { heap, arrayBuffers } = child("first-invoke-child.js", [], ["--expose-gc"]) as { heap: number; arrayBuffers: number };
  t.true(arrayBuffers < 2 * 1024 * 1024, `array buffers: ${arrayBuffers} bytes`);
  t.true(heap + arrayBuffers < 4 * 1024 * 1024, `heap ${heap} + array buffers ${arrayBuffers} bytes`);
});

const DEEP = `(module
  (func $down (export "down") (param i32) (result i32)
    (local f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (call $down (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))))`;

test("the value stack grows as needed: a recursion needing many times the first stack runs, in any order of depths", async (t) => {
  const inst = instantiateImpl(new Store(), await compileImpl(DEEP), []);
  // About 24 slots a frame: 9,000 frames need 13 times the first stack.
  t.true(9000 * 24 > 10 * INITIAL_SLOTS);
  t.deepEqual(invoke(func(inst, "down"), [9000]), [9000]);
  t.true(machine().I.length > 2 * INITIAL_SLOTS);
  t.deepEqual(invoke(func(inst, "down"), [10]), [10]);
  t.deepEqual(invoke(func(inst, "down"), [9999]), [9999]);
  traps(t, () => invoke(func(inst, "down"), [10_000]), TrapMessage.CallStackExhausted);
  t.is(machine().depth, 0);
  t.is(machine().top, 0);
});

test("a store's maxCallDepth is exact: that many frames run, one more traps; other stores keep theirs", async (t) => {
  const m = await compileImpl(DEEP);
  const small = instantiateImpl(new Store({ maxCallDepth: 500 }), m, []);
  const big = instantiateImpl(new Store({ maxCallDepth: 30_000 }), m, []);
  const plain = instantiateImpl(new Store(), m, []);
  t.deepEqual(invoke(func(small, "down"), [499]), [499]);
  traps(t, () => invoke(func(small, "down"), [500]), TrapMessage.CallStackExhausted);
  t.deepEqual(invoke(func(big, "down"), [29_999]), [29_999]);
  traps(t, () => invoke(func(big, "down"), [30_000]), TrapMessage.CallStackExhausted);
  t.deepEqual(invoke(func(plain, "down"), [9_999]), [9_999]);
  traps(t, () => invoke(func(plain, "down"), [10_000]), TrapMessage.CallStackExhausted);
});

test("C API: wasmts_config_max_call_depth sets the exact limit of the engine's stores", async (t) => {
  const config = C.wasm_config_new();
  C.wasmts_config_max_call_depth(config, 300);
  const engine = C.wasm_engine_new_with_config(config);
  const store = C.wasm_store_new(engine);
  const module = await compile(store, DEEP);
  const instance = instantiate(store, module);
  const ex = exportsOf(module, instance);
  const down = C.wasm_extern_as_func(ex.get("down"))!;
  const rs = [C.WASM_INIT_VAL()];
  t.is(C.wasm_func_call(down, C.WASM_ARRAY_VEC([C.WASM_I32_VAL(299)]), C.WASM_ARRAY_VEC(rs)), null);
  t.is(rs[0]!.of.i32, 299);
  const trap = C.wasm_func_call(down, C.WASM_ARRAY_VEC([C.WASM_I32_VAL(300)]), C.WASM_ARRAY_VEC(rs));
  t.not(trap, null);
  C.wasm_trap_delete(trap);
  t.throws(() => C.wasmts_config_max_call_depth(C.wasm_config_new(), 0), { instanceOf: C.wasmts_error_t });
  C.wasm_extern_vec_delete(ex.vec);
  C.wasm_instance_delete(instance);
  C.wasm_module_delete(module);
  C.wasm_store_delete(store);
  C.wasm_engine_delete(engine);
});
