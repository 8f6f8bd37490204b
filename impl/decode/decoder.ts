/**
 * Decoding a binary module into a {@link Module}.
 * @see https://webassembly.github.io/spec/core/binary/modules.html
 * @module
 */
import type { Module } from "./module.js";

/** Decodes a binary module; throws {@link DecodeError} when it is malformed. */
export function decodeModule(bytes: Uint8Array): Module {
  void bytes;
  throw new Error("decodeModule: being written");
}
