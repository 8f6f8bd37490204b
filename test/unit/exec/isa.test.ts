import test from "ava";
import { readFileSync } from "node:fs";
import { Code } from "../../../impl/exec/interpreter/codes.js";
import { COMPARISONS, ISA } from "../../../impl/exec/interpreter/isa.js";
import { generatedFiles, renderFamily } from "../../../tools/gen-interpreter.js";

test("the Code enum and the loop's family cases are what the instruction set's table gives (npm run gen:interpreter)", (t) => {
  for (const { path, text } of generatedFiles()) t.is(readFileSync(path, "utf8"), text, `${path} is stale`);
});

test("the table numbers the codes as the enum does, with a layout for each", (t) => {
  t.is(ISA.length, Code.Count + 1);
  t.is(ISA[Code.I32AddI]!.name, "I32AddI");
  t.is(ISA[Code.BrAddIGeUI]!.name, "BrAddIGeUI");
  t.is(ISA[Code.Count]!.name, "Count");
  t.true(ISA.slice(0, -1).every((i) => i.layout !== undefined && /^[iIdDrRk@gtflysea*]*$/.test(i.layout)));
  t.is(new Set(ISA.map((i) => i.name)).size, ISA.length);
});

test("a family case reads each operand by its layout letter and compares unsigned where the comparison says", (t) => {
  const br = renderFamily("br");
  t.true(br.includes("case Code.BrLtU: pc = I[fp + code[pc + 1]] >>> 0 < I[fp + code[pc + 2]] >>> 0 ? code[pc + 3] : pc + 4;"));
  t.true(br.includes("case Code.BrGeSI: pc = I[fp + code[pc + 1]] >= code[pc + 2] ? code[pc + 3] : pc + 4;"));
  t.is(br.split("case Code.").length - 1, 2 * COMPARISONS.length);
  t.true(renderFamily("cmp32").includes("case Code.I32NeI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] !== code[pc + 3] ? 1 : 0; pc += 4;"));
});
