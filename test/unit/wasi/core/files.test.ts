import test from "ava";
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Errno, Rights } from "../../../../impl/index.js";
import { open, pathCall, read, tempDir, text, twoPaths, wasi, write, type Wasi } from "./helpers.js";

const RW = { dirPerms: 3, filePerms: 3 } as const;
const CREAT = 1, DIRECTORY = 2, EXCL = 4, TRUNC = 8;
const APPEND = 1;

async function withDir(t: { teardown(f: () => void): void }, setup?: (root: string) => void): Promise<{ w: Wasi; root: string }> {
  const dir = tempDir();
  t.teardown(() => dir.remove());
  setup?.(dir.path);
  const w = await wasi({ preopens: [{ hostPath: dir.path, guestPath: "/sandbox", ...RW }] });
  t.teardown(() => w.close());
  return { w, root: dir.path };
}

test("prestat: the preopen is fd 3 with its guest name; the name buffer must be large enough", async (t) => {
  const { w } = await withDir(t);
  t.is(w.call("fd_prestat_get", 3, 0), 0);
  t.is(w.get(0, 1)[0], 0, "a directory");
  t.is(w.u32(4), 8);
  t.is(w.call("fd_prestat_dir_name", 3, 100, 8), 0);
  t.is(text(w.get(100, 8)), "/sandbox");
  t.is(w.call("fd_prestat_dir_name", 3, 100, 7), Errno.NAMETOOLONG);
  t.is(w.call("fd_prestat_get", 4, 0), Errno.BADF);
  t.is(w.call("fd_fdstat_get", 3, 0), 0);
  t.is(w.get(0, 1)[0], 3, "DIRECTORY");
  t.not(w.u64(8) & BigInt(Rights.PATH_OPEN), 0n);
  t.not(w.u64(16) & BigInt(Rights.FD_READ), 0n, "files opened inside may read");
});

test("create, write, seek, tell, read, pread, pwrite, and the bytes on the host", async (t) => {
  const { w, root } = await withDir(t);
  const [e, fd] = open(w, 3, "a.txt", { oflags: CREAT | EXCL });
  t.is(e, 0);
  t.is(fd, 4, "the lowest free descriptor");
  t.deepEqual(write(w, fd, "hello world"), [0, 11]);
  t.is(readFileSync(join(root, "a.txt"), "utf8"), "hello world");
  t.is(w.call("fd_tell", fd, 0), 0);
  t.is(w.u64(0), 11n);
  t.is(w.call("fd_seek", fd, -5n, 1, 0), 0);
  t.is(w.u64(0), 6n);
  t.deepEqual(read(w, fd, 100), [0, "world"]);
  t.is(w.call("fd_seek", fd, 0n, 0, 0), 0);
  t.deepEqual(read(w, fd, 5), [0, "hello"]);
  t.deepEqual(read(w, fd, 3, 6n), [0, "wor"], "pread");
  t.is(w.call("fd_tell", fd, 0), 0);
  t.is(w.u64(0), 5n, "pread leaves the position");
  t.deepEqual(write(w, fd, "J", 6n), [0, 1], "pwrite");
  t.is(readFileSync(join(root, "a.txt"), "utf8"), "hello Jorld");
  t.is(w.call("fd_seek", fd, -1n, 0, 0), Errno.INVAL);
  t.is(w.call("fd_seek", fd, 2n, 2, 0), 0);
  t.is(w.u64(0), 13n, "from the end");
  t.is(w.call("fd_seek", fd, 0n, 7, 0), Errno.INVAL, "bad whence");
  t.deepEqual(read(w, fd, 10), [0, ""], "past the end: 0 bytes");
  t.is(open(w, 3, "a.txt", { oflags: CREAT | EXCL })[0], Errno.EXIST);
  t.is(open(w, 3, "missing.txt")[0], Errno.NOENT);
  t.is(open(w, 3, "a.txt", { oflags: DIRECTORY })[0], Errno.NOTDIR);
  t.is(w.call("fd_close", fd), 0);
  t.is(w.call("fd_close", fd), Errno.BADF);
});

