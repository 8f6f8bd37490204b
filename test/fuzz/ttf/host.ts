/**
 * The imports of binaryen's fuzz modules, given to our engine and to V8 with
 * the same behaviour, so that whatever a module does through them must come
 * out the same in both. binaryen's own fuzz shell defines these names; the
 * behaviour here is ours, chosen to be the same on both sides of the
 * comparison (each function is written once per side because the two take
 * values in different forms: raw bits in ours, JavaScript values in V8):
 *
 * - `log-i32`, `log-i64`, `log-f32`, `log-f64`: record the call (name, value).
 * - `log-v128`, and any call whose signature has a v128 or an exnref: throw,
 *   as V8 does when such a value would cross into JavaScript.
 * - `call-export(i, flags)`: calls the module's `i`-th exported function with
 *   zero arguments (results dropped); a trap or a throw goes on out.
 *   `call-export-catch(i)`: the same, giving 1 when it threw and 0 when not.
 * - `call-ref(f, flags)`, `call-ref-catch(f)`: the same for a function reference.
 * - `table-get(i)`, `table-set(i, f)`: the module's first exported table.
 * - `sleep(ms, id)`: gives `id` back. `throw(x)`: throws.
 * - Imported globals get a fixed value per type (an externref is one shared
 *   host object); imported tags a fresh tag (tiers only: V8 of Node 20 cannot
 *   compile modules with `exnref`).
 *
 * A catching import never swallows an exhausted stack or spent fuel: those
 * depend on the engine's limits, not on the module, so they go on out and
 * the call is classified as a skip.
 * @module
 */
import {
  defaultValue, ExternKind, FuncInstance, GlobalInstance, TableInstance, TagInstance, Trap, TrapMessage, ValType,
  type Extern, type FuncType, type Module, type ModuleInstance, type RawValue,
} from "../../../impl/index.js";
import { funcTypeAt, invoke } from "../../../impl/index.js";
import { isV8Exhaustion, type V8WebAssembly } from "../differential.js";

/** What a host import throws: a JavaScript exception, the same one in every engine. */
export class HostThrow extends Error {
  override name = "HostThrow";
}

/** One call of a logging import: its name and the value, raw in ours, a JavaScript value in V8. */
export interface LogEntry {
  readonly name: string;
  readonly type: ValType;
  readonly value: unknown;
}

/** The one externref value the host gives (identity is kept across engines, as JavaScript values are). */
export const HOST_EXTERN = Object.freeze({ fuzz: "extern" });

const LOG_TYPES: Readonly<Record<string, ValType>> = {
  "log-i32": ValType.I32, "log-i64": ValType.I64, "log-f32": ValType.F32, "log-f64": ValType.F64,
};

/** Facts about a module that both sides' imports read: the same for every engine. */
export class ModulePlan {
  /** The exported functions, in export order (what `call-export`'s index counts). */
  readonly funcExports: { readonly name: string; readonly type: FuncType }[] = [];
  /** The first exported table (what `table-get` and `table-set` reach), or null. */
  readonly table: { readonly name: string; readonly elemType: ValType } | null = null;
  constructor(readonly module: Module) {
    for (const e of module.exports) {
      if (e.kind === ExternKind.Func) this.funcExports.push({ name: e.name, type: this.funcType(e.index) });
      if (e.kind === ExternKind.Table && this.table === null) {
        const t = e.index < module.importedTables ? tableImportType(module, e.index) : module.tables[e.index - module.importedTables]!.elemType;
        this.table = { name: e.name, elemType: t };
      }
    }
  }

  /** The type of function `index` of the module's function index space. */
  funcType(index: number): FuncType {
    const m = this.module;
    if (index < m.importedFuncs) {
      const imp = m.imports.filter((i) => i.desc.kind === ExternKind.Func)[index]!;
      return funcTypeAt(m.types, (imp.desc as { typeIndex: number }).typeIndex);
    }
    return funcTypeAt(m.types, m.funcs[index - m.importedFuncs]!);
  }
}

