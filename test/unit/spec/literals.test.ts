import test from "ava";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LiteralError, parseF32, parseF64, parseI32, parseI64, parseIntLiteral } from "../../spec/literals.js";
import { parseSExprs, type SExpr, type SList } from "../../spec/sexpr.js";
import { suiteDir } from "../../spec/run.js";

test("integer literals wrap to the signed raw form and reject out-of-range values", (t) => {
  t.is(parseI32("0xffffffff"), -1);
  t.is(parseI32("4294967295"), -1);
  t.is(parseI32("-0x80000000"), -2147483648);
  t.is(parseI32("+0x7fff_ffff"), 0x7fffffff);
  t.is(parseI32("1_000_000"), 1000000);
  t.is(parseI32("-0"), 0);
  t.is(parseI64("0xffffffffffffffff"), -1n);
  t.is(parseI64("18446744073709551615"), -1n);
  t.is(parseI64("-9223372036854775808"), -9223372036854775808n);
  t.is(parseIntLiteral("-128", 8), -128n);
  t.is(parseIntLiteral("255", 8), -1n);
  for (const bad of ["4294967296", "-2147483649", "0x1_0000_0000", "1__0", "_1", "1_", "0x", "", "0x_1", "1e3", "--1"]) {
    t.throws(() => parseI32(bad), { instanceOf: LiteralError }, bad);
  }
  t.throws(() => parseI64("18446744073709551616"), { instanceOf: LiteralError });
  t.throws(() => parseIntLiteral("256", 8), { instanceOf: LiteralError });
});

test("special float values: zeros, infinities, NaNs with payloads", (t) => {
  t.is(parseF32("0"), 0);
  t.is(parseF32("-0.0"), 0x80000000);
  t.is(parseF32("inf"), 0x7f800000);
  t.is(parseF32("-inf"), 0xff800000);
  t.is(parseF32("nan"), 0x7fc00000);
  t.is(parseF32("-nan"), 0xffc00000);
  t.is(parseF32("nan:0x200000"), 0x7fa00000);
  t.is(parseF32("-nan:0x7f_ffff"), 0xffffffff);
  t.is(parseF32("+nan:0x1"), 0x7f800001);
  t.is(parseF64("nan"), 0x7ff8000000000000n);
  t.is(parseF64("-nan:0xfffffffffffff"), 0xffffffffffffffffn);
  t.is(parseF64("nan:0x4000000000000"), 0x7ff4000000000000n);
  t.is(parseF64("-inf"), 0xfff0000000000000n);
  for (const bad of ["nan:0x0", "nan:0x800000", "nan:1", "infinity", "1.0f", "0x1.0q", "0x1e+5", "1e", ".5", "1._0", "0x1p"]) {
    t.throws(() => parseF32(bad), { instanceOf: LiteralError }, bad);
  }
});

test("decimal floats round correctly to nearest even", (t) => {
  t.is(parseF32("0.1"), 0x3dcccccd);
  t.is(parseF64("0.1"), 0x3fb999999999999an);
  t.is(parseF32("1e38"), 0x7e967699);
  t.is(parseF64("1_000_000"), 0x412e848000000000n);
  t.is(parseF64("4.9406564584124654e-324"), 1n);
  t.is(parseF64("2.2250738585072014e-308"), 0x0010000000000000n);
  t.is(parseF32("1.4e-45"), 1);
  t.is(parseF32("0.7e-45"), 0); // below half the smallest subnormal
  t.is(parseF32("340282356779733623858607532500980858880"), 0x7f7fffff);
  t.is(parseF32("340282356779733661637539395458142568448"), 0x7f800000); // rounds past the largest finite
  t.is(parseF64("1e400"), 0x7ff0000000000000n);
  t.is(parseF64("1e-400"), 0n);
  t.is(parseF64("0e999999999999"), 0n);
});

test("f32 literals are rounded once, at f32 precision (no double rounding through f64)", (t) => {
  // 1 + 2^-24 is exactly halfway between two f32 values: ties go to even (1.0).
  t.is(parseF32("1.000000059604644775390625"), 0x3f800000);
  // A hair above the tie: rounds up. Going through f64 first would land on the tie and round down.
  t.is(parseF32("1.0000000596046447753906251"), 0x3f800001);
  t.is(parseF32("0x1.000001p0"), 0x3f800000);
  t.is(parseF32("0x1.00000100000000001p0"), 0x3f800001);
  t.is(parseF32("0x1.000003p0"), 0x3f800002);
});

