/**
 * The fused pass's fast path (`FunctionValidator.checkRun` in
 * `impl/validate/function-body.ts`) takes the commonest instructions only
 * when their encoding is short and their operands match exactly, and leaves
 * everything else to the general path. Each case here sits at one of its
 * edges (a subtype, an unreachable frame, a multi-value block, a branch to
 * the function's frame, an uninitialised local, an immutable global, an
 * alignment past the natural one, a memory64 or missing memory, a long
 * immediate): the verdict must be the one of decoding then validating,
 * message and offset included, and the expected one. Every module has a
 * custom section after its code, since the fast path leaves the binary's
 * last 16 bytes to the general one.
 */
import test from "ava";
import { onePassVerdict, twoPassVerdict } from "./helpers.js";
import { body, mod, section, u32, vec } from "../decode/binary.js";

const I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, FUNCREF = 0x70, EXTERNREF = 0x6f;
const BLOCK = 0x02, LOOP = 0x03, IF = 0x04, ELSE = 0x05, END = 0x0b, BR = 0x0c, BR_IF = 0x0d, RETURN = 0x0f, CALL = 0x10, CALL_INDIRECT = 0x11;
const DROP = 0x1a, SELECT = 0x1b, UNREACHABLE = 0x00, NOP = 0x01;
const LOCAL_GET = 0x20, LOCAL_SET = 0x21, LOCAL_TEE = 0x22, GLOBAL_GET = 0x23, GLOBAL_SET = 0x24;
const I32_LOAD = 0x28, I64_LOAD = 0x29, I64_STORE = 0x37, I32_STORE8 = 0x3a;
const I32_CONST = 0x41, I64_CONST = 0x42, F32_CONST = 0x43, F64_CONST = 0x44;
const I32_ADD = 0x6a, I64_ADD = 0x7c, I32_EQZ = 0x45, I32_WRAP_I64 = 0xa7, I32_EXTEND8_S = 0xc0;
const REF_NULL = 0xd0, REF_FUNC = 0xd2;
const EMPTY = 0x40;

interface Shape {
  /** The function's local runs: a count, then the type's bytes. */
  locals?: readonly (readonly number[])[];
  /** The function's type: `[params, results]`. */
  sig?: readonly [readonly number[], readonly number[]];
  /** "i32" (the default), "i64" (memory64) or "none". */
  memory?: "i32" | "i64" | "none";
}

/**
 * A module whose function 0 has `code` (final end included). Type 0 is the
 * function's, type 1 `[i32 i64] -> [i64]` (function 1), type 2 `[] -> [i32 i64]`.
 * Tables: 0 of funcref, 1 of externref, 2 of funcref indexed by i64.
 * Globals: 0 `(mut i32)`, 1 `i64`, 2 `(mut funcref)`, 3 `(mut externref)`.
 * A custom section follows the code.
 */
function moduleWith(code: readonly number[], shape: Shape = {}): Uint8Array {
  const [params, results] = shape.sig ?? [[], []];
  const memory = shape.memory ?? "i32";
  return mod(
    section(1, vec([[0x60, ...vec(params.map((t) => [t])), ...vec(results.map((t) => [t]))], [0x60, 2, I32, I64, 1, I64], [0x60, 0, 2, I32, I64]])),
    section(3, vec([[0x00], [0x01]])),
    section(4, vec([[FUNCREF, 0x00, 0x01], [EXTERNREF, 0x00, 0x01], [FUNCREF, 0x04, 0x01]])),
    memory === "none" ? [] : section(5, vec([[memory === "i64" ? 0x04 : 0x00, 0x01]])),
    section(6, vec([
      [I32, 0x01, I32_CONST, 0x00, END],
      [I64, 0x00, I64_CONST, 0x00, END],
      [FUNCREF, 0x01, REF_NULL, FUNCREF, END],
      [EXTERNREF, 0x01, REF_NULL, EXTERNREF, END],
    ])),
    section(9, vec([[0x03, 0x00, ...vec([[0x00], [0x01]])]])),
    section(10, [...u32(2), ...bodyOf(shape.locals ?? [], code), ...body([], [LOCAL_GET, 1, END])]),
    section(0, [1, 0x70, ...new Array<number>(32).fill(0)]),
  );
}

