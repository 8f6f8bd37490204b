// Issue 15: the WASI state is the program's, shared by all its threads as wasi-threads requires. The program
// (examples/threads-wasi.wat) has a spawned thread read stdin, write a file the main thread opened, open a file
// itself that the main thread then reads through the thread's descriptor, and print to stdout; the order of
// the output is fixed by the program's own synchronisation (the main thread prints after the thread is done).
import test from "ava";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { cli, ROOT } from "../cli/cli.js";

const PROGRAM = join(ROOT, "examples", "threads-wasi.wasm");
const STDIN = "hello from stdin\n";
const EXPECTED = `main says hi\nthread: ${STDIN}main: thread done\nmain read b: thread wrote b\n`;

const CHILD = join(ROOT, "dist", "test", "unit", "threads", "wasi-state-child.js");

/** What the embedding child reports. */
interface Report { beforeFlush: string; afterFlush: string; afterClose: string; trap: string | null }

/** Runs the program in a child process (its main thread embeds it) with `dir` preopened. */
function embed(tier: "interpreter" | "compiler", dir: string): Promise<Report> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [CHILD, tier, PROGRAM, dir, STDIN], { timeout: 10 * 60_000 }, (err, stdout, stderr) => {
      if (err !== null) fail(new Error(`${err.message}\n${stderr}`));
      else done(JSON.parse(stdout) as Report);
    });
  });
}

for (const tier of ["interpreter", "compiler"] as const) {
  test(`${tier}: a spawned thread reads the program's stdin, writes its files and its captured stdout; the main thread reads the file the thread opened`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "wasmts-threads-wasi-"));
    try {
      const r = await embed(tier, dir);
      t.is(r.trap, null);
      // The main thread's last write flushed the thread's writes before it: all there, in the program's order.
      t.is(r.beforeFlush, EXPECTED);
      t.is(r.afterClose, EXPECTED, "nothing twice, nothing on stderr");
      t.is(readFileSync(join(dir, "a.txt"), "utf8"), STDIN, "the thread wrote the file the main thread opened");
      t.is(readFileSync(join(dir, "b.txt"), "utf8"), "thread wrote b\n", "the thread's own file, which the main thread read");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("run: through the command line, with this process's stdin and stdout, a spawned thread reads and prints and writes files", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "wasmts-threads-wasi-"));
  try {
    const r = await cli(["run", "--dir", `${dir}::/tmp`, PROGRAM], { stdin: STDIN });
    t.is(r.code, 0, r.stderr);
    t.is(r.stdout, EXPECTED);
    t.is(readFileSync(join(dir, "a.txt"), "utf8"), STDIN);
    t.is(readFileSync(join(dir, "b.txt"), "utf8"), "thread wrote b\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
