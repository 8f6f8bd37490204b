/**
 * The struct and array objects' raw accessors (impl/runtime/gc-objects.ts):
 * every storage kind round-trips bit-exactly (NaN payloads, i64 extremes,
 * v128), packed values read zero-extended, defaults are zero / null, and a
 * huge array traps instead of exhausting the host.
 */
import test from "ava";
import { Trap, TrapMessage } from "../../../impl/base/errors.js";
import { canonicalizeGroup, type Rtt } from "../../../impl/base/rtt.js";
import { Packed, ValType, type DefType, type StorageType } from "../../../impl/base/types.js";
import {
  ArrayObject, Elem, StructObject, arrayGet, arrayLength, arraySet, newArray, newDefaultStruct, newStruct,
  structGet, structLayout, structSet,
} from "../../../impl/runtime/gc-objects.js";

function rttOfDef(t: DefType): Rtt {
  const types: DefType[] = [t];
  canonicalizeGroup(types, [{ groupStart: 0, groupSize: 1, final: true, supers: [] }], 0, 1);
  return types[0]!.rtt!;
}
const field = (storage: StorageType, mutable = true) => ({ storage, mutable });
const structRtt = (...s: StorageType[]) => rttOfDef({ fields: s.map((x) => field(x)) });
const arrayRtt = (s: StorageType) => rttOfDef({ element: field(s) });

const F32_SNAN = 0x7fa00001;          // a signalling NaN with a payload
const F64_SNAN = 0x7ff4000000000001n;
const F64_NEG_NAN = 0xfff8000000000abcn;

test("struct fields of every kind round-trip in raw form", (t) => {
  const rtt = structRtt(ValType.I32, ValType.I64, ValType.F32, ValType.F64, Packed.I8, Packed.I16, ValType.V128, ValType.AnyRef);
  const v = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
  const marker = { host: true };
  const s = newStruct(rtt, [-5, -0x8000000000000000n, F32_SNAN, F64_SNAN, 0x1ff, -1, v, marker]);
  t.true(s instanceof StructObject);
  t.is(s.rtt, rtt);
  t.is(structGet(s, 0), -5);
  t.is(structGet(s, 1), -0x8000000000000000n);
  t.is(structGet(s, 2), F32_SNAN);
  t.is(structGet(s, 3), F64_SNAN);
  t.is(structGet(s, 4), 0xff, "i8 keeps its low 8 bits, read zero-extended");
  t.is(structGet(s, 5), 0xffff, "i16 read zero-extended");
  t.deepEqual(structGet(s, 6), v);
  t.not(structGet(s, 6), v, "v128 is copied out");
  t.is(structGet(s, 7), marker);
  structSet(s, 1, 0x7fffffffffffffffn);
  structSet(s, 3, F64_NEG_NAN);
  structSet(s, 2, 0xffc00000);
  t.is(structGet(s, 1), 0x7fffffffffffffffn);
  t.is(structGet(s, 3), F64_NEG_NAN);
  t.is(structGet(s, 2), 0xffc00000);
  t.is(structGet(s, 0), -5, "neighbours untouched");
});

test("struct layout: 64-bit fields take two slots, v128 four", (t) => {
  const l = structLayout(structRtt(ValType.I32, ValType.F64, ValType.V128, ValType.AnyRef));
  t.deepEqual([...l.slot], [0, 1, 3, 7]);
  t.is(l.slots, 8);
  t.deepEqual([...l.kind], [Elem.I32, Elem.F64, Elem.V128, Elem.Ref]);
});

test("default structs are zero and null, and do not share slots", (t) => {
  const rtt = structRtt(ValType.I64, ValType.F32, ValType.AnyRef);
  const a = newDefaultStruct(rtt), b = newDefaultStruct(rtt);
  t.is(structGet(a, 0), 0n);
  t.is(structGet(a, 1), 0);
  t.is(structGet(a, 2), null);
  structSet(a, 0, 7n);
  t.is(structGet(b, 0), 0n);
});

test("arrays of every kind: fill, get, set, bit-exact", (t) => {
  const cases: [StorageType, unknown, unknown, unknown][] = [
    [ValType.I32, -1, 0x7fffffff, -1],
    [ValType.F32, F32_SNAN, 0xff800001, F32_SNAN],
    [ValType.I64, -2n, 0x123456789abcdef0n, -2n],
    [ValType.F64, F64_SNAN, F64_NEG_NAN, F64_SNAN],
    [Packed.I8, -1, 0x180, 0xff],
    [Packed.I16, 0x12345, -2, 0x2345],
  ];
  for (const [s, init, other, initRead] of cases) {
    const a = newArray(arrayRtt(s), 5, init);
    t.true(a instanceof ArrayObject);
    t.is(arrayLength(a), 5);
    for (let i = 0; i < 5; i++) t.is(arrayGet(a, i), initRead, `kind ${s} element ${i}`);
    arraySet(a, 4, other);
    const otherRead = s === Packed.I8 ? Number(other) & 0xff : s === Packed.I16 ? Number(other) & 0xffff : other;
    t.is(arrayGet(a, 4), otherRead);
    t.is(arrayGet(a, 3), initRead);
  }
});

test("arrays of v128 and of references", (t) => {
  const v = Uint8Array.from({ length: 16 }, (_, i) => 255 - i);
  const a = newArray(arrayRtt(ValType.V128), 3, v);
  t.deepEqual(arrayGet(a, 2), v);
  const o = {};
  const r = newArray(arrayRtt(ValType.AnyRef), 4, o);
  t.is(arrayGet(r, 3), o);
  arraySet(r, 0, null);
  t.is(arrayGet(r, 0), null);
  t.is(arrayGet(r, 1), o);
});

test("array bounds are checked by the raw accessors", (t) => {
  const a = newArray(arrayRtt(ValType.I32), 2, 0);
  t.throws(() => arrayGet(a, 2), { instanceOf: RangeError });
  t.throws(() => arraySet(a, -1, 0), { instanceOf: RangeError });
  t.is(arrayLength(newArray(arrayRtt(ValType.I32), 0, 0)), 0);
});

test("a huge array traps out of memory instead of exhausting the host", (t) => {
  for (const s of [ValType.I64, ValType.AnyRef, Packed.I8]) {
    const e = t.throws(() => newArray(arrayRtt(s), 0xffffffff, s === ValType.I64 ? 0n : s === Packed.I8 ? 0 : null));
    t.true(e instanceof Trap);
    t.true(e!.message.startsWith(TrapMessage.OutOfMemory));
  }
});
