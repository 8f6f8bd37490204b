import test from "ava";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compileModule } from "../../../impl/index.js";

// examples/wasi.wasm is committed (built from examples/wasi.c with Debian's clang and wasi-libc; the build line is
// at the top of wasi.c), so the example runs without a compiler: check it is the WASI command the example expects.
const srcExamples = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "examples");

test("examples/wasi.wasm is a WASI command: it imports only wasi_snapshot_preview1 and exports _start and memory", (t) => {
  const module = compileModule(new Uint8Array(readFileSync(resolve(srcExamples, "wasi.wasm"))));
  t.true(module.imports.length > 0);
  t.deepEqual([...new Set(module.imports.map((i) => i.module))], ["wasi_snapshot_preview1"]);
  const exports = module.exports.map((e) => e.name);
  t.true(exports.includes("_start"));
  t.true(exports.includes("memory"));
  t.regex(readFileSync(resolve(srcExamples, "wasi.c"), "utf8"), /clang --target=wasm32-wasi .*-o examples\/wasi\.wasm examples\/wasi\.c/);
});