/** A body with its size, from local runs (a count, then the type's bytes) and its code. */
function bodyOf(locals: readonly (readonly number[])[], code: readonly number[]): number[] {
  const content = [...vec(locals), ...code];
  return [...u32(content.length), ...content];
}

/** Both passes agree on `code`, and the verdict starts with `expected`. */
function agree(t: import("ava").ExecutionContext, code: readonly number[], expected: string, shape?: Shape): void {
  const bytes = moduleWith(code, shape);
  const one = onePassVerdict(bytes);
  t.is(one, twoPassVerdict(bytes), `code ${code.map((b) => b.toString(16)).join(" ")}`);
  t.true(one.startsWith(expected), `${one} should start with ${expected}`);
}

test("locals: short and long indices, out of range, and an uninitialised non-defaultable local", (t) => {
  const many = { locals: [[0xc8, 0x01, I32], [1, I64]] };
  agree(t, [LOCAL_GET, 0, DROP, END], "ok", many);
  agree(t, [LOCAL_GET, 0xc8, 0x01, LOCAL_SET, 0xc8, 0x01, END], "ok", many); // local 200 is the i64
  agree(t, [LOCAL_GET, 0x80, 0x80, 0x80, 0x00, DROP, END], "ok", many); // four-byte index 0
  agree(t, [LOCAL_GET, 0xc9, 0x01, DROP, END], "ValidationError: unknown local", many);
  agree(t, [LOCAL_GET, 0, LOCAL_SET, 0xc8, 0x01, END], "ValidationError: type mismatch", many);
  agree(t, [I64_CONST, 1, LOCAL_TEE, 0xc8, 0x01, LOCAL_SET, 0xc8, 0x01, END], "ok", many);
  agree(t, [I32_CONST, 1, LOCAL_TEE, 0xc8, 0x01, DROP, END], "ValidationError: type mismatch", many);
  agree(t, [LOCAL_SET, 0, END], "ValidationError: type mismatch", many); // nothing to pop
  // A (ref func) local has no default: read before it is set, it is invalid; set, then read, valid until its block ends.
  const nonNull = { locals: [[1, 0x64, 0x70]] };
  agree(t, [LOCAL_GET, 0, DROP, END], "ValidationError: uninitialized local", nonNull);
  agree(t, [REF_FUNC, 1, LOCAL_SET, 0, LOCAL_GET, 0, DROP, END], "ok", nonNull);
  agree(t, [BLOCK, EMPTY, REF_FUNC, 1, LOCAL_SET, 0, END, LOCAL_GET, 0, DROP, END], "ValidationError: uninitialized local", nonNull);
  agree(t, [BLOCK, EMPTY, REF_FUNC, 1, LOCAL_TEE, 0, DROP, LOCAL_GET, 0, DROP, END, END], "ok", nonNull);
});

test("a subtype takes the general path: (ref func) where funcref is expected", (t) => {
  // ref.func pushes (ref func); local.set, global.set, call and select on it must go through subtyping.
  agree(t, [REF_FUNC, 1, LOCAL_SET, 0, END], "ok", { locals: [[1, FUNCREF]] });
  agree(t, [REF_FUNC, 1, LOCAL_SET, 0, END], "ValidationError: type mismatch", { locals: [[1, EXTERNREF]] });
  agree(t, [REF_FUNC, 1, GLOBAL_SET, 2, END], "ok");
  agree(t, [REF_FUNC, 1, GLOBAL_SET, 3, END], "ValidationError: type mismatch");
  agree(t, [REF_FUNC, 1, LOCAL_TEE, 0, DROP, END], "ok", { locals: [[1, FUNCREF]] });
  agree(t, [BLOCK, FUNCREF, REF_FUNC, 1, END, DROP, END], "ok");
  agree(t, [BLOCK, FUNCREF, REF_FUNC, 1, BR, 0, END, DROP, END], "ok");
});

