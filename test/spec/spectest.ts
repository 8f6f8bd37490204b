/**
 * The `spectest` host module of the test scripts, as the runner uses it: the
 * engine's built-in module (impl/link/builtins/spectest.ts), with the print
 * functions writing to the runner's log (or nowhere). Each script's registry
 * creates its own, so no state leaks between files.
 * @see https://github.com/WebAssembly/spec/tree/main/interpreter#spectest-host-module
 * @module
 */
import { spectest as builtinSpectest, type BuiltinModule } from "../../impl/index.js";

/** The built-in `spectest` module for one script's registry; prints go to `log` when given. */
export function spectest(log: ((line: string) => void) | null): BuiltinModule {
  return builtinSpectest({ log });
}
