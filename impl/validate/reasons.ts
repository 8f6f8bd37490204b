/**
 * The phrases that begin validation error messages, as the spec test suite
 * expects them in `assert_invalid`. Index-carrying reasons ("unknown global 3")
 * follow the reference interpreter, whose messages the suite matches by prefix.
 * @module
 */
import { ValidationError } from "../base/errors.js";

/** Validation failure phrases (the start of every {@link ValidationError} message). */
export const Invalid = {
  TypeMismatch: "type mismatch",
  UnknownType: "unknown type",
  UnknownFunction: "unknown function",
  UnknownTable: "unknown table",
  UnknownMemory: "unknown memory",
  UnknownGlobal: "unknown global",
  UnknownLocal: "unknown local",
  UnknownLabel: "unknown label",
  UnknownElem: "unknown elem segment",
  UnknownData: "unknown data segment",
  UnknownTag: "unknown tag",
  /** A tag whose function type has results (a tag's type describes only its payload). */
  TagResult: "non-empty tag result type",
  ConstantRequired: "constant expression required",
  GlobalImmutable: "global is immutable",
  UndeclaredFuncRef: "undeclared function reference",
  InvalidResultArity: "invalid result arity",
  Alignment: "alignment must not be larger than natural",
  /** A SIMD lane immediate at or beyond the shape's lane count. */
  LaneIndex: "invalid lane index",
  MemorySize: "memory size must be at most 65536 pages (4GiB)",
  TableSize: "table size must be at most 2^32-1",
  /** memory64: an i64 memory's limits (the reference interpreter's phrase). */
  MemorySize64: "memory size must be at most 2^48 pages",
  /** A memarg offset beyond the memory's address type (2^32 - 1 for an i32 memory). */
  OffsetRange: "offset out of range",
  /** Threads: a shared memory type without a maximum. */
  SharedNoMaximum: "shared memory must have maximum",
  /** Threads: an atomic access whose alignment is not exactly its natural one. */
  AtomicAlignment: "atomic alignment must be natural",
  LimitsOrder: "size minimum must not be greater than maximum",
  MultipleMemories: "multiple memories",
  StartFunction: "start function",
  DuplicateExport: "duplicate export name",
  /** Block structure the decoder should have rejected (kept so malformed input still fails cleanly). */
  Unbalanced: "unbalanced block structure",
  UninitializedLocal: "uninitialized local",
  /** GC: a type index that must name a function type (a function's, a block's, a tag's) names a struct or array type. */
  NotFuncType: "non-function type",
  /** GC: a declared supertype that is final, later, or of another structure. */
  SubType: "sub type",
  /** GC: `struct.set` of an immutable field. */
  ImmutableField: "immutable field",
  /** GC: a write (`array.set`, `fill`, `copy`, `init_*`) into an immutable array type. */
  ImmutableArray: "immutable array",
  /** GC: `array.new_data`/`array.init_data` of an array of references. */
  NotNumericArray: "array type is not numeric or vector",
  /** GC: `array.copy` between arrays whose element types do not match. */
  ArrayTypesMismatch: "array types do not match",
  /** GC: a field index beyond a struct type's fields. */
  UnknownField: "unknown field",
} as const;
/** One of {@link Invalid}. */
export type Invalid = (typeof Invalid)[keyof typeof Invalid];

/**
 * Builds the error for a missing index: the reason carries the index
 * (`unknown memory 0`), as the suite sometimes expects it in the phrase.
 */
export function unknownIndex(
  reason: Invalid, index: number, funcIndex: number, offset: number, detail = "",
): ValidationError {
  return new ValidationError(`${reason} ${index}`, funcIndex, offset, detail);
}
