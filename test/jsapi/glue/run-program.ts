/**
 * Runs one real npm program that ships JavaScript glue written for the JS
 * API, on our namespace or on Node's own, and prints what it computed:
 * `node dist/test/jsapi/glue/run-program.js PROGRAM ours|node`. With `ours`,
 * Node's `WebAssembly` is deleted and ours installed in its place before the
 * package is loaded, so the glue cannot reach Node's. The programs:
 *
 * - `wabt` (devDependency `wabt`, Emscripten glue with the module inside its
 *   one JavaScript file): assembles a text module, prints its binary's
 *   digest, then disassembles the binary and prints the text;
 * - `lz4` (devDependency `lz4-wasm-nodejs`, wasm-bindgen's Node.js glue with
 *   a `.wasm` file beside it): compresses and decompresses a text and
 *   prints the sizes, the digest of the compressed bytes and whether the
 *   round trip gave the text back.
 * @module
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { install, WebAssembly as ours } from "../../../js-api/index.js";

const require = createRequire(import.meta.url);

const WAT = `(module
  (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 0))
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "bump") (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (global.get $count))
  (data (i32.const 16) "hello from wabt"))`;

function digest(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}

async function wabtProgram(): Promise<string[]> {
  const init = (await import("wabt")).default;
  const wabt = await init();
  const mod = wabt.parseWat("program.wat", WAT);
  const binary = mod.toBinary({ write_debug_names: true }).buffer;
  mod.destroy();
  const lines = [`assembled: ${binary.length} bytes, sha256 ${digest(binary)}`];
  const back = wabt.readWasm(binary, { readDebugNames: true });
  back.generateNames();
  back.applyNames();
  lines.push("disassembled:", ...back.toText({ foldExprs: false, inlineExport: true }).trimEnd().split("\n"));
  back.destroy();
  return lines;
}

function lz4Program(): string[] {
  const lz4 = require("lz4-wasm-nodejs") as { compress(b: Uint8Array): Uint8Array; decompress(b: Uint8Array): Uint8Array };
  const text = Array.from({ length: 400 }, (_, i) => `line ${i % 37}: the quick brown fox jumps over the lazy dog\n`).join("");
  const input = new TextEncoder().encode(text);
  const compressed = lz4.compress(input);
  const restored = lz4.decompress(compressed);
  return [
    `input: ${input.length} bytes, sha256 ${digest(input)}`,
    `compressed: ${compressed.length} bytes, sha256 ${digest(compressed)}`,
    `decompressed: ${restored.length} bytes, round trip ${new TextDecoder().decode(restored) === text ? "exact" : "DIFFERENT"}`,
  ];
}

const [program, impl] = process.argv.slice(2);
if (impl === "ours") {
  delete (globalThis as Record<string, unknown>)["WebAssembly"];
  install();
} else if (impl !== "node") {
  throw new Error("usage: run-program.js wabt|lz4 ours|node");
}
const lines = program === "wabt" ? await wabtProgram() : program === "lz4" ? lz4Program() : null;
if (lines === null) throw new Error(`unknown program ${String(program)}`);
for (const line of lines) console.log(line);
console.log(`WebAssembly was ${(globalThis as Record<string, unknown>)["WebAssembly"] === ours ? "ours" : "Node's own"}`);