test("scattered reads and gathered writes over several iovecs", async (t) => {
  const { w, root } = await withDir(t);
  const [, fd] = open(w, 3, "v.txt", { oflags: CREAT });
  w.put(5000, "abc"); w.put(5100, "defg");
  const v = w.memory.view;
  v.setUint32(600, 5000, true); v.setUint32(604, 3, true); v.setUint32(608, 5100, true); v.setUint32(612, 4, true);
  t.is(w.call("fd_write", fd, 600, 2, 620), 0);
  t.is(w.u32(620), 7);
  t.is(readFileSync(join(root, "v.txt"), "utf8"), "abcdefg");
  v.setUint32(600, 6000, true); v.setUint32(604, 2, true); v.setUint32(608, 6100, true); v.setUint32(612, 10, true);
  t.is(w.call("fd_pread", fd, 600, 2, 0n, 620), 0);
  t.is(w.u32(620), 7);
  t.is(text(w.get(6000, 2)), "ab");
  t.is(text(w.get(6100, 5)), "cdefg");
});

test("append mode writes at the end whatever the position; fdstat_set_flags turns it on and off", async (t) => {
  const { w, root } = await withDir(t, (r) => writeFileSync(join(r, "log"), "one\n"));
  const [e, fd] = open(w, 3, "log", { fdflags: APPEND });
  t.is(e, 0);
  t.is(w.call("fd_fdstat_get", fd, 0), 0);
  t.is(w.memory.view.getUint16(2, true), APPEND);
  write(w, fd, "two\n");
  t.is(readFileSync(join(root, "log"), "utf8"), "one\ntwo\n");
  t.is(w.call("fd_fdstat_set_flags", fd, 0), 0);
  t.is(w.call("fd_seek", fd, 0n, 0, 0), 0);
  write(w, fd, "ONE\n");
  t.is(readFileSync(join(root, "log"), "utf8"), "ONE\ntwo\n");
  t.is(w.call("fd_fdstat_set_flags", fd, APPEND | 4 /* NONBLOCK */), 0);
  write(w, fd, "three\n");
  t.is(readFileSync(join(root, "log"), "utf8"), "ONE\ntwo\nthree\n");
  t.is(w.call("fd_fdstat_set_flags", fd, 64), Errno.INVAL);
});

test("truncate on open, filestat, set_size, allocate, set_times, advise, sync", async (t) => {
  const { w, root } = await withDir(t, (r) => writeFileSync(join(r, "f"), "0123456789"));
  const [e, fd] = open(w, 3, "f", { oflags: TRUNC });
  t.is(e, 0);
  t.is(statSync(join(root, "f")).size, 0);
  write(w, fd, "abc");
  t.is(w.call("fd_filestat_get", fd, 0), 0);
  const host = statSync(join(root, "f"), { bigint: true });
  t.is(w.u64(0), host.dev);
  t.is(w.u64(8), host.ino);
  t.is(w.get(16, 1)[0], 4, "REGULAR_FILE");
  t.is(w.u64(24), 1n);
  t.is(w.u64(32), 3n);
  t.is(w.u64(48), host.mtimeNs);
  t.is(w.call("fd_filestat_set_size", fd, 100n), 0);
  t.is(statSync(join(root, "f")).size, 100);
  t.is(w.call("fd_allocate", fd, 150n, 50n), 0);
  t.is(statSync(join(root, "f")).size, 200);
  t.is(w.call("fd_allocate", fd, 0n, 10n), 0);
  t.is(statSync(join(root, "f")).size, 200, "allocate never shrinks");
  // Set mtime to a fixed time (1 s + 500 µs after the epoch), atime to now.
  t.is(w.call("fd_filestat_set_times", fd, 0n, 1_000_500_000n, 2 | 4), 0);
  const after = statSync(join(root, "f"), { bigint: true });
  // Node's fs takes seconds as a double and sets whole microseconds.
  t.is(after.mtimeNs / 1000n, 1_000_500n);
  t.true(after.atimeNs > 1_000_000_000_000_000_000n, "atime is now");
  t.is(w.call("fd_filestat_set_times", fd, 0n, 0n, 1 | 2), Errno.INVAL, "atim and atim_now together");
  t.is(w.call("fd_advise", fd, 0n, 10n, 2), 0);
  t.is(w.call("fd_advise", fd, 0n, 10n, 6), Errno.INVAL);
  t.is(w.call("fd_sync", fd), 0);
  t.is(w.call("fd_datasync", fd), 0);
  t.is(w.call("fd_filestat_get", 3, 0), 0);
  t.is(w.get(16, 1)[0], 3, "the preopen is a DIRECTORY");
});

