/**
 * Test helper: asserting that decoding fails with a given spec phrase.
 * @module
 */
import type { ExecutionContext } from "ava";
import { DecodeError } from "../../../impl/base/errors.js";
import type { Features } from "../../../impl/base/features.js";
import { decodeModule } from "../../../impl/decode/decoder.js";

/**
 * Asserts that decoding `bytes` (with `features`, by default the engine's)
 * throws a {@link DecodeError} whose message begins with `phrase`; returns it.
 */
export function malformed(t: ExecutionContext, bytes: Uint8Array, phrase: string, features?: Features): DecodeError {
  const e = t.throws(() => decodeModule(bytes, features), { instanceOf: DecodeError });
  t.true(e!.message.startsWith(phrase), `expected "${phrase}", got "${e!.message}"`);
  return e as DecodeError;
}
