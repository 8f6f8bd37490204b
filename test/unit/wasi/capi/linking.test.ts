/**
 * How WASI imports are linked through the C API: filled by the engine's
 * registry in a store with WASI, unknown (with a clear error) elsewhere;
 * explicit externs and registrations win; a start function that exits is a
 * trap from wasm_instance_new; misuse of a configuration.
 * @module
 */
import test from "ava";
import * as C from "../../../../capi/index.js";
import { compile, message } from "../../capi/helpers.js";
import { callExport, collector, instantiate, PROGRAM_IMPORTS, setup } from "./program.js";

function nameOf(s: string): C.wasm_name_t {
  const v: C.wasm_name_t = C.WASM_EMPTY_VEC();
  C.wasm_name_new_from_string(v, s);
  return v;
}

test("in a store without WASI the imports are unknown, and the link error says WASI is not configured", async (t) => {
  const run = await setup(null);
  const error = t.throws(() => instantiate(run));
  t.regex(error!.message, /unknown import for "wasi_snapshot_preview1" "args_sizes_get"/);
  t.regex(error!.message, /WASI is not configured for this store/);
  t.is(error!.message.split("\n").length, PROGRAM_IMPORTS, "every import is named, one a line");
  run.done();
});

test("WASI serves only the store it was attached to: another store of the same engine does not get it", async (t) => {
  const run = await setup(() => undefined);
  const other = C.wasm_store_new(run.engine);
  const module = await compile(other, `(module (import "wasi_snapshot_preview1" "proc_exit" (func (param i32))))`);
  const trap: { value: C.wasm_trap_t | null } = { value: null };
  t.is(C.wasm_instance_new(other, module, C.WASM_ARRAY_VEC([null]), trap), null);
  t.regex(message(trap.value!), /WASI is not configured/);
  C.wasm_trap_delete(trap.value);
  C.wasm_module_delete(module);
  C.wasm_store_delete(other);
  run.done();
});

test("an explicit extern overrides one WASI function; the rest still come from WASI", async (t) => {
  const out = collector();
  const run = await setup((config) => {
    C.wasi_config_set_argv(config, 1, ["prog"]);
    C.wasi_config_set_stdout_custom(config, out.callback, null, null);
  });
  // args_sizes_get (import 0) answers one argument of 5 bytes itself.
  const type = C.wasm_functype_new_2_1(C.wasm_valtype_new_i32(), C.wasm_valtype_new_i32(), C.wasm_valtype_new_i32());
  let called = 0;
  const mine = C.wasm_func_new(run.store, type, (args, results) => {
    called++;
    results.data[0] = C.WASM_I32_VAL(0);
    return null;
  });
  C.wasm_functype_delete(type);
  const imports: (C.wasm_extern_t | null)[] = new Array<null>(PROGRAM_IMPORTS).fill(null);
  imports[0] = C.wasm_func_as_extern(mine);
  const instance = instantiate(run, imports);
  // Memory is zero at 0: the override reports zero arguments, so nothing is printed.
  t.is(callExport(run, instance, "print_args").trap, null);
  t.is(called, 1);
  t.is(out.text(), "");
  t.is(callExport(run, instance, "say", 1).trap, null, "fd_write is still WASI's");
  t.is(out.text(), "written\n");
  C.wasm_func_delete(mine);
  C.wasm_instance_delete(instance);
  run.done();
});

test("a registration in the engine's registry wins over the built-in WASI function of the same name", async (t) => {
  const run = await setup(() => undefined);
  const type = C.wasm_functype_new_1_0(C.wasm_valtype_new_i32());
  const exits: number[] = [];
  t.true(C.wasmts_registry_define_func(C.wasmts_engine_registry(run.engine), nameOf("wasi_snapshot_preview1"), nameOf("proc_exit"), type,
    (args) => {
      exits.push(args.data[0]!.of.i32!);
      return null;
    }));
  C.wasm_functype_delete(type);
  const instance = instantiate(run);
  t.is(callExport(run, instance, "exit", 9).trap, null, "the registered proc_exit returns");
  t.deepEqual(exits, [9]);
  C.wasm_instance_delete(instance);
  run.done();
});

test("a strict engine fills nothing, WASI included; the linker with the engine's registry links WASI", async (t) => {
  const run = await setup(() => undefined);
  C.wasmts_engine_set_strict_linking(run.engine, true);
  t.throws(() => instantiate(run), { message: /linking is strict/ });
  const linker = C.wasmts_linker_new(run.store, C.wasmts_engine_registry(run.engine));
  const trap: { value: C.wasm_trap_t | null } = { value: null };
  const instance = C.wasmts_linker_instantiate(linker, run.module, null, trap);
  t.not(instance, null);
  const status = { value: -1 };
  const exit = callExport(run, instance!, "exit", 4).trap;
  t.true(C.wasmts_trap_exit_status(exit, status));
  t.is(status.value, 4);
  C.wasm_trap_delete(exit);
  C.wasm_instance_delete(instance);
  C.wasmts_linker_delete(linker);
  run.done();
});