function tableImportType(m: Module, index: number): ValType {
  const imp = m.imports.filter((i) => i.desc.kind === ExternKind.Table)[index]!;
  return (imp.desc as { type: { elemType: ValType } }).type.elemType;
}

/** Whether a call with this signature can cross V8's JavaScript boundary (no v128, no exnref). */
export function crossesJs(t: FuncType): boolean {
  const ok = (v: ValType): boolean => v !== ValType.V128 && v !== ValType.ExnRef;
  return t.params.every(ok) && t.results.every(ok);
}

/** The value an imported global of type `t` gets, raw (ours); V8 gets the same value as JavaScript. */
function globalValue(t: ValType): RawValue {
  switch (t) {
    case ValType.I32: return 0x2a2a;
    case ValType.I64: return -0x2a2a2a2a2an;
    case ValType.F32: return 0x3fc00000; // 1.5
    case ValType.F64: return 0xc004000000000000n; // -2.5
    case ValType.ExternRef: return HOST_EXTERN;
    default: return defaultValue(t);
  }
}

/** True when `e` means an engine limit was reached (not something the module decided). */
export function isOurExhaustion(e: unknown): boolean {
  return e instanceof Trap && (e.message.startsWith(TrapMessage.OutOfFuel) || e.message.startsWith(TrapMessage.CallStackExhausted));
}

/** The state our imports need: the log, and the instance once made. */
export interface OurHostContext {
  readonly log: LogEntry[];
  instance: ModuleInstance | null;
}

/**
 * Our engine's externs for the module's imports, in order; a string (why)
 * when an import is not one the fuzz shell provides.
 */
export function ourImports(plan: ModulePlan, ctx: OurHostContext): Extern[] | string {
  const m = plan.module;
  const externs: Extern[] = [];
  const exportFunc = (i: number): FuncInstance => {
    const e = plan.funcExports[i >>> 0];
    if (e === undefined || ctx.instance === null) throw new HostThrow(`no exported function ${i >>> 0}`);
    return ctx.instance.export(e.name) as FuncInstance;
  };
  const callDefault = (f: unknown): void => {
    if (f === null) throw new HostThrow("call of a null reference");
    const func = f as FuncInstance;
    if (!crossesJs(func.type)) throw new HostThrow("v128 or exnref at the JavaScript boundary");
    invoke(func, func.type.params.map((t) => defaultValue(t)));
  };
  const catching = (run: () => void): number => {
    try { run(); } catch (e) {
      if (isOurExhaustion(e) || isV8Exhaustion(e)) throw e;
      return 1;
    }
    return 0;
  };
  const table = (): TableInstance => {
    if (plan.table === null || ctx.instance === null || plan.table.elemType !== ValType.FuncRef) throw new HostThrow("no funcref table");
    return ctx.instance.export(plan.table.name) as TableInstance;
  };
  for (const imp of m.imports) {
    const d = imp.desc;
    if (d.kind === ExternKind.Global && imp.module === "__fuzz_import") {
      externs.push(new GlobalInstance(d.type, globalValue(d.type.valType)));
      continue;
    }
    if (d.kind === ExternKind.Tag && imp.module === "fuzzing-support") {
      externs.push(new TagInstance({ type: funcTypeAt(m.types, d.typeIndex) }));
      continue;
    }
    if (d.kind !== ExternKind.Func || imp.module !== "fuzzing-support") return `import ${imp.module}.${imp.name}`;
    const type = funcTypeAt(m.types, d.typeIndex);
    const name = imp.name;
    let host: (args: RawValue[]) => RawValue[];
    if (!crossesJs(type)) {
      host = () => { throw new HostThrow("v128 or exnref at the JavaScript boundary"); };
    } else if (name in LOG_TYPES) {
      const t = LOG_TYPES[name]!;
      host = (args) => { ctx.log.push({ name, type: t, value: args[0] }); return []; };
    } else if (name === "call-export") {
      host = (args) => { callDefault(exportFunc(args[0] as number)); return []; };
    } else if (name === "call-export-catch") {
      host = (args) => [catching(() => callDefault(exportFunc(args[0] as number)))];
    } else if (name === "call-ref") {
      host = (args) => { callDefault(args[0]); return []; };
    } else if (name === "call-ref-catch") {
      host = (args) => [catching(() => callDefault(args[0]))];
    } else if (name === "table-get") {
      host = (args) => {
        const t = table(), i = (args[0] as number) >>> 0;
        if (i >= t.size) throw new HostThrow("table index out of range");
        return [t.elements[i]];
      };
    } else if (name === "table-set") {
      host = (args) => {
        const t = table(), i = (args[0] as number) >>> 0;
        if (i >= t.size) throw new HostThrow("table index out of range");
        t.elements[i] = args[1];
        return [];
      };
    } else if (name === "sleep") {
      host = (args) => [args[1]];
    } else if (name === "throw") {
      host = () => { throw new HostThrow("thrown by the host"); };
    } else {
      return `import ${imp.module}.${imp.name}`;
    }
    if (!sameSignature(type, name)) return `import ${imp.module}.${imp.name} of an unexpected type`;
    externs.push(new FuncInstance(type, null, -1, host));
  }
  return externs;
}

