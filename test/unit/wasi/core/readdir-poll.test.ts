import test from "ava";
import { lstatSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Errno } from "../../../../impl/index.js";
import { open, tempDir, text, wasi, type Wasi } from "./helpers.js";

interface Dirent { next: bigint; ino: bigint; type: number; name: string }

/** Parses the dirents in `used` bytes at `at`; a last entry cut short is returned with `cut` set. */
function dirents(w: Wasi, at: number, used: number): { entries: Dirent[]; cut: boolean } {
  const entries: Dirent[] = [];
  let p = at;
  while (p + 24 <= at + used) {
    const len = w.u32(p + 16);
    if (p + 24 + len > at + used) return { entries, cut: true };
    entries.push({ next: w.u64(p), ino: w.u64(p + 8), type: w.get(p + 20, 1)[0]!, name: text(w.get(p + 24, len)) });
    p += 24 + len;
  }
  return { entries, cut: p !== at + used };
}

async function listed(t: { teardown(f: () => void): void }) {
  const dir = tempDir();
  t.teardown(() => dir.remove());
  writeFileSync(join(dir.path, "file.txt"), "x");
  mkdirSync(join(dir.path, "sub"));
  symlinkSync("file.txt", join(dir.path, "ln"));
  writeFileSync(join(dir.path, "sub", "inner"), "y");
  const w = await wasi({ preopens: [{ hostPath: dir.path, guestPath: ".", dirPerms: 3, filePerms: 3 }] });
  t.teardown(() => w.close());
  return { w, root: dir.path };
}

test("fd_readdir lists ., .. and every entry with its type, inode and next cookie", async (t) => {
  const { w, root } = await listed(t);
  t.is(w.call("fd_readdir", 3, 5000, 4096, 0n, 100), 0);
  const used = w.u32(100);
  t.true(used < 4096, "everything fit");
  const { entries, cut } = dirents(w, 5000, used);
  t.false(cut);
  t.deepEqual(entries.map((e) => e.name).sort(), [".", "..", "file.txt", "ln", "sub"]);
  t.deepEqual(entries.map((e) => e.next), entries.map((_, i) => BigInt(i + 1)));
  const byName = new Map(entries.map((e) => [e.name, e]));
  t.is(byName.get("file.txt")!.type, 4);
  t.is(byName.get("sub")!.type, 3);
  t.is(byName.get("ln")!.type, 7, "a link is listed as a link");
  t.is(byName.get(".")!.type, 3);
  t.is(byName.get("file.txt")!.ino, lstatSync(join(root, "file.txt"), { bigint: true }).ino);
  t.is(byName.get("..")!.ino, lstatSync(root, { bigint: true }).ino, "above the preopen is not described");
  // A subdirectory's listing, through a descriptor opened inside.
  const [, sub] = open(w, 3, "sub", { oflags: 2 });
  t.is(w.call("fd_readdir", sub, 5000, 4096, 0n, 100), 0);
  const inner = dirents(w, 5000, w.u32(100)).entries;
  t.deepEqual(inner.map((e) => e.name).sort(), [".", "..", "inner"]);
  t.is(inner.find((e) => e.name === "..")!.ino, lstatSync(root, { bigint: true }).ino);
  t.is(w.call("fd_readdir", sub + 10, 5000, 4096, 0n, 100), Errno.BADF);
  const [, file] = open(w, 3, "file.txt");
  t.is(w.call("fd_readdir", file, 5000, 4096, 0n, 100), Errno.NOTDIR);
});

test("fd_readdir resumes at a cookie, and a buffer too small gets the partial last entry with bufused = buf_len", async (t) => {
  const { w } = await listed(t);
  t.is(w.call("fd_readdir", 3, 5000, 4096, 0n, 100), 0);
  const all = dirents(w, 5000, w.u32(100)).entries;
  // From cookie 2 on: the rest, in the same order.
  t.is(w.call("fd_readdir", 3, 5000, 4096, 2n, 100), 0);
  t.deepEqual(dirents(w, 5000, w.u32(100)).entries.map((e) => e.name), all.slice(2).map((e) => e.name));
  // Cut inside the second entry's header: 24 bytes + "." (1 byte) + 10 bytes of the next header.
  w.memory.bytes.fill(0xee, 6000, 6100);
  t.is(w.call("fd_readdir", 3, 6000, 35, 0n, 100), 0);
  t.is(w.u32(100), 35, "bufused = buf_len says: retry with a larger buffer");
  const { entries, cut } = dirents(w, 6000, 35);
  t.is(entries.length, 1);
  t.true(cut);
  t.is(w.u64(6025), 2n, "the partial entry's header begins with its d_next");
  t.is(w.get(6035, 1)[0], 0xee, "nothing written past the buffer");
  // Walk the whole directory with a buffer that holds about one entry at a time, as libc does with cookies.
  const names: string[] = [];
  let cookie = 0n;
  for (let guard = 0; guard < 50; guard++) {
    t.is(w.call("fd_readdir", 3, 6000, 40, cookie, 100), 0);
    const used = w.u32(100);
    const got = dirents(w, 6000, used).entries;
    if (got.length === 0) break;
    names.push(...got.map((e) => e.name));
    cookie = got[got.length - 1]!.next;
  }
  t.deepEqual(names, all.map((e) => e.name));
  t.is(w.call("fd_readdir", 3, 6000, 40, 1000n, 100), 0);
  t.is(w.u32(100), 0, "a cookie past the end lists nothing");
});

