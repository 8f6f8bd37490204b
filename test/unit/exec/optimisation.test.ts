import test from "ava";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { wat } from "../../helpers/wat.js";

const distImpl = resolve(dirname(fileURLToPath(import.meta.url)), "../../../impl/index.js");

/**
 * The speed of the interpreter rests on V8 optimising the dispatch loop for a
 * normal call (not by on-stack replacement) and never bailing out of it: the
 * warm-up gives every handler type feedback, and the loop suspends every 16k
 * iterations so optimised code is entered. This runs a program with loops,
 * calls, memory, i64 and f64 in a child V8 that reports its tiering; traps
 * leave the loop between runs (the warm-up also gives the way out feedback).
 */
test("the dispatch loop is optimised for normal calls and never deoptimised, not even by traps leaving it", async (t) => {
  const bytes = await wat(`(module (memory 1)
    (func $mix (param i32) (result i64) (local i64 f64)
      (loop
        (local.set 1 (i64.xor (local.get 1) (i64.shl (i64.extend_i32_u (local.get 0)) (i64.const 7))))
        (local.set 2 (f64.add (local.get 2) (f64.load (i32.and (local.get 0) (i32.const 1016)))))
        (i32.store (i32.and (local.get 0) (i32.const 1020)) (local.get 0))
        (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (i64.add (local.get 1) (i64.trunc_f64_s (local.get 2))))
    (func (export "run") (param i32) (result i64) (local i64)
      (loop
        (local.set 1 (i64.add (local.get 1) (call $mix (i32.const 1000))))
        (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (local.get 1))
    (func $div (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
    (func (export "trap") (param i32) (result i32) (call $div (local.get 0))))`);
  const dir = mkdtempSync(join(tmpdir(), "interp-opt-"));
  const wasm = join(dir, "m.wasm");
  writeFileSync(wasm, bytes);
  const script = join(dir, "run.mjs");
  writeFileSync(script, `
    import { readFileSync } from "node:fs";
    import { compileModule, instantiate, invoke, Store } from ${JSON.stringify(pathToFileURL(distImpl).href)};
    const inst = instantiate(new Store({ tier: "interpreter" }), compileModule(new Uint8Array(readFileSync(${JSON.stringify(wasm)}))), []);
    for (let i = 0; i < 4; i++) {
      invoke(inst.export("run"), [3000]);
      try { invoke(inst.export("trap"), [0]); } catch (e) { if (e.frames.length !== 2) throw e; }
    }
  `);
  const out = spawnSync(process.execPath, ["--trace-opt", "--trace-deopt", script], { encoding: "utf8", timeout: 120_000 });
  t.is(out.status, 0, out.stderr);
  const lines = out.stdout.split("\n").filter((l) => /JSFunction execute /.test(l));
  t.true(lines.some((l) => /completed optimizing .*\(target TURBOFAN\)\]/.test(l)), "optimised for a normal call");
  t.deepEqual(lines.filter((l) => l.includes("bailout")), [], "no deoptimisation");
});
