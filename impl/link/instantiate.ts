/**
 * Instantiation in the spec's numbered steps: check the imports, allocate the
 * module instance, initialise tables and memories from segments, run start.
 * @see https://webassembly.github.io/spec/core/exec/modules.html#instantiation
 * @module
 */
import { Trap, TrapMessage } from "../base/errors.js";
import { ExternKind } from "../base/types.js";
import { invoke } from "../exec/tier.js";
import {
  FuncInstance, GlobalInstance, MemoryInstance, ModuleInstance, TableInstance,
  type Extern, type Store,
} from "../runtime/instances.js";
import { TagInstance } from "../runtime/tag.js";
import { isValidated, type ValidatedModule } from "../validate/validated.js";
import { evalConstExpr } from "./const-expr.js";
import { checkImports } from "./imports.js";
import { initDataSegments, initElemSegments } from "./segments.js";

/**
 * Instantiates a validated module (only what validation returned: a
 * decoded module that was not validated is refused with a `TypeError`)
 * with externs matched to its imports by position. Throws {@link LinkError} before allocating anything when an extern
 * does not match; throws {@link Trap} when a table or memory cannot be
 * allocated ("out of memory", before the instance is counted), when a segment
 * does not fit or the start function traps (the instance was allocated, and
 * writes already made to imported tables and memories stay, as the spec
 * requires). The store counts the instance but does not keep it: it lives
 * while something reaches it.
 * @see https://webassembly.github.io/spec/core/exec/modules.html#instantiation
 */
export function instantiate(store: Store, module: ValidatedModule, imports: readonly Extern[]): ModuleInstance {
  // 1.-2. The module is valid: validation made it (the type says so; this checks it for untyped callers).
  if (!isValidated(module)) throw new TypeError("instantiate: the module was not validated (use the module that compileModule or validateModule returns)");
  // 3.-4. Check the externs against the imports; nothing is allocated before they all match.
  checkImports(module, imports);
  // The store's resource limits (an extension): counted, or a LinkError, before anything is allocated.
  store.limits.admitInstance(module);

  // 5.-11. Allocate the module instance (the spec evaluates global initialisers and
  // element initialisers in an auxiliary instance of the imported globals and all
  // functions; allocating functions first and reading globals as they are added is
  // the same, since validation lets initialisers read imported globals only).
  const inst = new ModuleInstance(module);
  inst.store = store;
  allocate(inst, imports);
  for (let i = module.importedTables; i < inst.tables.length; i++) inst.tables[i]!.limits = store.limits;
  for (let i = module.importedMemories; i < inst.memories.length; i++) inst.memories[i]!.limits = store.limits;
  // Threads: the store's interrupts reach this thread's waits on its shared memories.
  for (const m of inst.memories) if (m.sharedParts !== null) m.waitWatch = store;
  store.instanceCount++;

  // 12.-16. Element segments, then data segments (Wasm 2.0 order), each active one
  // applied as `table.init`/`memory.init` followed by a drop.
  initElemSegments(inst, inst);
  initDataSegments(inst, inst);

  // 17. Run the start function.
  if (module.start !== null) invoke(inst.funcs[module.start]!, []);
  return inst;
}

/**
 * Module allocation: the index spaces (imports first, the same objects as
 * supplied, never copies), the segments' contents and the exports. Throws
 * {@link Trap} "out of memory" when a table or memory cannot be allocated.
 * @see https://webassembly.github.io/spec/core/exec/modules.html#alloc-module
 */
function allocate(inst: ModuleInstance, imports: readonly Extern[]): void {
  const module = inst.module;
  for (let i = 0; i < imports.length; i++) {
    const ext = imports[i]!;
    switch (ext.kind) {
      case ExternKind.Func: inst.funcs.push(ext); break;
      case ExternKind.Table: inst.tables.push(ext); break;
      case ExternKind.Memory: inst.memories.push(ext); break;
      case ExternKind.Global: inst.globals.push(ext); break;
      case ExternKind.Tag:
        // A tag has no name of its own; the first import or export name gives uncaught exceptions one to show.
        ext.name ??= module.imports[i]!.name;
        inst.tags.push(ext);
        break;
      default: {
        const never: never = ext;
        return never;
      }
    }
  }
  const spaces = module.spaces;
  for (let i = 0; i < module.funcs.length; i++) {
    const index = module.importedFuncs + i;
    inst.funcs.push(new FuncInstance(spaces.funcs[index]!, inst, index, null));
  }
  // Typed function references: a table with an initialiser starts filled with its value (only imported globals are visible to it).
  module.tables.forEach((type, i) => {
    const init = module.tableInits?.[i] ?? null;
    const value = init === null ? null : evalConstExpr(init, inst);
    inst.tables.push(allocated(() => new TableInstance(type, value), `table of ${type.limits.min} elements`));
  });
  for (const type of module.memories) inst.memories.push(allocated(() => new MemoryInstance(type), `memory of ${type.limits.min} pages`));
  // Each instantiation makes new tags: an exception thrown with one instance's tag is not caught by another's.
  for (let i = 0; i < module.tags.length; i++) inst.tags.push(new TagInstance({ type: spaces.tags[module.importedTags + i]! }));
  for (const g of module.globals) inst.globals.push(new GlobalInstance(g.type, evalConstExpr(g.init, inst)));
  // Segment contents are evaluated now, before any segment is applied.
  for (const seg of module.elems) inst.elems.push(seg.init.map((e) => evalConstExpr(e, inst)));
  for (const seg of module.datas) inst.datas.push(seg.bytes);
  for (const e of module.exports) {
    const value = exportedExtern(inst, e.kind, e.index);
    if (value.kind === ExternKind.Tag) value.name ??= e.name;
    inst.exports.push({ name: e.name, value });
  }
}

/**
 * Runs an allocation, turning the host's failure (`RangeError`) into a
 * {@link Trap} "out of memory": resource exhaustion while instantiating, like
 * "call stack exhausted" while running, is a runtime failure of a valid
 * module, not a link error (its imports matched).
 */
function allocated<T>(make: () => T, what: string): T {
  try {
    return make();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new Trap(TrapMessage.OutOfMemory, `cannot allocate the ${what}: ${e.message}`, { cause: e });
  }
}

function exportedExtern(inst: ModuleInstance, kind: ExternKind, index: number): Extern {
  switch (kind) {
    case ExternKind.Func: return inst.funcs[index]!;
    case ExternKind.Table: return inst.tables[index]!;
    case ExternKind.Memory: return inst.memories[index]!;
    case ExternKind.Global: return inst.globals[index]!;
    case ExternKind.Tag: return inst.tags[index]!;
    default: {
      const never: never = kind;
      return never;
    }
  }
}
