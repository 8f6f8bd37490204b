/**
 * The module under construction while the decoder walks the sections: the
 * {@link Module} shape with growable arrays, plus facts only decoding needs.
 * @module
 */
import type { FuncType, MemoryType, TableType } from "../base/types.js";
import type {
  CustomSection, DataSegment, ElemSegment, Export, FuncBody, Global, Import, Module, NameSection,
} from "./module.js";

/** A {@link Module} being decoded; sections append to its arrays. */
export interface ModuleBuilder {
  bytes: Uint8Array;
  types: FuncType[];
  imports: Import[];
  funcs: number[];
  tables: TableType[];
  memories: MemoryType[];
  tags: number[];
  globals: Global[];
  exports: Export[];
  start: number | null;
  elems: ElemSegment[];
  datas: DataSegment[];
  dataCount: number | null;
  codes: FuncBody[];
  customs: CustomSection[];
  names: NameSection | null;
  importedFuncs: number;
  importedTables: number;
  importedMemories: number;
  importedGlobals: number;
  importedTags: number;
  /** Whether some function body uses a data index (`memory.init`, `data.drop`): those need a data count section. */
  usesDataIndex: boolean;
}

/** An empty builder over `bytes`. */
export function newModuleBuilder(bytes: Uint8Array): ModuleBuilder {
  return {
    bytes, types: [], imports: [], funcs: [], tables: [], memories: [], tags: [], globals: [], exports: [],
    start: null, elems: [], datas: [], dataCount: null, codes: [], customs: [], names: null,
    importedFuncs: 0, importedTables: 0, importedMemories: 0, importedGlobals: 0, importedTags: 0,
    usesDataIndex: false,
  };
}

/** The finished module (the builder's decoding-only facts left out). */
export function finishModule(b: ModuleBuilder): Module {
  const { usesDataIndex: _, ...module } = b;
  return module;
}
