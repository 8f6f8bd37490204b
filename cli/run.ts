/**
 * `run FILE [ARGS...]`: instantiates a module and runs it. A WASI command's
 * `_start` is called with ARGS as its arguments; with `--invoke NAME`, the
 * export NAME is called with ARGS parsed by its parameter types and its
 * results are printed. The process exits with the program's status.
 *
 * The whole command is an embedder of the public C API: an engine (with
 * fuel when asked), a store, the module, its imports resolved by a linker
 * over the engine's registry (`wasmts_linker_imports`, so that a link error
 * is told apart from a trap of the start function), `wasm_instance_new`,
 * and `wasm_func_call`.
 * @module
 */
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, WASM_INIT_VAL, wasm_config_new, wasm_engine_delete, wasm_engine_new_with_config,
  wasm_exporttype_name, wasm_exporttype_vec_delete, wasm_extern_as_func, wasm_extern_vec_delete, wasm_func_call,
  wasm_func_result_arity, wasm_func_type, wasm_functype_delete, wasm_functype_params, wasm_instance_delete,
  wasm_instance_exports, wasm_instance_new, wasm_memory_delete, wasm_module_delete, wasm_module_exports, wasm_store_delete,
  wasm_store_new, wasm_trap_delete, wasm_valtype_kind, wasmts_byte_vec_to_string, wasmts_config_consume_fuel, wasmts_config_set_tier,
  wasmts_engine_registry, wasmts_linker_delete, wasmts_linker_imports, wasmts_linker_new, wasmts_store_set_deadline,
  wasmts_store_set_fuel,
  type wasm_engine_t, type wasm_exporttype_vec_t, type wasm_extern_t, type wasm_extern_vec_t, type wasm_func_t,
  type wasm_instance_t, type wasm_memory_t, type wasm_module_t, type wasm_store_t, type wasm_trap_t, type wasm_val_t,
} from "../capi/index.js";
import { commandHelp, optionsOf, TOOL, type Command } from "./command.js";
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_TRAP, usageError } from "./exit-codes.js";
import { defineImportedSharedMemories } from "./imported-memory.js";
import { compileModule, readModuleFile } from "./module-file.js";
import { flag, parseOptions, single, type OptionSpec, type ParsedOptions } from "./options.js";
import { trapMessage, trapReport } from "./trap-report.js";
import { functypeText } from "./type-text.js";
import { parseValue, resultLine, valueError } from "./values.js";
import { attachWasi, exitCodeOf } from "./wasi.js";

/** A directory to give the program: the host path, and the path the program sees. */
export interface DirMapping {
  readonly host: string;
  readonly guest: string;
}

/** Everything `run` was asked to do. */
export interface RunPlan {
  readonly file: string;
  /** The words after FILE: the program's arguments, or the invoked function's. */
  readonly args: readonly string[];
  readonly invoke: string | null;
  /** argv[0] of the program. */
  readonly argv0: string;
  readonly dirs: readonly DirMapping[];
  /** Variables given with --env, in order (a later one wins). */
  readonly env: readonly (readonly [string, string])[];
  readonly inheritEnv: boolean;
  readonly fuel: bigint | null;
  readonly timeoutMs: number | null;
  /** The execution tier (`--tier`); null for the engine's default. */
  readonly tier: string | null;
}

const OPTIONS: readonly OptionSpec[] = [
  { name: "invoke", value: "NAME", help: "call the export NAME with ARGS (parsed by its parameter types) and print its results" },
  { name: "dir", value: "HOST[::GUEST]", repeatable: true, help: "give the program the host directory HOST, seen as GUEST (default: HOST)" },
  { name: "env", value: "NAME[=VALUE]", repeatable: true, help: "set an environment variable for the program (NAME alone: the host's value, if it has one)" },
  { name: "inherit-env", help: "give the program every environment variable of this process" },
  { name: "argv0", value: "NAME", help: "the program's argv[0] (default: FILE as given)" },
  { name: "fuel", value: "N", help: "stop the program with a trap after N units of fuel (loop iterations and calls)" },
  { name: "timeout", value: "MS", help: "stop the program with a trap once MS milliseconds have passed (checked while wasm code runs)" },
  { name: "tier", value: "TIER", help: "run on the interpreter, the compiler (wasm made into JavaScript), or tiered (interpret, then compile what runs long)" },
];

