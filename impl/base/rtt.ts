/**
 * Canonical types: one object per class of equivalent defined types, shared
 * by every module of the process, so that type equivalence is `===` and a
 * subtype test is one array read.
 *
 * Wasm 3.0's types are iso-recursive: a recursive group (`rec`) is compared
 * as a whole, by structure, where a type index inside the group stands for
 * its position in the group and one outside for the canonical type it names.
 * {@link canonicalizeGroup} turns that rule into a string key; equal keys
 * give the same {@link Rtt}s (Binaryen, V8 and Wasmtime canonicalize the
 * same way; the key is our own encoding).
 *
 * A canonical type keeps its declared supertype chain ("display"):
 * `supers[d]` is its ancestor at depth `d` and `supers[depth]` itself, so
 * `a <: b` is `a.supers[b.depth] === b`, the constant-time test runtime casts
 * need.
 * @see https://webassembly.github.io/spec/core/valid/conventions.html#rolling-and-unrolling
 * @module
 */
import type { ArrayType, DefType, FieldType, FuncType, StructType, ValType } from "./types.js";

/** What a canonical type is: a function, struct or array type. */
export const RttKind = {
  Func: 0,
  Struct: 1,
  Array: 2,
} as const;
/** One of {@link RttKind}. */
export type RttKind = (typeof RttKind)[keyof typeof RttKind];

/** A canonical defined type (a "run-time type"): see the module documentation. */
export class Rtt {
  /** Ancestors by depth, ending with this type itself. */
  readonly supers: readonly Rtt[];
  /** The length of the declared supertype chain above this type. */
  readonly depth: number;

  constructor(
    /** A process-wide number, for keys and diagnostics. */
    readonly id: number,
    readonly kind: RttKind,
    /** `final` types have no subtypes. */
    readonly final: boolean,
    /** The declared supertype, if any. */
    parent: Rtt | null,
    /**
     * The structure as the first module that defined it wrote it: concrete
     * types inside are indices of {@link context}.
     */
    readonly type: DefType,
    readonly context: readonly DefType[],
  ) {
    this.supers = parent === null ? [this] : [...parent.supers, this];
    this.depth = this.supers.length - 1;
  }
}

/** True when canonical type `a` is `b` or declares `b` among its supertypes. */
export function isRttSubtype(a: Rtt, b: Rtt): boolean {
  return a === b || (b.depth < a.depth && a.supers[b.depth] === b);
}

/** How a module declares one type: its group, its `final` flag, its supertypes. */
export interface TypeDecl {
  /** Index of the first type of its recursive group. */
  readonly groupStart: number;
  readonly groupSize: number;
  readonly final: boolean;
  /** Declared supertype indices (valid modules have at most one, below the type's own index). */
  readonly supers: readonly number[];
}

let nextId = 1;
const canonicalGroups = new Map<string, readonly Rtt[]>();

function kindOf(t: DefType): RttKind {
  if ((t as FuncType).params !== undefined) return RttKind.Func;
  return (t as StructType).fields !== undefined ? RttKind.Struct : RttKind.Array;
}

/**
 * Gives the types `types[start .. start + size)`, one recursive group, their
 * canonical types: sets each one's `rtt`, reusing the group of an earlier
 * equal group (of any module). Types before `start` must have theirs. Never
 * fails: an index out of order (invalid, for the validator to report) gets a
 * key of its own.
 */
export function canonicalizeGroup(types: DefType[], decls: readonly TypeDecl[], start: number, size: number): void {
  const end = start + size;
  const ref = (i: number): string => {
    if (i >= start && i < end) return `r${i - start}`;
    const rtt = i < start ? types[i]?.rtt : undefined;
    return rtt === undefined ? `?${i}` : `#${rtt.id}`;
  };
  const val = (t: ValType): string => ((t & 0x200) !== 0 ? `${(t & 0x100) !== 0 ? "" : "null "}${ref(t >>> 10)}` : `${t}`);
  const field = (f: FieldType): string => `${f.mutable ? "mut " : ""}${val(f.storage)}`;
  const parts: string[] = [];
  for (let i = start; i < end; i++) {
    const t = types[i]!, d = decls[i]!;
    let comp: string;
    if ((t as FuncType).params !== undefined) {
      const f = t as FuncType;
      comp = `func(${f.params.map(val).join(",")})(${f.results.map(val).join(",")})`;
    } else if ((t as StructType).fields !== undefined) {
      comp = `struct(${(t as StructType).fields.map(field).join(",")})`;
    } else {
      comp = `array(${field((t as ArrayType).element)})`;
    }
    parts.push(`${d.final ? "final " : ""}sub(${d.supers.map(ref).join(",")}) ${comp}`);
  }
  const key = parts.join(";");
  let group = canonicalGroups.get(key);
  if (group === undefined) {
    const made: Rtt[] = [];
    for (let i = start; i < end; i++) {
      const t = types[i]!, d = decls[i]!;
      const s = d.supers[0];
      let parent: Rtt | null = null;
      if (s !== undefined && s < i) parent = s >= start ? made[s - start]! : types[s]?.rtt ?? null;
      made.push(new Rtt(nextId++, kindOf(t), d.final, parent, t, types));
    }
    group = made;
    canonicalGroups.set(key, group);
  }
  // Set in place rather than copied with a spread: the copies' hidden class differed from one
  // module to the next, which deoptimised the validator at each module's first function types.
  for (let i = start; i < end; i++) (types[i] as { rtt?: Rtt }).rtt = group[i - start]!;
}

const hostTypes = new WeakMap<FuncType, Rtt>();

/**
 * The canonical type of a function type: the one the decoder set, or for a
 * function type made by the host, that of `(rec (sub final (func ...)))`.
 */
export function rttOf(t: FuncType): Rtt {
  if (t.rtt !== undefined) return t.rtt;
  let rtt = hostTypes.get(t);
  if (rtt === undefined) {
    const types: DefType[] = [{ ...t }]; // a copy: the host's object is not ours to change
    canonicalizeGroup(types, [{ groupStart: 0, groupSize: 1, final: true, supers: [] }], 0, 1);
    rtt = types[0]!.rtt!;
    hostTypes.set(t, rtt);
  }
  return rtt;
}
