/**
 * The engine's error classes, one per verdict of the spec test suite:
 * malformed ({@link DecodeError}), invalid ({@link ValidationError}),
 * unlinkable ({@link LinkError}) and runtime traps ({@link Trap}).
 *
 * Every message begins with the phrase the official test suite expects
 * ("unexpected end", "type mismatch", "unknown import", "integer divide by zero", ...)
 * and continues with detail. The engine throws these; only boundaries catch them.
 * @module
 */

/** Base class of all engine errors, so a boundary can tell them from host bugs. */
export class WasmError extends Error {
  /** The spec's phrase alone, without detail (what `assert_*` compares against). */
  readonly reason: string;
  constructor(reason: string, detail: string, options?: { cause?: unknown }) {
    super(detail ? `${reason}: ${detail}` : reason, options);
    this.reason = reason;
  }
}

/** The binary is malformed: it does not follow the binary format. */
export class DecodeError extends WasmError {
  override name = "DecodeError";
  /** Byte offset in the module binary where decoding failed. */
  readonly offset: number;
  constructor(reason: string, offset: number, detail = "") {
    super(reason, detail ? `${detail} (at byte offset 0x${offset.toString(16)})` : `at byte offset 0x${offset.toString(16)}`);
    this.offset = offset;
  }
}

/** The module is well formed but invalid: it breaks a validation rule. */
export class ValidationError extends WasmError {
  override name = "ValidationError";
  /** Index of the function (in the function index space) being validated, or -1 outside code. */
  readonly funcIndex: number;
  /** Byte offset in the module binary of the offending instruction or entity, or -1 if unknown. */
  readonly offset: number;
  constructor(reason: string, funcIndex: number, offset: number, detail = "") {
    const where = funcIndex >= 0
      ? `in function ${funcIndex} at byte offset 0x${offset.toString(16)}`
      : offset >= 0 ? `at byte offset 0x${offset.toString(16)}` : "";
    super(reason, [detail, where].filter(Boolean).join(" "));
    this.funcIndex = funcIndex;
    this.offset = offset;
  }
}

/**
 * Instantiation could not match the supplied externs to the module's imports,
 * or a name-based layer (the native registry, the import-list builder) could
 * not supply them. The message reads
 * `incompatible import type for "env" "mem": expected (memory 2), got (memory 1 1) [import 1]`
 * or `unknown import for "m" "f": expected (func) [import 0]`: the spec's
 * phrase, the import's module and field names, both extern types in text
 * syntax, then the import index and any detail in brackets. An error about
 * several imports at once ({@link LinkError.aggregate}) lists each in
 * {@link LinkError.problems}, one line of its message per problem.
 * @see https://webassembly.github.io/spec/core/exec/modules.html#instantiation
 */
export class LinkError extends WasmError {
  override name = "LinkError";
  /** Index of the import that failed, or -1 when the failure is not about one import. */
  readonly importIndex: number;
  /** The import's module name ("" when the failure is not about one name). */
  readonly moduleName: string;
  /** The import's field name ("" when the failure is not about one name). */
  readonly fieldName: string;
  /** The expected extern type in text syntax, or null. */
  readonly expected: string | null;
  /** The supplied extern's type in text syntax, or null when nothing was supplied. */
  readonly actual: string | null;
  /** The individual failures of an aggregated error (empty for a single failure). */
  readonly problems: readonly LinkError[] = [];
  constructor(reason: string, importIndex: number, moduleName: string, fieldName: string,
    expected: string | null = null, actual: string | null = null, detail = "") {
    super(reason, "");
    this.message = linkMessage(reason, importIndex, moduleName, fieldName, expected, actual, detail);
    this.importIndex = importIndex;
    this.moduleName = moduleName;
    this.fieldName = fieldName;
    this.expected = expected;
    this.actual = actual;
  }

  /**
   * One error for several failures: a single failure is returned as it is;
   * otherwise the result's reason is the first failure's, its message has one
   * line per failure, and {@link LinkError.problems} holds them all.
   */
  static aggregate(problems: readonly LinkError[]): LinkError {
    if (problems.length === 0) throw new RangeError("LinkError.aggregate needs at least one problem");
    if (problems.length === 1) return problems[0]!;
    const e = new LinkError(problems[0]!.reason, -1, "", "");
    e.message = problems.map((p) => p.message).join("\n");
    (e as { problems: readonly LinkError[] }).problems = [...problems];
    return e;
  }
}

