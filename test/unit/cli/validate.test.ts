// Issue 13: `validate FILE` prints "valid", or the engine's reason with its byte offset (exit 1);
// binary and text input alike.
import test from "ava";
import { cli, Scratch } from "./cli.js";

const scratch = new Scratch();
test.after.always(() => scratch.remove());

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

test("a valid module: 'valid', exit 0", async (t) => {
  const file = await scratch.module("ok.wasm", `(module (func (export "f") (param i32) (result i32) (local.get 0)))`);
  const r = await cli(["validate", file]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, "valid\n");
  t.is(r.stderr, "");
});

test("an invalid module: the reason, the function and the byte offset, exit 1", async (t) => {
  // Function 0 returns an i64 where its type says i32. Its body's `end` is the last byte of the module.
  const file = await scratch.module("bad.wasm", `(module (func (result i32) (i64.const 1)))`);
  const r = await cli(["validate", file]);
  t.is(r.code, 1);
  t.is(r.stdout, "");
  t.regex(r.stderr, /^wasm-c-api-ts: .*bad\.wasm: type mismatch: .*in function 0 at byte offset 0x([0-9a-f]+)\n$/);
});

test("a malformed module: the reason and the byte offset where decoding stopped, exit 1", async (t) => {
  // A type section (id 1) that claims 5 bytes where the file ends after its size byte at offset 9.
  const truncated = scratch.file("truncated.wasm", new Uint8Array([...HEADER, 0x01, 0x05]));
  const r = await cli(["validate", truncated]);
  t.is(r.code, 1);
  t.regex(r.stderr, /truncated\.wasm: .*byte offset 0x9\n$/);

  const notWasm = scratch.file("garbage.wasm", new Uint8Array([0x00, 0x61, 0x73, 0x6e, 0x01, 0x00, 0x00, 0x00]));
  const g = await cli(["validate", notWasm]);
  t.is(g.code, 1);
  t.regex(g.stderr, /garbage\.wasm: magic header not detected.*byte offset 0x0\n$/);
});

test("a file that does not exist: exit 1, saying so", async (t) => {
  const r = await cli(["validate", `${scratch.dir}/absent.wasm`]);
  t.is(r.code, 1);
  t.regex(r.stderr, /absent\.wasm: cannot read the file: no such file/);
});

test("text input (.wat) is assembled by wabt and validated by the engine", async (t) => {
  const ok = scratch.file("ok.wat", `(module (func $f (export "f") (result i32) (i32.const 1)))`);
  const r = await cli(["validate", ok]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, "valid\n");

  // Text without the .wat name is recognised by its first character.
  const unnamed = scratch.file("text.bin", `;; a comment\n(module)`);
  t.is((await cli(["validate", unnamed])).stdout, "valid\n");

  // wabt parses this, the engine rejects it: the offset is in wabt's binary, and the message says so.
  const invalid = scratch.file("invalid.wat", `(module (func (result i32) (i64.const 1)))`);
  const i = await cli(["validate", invalid]);
  t.is(i.code, 1);
  t.regex(i.stderr, /type mismatch: .*byte offset 0x[0-9a-f]+ \(in the binary that wabt made from the text\)/);

  // Text that does not parse: wabt's message with line and column.
  const broken = scratch.file("broken.wat", `(module\n  (func (result i32) (i32.const)))`);
  const b = await cli(["validate", broken]);
  t.is(b.code, 1);
  t.regex(b.stderr, /broken\.wat: the text does not parse:\n.*broken\.wat:2:\d+: error/);
});
