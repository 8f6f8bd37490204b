import test from "ava";
import {
  Errno, NativeRegistry, ProcExit, Store, Trap, compileModule, defaultWasiConfig, instantiateFrom, invoke, attachWasi,
  wasiOf, wasiPreview1, WasiContext, PREVIEW1_FUNCTIONS, WASI_PREVIEW1, type FuncInstance,
} from "../../../../impl/index.js";
import { wat } from "../../../helpers/wat.js";
import { IMPORTS, text, utf8, wasi } from "./helpers.js";

test("the module has every preview1 function, with the types of the witx", async (t) => {
  t.deepEqual([...PREVIEW1_FUNCTIONS].sort(), Object.keys(IMPORTS).sort());
  t.is(PREVIEW1_FUNCTIONS.length, 46);
  // Instantiating the proxy checks each import's type against ours.
  const w = await wasi();
  t.truthy(w.instance);
  w.close();
});

test("args_sizes_get and args_get lay out argv as C wants it", async (t) => {
  const w = await wasi({ args: ["prog", "héllo", ""] });
  t.is(w.call("args_sizes_get", 0, 4), 0);
  t.is(w.u32(0), 3);
  t.is(w.u32(4), 5 + 7 + 1);
  t.is(w.call("args_get", 100, 200), 0);
  const ptrs = [w.u32(100), w.u32(104), w.u32(108)];
  t.deepEqual(ptrs, [200, 205, 212]);
  t.is(text(w.get(200, 13)), "prog\0héllo\0\0");
  w.close();
});

test("environ_sizes_get and environ_get give KEY=VALUE strings", async (t) => {
  const w = await wasi({ env: [["A", "1"], ["PATH", "/bin"]] });
  t.is(w.call("environ_sizes_get", 0, 4), 0);
  t.deepEqual([w.u32(0), w.u32(4)], [2, 4 + 10]);
  t.is(w.call("environ_get", 100, 200), 0);
  t.is(w.u32(100), 200);
  t.is(w.u32(104), 204);
  t.is(text(w.get(200, 14)), "A=1\0PATH=/bin\0");
  w.close();
});

test("a pointer out of bounds of memory is EFAULT, and nothing is written", async (t) => {
  const w = await wasi({ args: ["prog"] });
  t.is(w.call("args_sizes_get", 65534, 0), Errno.FAULT);
  t.is(w.call("args_get", 0, 65535), Errno.FAULT);
  t.is(w.call("args_get", -4, 0), Errno.FAULT);
  t.is(w.call("clock_time_get", 1, 0n, 65530), Errno.FAULT);
  t.is(w.call("random_get", 65000, 1000), Errno.FAULT);
  t.is(w.call("fd_write", 1, 65532, 1, 0), Errno.FAULT);
  t.is(w.call("poll_oneoff", 0, 65535, 1, 0), Errno.FAULT);
  t.is(w.get(0, 8).reduce((a, b) => a + b, 0), 0);
  w.close();
});

test("clocks: realtime is near Date.now, monotonic never decreases, CPU time counts, unknown clocks are EINVAL", async (t) => {
  const w = await wasi();
  for (const id of [0, 1, 2, 3]) {
    t.is(w.call("clock_res_get", id, 0), 0);
    t.true(w.u64(0) > 0n);
  }
  t.is(w.call("clock_res_get", 4, 0), Errno.INVAL);
  t.is(w.call("clock_time_get", 0, 0n, 8), 0);
  const real = Number(w.u64(8) / 1_000_000n);
  t.true(Math.abs(real - Date.now()) < 60_000, "realtime within a minute of Date.now");
  let last = 0n;
  for (let i = 0; i < 100; i++) {
    t.is(w.call("clock_time_get", 1, 1n, 16), 0);
    t.true(w.u64(16) >= last);
    last = w.u64(16);
  }
  t.is(w.call("clock_time_get", 2, 0n, 24), 0);
  t.true(w.u64(24) > 0n);
  t.is(w.call("clock_time_get", 3, 0n, 24), 0);
  t.is(w.call("clock_time_get", 9, 0n, 24), Errno.INVAL);
  w.close();
});

test("random_get fills large buffers (more than one 64 KiB chunk) with varied bytes", async (t) => {
  const w = await wasi();
  t.is(w.call("grow", 2), 1);
  const len = 3 * 65536 - 300;
  t.is(w.call("random_get", 50, len), 0);
  const bytes = w.get(50, len);
  const counts = new Array<number>(256).fill(0);
  for (const b of bytes) counts[b]!++;
  // Each byte value should appear about len/256 = 767 times; all 256 values appear.
  t.true(counts.every((c) => c > 300 && c < 1300));
  t.is(w.get(len + 50, 100).reduce((a, b) => a + b, 0), 0, "nothing past the buffer");
  t.is(w.call("random_get", 0, 0), 0);
  w.close();
});

