/**
 * What a call did, in each engine, and the rules by which two outcomes,
 * logs and states are the same. Our two tiers run the same engine on the
 * same bits, so they are compared exactly, except that two NaNs of the same
 * class (canonical, arithmetic, or signalling) agree: the spec lets an
 * arithmetic instruction pick any NaN of the class its inputs decide.
 * Against V8, values cross JavaScript, where NaN payloads are gone, so the
 * rules of the mutation fuzzer apply (any NaN equals any NaN, in results,
 * in memory and in integers holding a NaN's bits).
 * @module
 */
import {
  FuncInstance, MemoryInstance, Trap, TrapMessage, ValType, WasmException, type ModuleInstance, type RawValue,
} from "../../../impl/index.js";
import { compareState, sameMemory, sameValue, V8Wasm } from "../differential.js";
import { HostThrow, type LogEntry } from "./host.js";

/** What one call (or one instantiation) did. */
export type Outcome =
  | { readonly kind: "values"; readonly values: readonly unknown[] }
  | { readonly kind: "trap"; readonly message: string }
  /** A JavaScript exception from a host import (or V8's own at the JavaScript boundary). */
  | { readonly kind: "throw"; readonly message: string }
  /** A wasm exception nobody caught. */
  | { readonly kind: "exception"; readonly message: string }
  /**
   * The call stack ran out: an engine limit, not the module's doing. `native`
   * when it was JavaScript's own stack (a depth of its own in each tier)
   * rather than our frame counter (the same depth in both tiers).
   */
  | { readonly kind: "exhausted"; readonly message: string; readonly native: boolean }
  /** Our fuel ran out (the interpreter only). */
  | { readonly kind: "fuel" }
  /** Something the engine must never do: throw an error that is none of the above. */
  | { readonly kind: "crash"; readonly message: string };

function rootCause(e: unknown): unknown {
  let c = e;
  for (let i = 0; i < 100 && c instanceof Error && c.cause !== undefined; i++) c = c.cause;
  return c;
}