/** The signature each fuzz-shell function must have for the behaviour above to fit it. */
const SIGNATURES: Readonly<Record<string, string>> = {
  "log-i32": "7f:", "log-i64": "7e:", "log-f32": "7d:", "log-f64": "7c:", "log-v128": "7b:",
  "call-export": "7f,7f:", "call-export-catch": "7f:7f", "call-ref": "70,7f:", "call-ref-catch": "70:7f",
  "table-get": "7f:70", "table-set": "7f,70:", "sleep": "7f,7f:7f", "throw": "7f:",
};

function sameSignature(t: FuncType, name: string): boolean {
  const sig = `${t.params.map((v) => v.toString(16)).join(",")}:${t.results.map((v) => v.toString(16)).join(",")}`;
  return SIGNATURES[name] === sig;
}

/** The little of V8's `WebAssembly` that the host side uses. */
type V8Api = Pick<V8WebAssembly, "Global" | "Tag">;

const V8_TYPE_NAMES: Partial<Record<ValType, string>> = {
  [ValType.I32]: "i32", [ValType.I64]: "i64", [ValType.F32]: "f32", [ValType.F64]: "f64",
  [ValType.FuncRef]: "anyfunc", [ValType.ExternRef]: "externref",
};

/** Our raw value as the JavaScript value V8 takes or gives for type `t`. */
export function toJs(t: ValType, v: RawValue): unknown {
  switch (t) {
    case ValType.F32: { const f = new Float32Array(new Uint32Array([v as number]).buffer)[0]; return f; }
    case ValType.F64: return new Float64Array(new BigUint64Array([v as bigint]).buffer)[0];
    default: return v;
  }
}

/** The zero argument of type `t` for V8 (i64 takes a BigInt, references null). */
function v8Default(t: ValType): unknown {
  return t === ValType.I64 ? 0n : t === ValType.FuncRef || t === ValType.ExternRef ? null : 0;
}

/** The state V8's imports need: the log, and the instance's exports once made. */
export interface V8HostContext {
  readonly log: LogEntry[];
  exports: Record<string, unknown> | null;
}

/**
 * V8's import object for the module, behaving as {@link ourImports} does; a
 * string (why) when an import cannot be given to V8 (a v128 global).
 */