test("hex floats: subnormals, the largest finite values, carries into the exponent", (t) => {
  t.is(parseF32("0x1p-149"), 1);
  t.is(parseF32("0x1p-150"), 0); // tie between 0 and the smallest subnormal: even is 0
  t.is(parseF32("0x1.000001p-150"), 1);
  t.is(parseF32("0x1.fffffep127"), 0x7f7fffff);
  t.is(parseF32("0x1.fffffefffffffffffp127"), 0x7f7fffff);
  t.is(parseF32("0x1.ffffffp127"), 0x7f800000);
  t.is(parseF32("0x0.fffffep-126"), 0x007fffff);
  t.is(parseF32("0x0.ffffffp-126"), 0x00800000); // rounds up to the smallest normal
  t.is(parseF32("0x1.fffffffp0"), 0x40000000); // carry into the next binade
  t.is(parseF32("0x1P+2"), 0x40800000);
  t.is(parseF32("0x10"), 0x41800000);
  t.is(parseF32("0x1."), 0x3f800000);
  t.is(parseF64("0x1.fffffffffffffp1023"), 0x7fefffffffffffffn);
  t.is(parseF64("0x1p-1074"), 1n);
  t.is(parseF64("-0x1.0000000000000fffp-1022"), 0x8010000000000001n);
  t.is(parseF64("-0x1.00000000000008p-1022"), 0x8010000000000000n); // tie: even
  t.is(parseF64("0x1.00000000000017ffffffffffp-600"), parseF64("0x1.0000000000001p-600"));
});

// The suite's own rounding cases: a module returns a literal, the assertion names its rounded value.
const suite = suiteDir("2.0");

function constPairs(file: string): { literal: string; expected: string; type: string; line: number }[] {
  const forms = parseSExprs(readFileSync(join(suite, file)));
  const pairs: { literal: string; expected: string; type: string; line: number }[] = [];
  const atom = (e: SExpr | undefined): string => (e?.kind === "atom" ? e.text : "");
  for (let i = 0; i + 1 < forms.length; i++) {
    const text = new TextDecoder().decode(readFileSync(join(suite, file)).subarray(forms[i]!.start, forms[i]!.end));
    const m = /\(result (f32|f64)\) \((f32|f64)\.const ([^)\s]+)\)\)\)$/.exec(text);
    const next = forms[i + 1] as SList;
    if (!m || atom(next.items?.[0]) !== "assert_return") continue;
    const exp = next.items[2] as SList;
    pairs.push({ literal: m[3]!, expected: atom(exp.items[1]), type: m[1]!, line: next.line });
  }
  return pairs;
}

test("every rounding case of const.wast gives the bits the suite expects", (t) => {
  if (!existsSync(suite)) return t.fail(`spec suite not found at ${suite}; set WASM_TESTSUITE_DIR`);
  const pairs = constPairs("const.wast");
  t.true(pairs.length > 250);
  for (const p of pairs) {
    const parse = p.type === "f32" ? parseF32 : parseF64;
    t.is(parse(p.literal), parse(p.expected), `const.wast:${p.line}: ${p.literal}`);
  }
});

test("every literal of float_literals.wast has the bits the suite expects", (t) => {
  if (!existsSync(suite)) return t.fail(`spec suite not found at ${suite}; set WASM_TESTSUITE_DIR`);
  const text = readFileSync(join(suite, "float_literals.wast"), "utf8");
  // Exports of the one text module, e.g. (func (export "f32.nan") (result i32) (i32.reinterpret_f32 (f32.const nan))).
  const literals = new Map<string, { type: string; literal: string }>();
  for (const m of text.matchAll(/\(func \(export "([^"]+)"\) \(result [if](?:32|64)\) (?:\(i(?:32|64)\.reinterpret_(?:f32|f64) )?\((f32|f64)\.const ([^)\s]+)\)/g)) {
    literals.set(m[1]!, { type: m[2]!, literal: m[3]! });
  }
  let checked = 0;
  for (const m of text.matchAll(/\(assert_return \(invoke "([^"]+)"\) \(([if])(32|64)\.const ([^)\s]+)\)\)/g)) {
    const lit = literals.get(m[1]!);
    if (!lit) continue;
    const actual = lit.type === "f32" ? BigInt(parseF32(lit.literal)) : parseF64(lit.literal);
    const width = Number(m[3]);
    const expected = m[2] === "i"
      ? BigInt.asUintN(width, parseIntLiteral(m[4]!, width))
      : width === 32 ? BigInt(parseF32(m[4]!)) : parseF64(m[4]!);
    t.is(actual, expected, `${m[1]}: ${lit.literal}`);
    checked++;
  }
  t.true(checked > 80, `${checked} checked`);
});