test("globals: get and set, immutable, out of range, wrong type", (t) => {
  agree(t, [GLOBAL_GET, 0, GLOBAL_SET, 0, GLOBAL_GET, 1, DROP, END], "ok");
  agree(t, [GLOBAL_GET, 1, GLOBAL_SET, 1, END], "ValidationError: global is immutable");
  agree(t, [GLOBAL_GET, 4, DROP, END], "ValidationError: unknown global");
  agree(t, [GLOBAL_GET, 1, GLOBAL_SET, 0, END], "ValidationError: type mismatch");
  agree(t, [GLOBAL_SET, 0, END], "ValidationError: type mismatch");
});

test("constants: every length, and the lengths the fast path leaves to the general one", (t) => {
  agree(t, [I32_CONST, 0xff, 0xff, 0xff, 0x3f, DROP, END], "ok"); // four bytes
  agree(t, [I32_CONST, 0xff, 0xff, 0xff, 0xff, 0x07, DROP, END], "ok"); // five
  agree(t, [I32_CONST, 0xff, 0xff, 0xff, 0xff, 0x0f, DROP, END], "DecodeError");
  agree(t, [I64_CONST, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x3f, DROP, END], "ok"); // nine bytes
  agree(t, [I64_CONST, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, DROP, END], "ok"); // ten
  agree(t, [I64_CONST, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, DROP, END], "DecodeError");
  agree(t, [F32_CONST, 0, 0, 0xc0, 0x7f, F64_CONST, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f, DROP, DROP, END], "ok");
  agree(t, [I32_CONST, 1, I64_CONST, 1, I32_ADD, DROP, END], "ValidationError: type mismatch");
});

test("numeric operators: unary, binary, conversions, and a later feature's opcode", (t) => {
  agree(t, [I64_CONST, 1, I64_CONST, 2, I64_ADD, I32_WRAP_I64, I32_EQZ, I32_EXTEND8_S, DROP, END], "ok");
  agree(t, [I32_CONST, 1, I64_ADD, DROP, END], "ValidationError: type mismatch");
  agree(t, [I32_CONST, 1, I32_CONST, 1, I64_ADD, DROP, END], "ValidationError: type mismatch");
  agree(t, [I32_ADD, DROP, END], "ValidationError: type mismatch");
});

test("loads and stores: alignments, long offsets, memory64, no memory, operand types", (t) => {
  agree(t, [I32_CONST, 0, I32_LOAD, 2, 0x80, 0x80, 0x80, 0x01, DROP, END], "ok");
  agree(t, [I32_CONST, 0, I32_LOAD, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, DROP, END], "ok"); // offset 2^32 - 1, five bytes
  agree(t, [I32_CONST, 0, I32_LOAD, 2, 0x80, 0x80, 0x80, 0x80, 0x10, DROP, END], "ValidationError"); // 2^32: past an i32 memory
  agree(t, [I32_CONST, 0, I32_LOAD, 3, 0, DROP, END], "ValidationError: alignment must not be larger than natural");
  agree(t, [I32_CONST, 0, I64_CONST, 0, I64_STORE, 3, 0, END], "ok");
  agree(t, [I32_CONST, 0, I32_CONST, 0, I64_STORE, 3, 0, END], "ValidationError: type mismatch");
  agree(t, [I64_CONST, 0, I32_CONST, 0, I32_STORE8, 0, 0, END], "ValidationError: type mismatch");
  agree(t, [I32_CONST, 0, I32_LOAD, 2, 0, DROP, END], "ValidationError: unknown memory", { memory: "none" });
  agree(t, [I64_CONST, 0, I32_LOAD, 2, 0, DROP, END], "ok", { memory: "i64" });
  agree(t, [I32_CONST, 0, I32_LOAD, 2, 0, DROP, END], "ValidationError: type mismatch", { memory: "i64" });
});

