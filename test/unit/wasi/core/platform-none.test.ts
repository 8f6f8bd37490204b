// The no-file-system variant of #wasi-system (what a browser bundle gets): captured and discarded output,
// stdin from bytes, clocks and random work; preopens are listed but every use is ENOTSUP; inherited
// streams are ENOTSUP too; a file for stdout cannot be opened at all.
import test from "ava";
import { defaultWasiConfig, Errno, WasiContext } from "../../../../impl/index.js";
import { system as none } from "../../../../impl/wasi/system-none.js";
import { open, read, text, utf8, wasi, write } from "./helpers.js";

test("without a file system: stdio capture, bytes stdin, clocks and random work", async (t) => {
  const out: string[] = [];
  const w = await wasi({ stdin: { kind: "bytes", bytes: utf8("in") }, stdout: { kind: "capture", write: (b) => out.push(text(b)) } }, none);
  t.deepEqual(write(w, 1, "shown"), [0, 5]);
  t.deepEqual(out, ["shown"]);
  t.deepEqual(read(w, 0, 10), [0, "in"]);
  t.is(w.call("clock_time_get", 0, 0n, 0), 0);
  t.true(Math.abs(Number(w.u64(0) / 1_000_000n) - Date.now()) < 60_000);
  t.is(w.call("clock_time_get", 1, 0n, 0), 0);
  t.is(w.call("random_get", 100, 64), 0);
  t.is(w.call("fd_filestat_get", 1, 200), 0);
  t.is(w.get(216, 1)[0], 2);
  w.close();
});

test("without a file system: a preopen is listed, and every use of it says ENOTSUP", async (t) => {
  const w = await wasi({ preopens: [{ hostPath: "/anything", guestPath: "/data", dirPerms: 3, filePerms: 3 }] }, none);
  t.is(w.call("fd_prestat_get", 3, 0), 0);
  t.is(w.call("fd_prestat_dir_name", 3, 100, 5), 0);
  t.is(text(w.get(100, 5)), "/data");
  t.is(open(w, 3, "x")[0], Errno.NOTSUP);
  t.is(open(w, 3, "x", { oflags: 1 })[0], Errno.NOTSUP);
  t.is(w.call("fd_readdir", 3, 1000, 100, 0n, 200), Errno.NOTSUP);
  t.is(w.call("fd_filestat_get", 3, 1000), Errno.NOTSUP);
  w.close();
});

test("without a file system: inherited streams are ENOTSUP, and a file for a stream cannot be opened", async (t) => {
  const w = await wasi({ stdin: { kind: "inherit" }, stdout: { kind: "inherit" } }, none);
  t.is(write(w, 1, "x")[0], Errno.NOTSUP);
  t.is(read(w, 0, 1)[0], Errno.NOTSUP);
  w.close();
  t.throws(() => new WasiContext({ ...defaultWasiConfig(), stdout: { kind: "file", path: "/tmp/x" } }, { system: none }),
    { message: /no file system on this platform/ });
});