/** Classifies what our engine threw. */
export function ourOutcome(e: unknown): Outcome {
  if (e instanceof HostThrow) return { kind: "throw", message: e.message };
  if (e instanceof Trap) {
    if (e.message.startsWith(TrapMessage.OutOfFuel)) return { kind: "fuel" };
    if (e.message.startsWith(TrapMessage.CallStackExhausted)) return { kind: "exhausted", message: e.message, native: rootCause(e) instanceof RangeError };
    if (e.message.startsWith(TrapMessage.HostError) && rootCause(e) instanceof HostThrow) {
      return { kind: "throw", message: (rootCause(e) as Error).message };
    }
    return { kind: "trap", message: e.message };
  }
  if (e instanceof WasmException) return { kind: "exception", message: e.message };
  return { kind: "crash", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

/** Classifies what V8 threw. */
export function v8Outcome(e: unknown): Outcome {
  if (e instanceof HostThrow) return { kind: "throw", message: e.message };
  if (e instanceof V8Wasm.RuntimeError) return { kind: "trap", message: e.message };
  if (e instanceof RangeError && /call stack/i.test(e.message)) return { kind: "exhausted", message: e.message, native: true };
  // V8's own error when a v128 would cross into JavaScript: our imports throw before it can happen.
  if (e instanceof TypeError) return { kind: "throw", message: e.message };
  return { kind: "crash", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

type NanClass = "canonical" | "arithmetic" | "signalling" | null;

function nanClass(exponentAllOnes: boolean, fraction: bigint, quiet: bigint): NanClass {
  if (!exponentAllOnes || fraction === 0n) return null;
  if (fraction === quiet) return "canonical";
  return (fraction & quiet) !== 0n ? "arithmetic" : "signalling";
}

/** The NaN class of 32 bits read as an f32 (null when not a NaN). */
export function nanClass32(bits: number): NanClass {
  return nanClass(((bits >>> 23) & 0xff) === 0xff, BigInt(bits & 0x7fffff), 0x400000n);
}

/** The NaN class of 64 bits read as an f64 (null when not a NaN). */
export function nanClass64(bits: bigint): NanClass {
  const b = BigInt.asUintN(64, bits);
  return nanClass(((b >> 52n) & 0x7ffn) === 0x7ffn, b & 0xfffffffffffffn, 0x8000000000000n);
}

/** Counts of agreements that needed the NaN rule (kept so a run shows how often). */
export type Notes = Record<string, number>;

/** Whether two references of our two tiers are the same: both null, the same host value, or functions of the same index. */
function sameRef(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  if (a instanceof FuncInstance && b instanceof FuncInstance) return a.index === b.index && (a.host === null) === (b.host === null);
  if (a instanceof FuncInstance || b instanceof FuncInstance) return false;
  // Our host's externref is one shared object; an exnref is a fresh object in each tier.
  return typeof a === "object" && typeof b === "object" ? (a as object).constructor === (b as object).constructor : a === b;
}

/** Whether raw values of our two tiers are the same (see the module documentation). */
export function sameBits(t: ValType, a: RawValue, b: RawValue, notes: Notes): boolean {
  switch (t) {
    case ValType.I32:
    case ValType.F32: {
      if (a === b) return true;
      const c = nanClass32(a as number);
      if (c !== null && c === nanClass32(b as number)) { note(notes, `${t === ValType.F32 ? "f32" : "i32"} NaN payloads differ within a class`); return true; }
      return false;
    }
    case ValType.I64:
    case ValType.F64: {
      if (a === b) return true;
      const c = nanClass64(a as bigint);
      if (c !== null && c === nanClass64(b as bigint)) { note(notes, `${t === ValType.F64 ? "f64" : "i64"} NaN payloads differ within a class`); return true; }
      return false;
    }
    case ValType.V128: {
      const x = a as Uint8Array, y = b as Uint8Array;
      return x.length === y.length && x.every((v, i) => v === y[i]);
    }
    default:
      return sameRef(a, b);
  }
}

function note(notes: Notes, what: string): void {
  notes[what] = (notes[what] ?? 0) + 1;
}

/** What differs between two outcomes of our two tiers, or null. */
export function tierOutcomeDiff(results: readonly ValType[], a: Outcome, b: Outcome, notes: Notes): string | null {
  if (a.kind !== b.kind) return `${describe(a)} vs ${describe(b)}`;
  if (a.kind === "values" && b.kind === "values") {
    return results.every((t, i) => sameBits(t, a.values[i], b.values[i], notes)) ? null : `${describe(a)} vs ${describe(b)}`;
  }
  if ("message" in a && "message" in b && a.message !== b.message && a.kind !== "exhausted") return `${describe(a)} vs ${describe(b)}`;
  return null;
}

/** What differs between our outcome and V8's, or null (trap messages are worded differently, so only the kind counts). */
export function v8OutcomeDiff(results: readonly ValType[], ours: Outcome, v8: Outcome): string | null {
  if (ours.kind !== v8.kind) return `${describe(ours)} vs ${describe(v8)}`;
  if (ours.kind === "values" && v8.kind === "values") {
    return results.every((t, i) => sameValue(t, ours.values[i], v8.values[i])) ? null : `${describe(ours)} vs ${describe(v8)}`;
  }
  return null;
}

/** A short text of an outcome for reports. */
export function describe(o: Outcome): string {
  switch (o.kind) {
    case "values": return `returned [${o.values.map(show).join(", ")}]`;
    case "fuel": return "spent the fuel";
    default: return `${o.kind} (${o.message})`;
  }
}

function show(v: unknown): string {
  if (v instanceof Uint8Array) return `v128 ${Buffer.from(v).toString("hex")}`;
  if (v instanceof FuncInstance) return `func ${v.index}`;
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "function") return `func ${v.name}`;
  return typeof v === "object" && v !== null ? "extern" : String(v);
}

/** What differs between two logs, or null; `same` compares one logged value. */
function logDiff(a: readonly LogEntry[], b: readonly LogEntry[], same: (e: LogEntry, f: LogEntry) => boolean): string | null {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const e = a[i], f = b[i];
    if (e === undefined || f === undefined || e.name !== f.name || !same(e, f)) {
      return `host call ${i} differs: ${e === undefined ? "none" : `${e.name}(${show(e.value)})`} vs ${f === undefined ? "none" : `${f.name}(${show(f.value)})`} (${a.length} vs ${b.length} calls)`;
    }
  }
  return null;
}

/** What differs between the logs of our two tiers, or null. */
export function tierLogDiff(a: readonly LogEntry[], b: readonly LogEntry[], notes: Notes): string | null {
  return logDiff(a, b, (e, f) => sameBits(e.type, e.value, f.value, notes));
}

/** What differs between our log (raw values) and V8's (JavaScript values), or null. */
export function v8LogDiff(ours: readonly LogEntry[], v8: readonly LogEntry[]): string | null {
  return logDiff(ours, v8, (e, f) => sameValue(e.type, e.value, f.value));
}

/** What differs in the whole state (every memory, global and table, exported or not) of our two tiers' instances, or null. */
export function tierStateDiff(a: ModuleInstance, b: ModuleInstance, notes: Notes): string | null {
  for (let i = 0; i < a.memories.length; i++) {
    const x = (a.memories[i] as MemoryInstance).bytes, y = (b.memories[i] as MemoryInstance).bytes;
    if (x.length === y.length && Buffer.compare(x, y) === 0) continue;
    if (sameMemory(x, y)) { note(notes, "memory NaN payloads differ"); continue; }
    return `memory ${i} differs (${x.length} vs ${y.length} bytes${x.length === y.length ? `, first at ${firstDiff(x, y)}` : ""})`;
  }
  for (let i = 0; i < a.globals.length; i++) {
    const g = a.globals[i]!;
    if (!sameBits(g.type.valType, g.get(), b.globals[i]!.get(), notes)) return `global ${i} differs: ${show(g.get())} vs ${show(b.globals[i]!.get())}`;
  }
  for (let i = 0; i < a.tables.length; i++) {
    const x = a.tables[i]!.elements, y = b.tables[i]!.elements;
    if (x.length !== y.length) return `table ${i} size differs: ${x.length} vs ${y.length}`;
    for (let k = 0; k < x.length; k++) if (!sameRef(x[k], y[k])) return `table ${i} entry ${k} differs: ${show(x[k])} vs ${show(y[k])}`;
  }
  return null;
}

function firstDiff(x: Uint8Array, y: Uint8Array): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

/** What differs in the exported memories and globals of our instance and V8's, or null. */
export function v8StateDiff(ours: ModuleInstance, v8exports: Record<string, unknown>): string | null {
  const diff = compareState(ours, v8exports);
  if (diff === null || !diff.startsWith("memory")) return diff;
  // Which bytes, for the report: a lone byte differing in its top bit is often the last byte of a
  // NaN (whose sign engines may choose) that a later store partly overwrote.
  const name = /^memory "(.*)" differs/.exec(diff)?.[1] ?? "";
  const mine = (ours.export(name) as MemoryInstance).bytes;
  const theirs = new Uint8Array((v8exports[name] as { buffer: ArrayBuffer }).buffer);
  const at: string[] = [];
  for (let i = 0; i < Math.min(mine.length, theirs.length) && at.length < 8; i++) {
    if (mine[i] !== theirs[i]) at.push(`${i}: ${hex2(mine[i]!)} vs ${hex2(theirs[i]!)}`);
  }
  return `${diff}; bytes ${at.join(", ")}`;
}

function hex2(b: number): string {
  return `0x${b.toString(16).padStart(2, "0")}`;
}