export function v8Imports(plan: ModulePlan, ctx: V8HostContext, api: V8Api): Record<string, Record<string, unknown>> | string {
  const m = plan.module;
  const out: Record<string, Record<string, unknown>> = {};
  const put = (mod: string, name: string, v: unknown): void => { (out[mod] ??= {})[name] = v; };
  // A function V8 hands to JavaScript carries its function index as its name.
  const typeOf = (f: unknown): FuncType | null => {
    const n = Number((f as { name?: unknown }).name);
    return Number.isInteger(n) && n >= 0 ? plan.funcType(n) : null;
  };
  const callDefault = (f: unknown, type: FuncType | null): void => {
    if (f === null) throw new HostThrow("call of a null reference");
    if (type === null) throw new Error(`a function reference whose index V8 does not give: ${String((f as { name?: unknown }).name)}`);
    // A v128 or exnref signature: V8 itself throws a TypeError here; we throw first, the same way ours does.
    if (!crossesJs(type)) throw new HostThrow("v128 or exnref at the JavaScript boundary");
    (f as (...a: unknown[]) => unknown)(...type.params.map(v8Default));
  };
  const exportFunc = (i: number): [unknown, FuncType] => {
    const e = plan.funcExports[i >>> 0];
    if (e === undefined || ctx.exports === null) throw new HostThrow(`no exported function ${i >>> 0}`);
    return [ctx.exports[e.name], e.type];
  };
  const catching = (run: () => void): number => {
    try { run(); } catch (e) {
      if (isV8Exhaustion(e)) throw e;
      return 1;
    }
    return 0;
  };
  const table = (): { get(i: number): unknown; set(i: number, v: unknown): void; length: number } => {
    if (plan.table === null || ctx.exports === null || plan.table.elemType !== ValType.FuncRef) throw new HostThrow("no funcref table");
    return ctx.exports[plan.table.name] as { get(i: number): unknown; set(i: number, v: unknown): void; length: number };
  };
  for (const imp of m.imports) {
    const d = imp.desc;
    if (d.kind === ExternKind.Global && imp.module === "__fuzz_import") {
      const t = d.type.valType;
      const name = V8_TYPE_NAMES[t];
      if (name === undefined) return `a ${t === ValType.V128 ? "v128" : "exnref"} global import`;
      put(imp.module, imp.name, new api.Global({ value: name, mutable: d.type.mutable }, toJs(t, globalValue(t))));
      continue;
    }
    if (d.kind === ExternKind.Tag && imp.module === "fuzzing-support") {
      if (api.Tag === undefined) return "a tag import";
      const params = funcTypeAt(m.types, d.typeIndex).params.map((t) => V8_TYPE_NAMES[t]);
      if (params.some((p) => p === undefined)) return "a tag import with a v128 or exnref";
      put(imp.module, imp.name, new api.Tag({ parameters: params as string[] }));
      continue;
    }
    if (d.kind !== ExternKind.Func || imp.module !== "fuzzing-support") return `import ${imp.module}.${imp.name}`;
    const type = funcTypeAt(m.types, d.typeIndex);
    const name = imp.name;
    if (!sameSignature(type, name)) return `import ${imp.module}.${imp.name} of an unexpected type`;
    let f: (...args: unknown[]) => unknown;
    if (!crossesJs(type)) {
      f = () => { throw new HostThrow("v128 or exnref at the JavaScript boundary"); };
    } else if (name in LOG_TYPES) {
      const t = LOG_TYPES[name]!;
      f = (v) => { ctx.log.push({ name, type: t, value: v }); };
    } else if (name === "call-export") {
      f = (i) => { const [fn, t] = exportFunc(i as number); callDefault(fn, t); };
    } else if (name === "call-export-catch") {
      f = (i) => catching(() => { const [fn, t] = exportFunc(i as number); callDefault(fn, t); });
    } else if (name === "call-ref") {
      f = (r) => { callDefault(r, r === null ? null : typeOf(r)); };
    } else if (name === "call-ref-catch") {
      f = (r) => catching(() => callDefault(r, r === null ? null : typeOf(r)));
    } else if (name === "table-get") {
      f = (i) => {
        const t = table(), k = (i as number) >>> 0;
        if (k >= t.length) throw new HostThrow("table index out of range");
        return t.get(k);
      };
    } else if (name === "table-set") {
      f = (i, v) => {
        const t = table(), k = (i as number) >>> 0;
        if (k >= t.length) throw new HostThrow("table index out of range");
        t.set(k, v);
      };
    } else if (name === "sleep") {
      f = (_ms, id) => id;
    } else if (name === "throw") {
      f = () => { throw new HostThrow("thrown by the host"); };
    } else {
      return `import ${imp.module}.${imp.name}`;
    }
    put(imp.module, imp.name, f);
  }
  return out;
}
