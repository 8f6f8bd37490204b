/**
 * Reading a module from a file: a binary as it is, WebAssembly text through
 * the optional `wabt` package, then compiled or validated through the C API
 * (`wasm_module_new`, `wasm_module_validate`) with the engine's own message
 * (`wasmts_module_last_error`, which ends with the byte offset).
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_EMPTY_VEC, wasm_byte_vec_delete, wasm_byte_vec_new, wasm_module_new, wasm_module_validate,
  wasmts_byte_vec_to_string, wasmts_module_last_error,
  type wasm_byte_vec_t, type wasm_message_t, type wasm_module_t, type wasm_store_t,
} from "../capi/index.js";
import { CliError, EXIT_FAILURE } from "./exit-codes.js";

/** A module file's bytes as a binary, and whether they were made from text. */
export interface ModuleBytes {
  readonly path: string;
  readonly binary: Uint8Array;
  readonly fromText: boolean;
}

/** The binary format's magic number, `\0asm`. */
const MAGIC = [0x00, 0x61, 0x73, 0x6d];

/**
 * Whether a file holds text: named `.wat` or `.wast`, or not starting with
 * the binary's magic number but with what text starts with (`(` or a `;;`
 * comment, after white space).
 */
function isText(path: string, bytes: Uint8Array): boolean {
  if (/\.(wat|wast)$/i.test(path)) return true;
  if (MAGIC.every((b, i) => bytes[i] === b)) return false;
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x28 /* ( */ || (bytes[i] === 0x3b && bytes[i + 1] === 0x3b) /* ;; */;
}

/**
 * The features wabt accepts in text: the ones the engine implements by
 * default (Wasm 2.0, exception handling, tail calls). Anything else fails in
 * wabt's parser with its own message, which is clearer than ours would be.
 */
const TEXT_FEATURES = {
  mutable_globals: true, sat_float_to_int: true, sign_extension: true, multi_value: true, bulk_memory: true,
  reference_types: true, simd: true, exceptions: true, tail_call: true,
};

/** wabt's initialiser (the package's default export) and what it gives. */
type WabtInit = typeof import("wabt");
type Wabt = Awaited<ReturnType<WabtInit>>;

/** The wabt module, or a failure that says how to get it. */
async function loadWabt(path: string): Promise<Wabt> {
  let init: WabtInit;
  try {
    // A dynamic import: wabt is optional, and a binary never needs it.
    init = (await import("wabt")).default;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new CliError(`${path}: reading WebAssembly text needs the optional package 'wabt', which is not installed ` +
        "(npm install wabt), or give a binary .wasm file", EXIT_FAILURE);
    }
    throw e;
  }
  return init();
}

/** Text to binary through wabt, with a name section so that traps name their functions. */
async function assemble(path: string, text: Uint8Array): Promise<Uint8Array> {
  const wabt = await loadWabt(path);
  let mod: ReturnType<typeof wabt.parseWat>;
  try {
    // A copy with its own ArrayBuffer: a small file's Buffer is a view into Node's shared pool, and
    // wabt reads the whole underlying buffer, so it would see the pool's other bytes after the text.
    mod = wabt.parseWat(path, new Uint8Array(text), TEXT_FEATURES);
  } catch (e) {
    // wabt's message starts with a line of its own ("parseWat failed:"), then file:line:column: error.
    const message = (e instanceof Error ? e.message : String(e)).replace(/^parseWat failed:\s*/, "").trimEnd();
    throw new CliError(`${path}: the text does not parse:\n${message}`, EXIT_FAILURE);
  }
  try {
    return mod.toBinary({ write_debug_names: true }).buffer;
  } catch (e) {
    throw new CliError(`${path}: the text cannot be assembled: ${e instanceof Error ? e.message : String(e)}`, EXIT_FAILURE);
  } finally {
    mod.destroy();
  }
}

/** Reads a module file (binary or text) as a binary. */
export async function readModuleFile(path: string): Promise<ModuleBytes> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const reason = (e as { code?: unknown }).code === "ENOENT" ? "no such file" : e instanceof Error ? e.message : String(e);
    throw new CliError(`${path}: cannot read the file: ${reason}`, EXIT_FAILURE);
  }
  if (!isText(path, bytes)) return { path, binary: bytes, fromText: false };
  return { path, binary: await assemble(path, bytes), fromText: true };
}

/** The store's last compile error, with a note when the offsets are those of wabt's binary. */
function lastError(store: wasm_store_t, file: ModuleBytes): string {
  const message: wasm_message_t = WASM_EMPTY_VEC();
  wasmts_module_last_error(store, message);
  const text = wasmts_byte_vec_to_string(message);
  wasm_byte_vec_delete(message);
  return text + (file.fromText ? " (in the binary that wabt made from the text)" : "");
}

/** The file's bytes as a `wasm_byte_vec_t` (the caller deletes it). */
function byteVec(file: ModuleBytes): wasm_byte_vec_t {
  const binary: wasm_byte_vec_t = WASM_EMPTY_VEC();
  wasm_byte_vec_new(binary, file.binary.length, file.binary);
  return binary;
}

/** Compiles a module file in `store`; a malformed or invalid module is a failure with the engine's message. */
export function compileModule(store: wasm_store_t, file: ModuleBytes): wasm_module_t {
  const binary = byteVec(file);
  const module = wasm_module_new(store, binary);
  wasm_byte_vec_delete(binary);
  if (module === null) throw new CliError(`${file.path}: ${lastError(store, file)}`, EXIT_FAILURE);
  return module;
}

/** Validates a module file in `store`: null when it is valid, else the engine's message. */
export function validateModule(store: wasm_store_t, file: ModuleBytes): string | null {
  const binary = byteVec(file);
  const valid = wasm_module_validate(store, binary);
  wasm_byte_vec_delete(binary);
  return valid ? null : lastError(store, file);
}
