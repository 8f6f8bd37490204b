/**
 * The validation context: the module's index spaces (imports first) with the
 * types of their entries, built once per module before any rule is checked.
 * @see https://webassembly.github.io/spec/core/valid/conventions.html#contexts
 * @module
 */
import { ValidationError } from "../base/errors.js";
import { ExternKind, isFuncType, type DefType, type FuncType, type GlobalType, type MemoryType, type RefType, type TableType } from "../base/types.js";
import { I32ConstExpr, RefFuncExpr } from "../decode/expr.js";
import { dataSegmentsOf, hasI32Offset } from "../decode/sections/data.js";
import type { ConstExpr, Module } from "../decode/module.js";
import { Invalid, unknownIndex } from "./reasons.js";
import { Op } from "../base/opcodes.js";

/** Everything the rules need to look up, by index space. */
export interface Context {
  readonly module: Module;
  readonly types: readonly DefType[];
  /** Type index of every function in the function index space. */
  readonly funcTypes: readonly number[];
  readonly tables: readonly TableType[];
  readonly memories: readonly MemoryType[];
  /** Every global, imported ones first. */
  readonly globals: readonly GlobalType[];
  /** The payload type of every tag (exception handling), imported ones first; results are empty. */
  readonly tags: readonly FuncType[];
  /** How many globals are imported: a global's initialiser may read these and the module's globals before it. */
  readonly importedGlobals: number;
  /** Element type of every element segment. */
  readonly elemTypes: readonly RefType[];
  /** Number of data segments that code may name (the data count section's value when present). */
  readonly dataCount: number;
  /**
   * Functions that `ref.func` may name inside function bodies: those referenced
   * anywhere outside them (elements, exports, global initialisers).
   * @see https://webassembly.github.io/spec/core/valid/modules.html#valid-module
   */
  readonly declaredFuncs: ReadonlySet<number>;
}

/**
 * The payload type of a tag with type index `typeIndex`: the type must exist
 * and have no results.
 * @see https://webassembly.github.io/spec/core/valid/types.html#tag-types
 */
function tagType(types: readonly DefType[], typeIndex: number, offset: number): FuncType {
  const type = funcTypeIn(types, typeIndex, -1, offset);
  if (type.results.length !== 0) throw new ValidationError(Invalid.TagResult, -1, offset, `tag of type ${typeIndex}`);
  return type;
}

/**
 * The function type at `typeIndex`: "unknown type" when there is none,
 * "non-function type" when it is a struct or array type (GC).
 */
export function funcTypeIn(types: readonly DefType[], typeIndex: number, funcIndex: number, offset: number): FuncType {
  const type = types[typeIndex];
  if (type === undefined) throw unknownIndex(Invalid.UnknownType, typeIndex, funcIndex, offset);
  if (!isFuncType(type)) throw unknownIndex(Invalid.NotFuncType, typeIndex, funcIndex, offset);
  return type;
}

/**
 * Builds the context of a module, checking the type index of every imported
 * and defined function and tag on the way ("unknown type").
 */
export function buildContext(module: Module): Context {
  const types = module.types;
  const funcTypes: number[] = [];
  const tables: TableType[] = [];
  const memories: MemoryType[] = [];
  const globals: GlobalType[] = [];
  const tags: FuncType[] = [];
  for (const imp of module.imports) {
    const desc = imp.desc;
    switch (desc.kind) {
      case ExternKind.Func:
        funcTypeIn(types, desc.typeIndex, -1, imp.offset);
        funcTypes.push(desc.typeIndex);
        break;
      case ExternKind.Table: tables.push(desc.type); break;
      case ExternKind.Memory: memories.push(desc.type); break;
      case ExternKind.Global: globals.push(desc.type); break;
      case ExternKind.Tag: tags.push(tagType(types, desc.typeIndex, imp.offset)); break;
      default: {
        const never: never = desc;
        return never;
      }
    }
  }
  const importedGlobals = globals.length;
  // Each type index is checked once, at its first function: a large program has thousands of functions of a few types.
  const checked = new Uint8Array(types.length);
  const funcs = module.funcs;
  for (let i = 0; i < funcs.length; i++) {
    const typeIndex = funcs[i]!;
    if (checked[typeIndex] !== 1) {
      const body = module.codes[i];
      funcTypeIn(types, typeIndex, funcTypes.length, body ? body.bodyStart : -1);
      checked[typeIndex] = 1;
    }
    funcTypes.push(typeIndex);
  }
  for (const x of module.tables) tables.push(x);
  for (const x of module.memories) memories.push(x);
  for (const g of module.globals) globals.push(g.type);
  // The tag section carries no offsets of its own; errors point at the module.
  for (const typeIndex of module.tags) tags.push(tagType(types, typeIndex, -1));
  let declared: Set<number> | null = null;
  return {
    module,
    types,
    funcTypes,
    tables,
    memories,
    globals,
    tags,
    importedGlobals,
    elemTypes: module.elems.map((e) => e.type),
    dataCount: module.dataCount ?? dataSegmentsOf(module)?.count ?? module.datas.length,
    // Made at the first `ref.func` in a function body (many programs have none, and their function
    // tables list thousands of functions): what it reads is the same then as here.
    get declaredFuncs() {
      return (declared ??= declaredFuncs(module));
    },
  };
}

function declaredFuncs(module: Module): Set<number> {
  const refs = new Set<number>();
  const scan = (expr: ConstExpr | null): void => {
    // `i32.const` names no function (and its instruction list need not be made to see it).
    if (expr === null || expr instanceof I32ConstExpr) return;
    if (expr instanceof RefFuncExpr) { refs.add(expr.index); return; }
    const instrs = expr.instrs;
    for (let i = 0; i < instrs.length; i++) {
      const instr = instrs[i]!;
      if (instr.op === Op.RefFunc && instr.index !== undefined) refs.add(instr.index);
    }
  };
  for (const g of module.globals) scan(g.init);
  for (const e of module.elems) {
    scan(e.offsetExpr);
    for (let i = 0; i < e.init.length; i++) scan(e.init[i]!);
  }
  const datas = dataSegmentsOf(module);
  // A table's segments need no object each: only those whose offset is not `i32.const` can name a function.
  if (datas !== undefined) for (const expr of datas.exprs.values()) scan(expr);
  else for (let i = 0; i < module.datas.length; i++) if (!hasI32Offset(module.datas[i]!)) scan(module.datas[i]!.offsetExpr);
  for (const ex of module.exports) if (ex.kind === ExternKind.Func) refs.add(ex.index);
  return refs;
}
