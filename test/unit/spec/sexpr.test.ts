import test from "ava";
import { headOf, parseSExprs, ScriptSyntaxError, type SExpr, type SList } from "../../spec/sexpr.js";

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
