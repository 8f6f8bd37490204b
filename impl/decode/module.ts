/**
 * The decoded module: plain data, the output of the decoder and the input of
 * the validator and of every tier. Function bodies stay as byte ranges of the
 * original binary and are read with {@link CodeReader}.
 * @see https://webassembly.github.io/spec/core/syntax/modules.html
 * @module
 */
import type { DefType, ExternKind, GlobalType, MemoryType, RefType, TableType, ValType } from "../base/types.js";
import type { TypeDecl } from "../base/rtt.js";

/** What an import brings in. Functions name a type index; other kinds carry their type. */
export type ImportDesc =
  | { readonly kind: typeof ExternKind.Func; readonly typeIndex: number }
  | { readonly kind: typeof ExternKind.Table; readonly type: TableType }
  | { readonly kind: typeof ExternKind.Memory; readonly type: MemoryType }
  | { readonly kind: typeof ExternKind.Global; readonly type: GlobalType }
  | { readonly kind: typeof ExternKind.Tag; readonly typeIndex: number };

/** One entry of the import section. */
export interface Import {
  readonly module: string;
  readonly name: string;
  readonly desc: ImportDesc;
  /** Byte offset of the entry in the binary. */
  readonly offset: number;
}

/** One entry of the export section. */
export interface Export {
  readonly name: string;
  readonly kind: ExternKind;
  /** Index in the index space of `kind`. */
  readonly index: number;
  readonly offset: number;
}

/**
 * One instruction of a constant expression, decoded. `value` holds the
 * immediate: i32 as a number, i64 as a bigint, f32 bits as a uint32 number,
 * f64 bits as a bigint (raw bits keep NaN payloads); `index` a global or function index;
 * `refType` the type of `ref.null`.
 */
export interface ConstInstr {
  readonly op: number;
  readonly offset: number;
  /** The immediate of `t.const` in raw form: i32 number, i64 bigint, float bits, v128 bytes. */
  readonly value?: number | bigint | Uint8Array;
  readonly index?: number;
  readonly refType?: RefType;
  /** GC: the second immediate of a two-index instruction (`array.new_fixed`'s length). */
  readonly count?: number;
}

/** A constant expression (without its final `end`), with the offset where it starts. */
export interface ConstExpr {
  readonly instrs: readonly ConstInstr[];
  readonly offset: number;
}

/** A global defined by the module. */
export interface Global {
  readonly type: GlobalType;
  readonly init: ConstExpr;
}

/** Segment modes. */
export const SegmentMode = { Active: 0, Passive: 1, Declarative: 2 } as const;
/** One of {@link SegmentMode}. */
export type SegmentMode = (typeof SegmentMode)[keyof typeof SegmentMode];

/** An element segment; every initialiser is a constant expression (function indices become `ref.func`). */
export interface ElemSegment {
  readonly mode: SegmentMode;
  readonly type: RefType;
  /** Table index (active segments only; 0 otherwise). */
  readonly table: number;
  /** Offset expression (active segments only; null otherwise). */
  readonly offsetExpr: ConstExpr | null;
  readonly init: readonly ConstExpr[];
  readonly offset: number;
}

/** A data segment. */
export interface DataSegment {
  readonly mode: typeof SegmentMode.Active | typeof SegmentMode.Passive;
  /** Memory index (active segments only; 0 otherwise). */
  readonly memory: number;
  readonly offsetExpr: ConstExpr | null;
  readonly bytes: Uint8Array;
  readonly offset: number;
}

/** A run of locals of one type, as declared in a function body. */
export interface LocalRun {
  readonly count: number;
  readonly type: ValType;
}

/** A function body: its local declarations and where its instructions lie in the binary. */
export interface FuncBody {
  readonly locals: readonly LocalRun[];
  /** Total number of declared locals (not counting parameters). */
  readonly localCount: number;
  /** Offset of the body in the binary (after its size field: where the local declarations begin). */
  readonly bodyStart: number;
  /** Offset of the first instruction. */
  readonly codeStart: number;
  /** Offset just past the body's final `end`. */
  readonly codeEnd: number;
}

/** A custom section, kept as bytes. */
export interface CustomSection {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly offset: number;
}

/** What the `name` custom section says, when present and well formed. */
export interface NameSection {
  readonly moduleName: string | null;
  readonly funcNames: ReadonlyMap<number, string>;
  readonly localNames: ReadonlyMap<number, ReadonlyMap<number, string>>;
}

/** A decoded module. Index spaces put imports first, as the spec does. */
export interface Module {
  /** The binary the module was decoded from (function bodies are ranges of it). */
  readonly bytes: Uint8Array;
  /**
   * The defined types, flattened out of their recursive groups; each carries
   * its canonical type (`rtt`, see `base/rtt.ts`).
   */
  readonly types: readonly DefType[];
  /** How each type is declared: its recursive group, `final` flag and supertypes (parallel to `types`). */
  readonly typeDecls: readonly TypeDecl[];
  readonly imports: readonly Import[];
  /** Type index of each function defined by the module (not imported). */
  readonly funcs: readonly number[];
  readonly tables: readonly TableType[];
  /**
   * Typed function references: the initialiser expression of each defined
   * table (parallel to `tables`; null for a table without one, filled with
   * null references). Absent when no table has one.
   */
  readonly tableInits?: readonly (ConstExpr | null)[];
  readonly memories: readonly MemoryType[];
  /**
   * Type index of each tag defined by the module (not imported): the tag's
   * payload is the type's parameters (exception handling).
   */
  readonly tags: readonly number[];
  readonly globals: readonly Global[];
  readonly exports: readonly Export[];
  readonly start: number | null;
  readonly elems: readonly ElemSegment[];
  readonly datas: readonly DataSegment[];
  /** The data count section's value, or null when the section is absent. */
  readonly dataCount: number | null;
  /** Bodies of the defined functions, parallel to `funcs`. */
  readonly codes: readonly FuncBody[];
  readonly customs: readonly CustomSection[];
  readonly names: NameSection | null;
  /** Counts of imported entities per kind (the first indices of each index space). */
  readonly importedFuncs: number;
  readonly importedTables: number;
  readonly importedMemories: number;
  readonly importedGlobals: number;
  readonly importedTags: number;
  /**
   * Set when the module was decoded without the extended constant
   * expressions feature (exactly Wasm 2.0): its constant expressions then
   * follow 2.0's rules (no arithmetic; `global.get` of imported globals only).
   */
  readonly wasm2ConstExprs?: boolean;
  /**
   * Set when the module was decoded without the multiple memories feature
   * (exactly Wasm 2.0): more than one memory is then invalid.
   */
  readonly singleMemory?: boolean;
}