test("the C API loader links WASI from the engine's registry in a store with WASI, and not elsewhere", async (t) => {
  const run = await setup(() => undefined);
  const loader = C.wasmts_loader_new(run.store, C.wasmts_engine_registry(run.engine));
  const trap: { value: C.wasm_trap_t | null } = { value: null };
  const instance = C.wasmts_loader_instantiate(loader, run.module, null, trap);
  t.not(instance, null);
  t.deepEqual(callExport(run, instance!, "add", 1, 2).results, [3]);
  C.wasm_instance_delete(instance);
  C.wasmts_loader_delete(loader);
  run.done();

  const bare = await setup(null);
  const bareLoader = C.wasmts_loader_new(bare.store, C.wasmts_engine_registry(bare.engine));
  t.is(C.wasmts_loader_instantiate(bareLoader, bare.module, null, trap), null);
  t.regex(message(trap.value!), /WASI is not configured for this store/);
  C.wasm_trap_delete(trap.value);
  C.wasmts_loader_delete(bareLoader);
  bare.done();
});

test("a start function that calls proc_exit makes wasm_instance_new fail with the exit trap; the store goes on", async (t) => {
  const run = await setup(() => undefined);
  const exiting = await compile(run.store, `(module
    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (func $start (call $exit (i32.const 7)))
    (start $start))`);
  const trap: { value: C.wasm_trap_t | null } = { value: null };
  t.is(C.wasm_instance_new(run.store, exiting, C.WASM_ARRAY_VEC([null]), trap), null);
  const status = { value: -1 };
  t.true(C.wasmts_trap_exit_status(trap.value, status));
  t.is(status.value, 7);
  C.wasm_trap_delete(trap.value);
  const instance = instantiate(run);
  t.deepEqual(callExport(run, instance, "add", 20, 22).results, [42]);
  C.wasm_instance_delete(instance);
  C.wasm_module_delete(exiting);
  run.done();
});

test("an exit inside a host callback's nested call keeps its status when the callback returns that trap", async (t) => {
  const run = await setup(() => undefined);
  const wasiInstance = instantiate(run);
  const exports: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_instance_exports(wasiInstance, exports);
  // The program's "exit" export is the 7th export (memory, print_args, print_env, cat, say, create, exit, add).
  const exitFunc = C.wasm_extern_as_func(exports.data[6]!)!;
  const type = C.wasm_functype_new_0_0();
  const relay = C.wasm_func_new(run.store, type, () => C.wasm_func_call(exitFunc, C.WASM_ARRAY_VEC([C.WASM_I32_VAL(5)]), C.WASM_EMPTY_VEC()));
  C.wasm_functype_delete(type);
  const outer = await compile(run.store, `(module (import "host" "relay" (func $r)) (func (export "go") (call $r)))`);
  const outerInstance = C.wasm_instance_new(run.store, outer, C.WASM_ARRAY_VEC([C.wasm_func_as_extern(relay)]), null)!;
  const go: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_instance_exports(outerInstance, go);
  const trap = C.wasm_func_call(C.wasm_extern_as_func(go.data[0]!), C.WASM_EMPTY_VEC(), C.WASM_EMPTY_VEC());
  const status = { value: -1 };
  t.true(C.wasmts_trap_exit_status(trap, status));
  t.is(status.value, 5);
  C.wasm_trap_delete(trap);
  C.wasm_extern_vec_delete(go);
  C.wasm_extern_vec_delete(exports);
  C.wasm_instance_delete(outerInstance);
  C.wasm_instance_delete(wasiInstance);
  C.wasm_module_delete(outer);
  C.wasm_func_delete(relay);
  run.done();
});

