/**
 * The held-out check of issue 14: random valid modules from binaryen's
 * translate-to-fuzz run on our interpreter, our compiled tier and V8's own
 * WebAssembly in the same process, with the same host imports (see
 * ./host.ts); every exported function is called with the same arguments in
 * all three, and after each call the results (or trap, or thrown exception),
 * the host calls made, and the memories, globals and tables must agree.
 *
 * The interpreter runs first, under fuel: a call that spends it is given to
 * neither the compiled tier nor V8 (neither can be stopped; binaryen's
 * modules bound their own loops, so this is rare), and the module stops there.
 * An exhausted call stack is compared between our tiers (both count frames
 * the same way) but never with V8, whose limit differs.
 * @module
 */
import {
  compileModule, DEFAULT_FEATURES, instantiate, invoke, Store, ValType,
  type Extern, type FuncInstance, type FuncType, type Module, type ModuleInstance, type RawValue,
} from "../../../impl/index.js";
import { Rng } from "../../unit/fuzz/mutate.js";
import { argument, featureGap, V8Wasm, type V8Instance } from "../differential.js";
import { exposeMemory } from "./expose.js";
import { generateTtf, TTF_EH_FEATURES, TTF_FEATURES, type TtfModule } from "./generate.js";
import { crossesJs, ModulePlan, ourImports, v8Imports, type OurHostContext, type V8HostContext } from "./host.js";
import {
  ourOutcome, describe, tierLogDiff, tierOutcomeDiff, tierStateDiff, v8LogDiff, v8OutcomeDiff, v8Outcome, v8StateDiff,
  type Notes, type Outcome,
} from "./outcome.js";
import { runOnBytes, type WasmOpt } from "./wasm-opt.js";

/** What a run found. */
export interface TtfReport {
  /** Modules binaryen made. */
  modules: number;
  /** Indices of the inputs on which wasm-opt itself failed (no module made). */
  generatorFailures: number[];
  /** Modules our engine accepts. */
  valid: number;
  /** Modules binaryen made with something neither engine has (both reject them). */
  invalidInBoth: number;
  /** Modules that V8 compiled and took imports for: compared on all three engines. */
  withV8: number;
  /** Modules compared on our two tiers only (exception handling, which V8 of Node 20 lacks). */
  tiersOnly: number;
  /** Modules whose instantiation agreed (succeeded in all engines, or failed in all). */
  instantiated: number;
  /** Calls compared (each in two or three engines). */
  calls: number;
  /** Calls compared in all three engines. */
  callsWithV8: number;
  /** Instantiations and calls on which every engine agreed. */
  agreements: number;
  /** What was not compared, and why. */
  skips: Record<string, number>;
  /** Agreements that needed the NaN rule. */
  notes: Notes;
  /**
   * Functions defined by the instantiated modules, and how many of them the
   * compiled tier compiled (the rest it hands to the interpreter: what it
   * does not compile yet, see impl/exec/tier.ts).
   */
  functions: number;
  compiledFunctions: number;
  /** Disagreements, each with what reproduces it (capped at 20). */
  disagreements: string[];
  disagreementCount: number;
  /** The modules that disagreed (capped at 20), to keep as fixtures. */
  failing: TtfModule[];
}

/** Options of a run. */
export interface TtfOptions {
  readonly opt: WasmOpt;
  readonly seed: number;
  /** The first module's index (a run can be split in chunks). */
  readonly first?: number;
  readonly count: number;
  /** Exception handling on every fourth module. */
  readonly eh?: boolean;
  /** Fuel per instantiation and per call, in the interpreter (default 1,000,000). */
  readonly fuel?: number;
  /** Calls per exported function (default 2). */
  readonly callsPerExport?: number;
}

/** An empty report. */
export function emptyReport(): TtfReport {
  return {
    modules: 0, generatorFailures: [], valid: 0, invalidInBoth: 0, withV8: 0, tiersOnly: 0, instantiated: 0, calls: 0, callsWithV8: 0, agreements: 0,
    skips: {}, notes: {}, functions: 0, compiledFunctions: 0, disagreements: [], disagreementCount: 0, failing: [],
  };
}

/** How many modules one copy of wasm-opt makes before a fresh one is loaded. */
const RELOAD_EVERY = 250;

/**
 * Generates and compares modules `first` to `first + count - 1` of the seed.
 * When wasm-opt fails on an input, it is loaded afresh and tried once more
 * (a failure can be the leftovers of an earlier crash); an input it fails on
 * twice is counted as a skip.
 */
