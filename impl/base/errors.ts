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

/** Instantiation could not match the supplied externs to the module's imports. */
export class LinkError extends WasmError {
  override name = "LinkError";
  /** Index of the import that failed, or -1 when the failure is not about one import. */
  readonly importIndex: number;
  readonly moduleName: string;
  readonly fieldName: string;
  /** Expected and actual extern types in text syntax, when the failure is a type mismatch. */
  readonly expected: string | null;
  readonly actual: string | null;
  constructor(reason: string, importIndex: number, moduleName: string, fieldName: string,
    expected: string | null = null, actual: string | null = null, detail = "") {
    const parts: string[] = [];
    if (importIndex >= 0) parts.push(`for ${JSON.stringify(moduleName)} ${JSON.stringify(fieldName)} (import ${importIndex})`);
    if (expected !== null) parts.push(`expected ${expected}, got ${actual ?? "nothing"}`);
    if (detail) parts.push(detail);
    super(reason, parts.join(": "));
    this.importIndex = importIndex;
    this.moduleName = moduleName;
    this.fieldName = fieldName;
    this.expected = expected;
    this.actual = actual;
  }
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
  HostError: "host error",
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