test("proc_exit throws ProcExit with the status; the store stays usable", async (t) => {
  const w = await wasi({ args: ["x"] });
  const e = t.throws(() => w.call("proc_exit", 3), { instanceOf: ProcExit });
  t.is(e.status, 3);
  t.true(e instanceof Trap);
  t.is((t.throws(() => w.call("proc_exit", -1), { instanceOf: ProcExit })).status, 0xffffffff);
  t.is(w.call("args_sizes_get", 0, 4), 0);
  t.is(w.u32(0), 1);
  w.close();
});

test("proc_raise is ENOSYS, sched_yield succeeds, sockets are not supported (EBADF on a closed descriptor)", async (t) => {
  const w = await wasi();
  t.is(w.call("proc_raise", 2), Errno.NOSYS);
  t.is(w.call("sched_yield"), 0);
  t.is(w.call("sock_accept", 1, 0, 0), Errno.NOTSUP);
  t.is(w.call("sock_recv", 0, 0, 0, 0, 0, 0), Errno.NOTSUP);
  t.is(w.call("sock_send", 1, 0, 0, 0, 0), Errno.NOTSUP);
  t.is(w.call("sock_shutdown", 2, 0), Errno.NOTSUP);
  t.is(w.call("sock_shutdown", 40, 0), Errno.BADF);
  t.is(w.call("sock_accept", 40, 0, 0), Errno.BADF);
  w.close();
});

test("stdout and stderr captured: one write per fd_write, iovecs gathered", async (t) => {
  const out: string[] = [], err: string[] = [];
  const w = await wasi({
    stdout: { kind: "capture", write: (b) => out.push(text(b)) },
    stderr: { kind: "capture", write: (b) => err.push(text(b)) },
  });
  w.put(100, "hello, ");
  w.put(120, "world\n");
  // iovecs at 0: (100, 7), (120, 6)
  w.memory.view.setUint32(0, 100, true); w.memory.view.setUint32(4, 7, true);
  w.memory.view.setUint32(8, 120, true); w.memory.view.setUint32(12, 6, true);
  t.is(w.call("fd_write", 1, 0, 2, 40), 0);
  t.is(w.u32(40), 13);
  t.is(w.call("fd_write", 2, 8, 1, 44), 0);
  t.is(w.u32(44), 6);
  t.deepEqual(out, ["hello, world\n"]);
  t.deepEqual(err, ["world\n"]);
  t.is(w.call("fd_write", 0, 0, 1, 40), Errno.NOTCAPABLE, "stdin does not write");
  t.is(w.call("fd_write", 9, 0, 1, 40), Errno.BADF);
  w.close();
});

test("stdin from bytes reads in pieces and then gives 0 at end; empty stdin gives 0 at once", async (t) => {
  const w = await wasi({ stdin: { kind: "bytes", bytes: utf8("abcdefghij") } });
  w.memory.view.setUint32(0, 100, true); w.memory.view.setUint32(4, 4, true);
  w.memory.view.setUint32(8, 200, true); w.memory.view.setUint32(12, 3, true);
  t.is(w.call("fd_read", 0, 0, 2, 40), 0);
  t.is(w.u32(40), 7);
  t.is(text(w.get(100, 4)), "abcd");
  t.is(text(w.get(200, 3)), "efg");
  t.is(w.call("fd_read", 0, 0, 2, 40), 0);
  t.is(w.u32(40), 3);
  t.is(text(w.get(100, 3)), "hij");
  t.is(w.call("fd_read", 0, 0, 2, 40), 0);
  t.is(w.u32(40), 0);
  t.is(w.call("fd_read", 1, 0, 1, 40), Errno.NOTCAPABLE, "stdout does not read");
  w.close();
  const e = await wasi();
  e.memory.view.setUint32(0, 100, true); e.memory.view.setUint32(4, 4, true);
  t.is(e.call("fd_read", 0, 0, 1, 40), 0);
  t.is(e.u32(40), 0);
  e.close();
});

