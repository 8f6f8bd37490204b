// Issue 13, must-show 2: our own C programs (test/wasi/programs, compiled with clang and wasi-libc) run
// through the command line as a user runs them: the README's first command, `npx wasm-c-api-ts run
// test/wasi/programs/hello.wasm` in the repository, and the others through `node dist/cli/main.js`.
import test from "ava";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { npm } from "../package/consumer.js";
import { cli, ROOT, Scratch } from "./cli.js";

const PROGRAMS = join("test", "wasi", "programs");
const scratch = new Scratch();
test.after.always(() => scratch.remove());

test("the README's first command: npx wasm-c-api-ts run test/wasi/programs/hello.wasm", async (t) => {
  const r = await npm(["exec", "--offline", "--", "wasm-c-api-ts", "run", join(PROGRAMS, "hello.wasm")], ROOT);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, "Hello, world!\n");
});

test("exit3 exits 3 after its stdout and stderr lines", async (t) => {
  const r = await cli(["run", join(PROGRAMS, "exit3.wasm")]);
  t.is(r.code, 3);
  t.is(r.stdout, "about to exit with 3\n");
  t.is(r.stderr, "exit3: this goes to stderr\n");
});

test("echo sees FILE as argv[0], the words after it, and only the --env variables", async (t) => {
  const file = join(PROGRAMS, "echo.wasm");
  const r = await cli(["run", "--env", "B=2", "--env", "A=one two", file, "x", "", "y z"]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, [`argc=4`, `argv[0]=[${file}]`, "argv[1]=[x]", "argv[2]=[]", "argv[3]=[y z]",
    "envc=2", "env[0]=[A=one two]", "env[1]=[B=2]", ""].join("\n"));
});

test("cat copies stdin to stdout", async (t) => {
  const input = "line one\nline two\n".repeat(1000);
  const r = await cli(["run", join(PROGRAMS, "cat.wasm")], { stdin: input });
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, input);
});

test("tree lists a --dir preopen under its guest name", async (t) => {
  const dir = join(scratch.dir, "tree");
  mkdirSync(join(dir, "sub"), { recursive: true });
  writeFileSync(join(dir, "sub", "f.txt"), "12345");
  writeFileSync(join(dir, "a.txt"), "");
  const r = await cli(["run", "--dir", `${dir}::/t`, join(PROGRAMS, "tree.wasm"), "/t"]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^\/t\/\n/);
  t.regex(r.stdout, /^ {2}a\.txt \(0 bytes\)$/m);
  t.regex(r.stdout, /^ {2}sub\/\n {4}f\.txt \(5 bytes\)$/m);
  t.is(readFileSync(join(dir, "sub", "f.txt"), "utf8"), "12345");
});