export async function runTtf(opts: TtfOptions, report = emptyReport()): Promise<TtfReport> {
  const first = opts.first ?? 0;
  for (let i = first; i < first + opts.count; i++) {
    // A fresh copy now and then: one crashed inside its own wasm after some 1,200 runs (its output
    // does not depend on what ran before, so this changes no module).
    if (i > first && (i - first) % RELOAD_EVERY === 0) await opts.opt.reload();
    let mod: TtfModule | null = null;
    for (let attempt = 0; mod === null && attempt < 2; attempt++) {
      try {
        mod = generateTtf(opts.opt, opts.seed, i, opts.eh === true);
      } catch (e) {
        await opts.opt.reload();
        if (attempt === 1) {
          const why = `wasm-opt failed on the input: ${e instanceof Error ? `${e.name}: ${e.message.split("\n")[0]!}` : String(e)}`;
          report.skips[why] = (report.skips[why] ?? 0) + 1;
          report.generatorFailures.push(i);
        }
      }
    }
    if (mod !== null) compareWithDenan(opts, mod, report);
  }
  return report;
}

/**
 * Compares a module; when it disagrees with V8 only (our tiers agreeing),
 * compares it again with binaryen's `--denan` applied (every NaN a float
 * instruction makes becomes 0): when that agrees, the difference came from
 * NaN bits, which the spec lets each engine choose (our rounding instructions
 * give the canonical NaN, V8's keep the input's) and which an integer
 * reinterpretation or a partly overwritten store can carry anywhere. Such a
 * module counts as a skip; one that still disagrees stands as found.
 */
function compareWithDenan(opts: TtfOptions, mod: TtfModule, report: TtfReport): void {
  const fuel = opts.fuel ?? 1_000_000, calls = opts.callsPerExport ?? 2;
  const one = emptyReport();
  compareModule(mod, one, fuel, calls);
  if (one.disagreementCount > 0 && one.disagreements.every((d) => d.includes(": interpreter vs V8: "))) {
    const again = emptyReport();
    let denan: Uint8Array | null = null;
    try {
      denan = runOnBytes(opts.opt, mod.bytes, ["--quiet", ...(mod.eh ? TTF_EH_FEATURES : TTF_FEATURES), "--denan"]);
    } catch { /* left as found */ }
    if (denan !== null) {
      compareModule({ ...mod, bytes: denan }, again, fuel, calls);
      if (again.disagreementCount === 0 && again.callsWithV8 > 0) {
        one.disagreementCount = 0;
        one.disagreements = [];
        one.failing = [];
        const why = "differs from V8 only in NaN bits (agrees once binaryen's --denan removes NaNs; the module stops there)";
        one.skips[why] = (one.skips[why] ?? 0) + 1;
      }
    }
  }
  addReport(report, one);
}

/** Adds the counts of `b` to `a`. */
export function addReport(a: TtfReport, b: TtfReport): void {
  for (const k of ["modules", "valid", "invalidInBoth", "withV8", "tiersOnly", "instantiated", "calls", "callsWithV8", "agreements",
    "functions", "compiledFunctions", "disagreementCount"] as const) a[k] += b[k];
  for (const [k, v] of Object.entries(b.skips)) a.skips[k] = (a.skips[k] ?? 0) + v;
  for (const [k, v] of Object.entries(b.notes)) a.notes[k] = (a.notes[k] ?? 0) + v;
  a.generatorFailures.push(...b.generatorFailures);
  for (const d of b.disagreements) if (a.disagreements.length < 20) a.disagreements.push(d);
  for (const m of b.failing) if (a.failing.length < 20) a.failing.push(m);
}

/** One of our tiers with its store, host state and instance. */
interface OurSide {
  readonly store: Store;
  readonly ctx: OurHostContext;
  instance: ModuleInstance | null;
}

/** V8 with its host state and instance. */
interface V8Side {
  readonly ctx: V8HostContext;
  instance: V8Instance | null;
}

/** Compares one module in every engine that can run it, adding to the report. */
export function compareModule(mod: TtfModule, report: TtfReport, fuel: number, callsPerExport: number): void {
  const made: { compiled: ModuleInstance | null } = { compiled: null };
  try {
    compareCalls(mod, report, fuel, callsPerExport, made);
  } finally {
    const compiledInstance = made.compiled;
    if (compiledInstance !== null) {
      const defined = compiledInstance.funcs.filter((f) => f.host === null && f.module === compiledInstance);
      report.functions += defined.length;
      report.compiledFunctions += defined.filter((f) => f.jit !== null).length;
    }
  }
}

