// Issue 13: `run` runs WASI commands through the wasi_config_* C API: argv (FILE as argv[0], or
// --argv0), an environment from --env/--inherit-env only, this process's stdio, --dir preopens, and
// the program's exit status (proc_exit's, or 0 when _start returns) as the process's exit code.
import test from "ava";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli, Scratch } from "./cli.js";

const scratch = new Scratch();
test.after.always(() => scratch.remove());

/** The imports and helpers every test program shares: `$write(fd, ptr, len)` with its iovec at 0. */
const PRELUDE = `
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 4)
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
  ;; Writes a buffer of NUL-terminated strings to stdout, one per line.
  (func $lines (param $buf i32) (param $size i32) (local $i i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $size)))
      (if (i32.eqz (i32.load8_u (i32.add (local.get $buf) (local.get $i))))
        (then (i32.store8 (i32.add (local.get $buf) (local.get $i)) (i32.const 10))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (call $write (i32.const 1) (local.get $buf) (local.get $size)))`;

/** hello: a line on stdout, one on stderr, then proc_exit(3). */
const hello = scratch.module("hello.wasm", `(module ${PRELUDE}
  (data (i32.const 100) "hello\\n")
  (data (i32.const 200) "to stderr\\n")
  (func $main (export "_start")
    (call $write (i32.const 1) (i32.const 100) (i32.const 6))
    (call $write (i32.const 2) (i32.const 200) (i32.const 10))
    (call $proc_exit (i32.const 3))
    (unreachable)))`);

/** echo: its arguments, a line "--", its environment; returns from _start. */
const echo = scratch.module("echo.wasm", `(module ${PRELUDE}
  (data (i32.const 100) "--\\n")
  (func (export "_start")
    (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
    (drop (call $args_get (i32.const 1024) (i32.const 4096)))
    (call $lines (i32.const 4096) (i32.load (i32.const 20)))
    (call $write (i32.const 1) (i32.const 100) (i32.const 3))
    (drop (call $environ_sizes_get (i32.const 16) (i32.const 20)))
    (drop (call $environ_get (i32.const 16384) (i32.const 65536)))
    (call $lines (i32.const 65536) (i32.load (i32.const 20)))))`);

/** cat: stdin to stdout. */
const cat = scratch.module("cat.wasm", `(module ${PRELUDE}
  (func (export "_start")
    (block $eof (loop $more
      (i32.store (i32.const 16) (i32.const 1024))
      (i32.store (i32.const 20) (i32.const 4096))
      (if (call $fd_read (i32.const 0) (i32.const 16) (i32.const 1) (i32.const 24)) (then (call $proc_exit (i32.const 9))))
      (br_if $eof (i32.eqz (i32.load (i32.const 24))))
      (call $write (i32.const 1) (i32.const 1024) (i32.load (i32.const 24)))
      (br $more)))))`);

/**
 * files: prints the guest name of preopen fd 3, then the content of its in.txt, and writes "written\\n"
 * to its out.txt. Exits 20 when fd 3 is no preopen, 10 + errno when in.txt does not open, 40 + errno
 * when out.txt does not.
 */
const files = scratch.module("files.wasm", `(module ${PRELUDE}
  (data (i32.const 300) "in.txt")
  (data (i32.const 310) "out.txt")
  (data (i32.const 320) "written\\n")
  (data (i32.const 330) "\\n")
  (func (export "_start") (local $err i32)
    (if (call $fd_prestat_get (i32.const 3) (i32.const 16)) (then (call $proc_exit (i32.const 20))))
    (drop (call $fd_prestat_dir_name (i32.const 3) (i32.const 512) (i32.load (i32.const 20))))
    (call $write (i32.const 1) (i32.const 512) (i32.load (i32.const 20)))
    (call $write (i32.const 1) (i32.const 330) (i32.const 1))
    ;; in.txt, read rights (FD_READ = 2)
    (local.set $err (call $path_open (i32.const 3) (i32.const 0) (i32.const 300) (i32.const 6)
      (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 24)))
    (if (local.get $err) (then (call $proc_exit (i32.add (i32.const 10) (local.get $err)))))
    (i32.store (i32.const 32) (i32.const 1024))
    (i32.store (i32.const 36) (i32.const 4096))
    (drop (call $fd_read (i32.load (i32.const 24)) (i32.const 32) (i32.const 1) (i32.const 40)))
    (call $write (i32.const 1) (i32.const 1024) (i32.load (i32.const 40)))
    ;; out.txt: O_CREAT | O_TRUNC, write rights (FD_WRITE = 64)
    (local.set $err (call $path_open (i32.const 3) (i32.const 0) (i32.const 310) (i32.const 7)
      (i32.const 9) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 28)))
    (if (local.get $err) (then (call $proc_exit (i32.add (i32.const 40) (local.get $err)))))
    (call $write (i32.load (i32.const 28)) (i32.const 320) (i32.const 8))))`);

test("a WASI command writes to stdout and stderr and exits with proc_exit's status", async (t) => {
  const r = await cli(["run", await hello]);
  t.is(r.stdout, "hello\n");
  t.is(r.stderr, "to stderr\n");
  t.is(r.code, 3);
});

