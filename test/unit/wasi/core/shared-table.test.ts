// Issue 15: the descriptor table of a wasi-threads program, shared by its threads (impl/wasi/shared-fds.ts).
// Two contexts over one shared table in this thread stand for the main thread and a spawned one: what
// one does to the table, the other sees; the captured stream's function hears the other's writes in order.
import test from "ava";
import { mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultWasiConfig, Errno, WasiContext, WasiError, type WasiConfig, type WasiSystem } from "../../../../impl/index.js";
import { FileDescriptor, type InputStream, type OutputStream } from "../../../../impl/wasi/descriptors.js";
import { RIGHTS_FILE } from "../../../../impl/wasi/rights.js";

const text = new TextEncoder(), untext = new TextDecoder();

/** The host's operations, with each host descriptor closed recorded (rather than probing a closed number, which another test may reuse). */
function recording(): { system: WasiSystem; closed: number[] } {
  const host = new WasiContext(defaultWasiConfig()).sys;
  const closed: number[] = [];
  return { system: { ...host, close: (fd) => { closed.push(fd); host.close(fd); } }, closed };
}

function pair(config: WasiConfig, system?: WasiSystem): { main: WasiContext; thread: WasiContext } {
  const main = new WasiContext(config, system === undefined ? {} : { system });
  const thread = new WasiContext({ ...config, stdout: { kind: "discard" }, stderr: { kind: "discard" } },
    { thread: main.share(), ...(system === undefined ? {} : { system }) });
  return { main, thread };
}

function read(ctx: WasiContext, n: number): string {
  const buf = new Uint8Array(n);
  const got = (ctx.fds.get(0) as InputStream).read(buf, 0, n);
  return untext.decode(buf.subarray(0, got));
}

test("stdin is one stream: each context reads on from where the other stopped", (t) => {
  const { main, thread } = pair({ ...defaultWasiConfig(), stdin: { kind: "bytes", bytes: text.encode("abcdef") } });
  t.is(read(main, 2), "ab");
  t.is(read(thread, 2), "cd");
  t.is(read(main, 9), "ef");
  t.is(read(thread, 9), "", "end of input for both");
  thread.close();
  main.close();
});

test("a captured stdout hears the other thread's writes before the main thread's next one, and the rest on flush", (t) => {
  const heard: string[] = [];
  const { main, thread } = pair({ ...defaultWasiConfig(), stdout: { kind: "capture", write: (b) => heard.push(untext.decode(b)) } });
  (thread.fds.get(1) as OutputStream).write(text.encode("T1 "));
  t.deepEqual(heard, [], "the function runs only in the main thread");
  (main.fds.get(1) as OutputStream).write(text.encode("M "));
  t.deepEqual(heard, ["T1 ", "M "]);
  (thread.fds.get(1) as OutputStream).write(text.encode("T2"));
  main.flush();
  main.flush();
  t.deepEqual(heard, ["T1 ", "M ", "T2"], "each write once, in order");
  thread.close();
  main.close();
});

test("a file opened in one context is the other's too: same host descriptor, one position; closed by either, gone for both", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "wasmts-shared-table-"));
  try {
    const { system, closed } = recording();
    const { main, thread } = pair(defaultWasiConfig(), system);
    const host = openSync(join(dir, "f.txt"), "w+");
    const fd = thread.fds.insert(new FileDescriptor(main.sys, host, 4, RIGHTS_FILE, 0, true));
    t.is(fd, 3, "the lowest free number");
    const seen = main.fds.get(fd) as FileDescriptor;
    t.is(seen.hostFd, host);
    t.is(seen.rightsBase, RIGHTS_FILE);
    seen.position = 7;
    t.is((thread.fds.get(fd) as FileDescriptor).position, 7, "the position is shared state");
    main.fds.renumber(fd, 2);
    t.is(thread.fds.peek(fd), undefined);
    t.is((thread.fds.get(2) as FileDescriptor).position, 7, "renumbered with its state");
    thread.fds.close(2);
    t.is(main.fds.peek(2), undefined, "closed for the main thread as well");
    t.deepEqual(closed, [host], "the host descriptor is closed, once");
    const err = t.throws(() => main.fds.close(2), { instanceOf: WasiError });
    t.is(err?.errno, Errno.BADF);
    thread.close();
    main.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("sharing keeps every number, holes included; a spawned thread's close of its context closes nothing of the program's", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "wasmts-shared-table-"));
  try {
    const { system, closed } = recording();
    const main = new WasiContext(defaultWasiConfig(), { system });
    const a = openSync(join(dir, "a"), "w"), b = openSync(join(dir, "b"), "w");
    t.is(main.fds.insert(new FileDescriptor(main.sys, a, 4, RIGHTS_FILE, 0, true)), 3);
    t.is(main.fds.insert(new FileDescriptor(main.sys, b, 4, RIGHTS_FILE, 0, true)), 4);
    main.fds.close(3);
    const thread = new WasiContext(defaultWasiConfig(), { thread: main.share(), system });
    t.is(thread.fds.peek(3), undefined);
    t.is((thread.fds.get(4) as FileDescriptor).hostFd, b);
    thread.close();
    t.deepEqual(closed, [a], "b is still open after the thread's context closed");
    t.is((main.fds.get(4) as FileDescriptor).hostFd, b);
    main.close();
    t.deepEqual(closed, [a, b], "the main context's close closes the program's descriptors");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
