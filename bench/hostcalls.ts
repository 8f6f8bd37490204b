/**
 * The host-call workload of `npm run bench` (issue 13): the WASI program
 * `test/wasi/programs/hostcalls.wasm` makes N WASI calls in a loop, on our
 * engine (its built-in `wasi_snapshot_preview1`) and on V8 with `node:wasi`,
 * in the same process. What it measures is the cost of one call from wasm
 * into the host and back, with the host's work kept small:
 * - `clock`: `clock_time_get(monotonic)`, no I/O;
 * - `write`: `fd_write` of one byte to a file in a preopen (a temporary
 *   directory, removed afterwards), one host write each.
 * Only the `_start` call is timed (not compiling or instantiating). Each run
 * checks the program's exit status and the checksum it prints (N).
 * @module
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WASI } from "node:wasi";
import {
  attachWasi, compileModule, DIR_PERMS_READ, DIR_PERMS_WRITE, FILE_PERMS_READ, FILE_PERMS_WRITE, FuncInstance,
  instantiateFrom, invoke, NativeRegistry, ProcExit, Store, WasiContext, wasiPreview1, type ValidatedModule,
} from "../impl/index.js";
import { median } from "./median.js";

/** The little of V8's own WebAssembly API this file uses (the Node typings do not declare it). */
interface V8WebAssembly {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
}
const V8Wasm = (globalThis as unknown as { WebAssembly: V8WebAssembly }).WebAssembly;

/** Where the program sees its preopen. */
const GUEST = "/sandbox";

/** One timed run: the milliseconds of `_start`, and whether the status and checksum were right. */
interface Timed {
  readonly ms: number;
  readonly ok: boolean;
}

function argsFor(mode: string, n: number): string[] {
  return ["hostcalls", mode, String(n), `${GUEST}/sink`];
}

/** The line the program prints when every call did its work. */
function expectedLine(mode: string, n: number): string {
  return `${mode}: ${n} calls, checksum ${n}\n`;
}

function ours(module: ValidatedModule, mode: string, n: number, dir: string): Timed {
  const out: Uint8Array[] = [];
  const ctx = new WasiContext({
    args: argsFor(mode, n), env: [], stdin: { kind: "empty" },
    stdout: { kind: "capture", write: (b) => out.push(b) }, stderr: { kind: "inherit" },
    preopens: [{ hostPath: dir, guestPath: GUEST, dirPerms: DIR_PERMS_READ | DIR_PERMS_WRITE, filePerms: FILE_PERMS_READ | FILE_PERMS_WRITE }],
  });
  try {
    const store = new Store();
    attachWasi(store, ctx);
    const start = instantiateFrom(store, module, { registry: new NativeRegistry({ builtins: [wasiPreview1()] }) }).export("_start");
    if (!(start instanceof FuncInstance)) throw new Error("hostcalls: no _start export");
    let status = 0;
    const t0 = process.hrtime.bigint();
    try {
      invoke(start, []);
    } catch (e) {
      if (!(e instanceof ProcExit)) throw e;
      status = e.status;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ms, ok: status === 0 && Buffer.concat(out).toString() === expectedLine(mode, n) };
  } finally {
    ctx.close();
  }
}

async function v8(bytes: Uint8Array, mode: string, n: number, dir: string): Promise<Timed> {
  const stdoutPath = join(dir, "stdout");
  const stdout = openSync(stdoutPath, "w");
  try {
    const wasi = new WASI({ version: "preview1", args: argsFor(mode, n), env: {}, preopens: { [GUEST]: dir }, stdout, returnOnExit: true });
    const instance = await V8Wasm.instantiate(await V8Wasm.compile(bytes), wasi.getImportObject());
    const t0 = process.hrtime.bigint();
    const status = wasi.start(instance);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    closeSync(stdout);
    return { ms, ok: status === 0 && readFileSync(stdoutPath, "utf8") === expectedLine(mode, n) };
  } finally {
    try { closeSync(stdout); } catch { /* closed above */ }
  }
}

/**
 * Runs both modes `runs` times on each side and prints one line per mode in
 * the style of the kernels' table, with ns per WASI call; returns the number
 * of modes whose output was wrong.
 */
export async function hostcallWorkload(programFile: string, runs: number, quick: boolean): Promise<number> {
  const bytes = new Uint8Array(readFileSync(programFile));
  const module = compileModule(bytes);
  const n = quick ? 10_000 : 1_000_000;
  let failures = 0;
  for (const mode of ["clock", "write"]) {
    const v8times: number[] = [];
    const ourTimes: number[] = [];
    let ok = true;
    for (let r = 0; r < runs; r++) {
      // A fresh preopen per run and side, so every write run starts from an empty sink.
      for (const side of ["v8", "ours"] as const) {
        const dir = mkdtempSync(join(tmpdir(), "bench-hostcalls-"));
        try {
          const t = side === "v8" ? await v8(bytes, mode, n, dir) : ours(module, mode, n, dir);
          (side === "v8" ? v8times : ourTimes).push(t.ms);
          ok &&= t.ok;
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
    if (!ok) failures++;
    const v8ms = median(v8times);
    const ourMs = median(ourTimes);
    const perCall = (ms: number): string => (ms * 1e6 / n).toFixed(0);
    console.log(`${`wasi ${mode} ${n}`.padEnd(22)} ${v8ms.toFixed(1).padStart(8)} ${ourMs.toFixed(1).padStart(10)} ${(ourMs / v8ms).toFixed(2).padStart(8)}   ${ok ? "ok" : "WRONG"}   ns per WASI call: V8 + node:wasi ${perCall(v8ms)}, ours ${perCall(ourMs)}`);
  }
  return failures;
}
