/**
 * Matching supplied externs against a module's imports (instantiation steps 3
 * and 4).
 * @see https://webassembly.github.io/spec/core/exec/modules.html#instantiation
 * @see https://webassembly.github.io/spec/core/valid/types.html#import-subtyping
 * @module
 */
import { LinkError } from "../base/errors.js";
import { ExternKind, externTypeMatches, externTypeText, type ExternType } from "../base/types.js";
import type { Import, Module } from "../decode/module.js";
import type { Extern } from "../runtime/instances.js";

/** The extern type an import asks for (function imports name a type of the module). */
export function importExternType(module: Module, imp: Import): ExternType {
  const d = imp.desc;
  switch (d.kind) {
    case ExternKind.Func: return { kind: d.kind, type: module.types[d.typeIndex]! };
    case ExternKind.Tag: return { kind: d.kind, type: { type: module.types[d.typeIndex]! } };
    case ExternKind.Table:
    case ExternKind.Memory:
    case ExternKind.Global:
      return { kind: d.kind, type: d.type } as ExternType;
    default: {
      const never: never = d;
      return never;
    }
  }
}

/**
 * Checks the externs against the imports position by position; throws
 * {@link LinkError} on a count or type mismatch. Tables and memories match by
 * their current size, as the spec's extern typing of a store does.
 */
export function checkImports(module: Module, externs: readonly Extern[]): void {
  const imports = module.imports;
  // 3. The number of externs must equal the number of imports.
  if (externs.length < imports.length) {
    const missing = imports[externs.length]!;
    throw new LinkError("unknown import", externs.length, missing.module, missing.name, null, null,
      `${imports.length} imports, ${externs.length} externs supplied`);
  }
  if (externs.length > imports.length) {
    throw new LinkError("import count mismatch", -1, "", "", null, null,
      `${imports.length} imports, ${externs.length} externs supplied`);
  }
  // 4. Each extern's type must match its import's type.
  for (let i = 0; i < imports.length; i++) {
    const imp = imports[i]!;
    const expected = importExternType(module, imp);
    const actual = externs[i]!.externType();
    if (!externTypeMatches(actual, expected)) {
      throw new LinkError("incompatible import type", i, imp.module, imp.name, externTypeText(expected), externTypeText(actual));
    }
  }
}