test("blocks, loops and ifs: empty, one value, type indices, and their ends", (t) => {
  agree(t, [BLOCK, EMPTY, LOOP, I32, I32_CONST, 1, END, DROP, END, END], "ok");
  agree(t, [BLOCK, I64, I32_CONST, 1, END, DROP, END], "ValidationError: type mismatch");
  agree(t, [BLOCK, EMPTY, I32_CONST, 1, END, END], "ValidationError: type mismatch");
  agree(t, [BLOCK, I32, END, DROP, END], "ValidationError: type mismatch");
  agree(t, [BLOCK, 0x02, END, DROP, DROP, END], "ValidationError: type mismatch"); // type 2: [] -> [i32 i64], and no values
  agree(t, [BLOCK, 0x02, I32_CONST, 1, I64_CONST, 2, END, DROP, DROP, END], "ok");
  agree(t, [I32_CONST, 1, IF, I32, I32_CONST, 2, ELSE, I32_CONST, 3, END, DROP, END], "ok");
  agree(t, [I32_CONST, 1, IF, I32, I32_CONST, 2, END, DROP, END], "ValidationError: type mismatch"); // no else
  agree(t, [I32_CONST, 1, IF, EMPTY, END, END], "ok");
  agree(t, [I64_CONST, 1, IF, EMPTY, END, END], "ValidationError: type mismatch");
  agree(t, [IF, EMPTY, END, END], "ValidationError: type mismatch");
  agree(t, [BLOCK, 0x7b, 0xfd, 0x0c, ...new Array<number>(16).fill(0), END, DROP, END], "ok"); // v128: the general path
  agree(t, [BLOCK, EMPTY, UNREACHABLE, END, END], "ok");
  agree(t, [BLOCK, I32, UNREACHABLE, END, DROP, END], "ok");
  agree(t, [BLOCK, EMPTY, UNREACHABLE, I32_CONST, 1, END, END], "ValidationError: type mismatch");
  agree(t, [BLOCK, I64, UNREACHABLE, END, I64_CONST, 1, I64_ADD, DROP, END], "ok");
  agree(t, [BLOCK, I64, UNREACHABLE, END, I32_CONST, 1, I32_ADD, DROP, END], "ValidationError: type mismatch");
  agree(t, [BLOCK, I32, UNREACHABLE, I64_CONST, 1, END, DROP, END], "ValidationError: type mismatch");
  agree(t, [I32_CONST, 1, IF, EMPTY, UNREACHABLE, END, END], "ok");
  agree(t, [I32_CONST, 1, IF, I32, UNREACHABLE, END, DROP, END], "ValidationError: type mismatch"); // no else to give the i32
  agree(t, [I32_CONST, 1, IF, EMPTY, I32_CONST, 1, END, END], "ValidationError: type mismatch");
});

