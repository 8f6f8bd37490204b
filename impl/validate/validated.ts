/**
 * The validated module: what validation hands to every later stage. It is
 * the decoded module plus what validation learned about it, the types of
 * its index spaces (imports first), so lowering, compiling, linking and the
 * C API read them instead of scanning the imports again. Only validation
 * makes one (and, for modules the engine builds or trusts itself,
 * {@link assumeValidated}); instantiation accepts nothing else, checked at
 * run time as well as by the type.
 * @see https://webassembly.github.io/spec/core/valid/conventions.html#contexts
 * @module
 */
import { funcTypeAt, type FuncType, type GlobalType, type MemoryType, type TableType } from "../base/types.js";
import type { Module } from "../decode/module.js";
import { carryDataSegments } from "../decode/sections/data.js";
import { buildContext, type Context } from "./context.js";

/** The types of a module's index spaces, imported entries first, as the spec's context C holds them. */
export interface IndexSpaces {
  /** The type of every function (`C.funcs`). */
  readonly funcs: readonly FuncType[];
  /** The type index of every function (what `call_indirect` checks and the text format prints). */
  readonly funcTypeIndices: readonly number[];
  readonly tables: readonly TableType[];
  readonly memories: readonly MemoryType[];
  readonly globals: readonly GlobalType[];
  /** The payload type of every tag (results empty). */
  readonly tags: readonly FuncType[];
}

declare const validatedBrand: unique symbol;

/**
 * A module that passed validation, with its index spaces. The brand makes
 * a plain {@link Module} unacceptable where this is asked for; at run time,
 * {@link isValidated} tells the objects validation made from look-alikes.
 */
export interface ValidatedModule extends Module {
  /** The types of the module's index spaces. */
  readonly spaces: IndexSpaces;
  readonly [validatedBrand]: true;
}

/** Every module validation made (a spread copy of one is not in it). */
const made = new WeakSet<object>();

/** The index spaces of a validation context. */
export function spacesOf(ctx: Context): IndexSpaces {
  return {
    funcs: ctx.funcTypes.map((t) => funcTypeAt(ctx.types, t)),
    funcTypeIndices: ctx.funcTypes,
    tables: ctx.tables,
    memories: ctx.memories,
    globals: ctx.globals,
    tags: ctx.tags,
  };
}

/**
 * The validated form of `module` (a new object; `module` itself stays
 * unvalidated). Called by validation once every rule has passed.
 */
export function validated(module: Module, spaces: IndexSpaces): ValidatedModule {
  const m = { ...module, spaces } as ValidatedModule;
  // A decoded module's `datas` is a getter the spread leaves out.
  carryDataSegments(module, m);
  made.add(m);
  return m;
}

/**
 * The validated form of a module that is not validated again because the
 * engine vouches for it: one it built itself (the interpreter's warm-up
 * module, whose bodies are installed already lowered) or the binary of an
 * artifact it serialized itself, whose checksum holds. Only the index
 * spaces are built (a module whose function or tag type indices are out of
 * range is still refused, with the validator's error). Never call it on
 * bytes from elsewhere.
 */
export function assumeValidated(module: Module): ValidatedModule {
  return validated(module, spacesOf(buildContext(module)));
}

/** Whether `module` was made by validation (or {@link assumeValidated}). */
export function isValidated(module: Module): module is ValidatedModule {
  return made.has(module);
}
