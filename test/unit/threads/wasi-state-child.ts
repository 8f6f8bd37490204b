/**
 * The embedding of wasi-state.test.ts, run as a child process so that the
 * program runs on a process's main thread (see the README: Node closes the
 * descriptors a spawned thread opened when it ends if its parent is itself a
 * worker, as the test runner's threads are). Runs examples/threads-wasi.wasm
 * with stdin from fixed bytes, stdout captured by a function, the directory
 * argv[3] preopened; prints a JSON report: what the function received before
 * `flush`, after it, after `close`, and the trap, if any.
 * Arguments: tier, program, directory, stdin text.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  attachWasi, compileModule, defaultWasiConfig, DIR_PERMS_READ, DIR_PERMS_WRITE, FILE_PERMS_READ, FILE_PERMS_WRITE,
  instantiateFrom, invoke, joinThreadGroup, MemoryInstance, NativeRegistry, Store, WasiContext, wasiPreview1,
  wasiThreads, type FuncInstance,
} from "../../../impl/index.js";

const [tier, program, dir, stdin] = process.argv.slice(2) as ["interpreter" | "compiler", string, string, string];
const decoder = new TextDecoder();
let out = "";
const store = new Store({ tier });
const ctx = new WasiContext({
  ...defaultWasiConfig(), args: ["prog"],
  stdin: { kind: "bytes", bytes: new TextEncoder().encode(stdin) },
  stdout: { kind: "capture", write: (b) => { out += decoder.decode(b); } },
  // stderr captured by a second function: the shared table keeps each stream's own.
  stderr: { kind: "capture", write: (b) => { out += `[stderr ${decoder.decode(b)}]`; } },
  preopens: [{ hostPath: dir, guestPath: "/tmp", dirPerms: DIR_PERMS_READ | DIR_PERMS_WRITE, filePerms: FILE_PERMS_READ | FILE_PERMS_WRITE }],
});
attachWasi(store, ctx);
joinThreadGroup(store);
const memory = new MemoryInstance({ limits: { min: 1, max: 1 }, shared: true });
const registry = new NativeRegistry({ builtins: [wasiPreview1(), wasiThreads()] }).define("env", "memory", memory);
let trap: string | null = null;
try {
  const inst = instantiateFrom(store, compileModule(readFileSync(program)), { registry });
  invoke(inst.export("_start") as FuncInstance, []);
} catch (e) {
  trap = e instanceof Error ? e.message : String(e);
}
const beforeFlush = out;
ctx.flush();
const afterFlush = out;
ctx.close();
process.stdout.write(JSON.stringify({ beforeFlush, afterFlush, afterClose: out, trap }));