const TIERS = ["interpreter", "compiler", "tiered"];

/** A non-negative integer option. */
function count(parsed: ParsedOptions, name: string): bigint | null {
  const text = single(parsed, name);
  if (text === undefined) return null;
  if (!/^[0-9]+$/.test(text)) throw usageError(`run: --${name} needs a non-negative integer, got '${text}'`);
  return BigInt(text);
}

/** The plan from the command line. */
export function planOf(parsed: ParsedOptions): RunPlan {
  const [file, ...args] = parsed.rest;
  if (file === undefined) throw usageError("run: no FILE given");
  const dirs = (parsed.values.get("dir") ?? []).map((spec): DirMapping => {
    const sep = spec.indexOf("::");
    const host = sep < 0 ? spec : spec.slice(0, sep);
    const guest = sep < 0 ? spec : spec.slice(sep + 2);
    if (host === "" || guest === "") throw usageError(`run: --dir needs HOST or HOST::GUEST, got '${spec}'`);
    return { host, guest };
  });
  const env = (parsed.values.get("env") ?? []).flatMap((spec): [string, string][] => {
    const eq = spec.indexOf("=");
    const name = eq < 0 ? spec : spec.slice(0, eq);
    if (name === "") throw usageError(`run: --env needs NAME=VALUE or NAME, got '${spec}'`);
    if (eq >= 0) return [[name, spec.slice(eq + 1)]];
    const value = process.env[name];
    return value === undefined ? [] : [[name, value]];
  });
  const timeout = count(parsed, "timeout");
  const tier = single(parsed, "tier") ?? null;
  if (tier !== null && !TIERS.includes(tier)) throw usageError(`run: --tier takes ${TIERS.join(", ")}; got '${tier}'`);
  return {
    file, args, invoke: single(parsed, "invoke") ?? null, argv0: single(parsed, "argv0") ?? file, dirs, env,
    inheritEnv: flag(parsed, "inherit-env"), fuel: count(parsed, "fuel"), timeoutMs: timeout === null ? null : Number(timeout),
    tier,
  };
}

/** How a call ended: normally (with results), or with a trap. */
type Outcome = { readonly trap: null; readonly results: wasm_val_t[] } | { readonly trap: wasm_trap_t };

/** Calls a function with arguments; results as the C API fills them. */
function call(func: wasm_func_t, args: wasm_val_t[]): Outcome {
  const results = Array.from({ length: wasm_func_result_arity(func) }, () => WASM_INIT_VAL());
  const trap = wasm_func_call(func, WASM_ARRAY_VEC(args), WASM_ARRAY_VEC(results));
  return trap === null ? { trap: null, results } : { trap };
}

/** The exit code for a trap: the program's exit status when it exited, else the trap report and {@link EXIT_TRAP}. */
function trapExit(trap: wasm_trap_t): number {
  const status = exitCodeOf(trap);
  if (status !== null) {
    wasm_trap_delete(trap);
    return status;
  }
  const [first, ...frames] = trapReport(trap);
  process.stderr.write([`${TOOL}: ${first}`, ...frames].map((l) => `${l}\n`).join(""));
  wasm_trap_delete(trap);
  return EXIT_TRAP;
}

/** The exports of an instance by name (the module's export types give the names, in the same order). */
function exportsByName(module: wasm_module_t, instance: wasm_instance_t): { map: Map<string, wasm_extern_t>; release(): void } {
  const types: wasm_exporttype_vec_t = WASM_EMPTY_VEC();
  const externs: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_module_exports(module, types);
  wasm_instance_exports(instance, externs);
  const map = new Map<string, wasm_extern_t>();
  for (let i = 0; i < types.size; i++) map.set(wasmts_byte_vec_to_string(wasm_exporttype_name(types.data[i]!)), externs.data[i]!);
  wasm_exporttype_vec_delete(types);
  return { map, release: () => wasm_extern_vec_delete(externs) };
}

