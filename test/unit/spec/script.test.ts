import test from "ava";
import { parseScript, type Command } from "../../spec/script.js";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

test("every command form of the 2.0 suite is read with its line", (t) => {
  const src = [
    '(module $m (func (export "f") (param i32) (result i32) local.get 0))', // 1
    '(module binary "\\00asm" "\\01\\00\\00\\00")',
    '(module $q quote "(func)" "(memory 1)")',
    '(register "m" $m)',
    '(invoke $m "f" (i32.const 1))', // 5
    '(get "g")',
    '(assert_return (invoke "f" (i32.const 1)) (i32.const 1))',
    '(assert_trap (invoke "f" (i32.const 0)) "unreachable")',
    '(assert_trap (module (start 0)) "out of bounds")',
    '(assert_exhaustion (invoke "loop") "call stack exhausted")', // 10
    '(assert_invalid (module (func (drop))) "type mismatch")',
    '(assert_malformed (module quote "(func") "unexpected token")',
    '(assert_unlinkable (module (import "x" "y" (func))) "unknown import")',
    '(assert_uninstantiable (module binary "") "unreachable")',
  ].join("\n");
  const cmds = parseScript(enc(src));
  t.deepEqual(cmds.map((c) => [c.line, c.kind]), [
    [1, "module"], [2, "module"], [3, "module"], [4, "register"], [5, "action"], [6, "action"], [7, "assert_return"],
    [8, "assert_trap"], [9, "assert_trap_module"], [10, "assert_exhaustion"], [11, "assert_invalid"],
    [12, "assert_malformed"], [13, "assert_unlinkable"], [14, "assert_uninstantiable"],
  ]);
  const [text, binary, quote, register, invoke] = cmds as [Command, Command, Command, Command, Command];
  if (text.kind !== "module" || binary.kind !== "module" || quote.kind !== "module") return t.fail();
  t.is(text.module.name, "$m");
  t.is(dec(text.module.source.bytes), '(module $m (func (export "f") (param i32) (result i32) local.get 0))');
  t.deepEqual([...binary.module.source.bytes], [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  t.is(quote.module.source.kind, "quote");
  t.is(dec(quote.module.source.bytes), "(func)(memory 1)");
  t.like(register, { kind: "register", as: "m", module: "$m" });
  t.like(invoke, { kind: "action", action: { kind: "invoke", module: "$m", name: "f", args: [1] } });
});

test("a command the runner cannot read becomes unsupported, and the rest still parse", (t) => {
  const cmds = parseScript(enc('(assert_return (invoke "f" (i32.const 99999999999)))\n(frobnicate)\n(module)'));
  t.like(cmds[0], { kind: "unsupported", head: "assert_return", line: 1 });
  t.like(cmds[1], { kind: "unsupported", head: "frobnicate", line: 2 });
  t.like(cmds[2], { kind: "module", line: 3 });
});

test("a script of module fields only is one inline module", (t) => {
  const cmds = parseScript(enc('(func) (memory 0) (func (export "f"))'));
  t.is(cmds.length, 1);
  const [m] = cmds;
  if (m?.kind !== "module") return t.fail();
  t.is(dec(m.module.source.bytes), '(module (func) (memory 0) (func (export "f"))\n)');
});

test("a text module's bytes are exact, non-ASCII included", (t) => {
  const src = '(module (func (export "\u00e9\u20ac")))';
  const [m] = parseScript(enc(src));
  if (m?.kind !== "module") return t.fail();
  t.deepEqual([...m.module.source.bytes], [...enc(src)]);
  t.is(m.module.source.bytes.byteOffset, 0);
});

test("a name that starts with U+FEFF keeps it (it is not a byte-order mark here)", (t) => {
  const [c] = parseScript(enc('(invoke "\\ef\\bb\\bfx")'));
  t.like(c, { kind: "action", action: { name: "\ufeffx" } });
});
