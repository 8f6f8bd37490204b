/**
 * Differential fuzzing beyond validation: mutants of the spec suite's valid
 * modules that both engines accept are instantiated in our engine and in V8's
 * own WebAssembly, in the same process, and their exported functions called
 * with boundary arguments. Both must agree on the verdict of validation and
 * instantiation, on trapping or not, on results, and on the exported
 * memories' and globals' contents after every call.
 *
 * Our engine runs first, under a fuel budget: a call that exhausts it (a
 * mutant that loops) is never given to V8, which cannot be interrupted.
 * @module
 */
import {
  compileModule, ExternKind, f32FromBits, f64FromBits, f64ToBits, f32ToBits, GlobalInstance, instantiate, invoke,
  MemoryInstance, Store, Trap, TrapMessage, ValType, type FuncInstance, type ModuleInstance, type RawValue,
} from "../../impl/index.js";
import { DEFAULT_FEATURES } from "../../impl/index.js";
import { mutate, MUTATIONS, Rng } from "../unit/fuzz/mutate.js";
import type { Seed } from "../unit/fuzz/corpus.js";

/** The little of V8's own WebAssembly API the fuzzer uses (the Node typings do not declare it). */
export interface V8Memory { readonly buffer: ArrayBuffer }
export interface V8Global { readonly value: unknown }
export interface V8Instance { readonly exports: Record<string, unknown> }
export interface V8WebAssembly {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => V8Instance;
  Global: new (descriptor: { value: string; mutable: boolean }, value: unknown) => object;
  Tag?: new (descriptor: { parameters: string[] }) => object;
  RuntimeError: new (message?: string) => Error;
}
/** V8's own `WebAssembly`. */
export const V8Wasm = (globalThis as unknown as { WebAssembly: V8WebAssembly }).WebAssembly;

/** How work is limited in our engine, so that a mutant that loops is stopped. */
export interface Budget {
  /** A store whose work can be limited. */
  makeStore(): Store;
  /** Gives `store` a fresh budget before a call (or an instantiation). */
  arm(store: Store): void;
  /** True when `e` is the trap for a spent budget. */
  isSpent(e: unknown): boolean;
}

/** What a run found. */
export interface DifferentialReport {
  /** Mutants made. */
  mutants: number;
  /** Mutants valid in both engines (the rest are counted by verdict). */
  validInBoth: number;
  invalidInBoth: number;
  /** Modules instantiated in both (or failing to in both). */
  instantiated: number;
  /** Calls compared. */
  calls: number;
  /** Calls and instantiations on which both engines agreed. */
  agreements: number;
  /** Skips by reason (a call or module not compared, and why). */
  skips: Record<string, number>;
  /** Disagreements, each with what reproduces it (capped). */
  disagreements: string[];
  /** How many disagreements there were in all. */
  disagreementCount: number;
}

/** Options of a run. */
export interface DifferentialOptions {
  readonly seeds: readonly Seed[];
  readonly count: number;
  readonly rngSeed: number;
  readonly budget: Budget;
  /** Most mutations applied to a seed (0 runs the seeds themselves); 2 when absent. */
  readonly maxMutations?: number;
  /** Calls per exported function, each with other arguments. */
  readonly callsPerExport?: number;
}

const I32_EDGES = [0, 1, -1, 2, 7, 0x7fffffff, -0x80000000, 0xffff, 0x10000, 65535 * 65536 | 0, 100, 65536 - 4];
const I64_EDGES = [0n, 1n, -1n, 0x7fffffffffffffffn, -0x8000000000000000n, 0xffffffffn, 0x100000000n, 63n, 64n];
const F64_EDGES = [0, -0, 1, -1, 0.5, Infinity, -Infinity, NaN, 2 ** 31, -(2 ** 63), 2 ** 64, 1e-310, 3.4e38];

type Outcome =
  | { readonly kind: "values"; readonly values: readonly RawValue[] }
  | { readonly kind: "trap"; readonly message: string };