/** Writes a clock subscription at `at`. */
function clockSub(w: Wasi, at: number, userdata: bigint, id: number, timeout: bigint, abs: boolean): void {
  const v = w.memory.view;
  w.memory.bytes.fill(0, at, at + 48);
  v.setBigUint64(at, userdata, true);
  v.setUint8(at + 8, 0);
  v.setUint32(at + 16, id, true);
  v.setBigUint64(at + 24, timeout, true);
  v.setUint16(at + 40, abs ? 1 : 0, true);
}

/** Writes an fd subscription (1 read, 2 write) at `at`. */
function fdSub(w: Wasi, at: number, userdata: bigint, type: 1 | 2, fd: number): void {
  w.memory.bytes.fill(0, at, at + 48);
  w.memory.view.setBigUint64(at, userdata, true);
  w.memory.view.setUint8(at + 8, type);
  w.memory.view.setUint32(at + 16, fd, true);
}

function events(w: Wasi, at: number, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    userdata: w.u64(at + 32 * i), error: w.memory.view.getUint16(at + 32 * i + 8, true),
    type: w.get(at + 32 * i + 10, 1)[0], nbytes: w.u64(at + 32 * i + 16), flags: w.memory.view.getUint16(at + 32 * i + 24, true),
  }));
}

test("poll_oneoff sleeps on a relative clock until it is due", async (t) => {
  const w = await wasi();
  clockSub(w, 1000, 42n, 1, 20_000_000n, false);
  const start = process.hrtime.bigint();
  t.is(w.call("poll_oneoff", 1000, 2000, 1, 100), 0);
  const slept = process.hrtime.bigint() - start;
  t.is(w.u32(100), 1);
  t.deepEqual(events(w, 2000, 1), [{ userdata: 42n, error: 0, type: 0, nbytes: 0n, flags: 0 }]);
  // A lower bound only (never an upper one: the machine may be loaded).
  t.true(slept >= 20_000_000n, `slept ${slept} ns`);
  w.close();
});

test("poll_oneoff with an absolute deadline in the past returns at once; the earliest of two clocks wins", async (t) => {
  const w = await wasi();
  clockSub(w, 1000, 1n, 0, 1n, true);
  t.is(w.call("poll_oneoff", 1000, 2000, 1, 100), 0);
  t.deepEqual(events(w, 2000, 1).map((e) => [e.userdata, e.error]), [[1n, 0]]);
  // Monotonic absolute: now + 10 ms, against a relative 1 hour.
  t.is(w.call("clock_time_get", 1, 0n, 200), 0);
  clockSub(w, 1000, 7n, 1, 3_600_000_000_000n, false);
  clockSub(w, 1048, 8n, 1, w.u64(200) + 10_000_000n, true);
  t.is(w.call("poll_oneoff", 1000, 2000, 2, 100), 0);
  t.is(w.u32(100), 1);
  t.is(w.u64(2000), 8n);
  clockSub(w, 1000, 9n, 77, 0n, false);
  t.is(w.call("poll_oneoff", 1000, 2000, 1, 100), 0);
  t.deepEqual(events(w, 2000, 1).map((e) => [e.userdata, e.error]), [[9n, Errno.INVAL]], "an unknown clock is an event error");
  t.is(w.call("poll_oneoff", 1000, 2000, 0, 100), Errno.INVAL, "no subscriptions");
  w.memory.view.setUint8(1008, 9);
  t.is(w.call("poll_oneoff", 1000, 2000, 1, 100), Errno.INVAL, "an unknown event type");
  w.close();
});

test("poll_oneoff: descriptors are ready at once (stdin's bytes counted, files ready), bad ones are event errors; no sleep", async (t) => {
  const dir = tempDir();
  t.teardown(() => dir.remove());
  writeFileSync(join(dir.path, "f"), "0123456789");
  const w = await wasi({
    stdin: { kind: "bytes", bytes: new TextEncoder().encode("abc") },
    preopens: [{ hostPath: dir.path, guestPath: "d", dirPerms: 3, filePerms: 3 }],
  });
  t.teardown(() => w.close());
  const [, fd] = open(w, 3, "f");
  fdSub(w, 1000, 1n, 1, 0);
  fdSub(w, 1048, 2n, 2, 1);
  fdSub(w, 1096, 3n, 1, fd);
  fdSub(w, 1144, 4n, 1, 99);
  clockSub(w, 1192, 5n, 1, 3_600_000_000_000n, false);
  t.is(w.call("poll_oneoff", 1000, 2000, 5, 100), 0);
  t.is(w.u32(100), 4, "the hour-long clock is not due");
  t.deepEqual(events(w, 2000, 4), [
    { userdata: 1n, error: 0, type: 1, nbytes: 3n, flags: 0 },
    { userdata: 2n, error: 0, type: 2, nbytes: 0n, flags: 0 },
    { userdata: 3n, error: 0, type: 1, nbytes: 10n, flags: 0 },
    { userdata: 4n, error: Errno.BADF, type: 1, nbytes: 0n, flags: 0 },
  ]);
});
