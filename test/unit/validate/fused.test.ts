import test from "ava";
import { DecodeError, ValidationError } from "../../../impl/base/errors.js";
import { WASM_2_0, type Features } from "../../../impl/base/features.js";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { decodeAndValidate } from "../../../impl/validate/fused.js";
import { validateModule } from "../../../impl/validate/validator.js";
import { loadSeeds, suiteDir } from "../fuzz/corpus.js";
import { MUTATIONS, mutate, Rng } from "../fuzz/mutate.js";
import { FUNC_ONE, TYPE_VOID, body, mod, section, u32, vec } from "../decode/binary.js";

/** What a compile says of `bytes`: "ok" and the number of bodies, or the error's class and whole message (offsets included). */
function outcome(compile: () => { codes: readonly unknown[] }): string {
  try {
    return `ok ${compile().codes.length}`;
  } catch (e) {
    if (e instanceof DecodeError || e instanceof ValidationError) return `${e.name}: ${e.message}`;
    throw e;
  }
}

const twoPass = (bytes: Uint8Array, f?: Features) => outcome(() => {
  const m = decodeModule(bytes, f);
  validateModule(m);
  return m;
});
const onePass = (bytes: Uint8Array, f?: Features) => outcome(() => decodeAndValidate(bytes, f));

/**
 * `bytes` with a 34-byte custom section appended: the fused pass checks the
 * instructions of a binary's last 16 bytes only the general way, so a body
 * at the end of a small module is checked by the fast path only when
 * something follows it.
 */
function padded(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 34);
  out.set(bytes);
  out.set([0x00, 32, 1, 0x70], bytes.length);
  return out;
}

/** Two functions of type [] -> [] with the given bodies (instruction bytes, final end included). */
const twoFuncs = (a: number[], b: number[], ...after: number[][]) =>
  mod(TYPE_VOID, section(3, vec([[0x00], [0x00]])), section(10, [...u32(2), ...body([], a), ...body([], b)]), ...after);

test("an invalid body followed by a malformed one: the decode error wins", (t) => {
  // Body 0: i32.const 0 leaves a value (invalid); body 1: an illegal opcode (malformed).
  const bytes = twoFuncs([0x41, 0x00, 0x0b], [0x06, 0x0b]);
  t.regex(onePass(bytes), /^DecodeError: illegal opcode/);
  t.is(onePass(bytes), twoPass(bytes));
});

test("an invalid body followed by a malformed data section: the decode error wins", (t) => {
  // Data section with segment kind 7 (malformed); no memory either.
  const bytes = twoFuncs([0x41, 0x00, 0x0b], [0x0b], section(11, [0x01, 0x07]));
  t.regex(onePass(bytes), /^DecodeError: malformed data segment kind/);
  t.is(onePass(bytes), twoPass(bytes));
});

test("an invalid body and an invalid data segment: the segment's error comes first, as validateModule orders them", (t) => {
  // An active data segment for memory 0, which does not exist.
  const bytes = twoFuncs([0x41, 0x00, 0x0b], [0x0b], section(11, [0x01, 0x00, 0x41, 0x00, 0x0b, 0x00]));
  t.regex(onePass(bytes), /^ValidationError: unknown memory/);
  t.is(onePass(bytes), twoPass(bytes));
});

test("after an error inside nested blocks the rest of the body is still read as the decoder reads it", (t) => {
  // block { if (i32.const 1) { i64.eqz (invalid: no operand) } else { nop } } end, then body 1 valid.
  const inner = [0x02, 0x40, 0x41, 0x01, 0x04, 0x40, 0x50, 0x1a, 0x05, 0x01, 0x0b, 0x0b, 0x0b];
  const valid = twoFuncs(inner, [0x0b]);
  t.regex(onePass(valid), /^ValidationError: type mismatch/);
  t.is(onePass(valid), twoPass(valid));
  // The same with a second else after the failing instruction: malformed, and that wins.
  const twoElses = twoFuncs([0x02, 0x40, 0x41, 0x01, 0x04, 0x40, 0x50, 0x1a, 0x05, 0x05, 0x0b, 0x0b, 0x0b], [0x0b]);
  t.regex(onePass(twoElses), /^DecodeError: END opcode expected/);
  t.is(onePass(twoElses), twoPass(twoElses));
  // An error at the block's own end (a block typed i32 left empty), then more code: still one body.
  const atEnd = twoFuncs([0x02, 0x7f, 0x0b, 0x1a, 0x0b], [0x0b]);
  t.is(onePass(atEnd), twoPass(atEnd));
  t.regex(onePass(atEnd), /^ValidationError: type mismatch/);
});