test("rights: a descriptor opened without FD_WRITE cannot write; rights can drop, never grow", async (t) => {
  const { w } = await withDir(t, (r) => writeFileSync(join(r, "r"), "data"));
  const [e, fd] = open(w, 3, "r", { base: BigInt(Rights.FD_READ | Rights.FD_SEEK | Rights.FD_FDSTAT_SET_FLAGS) });
  t.is(e, 0);
  t.is(write(w, fd, "x")[0], Errno.NOTCAPABLE);
  t.is(w.call("fd_tell", fd, 0), Errno.NOTCAPABLE, "no FD_TELL asked");
  t.deepEqual(read(w, fd, 10), [0, "data"]);
  t.is(w.call("fd_fdstat_set_rights", fd, BigInt(Rights.FD_READ), 0n), 0);
  t.is(w.call("fd_seek", fd, 0n, 0, 0), Errno.NOTCAPABLE, "FD_SEEK dropped");
  t.is(w.call("fd_fdstat_set_rights", fd, BigInt(Rights.FD_READ | Rights.FD_WRITE), 0n), Errno.NOTCAPABLE);
  t.is(w.call("fd_fdstat_get", fd, 0), 0);
  t.is(w.u64(8), BigInt(Rights.FD_READ));
  // A directory that lost PATH_OPEN opens nothing.
  t.is(w.call("fd_fdstat_set_rights", 3, BigInt(Rights.PATH_CREATE_DIRECTORY), 0n), 0);
  t.is(open(w, 3, "r")[0], Errno.NOTCAPABLE);
});

test("renumber moves a descriptor onto an open one; preopens close like any descriptor", async (t) => {
  const { w } = await withDir(t, (r) => { writeFileSync(join(r, "a"), "A"); writeFileSync(join(r, "b"), "B"); });
  const [, a] = open(w, 3, "a");
  const [, b] = open(w, 3, "b");
  t.deepEqual([a, b], [4, 5]);
  t.is(w.call("fd_renumber", a, b), 0);
  t.deepEqual(read(w, b, 5), [0, "A"]);
  t.is(read(w, a, 5)[0], Errno.BADF);
  t.is(w.call("fd_renumber", b, 9), Errno.BADF, "the target must be open");
  t.is(w.call("fd_renumber", 9, b), Errno.BADF);
  t.is(w.call("fd_close", 3), 0, "a preopen closes");
  t.is(w.call("fd_prestat_get", 3, 0), Errno.BADF);
  t.is(open(w, 3, "a")[0], Errno.BADF);
  const [, again] = open(w, 5, "x");
  t.is(again, 0xdead, "a file is no directory to open in");
  t.is(open(w, 5, "x")[0], Errno.NOTDIR);
});

