/**
 * Our serialization format for compiled modules, the "AOT" artifact
 * (documented in the README's porting guide): a 16-byte header, then a
 * payload that holds the engine's identity, the module's binary and,
 * when the module was compiled to JavaScript, the compiled form (the
 * generated factory's source, or each function's text for a module
 * compiled one function at a time; its constant pool and which functions
 * it compiled), so that deserializing does not emit again.
 *
 * | offset | size | content |
 * |---|---|---|
 * | 0 | 4 | magic `WTSM` (0x57 0x54 0x53 0x4d) |
 * | 4 | 4 | format version, little-endian (3) |
 * | 8 | 4 | length of the payload, little-endian |
 * | 12 | 4 | CRC-32 (IEEE 802.3, as zlib computes it) of the payload, little-endian |
 * | 16 | n | the payload |
 *
 * The payload, in order (`u32` little-endian; a *string* is a `u32` byte
 * length then UTF-8; *bytes* a `u32` length then the bytes):
 * 1. string: the engine that made it ({@link artifactEngine}: name, version, compiler fingerprint);
 * 2. bytes: the module binary;
 * 3. `u8`: 1 when a compiled form follows, else 0, and then, if 1:
 * 4. `u8` shape: 0 for a whole module's factory, then a string: the factory's
 *    source; 1 for a module compiled one function at a time, then a `u32` n and
 *    n strings: each defined function's text ("" for a stub);
 * 5. `u32` n, then n bytes: 1 for each defined function that was compiled, 0 for a stub;
 * 6. `u32` k, then k constants, each a tag byte and its value: 0 null, 1 f64
 *    (8 bytes, the raw bits: NaN payloads survive), 2 i64 bigint (8 bytes,
 *    two's complement), 3 u64 bigint (8 bytes), 4 string, 5 true, 6 false,
 *    7 undefined, 8 bytes (a `Uint8Array`).
 *
 * The payload must end exactly where the header says. Deserializing
 * checks the header, the checksum, then the engine; a mismatch anywhere
 * refuses the artifact with a reason.
 * @module
 */
import { compilerFingerprint, ENGINE_VERSION, type CompiledForm } from "../../impl/index.js";

const MAGIC = [0x57, 0x54, 0x53, 0x4d];
/** The format version this engine writes and reads. */
export const FORMAT_VERSION = 3;
const HEADER = 16;

let table: Uint32Array | null = null;

/** CRC-32 with the reflected polynomial 0xedb88320. */
export function crc32(bytes: Uint8Array): number {
  if (table === null) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The engine identity an artifact records: name and version, and the compiler's fingerprint (what generated code depends on). */
export function artifactEngine(): string {
  return `${ENGINE_VERSION} compiler ${compilerFingerprint()}`;
}

/** Constant tags (see the module comment). */
const Tag = { Null: 0, F64: 1, I64: 2, U64: 3, String: 4, True: 5, False: 6, Undefined: 7, Bytes: 8 } as const;

/** Scratch cells for exact bit copies (a typed array write keeps a NaN's payload). */
const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
const u64 = new BigUint64Array(f64.buffer);
const cell = new Uint8Array(f64.buffer);

/** A growable byte buffer. */
class Writer {
  private buf = new Uint8Array(1024);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(2 * this.buf.length, this.length + n));
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }

  u8(v: number): void {
    this.room(1);
    this.buf[this.length++] = v;
  }

  u32(v: number): void {
    this.room(4);
    new DataView(this.buf.buffer).setUint32(this.length, v, true);
    this.length += 4;
  }

  bytes(b: Uint8Array): void {
    this.u32(b.length);
    this.raw(b);
  }

  raw(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  string(s: string): void {
    this.bytes(new TextEncoder().encode(s));
  }

  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Writes one constant; false when it is of a kind the format cannot hold. */
function writeConstant(w: Writer, v: unknown): boolean {
  switch (typeof v) {
    case "number":
      w.u8(Tag.F64);
      f64[0] = v;
      w.raw(cell);
      return true;
    case "bigint":
      if (BigInt.asIntN(64, v) === v) {
        w.u8(Tag.I64);
        i64[0] = v;
      } else if (BigInt.asUintN(64, v) === v) {
        w.u8(Tag.U64);
        u64[0] = v;
      } else return false;
      w.raw(cell);
      return true;
    case "string": w.u8(Tag.String); w.string(v); return true;
    case "boolean": w.u8(v ? Tag.True : Tag.False); return true;
    case "undefined": w.u8(Tag.Undefined); return true;
    default:
      if (v === null) { w.u8(Tag.Null); return true; }
      if (v instanceof Uint8Array) { w.u8(Tag.Bytes); w.bytes(v); return true; }
      return false;
  }
}

/** The payload's compiled part; false when a constant cannot be written (the artifact then carries no compiled form). */
function writeCompiled(w: Writer, form: CompiledForm): boolean {
  if (form.functions === null) {
    w.u8(0);
    w.string(form.source);
  } else {
    w.u8(1);
    w.u32(form.functions.length);
    for (const text of form.functions) w.string(text);
  }
  w.u32(form.compiled.length);
  for (const c of form.compiled) w.u8(c ? 1 : 0);
  w.u32(form.constants.length);
  for (const v of form.constants) if (!writeConstant(w, v)) return false;
  return true;
}

/**
 * The serialized form of a module binary and, when given, its compiled
 * form. A compiled form whose constant pool holds a value the format
 * cannot carry is left out (the module is then compiled again where it is
 * deserialized), never written inexactly.
 */
export function serialize(binary: Uint8Array, compiled: CompiledForm | null): Uint8Array {
  const w = new Writer();
  w.string(artifactEngine());
  w.bytes(binary);
  const mark = w.length;
  w.u8(1);
  if (compiled === null || !writeCompiled(w, compiled)) {
    w.length = mark;
    w.u8(0);
  }
  const payload = w.done();
  const out = new Uint8Array(HEADER + payload.length);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, payload.length, true);
  view.setUint32(12, crc32(payload), true);
  out.set(payload, HEADER);
  return out;
}

