/**
 * Module text to binary through wabt, for the runner: text goes in as the
 * script's own bytes (wabt garbles non-ASCII when given a JS string), and
 * nothing is validated (an `assert_invalid` module must reach our validator).
 * @module
 */
import { loadWabt, WASM2_FEATURES } from "../helpers/wat.js";
import { repairDataMemoryIndices } from "../helpers/wat-data-memidx.js";

/** wabt refused the module text. */
export class AssembleError extends Error {
  override name = "AssembleError";
}

/** Turns module text (UTF-8 bytes) into a binary; throws {@link AssembleError}. */
export type Assembler = (text: Uint8Array) => Uint8Array;

/**
 * Loads wabt once and returns a synchronous assembler for text with the given
 * wabt features (the 2.0 set unless told).
 */
export async function createAssembler(features: Readonly<Record<string, boolean>> = WASM2_FEATURES): Promise<Assembler> {
  const wabt = await loadWabt();
  const assemble: Assembler = (text) => {
    let mod;
    try {
      // wabt reads the view's whole underlying buffer (it takes `buffer.byteLength`), so hand it an exact copy.
      const exact = text.byteOffset === 0 && text.byteLength === text.buffer.byteLength ? text : new Uint8Array(text);
      mod = wabt.parseWat("module.wat", exact, features);
    } catch (e) {
      // wabt's message is "parseWat failed:" then the diagnostics with source excerpts.
      const lines = String((e as Error).message).split("\n").filter((l) => l.includes("error:"));
      throw new AssembleError(lines.length ? lines.join("; ") : String((e as Error).message));
    }
    try {
      const binary = withDataCount(mod.toBinary({ write_debug_names: true }).buffer);
      // wabt leaves the memory index out of data segments in a memory other than 0: put it back.
      return features["multi_memory"] === true ? repairDataMemoryIndices(new TextDecoder().decode(text), binary) : binary;
    } catch (e) {
      throw new AssembleError(String((e as Error).message));
    } finally {
      mod.destroy();
    }
  };
  return (text) => {
    try {
      return assemble(text);
    } catch (e) {
      const plain = e instanceof AssembleError ? withoutNullTableInits(text) : null;
      if (plain === null) throw e;
      return assemble(plain);
    }
  };
}

/** A table field whose initialiser is the null reference of its own element type: `(table ... funcref (ref.null func))`. */
const NULL_TABLE_INIT = /(\(table\b(?:[^()]|\([^()]*\))*?\b(func|extern)ref)\s+\(ref\.null\s+\2\)\s*\)/g;

/**
 * The text without table initialisers that are the null reference of the
 * table's own element type, or null when it has none. wabt 1.0.39 cannot
 * read a table's initialiser expression (typed function references), and
 * the 3.0 suite writes `(table 10 funcref (ref.null func))` in files about
 * other things (`instance.wast`); a table without an initialiser starts
 * with that same null in every entry, so the module is the same one, only
 * encoded without the initialiser. Used only when wabt refuses the text as
 * written: any other initialiser stays, and wabt's error with it.
 * @see https://webassembly.github.io/spec/core/syntax/modules.html#tables
 */
export function withoutNullTableInits(text: Uint8Array): Uint8Array | null {
  const source = new TextDecoder().decode(text);
  const plain = source.replace(NULL_TABLE_INIT, "$1)");
  return plain === source ? null : new TextEncoder().encode(plain);
}

function readU32(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0, shift = 0, b: number;
  do {
    b = bytes[at++] ?? 0;
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80 && at < bytes.length);
  return { value, next: at };
}

function encodeU32(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

const SECTION_CODE = 10, SECTION_DATA = 11, SECTION_DATA_COUNT = 12;

/**
 * Adds the data count section wabt leaves out when code uses `memory.init` or
 * `data.drop` but the module has no data segment. The text format implies it
 * (the spec's own text-to-binary conversion writes it whenever code refers to
 * data indices), and without it the binary is malformed ("data count section
 * required") instead of invalid ("unknown data segment").
 * @see https://webassembly.github.io/spec/core/binary/modules.html#data-count-section
 */
export function withDataCount(bin: Uint8Array): Uint8Array {
  const sections: { id: number; start: number; content: number; end: number }[] = [];
  for (let pos = 8; pos < bin.length;) {
    const { value: size, next } = readU32(bin, pos + 1);
    sections.push({ id: bin[pos]!, start: pos, content: next, end: next + size });
    pos = next + size;
  }
  const code = sections.find((s) => s.id === SECTION_CODE);
  if (!code || sections.some((s) => s.id === SECTION_DATA_COUNT)) return bin;
  // A byte-pattern search may also hit immediates; an extra, correct data count section is harmless.
  let refersToData = false;
  for (let i = code.content; i + 1 < code.end && !refersToData; i++) {
    refersToData = bin[i] === 0xfc && (bin[i + 1] === 0x08 || bin[i + 1] === 0x09);
  }
  if (!refersToData) return bin;
  const data = sections.find((s) => s.id === SECTION_DATA);
  const count = encodeU32(data ? readU32(bin, data.content).value : 0);
  const section = [SECTION_DATA_COUNT, ...encodeU32(count.length), ...count];
  const out = new Uint8Array(bin.length + section.length);
  out.set(bin.subarray(0, code.start));
  out.set(section, code.start);
  out.set(bin.subarray(code.start), code.start + section.length);
  return out;
}