test("directories: create, open, stat by path, remove; errors for what is or is not there", async (t) => {
  const { w, root } = await withDir(t);
  t.is(pathCall(w, "path_create_directory", 3, null, "d"), 0);
  t.true(statSync(join(root, "d")).isDirectory());
  t.is(pathCall(w, "path_create_directory", 3, null, "d"), Errno.EXIST);
  t.is(pathCall(w, "path_create_directory", 3, null, "x/y"), Errno.NOENT);
  const [e, dfd] = open(w, 3, "d", { oflags: DIRECTORY });
  t.is(e, 0);
  t.is(w.call("fd_fdstat_get", dfd, 0), 0);
  t.is(w.get(0, 1)[0], 3);
  t.is(open(w, dfd, "inner", { oflags: CREAT })[0], 0);
  t.true(existsSync(join(root, "d", "inner")));
  t.is(read(w, dfd, 10)[0], Errno.ISDIR);
  t.is(open(w, 3, "d", { base: BigInt(Rights.FD_WRITE) })[0], Errno.ISDIR, "a directory does not open for writing only");
  t.is(open(w, 3, "d", { oflags: TRUNC })[0], Errno.ISDIR);
  t.is(pathCall(w, "path_filestat_get", 3, 1, "d/inner", 100), 0);
  t.is(w.get(116, 1)[0], 4);
  t.is(w.u64(108), statSync(join(root, "d", "inner"), { bigint: true }).ino);
  t.is(pathCall(w, "path_filestat_get", 3, 1, "d/nothing", 100), Errno.NOENT);
  t.is(pathCall(w, "path_filestat_get", 3, 1, "d/inner/x", 100), Errno.NOTDIR);
  t.is(pathCall(w, "path_remove_directory", 3, null, "d"), Errno.NOTEMPTY);
  t.is(pathCall(w, "path_remove_directory", 3, null, "d/inner"), Errno.NOTDIR);
  t.is(pathCall(w, "path_unlink_file", 3, null, "d"), Errno.ISDIR);
  t.is(pathCall(w, "path_unlink_file", 3, null, "d/inner"), 0);
  t.is(pathCall(w, "path_unlink_file", 3, null, "d/inner"), Errno.NOENT);
  t.is(pathCall(w, "path_remove_directory", 3, null, "d"), 0);
  t.false(existsSync(join(root, "d")));
  t.is(pathCall(w, "path_filestat_set_times", 3, 0, ".", 0n, 5_000_000_000n, 4), 0);
  t.is(statSync(root, { bigint: true }).mtimeNs / 1000n, 5_000_000n);
  t.is(open(w, 3, "", {})[0], Errno.NOENT, "an empty path");
});

test("symbolic links inside: create, read (cut to the buffer), follow or not, unlink the link itself", async (t) => {
  const { w, root } = await withDir(t, (r) => writeFileSync(join(r, "target"), "T!"));
  const contents = "target";
  const l1 = w.put(2000, contents);
  const l2 = w.put(2100, "link");
  t.is(w.call("path_symlink", 2000, l1, 3, 2100, l2), 0);
  t.is(readlinkSync(join(root, "link")), "target");
  t.is(w.call("path_symlink", 2000, l1, 3, 2100, l2), Errno.EXIST);
  t.is(pathCall(w, "path_readlink", 3, null, "link", 3000, 100, 3100), 0);
  t.is(w.u32(3100), 6);
  t.is(text(w.get(3000, 6)), "target");
  t.is(pathCall(w, "path_readlink", 3, null, "link", 3000, 3, 3100), 0);
  t.is(w.u32(3100), 3, "cut to the buffer");
  t.is(pathCall(w, "path_readlink", 3, null, "target", 3000, 100, 3100), Errno.INVAL, "not a link");
  const [e, fd] = open(w, 3, "link");
  t.is(e, 0);
  t.deepEqual(read(w, fd, 10), [0, "T!"]);
  t.is(open(w, 3, "link", { follow: false })[0], Errno.LOOP, "not followed: the link itself does not open");
  t.is(pathCall(w, "path_filestat_get", 3, 0, "link", 100), 0);
  t.is(w.get(116, 1)[0], 7, "SYMBOLIC_LINK without follow");
  t.is(pathCall(w, "path_filestat_get", 3, 1, "link", 100), 0);
  t.is(w.get(116, 1)[0], 4, "REGULAR_FILE with follow");
  t.is(pathCall(w, "path_unlink_file", 3, null, "link"), 0);
  t.true(existsSync(join(root, "target")));
  t.false(existsSync(join(root, "link")));
});

test("hard links and renames inside the preopen", async (t) => {
  const { w, root } = await withDir(t, (r) => { writeFileSync(join(r, "a"), "A"); mkdirSync(join(r, "sub")); });
  t.is(twoPaths(w, "path_link", 3, 0, "a", 3, "sub/b"), 0);
  t.is(statSync(join(root, "a")).nlink, 2);
  t.is(readFileSync(join(root, "sub", "b"), "utf8"), "A");
  t.is(twoPaths(w, "path_link", 3, 0, "a", 3, "sub/b"), Errno.EXIST);
  t.is(twoPaths(w, "path_link", 3, 0, "sub", 3, "sub2"), Errno.PERM, "no hard link to a directory");
  t.is(twoPaths(w, "path_rename", 3, null, "sub/b", 3, "c"), 0);
  t.true(existsSync(join(root, "c")));
  t.false(existsSync(join(root, "sub", "b")));
  t.is(twoPaths(w, "path_rename", 3, null, "nothing", 3, "d"), Errno.NOENT);
  t.is(twoPaths(w, "path_rename", 3, null, "sub", 3, "sub3"), 0);
  t.true(lstatSync(join(root, "sub3")).isDirectory());
  t.is(twoPaths(w, "path_rename", 3, null, "c", 3, "sub3/x/"), Errno.NOTDIR);
});

