/**
 * Issue 12, item 4: lowering never spreads a module-sized array into a call,
 * so a valid function with a huge `br_table` or many results runs.
 */
import test from "ava";
import { compileModule, FuncInstance, instantiate, invoke, Store } from "../../../impl/index.js";
import { append, body, functype, module, name, s32, section, Sec, T, u32, vec } from "../../helpers/binary.js";

// Issue 12 reported 200,000; a million also overflows the 4 MB stack of ava's worker threads, where 200,000
// spread arguments still fit, so the test fails without the fix in every runner.
const TARGETS = 1_000_000;

/** `(func (param i32) (result i32))` whose br_table has 1,000,000 targets: target j is label 1 when j % 3 == 0, else 0; default 1. */
function brTableModule(): Uint8Array {
  const code: number[] = [0x02, 0x40, 0x02, 0x40, 0x20, 0x00, 0x0e];
  append(code, u32(TARGETS));
  for (let j = 0; j < TARGETS; j++) code.push(j % 3 === 0 ? 1 : 0);
  code.push(0x01); // default: label 1
  code.push(0x0b, 0x41, ...s32(10), 0x0f, 0x0b, 0x41, ...s32(20));
  return module(
    section(Sec.Type, vec([functype([T.i32], [T.i32])])),
    section(Sec.Func, vec([[0]])),
    section(Sec.Export, vec([[...name("f"), 0x00, 0]])),
    section(Sec.Code, append(u32(1), body([], code))),
  );
}

test("a function with a 1,000,000-target br_table runs and branches right (issue 12 item 4)", (t) => {
  const bytes = brTableModule();
  const f = instantiate(new Store(), compileModule(bytes), []).export("f") as FuncInstance;
  // (V8 refuses the module: it caps br_table at 65,520 targets, a limit the JS API spec does not have.)
  for (const i of [0, 1, 2, 3, 99_999, 150_000, 777_777, TARGETS - 1, TARGETS, TARGETS + 5, -1]) {
    const expected = i >>> 0 >= TARGETS || i % 3 === 0 ? 20 : 10;
    t.deepEqual(invoke(f, [i]), [expected], `index ${i}`);
  }
});

test("a function returning 1,000 values (the JS API's limit) returns them all (issue 12 item 4)", (t) => {
  const n = 1000;
  const code: number[] = [];
  for (let j = 0; j < n; j++) code.push(0x41, ...s32(j * 7));
  const bytes = module(
    section(Sec.Type, vec([functype([], new Array<number>(n).fill(T.i32))])),
    section(Sec.Func, vec([[0]])),
    section(Sec.Export, vec([[...name("f"), 0x00, 0]])),
    section(Sec.Code, append(u32(1), body([], code))),
  );
  const f = instantiate(new Store(), compileModule(bytes), []).export("f") as FuncInstance;
  const out = invoke(f, []);
  t.is(out.length, n);
  t.true(out.every((v, j) => v === j * 7));
});
