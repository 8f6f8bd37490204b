/**
 * WASI through the C API as an embedder ported from Wasmtime uses it:
 * `wasi_config_*`, `wasmts_store_set_wasi`, `wasm_instance_new` with null
 * entries, `wasm_func_call`, `wasmts_trap_exit_status`.
 * @module
 */
import test from "ava";
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as C from "../../../../capi/index.js";
import { byteVec, message } from "../../capi/helpers.js";
import { callExport, collector, instantiate, setup } from "./program.js";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "wasmts-wasi-capi-"));
}

test("argv and the environment set on the config are what the program reads; stdout is captured", async (t) => {
  const out = collector();
  const run = await setup((config) => {
    t.true(C.wasi_config_set_argv(config, 3, ["prog", "-n", "héllo wörld"]));
    t.true(C.wasi_config_set_env(config, 2, ["HOME", "LANG", "IGNORED"], ["/home/x", "C.UTF-8", "past envc"]));
    C.wasi_config_set_stdout_custom(config, out.callback, null, null);
  });
  const instance = instantiate(run);
  t.is(callExport(run, instance, "print_args").trap, null);
  t.is(callExport(run, instance, "print_env").trap, null);
  t.is(out.text(), "prog\n-n\nhéllo wörld\nHOME=/home/x\nLANG=C.UTF-8\n");
  C.wasm_instance_delete(instance);
  run.done();
});

test("argc counts: only the first argc strings are arguments; strings without a UTF-8 form are refused", async (t) => {
  const out = collector();
  const run = await setup((config) => {
    t.true(C.wasi_config_set_argv(config, 1, ["only", "not this"]));
    t.false(C.wasi_config_set_argv(config, 1, ["\ud800"]), "a lone surrogate has no UTF-8 form");
    t.false(C.wasi_config_set_env(config, 1, ["K"], ["\udfff"]));
    C.wasi_config_set_stdout_custom(config, out.callback, null, null);
  });
  const instance = instantiate(run);
  callExport(run, instance, "print_args");
  callExport(run, instance, "print_env");
  t.is(out.text(), "only\n", "the refused calls changed nothing");
  C.wasm_instance_delete(instance);
  run.done();
});

test("inherit_argv and inherit_env give the host process's arguments (without node itself) and environment", async (t) => {
  const out = collector();
  const run = await setup((config) => {
    C.wasi_config_inherit_argv(config);
    C.wasi_config_inherit_env(config);
    C.wasi_config_set_stdout_custom(config, out.callback, null, null);
  });
  const instance = instantiate(run);
  callExport(run, instance, "print_args");
  const args = process.argv.slice(1);
  t.is(out.text(), args.map((a) => `${a}\n`).join(""));
  const env = collector();
  C.wasm_instance_delete(instance);
  run.done();
  const run2 = await setup((config) => {
    C.wasi_config_inherit_env(config);
    C.wasi_config_set_stdout_custom(config, env.callback, null, null);
  });
  const instance2 = instantiate(run2);
  callExport(run2, instance2, "print_env");
  const expected = Object.entries(process.env).map(([k, v]) => `${k}=${v}\n`).join("");
  t.is(env.text(), expected);
  C.wasm_instance_delete(instance2);
  run2.done();
});

test("stdin from bytes: the config takes the vector (left empty) and the program reads its bytes", async (t) => {
  const out = collector();
  const input = byteVec(new TextEncoder().encode("line one\nline two, longer than one read of a hundred bytes? "
    + "no, but this one is: ".repeat(8)));
  const expected = new TextDecoder().decode(input.data);
  const run = await setup((config) => {
    C.wasi_config_set_stdin_bytes(config, input);
    C.wasi_config_set_stdout_custom(config, out.callback, null, null);
  });
  t.is(input.size, 0, "the vector was taken");
  C.wasm_byte_vec_delete(input);
  const instance = instantiate(run);
  t.is(callExport(run, instance, "cat").trap, null);
  t.is(out.text(), expected);
  C.wasm_instance_delete(instance);
  run.done();
});

