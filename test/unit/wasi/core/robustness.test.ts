// Bad input never crashes the host: every preview1 function called many times with arbitrary arguments
// (pointers in and out of memory, random descriptors, paths made of ".." and "/" and names and links,
// flags and rights of every bit) returns an errno and never throws a host exception; and whatever it does,
// nothing outside the preopen changes. A seeded generator makes each run the same.
import test from "ava";
import { lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ProcExit } from "../../../../impl/index.js";
import { IMPORTS, tempDir, wasi } from "./helpers.js";

/** A small deterministic generator (xorshift32). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name), st = lstatSync(p, { bigint: true });
      out.push(`${rel}${name} ${st.mode} ${st.size} ${st.mtimeNs} ${st.nlink}`);
      if (st.isFile()) out.push(readFileSync(p, "latin1"));
      if (st.isDirectory()) walk(p, `${rel}${name}/`);
    }
  };
  walk(dir, "");
  return out;
}

/** Where the path functions take directory descriptors and (pointer, length) pairs of paths. */
const PATH_ARGS: Record<string, { fds: number[]; paths: number[] }> = {
  path_create_directory: { fds: [0], paths: [1] },
  path_filestat_get: { fds: [0], paths: [2] },
  path_filestat_set_times: { fds: [0], paths: [2] },
  path_link: { fds: [0, 4], paths: [2, 5] },
  path_open: { fds: [0], paths: [2] },
  path_readlink: { fds: [0], paths: [1] },
  path_remove_directory: { fds: [0], paths: [1] },
  path_rename: { fds: [0, 3], paths: [1, 4] },
  path_symlink: { fds: [2], paths: [0, 3] },
  path_unlink_file: { fds: [0], paths: [1] },
};

// Pieces the paths are made of: names that exist, ways out, links, odd bytes.
const PIECES = ["a", "b", "dir", "file.txt", "..", ".", "", "link_out", "loop", "new", "x/y", "/", "//", "../outside", "dir/..", "\u00e9", "name with spaces"];

test("20,000 calls with arbitrary arguments: only errnos come back, and nothing outside the preopen changes", async (t) => {
  const tmp = tempDir("wasi-robust-");
  t.teardown(() => tmp.remove());
  const root = join(tmp.path, "root"), outside = join(tmp.path, "outside");
  mkdirSync(root); mkdirSync(outside);
  writeFileSync(join(outside, "keep"), "keep");
  mkdirSync(join(root, "dir"));
  writeFileSync(join(root, "file.txt"), "contents");
  symlinkSync("../outside", join(root, "link_out"));
  symlinkSync("loop", join(root, "loop"));
  const before = snapshot(outside);
  const w = await wasi({
    args: ["robust"], env: [["K", "V"]],
    preopens: [{ hostPath: root, guestPath: "/r", dirPerms: 3, filePerms: 3 }, { hostPath: root, guestPath: "/ro", dirPerms: 1, filePerms: 1 }],
  });
  t.teardown(() => w.close());
  const rand = rng(13);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const names = Object.keys(IMPORTS).filter((n) => n !== "proc_exit" && n !== "poll_oneoff");
  const size = w.memory.bytes.length;
  const counts = new Map<number, number>();
  for (let i = 0; i < 20_000; i++) {
    // A path at 2048 (length returned), iovecs at 3000 pointing into 4096.., random bytes elsewhere.
    const makePath = () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(PIECES)).join(pick(["/", "/", "//"]));
    const path = makePath(), path2 = makePath();
    const pathLen = w.put(2048, path), path2Len = w.put(2560, path2);
    for (let k = 0; k < 4; k++) {
      w.memory.view.setUint32(3000 + 8 * k, 4096 + Math.floor(rand() * 8192), true);
      w.memory.view.setUint32(3004 + 8 * k, Math.floor(rand() * 64), true);
    }
    const name = pick(names);
    const params = [...IMPORTS[name]!.matchAll(/param ([^)]*)/g)].flatMap((m) => m[1]!.trim().split(/\s+/));
    const args: (number | bigint)[] = params.map((p, j) => {
      const r = rand();
      if (p === "i64") return r < 0.6 ? BigInt(Math.floor(rand() * 100)) : r < 0.9 ? BigInt(Math.floor(rand() * 0x3fffffff)) : BigInt.asUintN(64, BigInt(Math.floor(rand() * 2 ** 52)) << 12n);
      // The first argument is most often a descriptor; the others pointers, lengths or flags.
      if (j === 0 && r < 0.8) return Math.floor(rand() * 8);
      if (r < 0.25) return 2048;
      if (r < 0.35) return pathLen;
      if (r < 0.45) return 3000;
      if (r < 0.55) return Math.floor(rand() * 4);
      if (r < 0.85) return Math.floor(rand() * size);
      return (rand() * 0x1_0000_0000) | 0;
    });
    // Path functions mostly get a directory and well-formed paths, so that they reach the resolver.
    const shape = PATH_ARGS[name];
    if (shape !== undefined && rand() < 0.85) {
      for (const at of shape.fds) args[at] = pick([3, 3, 4, 5, 6]);
      shape.paths.forEach((at, k) => { args[at] = k === 0 ? 2048 : 2560; args[at + 1] = k === 0 ? pathLen : path2Len; });
    }
    // Preopens stay open (closing them early would leave nothing to call): close and renumber only what was opened.
    if (name === "fd_close" || name === "fd_renumber") {
      args[0] = 5 + Math.floor(rand() * 6);
      if (name === "fd_renumber") args[1] = 5 + Math.floor(rand() * 6);
    }
    let errno: number;
    try {
      errno = w.call(name, ...args);
    } catch (e) {
      t.fail(`${name}(${args.join(", ")}) with path ${JSON.stringify(path)} threw ${String(e)}`);
      return;
    }
    t.true(Number.isInteger(errno) && errno >= 0 && errno <= 76, `${name} gave ${errno}`);
    counts.set(errno, (counts.get(errno) ?? 0) + 1);
  }
  t.log(`errnos: ${[...counts].sort((a, b) => b[1] - a[1]).map(([e, n]) => `${e}:${n}`).join(" ")}`);
  t.deepEqual(snapshot(outside), before);
  t.true((counts.get(0) ?? 0) > 500, "many calls succeeded");
  t.true(counts.size > 10, "many different errnos");
  t.throws(() => w.call("proc_exit", 1), { instanceOf: ProcExit });
});
