import test from "ava";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Code } from "../../../impl/exec/interpreter/codes.js";
import { CODE_INFO, listInstructions, type Listed } from "../../../impl/exec/interpreter/disassemble.js";
import { compiledFunction, type CompiledFunc } from "../../../impl/exec/interpreter/codespace.js";
import { warmupProgram } from "../../../impl/exec/interpreter/warmup.js";
import { run } from "../../../impl/exec/interpreter/loop.js";
import { machine } from "../../../impl/exec/interpreter/machine.js";
import { compileModule } from "../../../impl/index.js";
import { compile, lowered } from "./helpers.js";

const names = (l: Listed[]) => l.map((i) => i.name);
// The shared benchmark kernels, where `npm run bench` finds them; a missing folder fails the tests that read it.
const kernels = process.env["WASM_BENCH_DIR"] ?? resolve(dirname(fileURLToPath(import.meta.url)), "../../../../../shared/bench/kernels");
const kernelsMissing = `benchmark kernels not found at ${kernels}; set WASM_BENCH_DIR to the folder holding <kernel>.wasm`;

test("the layout table has one entry per code", (t) => {
  t.is(CODE_INFO.length, Code.Count);
  t.is(CODE_INFO[Code.I32AddI]![0], "I32AddI");
  t.is(CODE_INFO[Code.ElemDrop]![0], "ElemDrop");
});

test("local.get and constants cost no instruction: an add of a constant is one", async (t) => {
  t.deepEqual(names(await lowered(`(module (func (param i32) (result i32) (i32.add (local.get 0) (i32.const 5))))`)),
    ["I32AddI", "Ret32"]);
  // A constant an instruction has no immediate form for is read from a constant slot, not materialised.
  const l = await lowered(`(module (func (param i64) (result i64) (i64.mul (local.get 0) (i64.const 7))))`);
  t.deepEqual(names(l), ["I64Mul", "Ret64"]);
});

test("local.set writes the result of the instruction that computed it", async (t) => {
  const l = await lowered(`(module (func (param i32) (local i32) (local.set 1 (i32.mul (local.get 0) (local.get 0)))))`);
  t.deepEqual(names(l), ["I32Mul", "Ret0"]);
  t.is(l[0]!.operands[0], 2, "the destination is local 1 (word 2)");
});

test("a comparison, an increment before it and the br_if after it become one instruction", async (t) => {
  const l = await lowered(`(module (func (param i32) (local i32)
    (loop (br_if 0 (i32.lt_u (local.tee 1 (i32.add (local.get 1) (i32.const 1))) (local.get 0))))))`);
  t.deepEqual(names(l), ["BrAddILtU", "Ret0"]);
  t.true(l[0]!.operands[4]! < 0, "a branch back to a loop is complemented");
  t.is(~l[0]!.operands[4]!, l[0]!.pc, "and goes to the loop's start");
});

test("a branch on masked bits tests them in one instruction", async (t) => {
  const l = await lowered(`(module (func (param i32) (result i32)
    (if (i32.and (local.get 0) (i32.const 255)) (then (return (i32.const 1))))
    (block (br_if 0 (i32.and (local.get 0) (i32.const 4))) (nop))
    (block (br_if 0 (i32.eqz (i32.and (local.get 0) (i32.const 8)))) (nop))
    (i32.const 3)))`);
  // `if` branches around its body when the bits are clear.
  t.deepEqual(names(l).filter((n) => n.startsWith("Br")), ["BrAndIZ", "BrAndINz", "BrAndIZ"]);
});

test("an address computed as register + constant folds into the load or store", async (t) => {
  const l = await lowered(`(module (memory 1) (func (param i32) (result i32)
    (i32.store8 (i32.add (local.get 0) (i32.const 7)) (i32.const 1))
    (i32.load (i32.add (local.get 0) (i32.const 1024)))))`);
  t.deepEqual(names(l), ["Store8A", "I32LoadA", "Ret32"]);
});

test("f64 arithmetic on a value just loaded takes it as a memory operand", async (t) => {
  const l = await lowered(`(module (memory 1) (func (param i32 f64) (result f64)
    (f64.add (local.get 1) (f64.mul (f64.load (local.get 0)) (f64.load (i32.add (local.get 0) (i32.const 8)))))))`);
  t.deepEqual(names(l), ["F64Load", "F64MulAddL", "Ret64"]);
});

