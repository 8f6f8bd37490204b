import test from "ava";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  compileModule, DEFAULT_FEATURES, ExternKind, f32ToBits, instantiate, invoke, MemoryInstance, Store, ValType, type FuncInstance,
} from "../../../impl/index.js";
import { emptyReport, compareModule, runTtf } from "../../fuzz/ttf/compare.js";
import { exposeMemory, MEMORY_EXPORT } from "../../fuzz/ttf/expose.js";
import { generateTtf, ttfInput, TTF_FEATURES } from "../../fuzz/ttf/generate.js";
import { ModulePlan, ourImports, type OurHostContext } from "../../fuzz/ttf/host.js";
import { nanClass32, nanClass64, sameBits, tierLogDiff, tierOutcomeDiff, tierStateDiff, v8LogDiff, v8OutcomeDiff } from "../../fuzz/ttf/outcome.js";
import { loadWasmOpt, runOnBytes, wasmOptPath, type WasmOpt } from "../../fuzz/ttf/wasm-opt.js";
import { wat } from "../../helpers/wat.js";

// A CI-sized run of the translate-to-fuzz comparison (npm run fuzz -- --ttf runs long ones):
// binaryen's random valid modules on the interpreter, the compiled tier and V8.
const COUNT = Number(process.env["TTF_FUZZ_COUNT"] ?? 100);

let optPromise: Promise<WasmOpt> | null = null;
const opt = (): Promise<WasmOpt> => (optPromise ??= loadWasmOpt());
test.after.always(async () => { if (optPromise !== null) (await optPromise).close(); });

test(`${COUNT} translate-to-fuzz modules agree on the interpreter, the compiled tier and V8`, async (t) => {
  const r = await runTtf({ opt: await opt(), seed: 0x77f, count: COUNT, eh: true, fuel: 1_000_000 });
  t.log(JSON.stringify({ ...r, failing: undefined, disagreements: undefined }));
  t.deepEqual(r.disagreements, [], `${r.disagreementCount} disagreements`);
  t.is(r.modules + r.generatorFailures.length, COUNT);
  // The run compares real work: most modules valid and instantiated, many calls, most also on V8.
  t.true(r.valid > COUNT * 0.9, `only ${r.valid} valid`);
  t.true(r.instantiated > COUNT * 0.8, `only ${r.instantiated} instantiated`);
  t.true(r.calls > COUNT * 10, `only ${r.calls} calls`);
  t.true(r.callsWithV8 > COUNT * 5, `only ${r.callsWithV8} calls on V8`);
  t.true(r.withV8 > COUNT / 2 && r.tiersOnly > COUNT / 10, `${r.withV8} modules with V8, ${r.tiersOnly} on the tiers only`);
});

test("module i of seed s is the same module every time; another index or seed gives another", async (t) => {
  const o = await opt();
  t.deepEqual(ttfInput(5, 3), ttfInput(5, 3));
  t.notDeepEqual(ttfInput(5, 3), ttfInput(5, 4));
  t.notDeepEqual(ttfInput(5, 3), ttfInput(6, 3));
  const a = generateTtf(o, 5, 3), b = generateTtf(o, 5, 3), c = generateTtf(o, 5, 4);
  t.deepEqual(a.bytes, b.bytes);
  t.notDeepEqual(a.bytes, c.bytes);
  t.notThrows(() => compileModule(a.bytes, DEFAULT_FEATURES));
});

test("wasm-opt loaded into the process makes the same bytes as the wasm-opt command", async (t) => {
  const o = await opt();
  const inFile = join(o.workDir, "spawn-in.bin"), outFile = join(o.workDir, "spawn-out.wasm");
  writeFileSync(inFile, ttfInput(9, 1));
  execFileSync(process.execPath, [wasmOptPath()!, inFile, "-ttf", "--quiet", ...TTF_FEATURES, "-o", outFile]);
  t.deepEqual(runOnBytes(o, ttfInput(9, 1), ["-ttf", "--quiet", ...TTF_FEATURES]), new Uint8Array(readFileSync(outFile)));
});

