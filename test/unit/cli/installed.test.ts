// Issue 13: the command line works as a user gets it. In the repository itself, `npx wasm-c-api-ts`
// runs the project's own bin (the README's first command). The packed package is installed offline into
// a fresh project (no wabt there), and `npx wasm-c-api-ts` runs its bin: a binary module runs, and text
// input says that it needs the optional package wabt.
import test from "ava";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { npm, packInto, ROOT, tempDir } from "../package/consumer.js";
import { wat } from "../../helpers/wat.js";

test("npx wasm-c-api-ts runs the installed bin; without wabt, text input is refused with a clear message", async (t) => {
  const packDir = tempDir("cli-pack");
  const project = tempDir("cli-project");
  try {
    const tarball = await packInto(packDir);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "cli-user", version: "1.0.0", private: true }, null, 2));
    const install = await npm(["install", "--offline", "--no-audit", "--no-fund", tarball], project);
    t.is(install.code, 0, `npm install failed: ${install.stderr}`);

    writeFileSync(join(project, "add.wasm"), await wat(`(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`));
    const ran = await npm(["exec", "--offline", "--", "wasm-c-api-ts", "run", "--invoke", "add", "add.wasm", "40", "2"], project);
    t.is(ran.code, 0, ran.stderr);
    t.is(ran.stdout, "42 : i32\n");

    writeFileSync(join(project, "add.wat"), "(module)");
    const text = await npm(["exec", "--offline", "--", "wasm-c-api-ts", "validate", "add.wat"], project);
    t.is(text.code, 1);
    t.regex(text.stderr, /add\.wat: reading WebAssembly text needs the optional package 'wabt', which is not installed/);
  } finally {
    rmSync(packDir, { recursive: true, force: true });
    rmSync(project, { recursive: true, force: true });
  }
});

test("npx wasm-c-api-ts inside the repository runs the repository's own bin", async (t) => {
  const dir = tempDir("cli-npx");
  try {
    const hello = join(dir, "hello.wasm");
    writeFileSync(hello, await wat(`(module
      (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1)
      (data (i32.const 16) "Hello from npx\\n")
      (func (export "_start")
        (i32.store (i32.const 0) (i32.const 16))
        (i32.store (i32.const 4) (i32.const 15))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))`));
    const r = await npm(["exec", "--offline", "--", "wasm-c-api-ts", "run", hello], ROOT);
    t.is(r.code, 0, r.stderr);
    t.is(r.stdout, "Hello from npx\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
