// Issue 13: `inspect FILE` prints the imports and exports with their types in the text syntax, read
// through wasm_module_imports/exports and the type functions of the C API.
import test from "ava";
import { cli, Scratch } from "./cli.js";

const scratch = new Scratch();
test.after.always(() => scratch.remove());

test("inspect prints every kind of import and export, in order, in the text syntax", async (t) => {
  const file = await scratch.module("kinds.wasm", `(module
    (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
    (import "env" "g" (global (mut i64)))
    (import "env" "c" (global f32))
    (import "env" "t" (table 2 10 funcref))
    (import "env" "m" (memory 1 2))
    (import "env" "e" (tag (param i32 f64)))
    (func (export "_start"))
    (func (export "pair") (param v128 externref) (result f64 funcref) (f64.const 0) (ref.null func))
    (export "memory" (memory 0))
    (table (export "refs") 0 externref)
    (global (export "counter") (mut i32) (i32.const 0))
    (tag (export "oops"))
    (export "imported \\"g\\"" (global 0)))`);
  const r = await cli(["inspect", file]);
  t.is(r.stderr, "");
  t.is(r.code, 0);
  t.is(r.stdout, [
    `(import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))`,
    `(import "env" "g" (global (mut i64)))`,
    `(import "env" "c" (global f32))`,
    `(import "env" "t" (table 2 10 funcref))`,
    `(import "env" "m" (memory 1 2))`,
    `(import "env" "e" (tag (param i32 f64)))`,
    `(export "_start" (func))`,
    `(export "pair" (func (param v128 externref) (result f64 funcref)))`,
    `(export "memory" (memory 1 2))`,
    `(export "refs" (table 0 externref))`,
    `(export "counter" (global (mut i32)))`,
    `(export "oops" (tag))`,
    `(export "imported \\"g\\"" (global (mut i64)))`,
    "",
  ].join("\n"));
});

test("inspect of a module with neither imports nor exports prints nothing", async (t) => {
  const r = await cli(["inspect", await scratch.module("empty.wasm", "(module)")]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, "");
});

test("inspect of a malformed module fails with the byte offset (exit 1)", async (t) => {
  const file = scratch.file("short.wasm", new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01]));
  const r = await cli(["inspect", file]);
  t.is(r.code, 1);
  t.is(r.stdout, "");
  t.regex(r.stderr, /short\.wasm: .*byte offset 0x[0-9a-f]+/);
});
