/**
 * Module text to binary through wabt, for the runner: text goes in as the
 * script's own bytes (wabt garbles non-ASCII when given a JS string), and
 * nothing is validated (an `assert_invalid` module must reach our validator).
 * @module
 */
import { loadWabt, WASM2_FEATURES } from "../helpers/wat.js";

/** wabt refused the module text. */
export class AssembleError extends Error {
  override name = "AssembleError";
}

/** Turns module text (UTF-8 bytes) into a binary; throws {@link AssembleError}. */
export type Assembler = (text: Uint8Array) => Uint8Array;

/** Loads wabt once and returns a synchronous assembler. */
export async function createAssembler(): Promise<Assembler> {
  const wabt = await loadWabt();
  return (text) => {
    let mod;
    try {
      // wabt reads the view's whole underlying buffer (it takes `buffer.byteLength`), so hand it an exact copy.
      const exact = text.byteOffset === 0 && text.byteLength === text.buffer.byteLength ? text : new Uint8Array(text);
      mod = wabt.parseWat("module.wat", exact, WASM2_FEATURES);
    } catch (e) {
      // wabt's message is "parseWat failed:" then the diagnostics with source excerpts.
      const lines = String((e as Error).message).split("\n").filter((l) => l.includes("error:"));
      throw new AssembleError(lines.length ? lines.join("; ") : String((e as Error).message));
    }
    try {
      return mod.toBinary({ write_debug_names: true }).buffer;
    } catch (e) {
      throw new AssembleError(String((e as Error).message));
    } finally {
      mod.destroy();
    }
  };
}
