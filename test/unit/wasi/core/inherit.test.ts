// Inherited standard streams: a child Node process runs a WASI program whose stdin, stdout and stderr are
// the process's own (pipes here), and exits with the program's status.
import test from "ava";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Errno } from "../../../../impl/index.js";
import { wat } from "../../../helpers/wat.js";
import { tempDir, wasi } from "./helpers.js";

const impl = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "impl", "index.js");

const PROGRAM = `(module
  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "got:")
  (data (i32.const 200) "to stderr\\n")
  (func (export "_start") (local $n i32) (local $total i32)
    ;; read stdin to its end into 104.. (iovec at 0: buf, len)
    (loop $more
      (i32.store (i32.const 0) (i32.add (i32.const 104) (local.get $total)))
      (i32.store (i32.const 4) (i32.const 64))
      (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
      (local.set $n (i32.load (i32.const 8)))
      (local.set $total (i32.add (local.get $total) (local.get $n)))
      (br_if $more (local.get $n)))
    (i32.store (i32.const 0) (i32.const 100))
    (i32.store (i32.const 4) (i32.add (i32.const 4) (local.get $total)))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (i32.store (i32.const 0) (i32.const 200))
    (i32.store (i32.const 4) (i32.const 10))
    (drop (call $write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $exit (i32.const 7))))`;

const RUNNER = (implUrl: string, wasmPath: string) => `
import { readFileSync } from "node:fs";
import * as E from ${JSON.stringify(implUrl)};
const store = new E.Store();
const ctx = new E.WasiContext({ ...E.defaultWasiConfig(), stdin: { kind: "inherit" }, stdout: { kind: "inherit" }, stderr: { kind: "inherit" } });
E.attachWasi(store, ctx);
const inst = E.instantiateFrom(store, E.compileModule(readFileSync(${JSON.stringify(wasmPath)})), { registry: new E.NativeRegistry({ builtins: [E.wasiPreview1()] }) });
let status = 0;
try { E.invoke(inst.export("_start"), []); } catch (e) { if (e instanceof E.ProcExit) status = e.status; else throw e; }
ctx.close();
process.exitCode = status;
`;

test("inherited stdin, stdout and stderr are the process's; the exit status is the program's", async (t) => {
  const dir = tempDir();
  t.teardown(() => dir.remove());
  const wasmPath = join(dir.path, "prog.wasm"), runner = join(dir.path, "run.mjs");
  writeFileSync(wasmPath, await wat(PROGRAM));
  writeFileSync(runner, RUNNER(pathToFileURL(impl).href, wasmPath));
  const r = spawnSync(process.execPath, [runner], { input: "abc, from the parent", encoding: "utf8" });
  t.is(r.stderr, "to stderr\n");
  t.is(r.stdout, "got:abc, from the parent");
  t.is(r.status, 7);
});

test("a preopen that is not a directory, or missing, fails when the context is made", async (t) => {
  const dir = tempDir();
  t.teardown(() => dir.remove());
  writeFileSync(join(dir.path, "file"), "");
  await t.throwsAsync(() => wasi({ preopens: [{ hostPath: join(dir.path, "file"), guestPath: "f", dirPerms: 3, filePerms: 3 }] }),
    { message: /WASI context: not a directory/ });
  await t.throwsAsync(() => wasi({ preopens: [{ hostPath: join(dir.path, "none"), guestPath: "f", dirPerms: 3, filePerms: 3 }] }),
    { message: /WASI context: .*ENOENT/ });
  t.is(Errno.NOENT, 44);
});