test("stdio: character devices without seek rights (a terminal to wasi-libc); seek and tell are ESPIPE", async (t) => {
  const w = await wasi();
  for (const fd of [0, 1, 2]) {
    t.is(w.call("fd_fdstat_get", fd, 0), 0);
    t.is(w.get(0, 1)[0], 2, "CHARACTER_DEVICE");
    t.is(w.u64(8) & 0b100100n, 0n, "no FD_SEEK or FD_TELL");
    t.is(w.call("fd_seek", fd, 0n, 1, 32), Errno.SPIPE);
    t.is(w.call("fd_tell", fd, 32), Errno.SPIPE);
    t.is(w.call("fd_filestat_get", fd, 64), 0);
    t.is(w.get(64 + 16, 1)[0], 2);
    t.is(w.call("fd_prestat_get", fd, 0), Errno.BADF);
  }
  t.is(w.call("fd_prestat_get", 3, 0), Errno.BADF, "no preopens: descriptor 3 is not open");
  t.is(w.call("fd_sync", 1), 0);
  t.is(w.call("fd_datasync", 2), 0);
  w.close();
});

test("a write through a memory that grew lands in the new memory (views are read afresh)", async (t) => {
  const out: Uint8Array[] = [];
  const w = await wasi({ stdout: { kind: "capture", write: (b) => out.push(b) } });
  t.is(w.call("grow", 1), 1);
  w.put(70000, "grown");
  w.memory.view.setUint32(69000, 70000, true); w.memory.view.setUint32(69004, 5, true);
  t.is(w.call("fd_write", 1, 69000, 1, 69100), 0);
  t.is(text(out[0]!), "grown");
  w.close();
});

test("file outputs are created and truncated when the context is made; closing is idempotent", async (t) => {
  const { mkdtempSync, readFileSync, writeFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "wasi-core-out-"));
  try {
    const path = join(dir, "out.txt");
    writeFileSync(path, "old contents that must go");
    const w = await wasi({ stdout: { kind: "file", path } });
    t.is(readFileSync(path, "utf8"), "");
    w.put(100, "new");
    w.memory.view.setUint32(0, 100, true); w.memory.view.setUint32(4, 3, true);
    t.is(w.call("fd_write", 1, 0, 1, 40), 0);
    w.close();
    w.close();
    t.is(readFileSync(path, "utf8"), "new");
    writeFileSync(join(dir, "in.txt"), "input!");
    const r = await wasi({ stdin: { kind: "file", path: join(dir, "in.txt") } });
    r.memory.view.setUint32(0, 100, true); r.memory.view.setUint32(4, 10, true);
    t.is(r.call("fd_read", 0, 0, 1, 40), 0);
    t.is(text(r.get(100, r.u32(40))), "input!");
    r.close();
    t.throws(() => new WasiContext({ ...defaultWasiConfig(), stdin: { kind: "file", path: join(dir, "missing") } }),
      { message: /WASI context/ });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("without a context the module does not serve the store; called from the host or without memory it traps clearly", async (t) => {
  const bytes = await wat(`(module (import "wasi_snapshot_preview1" "sched_yield" (func $y (result i32)))
    (import "wasi_snapshot_preview1" "args_sizes_get" (func $a (param i32 i32) (result i32)))
    (func (export "y") (result i32) (call $y)) (func (export "a") (result i32) (call $a (i32.const 0) (i32.const 4))))`);
  const module = compileModule(bytes);
  const registry = new NativeRegistry({ builtins: [wasiPreview1()] });
  const store = new Store();
  t.is(wasiOf(store), null);
  t.throws(() => instantiateFrom(store, module, { registry }), { message: /unknown import/ });
  const ctx = new WasiContext(defaultWasiConfig());
  attachWasi(store, ctx);
  t.is(wasiOf(store), ctx);
  const inst = instantiateFrom(store, module, { registry });
  t.is(invoke(inst.export("y") as FuncInstance, [])[0], 0, "a call that needs no memory runs");
  t.throws(() => invoke(inst.export("a") as FuncInstance, []), { instanceOf: Trap, message: /exports no memory named "memory"/ });
  attachWasi(store, null);
  t.throws(() => invoke(inst.export("y") as FuncInstance, []), { instanceOf: Trap, message: /has no WASI context/ });
  const direct = registry.lookup(WASI_PREVIEW1, "sched_yield", store);
  t.is(direct, undefined, "not served without a context");
  attachWasi(store, ctx);
  const f = registry.lookup(WASI_PREVIEW1, "sched_yield", store)!.extern as FuncInstance;
  t.throws(() => invoke(f, []), { instanceOf: Trap, message: /called from the host/ });
  ctx.close();
});
