import test from "ava";
import { codeOnly } from "../../helpers/code-only.js";

const calls = (src: string, name: string) => new RegExp(`\\b${name}\\s*\\(`).test(codeOnly(src));

test("calls in code are kept", (t) => {
  t.true(calls("f(1);", "f"));
  t.true(calls("const x = a.f (2);", "f"));
  t.true(calls("t.is(`${f(1)} done`, x);", "f"));
  t.true(calls("const r = /a/.test(s) ? f(1) : 0;", "f"));
  t.true(calls("const q = a / b; f(q);", "f"));
  t.true(calls("x = `a${`b${f(1)}`}c`;", "f"));
  t.true(calls("if (x) { y(); } f(3);", "f"));
});

test("names in comments, strings, template text and regular expressions are not calls", (t) => {
  t.false(calls("// f(1)\nconst a = 1;", "f"));
  t.false(calls("/* f(1) */ g();", "f"));
  t.false(calls("/**\n * f(1)\n */\ng();", "f"));
  t.false(calls("test(\"f(1) works\", () => {});", "f"));
  t.false(calls("const s = 'f(1)';", "f"));
  t.false(calls("const s = `f(1) ${g()} f(2)`;", "f"));
  t.false(calls("t.regex(m, /f\\(1\\)/);", "f"));
  t.false(calls("const s = \"a \\\" f(1)\";", "f"));
  t.false(calls("return /[/]f(/.test(s);", "f"));
});

test("line breaks and lengths are kept, so positions still point into the source", (t) => {
  const src = "a(); // f()\n/* x\ny */ 'str' `t${b}`";
  const out = codeOnly(src);
  t.is(out.length, src.length);
  t.deepEqual([...out].map((c, i) => (c === "\n") === (src[i] === "\n")).every(Boolean), true);
  t.is(out, "a();       \n    \n     '   ' ` ${b}`");
});
