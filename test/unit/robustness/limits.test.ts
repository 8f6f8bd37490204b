/**
 * Issue 12, item 1: the JS API's implementation limits, at the limit and one
 * past it, with V8's own verdict on the same bytes where V8 agrees.
 */
import test, { type ExecutionContext } from "ava";
import * as C from "../../../capi/index.js";
import { compileModule, DecodeError, instantiate, Limit, Store, TABLE_SIZE_LIMIT, TableInstance, Trap, ValType } from "../../../impl/index.js";
import { append, body, functype, limits, module, name, section, Sec, T, u32, vec } from "../../helpers/binary.js";
import { env } from "../capi/helpers.js";

const V8 = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean; Module: new (b: Uint8Array) => unknown; Instance: new (m: unknown) => unknown } }).WebAssembly;

/** Our verdict: "ok", or the error's class and reason. */
function ours(bytes: Uint8Array): string {
  try {
    compileModule(bytes);
    return "ok";
  } catch (e) {
    if (e instanceof DecodeError) return `DecodeError: ${e.reason}`;
    throw e;
  }
}

/** Checks our verdict, and that V8 accepts or rejects the same bytes (unless `v8differs`). */
function verdict(t: ExecutionContext, bytes: Uint8Array, expected: string, v8differs = false): void {
  t.is(ours(bytes), expected);
  if (!v8differs) t.is(V8.validate(bytes), expected === "ok", `V8 agrees: ${expected}`);
}

/** A section whose vector count is `n`, padded with `n` zero bytes so the count passes the bounds check. */
function countOnly(id: number, n: number): number[] {
  const content = u32(n);
  const padded = new Uint8Array(content.length + n);
  padded.set(content);
  return section(id, padded);
}

const TYPE0 = section(Sec.Type, vec([functype([], [])]));

test("types: 1,000,000 accepted, 1,000,001 a DecodeError \"too many types\"", (t) => {
  const types = (n: number): Uint8Array => {
    const content = u32(n);
    for (let i = 0; i < n; i++) content.push(0x60, 0, 0);
    return module(section(Sec.Type, content));
  };
  verdict(t, types(Limit.Types), "ok");
  verdict(t, types(Limit.Types + 1), "DecodeError: too many types");
});

test("functions, globals, data and element segments, imports and exports: one past the limit is a DecodeError naming it", (t) => {
  verdict(t, module(TYPE0, countOnly(Sec.Func, Limit.Functions + 1)), "DecodeError: too many functions");
  verdict(t, module(countOnly(Sec.Global, Limit.Globals + 1)), "DecodeError: too many globals");
  verdict(t, module(countOnly(Sec.Data, Limit.DataSegments + 1)), "DecodeError: too many data segments");
  verdict(t, module(countOnly(Sec.Elem, Limit.ElementSegments + 1)), "DecodeError: too many element segments");
  verdict(t, module(countOnly(Sec.Import, Limit.Imports + 1)), "DecodeError: too many imports");
  verdict(t, module(countOnly(Sec.Export, Limit.Exports + 1)), "DecodeError: too many exports");
});

test("data segments: 100,000 accepted, 100,001 rejected", (t) => {
  const datas = (n: number): Uint8Array => {
    const content = u32(n);
    for (let i = 0; i < n; i++) content.push(0x01, 0x00); // passive, empty
    return module(section(Sec.Data, content));
  };
  verdict(t, datas(Limit.DataSegments), "ok");
  verdict(t, datas(Limit.DataSegments + 1), "DecodeError: too many data segments");
});

test("imports: 100,000 accepted by both; 1,000,000 is the JS API's limit now (V8 of Node 20 still stops at 100,000)", (t) => {
  const imports = (n: number): Uint8Array => {
    const items: number[][] = [];
    for (let i = 0; i < n; i++) items.push([...name(""), ...name("f"), 0x00, 0]);
    return module(TYPE0, section(Sec.Import, vec(items)));
  };
  verdict(t, imports(100_000), "ok");
  verdict(t, imports(100_001), "ok", true);
});

test("tables, imported and defined: 100,000 accepted, 100,001 rejected", (t) => {
  const tables = (imported: number, defined: number): Uint8Array => {
    const items: number[][] = [];
    for (let i = 0; i < imported; i++) items.push([...name(""), ...name("t"), 0x01, T.funcref, ...limits(1)]);
    const defs: number[][] = [];
    for (let i = 0; i < defined; i++) defs.push([T.funcref, ...limits(0)]);
    return module(section(Sec.Import, vec(items)), section(Sec.Table, vec(defs)));
  };
  verdict(t, tables(Limit.Tables, 0), "ok");
  // V8 of Node 20 reports this one as too many imports; the verdict is the same.
  verdict(t, tables(Limit.Tables + 1, 0), "DecodeError: too many tables");
  verdict(t, tables(Limit.Tables - 1, 2), "DecodeError: too many tables", true);
});

