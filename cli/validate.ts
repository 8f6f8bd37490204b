/**
 * `validate FILE`: decodes and validates a module (`wasm_module_validate`)
 * and prints `valid`, or the engine's message with its byte offset on stderr
 * and exits 1.
 * @module
 */
import { wasm_engine_delete, wasm_engine_new, wasm_store_delete, wasm_store_new } from "../capi/index.js";
import { commandHelp, optionsOf, type Command } from "./command.js";
import { CliError, EXIT_FAILURE, EXIT_OK, usageError } from "./exit-codes.js";
import { readModuleFile, validateModule } from "./module-file.js";
import { flag, parseOptions } from "./options.js";

/** The `validate` command. */
export const validateCommand: Command = {
  name: "validate",
  summary: "Check that a module is well-formed and valid.",
  synopsis: "[OPTIONS] FILE",
  description: [
    "FILE is a binary module, or WebAssembly text (.wat) when the optional package",
    "'wabt' is installed. Prints 'valid' and exits 0, or prints why the module is",
    "malformed or invalid, with the byte offset, on stderr and exits 1.",
  ].join("\n"),
  options: [],
  async run(args) {
    const parsed = parseOptions("validate", args, optionsOf(this));
    if (flag(parsed, "help")) {
      process.stdout.write(commandHelp(this));
      return EXIT_OK;
    }
    if (parsed.rest.length !== 1) throw usageError(parsed.rest.length === 0 ? "validate: no FILE given" : "validate: only one FILE is checked at a time");
    const file = await readModuleFile(parsed.rest[0]!);
    const engine = wasm_engine_new();
    const store = wasm_store_new(engine);
    try {
      const error = validateModule(store, file);
      if (error !== null) throw new CliError(`${file.path}: ${error}`, EXIT_FAILURE);
      process.stdout.write("valid\n");
      return EXIT_OK;
    } finally {
      wasm_store_delete(store);
      wasm_engine_delete(engine);
    }
  },
};

