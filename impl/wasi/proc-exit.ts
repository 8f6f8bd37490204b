/**
 * `proc_exit`: the program ends with an exit status. It unwinds like a trap
 * (no wasm handler catches it, the store stays usable), and the status
 * travels with it to the embedder (`wasmts_trap_exit_status`, after
 * Wasmtime's `wasmtime_trap_exit_status`).
 * @module
 */
import { Trap } from "../base/errors.js";

/** The trap that `proc_exit(status)` raises. */
export class ProcExit extends Trap {
  override name = "ProcExit";
  /** The status the program passed to `proc_exit` (0 to 2^32 - 1; WASI commands use 0 to 125). */
  readonly status: number;
  constructor(status: number) {
    super(`exit with status ${status}`);
    this.status = status;
  }
}
