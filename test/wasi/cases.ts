/**
 * The runs of the differential test: each program of `test/wasi/programs/`
 * with its arguments, environment, stdin and initial trees. Every case runs
 * on our engine and on `node:wasi` from the same starting state.
 * @module
 */
import type { ProgramCase, TreeEntry } from "./harness.js";

/** `n` bytes of every value 0..255 in a scrambled but fixed order (binary-safety: NUL, CR, 0xff...). */
export function pattern(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = (i & 1) ? i & 0xff : x & 0xff;
  }
  return out;
}

/**
 * The tree `escape.c` expects (its header lists it): a preopen with files,
 * symlinks that lead out, a loop and one that stays inside, beside an
 * `outside` directory holding the secret.
 */
export const ESCAPE_SANDBOX: readonly TreeEntry[] = [
  { path: "file.txt", file: "inside\n" },
  { path: "sub/note.txt", file: "a note\n" },
  { path: "link_up", symlink: "../outside" },
  { path: "link_secret", symlink: "../outside/secret.txt" },
  { path: "sub/link_upup", symlink: "../../outside/secret.txt" },
  { path: "link_root", symlink: "/" },
  { path: "loop_a", symlink: "loop_b" },
  { path: "loop_b", symlink: "loop_a" },
  { path: "link_in", symlink: "file.txt" },
];
/** What lies outside the preopen in the escape case; it must be unchanged afterwards. */
export const ESCAPE_OUTSIDE: readonly TreeEntry[] = [{ path: "secret.txt", file: "secret\n" }];

/**
 * A line of stdout where our engine and `node:wasi` differ on purpose, each
 * side's line exact (the test checks that both occur, so that an entry
 * cannot outlive the difference it documents).
 */
export interface KnownDifference {
  readonly node: string;
  readonly ours: string;
  readonly why: string;
}

/** A differential case: a short unique title, the exit status both runtimes must give, and any known differences. */
export interface DifferentialCase extends ProgramCase {
  readonly title: string;
  readonly status: number;
  readonly known?: readonly KnownDifference[];
}

/** Every differential case. */
export const CASES: readonly DifferentialCase[] = [
  { title: "hello", program: "hello", status: 0 },
  {
    title: "cat: binary stdin to stdout",
    program: "cat",
    status: 0,
    stdin: new Uint8Array([...new TextEncoder().encode("first line\nsecond line\r\n"), ...pattern(5000)]),
  },
  { title: "cat: empty stdin", program: "cat", status: 0 },
  {
    title: "copy: a file inside the preopen",
    program: "copy",
    status: 0,
    args: ["/sandbox/in.bin", "/sandbox/out/copy.bin"],
    sandbox: [{ path: "in.bin", file: pattern(10_000, 7) }, { path: "out", dir: true }],
  },
  {
    title: "copy: over an existing longer file (truncated)",
    program: "copy",
    status: 0,
    args: ["/sandbox/short.txt", "/sandbox/long.txt"],
    sandbox: [{ path: "short.txt", file: "short\n" }, { path: "long.txt", file: "a much longer file that must be truncated\n" }],
  },
  {
    title: "copy: a missing source",
    program: "copy",
    status: 1,
    args: ["/sandbox/nope.txt", "/sandbox/copy.txt"],
  },
  {
    title: "tree: recursive listing",
    program: "tree",
    status: 0,
    args: ["/sandbox"],
    sandbox: [
      { path: "z.txt", file: "zzz\n" },
      { path: "Zeta.txt", file: "upper case sorts first\n" },
      { path: "empty.txt", file: "" },
      { path: "with space.txt", file: "x" },
      { path: "a/b/c.txt", file: pattern(300) },
      { path: "a/b/d/deep.bin", file: pattern(4097, 3) },
      { path: "a/empty", dir: true },
      { path: "m/link", symlink: "../z.txt" },
      { path: "m/dangling", symlink: "nowhere" },
    ],
  },
  {
    title: "echo: arguments and sorted environment",
    program: "echo",
    status: 0,
    args: ["one", "two words", "", "ünïcödé", "--flag=x"],
    env: [["ZED", "last"], ["ALPHA", "first"], ["EMPTY", ""], ["WITH_EQ", "a=b=c"], ["lower", "sorts after upper"]],
  },
  { title: "echo: nothing", program: "echo", status: 0 },
  { title: "clockrand: clocks, random, sleeping", program: "clockrand", status: 0 },
  {
    title: "fsops: a sequence of file system operations",
    program: "fsops",
    status: 0,
    sandbox: [{ path: "keep.txt", file: "untouched\n" }],
    known: [
      {
        node: "read a directory: EBADF",
        ours: "read a directory: EISDIR",
        why: "fd_read on a directory: ours answers as POSIX read(2) does; node:wasi says the descriptor cannot be read",
      },
      {
        node: "list /sandbox/d: a.txt c e",
        ours: "list /sandbox/d: . .. a.txt c e",
        why: "fd_readdir: ours lists . and .. as POSIX readdir and Wasmtime do; node:wasi (libuv's scandir) leaves them out",
      },
      { node: "list /sandbox/d/e: b2.txt", ours: "list /sandbox/d/e: . .. b2.txt", why: "as above" },
      {
        node: "readdir many: 40 entries, 40 after rewinding",
        ours: "readdir many: 42 entries, 42 after rewinding",
        why: "as above: 40 files, and . and ..",
      },
    ],
  },
  { title: "exit3: stdout, stderr, status 3", program: "exit3", status: 3 },
  { title: "hostcalls: 1000 clock_time_get", program: "hostcalls", args: ["clock", "1000"], status: 0 },
  {
    title: "hostcalls: 1000 one-byte fd_write to a file",
    program: "hostcalls",
    status: 0,
    args: ["write", "1000", "/sandbox/sink"],
  },
];

/** The escape case (compared differently: `node:wasi` is not a sandbox). */
export const ESCAPE_CASE: ProgramCase = { program: "escape", sandbox: ESCAPE_SANDBOX, outside: ESCAPE_OUTSIDE };
