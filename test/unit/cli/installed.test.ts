// Issue 13: the command line works as a user gets it (programs.test.ts runs it with npx inside the
// repository). The packed package is installed offline into a fresh project (no wabt there), and `npx
// wasm-c-api-ts` runs its bin: a binary module runs, and text input says that it needs the optional
// package wabt.
import test from "ava";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { npm, packInto, tempDir } from "../package/consumer.js";
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
