/**
 * The opcode table of `../base/opcodes.ts` in the form the instruction reader
 * looks it up on every instruction: dense arrays indexed by code instead of a
 * `Map`, so that reading an opcode costs an array load and not a hash lookup.
 * Derived from {@link OP_INFO} once at load time: the table stays the one
 * definition.
 * @module
 */
import { OP_INFO, type OpFeature, type OpInfo } from "../base/opcodes.js";

/** One past the largest code (codes are below 0x10000: the atomics are `0xfe00`..`0xfe4e`, relaxed SIMD's `0xff00`..`0xff13`). */
const CODES = 0x10000;

/** {@link OP_IMM} of a code that is not an instruction. */
export const NOT_AN_OP = 0xff;

/** The features an instruction may belong to, by their number in {@link OP_FEATURE} (0: none). */
export const FEATURE_NAMES: readonly (OpFeature | null)[] = [null, "exceptions", "tailCalls", "relaxedSimd", "threads", "functionReferences", "gc"];

/** Immediate kind (`Imm`) of each code, or {@link NOT_AN_OP}. */
export const OP_IMM: Uint8Array = new Uint8Array(CODES).fill(NOT_AN_OP);

/** Feature of each code, as an index into {@link FEATURE_NAMES} (0 for Wasm 2.0 instructions). */
export const OP_FEATURE: Uint8Array = new Uint8Array(CODES);

/** The {@link OpInfo} of each code (holes for codes that are not instructions). */
export const OP_BY_CODE: readonly (OpInfo | undefined)[] = buildInfos();

function buildInfos(): (OpInfo | undefined)[] {
  const infos: (OpInfo | undefined)[] = new Array<OpInfo | undefined>(CODES).fill(undefined);
  for (const info of OP_INFO.values()) {
    infos[info.code] = info;
    OP_IMM[info.code] = info.imm;
    OP_FEATURE[info.code] = FEATURE_NAMES.indexOf(info.feature);
  }
  return infos;
}