/** Compares one module; puts the compiled tier's instance (once made) in `out`, for the count of what it compiled. */
function compareCalls(mod: TtfModule, report: TtfReport, fuel: number, callsPerExport: number, out: { compiled: ModuleInstance | null }): void {
  const skip = (why: string): void => { report.skips[why] = (report.skips[why] ?? 0) + 1; };
  const where = `seed ${mod.seed} module ${mod.index}${mod.eh ? " (exception handling)" : ""}`;
  const disagree = (what: string): void => {
    report.disagreementCount++;
    if (report.disagreements.length < 20) report.disagreements.push(`${where}: ${what}`);
    if (report.failing.length < 20) report.failing.push(mod);
  };
  report.modules++;

  // 1. Validation. binaryen promises valid modules for the features it was given.
  let decoded: Module | null = null, ourError = "", v8Error = "";
  try { decoded = compileModule(mod.bytes, DEFAULT_FEATURES); } catch (e) { ourError = String(e); }
  try { new V8Wasm.Module(mod.bytes); } catch (e) { v8Error = String(e); }
  if (decoded === null) {
    if (v8Error !== "") { report.invalidInBoth++; skip(`invalid in both (binaryen used an instruction neither engine has): ${ourError.replace(/ \(at byte offset 0x[0-9a-f]+\)/, "")}`); return; }
    const gap = featureGap(ourError, v8Error);
    if (gap !== null) { skip(gap); return; }
    disagree(`valid in V8 only; ours: ${ourError}`);
    return;
  }
  report.valid++;
  const bytes = exposeMemory(mod.bytes, decoded);
  const module = compileModule(bytes, DEFAULT_FEATURES);
  const plan = new ModulePlan(module);

  // 2. The engines and their imports.
  const tiers: OurSide[] = [];
  for (const tier of ["interpreter", "compiler"] as const) {
    const side: OurSide = { store: new Store(tier === "interpreter" ? { consumeFuel: true } : { tier }), ctx: { log: [], instance: null }, instance: null };
    tiers.push(side);
  }
  const interp = tiers[0]!, compiled = tiers[1]!;
  const imports: Extern[][] = [];
  for (const s of tiers) {
    const externs = ourImports(plan, s.ctx);
    if (typeof externs === "string") { skip(`an import the fuzz shell does not have: ${externs}`); return; }
    imports.push(externs);
  }
  let v8: V8Side | null = null;
  let v8Imported: ReturnType<typeof v8Imports> = "";
  if (v8Error !== "") {
    const gap = featureGap(ourError, v8Error);
    if (mod.eh || gap !== null) skip(`tiers only: ${mod.eh ? "exception handling with exnref, which V8 of Node 20 lacks" : gap!}`);
    else { disagree(`valid in ours only; V8: ${v8Error}`); return; }
  } else {
    const ctx: V8HostContext = { log: [], exports: null };
    v8Imported = v8Imports(plan, ctx, V8Wasm);
    if (typeof v8Imported === "string") skip(`tiers only: V8 cannot take ${v8Imported}`);
    else v8 = { ctx, instance: null };
  }
  if (v8 === null) report.tiersOnly++;
  else report.withV8++;

  // 3. Instantiation: the start function and segments may trap, log, or spend the fuel.
  interp.store.setFuel(fuel);
  const made: Outcome[] = [];
  for (let k = 0; k < 2; k++) {
    const s = tiers[k]!;
    try {
      s.instance = instantiate(s.store, module, imports[k]!);
      s.ctx.instance = s.instance;
      made.push({ kind: "values", values: [] });
    } catch (e) { made.push(ourOutcome(e)); }
    // The compiled tier runs only what the interpreter finished: it cannot be stopped.
    if (made[0]!.kind === "fuel") { skip("instantiation spent the fuel"); return; }
  }
  out.compiled = compiled.instance;
  const [ma, mb] = made as [Outcome, Outcome];
  if (isNative(ma) || isNative(mb)) { skip("JavaScript's stack ran out in our tiers at instantiation"); return; }
  let diff = tierOutcomeDiff([], made[0]!, made[1]!, report.notes) ?? tierLogDiff(interp.ctx.log, compiled.ctx.log, report.notes);
  if (diff !== null) { disagree(`instantiation: interpreter vs compiler: ${diff}`); return; }
  if (made[0]!.kind === "exhausted") { skip("instantiation exhausted the call stack"); return; }
  if (v8 !== null) {
    let v8made: Outcome;
    try {
      v8.instance = new V8Wasm.Instance(new V8Wasm.Module(bytes), v8Imported as object);
      v8.ctx.exports = v8.instance.exports;
      v8made = { kind: "values", values: [] };
    } catch (e) { v8made = v8Outcome(e); }
    if (v8made.kind === "exhausted") { skip("V8's stack ran out at instantiation"); return; }
    diff = v8OutcomeDiff([], made[0]!, v8made) ?? v8LogDiff(interp.ctx.log, v8.ctx.log);
    if (diff !== null) { disagree(`instantiation: interpreter vs V8: ${diff}`); return; }
  }
  report.instantiated++;
  report.agreements++;
  if (interp.instance === null || compiled.instance === null) return;
  diff = tierStateDiff(interp.instance, compiled.instance, report.notes);
  if (diff === null && v8?.instance) diff = v8StateDiff(interp.instance, v8.instance.exports);
  if (diff !== null) { disagree(`after instantiation: ${diff}`); return; }

  // 4. Calls: the exports V8 can call first, in all engines; then the rest (v128 at the boundary) in our tiers only.
  const rng = new Rng((Math.imul(mod.seed, 0x27d4eb2d) ^ mod.index) >>> 0);
  const order = v8 === null ? plan.funcExports : [...plan.funcExports.filter((e) => crossesJs(e.type)), ...plan.funcExports.filter((e) => !crossesJs(e.type))];
  for (const exp of order) {
    const withV8 = v8 !== null && crossesJs(exp.type);
    if (v8 !== null && !withV8) { v8 = null; skip("exports with a v128 or exnref: called in our tiers only, after V8's part"); }
    for (let c = 0; c < callsPerExport; c++) {
      const args = exp.type.params.map((t) => argument(rng, t) ?? { ours: ourV128(rng, t), v8: undefined });
      const what = `${exp.name}(${args.map((a) => String(a.v8 ?? "v128")).join(", ")})`;
      interp.store.setFuel(fuel);
      const outcomes: Outcome[] = [callOurs(interp, exp.name, args)];
      // The compiled tier runs only what the interpreter finished: it cannot be stopped.
      if (outcomes[0]!.kind === "fuel") { skip("a call spent the fuel (the module stops there)"); return; }
      outcomes.push(callOurs(compiled, exp.name, args));
      if (outcomes[0]!.kind === "crash") { disagree(`${what}: interpreter: ${describe(outcomes[0]!)}`); return; }
      const [a, b] = outcomes as [Outcome, Outcome];
      // JavaScript's own stack runs out at a depth of its own in each tier: what was done before it may differ.
      if (isNative(a) || isNative(b)) {
        skip("JavaScript's stack ran out in our tiers (the module stops there)");
        return;
      }
      diff = tierOutcomeDiff(exp.type.results, a, b, report.notes)
        ?? tierLogDiff(interp.ctx.log, compiled.ctx.log, report.notes)
        ?? tierStateDiff(interp.instance, compiled.instance, report.notes);
      if (diff !== null) { disagree(`${what}: interpreter vs compiler: ${diff}`); return; }
      if (a.kind === "exhausted") { skip("our frame limit was reached, at the same point in both tiers (V8's limit differs; the module stops there)"); return; }
      report.calls++;
      if (withV8 && v8 !== null) {
        const v8out = callV8(v8, exp.name, exp.type, args.map((a) => a.v8));
        if (v8out.kind === "exhausted") { skip("V8's stack ran out (the module stops there)"); return; }
        diff = v8OutcomeDiff(exp.type.results, outcomes[0]!, v8out) ?? v8LogDiff(interp.ctx.log, v8.ctx.log)
          ?? v8StateDiff(interp.instance, v8.instance!.exports);
        if (diff !== null) { disagree(`${what}: interpreter vs V8: ${diff}`); return; }
        report.callsWithV8++;
      }
      report.agreements++;
    }
  }
}

