/**
 * The module under construction while the decoder walks the sections: the
 * {@link Module} shape with growable arrays, plus facts only decoding needs.
 * @module
 */
import type { DefType, MemoryType, TableType } from "../base/types.js";
import type { TypeDecl } from "../base/rtt.js";
import type { CodeReader } from "./code.js";
import { attachDataSegments, type DataSegments } from "./sections/data.js";
import type {
  ConstExpr, CustomSection, DataSegment, ElemSegment, Export, FuncBody, Global, Import, LocalRun, Module, NameSection,
} from "./module.js";

/** A {@link Module} being decoded; sections append to its arrays. */
export interface ModuleBuilder {
  bytes: Uint8Array;
  types: DefType[];
  typeDecls: TypeDecl[];
  imports: Import[];
  funcs: number[];
  tables: TableType[];
  tableInits?: (ConstExpr | null)[];
  memories: MemoryType[];
  tags: number[];
  globals: Global[];
  exports: Export[];
  start: number | null;
  elems: ElemSegment[];
  /** Data segments built by hand (tests); the data section fills {@link ModuleBuilder.dataSegments} instead. */
  datas: DataSegment[];
  /** The data section's segments, when the module has one. */
  dataSegments: DataSegments | null;
  dataCount: number | null;
  codes: FuncBody[];
  customs: CustomSection[];
  names: NameSection | null;
  importedFuncs: number;
  importedTables: number;
  importedMemories: number;
  importedGlobals: number;
  importedTags: number;
  /** See {@link Module.wasm2ConstExprs}. */
  wasm2ConstExprs?: boolean;
  /** See {@link Module.singleMemory}. */
  singleMemory?: boolean;
  /** Whether some function body uses a data index (`memory.init`, `data.drop`): those need a data count section. */
  usesDataIndex: boolean;
  /** Reads the function bodies in place of the decoder's own scan, when set ({@link BodyScanner}). */
  bodyScanner: BodyScanner | null;
}

/**
 * Something that reads each function body's instructions in place of the
 * decoder's scan (`scanInstrs`), doing more on the way: the validator checks
 * the bodies while they are decoded (`../validate/fused.ts`). It must read
 * exactly what the scan reads, through the body's final `end`, fail with the
 * same {@link DecodeError}s, and record data index uses in `m.usesDataIndex`.
 */
export interface BodyScanner {
  /** Reads body `index` (the reader is at its first instruction; its locals are already read). */
  scanBody(r: CodeReader, m: ModuleBuilder, index: number, locals: readonly LocalRun[], localCount: number, bodyStart: number): void;
}

/** An empty builder over `bytes`. */
export function newModuleBuilder(bytes: Uint8Array): ModuleBuilder {
  return {
    bytes, types: [], typeDecls: [], imports: [], funcs: [], tables: [], memories: [], tags: [], globals: [], exports: [],
    start: null, elems: [], datas: [], dataSegments: null, dataCount: null, codes: [], customs: [], names: null,
    importedFuncs: 0, importedTables: 0, importedMemories: 0, importedGlobals: 0, importedTags: 0,
    usesDataIndex: false, bodyScanner: null,
  };
}

/** The finished module (the builder's decoding-only facts left out). */
export function finishModule(b: ModuleBuilder): Module {
  const { usesDataIndex: _, bodyScanner: __, dataSegments, ...module } = b;
  // The data section's segments become `datas`, made as objects only when first read.
  if (dataSegments !== null) attachDataSegments(module, dataSegments);
  return module;
}
