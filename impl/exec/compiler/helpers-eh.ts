/**
 * What compiled exception-handling code calls. A `try_table` becomes a
 * JavaScript `try`/`catch` (free until something throws); an exception is
 * the engine's own {@link WasmException} carrying an
 * {@link ExceptionInstance} with its payload in raw form, exactly as the
 * interpreter and host functions throw it, so exceptions cross tiers and
 * the host unchanged and `catch_ref` keeps the instance's identity.
 * @module
 */
import { ExceptionInstance, WasmException } from "../../runtime/exception.js";
import type { ModuleInstance } from "../../runtime/instances.js";
import type { RawValue } from "../../runtime/values.js";
import { partCount } from "./parts.js";
import { pushInternal, readRaw, valueArray } from "./helpers.js";

/**
 * `throw`: the exception of tag `tagIndex` of `inst` whose payload is in
 * compiled form in `vals` (from index 1, see `valueArray`); returned for
 * the generated code to throw (so the throw is visible to V8 there).
 */
export function newException(inst: ModuleInstance, tagIndex: number, vals: readonly unknown[]): WasmException {
  const tag = inst.tags[tagIndex]!;
  const params = tag.type.type.params;
  const payload = new Array<RawValue>(params.length);
  for (let i = 0, at = 1; i < params.length; i++) {
    payload[i] = readRaw(params[i]!, vals, at);
    at += partCount(params[i]!);
  }
  return new WasmException(new ExceptionInstance(tag, payload));
}

/** The exception instance `e` carries when it is a wasm exception (which handlers may catch); null for anything else (traps, engine errors). */
export function caught(e: unknown): ExceptionInstance | null {
  return e instanceof WasmException ? e.exception : null;
}

/** The payload of `exn` in compiled form, from index 1 (see `valueArray`). */
export function unpack(exn: ExceptionInstance): unknown[] {
  const out = valueArray();
  const params = exn.tag.type.type.params;
  for (let i = 0; i < params.length; i++) pushInternal(out, params[i]!, exn.payload[i]);
  return out;
}