test("memories, imported and defined: 100 accepted, 101 rejected (the JS API's limit since multiple memories; V8 of Node 20 allows one)", (t) => {
  const memories = (imported: number, defined: number): Uint8Array => {
    const items: number[][] = [];
    for (let i = 0; i < imported; i++) items.push([...name(""), ...name("m"), 0x02, ...limits(0)]);
    const defs: number[][] = [];
    for (let i = 0; i < defined; i++) defs.push(limits(0));
    return module(section(Sec.Import, vec(items)), section(Sec.Memory, vec(defs)));
  };
  verdict(t, memories(60, 40), "ok", true);
  verdict(t, memories(Limit.Memories + 1, 0), "DecodeError: too many memories");
  verdict(t, memories(1, Limit.Memories), "DecodeError: too many memories");
});

test("parameters and results: 1,000 accepted, 1,001 rejected", (t) => {
  const params = (n: number): Uint8Array => module(section(Sec.Type, vec([functype(new Array<number>(n).fill(T.i32), [])])));
  const results = (n: number): Uint8Array => module(section(Sec.Type, vec([functype([], new Array<number>(n).fill(T.i32))])));
  verdict(t, params(Limit.Params), "ok");
  verdict(t, params(Limit.Params + 1), "DecodeError: too many parameters");
  verdict(t, results(Limit.Results), "ok");
  verdict(t, results(Limit.Results + 1), "DecodeError: too many results");
});

test("locals count the parameters: 1 + 49,999 accepted, 1 + 50,000 rejected", (t) => {
  const locals = (n: number): Uint8Array => module(
    section(Sec.Type, vec([functype([T.i32], [])])),
    section(Sec.Func, vec([[0]])),
    section(Sec.Code, append(u32(1), body([[n, T.i32]], []))),
  );
  verdict(t, locals(Limit.Locals - 1), "ok");
  verdict(t, locals(Limit.Locals), "DecodeError: too many locals");
});

test("function body size: 7,654,321 bytes accepted, one more rejected", (t) => {
  const sized = (size: number): Uint8Array => {
    // Body = local declarations (1 byte: none) + nops + end.
    const code = new Uint8Array(size - 2).fill(0x01);
    return module(TYPE0, section(Sec.Func, vec([[0]])), section(Sec.Code, append(u32(1), body([], code))));
  };
  verdict(t, sized(Limit.FunctionBodySize), "ok");
  verdict(t, sized(Limit.FunctionBodySize + 1), "DecodeError: function body too large");
});

test("(table 0xffffffff funcref) and (table 10000001 funcref) compile, and instantiate as a clean Trap at once, as V8 fails them (issue 12 item 1)", (t) => {
  for (const min of [0xffffffff, TABLE_SIZE_LIMIT + 1]) {
    const bytes = module(section(Sec.Table, vec([[T.funcref, ...limits(min)]])));
    verdict(t, bytes, "ok");
    const err = t.throws(() => instantiate(new Store(), compileModule(bytes), []));
    t.true(err instanceof Trap, String(err));
    t.regex(err!.message, /^out of memory: cannot allocate the table of \d+ elements: .*implementation limit of 10000000/);
    t.throws(() => new V8.Instance(new V8.Module(bytes)), { instanceOf: RangeError });
  }
  // A maximum past the limit is fine; growing past the limit fails.
  const table = new TableInstance({ elemType: ValType.FuncRef, limits: { min: 0, max: 0xffffffff } });
  t.is(table.grow(TABLE_SIZE_LIMIT + 1, null), -1);
  t.is(table.size, 0);
});

test("wasm_table_new past the table limit and wasm_memory_new past 65,536 pages return null", (t) => {
  const e = env();
  for (const min of [TABLE_SIZE_LIMIT + 1, 0xffffffff]) {
    const tt = C.wasm_tabletype_new(C.wasm_valtype_new(C.WASM_FUNCREF), { min, max: C.wasm_limits_max_default });
    t.is(C.wasm_table_new(e.store, tt, null), null);
    C.wasm_tabletype_delete(tt);
  }
  const mt = C.wasm_memorytype_new({ min: 65537, max: C.wasm_limits_max_default });
  t.is(C.wasm_memory_new(e.store, mt), null);
  C.wasm_memorytype_delete(mt);
  e.done();
});