test("stdin from a file; stdout and stderr to files; a file that does not open is refused with false", async (t) => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, "in.txt"), "from a file\n");
    const run = await setup((config) => {
      t.false(C.wasi_config_set_stdin_file(config, join(dir, "missing.txt")));
      t.false(C.wasi_config_set_stdout_file(config, join(dir, "no", "such", "dir.txt")));
      t.false(C.wasi_config_set_stderr_file(config, join(dir, "no", "such", "dir.txt")));
      t.true(C.wasi_config_set_stdin_file(config, join(dir, "in.txt")));
      t.true(C.wasi_config_set_stdout_file(config, join(dir, "out.txt")));
      t.true(C.wasi_config_set_stderr_file(config, join(dir, "err.txt")));
    });
    const instance = instantiate(run);
    t.is(callExport(run, instance, "cat").trap, null);
    t.is(callExport(run, instance, "say", 2).trap, null);
    C.wasm_instance_delete(instance);
    run.done();
    t.is(readFileSync(join(dir, "out.txt"), "utf8"), "from a file\n");
    t.is(readFileSync(join(dir, "err.txt"), "utf8"), "written\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("stderr captured apart from stdout; the finalizers run once, when replaced or when the store is deleted", async (t) => {
  const out = collector(), err = collector();
  const finalized: string[] = [];
  const run = await setup((config) => {
    C.wasi_config_set_stdout_custom(config, out.callback, "first", (d) => finalized.push(String(d)));
    C.wasi_config_set_stdout_custom(config, out.callback, "stdout", (d) => finalized.push(String(d)));
    t.deepEqual(finalized, ["first"], "replacing an output runs the replaced callback's finalizer");
    C.wasi_config_set_stderr_custom(config, err.callback, "stderr", (d) => finalized.push(String(d)));
  });
  const instance = instantiate(run);
  callExport(run, instance, "say", 1);
  callExport(run, instance, "say", 2);
  callExport(run, instance, "say", 2);
  t.is(out.text(), "written\n");
  t.is(err.text(), "written\nwritten\n");
  C.wasm_instance_delete(instance);
  t.deepEqual(finalized, ["first"]);
  run.done();
  t.deepEqual(finalized, ["first", "stdout", "stderr"]);
});

test("the data of a custom output is handed back unchanged; a deleted config runs its finalizers", (t) => {
  const config = C.wasi_config_new();
  const data = { mine: true };
  const seen: unknown[] = [];
  C.wasi_config_set_stdout_custom(config, () => 0, data, (d) => seen.push(d));
  C.wasi_config_inherit_stdout(config);
  t.deepEqual(seen, [data], "inherit_stdout replaced it");
  t.is(seen[0], data);
  C.wasi_config_set_stderr_custom(config, () => 0, data, (d) => seen.push(d));
  C.wasi_config_inherit_stderr(config);
  C.wasi_config_inherit_stdin(config);
  C.wasi_config_set_stdout_custom(config, () => 0, data, (d) => seen.push(d));
  C.wasi_config_delete(config);
  t.is(seen.length, 3);
});