test("branches: to blocks, loops and the function, with and without values, and in unreachable code", (t) => {
  agree(t, [BLOCK, EMPTY, BR, 0, END, END], "ok");
  agree(t, [BLOCK, I32, I32_CONST, 1, BR, 0, END, DROP, END], "ok");
  agree(t, [BLOCK, I32, I64_CONST, 1, BR, 0, END, DROP, END], "ValidationError: type mismatch");
  agree(t, [BLOCK, I32, BR, 0, END, DROP, END], "ValidationError: type mismatch");
  agree(t, [LOOP, I32, BR, 0, END, DROP, END], "ok"); // a loop's label takes its (no) parameters
  agree(t, [BLOCK, I32, I32_CONST, 1, I32_CONST, 0, BR_IF, 0, END, DROP, END], "ok");
  agree(t, [BLOCK, I32, I64_CONST, 1, I32_CONST, 0, BR_IF, 0, DROP, I32_CONST, 0, END, DROP, END], "ValidationError: type mismatch");
  agree(t, [BLOCK, EMPTY, I64_CONST, 0, BR_IF, 0, END, END], "ValidationError: type mismatch");
  agree(t, [BLOCK, EMPTY, BR, 2, END, END], "ValidationError: unknown label");
  agree(t, [BLOCK, EMPTY, BR, 1, END, END], "ok"); // the function's label
  agree(t, [BLOCK, EMPTY, I32_CONST, 1, BR, 1, END, UNREACHABLE, END], "ok", { sig: [[], [I32]] });
  agree(t, [BLOCK, EMPTY, I64_CONST, 1, BR, 1, END, UNREACHABLE, END], "ValidationError: type mismatch", { sig: [[], [I32]] });
  agree(t, [BLOCK, EMPTY, BR, 0x80, 0x80, 0x80, 0x00, END, END], "ok"); // label 0, four bytes
  agree(t, [BLOCK, 0x02, I32_CONST, 1, I64_CONST, 1, BR, 0, END, DROP, DROP, END], "ok"); // multi-value label
  agree(t, [BLOCK, EMPTY, UNREACHABLE, BR_IF, 0, BR, 0, END, END], "ok");
  agree(t, [I32_CONST, 1, RETURN, END], "ok", { sig: [[], [I32]] });
  agree(t, [I64_CONST, 1, RETURN, END], "ValidationError: type mismatch", { sig: [[], [I32]] });
  agree(t, [RETURN, END], "ValidationError: type mismatch", { sig: [[], [I32]] });
  agree(t, [I64_CONST, 1, I32_CONST, 1, RETURN, I64_ADD, DROP, END], "ok", { sig: [[], [I32]] }); // unreachable after it
  agree(t, [BLOCK, EMPTY, UNREACHABLE, RETURN, END, UNREACHABLE, END], "ok", { sig: [[], [I32]] });
  agree(t, [RETURN, END], "ok");
});

test("calls: parameters, results, unknown functions, and operands of the wrong type", (t) => {
  agree(t, [I32_CONST, 1, I64_CONST, 2, CALL, 1, DROP, END], "ok");
  agree(t, [I64_CONST, 1, I64_CONST, 2, CALL, 1, DROP, END], "ValidationError: type mismatch");
  agree(t, [I64_CONST, 2, CALL, 1, DROP, END], "ValidationError: type mismatch");
  agree(t, [CALL, 2, END], "ValidationError: unknown function");
  agree(t, [UNREACHABLE, CALL, 1, DROP, END], "ok");
  agree(t, [CALL, 0, END], "ok"); // itself: [] -> []
});

test("call_indirect: the table's element and index types, the type index, the operands", (t) => {
  agree(t, [I32_CONST, 1, I64_CONST, 2, I32_CONST, 0, CALL_INDIRECT, 1, 0, DROP, END], "ok");
  agree(t, [I32_CONST, 1, I64_CONST, 2, I32_CONST, 0, CALL_INDIRECT, 1, 0x80, 0x00, DROP, END], "ok"); // table 0 in two bytes
  agree(t, [I32_CONST, 1, I64_CONST, 2, I64_CONST, 0, CALL_INDIRECT, 1, 2, DROP, END], "ok");
  agree(t, [I32_CONST, 1, I64_CONST, 2, I32_CONST, 0, CALL_INDIRECT, 1, 2, DROP, END], "ValidationError: type mismatch");
  agree(t, [I32_CONST, 1, I64_CONST, 2, I32_CONST, 0, CALL_INDIRECT, 1, 1, DROP, END], "ValidationError: type mismatch");
  agree(t, [I32_CONST, 1, I64_CONST, 2, I32_CONST, 0, CALL_INDIRECT, 1, 3, DROP, END], "ValidationError: unknown table");
  agree(t, [I32_CONST, 0, CALL_INDIRECT, 3, 0, END], "ValidationError: unknown type");
  agree(t, [I64_CONST, 1, I64_CONST, 2, I32_CONST, 0, CALL_INDIRECT, 1, 0, DROP, END], "ValidationError: type mismatch");
  agree(t, [I32_CONST, 1, I64_CONST, 2, CALL_INDIRECT, 1, 0, DROP, END], "ValidationError: type mismatch");
  agree(t, [UNREACHABLE, CALL_INDIRECT, 1, 0, DROP, END], "ok");
});

