import test from "ava";
import { ExternKind, ValType } from "../../../impl/base/types.js";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { wat } from "../../helpers/wat.js";
import { WASM_2_0 } from "../../../impl/base/features.js";
import { malformed } from "./assert.js";
import { TYPE_VOID, mod, section, str, vec } from "./binary.js";

test("imports of every kind decode with their types and open the index spaces", async (t) => {
  const m = decodeModule(await wat(`(module
    (import "m" "f" (func (param i32)))
    (import "m" "t" (table 1 2 externref))
    (import "m" "mem" (memory 1))
    (import "m" "g" (global (mut i64)))
    (import "m" "f2" (func)))`));
  t.deepEqual(m.imports.map((i) => [i.module, i.name, i.desc.kind]), [
    ["m", "f", ExternKind.Func], ["m", "t", ExternKind.Table], ["m", "mem", ExternKind.Memory],
    ["m", "g", ExternKind.Global], ["m", "f2", ExternKind.Func],
  ]);
  t.deepEqual(m.imports[1]!.desc, { kind: ExternKind.Table, type: { elemType: ValType.ExternRef, limits: { min: 1, max: 2 } } });
  t.deepEqual(m.imports[2]!.desc, { kind: ExternKind.Memory, type: { limits: { min: 1, max: null } } });
  t.deepEqual(m.imports[3]!.desc, { kind: ExternKind.Global, type: { valType: ValType.I64, mutable: true } });
  t.deepEqual([m.importedFuncs, m.importedTables, m.importedMemories, m.importedGlobals], [2, 1, 1, 1]);
});

test("defined functions, tables, memories, globals, exports and start decode", async (t) => {
  const m = decodeModule(await wat(`(module
    (func $f (result i32) (i32.const 7))
    (func $s)
    (table 3 funcref)
    (memory 1 4)
    (global $g i32 (i32.const -5))
    (global (mut f64) (f64.const 1.5))
    (global i64 (i64.const -1))
    (global f32 (f32.const nan:0x200000))
    (global funcref (ref.func $f))
    (global externref (ref.null extern))
    (global i32 (global.get 0))
    (export "f" (func $f)) (export "t" (table 0)) (export "m" (memory 0)) (export "g" (global $g))
    (start $s))`));
  t.deepEqual(m.funcs, [0, 1]);
  t.deepEqual(m.tables, [{ elemType: ValType.FuncRef, limits: { min: 3, max: null } }]);
  t.deepEqual(m.memories, [{ limits: { min: 1, max: 4 } }]);
  t.deepEqual(m.globals.map((g) => g.type), [
    { valType: ValType.I32, mutable: false }, { valType: ValType.F64, mutable: true },
    { valType: ValType.I64, mutable: false }, { valType: ValType.F32, mutable: false },
    { valType: ValType.FuncRef, mutable: false }, { valType: ValType.ExternRef, mutable: false },
    { valType: ValType.I32, mutable: false },
  ]);
  const first = (i: number) => { const { offset: _, ...rest } = m.globals[i]!.init.instrs[0]!; return rest; };
  t.deepEqual(first(0), { op: 0x41, value: -5 });
  t.deepEqual(first(1), { op: 0x44, value: 0x3ff8000000000000n });
  t.deepEqual(first(2), { op: 0x42, value: -1n });
  t.deepEqual(first(3), { op: 0x43, value: 0x7fa00000 }, "f32 bits keep the NaN payload");
  t.deepEqual(first(4), { op: 0xd2, index: 0 });
  t.deepEqual(first(5), { op: 0xd0, refType: ValType.ExternRef });
  t.deepEqual(first(6), { op: 0x23, index: 0 });
  t.deepEqual(m.exports.map((e) => [e.name, e.kind, e.index]), [
    ["f", ExternKind.Func, 0], ["t", ExternKind.Table, 0], ["m", ExternKind.Memory, 0], ["g", ExternKind.Global, 0],
  ]);
  t.is(m.start, 1);
});

