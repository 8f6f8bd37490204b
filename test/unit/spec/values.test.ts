import test from "ava";
import { FuncInstance, ValType } from "../../../impl/index.js";
import { parseSExprs } from "../../spec/sexpr.js";
import { HostRef, matchesExpected, parseConst, parseExpected, ScriptValueError } from "../../spec/values.js";
import { canonicalizeGroup, type Rtt } from "../../../impl/base/rtt.js";
import type { DefType } from "../../../impl/base/types.js";
import { HostAnyRef } from "../../../impl/runtime/gc-refs.js";

const form = (s: string) => parseSExprs(new TextEncoder().encode(s))[0]!;
const konst = (s: string) => parseConst(form(s));
const expected = (s: string) => parseExpected(form(s));

test("argument constants become raw values", (t) => {
  t.is(konst("(i32.const 0xffffffff)"), -1);
  t.is(konst("(i64.const -1)"), -1n);
  t.is(konst("(f32.const -0x1p-149)"), 0x80000001);
  t.is(konst("(f64.const nan:0x1)"), 0x7ff0000000000001n);
  t.is(konst("(ref.null func)"), null);
  t.is(konst("(ref.null extern)"), null);
  t.is(konst("(ref.extern 7)"), HostRef.of(7));
  t.deepEqual([...(konst("(v128.const i16x8 -1 0 1 2 3 4 5 0x8000)") as Uint8Array)],
    [0xff, 0xff, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 0x00, 0x80]);
  t.throws(() => konst("(i32.const 0x100000000)"), { instanceOf: ScriptValueError });
  t.throws(() => konst("(i32.const)"), { instanceOf: ScriptValueError });
  t.throws(() => konst("(ref.func 0)"), { instanceOf: ScriptValueError });
});

test("host references keep their identity: one object per number", (t) => {
  t.is(HostRef.of(3), HostRef.of(3));
  t.not(HostRef.of(3), HostRef.of(4));
});

test("numeric results compare exactly in the raw form", (t) => {
  t.true(matchesExpected(expected("(i32.const 0xffffffff)"), -1));
  t.false(matchesExpected(expected("(i32.const 0xffffffff)"), 0xffffffff)); // i32 must come back signed
  t.true(matchesExpected(expected("(i64.const 5)"), 5n));
  t.false(matchesExpected(expected("(i64.const 5)"), 5));
  t.true(matchesExpected(expected("(f32.const -0)"), 0x80000000));
  t.false(matchesExpected(expected("(f32.const -0)"), 0));
  t.true(matchesExpected(expected("(f64.const 1)"), 0x3ff0000000000000n));
  t.false(matchesExpected(expected("(f64.const nan)"), 0x7ff8000000000001n)); // exact bits, also for NaN
});

test("nan:canonical and nan:arithmetic accept exactly the spec's NaNs, either sign", (t) => {
  const c32 = expected("(f32.const nan:canonical)");
  const a32 = expected("(f32.const nan:arithmetic)");
  t.true(matchesExpected(c32, 0x7fc00000));
  t.true(matchesExpected(c32, 0xffc00000));
  t.false(matchesExpected(c32, 0x7fc00001));
  t.false(matchesExpected(c32, 0x7f800000));
  t.true(matchesExpected(a32, 0x7fc00001));
  t.true(matchesExpected(a32, 0xffffffff));
  t.false(matchesExpected(a32, 0x7fa00000)); // signalling
  t.false(matchesExpected(a32, 0x3fc00000));
  const c64 = expected("(f64.const nan:canonical)");
  const a64 = expected("(f64.const nan:arithmetic)");
  t.true(matchesExpected(c64, 0xfff8000000000000n));
  t.false(matchesExpected(c64, 0x7ff8000000000001n));
  t.true(matchesExpected(a64, 0x7ff8000000000001n));
  t.false(matchesExpected(a64, 0x7ff4000000000000n));
  t.false(matchesExpected(c32, 0x7fc00000n));
});

