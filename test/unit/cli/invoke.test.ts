// Issue 13: `run --invoke NAME FILE ARGS...` parses ARGS by the export's parameter types and prints
// each result as `VALUE : TYPE` in the text syntax of constants, for every value type.
import test from "ava";
import { cli, Scratch } from "./cli.js";

const scratch = new Scratch();
test.after.always(() => scratch.remove());

const MODULE = `(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "mul64") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
  (func (export "addf32") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
  (func (export "idf32") (param f32) (result f32) (local.get 0))
  (func (export "idf64") (param f64) (result f64) (local.get 0))
  (func (export "divf64") (param f64 f64) (result f64) (f64.div (local.get 0) (local.get 1)))
  (func (export "idv128") (param v128) (result v128) (local.get 0))
  (func (export "addv128") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
  (func (export "three") (param i64 f32 f64) (result f64 f32 i64) (local.get 2) (local.get 1) (local.get 0))
  (func (export "isnull") (param externref funcref) (result i32)
    (i32.add (ref.is_null (local.get 0)) (ref.is_null (local.get 1))))
  (func (export "nulls") (result externref funcref) (ref.null extern) (ref.null func))
  (func (export "nothing"))
  (memory (export "mem") 1))`;

const file = scratch.module("values.wasm", MODULE);

async function invoke(name: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cli(["run", "--invoke", name, await file, ...args]);
}

const CASES: [name: string, args: string[], stdout: string | RegExp][] = [
  ["add", ["2", "3"], "5 : i32\n"],
  // Signed and unsigned ranges, hex and `_` separators; results print signed.
  ["add", ["-1", "0xffff_ffff"], "-2 : i32\n"],
  ["add", ["2147483647", "1"], "-2147483648 : i32\n"],
  ["mul64", ["0x7fffffffffffffff", "2"], "-2 : i64\n"],
  ["mul64", ["18446744073709551615", "-9_223_372_036_854_775_808"], "-9223372036854775808 : i64\n"],
  ["addf32", ["1.5", "0x1p-1"], "2 : f32\n"],
  // The shortest decimal that reads back as the same f32, not the f64 digits of the f32.
  ["idf32", ["0.1"], "0.1 : f32\n"],
  ["idf32", ["-inf"], "-inf : f32\n"],
  ["idf32", ["nan"], "nan : f32\n"],
  // A NaN payload survives the C API both ways (rule 16), sign included.
  ["idf32", ["-nan:0x1"], "-nan:0x1 : f32\n"],
  ["idf32", ["nan:0x200000"], "nan:0x200000 : f32\n"],
  ["idf64", ["0.1"], "0.1 : f64\n"],
  ["idf64", ["-0"], "-0 : f64\n"],
  ["idf64", ["0x1.8p3"], "12 : f64\n"],
  ["idf64", ["1e300"], "1e+300 : f64\n"],
  ["idf64", ["nan:0x4000000000001"], "nan:0x4000000000001 : f64\n"],
  ["divf64", ["1", "0"], "inf : f64\n"],
  // 0/0 is a canonical NaN whose sign the spec leaves open.
  ["divf64", ["0", "0"], /^-?nan : f64\n$/],
  ["idv128", ["i32x4 1 2 3 0xffffffff"], "i32x4 0x00000001 0x00000002 0x00000003 0xffffffff : v128\n"],
  ["idv128", ["0x0000000400000003_0000000200000001"], "i32x4 0x00000001 0x00000002 0x00000003 0x00000004 : v128\n"],
  ["idv128", ["i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 -1"], "i32x4 0x04030201 0x08070605 0x0c0b0a09 0xff0f0e0d : v128\n"],
  ["idv128", ["f32x4 1 -0 inf nan"], "i32x4 0x3f800000 0x80000000 0x7f800000 0x7fc00000 : v128\n"],
  ["addv128", ["i64x2 -1 1", "i32x4 1 0 1 0"], "i32x4 0x00000000 0xffffffff 0x00000002 0x00000000 : v128\n"],
  ["three", ["7", "2.5", "-3.25"], "-3.25 : f64\n2.5 : f32\n7 : i64\n"],
  ["isnull", ["null", "null"], "2 : i32\n"],
  ["nulls", [], "null : externref\nnull : funcref\n"],
  ["nothing", [], ""],
];

for (const [name, args, stdout] of CASES) {
  test(`--invoke ${name} ${args.map((a) => JSON.stringify(a)).join(" ")} prints ${typeof stdout === "string" ? JSON.stringify(stdout) : stdout}`, async (t) => {
    const r = await invoke(name, ...args);
    t.is(r.stderr, "");
    t.is(r.code, 0);
    if (typeof stdout === "string") t.is(r.stdout, stdout);
    else t.regex(r.stdout, stdout);
  });
}

const BAD_ARGUMENTS: [name: string, args: string[], says: RegExp][] = [
  ["add", ["1"], /'add' \(func \(param i32 i32\) \(result i32\)\) takes 2 argument\(s\), 1 given/],
  ["add", ["1", "2", "3"], /takes 2 argument\(s\), 3 given/],
  ["add", ["one", "2"], /argument 1 of 'add': 'one' is not a i32/],
  ["add", ["1", "0x100000000"], /argument 2 of 'add': '0x100000000' is not a i32/],
  ["add", ["1.5", "2"], /'1.5' is not a i32/],
  ["mul64", ["1", "18446744073709551616"], /is not a i64/],
  ["idf32", ["nan:0x800000"], /'nan:0x800000' is not a f32/],
  ["idf64", ["1.2.3"], /is not a f64/],
  ["idv128", ["i32x4 1 2 3"], /is not a v128/],
  ["isnull", ["0", "null"], /'0' is not a externref: expected null/],
];

for (const [name, args, says] of BAD_ARGUMENTS) {
  test(`--invoke ${name} ${args.join(" ")} is a usage error (exit 2)`, async (t) => {
    const r = await invoke(name, ...args);
    t.is(r.code, 2);
    t.is(r.stdout, "");
    t.regex(r.stderr, says);
    t.regex(r.stderr, /Run 'wasm-c-api-ts run --help' for usage\./);
  });
}

test("--invoke of a missing export fails (exit 1) and lists the exported functions", async (t) => {
  const r = await invoke("sub", "1", "2");
  t.is(r.code, 1);
  t.regex(r.stderr, /no export named 'sub' \(exported functions: add, mul64, addf32, idf32, idf64, divf64, idv128, addv128, three, isnull, nulls, nothing\)/);
});

test("--invoke of an export that is not a function fails (exit 1)", async (t) => {
  const r = await invoke("mem");
  t.is(r.code, 1);
  t.regex(r.stderr, /the export 'mem' is not a function/);
});

test("--invoke calls _initialize first when the module exports it (a WASI reactor)", async (t) => {
  const reactor = await scratch.module("reactor.wasm", `(module
    (global $ready (mut i32) (i32.const 0))
    (func (export "_initialize") (global.set $ready (i32.const 40)))
    (func (export "get") (result i32) (i32.add (global.get $ready) (i32.const 2))))`);
  const r = await cli(["run", "--invoke", "get", reactor]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, "42 : i32\n");
});