test("a constant expression keeps every instruction up to its final end, for the validator to judge", (t) => {
  // (global i32 (block (result i32) (i32.const 1)) ... ): not constant, but well formed.
  const m = decodeModule(mod(section(6, vec([[0x7f, 0x00, 0x02, 0x7f, 0x41, 0x01, 0x0b, 0x0b]]))));
  t.deepEqual(m.globals[0]!.init.instrs.map((i) => i.op), [0x02, 0x41, 0x0b]);
});

test("import kinds other than the four of Wasm 2.0 are malformed in Wasm 2.0; tags (4) come with exception handling", (t) => {
  malformed(t, mod(section(2, vec([[...str("m"), ...str("x"), 0x04, 0x00]]))), "malformed import kind", WASM_2_0);
  malformed(t, mod(section(2, vec([[...str("m"), ...str("x"), 0x05, 0x00]]))), "malformed import kind", WASM_2_0);
  malformed(t, mod(section(2, vec([[...str("m"), ...str("x"), 0x05, 0x00]]))), "malformed import kind");
});

test("export kinds other than the four of Wasm 2.0 are malformed in Wasm 2.0; tags (4) come with exception handling", (t) => {
  malformed(t, mod(section(7, vec([[...str("x"), 0x04, 0x00]]))), "malformed export kind", WASM_2_0);
  malformed(t, mod(section(7, vec([[...str("x"), 0x05, 0x00]]))), "malformed export kind");
});

test("mutability must be 0 or 1", (t) => {
  malformed(t, mod(section(6, vec([[0x7f, 0x02, 0x41, 0x00, 0x0b]]))), "malformed mutability");
  malformed(t, mod(section(2, vec([[...str("m"), ...str("g"), 0x03, 0x7f, 0xff]]))), "malformed mutability");
});

test("limits flags other than 0 and 1 are malformed as a 1-bit integer (Wasm 2.0; threads adds the shared flags 2 and 3 of memories, memory64 the 64-bit flag 4)", (t) => {
  malformed(t, mod(section(5, vec([[0x02, 0x00]]))), "integer too large", WASM_2_0);
  malformed(t, mod(section(5, vec([[0x81, 0x00, 0x00]]))), "integer representation too long");
  malformed(t, mod(section(5, vec([[0x04, 0x00]]))), "integer too large", WASM_2_0);
  malformed(t, mod(section(5, vec([[0x08, 0x00]]))), "integer too large");
  // 64-bit bounds: ten LEB128 bytes, the last with only bit 63.
  const u64max = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
  t.deepEqual(decodeModule(mod(section(4, vec([[0x70, 0x05, 0x00, ...u64max]])))).tables,
    [{ elemType: 0x70, limits: { min: 0, max: 2 ** 64 }, address64: true }]);
  malformed(t, mod(section(4, vec([[0x70, 0x05, 0x00, ...u64max.slice(0, 9), 0x02]]))), "integer too large");
  t.deepEqual(decodeModule(mod(section(5, vec([[0x07, 0x01, 0x02]])))).memories, [{ limits: { min: 1, max: 2 }, shared: true, address64: true }]);
  // A table never has the shared flags.
  malformed(t, mod(section(4, vec([[0x70, 0x03, 0x00, 0x01]]))), "integer too large");
  t.deepEqual(decodeModule(mod(section(5, vec([[0x03, 0x01, 0x02]])))).memories, [{ limits: { min: 1, max: 2 }, shared: true }]);
});

test("table element types must be reference types", (t) => {
  malformed(t, mod(section(4, vec([[0x7f, 0x00, 0x00]]))), "malformed reference type");
});

test("import and export names must be valid UTF-8", (t) => {
  malformed(t, mod(section(2, vec([[0x01, 0xc0, ...str("x"), 0x00, 0x00]]))), "malformed UTF-8 encoding");
  malformed(t, mod(TYPE_VOID, section(7, vec([[0x02, 0xed, 0xa0, 0x00, 0x00]]))), "malformed UTF-8 encoding");
});
