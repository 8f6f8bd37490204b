import test from "ava";
import { headOf, parseSExprs, ScriptSyntaxError, withoutAnnotations, type SExpr, type SList } from "../../spec/sexpr.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function shape(e: SExpr): unknown {
  if (e.kind === "list") return e.items.map(shape);
  if (e.kind === "atom") return e.text;
  return [...e.bytes];
}

test("line comments and nested block comments are skipped, lines are counted", (t) => {
  const src = ';; a comment (module\n(a (; outer (; inner ;) still ;) b)\n\n(c ;; tail\n d)';
  const forms = parseSExprs(enc(src));
  t.deepEqual(forms.map(shape), [["a", "b"], ["c", "d"]]);
  t.is(forms[0]!.line, 2);
  t.is(forms[1]!.line, 4);
});

test("strings are byte strings with every escape resolved", (t) => {
  const [form] = parseSExprs(enc('(s "a\\n\\t\\\\\\\'\\"\\00\\ff\\u{41}\\u{e9}\\u{1F600}\\r")'));
  const s = (form as SList).items[1]!;
  t.is(s.kind, "string");
  t.deepEqual(shape(s), [0x61, 0x0a, 0x09, 0x5c, 0x27, 0x22, 0x00, 0xff, 0x41, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0x0d]);
});

test("raw non-ASCII bytes in strings are kept as they are", (t) => {
  const [form] = parseSExprs(Uint8Array.from([0x28, 0x22, 0xe2, 0x82, 0xac, 0x22, 0x29]));
  t.deepEqual(shape(form!), [[0xe2, 0x82, 0xac]]);
});

test("a list keeps its exact byte range in the source", (t) => {
  const src = '(outer (module $m (func)) x)';
  const [outer] = parseSExprs(enc(src));
  const inner = (outer as SList).items[1]!;
  t.is(src.slice(inner.start, inner.end), "(module $m (func))");
  t.is(headOf(inner), "module");
});

test("parentheses and semicolons end atoms; strings may touch atoms", (t) => {
  const [form] = parseSExprs(enc('(a.b$c"s"nan:0x1(x))'));
  t.deepEqual(shape(form!), ["a.b$c", [0x73], "nan:0x1", ["x"]]);
});

test("malformed scripts raise ScriptSyntaxError with the line", (t) => {
  for (const [src, line] of [["(a\n(b)", 1], ["(a))", 1], ['\n("abc', 2], ["(; never closed", 1], ['("\\q")', 1]] as const) {
    const e = t.throws(() => parseSExprs(enc(src)), { instanceOf: ScriptSyntaxError }, src);
    t.is(e?.line, line, src);
  }
});

test("annotations are white space: reserved tokens, strings, comments and nested groups inside are skipped", (t) => {
  const src = '((@a) a (@b , ; ] [ }} }x{ ({) ,{{};}] ;) b (@c x-y$yz"aa"-2 ")" "(" (@) (@(@)) (;(;;);) ;; tail )\n) c)';
  t.deepEqual(parseSExprs(enc(src)).map(shape), [["a", "b", "c"]]);
});

test("an annotation's id is idchars or a non-empty UTF-8 string", (t) => {
  for (const src of ["(a (@aas-3!@$d-@#4) (@@) (@$) (@0) (@\"a\") (@\" @ x\\2a \\\" \\t \\u{45}\"))", "(a(@x)b)"]) {
    t.notThrows(() => parseSExprs(enc(src)), src);
  }
  t.deepEqual(parseSExprs(enc("(a(@x)b)")).map(shape), [["a", "b"]]);
  for (const src of ["(@)", "(@ x)", "(@(@a)x)", '(@"")', '(@"\\ef")', '(@ "a")']) {
    t.throws(() => parseSExprs(enc(src)), { instanceOf: ScriptSyntaxError, message: /annotation id/ }, src);
  }
});

test("malformed annotations raise ScriptSyntaxError with the line they start on", (t) => {
  const cases: [string, number, RegExp][] = [
    ["\n(@x (y (z))", 2, /unclosed annotation/],
    ["(@x )\n)", 2, /unexpected '\)'/],
    ['\n\n(@x "', 3, /unterminated string/],
    ["(@a \u0001)", 1, /illegal character/],
    ["(@a \u007f)", 1, /illegal character/],
    ["(@a Hei\u00dfe)", 1, /non-ASCII/],
  ];
  for (const [src, line, message] of cases) {
    const e = t.throws(() => parseSExprs(enc(src)), { instanceOf: ScriptSyntaxError, message }, src);
    t.is(e?.line, line, src);
  }
  // A byte that is not UTF-8 at all is refused too.
  t.throws(() => parseSExprs(Uint8Array.from([0x28, 0x40, 0x61, 0x20, 0x80, 0x29])), { instanceOf: ScriptSyntaxError });
  // Outside annotations a lone `;` is still not a token the script reader takes.
  t.throws(() => parseSExprs(enc("(a ; b)")), { instanceOf: ScriptSyntaxError });
});

test("lines are counted through annotations and the comments inside them", (t) => {
  const forms = parseSExprs(enc("(@a\n (;\n;) ;; x\n \"s\"\n)\n(b)"));
  t.deepEqual(forms.map(shape), [["b"]]);
  t.is(forms[0]!.line, 6);
});

test("withoutAnnotations blanks each annotation but its line breaks, keeping the text's length", (t) => {
  const src = '((@a) module (@a x\r\n y) $m (@b (@c)) (func (export "(@s)")))';
  const out = withoutAnnotations(enc(src));
  t.is(new TextDecoder().decode(out), '(     module      \r\n    $m           (func (export "(@s)")))');
  t.is(out.length, enc(src).length);
});

test("withoutAnnotations returns the text itself when it has none or is not well-formed", (t) => {
  for (const src of ['(module (func (export "(@a)")))', "(module (; (@a) ;) ;; (@b)\n)", "(module", "(@a", "(@a \u0001)", "(func) (@)"]) {
    const text = enc(src);
    t.is(withoutAnnotations(text), text, src);
  }
  // Module fields and annotations only (a `module quote` text) are blanked too.
  t.is(new TextDecoder().decode(withoutAnnotations(enc("(@a) (func)"))), "     (func)");
});

test("withoutAnnotations copies: the text it was given, a Node Buffer view included, is left as it was", (t) => {
  const script = Buffer.from("(x) (module (@a) (func))");
  const view = script.slice(4); // a Buffer's slice is a view of the same bytes
  const out = withoutAnnotations(view);
  t.is(new TextDecoder().decode(out), "(module      (func))");
  t.is(script.toString(), "(x) (module (@a) (func))");
});
