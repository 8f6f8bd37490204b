// Issue 13: the command line's help, version and usage errors (exit 2, with a pointer to --help).
import test from "ava";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, ROOT, Scratch } from "./cli.js";

const scratch = new Scratch();
test.after.always(() => scratch.remove());

test("--help and help list the commands on stdout, exit 0", async (t) => {
  for (const args of [["--help"], ["-h"], ["help"]]) {
    const r = await cli(args);
    t.is(r.code, 0, args.join(" "));
    t.regex(r.stdout, /^Usage: wasm-c-api-ts COMMAND/);
    for (const command of ["run", "validate", "inspect"]) t.regex(r.stdout, new RegExp(`^  ${command} +\\S`, "m"));
    t.is(r.stderr, "");
  }
});

for (const command of ["run", "validate", "inspect"]) {
  test(`${command} --help, and help ${command}, print the command's usage and options`, async (t) => {
    const a = await cli([command, "--help"]);
    const b = await cli(["help", command]);
    const c = await cli([command, "-h"]);
    t.is(a.code, 0);
    t.is(a.stdout, b.stdout);
    t.is(a.stdout, c.stdout);
    t.regex(a.stdout, new RegExp(`^Usage: wasm-c-api-ts ${command} \\[OPTIONS\\] FILE`));
    t.regex(a.stdout, /--help/);
  });
}

test("run --help documents every option and the exit codes", async (t) => {
  const r = await cli(["run", "--help"]);
  for (const option of ["--invoke NAME", "--dir HOST[::GUEST]", "--env NAME[=VALUE]", "--inherit-env", "--argv0 NAME", "--fuel N", "--timeout MS"]) {
    t.true(r.stdout.includes(`  ${option} `), option);
  }
  t.regex(r.stdout, /134/);
});

test("--version prints the package's version", async (t) => {
  const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  for (const flag of ["--version", "-V"]) {
    const r = await cli([flag]);
    t.is(r.code, 0);
    t.is(r.stdout, `wasm-c-api-ts ${version}\n`);
  }
});

test("no arguments: the help on stderr, exit 2", async (t) => {
  const r = await cli([]);
  t.is(r.code, 2);
  t.is(r.stdout, "");
  t.regex(r.stderr, /^Usage: wasm-c-api-ts COMMAND/);
});

const USAGE_ERRORS: [args: string[], says: RegExp][] = [
  [["frobnicate"], /unknown command 'frobnicate'/],
  [["--frobnicate"], /unknown option '--frobnicate'/],
  [["help", "frobnicate"], /help: unknown command 'frobnicate'/],
  [["run"], /run: no FILE given/],
  [["run", "--invoke"], /option '--invoke' needs a value/],
  [["run", "--inherit-env=yes", "x.wasm"], /option '--inherit-env' takes no value/],
  [["run", "--argv0", "a", "--argv0", "b", "x.wasm"], /option '--argv0' given twice/],
  [["run", "--dir", "::guest", "x.wasm"], /--dir needs HOST or HOST::GUEST, got '::guest'/],
  [["run", "--env", "=v", "x.wasm"], /--env needs NAME=VALUE or NAME/],
  [["run", "-x", "x.wasm"], /unknown option '-x'/],
  [["validate"], /validate: no FILE given/],
  [["validate", "a.wasm", "b.wasm"], /validate: only one FILE/],
  [["inspect"], /inspect: no FILE given/],
];

for (const [args, says] of USAGE_ERRORS) {
  test(`usage error: ${args.join(" ") || "(none)"}`, async (t) => {
    const r = await cli(args);
    t.is(r.code, 2);
    t.is(r.stdout, "");
    t.regex(r.stderr, says);
    t.regex(r.stderr, /Run 'wasm-c-api-ts (\w+ )?--help' for usage\.\n$/);
  });
}

test("the words after FILE belong to the program, options included", async (t) => {
  const file = await scratch.module("echo.wasm", `(module (func (export "f") (param i32) (result i32) (local.get 0)))`);
  // --help after FILE is an argument of the invoked function, not a request for help.
  const r = await cli(["run", "--invoke", "f", file, "--help"]);
  t.is(r.code, 2);
  t.regex(r.stderr, /'--help' is not a i32/);
  // `--` ends the options, so a file may start with a dash.
  const dashed = scratch.file("-dash.wasm", new Uint8Array(0));
  const d = await cli(["validate", "--", dashed]);
  t.is(d.code, 1);
  t.regex(d.stderr, /-dash\.wasm: /);
});

test("wasm-c-api-ts FILE is short for wasm-c-api-ts run FILE", async (t) => {
  const file = await scratch.module("short.wasm", `(module (func (export "f") (param i32) (result i32) (local.get 0)))`);
  const r = await cli([file, "--invoke", "f"]);
  // Options of run come before FILE, so here --invoke is the program's; the module has no _start.
  t.is(r.code, 0, r.stderr);
  const s = await cli(["--invoke", "f", file, "5"]);
  t.is(s.code, 2, "an option first is the tool's, and --invoke is not one of them");
  const u = await cli(["run", "--invoke", "f", file, "5"]);
  t.is(u.stdout, "5 : i32\n");
});
