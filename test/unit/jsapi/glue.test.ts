// Issue 16: real programs from npm whose JavaScript glue was written for the JS API run on our namespace
// with the same output as on Node's own. Each runs in its own process (test/jsapi/glue/run-program.ts),
// where "ours" deletes Node's WebAssembly and installs ours before the package is loaded:
// - wabt 1.0.39 (Emscripten glue, the module inside its one JavaScript file): assembles and disassembles;
// - lz4-wasm-nodejs 0.9.2 (wasm-bindgen's Node.js glue with a .wasm beside it): compresses and decompresses.
import test from "ava";
import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const RUNNER = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "jsapi", "glue", "run-program.js");

function run(program: string, impl: "ours" | "node"): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, [RUNNER, program, impl], { encoding: "utf8", maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${program} on ${impl} failed: ${err.message}\n${stderr}`));
      else resolvePromise(stdout.trimEnd().split("\n"));
    });
  });
}

for (const program of ["wabt", "lz4"]) {
  test(`${program} from npm prints the same on our namespace as on Node's own WebAssembly`, async (t) => {
    const [ours, node] = await Promise.all([run(program, "ours"), run(program, "node")]);
    // The last line says whose WebAssembly the glue saw.
    t.is(ours.at(-1), "WebAssembly was ours");
    t.is(node.at(-1), "WebAssembly was Node's own");
    t.deepEqual(ours.slice(0, -1), node.slice(0, -1));
    if (program === "wabt") {
      t.true(ours.some((l) => l.includes("(func $fac (export \"fac\")")), "the disassembly shows the function");
      t.regex(ours[0]!, /^assembled: \d+ bytes, sha256 [0-9a-f]{16}$/);
    } else {
      t.regex(ours[2]!, /round trip exact$/);
      t.regex(ours[1]!, /^compressed: \d+ bytes/);
    }
  });
}