test("misuse: a deleted config, a config used twice, a wasi_config_t where a store is expected", (t) => {
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  const deleted = C.wasi_config_new();
  C.wasi_config_delete(deleted);
  t.throws(() => C.wasi_config_inherit_stdout(deleted), { instanceOf: C.wasmts_error_t, message: /^wasi_config_inherit_stdout: .*already deleted/ });
  t.throws(() => C.wasmts_store_set_wasi(store, deleted), { instanceOf: C.wasmts_error_t, message: /^wasmts_store_set_wasi: / });
  t.throws(() => C.wasi_config_delete(deleted), { instanceOf: C.wasmts_error_t });
  const config = C.wasi_config_new();
  t.true(C.wasmts_store_set_wasi(store, config));
  t.throws(() => C.wasmts_store_set_wasi(store, config), { instanceOf: C.wasmts_error_t, message: /already deleted/ },
    "the store took the config: giving it again is misuse");
  t.throws(() => C.wasi_config_set_argv(config, 1, ["x"]), { instanceOf: C.wasmts_error_t });
  t.throws(() => C.wasmts_store_set_wasi(config as unknown as C.wasm_store_t, C.wasi_config_new()), { instanceOf: C.wasmts_error_t });
  t.throws(() => C.wasi_config_set_argv(C.wasi_config_new(), 2, ["one"]), { message: /past the end/ });
  t.throws(() => C.wasi_config_set_env(C.wasi_config_new(), 1, ["K"], [null as unknown as string]), { message: /values\[0\] is null/ });
  C.wasm_store_delete(store);
  C.wasm_engine_delete(engine);
});

test("attaching again replaces the store's WASI; wasmts_wasi_last_error says why an attach failed", async (t) => {
  const first = collector(), second = collector();
  const run = await setup((config) => C.wasi_config_set_stdout_custom(config, first.callback, null, null));
  const instance = instantiate(run);
  callExport(run, instance, "say", 1);
  const message: C.wasm_message_t = C.WASM_EMPTY_VEC();
  t.false(C.wasmts_wasi_last_error(run.store, message), "no failure yet");
  t.is(message.size, 0);
  const config = C.wasi_config_new();
  C.wasi_config_set_stdout_custom(config, second.callback, null, null);
  t.true(C.wasmts_store_set_wasi(run.store, config));
  callExport(run, instance, "say", 1);
  t.is(first.text(), "written\n");
  t.is(second.text(), "written\n", "the instance now writes through the new context");

  // A stdin file that existed when configured and is gone when attached.
  const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "wasmts-wasi-capi-"));
  writeFileSync(join(dir, "in.txt"), "x");
  const vanishing = C.wasi_config_new();
  let finalized = 0;
  C.wasi_config_set_stdout_custom(vanishing, () => 0, null, () => finalized++);
  t.true(C.wasi_config_set_stdin_file(vanishing, join(dir, "in.txt")));
  rmSync(dir, { recursive: true, force: true });
  t.false(C.wasmts_store_set_wasi(run.store, vanishing), "the context opens its files when made");
  t.true(C.wasmts_wasi_last_error(run.store, message));
  t.regex(C.wasmts_byte_vec_to_string(message), /cannot make the WASI context/);
  t.is(message.data[message.size - 1], 0, "NUL-terminated");
  t.is(finalized, 1, "the config was deleted, its finalizer run");
  t.throws(() => C.wasi_config_inherit_stdin(vanishing), { instanceOf: C.wasmts_error_t }, "taken even on failure");
  callExport(run, instance, "say", 1);
  t.is(second.text(), "written\nwritten\n", "a failed attach leaves the attached context in place");
  C.wasm_byte_vec_delete(message);
  C.wasm_instance_delete(instance);
  run.done();
});

test("a WASI function called from the host, or by a module without an exported memory, is a trap, not a host exception", async (t) => {
  const run = await setup(() => undefined);
  const module = await compile(run.store, `(module
    (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
    (export "fd_write" (func $w))
    (func (export "write") (result i32) (call $w (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0))))`);
  const instance = C.wasm_instance_new(run.store, module, C.WASM_ARRAY_VEC([null]), null)!;
  const exports: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_instance_exports(instance, exports);
  const rs = [C.WASM_INIT_VAL()];
  const fromHost = C.wasm_func_call(C.wasm_extern_as_func(exports.data[0]!), C.WASM_ARRAY_VEC([1, 0, 0, 0].map((x) => C.WASM_I32_VAL(x))), C.WASM_ARRAY_VEC(rs));
  t.not(fromHost, null);
  t.regex(message(fromHost!), /fd_write/);
  t.false(C.wasmts_trap_exit_status(fromHost, null));
  C.wasm_trap_delete(fromHost);
  const noMemory = C.wasm_func_call(C.wasm_extern_as_func(exports.data[1]!), C.WASM_EMPTY_VEC(), C.WASM_ARRAY_VEC(rs));
  t.not(noMemory, null);
  t.regex(message(noMemory!), /memory/);
  C.wasm_trap_delete(noMemory);
  C.wasm_extern_vec_delete(exports);
  C.wasm_instance_delete(instance);
  C.wasm_module_delete(module);
  run.done();
});