test("reference results: null, extern by number, any function", (t) => {
  const f = new FuncInstance({ params: [ValType.I32], results: [] }, null, -1, () => []);
  t.true(matchesExpected(expected("(ref.null func)"), null));
  t.false(matchesExpected(expected("(ref.null extern)"), HostRef.of(0)));
  t.true(matchesExpected(expected("(ref.extern 2)"), HostRef.of(2)));
  t.false(matchesExpected(expected("(ref.extern 2)"), HostRef.of(3)));
  t.false(matchesExpected(expected("(ref.extern 2)"), null));
  t.true(matchesExpected(expected("(ref.func)"), f));
  t.false(matchesExpected(expected("(ref.func)"), null));
  t.false(matchesExpected(expected("(ref.func)"), HostRef.of(1)));
});

test("v128 results compare lane by lane, NaN classes per lane", (t) => {
  const e = expected("(v128.const f32x4 1 nan:canonical nan:arithmetic -0)");
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x3f800000, true);
  view.setUint32(4, 0xffc00000, true);
  view.setUint32(8, 0x7fc00005, true);
  view.setUint32(12, 0x80000000, true);
  t.true(matchesExpected(e, bytes));
  view.setUint32(4, 0x7fc00001, true);
  t.false(matchesExpected(e, bytes));
});

test("either accepts any of its alternatives", (t) => {
  const e = expected("(either (i32.const 1) (i32.const 2))");
  t.true(matchesExpected(e, 2));
  t.false(matchesExpected(e, 3));
});

test("GC values: ref.host is a host value of the any hierarchy, the abstract patterns check the kind", (t) => {
  // A struct and an array stand-in: what casts and the patterns look at is the canonical type in `rtt`.
  const rtt = (def: DefType): Rtt => {
    const types: DefType[] = [def];
    canonicalizeGroup(types, [{ groupStart: 0, groupSize: 1, final: true, supers: [] }], 0, 1);
    return types[0]!.rtt!;
  };
  const struct = { rtt: rtt({ fields: [] }) };
  const array = { rtt: rtt({ element: { storage: ValType.I32, mutable: false } }) };
  const host = konst("(ref.host 4)");
  t.true(host instanceof HostAnyRef);
  t.is((host as HostAnyRef).value, HostRef.of(4));
  t.is(konst("(ref.host 4)"), host, "one value per number");
  t.is(konst("(ref.i31 0x7fffffff)"), -1);
  t.true(matchesExpected(expected("(ref.host 4)"), host));
  t.false(matchesExpected(expected("(ref.host 4)"), HostRef.of(4)), "an externref is not the internalized value");
  t.false(matchesExpected(expected("(ref.host 5)"), host));
  t.true(matchesExpected(expected("(ref.i31)"), 0));
  t.true(matchesExpected(expected("(ref.i31 -1)"), -1));
  t.false(matchesExpected(expected("(ref.i31 1)"), -1));
  t.false(matchesExpected(expected("(ref.i31)"), null));
  t.false(matchesExpected(expected("(ref.i31)"), struct));
  t.true(matchesExpected(expected("(ref.struct)"), struct));
  t.false(matchesExpected(expected("(ref.struct)"), array));
  t.true(matchesExpected(expected("(ref.array)"), array));
  t.false(matchesExpected(expected("(ref.array)"), host));
  for (const v of [struct, array, 7]) t.true(matchesExpected(expected("(ref.eq)"), v));
  t.false(matchesExpected(expected("(ref.eq)"), host));
  for (const v of [struct, array, 7, host]) t.true(matchesExpected(expected("(ref.any)"), v));
  t.false(matchesExpected(expected("(ref.any)"), null));
  t.false(matchesExpected(expected("(ref.any)"), HostRef.of(1)), "an externref is not in the any hierarchy");
  t.is(konst("(ref.null any)"), null);
  t.is(konst("(ref.null none)"), null);
});
