/**
 * The extern types of a decoded module's imports and exports, in section order.
 * @module
 */
import { ExternKind, type ExternType, type FuncType, type Module, type TableType, type MemoryType, type GlobalType } from "../../impl/index.js";

function typeAt(module: Module, typeIndex: number): FuncType {
  const t = module.types[typeIndex];
  if (!t) throw new Error(`internal: type index ${typeIndex} out of range in a validated module`);
  return t;
}

/** The extern type of each import, in import-section order. */
export function importTypes(module: Module): ExternType[] {
  return module.imports.map((imp): ExternType => {
    const d = imp.desc;
    switch (d.kind) {
      case ExternKind.Func: return { kind: ExternKind.Func, type: typeAt(module, d.typeIndex) };
      case ExternKind.Table: return { kind: ExternKind.Table, type: d.type };
      case ExternKind.Memory: return { kind: ExternKind.Memory, type: d.type };
      case ExternKind.Global: return { kind: ExternKind.Global, type: d.type };
      case ExternKind.Tag: return { kind: ExternKind.Tag, type: { type: typeAt(module, d.typeIndex) } };
      default: {
        const never: never = d;
        return never;
      }
    }
  });
}

/** The index spaces of a module: imported entities first, then defined ones. */
interface IndexSpaces {
  funcs: FuncType[];
  tables: TableType[];
  memories: MemoryType[];
  globals: GlobalType[];
  tags: FuncType[];
}

function indexSpaces(module: Module): IndexSpaces {
  const s: IndexSpaces = { funcs: [], tables: [], memories: [], globals: [], tags: [] };
  for (const t of importTypes(module)) {
    switch (t.kind) {
      case ExternKind.Func: s.funcs.push(t.type); break;
      case ExternKind.Table: s.tables.push(t.type); break;
      case ExternKind.Memory: s.memories.push(t.type); break;
      case ExternKind.Global: s.globals.push(t.type); break;
      case ExternKind.Tag: s.tags.push(t.type.type); break;
      default: {
        const never: never = t;
        return never;
      }
    }
  }
  for (const typeIndex of module.funcs) s.funcs.push(typeAt(module, typeIndex));
  for (const x of module.tables) s.tables.push(x);
  for (const x of module.memories) s.memories.push(x);
  for (const g of module.globals) s.globals.push(g.type);
  for (const typeIndex of module.tags) s.tags.push(typeAt(module, typeIndex));
  return s;
}

/** The extern type of each export, in export-section order. */
export function exportTypes(module: Module): ExternType[] {
  const s = indexSpaces(module);
  return module.exports.map((e): ExternType => {
    const missing = (): never => {
      throw new Error(`internal: export ${JSON.stringify(e.name)} has index ${e.index} outside its index space`);
    };
    switch (e.kind) {
      case ExternKind.Func: return { kind: ExternKind.Func, type: s.funcs[e.index] ?? missing() };
      case ExternKind.Table: return { kind: ExternKind.Table, type: s.tables[e.index] ?? missing() };
      case ExternKind.Memory: return { kind: ExternKind.Memory, type: s.memories[e.index] ?? missing() };
      case ExternKind.Global: return { kind: ExternKind.Global, type: s.globals[e.index] ?? missing() };
      case ExternKind.Tag: return { kind: ExternKind.Tag, type: { type: s.tags[e.index] ?? missing() } };
      default: {
        const never: never = e.kind;
        return never;
      }
    }
  });
}
