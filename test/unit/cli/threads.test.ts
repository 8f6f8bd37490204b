// Issue 15: `run` makes the shared memory a wasi-threads program imports (env.memory, with the
// import's limits), so wasi-threads programs run from the command line.
import test from "ava";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { wat, WASM_THREADS_FEATURES } from "../../helpers/wat.js";
import { cli, ROOT, Scratch } from "./cli.js";

const scratch = new Scratch();
test.after.always(() => scratch.remove());

test("run: the threads-shared example, which imports its shared memory, prints what the embedding example prints", async (t) => {
  const r = await cli(["run", join(ROOT, "examples", "threads-shared.wasm")]);
  t.is(r.code, 0, r.stderr);
  // The example's expected output, less the line its own host prints after the program.
  const expected = readFileSync(join(ROOT, "examples", "threads-shared.out"), "utf8").split("\n").filter((l) => !l.startsWith("host:")).join("\n");
  t.is(r.stdout, expected);
});

test("run: the imported shared memory has the import's limits (memory.size and a grow past the maximum failing)", async (t) => {
  const file = scratch.file("limits.wasm", await wat(`(module
    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (import "env" "memory" (memory 3 5 shared))
    (export "memory" (memory 0))
    (func (export "_start")
      ;; Exit status: size (3) * 10 + whether growing by 3 failed (1), after growing by 2 (to 5) worked.
      (call $exit (i32.add (i32.mul (memory.size) (i32.const 10))
        (i32.and (i32.eq (memory.grow (i32.const 2)) (i32.const 3)) (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))))))`, WASM_THREADS_FEATURES));
  const r = await cli(["run", file]);
  t.is(r.code, 31, r.stderr);
});

test("run: an unshared memory import stays unresolved, a link error naming it", async (t) => {
  const file = scratch.file("unshared.wasm", await wat(`(module (import "env" "memory" (memory 1 2)))`, WASM_THREADS_FEATURES));
  const r = await cli(["run", file]);
  t.is(r.code, 1);
  t.regex(r.stderr, /env\.memory|"env" "memory"|env memory/);
});
