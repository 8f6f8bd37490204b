import test from "ava";
import { ValidationError } from "../../../impl/base/errors.js";
import { Op } from "../../../impl/base/opcodes.js";
import { HeapType, NON_NULL, ValType, concreteHeap, refType } from "../../../impl/base/types.js";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { RefFuncExpr, refFuncExpr } from "../../../impl/decode/expr.js";
import { SegmentMode, type ConstExpr, type ElemSegment } from "../../../impl/decode/module.js";
import { buildContext } from "../../../impl/validate/context.js";
import { checkElemSegment } from "../../../impl/validate/segments.js";
import { body, mod, section, u32, vec } from "../decode/binary.js";

// The validator's shortcuts for large modules give the verdicts of the
// general rules: function indices of element segments (RefFuncExpr objects,
// judged by index, once per function type) as the same expressions as plain
// instruction lists; function type indices checked once per type; the
// functions that ref.func may name, found when first asked for.

/** Types 0: [] -> [] and 1: [i32] -> []; functions 0 and 2 of type 0, function 1 of type 1; a funcref table. */
const MODULE = mod(
  section(1, vec([[0x60, 0x00, 0x00], [0x60, 0x01, 0x7f, 0x00]])),
  section(3, vec([[0x00], [0x01], [0x00]])),
  section(4, vec([[0x70, 0x00, 0x01]])),
  section(10, [...u32(3), ...body([], [0x0b]), ...body([], [0x0b]), ...body([], [0x0b])]),
);

/** The verdict on a passive segment of `type` listing `init`. */
function verdict(type: number, init: ConstExpr[]): unknown {
  const ctx = buildContext(decodeModule(MODULE));
  const seg: ElemSegment = { mode: SegmentMode.Passive, type, table: 0, offsetExpr: null, init, offset: 3 };
  try {
    checkElemSegment(ctx, seg);
    return null;
  } catch (e) {
    if (e instanceof ValidationError) return { error: e.message, offset: e.offset };
    throw e;
  }
}

test("function indices are judged as the same ref.func instruction lists are", (t) => {
  const lists: number[][] = [[0, 2, 0, 2], [0, 1], [1, 0], [0, 2, 1], [0, 5], [5], [1, 1, 7, 0], [], [2, 0, 2, 1, 0]];
  const types = [
    ValType.FuncRef, HeapType.Func | NON_NULL, refType(concreteHeap(0), false),
    refType(concreteHeap(0), true), refType(concreteHeap(1), false), ValType.ExternRef,
  ];
  let failures = 0;
  for (const indices of lists) {
    for (const type of types) {
      const compact = indices.map((f, k) => refFuncExpr(f, 100 + 2 * k));
      t.true(compact.every((e) => e instanceof RefFuncExpr));
      const general = compact.map((e) => ({ instrs: [{ op: Op.RefFunc, offset: e.offset, index: (e as RefFuncExpr).index }], offset: e.offset }));
      const expected = verdict(type, general);
      if (expected !== null) failures++;
      t.deepEqual(verdict(type, compact), expected, `${indices.join(",")} as ${type}`);
      // Mixed with a general expression before them.
      const nullFirst: ConstExpr = { instrs: [{ op: Op.RefNull, offset: 90, refType: HeapType.Func }], offset: 90 };
      t.deepEqual(verdict(type, [nullFirst, ...compact]), verdict(type, [nullFirst, ...general]));
    }
  }
  t.true(failures > 10, "the cases include unknown functions and type mismatches");
});

test("a RefFuncExpr lists its instruction as the general form does", (t) => {
  const e = refFuncExpr(7, 42);
  t.is(e.offset, 42);
  t.deepEqual(e.instrs, [{ op: Op.RefFunc, offset: 42, index: 7 }]);
  t.is(e.instrs, e.instrs, "made once");
});

test("the context checks each function's type index, the first unknown one failing at its function", (t) => {
  // Type indices per function: the unknown 5 and 7 come after known ones, and 0 repeats around them.
  const funcs = [0, 0, 1, 5, 0, 7];
  const bytes = mod(
    section(1, vec([[0x60, 0x00, 0x00], [0x60, 0x01, 0x7f, 0x00]])),
    section(3, vec(funcs.map((f) => [f]))),
    section(10, [...u32(funcs.length), ...funcs.flatMap(() => body([], [0x0b]))]),
  );
  const module = decodeModule(bytes);
  const error = t.throws(() => buildContext(module), { instanceOf: ValidationError });
  t.is(error.offset, module.codes[3]!.bodyStart);
  t.true(error.message.startsWith("unknown type 5: in function 3"), error.message);
});

test("the functions that ref.func may name are those named outside function bodies, found once", (t) => {
  const ctx = buildContext(decodeModule(mod(
    section(1, vec([[0x60, 0x00, 0x00]])),
    section(3, vec([[0x00], [0x00], [0x00], [0x00]])),
    section(4, vec([[0x70, 0x00, 0x04]])),
    section(6, vec([[0x70, 0x00, 0xd2, 0x03, 0x0b]])),
    section(7, vec([[0x01, 0x66, 0x00, 0x02]])),
    section(9, vec([[0x00, 0x41, 0x00, 0x0b, ...vec([[0x01]])]])),
    section(10, [...u32(4), ...body([], [0x0b]), ...body([], [0x0b]), ...body([], [0x0b]), ...body([], [0x0b])]),
  )));
  t.deepEqual([...ctx.declaredFuncs].sort(), [1, 2, 3]);
  t.is(ctx.declaredFuncs, ctx.declaredFuncs);
});
