import test from "ava";
import { readFileSync } from "node:fs";
import { Code } from "../../../impl/exec/interpreter/codes.js";
import { COMPARISONS, ISA, type Instr } from "../../../impl/exec/interpreter/isa.js";
import { checkHandWritten, expand, generatedFiles, regions, renderRegion } from "../../../tools/gen-interpreter.js";

/** The table's entry for code `name`. */
function entry(name: string): Instr {
  const i = ISA.find((x) => x.name === name);
  if (i === undefined) throw new Error(`no code ${name}`);
  return i;
}

test("the Code enum and the loop's generated cases are what the instruction set's table gives (npm run gen:interpreter)", (t) => {
  for (const { path, text } of generatedFiles()) t.is(readFileSync(path, "utf8"), text, `${path} is stale`);
});

test("the table numbers the codes as the enum does, with a layout for each", (t) => {
  t.is(ISA.length, Code.Count + 1);
  t.is(ISA[Code.I32AddI]!.name, "I32AddI");
  t.is(ISA[Code.BrAddIGeUI]!.name, "BrAddIGeUI");
  t.is(ISA[Code.F64MulAdd]!.name, "F64MulAdd");
  t.is(ISA[Code.Count]!.name, "Count");
  t.true(ISA.slice(0, -1).every((i) => i.layout !== undefined && /^[iIdDrRk@gtflysea*]*$/.test(i.layout)));
  t.is(new Set(ISA.map((i) => i.name)).size, ISA.length);
});

test("a comparison family's case reads each operand by its layout letter and compares unsigned where the comparison says", (t) => {
  const br = renderRegion("branches");
  t.true(br.includes("case Code.BrLtU: pc = I[fp + code[pc + 1]] >>> 0 < I[fp + code[pc + 2]] >>> 0 ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;"));
  t.true(br.includes("case Code.BrGeSI: pc = I[fp + code[pc + 1]] >= code[pc + 2] ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;"));
  t.is(br.split("case Code.Br").length - 1, 2 * COMPARISONS.length + 3 * COMPARISONS.length + 4);
  t.true(renderRegion("numeric").includes("case Code.I32NeI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] !== code[pc + 3] ? 1 : 0; pc += 4; continue;"));
});

test("one expression gives an i32 operator's register and immediate forms", (t) => {
  for (const op of ["Add", "Mul", "And", "ShrU", "Rotl"]) {
    t.is(expand(entry(`I32${op}I`)), expand(entry(`I32${op}`)).replace("I[fp + code[pc + 3]]", "code[pc + 3]"), op);
  }
  t.is(expand(entry("I32XorShrUI")), "I[fp + code[pc + 1]] = I[fp + code[pc + 2]] ^ (I[fp + code[pc + 3]] >>> code[pc + 4]);");
});

test("one access gives a load's or store's three addressing forms, each checking its width", (t) => {
  const lines = (name: string): string[] => expand(entry(name)).split("\n");
  t.deepEqual(lines("I32Load16U"), [
    "const ea = (I[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);",
    "if (ea + 2 > memLen) memoryOutOfBounds();",
    "I[fp + code[pc + 1]] = dv.getUint16(ea, true);",
  ]);
  t.is(lines("I32Load16UA")[0], "const ea = (I[fp + code[pc + 2]] + code[pc + 3]) >>> 0;");
  t.is(lines("F64StoreS")[0], "const ea = ((I[fp + code[pc + 1]] << code[pc + 3]) + code[pc + 4]) >>> 0;");
  t.is(lines("F64StoreS")[2], "dv.setFloat64(ea, D[fd + code[pc + 2]], true);");
  t.is(entry("F64StoreS").layout, "idkk");
  t.is(lines("I64Store")[1], "if (ea + 8 > memLen) memoryOutOfBounds();");
});

test("one expression gives a float operator's f32 case (through the f32 view) and its f64 case", (t) => {
  t.is(expand(entry("F32Max")), "F[fp + code[pc + 1]] = Math.max(F[fp + code[pc + 2]], F[fp + code[pc + 3]]);");
  t.is(expand(entry("F64Max")), "D[fd + code[pc + 1]] = Math.max(D[fd + code[pc + 2]], D[fd + code[pc + 3]]);");
  t.is(expand(entry("F32Le")), "I[fp + code[pc + 1]] = F[fp + code[pc + 2]] <= F[fp + code[pc + 3]] ? 1 : 0;");
  t.is(expand(entry("I64TruncSatF64U")), "i64TruncSatU(I, fp + code[pc + 1], D[fd + code[pc + 2]]);");
});

test("a template naming an operand its layout does not have, or a slot view its letter does not allow, is refused", (t) => {
  t.throws(() => expand({ name: "X", layout: "Ii", run: "$1 = $3;" }), { message: /past its layout/ });
  t.throws(() => expand({ name: "X", layout: "Dd", run: "$f1 = $2;" }), { message: /32-bit slot/ });
});

test("every code has exactly one case: generated, or written by hand in loop.ts", (t) => {
  const loop = readFileSync(generatedFiles().find((f) => f.path.endsWith("loop.ts"))!.path, "utf8");
  t.notThrows(() => checkHandWritten(loop));
  t.throws(() => checkHandWritten(loop.replace("case Code.MemoryGrow:", "case Code.MemoryGrowX:")), { message: /MemoryGrow has no case/ });
  t.throws(() => checkHandWritten(loop.replace("case Code.MemoryGrow:", "case Code.MemoryGrow: case Code.I32Add:")), { message: /I32Add has a generated case and one written by hand/ });
  t.deepEqual(regions(), ["branches", "moves", "memory", "bulk", "numeric", "tables", "i31", "gc"]);
  const generated = ISA.filter((i) => i.run !== undefined || i.sharesCase === true).length;
  t.true(generated > 300, `${generated} generated codes`);
});

test("codes that share a case are told apart by op in the generated case, and their labels stand together", (t) => {
  const numeric = renderRegion("numeric");
  t.true(numeric.includes("case Code.I64LtS: case Code.I64LtU: case Code.I64GtS: case Code.I64GtU: case Code.I64LeS: case Code.I64LeU: case Code.I64GeS: case Code.I64GeU: {"));
  t.true(numeric.includes("case Code.I64Extend32S: case Code.I64ExtendI32S: {"));
  t.true(renderRegion("gc").includes("case Code.ArrayGetS8: case Code.ArrayGetU8: {"));
  t.false(/^ *case Code\.I64ExtendI32S:/m.test(numeric));
});
