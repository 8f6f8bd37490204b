/**
 * Matching supplied externs against a module's imports (instantiation steps 3
 * and 4), spec-strict: position by position, the count first, then each
 * extern's type against its import's type.
 * @see https://webassembly.github.io/spec/core/exec/modules.html#instantiation
 * @see https://webassembly.github.io/spec/core/valid/types.html#import-subtyping
 * @module
 */
import { LinkError } from "../base/errors.js";
import { ExternKind, externTypeMatches, externTypeText, funcTypeAt, type ExternType } from "../base/types.js";
import type { Import, Module } from "../decode/module.js";
import type { Extern } from "../runtime/instances.js";

/** The extern type an import asks for (function and tag imports name a type of the module). */
export function importExternType(module: Module, imp: Import): ExternType {
  const d = imp.desc;
  switch (d.kind) {
    case ExternKind.Func: return { kind: d.kind, type: funcTypeAt(module.types, d.typeIndex) };
    case ExternKind.Tag: return { kind: d.kind, type: { type: funcTypeAt(module.types, d.typeIndex) } };
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
 * Matches one extern against import `index` of `module`: null when it fits,
 * else the "incompatible import type" error naming the import and both types.
 * Tables and memories are typed by their *current* size and their maximum, as
 * the spec types an extern in a store, so an extern that has grown may fit
 * where it did not before. `detail` says where the extern came from.
 */
export function matchImport(module: Module, index: number, extern: Extern, detail = ""): LinkError | null {
  const imp = module.imports[index]!;
  const expected = importExternType(module, imp);
  const actual = extern.externType();
  if (externTypeMatches(actual, expected)) return null;
  return new LinkError("incompatible import type", index, imp.module, imp.name,
    externTypeText(expected), externTypeText(actual), detail);
}

/** The "unknown import" error for import `index`: nothing was supplied for it. */
export function unknownImport(module: Module, index: number, detail = ""): LinkError {
  const imp = module.imports[index]!;
  return new LinkError("unknown import", index, imp.module, imp.name,
    externTypeText(importExternType(module, imp)), null, detail);
}

/**
 * Checks the externs against the imports position by position and throws one
 * {@link LinkError} naming every failing import (see {@link LinkError.aggregate}).
 * Nothing is read from or written to any extern but its type, so a failed
 * check leaves every extern as it was.
 */
export function checkImports(module: Module, externs: readonly Extern[]): void {
  const imports = module.imports;
  // 3. The number of externs must equal the number of imports.
  if (externs.length < imports.length) {
    const missing: LinkError[] = [];
    for (let i = externs.length; i < imports.length; i++) {
      missing.push(unknownImport(module, i, `${imports.length} imports, ${externs.length} externs supplied`));
    }
    throw LinkError.aggregate(missing);
  }
  if (externs.length > imports.length) {
    throw new LinkError("import count mismatch", -1, "", "", null, null,
      `the module has ${imports.length} imports, ${externs.length} externs were supplied`);
  }
  // 4. Each extern's type must match its import's type.
  const problems: LinkError[] = [];
  for (let i = 0; i < imports.length; i++) {
    const problem = matchImport(module, i, externs[i]!);
    if (problem !== null) problems.push(problem);
  }
  if (problems.length) throw LinkError.aggregate(problems);
}