test("a wasm-opt failure is an error with its message, and the process's exit code is left alone", async (t) => {
  const o = await opt();
  const before = process.exitCode;
  t.throws(() => runOnBytes(o, new Uint8Array([1, 2, 3]), ["--no-such-flag"]), { message: /wasm-opt exited with 1/ });
  t.is(process.exitCode, before);
});

test("the memory is exported under a new name, with or without an export section", async (t) => {
  for (const text of [
    `(module (memory 1) (func (export "f")))`,
    `(module (memory 1) (func (i32.const 0) drop) (start 0) (data (i32.const 0) "x"))`,
  ]) {
    const bytes = await wat(text);
    const exposed = exposeMemory(bytes, compileModule(bytes, DEFAULT_FEATURES));
    const m = compileModule(exposed, DEFAULT_FEATURES);
    t.deepEqual(m.exports.at(-1), { ...m.exports.at(-1)!, name: MEMORY_EXPORT, kind: ExternKind.Memory, index: 0 });
    t.is(m.exports.length, compileModule(bytes, DEFAULT_FEATURES).exports.length + 1);
  }
  const none = await wat(`(module (func (export "f")))`);
  t.is(exposeMemory(none, compileModule(none, DEFAULT_FEATURES)), none, "no memory: unchanged");
});

/** A module of our own that uses the fuzz shell's imports: logging, calling exports back, catching. */
const SHELL_USER = `(module
  (import "fuzzing-support" "log-i32" (func $log (param i32)))
  (import "fuzzing-support" "log-f64" (func $logf (param f64)))
  (import "fuzzing-support" "call-export-catch" (func $catch (param i32) (result i32)))
  (import "fuzzing-support" "log-v128" (func $logv (param v128)))
  (memory 1)
  (func (export "a") (param i32) (local.get 0) (call $log) (i32.store (i32.const 8) (local.get 0)) (call $logf (f64.const nan:0x4)))
  (func (export "b") (result i32) (call $catch (i32.const 0)))
  (func (export "c") unreachable)
  (func (export "d") (result i32) (call $catch (i32.const 2)))
  (func (export "e") (result i32) (call $catch (i32.const 9)))
  (func (export "v") (v128.const i64x2 1 2) (call $logv)))`;

test("the fuzz shell's imports behave alike in all engines: logs, calls back into exports, catches of traps and throws", async (t) => {
  const bytes = await wat(SHELL_USER);
  const report = emptyReport();
  compareModule({ seed: 0, index: 0, eh: false, bytes }, report, 10_000, 2);
  t.deepEqual(report.disagreements, []);
  t.is(report.withV8, 1);
  t.is(report.calls, 12, "six exports, twice each");
  t.is(report.callsWithV8, 12);
  t.is(report.agreements, 13, "the instantiation and every call");
});

test("our imports record what the module logs and give 1 when a called export traps or throws", async (t) => {
  const module = compileModule(await wat(SHELL_USER), DEFAULT_FEATURES);
  const ctx: OurHostContext = { log: [], instance: null };
  const externs = ourImports(new ModulePlan(module), ctx);
  if (typeof externs === "string") return t.fail(externs);
  const inst = instantiate(new Store(), module, externs);
  ctx.instance = inst;
  const call = (name: string, args: unknown[] = []): unknown[] => invoke(inst.export(name) as FuncInstance, args);
  call("a", [7]);
  t.deepEqual(ctx.log.map((e) => [e.name, e.value]), [["log-i32", 7], ["log-f64", 0x7ff0000000000004n]], "f64 bits kept, a signalling NaN too");
  t.deepEqual(call("d"), [1], "the called export trapped");
  t.deepEqual(call("e"), [1], "no export 9: the import threw");
  t.deepEqual(call("b"), [0]);
  t.throws(() => call("v"), { message: /host error/ }, "a v128 cannot cross into JavaScript");
});

