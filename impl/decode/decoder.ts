/**
 * Decoding a binary module into a {@link Module}: the preamble, then the
 * sections in their required order, then the checks that span sections.
 *
 * Errors follow the spec's reference decoder, which reads the whole binary as
 * one stream: a section or body that is read past its declared size is
 * reported as "section size mismatch" once it ends, and running out of bytes
 * anywhere is "unexpected end of section or function".
 * @see https://webassembly.github.io/spec/core/binary/modules.html
 * @module
 */
import { DEFAULT_FEATURES, type Features } from "../base/features.js";
import { newModuleBuilder, finishModule, type BodyScanner, type ModuleBuilder } from "./builder.js";
import { CodeReader } from "./code.js";
import type { Module } from "./module.js";
import { readCodeSection } from "./sections/code.js";
import { readCustomSection } from "./sections/custom.js";
import { readDataSection } from "./sections/data.js";
import { readDataCountSection } from "./sections/datacount.js";
import { readElementSection } from "./sections/element.js";
import { readExportSection } from "./sections/export.js";
import { readFunctionSection } from "./sections/function.js";
import { readGlobalSection } from "./sections/global.js";
import { readImportSection } from "./sections/import.js";
import { readMemorySection } from "./sections/memory.js";
import { readStartSection } from "./sections/start.js";
import { readTableSection } from "./sections/table.js";
import { readTagSection } from "./sections/tag.js";
import { readTypeSection } from "./sections/type.js";
import { Limit } from "../base/limits.js";

/** Section ids of the binary format. */
export const SectionId = {
  Custom: 0, Type: 1, Import: 2, Function: 3, Table: 4, Memory: 5, Global: 6,
  Export: 7, Start: 8, Element: 9, Code: 10, Data: 11, DataCount: 12, Tag: 13,
} as const;
/** One of {@link SectionId}. */
export type SectionId = (typeof SectionId)[keyof typeof SectionId];

/** The `\0asm` magic, read as a little-endian u32. */
const MAGIC = 0x6d736100;
/** The binary format version this decoder reads. */
const VERSION = 1;

/**
 * Position of each non-custom section in the required order (indexed by id):
 * the tag section (13) sits between the memory (5) and global (6) sections,
 * the data count section (12) between the element (9) and code (10) sections.
 */
const SECTION_RANK: readonly number[] = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6];

type SectionReader = (r: CodeReader, m: ModuleBuilder, size: number) => void;

function readerOf(id: SectionId): SectionReader {
  switch (id) {
    case SectionId.Custom: return readCustomSection;
    case SectionId.Type: return readTypeSection;
    case SectionId.Import: return readImportSection;
    case SectionId.Function: return readFunctionSection;
    case SectionId.Table: return readTableSection;
    case SectionId.Memory: return readMemorySection;
    case SectionId.Global: return readGlobalSection;
    case SectionId.Export: return readExportSection;
    case SectionId.Start: return readStartSection;
    case SectionId.Element: return readElementSection;
    case SectionId.Code: return readCodeSection;
    case SectionId.Data: return readDataSection;
    case SectionId.DataCount: return readDataCountSection;
    case SectionId.Tag: return readTagSection;
    default: {
      const never: never = id;
      return never;
    }
  }
}

/**
 * Decodes a binary module; throws {@link DecodeError} when it is malformed.
 * Function bodies are scanned instruction by instruction, so malformed code is
 * reported here, but the result is not validated. `features` says which
 * post-2.0 features are accepted (by default exception handling is);
 * with `WASM_2_0` (`base/features.ts`) their encodings are malformed.
 * `bodyScanner` reads the function bodies in the scan's place (the
 * validator's fused pass, `../validate/fused.ts`); the result is the same.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#binary-module
 */
export function decodeModule(bytes: Uint8Array, features: Features = DEFAULT_FEATURES, bodyScanner: BodyScanner | null = null): Module {
  const r = new CodeReader(bytes, 0, bytes.length);
  r.features = features;
  r.exnRef = features.exceptions;
  r.typedRefs = features.functionReferences;
  r.gc = features.gc;
  readPreamble(r);
  if (bytes.length > Limit.ModuleSize) r.fail("module too large", 0, `${bytes.length} bytes; the implementation limit is ${Limit.ModuleSize}`);
  const m = newModuleBuilder(bytes);
  m.bodyScanner = bodyScanner;
  if (!features.extendedConst) m.wasm2ConstExprs = true;
  if (!features.multiMemory) m.singleMemory = true;
  const lastId = features.exceptions ? SectionId.Tag : SectionId.DataCount;
  let lastRank = 0;
  while (!r.atEnd()) {
    const idAt = r.pos;
    const id = r.u8();
    if (id > lastId) r.fail("malformed section id", idAt, `${id}`);
    if (id !== SectionId.Custom) {
      // An out-of-order or repeated section cannot belong to the module: the spec's
      // grammar ends the module before it.
      const rank = SECTION_RANK[id]!;
      if (rank <= lastRank) r.fail("unexpected content after last section", idAt, `section ${id} out of order`);
      lastRank = rank;
    }
    const size = r.len32();
    const start = r.pos;
    readerOf(id as SectionId)(r, m, size);
    if (r.pos !== start + size) {
      r.fail("section size mismatch", start, `section ${id} declares ${size} bytes, its contents take ${r.pos - start}`);
    }
  }
  checkCrossSection(r, m);
  return finishModule(m);
}

/** The magic number and version. */
function readPreamble(r: CodeReader): void {
  // Each is a fixed 4-byte field, read whole before it is compared.
  if (r.end < 4) r.fail(r.eofMessage, r.end, "in the magic number");
  if (readU32LE(r, 0) !== MAGIC) r.fail("magic header not detected", 0);
  if (r.end < 8) r.fail(r.eofMessage, r.end, "in the version");
  if (readU32LE(r, 4) !== VERSION) r.fail("unknown binary version", 4);
  r.pos = 8;
}

function readU32LE(r: CodeReader, at: number): number {
  const b = r.bytes;
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** Agreements between sections, checked once all are read (in the spec's order). */
function checkCrossSection(r: CodeReader, m: ModuleBuilder): void {
  const end = r.end;
  if (m.funcs.length !== m.codes.length) {
    r.fail("function and code section have inconsistent lengths", end, `${m.funcs.length} functions, ${m.codes.length} bodies`);
  }
  const datas = m.dataSegments !== null ? m.dataSegments.count : m.datas.length;
  if (m.dataCount !== null && m.dataCount !== datas) {
    r.fail("data count and data section have inconsistent lengths", end, `count ${m.dataCount}, ${datas} segments`);
  }
  if (m.dataCount === null && m.usesDataIndex) {
    r.fail("data count section required", end, "memory.init or data.drop used without one");
  }
}
