/**
 * Our serialization format for compiled modules (documented in the README's
 * porting guide): a 16-byte header, then the module's binary.
 *
 * | offset | size | content |
 * |---|---|---|
 * | 0 | 4 | magic `WTSM` (0x57 0x54 0x53 0x4d) |
 * | 4 | 4 | format version, little-endian (1) |
 * | 8 | 4 | length of the module binary, little-endian |
 * | 12 | 4 | CRC-32 (IEEE 802.3, as zlib computes it) of the module binary, little-endian |
 * | 16 | n | the module binary |
 *
 * Deserializing checks every field, then compiles the binary again (its
 * validation is what makes the result trustworthy).
 * @module
 */

const MAGIC = [0x57, 0x54, 0x53, 0x4d];
const VERSION = 1;
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

/** The serialized form of a module binary. */
export function serialize(binary: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER + binary.length);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, binary.length, true);
  view.setUint32(12, crc32(binary), true);
  out.set(binary, HEADER);
  return out;
}

/** The module binary inside serialized bytes, or a reason why these bytes are not ours or are damaged. */
export function deserialize(bytes: Uint8Array): { binary: Uint8Array } | { error: string } {
  if (bytes.length < HEADER) return { error: `serialized module too short (${bytes.length} bytes)` };
  for (let i = 0; i < 4; i++) if (bytes[i] !== MAGIC[i]) return { error: "not a serialized module (bad magic)" };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== VERSION) return { error: `unsupported serialized module version ${version}` };
  const length = view.getUint32(8, true);
  if (length !== bytes.length - HEADER) return { error: `serialized module length mismatch (header says ${length}, found ${bytes.length - HEADER})` };
  const binary = bytes.slice(HEADER);
  if (crc32(binary) !== view.getUint32(12, true)) return { error: "serialized module checksum mismatch" };
  return { binary };
}
