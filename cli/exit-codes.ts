/**
 * The exit codes of the command line. A WASI program's own status wins
 * over all of these: `run` exits with the status the program gave to
 * `proc_exit` (its low 8 bits, as a Unix process keeps them), or 0 when
 * `_start` returns. A program may therefore exit 1, 2 or 134 itself, as it
 * can under Wasmtime.
 * @module
 */

/** Success: the command did what it was asked (`validate`: the module is valid). */
export const EXIT_OK = 0;

/**
 * The module could not be run or was rejected: a file that cannot be read,
 * text that does not parse, a malformed or invalid module (`validate` too),
 * an import that cannot be linked, an export that `--invoke` cannot find.
 * The message names the byte offset or the import.
 */
export const EXIT_FAILURE = 1;

/** The command line itself is wrong: an unknown command or option, a missing or malformed argument. */
export const EXIT_USAGE = 2;

/**
 * The wasm code trapped (including "all fuel consumed", "deadline exceeded"
 * and an exception that nothing caught): 128 + SIGABRT (6), as Wasmtime
 * exits on Unix, so that a shell tells a trap from a program's own status.
 */
export const EXIT_TRAP = 134;

/** A failure of the command line, with the exit code it ends the process with. */
export class CliError extends Error {
  override name = "CliError";

  /**
   * @param message what went wrong, printed on stderr after the tool's name
   * @param code the exit code ({@link EXIT_FAILURE} or {@link EXIT_USAGE})
   */
  constructor(message: string, readonly code: number) {
    super(message);
  }
}

/** A usage error: the message is followed by a hint to `--help`. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT_USAGE);
}
