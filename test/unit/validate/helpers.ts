/**
 * Test helpers for the validator: text or hand-built binaries through the
 * decoder and the validator, and assertions on the outcome.
 * @module
 */
import type { ExecutionContext } from "ava";
import { DecodeError, ValidationError } from "../../../impl/base/errors.js";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { decodeAndValidate } from "../../../impl/validate/fused.js";
import { DEFAULT_FEATURES, type Features } from "../../../impl/base/features.js";
import { validateModule } from "../../../impl/validate/validator.js";
import { wat } from "../../helpers/wat.js";

/** Decodes and validates a binary; returns the validation error, or null when the module is valid. */
export function validationErrorOf(bytes: Uint8Array, features: Features = DEFAULT_FEATURES): ValidationError | null {
  const module = decodeModule(bytes, features);
  try {
    validateModule(module);
    return null;
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
}

/** Asserts that module text (or a binary) validates. */
export async function assertValid(t: ExecutionContext, text: string | Uint8Array, features: Features = DEFAULT_FEATURES): Promise<void> {
  const bytes = typeof text === "string" ? await wat(text) : text;
  const error = validationErrorOf(bytes, features);
  t.is(error, null, error?.message);
}

/**
 * Asserts that module text (or a binary) is invalid with a message beginning
 * with `phrase`; returns the error for further checks. Decoded with
 * `features` (by default the engine's).
 */
export async function assertInvalid(t: ExecutionContext, text: string | Uint8Array, phrase: string, features: Features = DEFAULT_FEATURES): Promise<ValidationError> {
  const bytes = typeof text === "string" ? await wat(text) : text;
  const error = validationErrorOf(bytes, features);
  if (error === null) {
    t.fail(`expected "${phrase}", but the module is valid`);
    throw new Error("unreachable");
  }
  t.true(error.message.startsWith(phrase), `expected "${phrase}", got "${error.message}"`);
  return error;
}

/** Unsigned LEB128. */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** A section: id, size, contents. */
export function section(id: number, contents: number[]): number[] {
  return [id, ...leb(contents.length), ...contents];
}

/** A vector: count, then the items' bytes. */
export function vec(items: number[][]): number[] {
  return [...leb(items.length), ...items.flat()];
}

/** A function body with no locals (or the given local runs [count, type]) and the given code (without the final `end`). */
export function body(code: number[], locals: Array<[number, number]> = []): number[] {
  const contents = [...vec(locals.map(([n, t]) => [...leb(n), t])), ...code, 0x0b];
  return [...leb(contents.length), ...contents];
}

/** A binary module from its sections (in order). */
export function moduleBytes(...sections: number[][]): Uint8Array {
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...sections.flat()]);
}

/** Section ids. */
export const Sec = { Type: 1, Import: 2, Func: 3, Table: 4, Memory: 5, Global: 6, Export: 7, Start: 8, Elem: 9, Code: 10, Data: 11, DataCount: 12 } as const;

/** A module of one function of type `[] -> results` with the given code, plus optional extra sections placed by id. */
export function oneFunc(code: number[], results: number[] = [], extra: number[][] = []): Uint8Array {
  const sections = [
    section(Sec.Type, vec([[0x60, 0x00, ...vec(results.map((r) => [r]))]])),
    section(Sec.Func, vec([[0x00]])),
    ...extra,
    section(Sec.Code, vec([body(code)])),
  ];
  return moduleBytes(...sections.sort((a, b) => order(a[0]!) - order(b[0]!)));
}

// The data count section comes before the code section although its id is larger.
function order(id: number): number {
  return id === Sec.DataCount ? 9.5 : id;
}

/** What a compile says: "ok", or the error's class and whole message (offsets included). */
function verdict(compile: () => unknown): string {
  try {
    compile();
    return "ok";
  } catch (e) {
    if (e instanceof DecodeError || e instanceof ValidationError) return `${e.name}: ${e.message}`;
    throw e;
  }
}

/** The verdict of decoding, then validating. */
export const twoPassVerdict = (bytes: Uint8Array): string => verdict(() => validateModule(decodeModule(bytes)));
/** The verdict of the fused pass (`impl/validate/fused.ts`), which must be the same. */
export const onePassVerdict = (bytes: Uint8Array): string => verdict(() => decodeAndValidate(bytes));