test("paths with ., .. inside, repeated slashes and a symlinked directory in the middle resolve as POSIX does", async (t) => {
  const { w } = await withDir(t, (r) => {
    mkdirSync(join(r, "a")); mkdirSync(join(r, "a", "b")); writeFileSync(join(r, "a", "b", "f"), "F");
    symlinkSync("a/b", join(r, "ab"));
  });
  for (const p of ["a/b/f", "./a//b/./f", "a/b/../b/f", "ab/f", "ab/../b/f", "a/../ab/f"]) {
    const [e, fd] = open(w, 3, p);
    t.is(e, 0, p);
    t.deepEqual(read(w, fd, 5), [0, "F"], p);
    w.call("fd_close", fd);
  }
  t.is(open(w, 3, "a/b/f/")[0], Errno.NOTDIR);
  t.is(open(w, 3, "ab/", { oflags: DIRECTORY })[0], 0, "a trailing slash follows the link");
});

test("a descriptor's own directory is the limit: .. above a directory opened inside is refused", async (t) => {
  const { w } = await withDir(t, (r) => { mkdirSync(join(r, "a")); writeFileSync(join(r, "top"), "x"); });
  const [, a] = open(w, 3, "a", { oflags: DIRECTORY });
  t.is(open(w, a, "../top")[0], Errno.PERM);
  t.is(open(w, 3, "a/../top")[0], 0, "from the preopen it is inside");
});

test("bad paths: out of bounds is EFAULT, a NUL byte EINVAL, bytes that are not UTF-8 EILSEQ; the output pointer is checked first", async (t) => {
  const { w, root } = await withDir(t);
  t.is(w.call("path_open", 3, 1, 65530, 10, 1, 0x3fffffffn, 0n, 0, 1000), Errno.FAULT);
  t.is(w.call("path_create_directory", 3, -1, 2), Errno.FAULT);
  w.put(3000, new Uint8Array([0x61, 0, 0x62]));
  t.is(w.call("path_create_directory", 3, 3000, 3), Errno.INVAL);
  w.put(3000, new Uint8Array([0x61, 0xff, 0x62]));
  t.is(w.call("path_create_directory", 3, 3000, 3), Errno.ILSEQ);
  w.put(3000, "created");
  t.is(w.call("path_open", 3, 1, 3000, 7, 1, 0x3fffffffn, 0n, 0, 65534), Errno.FAULT);
  t.false(existsSync(join(root, "created")), "nothing was created before the fault was found");
  t.is(w.call("path_symlink", 70000, 3, 3, 3000, 7), Errno.FAULT);
  t.is(w.call("fd_readdir", 3, 65000, 1000, 0n, 100), Errno.FAULT);
});

test("path_filestat_set_times without the follow flag sets the link's own times, with it the target's", async (t) => {
  const { w, root } = await withDir(t, (r) => { writeFileSync(join(r, "target"), "T"); symlinkSync("target", join(r, "ln")); });
  const targetBefore = lstatSync(join(root, "target"), { bigint: true }).mtimeNs;
  t.is(pathCall(w, "path_filestat_set_times", 3, 0, "ln", 0n, 7_000_000_000n, 4), 0);
  t.is(lstatSync(join(root, "ln"), { bigint: true }).mtimeNs / 1000n, 7_000_000n);
  t.is(lstatSync(join(root, "target"), { bigint: true }).mtimeNs, targetBefore);
  t.is(pathCall(w, "path_filestat_set_times", 3, 1, "ln", 0n, 8_000_000_000n, 4), 0);
  t.is(lstatSync(join(root, "target"), { bigint: true }).mtimeNs / 1000n, 8_000_000n);
  t.is(lstatSync(join(root, "ln"), { bigint: true }).mtimeNs / 1000n, 7_000_000n);
});
