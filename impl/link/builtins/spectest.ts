/**
 * The `spectest` built-in module that the official test scripts import from:
 * print functions, four immutable globals, a funcref table and a memory.
 * @see https://github.com/WebAssembly/spec/tree/main/interpreter#spectest-host-module
 * @module
 */
import { ValType } from "../../base/types.js";
import { FuncInstance, GlobalInstance, MemoryInstance, TableInstance, type Extern } from "../../runtime/instances.js";
import { f32FromBits, f32ToBits, f64FromBits, f64ToBits, type RawValue } from "../../runtime/values.js";
import type { BuiltinModule } from "./builtin-module.js";

/** How a print function shows one raw argument of type `t` (`1 : i32`, as the reference interpreter does). */
function show(t: ValType, v: RawValue): string {
  switch (t) {
    case ValType.F32: return `${f32FromBits(v as number)} : f32`;
    case ValType.F64: return `${f64FromBits(v as bigint)} : f64`;
    case ValType.I32: return `${v as number} : i32`;
    case ValType.I64: return `${v as bigint} : i64`;
    default: return String(v);
  }
}

/** Where the print functions write: a line per call, or nowhere (null). */
export type PrintSink = ((line: string) => void) | null;

/**
 * The externs of a fresh `spectest` module: `print`, `print_i32`,
 * `print_i64`, `print_f32`, `print_f64`, `print_i32_f32`, `print_f64_f64`
 * (each writes its arguments to `log`, one line per call), `global_i32` and
 * `global_i64` = 666, `global_f32` and `global_f64` = 666.6, `table`
 * (funcref, 10 to 20 entries), `table64` (the same, indexed by i64), `memory` (1 to 2 pages) and `shared_memory`
 * (1 to 2 pages, shared: the threads proposal's).
 */
export function createSpectestExterns(log: PrintSink): Map<string, Extern> {
  const printer = (name: string, params: ValType[]): [string, FuncInstance] => [
    name,
    new FuncInstance({ params, results: [] }, null, -1, (args) => {
      log?.(args.map((a, i) => show(params[i]!, a)).join(" "));
      return [];
    }),
  ];
  return new Map<string, Extern>([
    printer("print", []),
    printer("print_i32", [ValType.I32]),
    printer("print_i64", [ValType.I64]),
    printer("print_f32", [ValType.F32]),
    printer("print_f64", [ValType.F64]),
    printer("print_i32_f32", [ValType.I32, ValType.F32]),
    printer("print_f64_f64", [ValType.F64, ValType.F64]),
    ["global_i32", new GlobalInstance({ valType: ValType.I32, mutable: false }, 666)],
    ["global_i64", new GlobalInstance({ valType: ValType.I64, mutable: false }, 666n)],
    ["global_f32", new GlobalInstance({ valType: ValType.F32, mutable: false }, f32ToBits(666.6))],
    ["global_f64", new GlobalInstance({ valType: ValType.F64, mutable: false }, f64ToBits(666.6))],
    ["table", new TableInstance({ elemType: ValType.FuncRef, limits: { min: 10, max: 20 } })],
    // table64: the 3.0 suite imports an i64-indexed table of 10 to 20 entries by this name (as the reference interpreter's).
    ["table64", new TableInstance({ elemType: ValType.FuncRef, limits: { min: 10, max: 20 }, address64: true })],
    ["memory", new MemoryInstance({ limits: { min: 1, max: 2 } })],
    // Threads: the proposal's tests import a shared memory of 1 to 2 pages by this name.
    ["shared_memory", new MemoryInstance({ limits: { min: 1, max: 2 }, shared: true })],
  ]);
}

/**
 * The `spectest` module as a built-in; its print functions write to `log`
 * (standard output by default, as the reference interpreter does).
 *
 * @example
 * ```ts
 * const registry = new NativeRegistry({ builtins: [spectest({ log: null })] }); // silent prints
 * ```
 */
export function spectest(options: { readonly log?: PrintSink } = {}): BuiltinModule {
  const log = options.log === undefined ? (line: string) => console.log(line) : options.log;
  return { name: "spectest", create: () => createSpectestExterns(log) };
}
