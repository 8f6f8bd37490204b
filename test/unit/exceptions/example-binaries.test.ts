import test from "ava";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { wat3 } from "./helpers.js";

// The exceptions example reads `<name>.wasm` as a C program does; each binary is built from the `.wat` beside it
// by wabt with exception handling on (as `wat3` does). Run with UPDATE_EXAMPLE_WASM=1 to rebuild them after editing a `.wat`.
const srcExamples = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "examples");
const NAMES = ["exceptions_thrower", "exceptions_catcher"];

for (const name of NAMES) {
  test(`examples/${name}.wasm is the binary of examples/${name}.wat`, async (t) => {
    const built = await wat3(readFileSync(resolve(srcExamples, `${name}.wat`), "utf8"));
    const path = resolve(srcExamples, `${name}.wasm`);
    if (process.env.UPDATE_EXAMPLE_WASM === "1") writeFileSync(path, built);
    t.true(existsSync(path), `${path} is missing: run the test with UPDATE_EXAMPLE_WASM=1`);
    t.deepEqual(new Uint8Array(readFileSync(path)), built);
  });
}
