import test from "ava";
import { Op } from "../../../impl/base/opcodes.js";
import { HeapType, NON_NULL, ValType } from "../../../impl/base/types.js";
import { WASM_2_0 } from "../../../impl/base/features.js";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { SegmentMode, type ConstExpr } from "../../../impl/decode/module.js";
import { malformed } from "./assert.js";
import { FUNC_ONE, TYPE_VOID, codeOne, mod, section, u32, vec } from "./binary.js";

const I32_0 = [0x41, 0x00, 0x0b];
const REF_FUNC_0 = [0xd2, 0x00, 0x0b];
const REF_NULL_FUNC = [0xd0, 0x70, 0x0b];
const TABLES = section(4, vec([[0x70, 0x00, 0x01], [0x70, 0x00, 0x01]]));
const withElems = (...segs: number[][]) =>
  decodeModule(mod(TYPE_VOID, FUNC_ONE, TABLES, section(9, vec(segs)), codeOne([0x0b])));
const ops = (e: ConstExpr) => e.instrs.map((i) => [i.op, i.index ?? i.refType ?? null]);

test("element encodings 0 to 3 list function indices, as ref.func expressions", (t) => {
  const m = withElems(
    [0x00, ...I32_0, ...vec([[0x00]])],
    [0x01, 0x00, ...vec([[0x00], [0x00]])],
    [0x02, 0x01, ...I32_0, 0x00, ...vec([[0x00]])],
    [0x03, 0x00, ...vec([])],
  );
  // With typed function references a function index is never null: the segment's type is (ref func).
  const refFunc = HeapType.Func | NON_NULL;
  t.deepEqual(m.elems.map((s) => [s.mode, s.table, s.type, s.init.length, s.offsetExpr !== null]), [
    [SegmentMode.Active, 0, refFunc, 1, true],
    [SegmentMode.Passive, 0, refFunc, 2, false],
    [SegmentMode.Active, 1, refFunc, 1, true],
    [SegmentMode.Declarative, 0, refFunc, 0, false],
  ]);
  // Wasm 2.0 has no (ref func): there they are funcref.
  const m2 = decodeModule(mod(TYPE_VOID, FUNC_ONE, TABLES, section(9, vec([[0x00, ...I32_0, ...vec([[0x00]])]])), codeOne([0x0b])), WASM_2_0);
  t.is(m2.elems[0]!.type, ValType.FuncRef);
  t.deepEqual(ops(m.elems[1]!.init[1]!), [[Op.RefFunc, 0]]);
  t.deepEqual(ops(m.elems[2]!.offsetExpr!), [[Op.I32Const, null]]);
});

test("element encodings 4 to 7 list expressions with a reference type", (t) => {
  const m = withElems(
    [0x04, ...I32_0, ...vec([REF_FUNC_0, REF_NULL_FUNC])],
    [0x05, 0x6f, ...vec([[0xd0, 0x6f, 0x0b]])],
    [0x06, 0x01, ...I32_0, 0x70, ...vec([REF_FUNC_0])],
    [0x07, 0x70, ...vec([REF_FUNC_0])],
  );
  t.deepEqual(m.elems.map((s) => [s.mode, s.table, s.type, s.init.length]), [
    [SegmentMode.Active, 0, ValType.FuncRef, 2],
    [SegmentMode.Passive, 0, ValType.ExternRef, 1],
    [SegmentMode.Active, 1, ValType.FuncRef, 1],
    [SegmentMode.Declarative, 0, ValType.FuncRef, 1],
  ]);
  t.deepEqual(ops(m.elems[0]!.init[1]!), [[Op.RefNull, ValType.FuncRef]]);
});

test("element segment flags above 7 and element kinds other than 0 are malformed", (t) => {
  malformed(t, mod(section(9, vec([[0x08, 0x00]]))), "malformed elements segment kind");
  malformed(t, mod(section(9, vec([[0x01, 0x01, 0x00]]))), "malformed element kind");
  malformed(t, mod(section(9, vec([[0x05, 0x7f, 0x00]]))), "malformed reference type");
});

test("data encodings 0 to 2: active in memory 0, passive, active with a memory index", (t) => {
  const m = decodeModule(mod(section(11, vec([
    [0x00, ...I32_0, ...vec([[1], [2]])],
    [0x01, ...vec([[3]])],
    [0x02, 0x00, 0x41, 0x08, 0x0b, ...vec([])],
  ]))));
  t.deepEqual(m.datas.map((d) => [d.mode, d.memory, d.offsetExpr !== null, [...d.bytes]]), [
    [SegmentMode.Active, 0, true, [1, 2]],
    [SegmentMode.Passive, 0, false, [3]],
    [SegmentMode.Active, 0, true, []],
  ]);
  t.is(m.datas[2]!.offsetExpr!.instrs[0]!.value, 8);
});

test("data segment flags above 2 are malformed", (t) => {
  malformed(t, mod(section(11, vec([[0x03, 0x00]]))), "malformed data segment kind");
});

test("the data count must equal the number of data segments", (t) => {
  const passive = [0x01, 0x00];
  t.is(decodeModule(mod(section(12, u32(1)), section(11, vec([passive])))).dataCount, 1);
  malformed(t, mod(section(12, u32(2)), section(11, vec([passive]))), "data count and data section have inconsistent lengths");
  malformed(t, mod(section(12, u32(1))), "data count and data section have inconsistent lengths");
});

test("memory.init and data.drop in code need a data count section", (t) => {
  const dataDrop = [0xfc, 0x09, 0x00, 0x0b];
  malformed(t, mod(TYPE_VOID, FUNC_ONE, codeOne(dataDrop), section(11, vec([[0x01, 0x00]]))), "data count section required");
  const memInit = [0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x08, 0x00, 0x00, 0x0b];
  malformed(t, mod(TYPE_VOID, FUNC_ONE, codeOne(memInit)), "data count section required");
  t.notThrows(() => decodeModule(mod(TYPE_VOID, FUNC_ONE, section(12, u32(1)), codeOne(dataDrop), section(11, vec([[0x01, 0x00]])))));
});
