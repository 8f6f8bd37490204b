/**
 * Validity of the start function.
 * @see https://webassembly.github.io/spec/core/valid/modules.html#start-function
 * @module
 */
import { ValidationError } from "../base/errors.js";
import { funcTypeAt, funcTypeText } from "../base/types.js";
import type { Context } from "./context.js";
import { Invalid, unknownIndex } from "./reasons.js";

/** Checks that the start function, if any, exists and has type `[] -> []`. */
export function checkStart(ctx: Context): void {
  const start = ctx.module.start;
  if (start === null) return;
  const typeIndex = ctx.funcTypes[start];
  if (typeIndex === undefined) throw unknownIndex(Invalid.UnknownFunction, start, -1, -1, "start function");
  const type = funcTypeAt(ctx.types, typeIndex);
  if (type.params.length !== 0 || type.results.length !== 0) {
    throw new ValidationError(Invalid.StartFunction, -1, -1,
      `function ${start} has type ${funcTypeText(type)}, expected (func)`);
  }
}
