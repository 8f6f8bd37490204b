// Issue 13's sandbox: no path leaves its preopen. Each escape is tried and must fail with the errno
// Wasmtime answers (EPERM for a path that leads out, as the WASI filesystem rule says; ELOOP for a loop),
// and afterwards nothing outside the preopen (nor inside the read-only preopen) has changed.
import test from "ava";
import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Errno, MAX_SYMLINKS, Rights } from "../../../../impl/index.js";
import { open, pathCall, read, tempDir, text, twoPaths, wasi, write } from "./helpers.js";

const CREAT = 1, DIRECTORY = 2, TRUNC = 8;
const FOLLOW = 1, NOFOLLOW = 0;

/** Every entry under `dir` with its type, size, contents (files), link contents and mtime: what must not change. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name), st = lstatSync(p, { bigint: true });
      const what = st.isDirectory() ? "dir" : st.isSymbolicLink() ? "link" : "file";
      out.push(`${rel}${name} ${what} ${st.size} ${st.mtimeNs} ${st.nlink}`);
      if (st.isFile()) out.push(readFileSync(p, "latin1"));
      if (st.isDirectory()) walk(p, `${rel}${name}/`);
    }
  };
  walk(dir, "");
  return out;
}

function layout() {
  const tmp = tempDir("wasi-sandbox-");
  const root = join(tmp.path, "root"), outside = join(tmp.path, "outside"), ro = join(tmp.path, "ro");
  mkdirSync(root); mkdirSync(outside); mkdirSync(ro);
  writeFileSync(join(outside, "secret.txt"), "secret");
  mkdirSync(join(outside, "dir"));
  mkdirSync(join(root, "sub"));
  writeFileSync(join(root, "mine.txt"), "mine");
  symlinkSync("../outside", join(root, "link_out_dir"));
  symlinkSync(outside, join(root, "link_abs"));
  symlinkSync("../outside/secret.txt", join(root, "link_file_out"));
  symlinkSync("../../outside", join(root, "sub", "up_out"));
  symlinkSync("loop2", join(root, "loop1"));
  symlinkSync("loop1", join(root, "loop2"));
  symlinkSync("self", join(root, "self"));
  symlinkSync("../ro", join(root, "link_ro"));
  writeFileSync(join(ro, "data.txt"), "read only");
  mkdirSync(join(ro, "d"));
  return { tmp, root, outside, ro };
}

test("every escape from a preopen fails, and nothing outside changes", async (t) => {
  const { tmp, root, outside, ro } = layout();
  t.teardown(() => tmp.remove());
  const before = snapshot(outside), beforeRo = snapshot(ro), beforeTmp = readdirSync(tmp.path).sort();
  const w = await wasi({
    preopens: [
      { hostPath: root, guestPath: "/root", dirPerms: 3, filePerms: 3 },
      { hostPath: ro, guestPath: "/ro", dirPerms: 1, filePerms: 1 },
    ],
  });
  t.teardown(() => w.close());
  const RW = 3;

  // `..` past the root, directly and after going down.
  for (const p of ["..", "../outside/secret.txt", "sub/../../outside/secret.txt", "./sub/../..", "../root/mine.txt", "../ro/data.txt"]) {
    t.is(open(w, RW, p)[0], Errno.PERM, p);
  }
  t.is(pathCall(w, "path_filestat_get", RW, FOLLOW, "../outside", 100), Errno.PERM);
  t.is(pathCall(w, "path_create_directory", RW, null, "../outside/new"), Errno.PERM);

  // Absolute paths, to the outside and even to the preopen itself.
  for (const p of ["/etc/passwd", join(outside, "secret.txt"), join(root, "mine.txt"), "/"]) t.is(open(w, RW, p)[0], Errno.PERM, p);

  // A symbolic link pointing out at a middle component (followed whatever the lookup flags say).
  for (const follow of [true, false]) {
    t.is(open(w, RW, "link_out_dir/secret.txt", { follow })[0], Errno.PERM);
    t.is(open(w, RW, "link_abs/secret.txt", { follow })[0], Errno.PERM);
    t.is(open(w, RW, "sub/up_out/secret.txt", { follow })[0], Errno.PERM);
    t.is(open(w, RW, "link_ro/data.txt", { follow })[0], Errno.PERM, "another preopen is outside too");
  }
  t.is(pathCall(w, "path_filestat_get", RW, NOFOLLOW, "link_out_dir/secret.txt", 100), Errno.PERM);
  t.is(pathCall(w, "path_readlink", RW, null, "link_out_dir/dir", 3000, 100, 3100), Errno.PERM);
  t.is(open(w, RW, "link_out_dir/", { oflags: DIRECTORY, follow: false })[0], Errno.PERM, "a trailing slash follows");

  // A symbolic link pointing out as the last component: with the follow flag it fails; without, the
  // link itself is what the call sees (opening it is ELOOP, stat describes the link, inside).
  t.is(open(w, RW, "link_file_out", { follow: true })[0], Errno.PERM);
  t.is(open(w, RW, "link_out_dir", { follow: true, oflags: DIRECTORY })[0], Errno.PERM);
  t.is(open(w, RW, "link_file_out", { follow: false })[0], Errno.LOOP);
  t.is(pathCall(w, "path_filestat_get", RW, FOLLOW, "link_file_out", 100), Errno.PERM);
  t.is(pathCall(w, "path_filestat_get", RW, NOFOLLOW, "link_file_out", 100), 0);
  t.is(w.get(116, 1)[0], 7, "the link itself");
  t.is(w.u64(108), lstatSync(join(root, "link_file_out"), { bigint: true }).ino);
  t.is(pathCall(w, "path_filestat_set_times", RW, FOLLOW, "link_file_out", 0n, 0n, 2 | 8), Errno.PERM);
  t.is(open(w, RW, "link_file_out", { follow: true, oflags: CREAT | TRUNC })[0], Errno.PERM);

  // Symbolic link loops end in ELOOP after a bound.
  t.is(open(w, RW, "loop1")[0], Errno.LOOP);
  t.is(open(w, RW, "self/x")[0], Errno.LOOP);
  t.is(pathCall(w, "path_filestat_get", RW, FOLLOW, "loop2", 100), Errno.LOOP);
  t.true(MAX_SYMLINKS >= 8);

  // Hard links: a source that resolves outside, a target outside.
  t.is(twoPaths(w, "path_link", RW, FOLLOW, "link_file_out", RW, "stolen"), Errno.PERM);
  t.is(twoPaths(w, "path_link", RW, NOFOLLOW, "../outside/secret.txt", RW, "stolen"), Errno.PERM);
  t.is(twoPaths(w, "path_link", RW, NOFOLLOW, "link_out_dir/secret.txt", RW, "stolen"), Errno.PERM);
  t.is(twoPaths(w, "path_link", RW, NOFOLLOW, "mine.txt", RW, "../outside/planted"), Errno.PERM);
  t.is(twoPaths(w, "path_link", RW, NOFOLLOW, "mine.txt", RW, "link_out_dir/planted"), Errno.PERM);
  // Without the follow flag the link itself is linked: a second link inside that still cannot be followed.
  t.is(twoPaths(w, "path_link", RW, NOFOLLOW, "link_file_out", RW, "hard_to_link"), 0);
  t.is(open(w, RW, "hard_to_link")[0], Errno.PERM);

  // Renames out, in from outside, and through a link out.
  t.is(twoPaths(w, "path_rename", RW, null, "mine.txt", RW, "../outside/mine.txt"), Errno.PERM);
  t.is(twoPaths(w, "path_rename", RW, null, "mine.txt", RW, "link_out_dir/mine.txt"), Errno.PERM);
  t.is(twoPaths(w, "path_rename", RW, null, "../outside/secret.txt", RW, "got.txt"), Errno.PERM);
  t.is(twoPaths(w, "path_rename", RW, null, "link_abs/secret.txt", RW, "got.txt"), Errno.PERM);
  t.is(twoPaths(w, "path_rename", RW, null, "mine.txt", 4, "mine.txt"), Errno.PERM, "into the read-only preopen");

  // Removal through escapes.
  t.is(pathCall(w, "path_unlink_file", RW, null, "../outside/secret.txt"), Errno.PERM);
  t.is(pathCall(w, "path_unlink_file", RW, null, "link_out_dir/secret.txt"), Errno.PERM);
  t.is(pathCall(w, "path_remove_directory", RW, null, "link_out_dir/dir"), Errno.PERM);
  t.is(pathCall(w, "path_remove_directory", RW, null, ".."), Errno.PERM);

  // A link whose contents point out may be created (as in Wasmtime), but following it fails.
  const target = w.put(2000, "../outside/secret.txt");
  const name = w.put(2100, "new_link_out");
  t.is(w.call("path_symlink", 2000, target, RW, 2100, name), 0);
  t.is(lstatSync(join(root, "new_link_out")).isSymbolicLink(), true);
  t.is(open(w, RW, "new_link_out")[0], Errno.PERM);
  const abs = w.put(2000, join(outside, "secret.txt"));
  const name2 = w.put(2100, "new_abs_link");
  t.is(w.call("path_symlink", 2000, abs, RW, 2100, name2), 0);
  t.is(open(w, RW, "new_abs_link")[0], Errno.PERM);
  t.is(w.call("path_symlink", 2000, abs, RW, 2100, w.put(2100, "../outside/planted_link")), Errno.PERM);

  // A read-only preopen: reading works, every write and creation is refused with EPERM.
  const RO = 4;
  const [e, fd] = open(w, RO, "data.txt", { base: BigInt(Rights.FD_READ | Rights.FD_SEEK | Rights.FD_FILESTAT_SET_TIMES) });
  t.is(e, 0);
  t.deepEqual(read(w, fd, 100), [0, "read only"]);
  t.is(write(w, fd, "x")[0], Errno.NOTCAPABLE, "no write right on a descriptor opened to read");
  t.is(w.call("fd_filestat_set_times", fd, 0n, 0n, 2 | 8), Errno.PERM);
  t.is(open(w, RO, "data.txt", { base: BigInt(Rights.FD_READ | Rights.FD_WRITE) })[0], Errno.PERM);
  t.is(open(w, RO, "data.txt", { base: BigInt(Rights.FD_WRITE) })[0], Errno.PERM);
  t.is(open(w, RO, "data.txt", { base: BigInt(Rights.FD_READ), oflags: TRUNC })[0], Errno.PERM);
  t.is(open(w, RO, "data.txt", { base: BigInt(Rights.FD_READ), fdflags: 1 })[0], Errno.PERM, "append is writing");
  t.is(open(w, RO, "new.txt", { base: BigInt(Rights.FD_READ), oflags: CREAT })[0], Errno.PERM);
  t.is(pathCall(w, "path_create_directory", RO, null, "newdir"), Errno.PERM);
  t.is(pathCall(w, "path_unlink_file", RO, null, "data.txt"), Errno.PERM);
  t.is(pathCall(w, "path_remove_directory", RO, null, "d"), Errno.PERM);
  t.is(twoPaths(w, "path_rename", RO, null, "data.txt", RO, "moved.txt"), Errno.PERM);
  t.is(twoPaths(w, "path_link", RO, NOFOLLOW, "data.txt", RO, "linked.txt"), Errno.PERM);
  t.is(w.call("path_symlink", 2000, target, RO, 2100, w.put(2100, "sym")), Errno.PERM);
  t.is(pathCall(w, "path_filestat_set_times", RO, FOLLOW, "data.txt", 0n, 0n, 2 | 8), Errno.PERM);
  t.is(pathCall(w, "path_filestat_set_times", RO, FOLLOW, "d", 0n, 0n, 2 | 8), Errno.PERM);
  const [de, dfd] = open(w, RO, "d", { oflags: DIRECTORY });
  t.is(de, 0);
  t.is(open(w, dfd, "x", { oflags: CREAT })[0], Errno.PERM, "a directory opened inside keeps the permissions");
  t.is(w.call("fd_filestat_set_times", dfd, 0n, 0n, 2 | 8), Errno.PERM);
  t.is(pathCall(w, "path_filestat_get", RO, FOLLOW, "data.txt", 100), 0, "stat is reading");
  t.is(w.u64(132), 9n);

  // Nothing outside changed; the read-only preopen is as it was; nothing new beside the preopens.
  t.deepEqual(snapshot(outside), before);
  t.deepEqual(snapshot(ro), beforeRo);
  t.deepEqual(readdirSync(tmp.path).sort(), beforeTmp);
  t.is(readFileSync(join(outside, "secret.txt"), "utf8"), "secret");
  t.is(statSync(join(outside, "secret.txt")).nlink, 1, "no hard link to the secret was made");
  t.is(text(w.get(0, 0)), "");
});

test("a directory without READ permission opens nothing and lists nothing", async (t) => {
  const { tmp, root } = layout();
  t.teardown(() => tmp.remove());
  const w = await wasi({ preopens: [{ hostPath: root, guestPath: "/w", dirPerms: 2, filePerms: 3 }] });
  t.teardown(() => w.close());
  t.is(open(w, 3, "mine.txt")[0], Errno.PERM);
  t.is(w.call("fd_readdir", 3, 5000, 1000, 0n, 100), Errno.PERM);
});