/** Our raw argument and V8's JavaScript argument for a parameter type, or null when V8 cannot take one. */
export function argument(rng: Rng, t: ValType): { ours: RawValue; v8: unknown } | null {
  switch (t) {
    case ValType.I32: {
      const v = rng.below(4) === 0 ? rng.u32() | 0 : rng.pick(I32_EDGES);
      return { ours: v, v8: v };
    }
    case ValType.I64: {
      const v = rng.below(4) === 0 ? BigInt.asIntN(64, (BigInt(rng.u32()) << 32n) | BigInt(rng.u32())) : rng.pick(I64_EDGES);
      return { ours: v, v8: v };
    }
    case ValType.F32: {
      const v = Math.fround(rng.pick(F64_EDGES));
      return { ours: f32ToBits(v), v8: v };
    }
    case ValType.F64: {
      const v = rng.pick(F64_EDGES);
      return { ours: f64ToBits(v), v8: v };
    }
    case ValType.FuncRef:
    case ValType.ExternRef:
      return { ours: null, v8: null };
    default:
      return null; // v128 and exnref cannot cross V8's JavaScript boundary
  }
}

/** Whether our raw result equals V8's JavaScript result (any NaN equals any NaN: payloads are not portable). */
export function sameValue(t: ValType, ours: RawValue, v8: unknown): boolean {
  switch (t) {
    // An integer can carry a NaN's bits (a reinterpret of an arithmetic result), whose payload and
    // sign the spec leaves to the engine: two NaN patterns count as the same.
    case ValType.I32: return ours === v8 || (isNaNBits32(ours as number) && isNaNBits32(v8 as number));
    case ValType.I64: return ours === v8 || (isNaNBits64(ours as bigint) && isNaNBits64(v8 as bigint));
    case ValType.F32: {
      const a = f32FromBits(ours as number);
      return Number.isNaN(a) ? Number.isNaN(v8) : Object.is(a, v8);
    }
    case ValType.F64: {
      const a = f64FromBits(ours as bigint);
      return Number.isNaN(a) ? Number.isNaN(v8) : Object.is(a, v8);
    }
    default: return (ours === null) === (v8 === null);
  }
}

function isNaNBits32(bits: number): boolean {
  return ((bits >>> 23) & 0xff) === 0xff && (bits & 0x7fffff) !== 0;
}

function isNaNBits64(bits: bigint): boolean {
  return ((bits >> 52n) & 0x7ffn) === 0x7ffn && (bits & 0xfffffffffffffn) !== 0n;
}

/**
 * Whether two memories hold the same bytes, where a differing aligned word
 * that is a NaN in both (as f32, or its aligned 8 bytes as f64) counts as the
 * same: the spec lets engines choose NaN payloads and signs of arithmetic NaNs.
 */
export function sameMemory(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  const fa = new DataView(a.buffer, a.byteOffset, a.byteLength);
  const fb = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const w4 = i & ~3, w8 = i & ~7;
    const nan32 = w4 + 4 <= a.length && Number.isNaN(fa.getFloat32(w4, true)) && Number.isNaN(fb.getFloat32(w4, true));
    const nan64 = w8 + 8 <= a.length && Number.isNaN(fa.getFloat64(w8, true)) && Number.isNaN(fb.getFloat64(w8, true));
    // Unaligned NaN stores are possible too: accept a NaN at any start covering the byte.
    let nanAny = nan32 || nan64;
    for (let s = Math.max(0, i - 7); !nanAny && s <= i; s++) {
      if (s + 4 <= a.length && s + 4 > i && Number.isNaN(fa.getFloat32(s, true)) && Number.isNaN(fb.getFloat32(s, true))) nanAny = true;
      if (s + 8 <= a.length && Number.isNaN(fa.getFloat64(s, true)) && Number.isNaN(fb.getFloat64(s, true))) nanAny = true;
    }
    if (!nanAny) return false;
  }
  return true;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/** Runs `count` mutants through both engines and reports what agreed. */