test("memory.copy and memory.fill: memory 0 only, i32 operands", (t) => {
  const zeros3 = [I32_CONST, 0, I32_CONST, 0, I32_CONST, 0];
  agree(t, [...zeros3, 0xfc, 0x0a, 0, 0, ...zeros3, 0xfc, 0x0b, 0, END], "ok");
  agree(t, [I32_CONST, 0, I32_CONST, 0, I64_CONST, 0, 0xfc, 0x0a, 0, 0, END], "ValidationError: type mismatch");
  agree(t, [I32_CONST, 0, I32_CONST, 0, 0xfc, 0x0b, 0, END], "ValidationError: type mismatch");
  agree(t, [...zeros3, 0xfc, 0x0a, 1, 0, END], "ValidationError: unknown memory");
  agree(t, [...zeros3, 0xfc, 0x0b, 0, END], "ValidationError: unknown memory", { memory: "none" });
  agree(t, [I64_CONST, 0, I32_CONST, 0, I64_CONST, 0, 0xfc, 0x0b, 0, END], "ok", { memory: "i64" });
  agree(t, [...zeros3, 0xfc, 0x0b, 0, END], "ValidationError: type mismatch", { memory: "i64" });
  agree(t, [...zeros3, 0xfc, 0x0b, 0x80, 0x00, END], "ok"); // memory 0 in two bytes
});

test("the function's end: its results exactly", (t) => {
  agree(t, [I32_CONST, 1, END], "ok", { sig: [[], [I32]] });
  agree(t, [I64_CONST, 1, END], "ValidationError: type mismatch", { sig: [[], [I32]] });
  agree(t, [END], "ValidationError: type mismatch", { sig: [[], [I32]] });
  agree(t, [I32_CONST, 1, I32_CONST, 1, END], "ValidationError: type mismatch", { sig: [[], [I32]] });
  agree(t, [I32_CONST, 1, END], "ValidationError: type mismatch");
  agree(t, [UNREACHABLE, END], "ok", { sig: [[], [I32]] });
  agree(t, [REF_FUNC, 1, END], "ok", { sig: [[], [FUNCREF]] });
  agree(t, [I32_CONST, 1, END, NOP], "DecodeError");
});

test("drop, select and nop: operand counts and types", (t) => {
  agree(t, [NOP, I32_CONST, 1, I32_CONST, 2, I32_CONST, 0, SELECT, DROP, END], "ok");
  agree(t, [I64_CONST, 1, I32_CONST, 2, I32_CONST, 0, SELECT, DROP, END], "ValidationError: type mismatch");
  agree(t, [I32_CONST, 1, I32_CONST, 2, I64_CONST, 0, SELECT, DROP, END], "ValidationError: type mismatch");
  agree(t, [REF_NULL, FUNCREF, REF_NULL, FUNCREF, I32_CONST, 0, SELECT, DROP, END], "ValidationError: type mismatch");
  agree(t, [I32_CONST, 0, SELECT, DROP, END], "ValidationError: type mismatch");
  agree(t, [DROP, END], "ValidationError: type mismatch");
  agree(t, [UNREACHABLE, SELECT, DROP, DROP, END], "ok");
});

test("F32, F64 and I64 stay distinct operand types", (t) => {
  agree(t, [F32_CONST, 0, 0, 0, 0, F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0, 0xa0, DROP, END], "ValidationError: type mismatch");
  agree(t, [LOCAL_GET, 0, LOCAL_GET, 1, I64_ADD, DROP, END], "ValidationError: type mismatch", { locals: [[1, I64], [1, F64]] });
  agree(t, [LOCAL_GET, 0, LOCAL_GET, 1, I64_ADD, DROP, END], "ok", { locals: [[2, I64]] });
  agree(t, [LOCAL_GET, 0, DROP, END], "ok", { sig: [[F32], []] });
});
