/**
 * Validating a decoded module: the module-level rules in the order of the
 * reference interpreter, then every function body.
 * @see https://webassembly.github.io/spec/core/valid/modules.html#modules
 * @module
 */
import { ValidationError } from "../base/errors.js";
import { ExternKind, isNullable, valTypeName } from "../base/types.js";
import type { Module } from "../decode/module.js";
import { checkConstExpr } from "./const-expr.js";
import { buildContext } from "./context.js";
import { checkExports } from "./exports.js";
import { FunctionValidator } from "./function-body.js";
import { checkMemoryType, checkTableType } from "./limits.js";
import { Invalid } from "./reasons.js";
import { checkDataSegments, checkElemSegment, checkValType } from "./segments.js";
import type { Context } from "./context.js";
import { checkStart } from "./start.js";
import { checkTypeSection } from "./types.js";
import { spacesOf, validated, type ValidatedModule } from "./validated.js";

/**
 * The function bodies' verdict when they were validated already, while they
 * were decoded (`./fused.ts`): the first body's error, or null.
 */
export interface BodyVerdict {
  readonly error: ValidationError | null;
}

/**
 * Validates a module and returns its validated form, which carries the types
 * of its index spaces (the only form instantiation accepts); throws
 * {@link ValidationError} (message beginning with the spec test suite's
 * phrase) when it is invalid. `bodies` is the verdict on the function bodies
 * when they were checked already, while decoding.
 * @see https://webassembly.github.io/spec/core/valid/modules.html#valid-module
 */
export function validateModule(module: Module, bodies: BodyVerdict | null = null): ValidatedModule {
  // Function type indices are checked while the index spaces are built.
  const ctx = buildContext(module);
  checkTypeSection(ctx);
  for (const imp of module.imports) {
    if (imp.desc.kind === ExternKind.Table) {
      checkTableType(imp.desc.type, imp.offset);
      checkValType(ctx, imp.desc.type.elemType, imp.offset);
    } else if (imp.desc.kind === ExternKind.Memory) checkMemoryType(imp.desc.type, imp.offset);
    else if (imp.desc.kind === ExternKind.Global) checkValType(ctx, imp.desc.type.valType, imp.offset);
  }
  // Wasm 3.0: a global's initialiser may read the immutable globals before it, its module's own included.
  module.globals.forEach((g, i) => {
    checkValType(ctx, g.type.valType, g.init.offset);
    checkConstExpr(ctx, g.init, g.type.valType, ctx.importedGlobals + i);
  });
  module.tables.forEach((t, i) => {
    checkTableType(t);
    checkValType(ctx, t.elemType, -1);
    // A table starts filled with its initialiser's value, or with null: a non-nullable one needs an initialiser.
    const init = module.tableInits?.[i] ?? null;
    if (init !== null) checkConstExpr(ctx, init, t.elemType, ctx.importedGlobals);
    else if (!isNullable(t.elemType)) {
      throw new ValidationError(Invalid.TypeMismatch, -1, -1, `table ${ctx.tables.length - module.tables.length + i} of ${valTypeName(t.elemType)} without an initialiser`);
    }
  });
  for (const m of module.memories) checkMemoryType(m);
  for (const e of module.elems) checkElemSegment(ctx, e);
  checkDataSegments(ctx, module);
  if (bodies !== null) {
    if (bodies.error !== null) throw bodies.error;
  } else {
    const validator = new FunctionValidator(ctx);
    for (let i = 0; i < module.codes.length; i++) validator.validate(i);
  }
  checkStart(ctx);
  checkExports(ctx);
  if (module.singleMemory === true && ctx.memories.length > 1) {
    throw new ValidationError(Invalid.MultipleMemories, -1, -1, `${ctx.memories.length} memories; Wasm 2.0 allows one`);
  }
  return validated(module, spacesOf(ctx));
}