test("a read-only preopen refuses to create a file; a writable one creates it", async (t) => {
  const dir = tempDir();
  try {
    const readOnly = await setup((config) => {
      t.true(C.wasi_config_preopen_dir(config, dir, "/sandbox", C.WASMTIME_WASI_DIR_PERMS_READ, C.WASMTIME_WASI_FILE_PERMS_READ));
    });
    const ro = instantiate(readOnly);
    const refused = callExport(readOnly, ro, "create");
    t.is(refused.trap, null);
    t.not(refused.results[0], 0, "path_open returned an errno");
    t.false(existsSync(join(dir, "out.txt")), "nothing was created");
    C.wasm_instance_delete(ro);
    readOnly.done();

    const writable = await setup((config) => {
      t.true(C.wasi_config_preopen_dir(config, dir, "/sandbox",
        C.WASMTIME_WASI_DIR_PERMS_READ | C.WASMTIME_WASI_DIR_PERMS_WRITE,
        C.WASMTIME_WASI_FILE_PERMS_READ | C.WASMTIME_WASI_FILE_PERMS_WRITE));
    });
    const rw = instantiate(writable);
    t.deepEqual(callExport(writable, rw, "create").results, [0]);
    C.wasm_instance_delete(rw);
    writable.done();
    t.is(readFileSync(join(dir, "out.txt"), "utf8"), "written\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("preopen_dir returns false for a directory that does not exist or a permission with an unknown bit", (t) => {
  const dir = tempDir();
  const config = C.wasi_config_new();
  try {
    t.false(C.wasi_config_preopen_dir(config, join(dir, "missing"), "/x", C.WASMTIME_WASI_DIR_PERMS_READ, C.WASMTIME_WASI_FILE_PERMS_READ));
    t.false(C.wasi_config_preopen_dir(config, dir, "/x", 4, C.WASMTIME_WASI_FILE_PERMS_READ));
    t.false(C.wasi_config_preopen_dir(config, dir, "/x", C.WASMTIME_WASI_DIR_PERMS_READ, 8));
    t.true(C.wasi_config_preopen_dir(config, dir, "/x", 0, 0));
  } finally {
    C.wasi_config_delete(config);
    rmSync(dir, { recursive: true, force: true });
  }
});

test("proc_exit(3) is a trap with exit status 3; the store stays usable", async (t) => {
  const run = await setup(() => undefined);
  const instance = instantiate(run);
  const { trap } = callExport(run, instance, "exit", 3);
  t.not(trap, null);
  const status = { value: -1 };
  t.true(C.wasmts_trap_exit_status(trap, status));
  t.is(status.value, 3);
  t.regex(message(trap!), /exit/);
  C.wasm_trap_delete(trap);
  t.deepEqual(callExport(run, instance, "add", 2, 3).results, [5], "the same instance runs again");
  const again = instantiate(run);
  const second = callExport(run, again, "exit", 0).trap;
  t.true(C.wasmts_trap_exit_status(second, status));
  t.is(status.value, 0, "exit(0) is a trap too, with status 0");
  t.true(C.wasmts_trap_exit_status(second, null), "the status out-parameter may be null");
  C.wasm_trap_delete(second);
  C.wasm_instance_delete(again);
  C.wasm_instance_delete(instance);
  run.done();
});

test("a status past INT_MAX reads as C's int; any other trap has no exit status", async (t) => {
  const run = await setup(() => undefined);
  const instance = instantiate(run);
  const { trap } = callExport(run, instance, "exit", -2);
  const status = { value: 0 };
  t.true(C.wasmts_trap_exit_status(trap, status));
  t.is(status.value, -2);
  C.wasm_trap_delete(trap);
  const other = C.wasm_trap_new(run.store, byteVec(new TextEncoder().encode("other\0")));
  const untouched = { value: 77 };
  t.false(C.wasmts_trap_exit_status(other, untouched));
  t.is(untouched.value, 77);
  C.wasm_trap_delete(other);
  C.wasm_instance_delete(instance);
  run.done();
});

// The process's open files that are in `dir` (other test files run in this process too, but not in `dir`).
function openIn(dir: string): string[] {
  return readdirSync("/proc/self/fd").flatMap((fd) => {
    try {
      const target = readlinkSync(join("/proc/self/fd", fd));
      return target.startsWith(dir) ? [target] : [];
    } catch {
      return []; // closed meanwhile
    }
  });
}

test("wasm_store_delete closes the host files of the store's WASI context", async (t) => {
  const dir = realpathSync(tempDir());
  try {
    writeFileSync(join(dir, "in.txt"), "in\n");
    const run = await setup((config) => {
      t.true(C.wasi_config_set_stdin_file(config, join(dir, "in.txt")));
      t.true(C.wasi_config_set_stdout_file(config, join(dir, "out.txt")));
      t.true(C.wasi_config_preopen_dir(config, dir, "/d", C.WASMTIME_WASI_DIR_PERMS_READ, C.WASMTIME_WASI_FILE_PERMS_READ));
    });
    t.true(openIn(dir).length >= 2, "stdin and stdout are open while the store lives");
    const instance = instantiate(run);
    t.is(callExport(run, instance, "cat").trap, null);
    C.wasm_instance_delete(instance);
    run.done();
    t.deepEqual(openIn(dir), [], "every file the context opened is closed");
    t.is(readFileSync(join(dir, "out.txt"), "utf8"), "in\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a custom output that returns a negative count or throws fails the program's write with EIO, never the host", async (t) => {
  let calls = 0;
  const run = await setup((config) => {
    C.wasi_config_set_stdout_custom(config, () => {
      calls++;
      return -5;
    }, null, null);
    C.wasi_config_set_stderr_custom(config, () => {
      throw new Error("the embedder's bug");
    }, null, null);
  });
  const instance = instantiate(run);
  const EIO = 29;
  t.deepEqual(callExport(run, instance, "try_say", 1), { trap: null, results: [EIO] });
  t.deepEqual(callExport(run, instance, "try_say", 2), { trap: null, results: [EIO] });
  t.is(calls, 1);
  C.wasm_instance_delete(instance);
  run.done();
});