test("argv is FILE as given and the words after it; the environment is empty without --env", async (t) => {
  const file = await echo;
  const r = await cli(["run", file, "one", "two words", "--three"]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, `${file}\none\ntwo words\n--three\n--\n`);
});

test("--argv0 names the program", async (t) => {
  const r = await cli(["run", "--argv0", "echo", await echo, "x"]);
  t.is(r.stdout, "echo\nx\n--\n");
});

test("--env gives variables in order, a repeated one keeping its last value; NAME alone takes the host's", async (t) => {
  const env = { ...process.env, CLI_FROM_HOST: "host value" };
  const r = await cli(["run", "--env", "A=1", "--env=B=two=2", "--env", "CLI_FROM_HOST", "--env", "A=3", "--env", "CLI_NOT_SET",
    await echo], { env });
  t.is(r.code, 0, r.stderr);
  t.true(r.stdout.endsWith("--\nB=two=2\nCLI_FROM_HOST=host value\nA=3\n"), r.stdout);
});

test("--inherit-env gives the whole environment of the process, --env over it", async (t) => {
  const env = { ...process.env, CLI_MARK: "inherited", CLI_OVER: "old" };
  const r = await cli(["run", "--inherit-env", "--env", "CLI_OVER=new", await echo], { env });
  t.is(r.code, 0, r.stderr);
  const lines = r.stdout.slice(r.stdout.indexOf("--\n") + 3).split("\n");
  t.true(lines.includes("CLI_MARK=inherited"));
  t.true(lines.includes("CLI_OVER=new"));
  t.false(lines.includes("CLI_OVER=old"));
  // Without --inherit-env, nothing of it.
  const bare = await cli(["run", await echo], { env });
  t.false(bare.stdout.includes("CLI_MARK"));
});

test("stdin is the process's stdin", async (t) => {
  const input = "first line\nsecond line, no newline";
  const r = await cli(["run", await cat], { stdin: input });
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, input);
});

test("--dir HOST::GUEST preopens HOST under the name GUEST, readable and writable", async (t) => {
  const dir = join(scratch.dir, "data");
  mkdirSync(dir);
  writeFileSync(join(dir, "in.txt"), "content of in.txt\n");
  const r = await cli(["run", "--dir", `${dir}::/data`, await files]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, "/data\ncontent of in.txt\n");
  t.is(readFileSync(join(dir, "out.txt"), "utf8"), "written\n");
  // HOST alone is seen under its own name.
  const same = await cli(["run", `--dir=${dir}`, await files]);
  t.is(same.stdout, `${dir}\ncontent of in.txt\n`);
});

test("without --dir the program sees no directory", async (t) => {
  const r = await cli(["run", await files]);
  t.is(r.code, 20, "fd_prestat_get(3) failed, so the program exits 20");
  t.is(r.stdout, "");
});

test("--dir of a directory that does not exist fails before running (exit 1)", async (t) => {
  const r = await cli(["run", "--dir", join(scratch.dir, "absent"), await hello]);
  t.is(r.code, 1);
  t.regex(r.stderr, /--dir .*absent: cannot open the directory/);
  t.is(r.stdout, "");
});

test("a WASI program's trap exits 134 after what it wrote; a status above 255 keeps its low 8 bits", async (t) => {
  const trap = await scratch.module("wasi-trap.wasm", `(module ${PRELUDE}
    (data (i32.const 100) "before\\n")
    (func $crash (export "_start") (call $write (i32.const 1) (i32.const 100) (i32.const 7)) (unreachable)))`);
  const r = await cli(["run", trap]);
  t.is(r.code, 134);
  t.is(r.stdout, "before\n");
  t.regex(r.stderr, /^wasm-c-api-ts: trap: unreachable.*\n {4}at crash \(func\[\d+\]/);

  const big = await scratch.module("exit300.wasm", `(module ${PRELUDE} (func (export "_start") (call $proc_exit (i32.const 300))))`);
  t.is((await cli(["run", big])).code, 300 & 0xff);
});

test("--fuel stops a WASI program that never ends", async (t) => {
  const spin = await scratch.module("wasi-spin.wasm", `(module ${PRELUDE}
    (func $forever (export "_start") (loop $l (call $write (i32.const 1) (i32.const 0) (i32.const 0)) (br $l))))`);
  const r = await cli(["run", "--fuel", "5000", spin]);
  t.is(r.code, 134);
  t.regex(r.stderr, /trap: all fuel consumed/);
});

test("a module importing WASI works with --invoke too (the words after FILE are the function's)", async (t) => {
  const lib = await scratch.module("wasi-lib.wasm", `(module ${PRELUDE}
    (data (i32.const 100) "called\\n")
    (func (export "twice") (param i32) (result i32)
      (call $write (i32.const 1) (i32.const 100) (i32.const 7))
      (i32.mul (local.get 0) (i32.const 2))))`);
  const r = await cli(["run", "--invoke", "twice", lib, "21"]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, "called\n42 : i32\n");
});