/** The export `name` as a function, or a failure that says what it is instead. */
function exportedFunc(exports: Map<string, wasm_extern_t>, name: string, file: string): wasm_func_t {
  const ext = exports.get(name);
  if (ext === undefined) {
    const funcs = [...exports].filter(([, e]) => wasm_extern_as_func(e) !== null).map(([n]) => n);
    throw new CliError(`${file}: no export named '${name}'` + (funcs.length > 0 ? ` (exported functions: ${funcs.join(", ")})` : " (it exports no function)"), EXIT_FAILURE);
  }
  const func = wasm_extern_as_func(ext);
  if (func === null) throw new CliError(`${file}: the export '${name}' is not a function`, EXIT_FAILURE);
  return func;
}

/** The arguments for `func` from words, by its parameter types. */
function argumentsFor(func: wasm_func_t, name: string, words: readonly string[]): wasm_val_t[] {
  const type = wasm_func_type(func);
  try {
    const params = wasm_functype_params(type);
    if (params.size !== words.length) {
      throw usageError(`run: '${name}' ${functypeText(type)} takes ${params.size} argument(s), ${words.length} given`);
    }
    return words.map((word, i) => {
      const kind = wasm_valtype_kind(params.data[i]!);
      const value = parseValue(kind, word);
      if (value === null) throw usageError(`run: argument ${i + 1} of '${name}': ${valueError(kind, word)}`);
      return value;
    });
  } finally {
    wasm_functype_delete(type);
  }
}

/** Resolves the module's imports (a link error is a failure naming each import) and instantiates it. */
function instantiate(engine: wasm_engine_t, store: wasm_store_t, module: wasm_module_t, file: string): { instance: wasm_instance_t } | { code: number } {
  const linker = wasmts_linker_new(store, wasmts_engine_registry(engine));
  const imports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  const linkTrap = { value: null as wasm_trap_t | null };
  let memories: wasm_memory_t[];
  try {
    // wasi-threads programs import their (shared) memory: made here from the import's limits.
    memories = defineImportedSharedMemories(store, linker, module, file);
  } catch (e) {
    wasmts_linker_delete(linker);
    throw e;
  }
  const linked = wasmts_linker_imports(linker, module, null, imports, linkTrap);
  wasmts_linker_delete(linker);
  if (!linked) {
    for (const m of memories) wasm_memory_delete(m);
    const message = trapMessage(linkTrap.value!);
    wasm_trap_delete(linkTrap.value);
    throw new CliError(`${file}: cannot link the module:\n${message}`, EXIT_FAILURE);
  }
  const trap = { value: null as wasm_trap_t | null };
  const instance = wasm_instance_new(store, module, imports, trap);
  wasm_extern_vec_delete(imports);
  // The instance holds each memory now.
  for (const m of memories) wasm_memory_delete(m);
  // A trap here comes from segment initialisation or the start function.
  return instance === null ? { code: trapExit(trap.value!) } : { instance };
}

