/**
 * Helpers of the typed function references tests: module text with typed
 * references to a binary through wasm-tools' parser (wabt 1.0.39 cannot read
 * `(ref $t)`, `call_ref`, ...), as the 3.0 spec runner does.
 * @module
 */
import { parse } from "@bytecodealliance/jco-transpile/wasm-tools";
import { compileModule, type ValidatedModule } from "../../../impl/index.js";

/** Module text to a binary (not validated). */
export async function watRefs(text: string): Promise<Uint8Array> {
  return parse(text);
}

/** Module text to a validated module (throws the engine's error). */
export async function compileRefs(text: string): Promise<ValidatedModule> {
  return compileModule(await watRefs(text));
}
