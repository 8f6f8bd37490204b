import test from "ava";
import { createAssembler, AssembleError, withDataCount, withoutNullTableInits } from "../../spec/assemble.js";

const enc = (s: string) => new TextEncoder().encode(s);

function sectionIds(bin: Uint8Array): number[] {
  const ids: number[] = [];
  for (let pos = 8; pos < bin.length;) {
    ids.push(bin[pos]!);
    let size = 0, shift = 0, b: number;
    pos++;
    do {
      b = bin[pos++]!;
      size |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    pos += size;
  }
  return ids;
}

test("text assembles without validation: an ill-typed module still becomes a binary", async (t) => {
  const asm = await createAssembler();
  const bin = asm(enc("(module (func (result i32) (i64.const 0)))"));
  t.deepEqual([...bin.subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);
});

test("wabt's refusal is an AssembleError with its diagnostic", async (t) => {
  const asm = await createAssembler();
  const e = t.throws(() => asm(enc("(module (func (local.get $nope)))")), { instanceOf: AssembleError });
  t.regex(e?.message ?? "", /error: undefined local/);
});

test("a view into a larger buffer assembles only its own bytes", async (t) => {
  const asm = await createAssembler();
  const big = enc("garbage (module) garbage");
  t.notThrows(() => asm(big.subarray(8, 16)));
});

test("a data count section is added when code uses data indices and wabt left it out", async (t) => {
  const asm = await createAssembler();
  const bin = asm(enc("(module (memory 1) (func (data.drop 0)))"));
  t.deepEqual(sectionIds(bin).filter((id) => id !== 0), [1, 3, 5, 12, 10]);
  const i = sectionIds(bin).indexOf(12);
  t.true(i >= 0);
  // With data segments wabt writes it itself; nothing is added twice.
  const withData = asm(enc('(module (memory 1) (data "x") (func (data.drop 0)))'));
  t.is(sectionIds(withData).filter((id) => id === 12).length, 1);
  // Without memory.init/data.drop, nothing changes.
  const plain = asm(enc("(module (func))"));
  t.is(withDataCount(plain), plain);
});

test("a table initialiser that is its element type's null is left out when wabt refuses it; any other stays refused", async (t) => {
  const dec = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));
  t.is(dec(withoutNullTableInits(enc(`(module (table (export "tab") 10 funcref (ref.null func)) (memory 1))`))),
    `(module (table (export "tab") 10 funcref) (memory 1))`);
  t.is(dec(withoutNullTableInits(enc("(module (table $t 1 externref (ref.null extern)))"))), "(module (table $t 1 externref))");
  t.is(withoutNullTableInits(enc("(module (table 1 funcref (ref.null extern)))")), null, "another type's null is not the default");
  t.is(withoutNullTableInits(enc("(module (table 1 funcref (ref.func 0)) (func))")), null);
  t.is(withoutNullTableInits(enc("(module (table 1 funcref))")), null);
  const asm = await createAssembler();
  const plain = asm(enc("(module (table 10 funcref))"));
  t.deepEqual([...asm(enc("(module (table 10 funcref (ref.null func)))"))], [...plain]);
  t.throws(() => asm(enc("(module (func $f) (elem declare func $f) (table 10 funcref (ref.func $f)))")), { instanceOf: AssembleError });
});
