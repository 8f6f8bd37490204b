import test from "ava";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { validateModule } from "../../../impl/validate/validator.js";
import { warmUpModule } from "../../../impl/validate/warmup.js";
import { wat } from "../../helpers/wat.js";

// The validator's warm-up module (impl/validate/warmup.ts) is the binary of warmup.wat beside it,
// and it is valid: a warm-up that threw would make the first wasm_module_new of a process fail.
const srcWat = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "impl", "validate", "warmup.wat");

test("the warm-up module is the binary of impl/validate/warmup.wat", async (t) => {
  t.deepEqual(warmUpModule(), await wat(readFileSync(srcWat, "utf8")));
});

test("the warm-up module is valid, for V8 and for us, and holds one body of more than 200 instructions", (t) => {
  const bytes = warmUpModule();
  t.notThrows(() => new (globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object } }).WebAssembly.Module(bytes));
  const m = decodeModule(bytes);
  t.notThrows(() => validateModule(m));
  t.is(m.codes.length, 2);
  const big = m.codes[1]!;
  t.true(big.codeEnd - big.codeStart > 600);
});