/**
 * Whether JavaScript's own stack ran out: where it does depends on the tier's
 * frame sizes, so the other tier may get further, or finish.
 */
function isNative(o: Outcome): boolean {
  return o.kind === "exhausted" && o.native;
}

function callOurs(side: OurSide, name: string, args: readonly { ours: RawValue }[]): Outcome {
  side.ctx.log.length = 0;
  try {
    return { kind: "values", values: invoke(side.instance!.export(name) as FuncInstance, args.map((a) => a.ours)) };
  } catch (e) { return ourOutcome(e); }
}

/** A v128 argument for our tiers (16 random bytes); other types that V8 cannot take get their zero. */
function ourV128(rng: Rng, t: ValType): RawValue {
  if (t !== ValType.V128) return null;
  const b = new Uint8Array(16);
  for (let i = 0; i < 16; i++) b[i] = rng.u32() & 0xff;
  return b;
}

function callV8(v8: V8Side, name: string, type: FuncType, args: unknown[]): Outcome {
  v8.ctx.log.length = 0;
  try {
    const r = (v8.instance!.exports[name] as (...a: unknown[]) => unknown)(...args);
    return { kind: "values", values: type.results.length === 1 ? [r] : type.results.length === 0 ? [] : [...(r as unknown[])] };
  } catch (e) { return v8Outcome(e); }
}
