/**
 * The `spectest` host module of the test scripts, as the runner uses it: the
 * engine's built-in module (impl/link/builtins/spectest.ts), with the print
 * functions writing to the runner's log (or nowhere).
 * @see https://github.com/WebAssembly/spec/tree/main/interpreter#spectest-host-module
 * @module
 */
import { createSpectestExterns, spectest as builtinSpectest, type BuiltinModule, type Extern } from "../../impl/index.js";

/** The built-in `spectest` module for one script's registry; prints go to `log` when given. */
export function spectest(log: ((line: string) => void) | null): BuiltinModule {
  return builtinSpectest({ log });
}

/**
 * Creates a fresh `spectest` module's externs (one per script file, so no
 * state leaks between files). With `log`, the print functions write their arguments.
 */
export function createSpectest(log: ((line: string) => void) | null): Map<string, Extern> {
  return createSpectestExterns(log);
}