/** Thrown while reading a payload that does not follow the format. */
class Malformed extends Error {}

/** Reads the payload, bounds-checked: running past its end is {@link Malformed}. */
class Reader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get atEnd(): boolean {
    return this.pos === this.buf.length;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number, what: string): void {
    if (n > this.buf.length - this.pos) throw new Malformed(`${what} runs past the end`);
  }

  u8(what: string): number {
    this.need(1, what);
    return this.buf[this.pos++]!;
  }

  u32(what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  raw(n: number, what: string): Uint8Array {
    this.need(n, what);
    const b = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  bytes(what: string): Uint8Array {
    return this.raw(this.u32(what), what);
  }

  /** A view of the next `n` bytes (no copy: for what is decoded at once). */
  window(n: number, what: string): Uint8Array {
    this.need(n, what);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  string(what: string): string {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(this.window(this.u32(what), what));
    } catch (e) {
      if (e instanceof Malformed) throw e;
      throw new Malformed(`${what} is not UTF-8`);
    }
  }
}

function readConstant(r: Reader): unknown {
  const tag = r.u8("a constant's tag");
  switch (tag) {
    case Tag.Null: return null;
    case Tag.F64: cell.set(r.raw(8, "an f64 constant")); return f64[0];
    case Tag.I64: cell.set(r.raw(8, "an i64 constant")); return i64[0];
    case Tag.U64: cell.set(r.raw(8, "a u64 constant")); return u64[0];
    case Tag.String: return r.string("a string constant");
    case Tag.True: return true;
    case Tag.False: return false;
    case Tag.Undefined: return undefined;
    case Tag.Bytes: return r.bytes("a bytes constant");
    default: throw new Malformed(`unknown constant tag ${tag}`);
  }
}

function readCompiled(r: Reader): CompiledForm {
  const shape = r.u8("the compiled form's shape");
  if (shape > 1) throw new Malformed(`compiled form shape ${shape}`);
  let source = "";
  let functions: string[] | null = null;
  if (shape === 0) {
    source = r.string("the compiled source");
  } else {
    const m = r.u32("the function text count");
    functions = [];
    // Each text is at least its 4-byte length: a count past what remains is malformed, before any allocation.
    if (m > r.remaining / 4) throw new Malformed("the function texts run past the end");
    for (let i = 0; i < m; i++) functions.push(r.string("a function's text"));
  }
  const n = r.u32("the function count");
  const flags = r.raw(n, "the compiled-function flags");
  const compiled: boolean[] = [];
  for (const f of flags) {
    if (f > 1) throw new Malformed(`compiled-function flag ${f}`);
    compiled.push(f === 1);
  }
  const k = r.u32("the constant count");
  // Generic from the start (null first, then removed): an array V8 stored as doubles would lose NaN payloads.
  const constants: unknown[] = [null];
  for (let i = 0; i < k; i++) constants.push(readConstant(r));
  constants.splice(0, 1);
  if (functions !== null && functions.length !== compiled.length) {
    throw new Malformed(`${functions.length} function texts for ${compiled.length} functions`);
  }
  return { source, functions, constants, compiled };
}

/** What a serialized module holds. */
export interface Artifact {
  readonly binary: Uint8Array;
  /** The compiled form, when the module was compiled where it was serialized. */
  readonly compiled: CompiledForm | null;
}

/** The contents of serialized bytes, or a reason why these bytes are not ours, are damaged, or were made by another engine. */
export function deserialize(bytes: Uint8Array): Artifact | { error: string } {
  if (bytes.length < HEADER) return { error: `serialized module too short (${bytes.length} bytes; the header alone is ${HEADER})` };
  for (let i = 0; i < 4; i++) if (bytes[i] !== MAGIC[i]) return { error: "not a serialized module (bad magic)" };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== FORMAT_VERSION) {
    return { error: `serialized module format version ${version} is not supported (this engine reads version ${FORMAT_VERSION})` };
  }
  const length = view.getUint32(8, true);
  if (length !== bytes.length - HEADER) {
    return { error: `serialized module length mismatch (the header says ${length} payload bytes, found ${bytes.length - HEADER}): truncated or extended` };
  }
  const payload = bytes.subarray(HEADER);
  if (crc32(payload) !== view.getUint32(12, true)) return { error: "serialized module checksum mismatch: the artifact is corrupt" };
  const r = new Reader(payload);
  try {
    const engine = r.string("the engine identity");
    const here = artifactEngine();
    if (engine !== here) return { error: `serialized module was made by another engine build (${engine}; this is ${here}): serialize it again with this one` };
    const binary = r.bytes("the module binary");
    const flag = r.u8("the compiled-form flag");
    if (flag > 1) throw new Malformed(`compiled-form flag ${flag}`);
    const compiled = flag === 1 ? readCompiled(r) : null;
    if (!r.atEnd) throw new Malformed("bytes after the end of the payload");
    return { binary, compiled };
  } catch (e) {
    if (!(e instanceof Malformed)) throw e;
    return { error: `serialized module is malformed: ${e.message}` };
  }
}