test("our tiers' values agree exactly, or as NaNs of one class", (t) => {
  const notes = {};
  t.true(sameBits(ValType.I32, 5, 5, notes));
  t.false(sameBits(ValType.I32, 5, 6, notes));
  t.true(sameBits(ValType.F32, 0x7fc00000, 0xffc00000, notes), "canonical NaNs of either sign");
  t.false(sameBits(ValType.F32, 0x7fc00000, 0x7fc00001, notes), "canonical vs arithmetic");
  t.true(sameBits(ValType.F32, 0x7fc00001, 0xffc00100, notes), "two arithmetic NaNs");
  t.false(sameBits(ValType.F32, 0x7f800001, 0x7fc00001, notes), "signalling vs arithmetic");
  t.false(sameBits(ValType.F64, 0x7ff8000000000000n, 0x7ff0000000000000n, notes), "NaN vs infinity");
  t.false(sameBits(ValType.F32, f32ToBits(0), f32ToBits(-0), notes));
  t.false(sameBits(ValType.V128, new Uint8Array(16), new Uint8Array(16).fill(1), notes));
  t.is(nanClass32(0x7f800000), null);
  t.is(nanClass64(0xfff8000000000000n), "canonical");
  t.is(nanClass64(0x7ff4000000000000n), "signalling");
  t.deepEqual(notes, { "f32 NaN payloads differ within a class": 2 });
});

test("a difference between our tiers in results, logs or any memory is reported", async (t) => {
  const notes = {};
  t.regex(tierOutcomeDiff([ValType.I32], { kind: "values", values: [1] }, { kind: "values", values: [2] }, notes) ?? "", /returned \[1\] vs returned \[2\]/);
  t.regex(tierOutcomeDiff([], { kind: "trap", message: "unreachable" }, { kind: "values", values: [] }, notes) ?? "", /trap/);
  t.is(tierOutcomeDiff([], { kind: "trap", message: "unreachable" }, { kind: "trap", message: "unreachable" }, notes), null);
  t.regex(tierLogDiff([{ name: "log-i32", type: ValType.I32, value: 1 }], [], notes) ?? "", /host call 0 differs/);
  // An unexported memory: the tiers' comparison sees it all the same.
  const module = compileModule(await wat(`(module (memory 1))`), DEFAULT_FEATURES);
  const a = instantiate(new Store(), module, []), b = instantiate(new Store({ tier: "compiler" }), module, []);
  t.is(tierStateDiff(a, b, notes), null);
  (b.memories[0] as MemoryInstance).bytes[100] = 1;
  t.regex(tierStateDiff(a, b, notes) ?? "", /memory 0 differs \(65536 vs 65536 bytes, first at 100\)/);
});

test("against V8, results and logged values compare across JavaScript: any NaN equals any NaN, all else exactly", (t) => {
  t.is(v8OutcomeDiff([ValType.F32], { kind: "values", values: [0x7fc00001] }, { kind: "values", values: [NaN] }), null);
  t.regex(v8OutcomeDiff([ValType.F32], { kind: "values", values: [f32ToBits(1)] }, { kind: "values", values: [2] }) ?? "", /returned/);
  t.regex(v8OutcomeDiff([], { kind: "trap", message: "unreachable" }, { kind: "throw", message: "x" }) ?? "", /trap .* vs throw/);
  t.is(v8OutcomeDiff([], { kind: "trap", message: "unreachable" }, { kind: "trap", message: "unreachable executed" }), null, "V8 words its traps otherwise");
  const ours = [{ name: "log-i64", type: ValType.I64, value: -1n }];
  t.is(v8LogDiff(ours, [{ name: "log-i64", type: ValType.I64, value: -1n }]), null);
  t.regex(v8LogDiff(ours, [{ name: "log-i64", type: ValType.I64, value: 1n }]) ?? "", /host call 0 differs: log-i64\(-1n\) vs log-i64\(1n\)/);
  t.regex(v8LogDiff(ours, []) ?? "", /1 vs 0 calls/);
});

test("a module that differs from V8 only in NaN bits is a skip once binaryen's --denan makes it agree", async (t) => {
  // Seed 1 module 2766: f64x2.trunc of a NaN gives the canonical NaN in ours and the input's NaN in
  // V8; an i64.or of its bits is then logged as -75 by ours and -11 by V8. Both are allowed.
  const r = await runTtf({ opt: await opt(), seed: 1, first: 2766, count: 1, fuel: 1_000_000 });
  t.deepEqual(r.disagreements, []);
  t.is(r.skips["differs from V8 only in NaN bits (agrees once binaryen's --denan removes NaNs; the module stops there)"], 1);
});