export function runDifferential(opts: DifferentialOptions): DifferentialReport {
  const rng = new Rng(opts.rngSeed);
  const callsPerExport = opts.callsPerExport ?? 3;
  const report: DifferentialReport = {
    mutants: 0, validInBoth: 0, invalidInBoth: 0, instantiated: 0, calls: 0, agreements: 0,
    skips: {}, disagreements: [], disagreementCount: 0,
  };
  const skip = (why: string): void => { report.skips[why] = (report.skips[why] ?? 0) + 1; };
  const disagree = (what: string, bytes: Uint8Array): void => {
    report.disagreementCount++;
    if (report.disagreements.length < 20) report.disagreements.push(`${what}\n  module: ${hex(bytes)}`);
  };

  for (let n = 0; n < opts.count; n++) {
    const seed = rng.pick(opts.seeds);
    let bytes = seed.bytes;
    for (let k = rng.below((opts.maxMutations ?? 2) + 1); k > 0; k--) bytes = mutate(rng, bytes, rng.pick(MUTATIONS));
    report.mutants++;

    // 1. Validation: the same verdict, but where one engine has a feature the other lacks.
    let ours: ReturnType<typeof compileModule> | null = null;
    let ourError = "";
    try { ours = compileModule(bytes, DEFAULT_FEATURES); } catch (e) { ourError = String(e); }
    let v8Error = "";
    try { new V8Wasm.Module(bytes); } catch (e) { v8Error = String(e); }
    const v8Valid = v8Error === "";
    if (ours === null && !v8Valid) { report.invalidInBoth++; continue; }
    if (ours === null || !v8Valid) {
      const gap = featureGap(ourError, v8Error);
      if (gap !== null) { skip(gap); continue; }
      disagree(`${seed.name}: valid in ${ours !== null ? `ours only (V8: ${v8Error})` : `V8 only (ours: ${ourError})`}`, bytes);
      continue;
    }
    report.validInBoth++;
    if (ours.imports.length > 0) { skip("module has imports"); continue; }

    // 2. Instantiation: both succeed or both fail (a start function or segment may trap).
    const store = opts.budget.makeStore();
    let inst: ModuleInstance | null = null;
    let ourFailure: unknown = null;
    opts.budget.arm(store);
    try { inst = instantiate(store, ours, []); } catch (e) { ourFailure = e; }
    if (ourFailure !== null && opts.budget.isSpent(ourFailure)) { skip("instantiation spent the fuel"); continue; }
    if (ourFailure !== null && !(ourFailure instanceof Trap)) {
      disagree(`${seed.name}: instantiation threw a non-trap: ${String(ourFailure)}`, bytes);
      continue;
    }
    let v8inst: V8Instance | null = null;
    try { v8inst = new V8Wasm.Instance(new V8Wasm.Module(bytes), {}); } catch (e) {
      if (isV8Exhaustion(e)) { skip("V8's stack ran out at instantiation"); continue; }
    }
    report.instantiated++;
    if ((inst === null) !== (v8inst === null)) {
      disagree(`${seed.name}: instantiation ${inst === null ? `trapped in ours (${String(ourFailure)})` : "failed in V8"} only`, bytes);
      continue;
    }
    report.agreements++;
    if (inst === null || v8inst === null) continue;

    // 3. Calls: every exported function, a few times, comparing state after each.
    const v8exports = v8inst.exports as Record<string, unknown>;
    let stop = false;
    for (const exp of inst.exports) {
      if (stop) break;
      if (exp.value.kind !== ExternKind.Func) continue;
      const func = exp.value as FuncInstance;
      const v8func = v8exports[exp.name] as (...args: unknown[]) => unknown;
      for (let c = 0; c < callsPerExport && !stop; c++) {
        const args = func.type.params.map((t) => argument(rng, t));
        if (args.some((a) => a === null) || func.type.results.some((t) => argument(rng, t) === null)) {
          skip("v128 or exnref at the JavaScript boundary");
          break;
        }
        let outcome: Outcome;
        opts.budget.arm(store);
        try {
          outcome = { kind: "values", values: invoke(func, args.map((a) => a!.ours)) };
        } catch (e) {
          if (opts.budget.isSpent(e)) { skip("a call spent the fuel"); stop = true; break; }
          if (!(e instanceof Trap)) { disagree(`${seed.name}: ${exp.name} threw a non-trap: ${String(e)}`, bytes); stop = true; break; }
          if (e.message.startsWith("call stack exhausted")) { skip("our call stack exhausted (V8's depth differs)"); stop = true; break; }
          outcome = { kind: "trap", message: e.message };
        }
        let v8out: { kind: "values"; value: unknown } | { kind: "trap"; message: string };
        try {
          v8out = { kind: "values", value: v8func(...args.map((a) => a!.v8)) };
        } catch (e) {
          if (isV8Exhaustion(e)) { skip("V8's stack ran out"); stop = true; break; }
          v8out = { kind: "trap", message: String(e) };
        }
        report.calls++;
        const what = `${seed.name}: ${exp.name}(${args.map((a) => String(a!.v8)).join(", ")})`;
        if (outcome.kind !== v8out.kind) {
          disagree(`${what}: ours ${outcome.kind === "trap" ? `trapped (${outcome.message})` : "returned"}, V8 ${v8out.kind === "trap" ? `threw ${v8out.message}` : "returned"}`, bytes);
          stop = true;
          break;
        }
        if (outcome.kind === "values" && v8out.kind === "values") {
          const results = func.type.results;
          const v8values = results.length === 1 ? [v8out.value] : results.length === 0 ? [] : [...(v8out.value as unknown[])];
          if (!results.every((t, i) => sameValue(t, outcome.values[i], v8values[i]))) {
            disagree(`${what}: results differ: ours ${outcome.values.map(String).join(",")}, V8 ${v8values.map(String).join(",")}`, bytes);
            stop = true;
            break;
          }
        }
        const state = compareState(inst, v8exports);
        if (state !== null) { disagree(`${what}: ${state}`, bytes); stop = true; break; }
        report.agreements++;
      }
    }
  }
  return report;
}

