import test from "ava";
import {
  CatchKind, DecodeError, ExternKind, Op, ValidationError, WASM_2_0, ValType,
  decodeModule, funcTypeAt, validateModule,
} from "../../../impl/index.js";
import { CodeReader } from "../../../impl/decode/code.js";
import { wat3 } from "./helpers.js";

/** Decodes and validates module text. */
async function compile(text: string) {
  const m = decodeModule(await wat3(text));
  validateModule(m);
  return m;
}

async function invalid(text: string): Promise<ValidationError> {
  const m = decodeModule(await wat3(text));
  const e = (() => {
    try {
      validateModule(m);
    } catch (err) {
      return err;
    }
    return null;
  })();
  if (!(e instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(e)}`);
  return e;
}

test("the tag section, tag imports and tag exports decode into the tag index space", async (t) => {
  const m = await compile(`(module
    (type (func (param i32 f64)))
    (import "env" "e" (tag (param i64)))
    (tag (type 0))
    (tag (export "t") (param f32))
    (export "imported" (tag 0)))`);
  t.deepEqual(m.tags, [0, 2]);
  t.is(m.importedTags, 1);
  t.deepEqual(m.imports.map((i) => i.desc), [{ kind: ExternKind.Tag, typeIndex: 1 }]);
  const type = funcTypeAt(m.types, 1);
  t.deepEqual([type.params, type.results], [[ValType.I64], []]);
  t.deepEqual(m.exports.map((e) => [e.name, e.kind, e.index]), [["t", ExternKind.Tag, 2], ["imported", ExternKind.Tag, 0]]);
});

test("try_table's block type and catch clauses are read with their kinds, tags and labels", async (t) => {
  // Decoded only: the labels do not take what the clauses deliver.
  const bytes = await wat3(`(module (tag $a (param i32)) (tag $b)
    (func (block $x (block $y (block $z
      (try_table (catch $a $x) (catch_ref $b $y) (catch_all $z) (catch_all_ref $y) (throw $b)))))))`);
  const m = decodeModule(bytes);
  const body = m.codes[0]!;
  const r = new CodeReader(m.bytes, body.codeStart, body.codeEnd);
  let op: number;
  do op = r.next(); while (op !== Op.TryTable);
  t.deepEqual(r.catches, [
    CatchKind.Catch, 0, 2, CatchKind.CatchRef, 1, 1, CatchKind.CatchAll, -1, 0, CatchKind.CatchAllRef, -1, 1,
  ]);
  t.is(r.next(), Op.Throw);
  t.is(r.a, 1);
});

test("with exactly Wasm 2.0 enabled, exception handling's encodings are malformed", async (t) => {
  const withTag = await wat3(`(module (tag))`);
  t.throws(() => decodeModule(withTag, WASM_2_0), { instanceOf: DecodeError, message: /^malformed section id/ });
  const throwing = await wat3(`(module (type (func)) (func (throw_ref)))`);
  t.throws(() => decodeModule(throwing, WASM_2_0), { instanceOf: DecodeError, message: /^illegal opcode/ });
  t.notThrows(() => decodeModule(throwing));
});

test("a catch clause of an unknown kind is malformed", async (t) => {
  const bytes = await wat3(`(module (func (block (try_table (catch_all 0)))))`);
  // try_table (0x1f), empty block type (0x40), one clause: its kind byte follows.
  const at = bytes.findIndex((b, i) => b === 0x1f && bytes[i + 1] === 0x40 && bytes[i + 2] === 1);
  const bad = bytes.slice();
  bad[at + 3] = 4;
  t.throws(() => decodeModule(bad), { instanceOf: DecodeError, message: /^malformed catch clause/ });
});

test("throw needs a known tag and its payload on the stack", async (t) => {
  t.regex((await invalid(`(module (func (throw 0)))`)).message, /^unknown tag 0/);
  t.regex((await invalid(`(module (tag (param i32)) (func (i64.const 5) (throw 0)))`)).message, /^type mismatch/);
  await t.notThrowsAsync(compile(`(module (tag (param i32 i64)) (func (result f32) (i32.const 1) (i64.const 2) (throw 0)))`));
});

test("a tag's type must have no results", async (t) => {
  t.regex((await invalid(`(module (type (func (result i32))) (tag (type 0)))`)).message, /^non-empty tag result type/);
  t.regex((await invalid(`(module (type (func (result i32))) (import "" "" (tag (type 0))))`)).message, /^non-empty tag result type/);
});

test("catch labels must take what their clause delivers; they are resolved outside the try_table", async (t) => {
  t.regex((await invalid(`(module (tag (param i32)) (func (block (try_table (catch 0 0)))))`)).message, /^type mismatch/);
  t.regex((await invalid(`(module (tag) (func (try_table (catch_ref 0 0))))`)).message, /^type mismatch/);
  t.regex((await invalid(`(module (func (try_table (catch_all_ref 0))))`)).message, /^type mismatch/);
  // Labels of catch clauses count from the block around the try_table (here the function's), not the try_table itself.
  t.regex((await invalid(`(module (func (try_table (catch_all 1))))`)).message, /^unknown label 1/);
  await t.notThrowsAsync(compile(`(module (func (try_table (catch_all 0))))`));
  await t.notThrowsAsync(compile(`(module (tag (param i32)) (func (result i32)
    (block $h (result i32) (try_table (result i32) (catch 0 $h) (i32.const 1)))))`));
});

test("try_table types like a block: parameters in, results out", async (t) => {
  // The type is declared: wabt encodes a try_table's inline `(param ...)` as a type index only when the module has that type.
  await t.notThrowsAsync(compile(`(module (type (func (param i32) (result i32))) (func (result i32) (i32.const 1) (try_table (param i32) (result i32) (i32.const 1) (i32.add))))`));
  t.regex((await invalid(`(module (func (result i32) (try_table (result i32) (i64.const 42))))`)).message, /^type mismatch/);
});

test("tail calls must return the caller's results", async (t) => {
  await t.notThrowsAsync(compile(`(module (func $f (result i32) (i32.const 1)) (func (result i32) (return_call $f)))`));
  t.regex((await invalid(`(module (func $f (result i64) (i64.const 1)) (func (result i32) (return_call $f)))`)).message, /^type mismatch/);
});
