/**
 * The interpreter's host-call failure path keeps a `ProcExit` as it is (the
 * same object, so `instanceof` and its status survive), through direct and
 * indirect calls, nested wasm frames and a wasm exception handler (an exit
 * is a trap: no `catch_all` catches it), and with the frames of the wasm
 * code that called it.
 * @module
 */
import test from "ava";
import {
  compileModule, FuncInstance, instantiate, invoke, ProcExit, Store, ValType, type ModuleInstance,
} from "../../../../impl/index.js";
import { wat, WASM3_EH_FEATURES } from "../../../helpers/wat.js";

const thrown: ProcExit[] = [];
const procExit = new FuncInstance({ params: [ValType.I32], results: [] }, null, -1, ([status]) => {
  const e = new ProcExit((status as number) >>> 0);
  thrown.push(e);
  throw e;
});

async function program(): Promise<ModuleInstance> {
  const module = compileModule(await wat(`(module
    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (table 1 funcref) (elem (i32.const 0) $exit)
    (type $t (func (param i32)))
    (tag $e)
    (func (export "direct") (param i32) (call $exit (local.get 0)))
    (func $deep (param i32) (param $n i32)
      (if (local.get $n)
        (then (call $deep (local.get 0) (i32.sub (local.get $n) (i32.const 1))))
        (else (call_indirect (type $t) (local.get 0) (i32.const 0)))))
    (func (export "deep") (param i32) (call $deep (local.get 0) (i32.const 50)))
    (func (export "caught") (param i32)
      (block $h (try_table (catch_all $h) (call $exit (local.get 0))))))`, WASM3_EH_FEATURES));
  return instantiate(new Store(), module, [procExit]);
}

function exitOf(t: import("ava").ExecutionContext, inst: ModuleInstance, name: string, status: number): ProcExit {
  const e = t.throws(() => invoke(inst.export(name) as FuncInstance, [status]), { instanceOf: ProcExit }) as ProcExit;
  t.is(e, thrown[thrown.length - 1]!, "the very object proc_exit threw");
  t.is(e.status, status >>> 0);
  return e;
}

test("a ProcExit from a host function reaches the caller of invoke unchanged, from a direct call", async (t) => {
  const inst = await program();
  const e = exitOf(t, inst, "direct", 3);
  t.true(e.frames.length >= 1, "the trap has the frame of the wasm function that called proc_exit");
});

test("through 50 nested wasm frames and a call_indirect, with every frame in its trace", async (t) => {
  const inst = await program();
  const e = exitOf(t, inst, "deep", 0xfffffffe);
  t.true(e.frames.length >= 51);
});

test("a wasm catch_all does not catch an exit: it is a trap, not an exception", async (t) => {
  const inst = await program();
  exitOf(t, inst, "caught", 1);
});
