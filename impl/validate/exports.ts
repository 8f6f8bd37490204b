/**
 * Validity of exports.
 * @see https://webassembly.github.io/spec/core/valid/modules.html#exports
 * @module
 */
import { ValidationError } from "../base/errors.js";
import { ExternKind } from "../base/types.js";
import type { Context } from "./context.js";
import { Invalid, unknownIndex } from "./reasons.js";

/** Checks that every export names an existing entity and that export names are distinct. */
export function checkExports(ctx: Context): void {
  const names = new Set<string>();
  for (const ex of ctx.module.exports) {
    let count: number;
    let reason: Invalid;
    switch (ex.kind) {
      case ExternKind.Func: count = ctx.funcTypes.length; reason = Invalid.UnknownFunction; break;
      case ExternKind.Table: count = ctx.tables.length; reason = Invalid.UnknownTable; break;
      case ExternKind.Memory: count = ctx.memories.length; reason = Invalid.UnknownMemory; break;
      case ExternKind.Global: count = ctx.globals.length; reason = Invalid.UnknownGlobal; break;
      case ExternKind.Tag: count = ctx.tags.length; reason = Invalid.UnknownTag; break;
      default: {
        const never: never = ex.kind;
        return never;
      }
    }
    if (ex.index >= count) throw unknownIndex(reason, ex.index, -1, ex.offset, `export ${JSON.stringify(ex.name)}`);
    if (names.has(ex.name)) throw new ValidationError(Invalid.DuplicateExport, -1, ex.offset, JSON.stringify(ex.name));
    names.add(ex.name);
  }
}