/** Runs a plan; resolves with the exit code. */
export async function runPlan(plan: RunPlan): Promise<number> {
  const file = await readModuleFile(plan.file);
  const config = wasm_config_new();
  if (plan.fuel !== null) wasmts_config_consume_fuel(config, true);
  if (plan.tier !== null) wasmts_config_set_tier(config, plan.tier);
  const engine = wasm_engine_new_with_config(config);
  const store = wasm_store_new(engine);
  try {
    // With --invoke, the words after FILE are the function's arguments, not the program's.
    const argv = plan.invoke === null ? [plan.argv0, ...plan.args] : [plan.argv0];
    attachWasi(store, { argv, env: plan.env, inheritEnv: plan.inheritEnv, dirs: plan.dirs });
    const module = compileModule(store, file);
    if (plan.fuel !== null) wasmts_store_set_fuel(store, plan.fuel);
    if (plan.timeoutMs !== null) wasmts_store_set_deadline(store, plan.timeoutMs);
    const made = instantiate(engine, store, module, plan.file);
    if ("code" in made) return made.code;
    const exports = exportsByName(module, made.instance);
    try {
      if (plan.invoke !== null) {
        const func = exportedFunc(exports.map, plan.invoke, plan.file);
        const args = argumentsFor(func, plan.invoke, plan.args);
        // A WASI reactor initialises itself in _initialize before any other export is called.
        const init = exports.map.get("_initialize");
        const initFunc = init === undefined || plan.invoke === "_initialize" ? null : wasm_extern_as_func(init);
        if (initFunc !== null) {
          const outcome = call(initFunc, []);
          if (outcome.trap !== null) return trapExit(outcome.trap);
        }
        const outcome = call(func, args);
        if (outcome.trap !== null) return trapExit(outcome.trap);
        process.stdout.write(outcome.results.map((v) => `${resultLine(v)}\n`).join(""));
        return EXIT_OK;
      }
      const start = exports.map.get("_start");
      if (start === undefined) return EXIT_OK;
      const startFunc = exportedFunc(exports.map, "_start", plan.file);
      const outcome = call(startFunc, []);
      return outcome.trap === null ? EXIT_OK : trapExit(outcome.trap);
    } finally {
      exports.release();
      wasm_instance_delete(made.instance);
      wasm_module_delete(module);
    }
  } finally {
    wasm_store_delete(store);
    wasm_engine_delete(engine);
  }
}

/** The `run` command. */
export const runCommand: Command = {
  name: "run",
  summary: "Run a WebAssembly module: a WASI command, or one export with --invoke.",
  synopsis: "[OPTIONS] FILE [ARGS...]",
  description: [
    "FILE is a binary module, or WebAssembly text (.wat, or a .wast holding one",
    "module) when the optional package 'wabt' is installed. Options come before",
    "FILE; every word after FILE is an argument of the program (its argv after",
    "argv[0]) or, with --invoke, of the function. The module's imports are",
    "resolved by the engine's registry, with WASI preview1 (wasi_snapshot_preview1)",
    "configured from the options: stdin, stdout and stderr are this process's, the",
    "environment is empty unless --env or --inherit-env give it, and only --dir",
    "directories are visible (readable and writable, as file descriptors 3, 4, ...).",
    "A shared memory the module imports (a wasi-threads program's env.memory) is",
    "made with the limits of the import; threads it spawns (wasi.thread-spawn)",
    "share its WASI state: descriptors, positions, stdin, stdout and stderr.",
    "",
    "Without --invoke, the module is instantiated (its start function runs) and",
    "its _start export, if any, is called. With --invoke, _initialize is called",
    "first when exported, then NAME; each result is printed as 'VALUE : TYPE'",
    "(42 : i32). Arguments: integers in decimal or 0x hex; floats in decimal,",
    "0x hex, inf, nan or nan:0xPAYLOAD; a v128 as one word 'i32x4 1 2 3 4';",
    "references only as null.",
    "",
    "--fuel and --timeout stop wasm code, not a host call that waits (a read of",
    "stdin, a sleep in poll_oneoff): the time, counted from just before the",
    "module is instantiated, is checked while wasm code runs.",
    "",
    "Exit status: the program's own (the status given to proc_exit, of which a",
    "process keeps the low 8 bits, or 0 when _start returns); 134 when the code",
    "traps (the message and the wasm frames are printed on stderr), running out",
    "of fuel or time included; 1 when the file cannot be read, parsed, validated",
    "or linked; 2 for a usage error.",
  ].join("\n"),
  options: OPTIONS,
  async run(args) {
    const parsed = parseOptions("run", args, optionsOf(this));
    if (flag(parsed, "help")) {
      process.stdout.write(commandHelp(this));
      return EXIT_OK;
    }
    return runPlan(planOf(parsed));
  },
};