/** Compares exported memories and globals; returns what differs, or null. */
export function compareState(inst: ModuleInstance, v8exports: Record<string, unknown>): string | null {
  for (const exp of inst.exports) {
    const theirs = v8exports[exp.name];
    if (exp.value instanceof MemoryInstance) {
      const mine = exp.value.bytes;
      const v8bytes = new Uint8Array((theirs as V8Memory).buffer);
      if (!sameMemory(mine, v8bytes)) return `memory "${exp.name}" differs (${mine.length} vs ${v8bytes.length} bytes)`;
    } else if (exp.value instanceof GlobalInstance) {
      const t = exp.value.type.valType;
      if (argument(new Rng(0), t) === null) continue;
      if (!sameValue(t, exp.value.get(), (theirs as V8Global).value)) return `global "${exp.name}" differs`;
    }
  }
  return null;
}

/** True when `e` is V8's stack overflow. */
export function isV8Exhaustion(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/**
 * Why the engines may disagree on a module's validity without either being
 * wrong: a feature beyond Wasm 2.0 that one of them has. V8 in Node 20 has
 * shared memories and atomics (threads) and the legacy exception-handling
 * instructions, which we do not (yet, or by design); we have `try_table`,
 * `throw_ref` and `exnref`, which it does not. Null when no feature explains it.
 */
export function featureGap(ourError: string, v8Error: string): string | null {
  if (/limits flag 0x[23]\b/.test(ourError) || /illegal opcode: 0xfe/.test(ourError)) return "threads (shared memory, atomics): V8 has them, we do not yet";
  if (/illegal opcode: 0x(6|7|18|19) /.test(ourError)) return "legacy exception handling (try, catch, delegate): V8 has it, we do not";
  if (/[Ii]nvalid opcode 0x(a|1f)\b|exnref|0x69/.test(v8Error)) return "exception handling with exnref (try_table, throw_ref): we have it, V8 of Node 20 does not";
  return null;
}

/**
 * The fuzzer's budget: fuel, so that the same mutants stop at the same point
 * on every machine. 100,000 units (backward branches and calls) is far more
 * than any suite function needs.
 */
export function fuelBudget(fuel = 100_000): Budget {
  return {
    makeStore: () => new Store({ consumeFuel: true }),
    arm: (store) => store.setFuel(fuel),
    isSpent: (e) => e instanceof Trap && e.message.startsWith(TrapMessage.OutOfFuel),
  };
}