function linkMessage(reason: string, importIndex: number, moduleName: string, fieldName: string,
  expected: string | null, actual: string | null, detail: string): string {
  const named = moduleName !== "" || fieldName !== "" || importIndex >= 0;
  let s = reason;
  if (named) s += ` for ${JSON.stringify(moduleName)} ${JSON.stringify(fieldName)}`;
  if (expected !== null) s += `: expected ${expected}${actual !== null ? `, got ${actual}` : ""}`;
  const notes = [importIndex >= 0 ? `import ${importIndex}` : "", detail].filter(Boolean);
  if (notes.length) s += named ? ` [${notes.join("; ")}]` : `: ${notes.join("; ")}`;
  return s;
}

/** One frame of a trap's trace, innermost first. */
export interface TrapFrame {
  /** The module instance the function belongs to (opaque here), or null for host code. */
  readonly instance: unknown;
  /** Index of the function in its module's function index space. */
  readonly funcIndex: number;
  /** Offset of the instruction from the start of the function body (where local declarations begin). */
  readonly funcOffset: number;
  /** Offset of the instruction in the module binary. */
  readonly moduleOffset: number;
}

/** The spec's trap messages; each trap's message begins with one of these. */
export const TrapMessage = {
  Unreachable: "unreachable",
  MemoryOutOfBounds: "out of bounds memory access",
  TableOutOfBounds: "out of bounds table access",
  UndefinedElement: "undefined element",
  UninitializedElement: "uninitialized element",
  IndirectCallTypeMismatch: "indirect call type mismatch",
  IntegerDivideByZero: "integer divide by zero",
  IntegerOverflow: "integer overflow",
  InvalidConversion: "invalid conversion to integer",
  CallStackExhausted: "call stack exhausted",
  NullReference: "null reference",
  /** Typed function references: `call_ref` or `return_call_ref` of a null reference. */
  NullFunctionReference: "null function reference",
  /** GC: `i31.get_s`/`i31.get_u` of a null reference. */
  NullI31Reference: "null i31 reference",
  /** GC: `ref.cast` of a value that is not of the target type. */
  CastFailure: "cast failure",
  /** GC: `struct.get`/`struct.set` of a null reference. */
  NullStructReference: "null structure reference",
  /** GC: an `array.*` instruction on a null reference. */
  NullArrayReference: "null array reference",
  /** GC: an array index or range beyond the array's length. */
  ArrayOutOfBounds: "out of bounds array access",
  HostError: "host error",
  /** Threads: an atomic access at an address that is not a multiple of its width. */
  UnalignedAtomic: "unaligned atomic",
  /** Threads: `memory.atomic.wait32`/`wait64` on a memory that is not shared. */
  ExpectedSharedMemory: "expected shared memory",
  /** wasi-threads: another thread of the program ended it (`proc_exit` or a trap), so this one stops too (extension). */
  ThreadGroupExit: "thread group exited",
  /** The host could not allocate a module's table or memory at instantiation (an implementation limit). */
  OutOfMemory: "out of memory",
  /** The store's fuel ran out (extension; after Wasmtime's fuel). */
  OutOfFuel: "all fuel consumed",
  /** The store's wall-clock deadline passed (extension). */
  DeadlineExceeded: "deadline exceeded",
  /** The engine's epoch reached the store's epoch deadline (extension; after Wasmtime's epoch interruption). */
  EpochInterrupt: "interrupted (epoch deadline)",
} as const;

/** A runtime trap: execution aborted; the message begins with one of {@link TrapMessage}. */
export class Trap extends WasmError {
  override name = "Trap";
  /** Frames of the wasm call stack at the trap, innermost first (empty if unknown). */
  frames: TrapFrame[];
  constructor(reason: string, detail = "", options?: { cause?: unknown }) {
    super(reason, detail, options);
    this.frames = [];
  }
}