test("an f64 add of a product just computed is one multiply-add", async (t) => {
  const l = await lowered(`(module (func (param f64 f64 f64) (result f64)
    (f64.add (local.get 2) (f64.mul (local.get 0) (local.get 1)))))`);
  t.deepEqual(names(l), ["F64MulAdd", "Ret64"]);
});

/** Checks that code decodes into whole instructions and that every branch lands on one. */
function checkStructure(t: import("ava").ExecutionContext, cf: CompiledFunc): void {
  const list = listInstructions(cf);
  const starts = new Set(list.map((i) => cf.entry + i.pc));
  t.is(list.reduce((n, i) => n + 1 + i.operands.length, 0), cf.code.length);
  for (const ins of list) {
    const kinds = CODE_INFO[ins.code]![1];
    const targets = ins.code === Code.BrTable ? ins.operands.slice(2)
      : [...kinds].flatMap((k, j) => (k === "@" ? [ins.operands[j]!] : []));
    for (const target of targets) {
      t.true(starts.has(target < 0 ? ~target : target), `${ins.name} at ${ins.pc} targets ${target}`);
    }
  }
}

test("every lowered function of the benchmark kernels decodes, and its branches land on instructions", (t) => {
  if (!existsSync(kernels)) { t.fail(kernelsMissing); return; }
  for (const k of ["fib", "loop", "sieve", "matmul", "crc32", "qsort", "i64"]) {
    const m = compileModule(new Uint8Array(readFileSync(resolve(kernels, `${k}.wasm`))));
    for (let i = 0; i < m.funcs.length; i++) checkStructure(t, compiledFunction(m, m.importedFuncs + i));
  }
});

test("lowered control flow with blocks, ifs, br_table and multi-value decodes and branches to instructions", async (t) => {
  const m = await compile(`(module
    (func (param i32) (result i32)
      (block $a (result i32)
        (block $b (result i32)
          (block $c (result i32) (br_table $a $b $c (i32.const 7) (local.get 0)))
          (i32.const 1) (i32.add))
        (i32.const 2) (i32.add))
      (if (param i32) (result i32) (local.get 0) (then (i32.const 3) (i32.add)) (else (i32.const 4) (i32.sub)))
      (loop $l (param i32) (result i32)
        (i32.const 1) (i32.add) (local.tee 0) (br_if $l (i32.lt_s (local.get 0) (i32.const 10))))))`);
  checkStructure(t, compiledFunction(m, 0));
});

test("the loop kernel's unrolled body runs at least 2.4 wasm instructions per dispatch", (t) => {
  if (!existsSync(kernels)) { t.fail(kernelsMissing); return; }
  const m = compileModule(new Uint8Array(readFileSync(resolve(kernels, "loop.wasm"))));
  const list = listInstructions(compiledFunction(m, 0));
  // The unrolled loop is the one whose back branch goes furthest back: 60 wasm instructions.
  let body = 0;
  for (const ins of list) {
    if (!CODE_INFO[ins.code]![1].endsWith("@")) continue;
    const target = ins.operands[ins.operands.length - 1]!;
    if (target < 0) body = Math.max(body, list.filter((j) => j.pc >= ~target && j.pc <= ins.pc).length);
  }
  t.true(body > 0 && 60 / body >= 2.4, `${body} dispatches for 60 wasm instructions`);
});

test("the warm-up program runs every code but unreachable, each branch both ways", (t) => {
  const program = warmupProgram();
  const seen = new Set<number>();
  for (const { func, cf } of program.mains) {
    run(machine(), func, cf, machine().top);
    for (const ins of listInstructions(cf)) seen.add(ins.code);
  }
  const missing = CODE_INFO.map(([name], c) => [name, c] as const)
    .filter(([, c]) => !seen.has(c) && !["Ret32", "Ret64", "RetRef", "RetN", "Unreachable", "Throw", "ThrowRef",
      "ReturnCallLocal", "ReturnCallImport", "ReturnCallIndirect", "ReturnCallRef", "Simd", "Atomic", "Mem", "GcAggregate"].includes(CODE_INFO[c]![0]));
  t.deepEqual(missing.map(([n]) => n), [],
    "returns other than Ret0 and tail calls run in the callees; throws leave the loop; Simd, Atomic and Mem are left out (out-of-line handlers that slow the loop)");
});
