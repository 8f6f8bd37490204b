/**
 * `inspect FILE`: the module's imports and exports with their types in the
 * text syntax, one per line, read through `wasm_module_imports`,
 * `wasm_module_exports` and the type functions:
 *
 * ```
 * (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
 * (export "memory" (memory 1))
 * (export "_start" (func))
 * ```
 *
 * An export line names its type where the text format would name an index.
 * @module
 */
import {
  WASM_EMPTY_VEC, wasm_engine_delete, wasm_engine_new, wasm_exporttype_name, wasm_exporttype_type,
  wasm_exporttype_vec_delete, wasm_importtype_module, wasm_importtype_name, wasm_importtype_type,
  wasm_importtype_vec_delete, wasm_module_delete, wasm_module_exports, wasm_module_imports, wasm_store_delete,
  wasm_store_new, type wasm_exporttype_vec_t, type wasm_importtype_vec_t, type wasm_name_t,
} from "../capi/index.js";
import { commandHelp, optionsOf, type Command } from "./command.js";
import { EXIT_OK, usageError } from "./exit-codes.js";
import { compileModule, readModuleFile } from "./module-file.js";
import { flag, parseOptions } from "./options.js";
import { externtypeText, stringText } from "./type-text.js";

function nameText(name: wasm_name_t): string {
  return stringText(name.data.subarray(0, name.size));
}

/** The `inspect` command. */
export const inspectCommand: Command = {
  name: "inspect",
  summary: "Print a module's imports and exports with their types.",
  synopsis: "[OPTIONS] FILE",
  description: [
    "FILE is a binary module, or WebAssembly text (.wat) when the optional package",
    "'wabt' is installed. Prints one line per import, then one per export, in the",
    "text syntax:",
    "",
    "  (import \"wasi_snapshot_preview1\" \"fd_write\" (func (param i32 i32 i32 i32) (result i32)))",
    "  (export \"memory\" (memory 1))",
    "  (export \"_start\" (func))",
    "",
    "An export line gives the type where the text format would give an index.",
    "Exits 1, with the byte offset, when the module is malformed or invalid.",
  ].join("\n"),
  options: [],
  async run(args) {
    const parsed = parseOptions("inspect", args, optionsOf(this));
    if (flag(parsed, "help")) {
      process.stdout.write(commandHelp(this));
      return EXIT_OK;
    }
    if (parsed.rest.length !== 1) throw usageError(parsed.rest.length === 0 ? "inspect: no FILE given" : "inspect: only one FILE is inspected at a time");
    const file = await readModuleFile(parsed.rest[0]!);
    const engine = wasm_engine_new();
    const store = wasm_store_new(engine);
    try {
      const module = compileModule(store, file);
      const lines: string[] = [];
      const imports: wasm_importtype_vec_t = WASM_EMPTY_VEC();
      wasm_module_imports(module, imports);
      for (const imp of imports.data.slice(0, imports.size)) {
        lines.push(`(import ${nameText(wasm_importtype_module(imp))} ${nameText(wasm_importtype_name(imp))} ${externtypeText(wasm_importtype_type(imp))})`);
      }
      wasm_importtype_vec_delete(imports);
      const exports: wasm_exporttype_vec_t = WASM_EMPTY_VEC();
      wasm_module_exports(module, exports);
      for (const exp of exports.data.slice(0, exports.size)) {
        lines.push(`(export ${nameText(wasm_exporttype_name(exp))} ${externtypeText(wasm_exporttype_type(exp))})`);
      }
      wasm_exporttype_vec_delete(exports);
      wasm_module_delete(module);
      process.stdout.write(lines.map((l) => `${l}\n`).join(""));
      return EXIT_OK;
    } finally {
      wasm_store_delete(store);
      wasm_engine_delete(engine);
    }
  },
};
