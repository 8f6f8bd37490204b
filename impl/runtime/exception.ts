/**
 * Exceptions (exception handling): the exception instances that `throw`
 * creates and `exnref` values refer to, and {@link WasmException}, the error
 * an exception becomes when it leaves wasm code uncaught.
 * @see https://webassembly.github.io/spec/core/exec/runtime.html#exception-instances
 * @module
 */
import { WasmError } from "../base/errors.js";
import { ValType, topType } from "../base/types.js";
import type { TagInstance } from "./tag.js";
import type { RawValue } from "./values.js";

/**
 * An exception instance: a tag and the payload values it was thrown with, in
 * raw form (one per parameter of the tag's type). An `exnref` is a reference
 * to one; `throw_ref` rethrows the same instance, so identity is kept.
 */
export class ExceptionInstance {
  constructor(readonly tag: TagInstance, readonly payload: readonly RawValue[]) {}
}

/** Whether `v` has the raw form of a value of type `t` (references are not checked). */
function hasRawForm(t: ValType, v: RawValue): boolean {
  switch (topType(t)) {
    case ValType.I32: return typeof v === "number" && (v | 0) === v;
    case ValType.F32: return typeof v === "number" && v >>> 0 === v;
    case ValType.I64: return typeof v === "bigint" && BigInt.asIntN(64, v) === v;
    case ValType.F64: return typeof v === "bigint" && BigInt.asUintN(64, v) === v;
    case ValType.V128: return v instanceof Uint8Array && v.length === 16;
    case ValType.FuncRef:
    case ValType.ExternRef:
    case ValType.AnyRef:
      return true;
    case ValType.ExnRef: return v === null || v instanceof ExceptionInstance;
    default: {
      throw new Error(`internal: no case for value type ${t}`);
    }
  }
}

function showRaw(v: RawValue): string {
  if (v === null) return "null";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (v instanceof Uint8Array) return `v128 ${[...v].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
  return "ref";
}

/**
 * A wasm exception that left wasm code uncaught, or that a host function
 * throws to raise one in wasm (wasm code can catch it by its tag). It is not a
 * trap: traps are never caught by wasm code. The message reads
 * `uncaught exception: tag "e0" (param i32) with payload [42]`.
 * @see https://webassembly.github.io/spec/core/exec/instructions.html#xref-syntax-instructions-syntax-instr-control-mathsf-throw-x
 */
export class WasmException extends WasmError {
  override name = "WasmException";
  /** The exception instance: wasm code that catches it with `catch_ref` gets this very object. */
  readonly exception: ExceptionInstance;

  /**
   * An exception of `tag` with `payload` in raw form, one value per parameter
   * of the tag's type; throws `TypeError` when the payload does not fit.
   */
  constructor(tag: TagInstance, payload: readonly RawValue[]);
  /** The error for an existing exception instance (an exception leaving wasm). */
  constructor(exception: ExceptionInstance);
  constructor(what: TagInstance | ExceptionInstance, payload?: readonly RawValue[]) {
    const exception = what instanceof ExceptionInstance ? what : new ExceptionInstance(what, [...(payload ?? [])]);
    const params = exception.tag.type.type.params;
    if (exception.payload.length !== params.length || !params.every((t, i) => hasRawForm(t, exception.payload[i]))) {
      throw new TypeError(`an exception of ${exception.tag.describe()} needs ${params.length} payload value(s) of those types, got [${exception.payload.map(showRaw).join(", ")}]`);
    }
    super("uncaught exception", `${exception.tag.describe()} with payload [${exception.payload.map(showRaw).join(", ")}]`);
    this.exception = exception;
  }

  /** The exception's tag. */
  get tag(): TagInstance {
    return this.exception.tag;
  }

  /** The exception's payload values in raw form. */
  get payload(): readonly RawValue[] {
    return this.exception.payload;
  }
}
