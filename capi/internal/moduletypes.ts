/**
 * The extern types of a validated module's imports and exports, in section
 * order, read from the index spaces validation carried in the module.
 * @module
 */
import { ExternKind, funcTypeAt, type ExternType, type FuncType, type ValidatedModule } from "../../impl/index.js";

function typeAt(module: ValidatedModule, typeIndex: number): FuncType {
  return funcTypeAt(module.types, typeIndex);
}

/** The extern type of each import, in import-section order. */
export function importTypes(module: ValidatedModule): ExternType[] {
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

/** The extern type of each export, in export-section order. */
export function exportTypes(module: ValidatedModule): ExternType[] {
  const s = module.spaces;
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