test("an error at the function's final end ends the body there", (t) => {
  // One function of type [] -> [] whose body leaves an i32, then a size that matches exactly.
  const bytes = mod(TYPE_VOID, FUNC_ONE, section(10, [...u32(1), ...body([], [0x41, 0x05, 0x0b])]));
  t.regex(onePass(bytes), /^ValidationError: type mismatch/);
  t.is(onePass(bytes), twoPass(bytes));
});

test("memory.init without a data count section is malformed even when the body is also invalid", (t) => {
  // memory.init 0 with no memory and no operands, no data count section.
  const bytes = twoFuncs([0xfc, 0x08, 0x00, 0x00, 0x0b], [0x0b]);
  t.regex(onePass(bytes), /^DecodeError: data count section required/);
  t.is(onePass(bytes), twoPass(bytes));
});

const dir = suiteDir();
const ITERATIONS = Number(process.env["FUZZ_ITERATIONS"] ?? 20000);
if (dir === null) {
  test("one pass and two passes agree on the suite's modules and their mutations", (t) => {
    t.fail("the Wasm 2.0 spec suite was not found (set WASM_TESTSUITE_DIR; default ../shared holding testsuite-2.0/)");
  });
} else {
  test(`one pass and two passes agree, message for message, on suite modules and ${ITERATIONS} mutations`, async (t) => {
    const seeds = await loadSeeds(dir, [
      "binary.wast", "binary-leb128.wast", "block.wast", "loop.wast", "if.wast", "br_table.wast", "call_indirect.wast",
      "select.wast", "unreached-valid.wast", "unreached-invalid.wast", "global.wast", "elem.wast", "data.wast", "bulk.wast",
      "memory.wast", "func.wast", "stack.wast", "local_get.wast", "local_set.wast", "i64.wast", "f64.wast", "conversions.wast",
    ]);
    t.true(seeds.length > 100, `only ${seeds.length} seed modules`);
    const rng = new Rng(0xf05ed);
    const kinds = new Map<string, number>();
    let compared = 0;
    for (const seed of seeds) {
      for (const f of [WASM_2_0, undefined]) {
        t.is(onePass(seed.bytes, f), twoPass(seed.bytes, f), seed.name);
        t.is(onePass(padded(seed.bytes), f), twoPass(padded(seed.bytes), f), `${seed.name}, padded`);
        compared += 2;
      }
    }
    for (let i = 0; i < ITERATIONS; i++) {
      let bytes = rng.pick(seeds).bytes;
      for (let n = 1 + rng.below(3); n > 0; n--) bytes = mutate(rng, bytes, rng.pick(MUTATIONS));
      const expected = twoPass(bytes);
      const actual = onePass(bytes);
      if (actual !== expected) t.fail(`mutation ${i}: one pass says "${actual}", two passes "${expected}"\n  ${Buffer.from(bytes).toString("hex")}`);
      const pad = padded(bytes);
      const [padOne, padTwo] = [onePass(pad), twoPass(pad)];
      if (padOne !== padTwo) t.fail(`mutation ${i}, padded: one pass says "${padOne}", two passes "${padTwo}"\n  ${Buffer.from(pad).toString("hex")}`);
      const kind = expected.slice(0, expected.indexOf(":") > 0 ? expected.indexOf(":") : 2);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      compared += 2;
    }
    // The mutations must reach all three verdicts, invalid bodies included, or the comparison proves little.
    t.true((kinds.get("ValidationError") ?? 0) > ITERATIONS / 50, JSON.stringify([...kinds]));
    t.true((kinds.get("DecodeError") ?? 0) > ITERATIONS / 10, JSON.stringify([...kinds]));
    t.true((kinds.get("ok") ?? 0) > ITERATIONS / 50, JSON.stringify([...kinds]));
    t.log(`${compared} modules compared: ${JSON.stringify([...kinds])}`);
  });
}
