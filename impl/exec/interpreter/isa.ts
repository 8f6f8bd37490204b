/**
 * The interpreter's instruction set, defined once: every code's name, its
 * operand layout, its documentation, and for every code of a regular family
 * (branches on a comparison, moves, globals, loads and stores in their three
 * addressing forms, i32/i64/f32/f64 arithmetic, conversions) the dispatch
 * loop's case, as a template over its operands. From this table, `npm run
 * gen:interpreter` writes ./codes.ts (the `const enum`, which must be
 * literal source for V8's jump table) and those cases of ./loop.ts (between
 * `@generated` markers, as the plain statements V8 would see had they been
 * written by hand: no closure, call or allocation is added); the
 * disassembler (./disassemble.ts) and the warm-up program (./warmup.ts) read
 * the table itself. A unit test fails when the written files differ from
 * what the table gives, so the table is the one place to edit.
 *
 * A family is written once here and its codes derived from it: the ten i32
 * comparisons give the fused branches, the compare-and-set codes and the
 * increment-and-branch codes; one expression per i32 binary operator gives
 * its register and its immediate form; one access per load or store gives
 * its offset, register-plus-constant and shifted-index forms; one expression
 * per float operator gives its f32 and its f64 code.
 *
 * Layout letters (one per operand word; upper case marks a destination):
 * - `i`/`I`: a slot in 32-bit words (I view), `d`/`D`: a slot (f64 view), `r`/`R`: a reference slot;
 * - `k`: an immediate, `@`: a branch target;
 * - `g` global, `t` table, `f` function, `l` defined function, `y` type, `s` data segment, `e` element segment index;
 * - `a`: where a call's arguments start (words from the frame base);
 * - `*`: variable length (`BrTable`: `i k @...`, count + 1 targets; `RetN`: `k (i k)...`;
 *   `Simd`: `d op ...`, laid out per operation as ../simd/step.ts says).
 *
 * Case templates ({@link Instr.run}): statements, one per line or several on
 * a line, over the loop's locals (`I F D R code pc fp fd dv memLen globals op`
 * and the helpers loop.ts imports). `$j` is operand `j` (1-based) read as its
 * layout letter says (`I[fp + code[pc + j]]`, `D[fd + code[pc + j]]`,
 * `R[fd + code[pc + j]]`, or the word `code[pc + j]`); `$fj` is slot `j`
 * through the f32 view (`F[fp + code[pc + j]]`); `$pj` is slot `j`'s word
 * position (`fp + code[pc + j]`, for the halves of a 64-bit value); `$wj` is
 * the word `code[pc + j]` whatever the letter; `$next` is the next
 * instruction's position. A template that does not end with `continue;`
 * gets `pc += length; continue;` appended.
 * @module
 */

/** The i32 comparisons, in their order (eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u). */
export interface Comparison {
  /** The part of a code's name: `Eq`, `LtU`, ... */
  readonly name: string;
  /** The JavaScript operator. */
  readonly op: string;
  /** Whether both sides are read unsigned (`>>> 0`). */
  readonly unsigned: boolean;
}

/** The i32 comparisons, in the order every comparison family follows. */
export const COMPARISONS: readonly Comparison[] = [
  { name: "Eq", op: "===", unsigned: false }, { name: "Ne", op: "!==", unsigned: false },
  { name: "LtS", op: "<", unsigned: false }, { name: "LtU", op: "<", unsigned: true },
  { name: "GtS", op: ">", unsigned: false }, { name: "GtU", op: ">", unsigned: true },
  { name: "LeS", op: "<=", unsigned: false }, { name: "LeU", op: "<=", unsigned: true },
  { name: "GeS", op: ">=", unsigned: false }, { name: "GeU", op: ">=", unsigned: true },
];

/** One code of the instruction set. */
export interface Instr {
  readonly name: string;
  /** Operand layout, one letter per word (see the module's documentation); absent for `Count`. */
  readonly layout?: string;
  /** Its documentation in ./codes.ts. */
  readonly doc?: string;
  /** Comment lines of a section that starts at this code. */
  readonly section?: readonly string[];
  /** Written on the same line of ./codes.ts as the code before it. */
  readonly sameLine?: boolean;
  /** The loop's case for this code, as a template (see the module's documentation); absent: written by hand in ./loop.ts. */
  readonly run?: string;
  /** Runs in the generated case of the code before it (one case, several labels; the template tells them apart by `op`). */
  readonly sharesCase?: boolean;
  /** The `@generated` region of ./loop.ts that holds the generated case (set by {@link inLoop}). */
  readonly region?: string;
}

/** Options of a code made by a family's helper: where it stands in ./codes.ts. */
type Place = Pick<Instr, "section" | "doc" | "sameLine">;
/** On the line of the code before it. */
const SAME: Place = { sameLine: true };

/** `entries`, their generated cases in region `region` of ./loop.ts. */
function inLoop(region: string, entries: readonly Instr[]): Instr[] {
  return entries.map((e) => (e.run !== undefined || e.sharesCase === true ? { ...e, region } : e));
}

/** The end of a branch's template: a negative target is a branch back to a loop (its position complemented). */
const BACK = "if (pc < 0) break backward; continue;";

/** `a op b` for comparison `c`, unsigned sides read with `>>> 0`. */
function compare(c: Comparison, a: string, b: string): string {
  return c.unsigned ? `${a} >>> 0 ${c.op} ${b} >>> 0` : `${a} ${c.op} ${b}`;
}

/** Branch on `$1 op $2` to `$3`. */
function branch(c: Comparison): string {
  return `pc = ${compare(c, "$1", "$2")} ? $3 : $next; ${BACK}`;
}

/** `$1 = $2 + $3`, then branch on `$1 op $4` to `$5` (a loop's step and test). */
function addBranch(c: Comparison): string {
  return `const v = ($2 + $3) | 0;\n$1 = v;\npc = ${compare(c, "v", "$4")} ? $5 : $next;\n${BACK}`;
}

/** `$1 = $2 op $3 ? 1 : 0`. */
function compare32(c: Comparison): string {
  return `$1 = ${compare(c, "$2", "$3")} ? 1 : 0;`;
}

/** The ten codes `${prefix}${comparison}${suffix}` of a comparison family, on one line, their cases from `run`. */
function comparisons(prefix: string, suffix: string, layout: string, run: (c: Comparison) => string, first: Place = {}): Instr[] {
  return COMPARISONS.map((c, i) => ({ name: `${prefix}${c.name}${suffix}`, layout, run: run(c), ...(i === 0 ? first : SAME) }));
}

/** Copies the 64-bit value at word `s` to word `d`, both halves read before either is written. */
const COPY64 = "const lo = I[s], hi = I[s + 1];\nI[d] = lo; I[d + 1] = hi;";

/** The i32 value `v` sign-extended to the i64 at word `d`. */
const SIGNED64 = "I[d] = v; I[d + 1] = v >> 31;";

/**
 * What a load or store does once its address `ea` is checked: its width in
 * bytes, and the access (a load's destination is `$1`, a store's value `$2`).
 */
const ACCESSES: Readonly<Record<string, { readonly bytes: number; readonly store: boolean; readonly unit: "i" | "d"; readonly run: string }>> = {
  I32Load: { bytes: 4, store: false, unit: "i", run: "$1 = dv.getInt32(ea, true);" },
  I64Load: { bytes: 8, store: false, unit: "i", run: "const d = $p1;\nI[d] = dv.getInt32(ea, true); I[d + 1] = dv.getInt32(ea + 4, true);" },
  // V8 moves the bits of a double between DataView and Float64Array unchanged, NaN payloads too.
  F64Load: { bytes: 8, store: false, unit: "d", run: "$1 = dv.getFloat64(ea, true);" },
  I32Load8S: { bytes: 1, store: false, unit: "i", run: "$1 = dv.getInt8(ea);" },
  I32Load8U: { bytes: 1, store: false, unit: "i", run: "$1 = dv.getUint8(ea);" },
  I32Load16S: { bytes: 2, store: false, unit: "i", run: "$1 = dv.getInt16(ea, true);" },
  I32Load16U: { bytes: 2, store: false, unit: "i", run: "$1 = dv.getUint16(ea, true);" },
  I64Load8S: { bytes: 1, store: false, unit: "i", run: `const v = dv.getInt8(ea), d = $p1;\n${SIGNED64}` },
  I64Load8U: { bytes: 1, store: false, unit: "i", run: "const d = $p1;\nI[d] = dv.getUint8(ea); I[d + 1] = 0;" },
  I64Load16S: { bytes: 2, store: false, unit: "i", run: `const v = dv.getInt16(ea, true), d = $p1;\n${SIGNED64}` },
  I64Load16U: { bytes: 2, store: false, unit: "i", run: "const d = $p1;\nI[d] = dv.getUint16(ea, true); I[d + 1] = 0;" },
  I64Load32S: { bytes: 4, store: false, unit: "i", run: `const v = dv.getInt32(ea, true), d = $p1;\n${SIGNED64}` },
  I64Load32U: { bytes: 4, store: false, unit: "i", run: "const d = $p1;\nI[d] = dv.getInt32(ea, true); I[d + 1] = 0;" },
  I32Store: { bytes: 4, store: true, unit: "i", run: "dv.setInt32(ea, $2, true);" },
  I64Store: { bytes: 8, store: true, unit: "i", run: "const s = $p2;\ndv.setInt32(ea, I[s], true); dv.setInt32(ea + 4, I[s + 1], true);" },
  F64Store: { bytes: 8, store: true, unit: "d", run: "dv.setFloat64(ea, $2, true);" },
  Store8: { bytes: 1, store: true, unit: "i", run: "dv.setInt8(ea, $2);" },
  Store16: { bytes: 2, store: true, unit: "i", run: "dv.setInt16(ea, $2, true);" },
};

/**
 * The addressing forms of a load or store (the code's name suffix): the
 * address operand `x` (`$2` for a load, `$1` for a store) plus an unsigned
 * offset (33 bits, as wasm has it); `A`: plus a constant, wrapping at 32
 * bits (an `i32.add` folded in); `S`: shifted, plus a constant base,
 * wrapping (an `i32.shl` and `i32.add` folded in, one more operand).
 */
const ADDRESSING: Readonly<Record<"" | "A" | "S", (x: string) => string>> = {
  "": (x) => `(${x} >>> 0) + ($3 >>> 0)`,
  A: (x) => `(${x} + $3) >>> 0`,
  S: (x) => `((${x} << $3) + $4) >>> 0`,
};

/** The load or store `name` (a key of {@link ACCESSES}) in addressing form `mode`: bounds check, then the access. */
function access(name: string, mode: "" | "A" | "S", place: Place = {}): Instr {
  const a = ACCESSES[name]!;
  const layout = (a.store ? `i${a.unit}k` : `${a.unit.toUpperCase()}ik`) + (mode === "S" ? "k" : "");
  const ea = ADDRESSING[mode](a.store ? "$1" : "$2");
  return { name: name + mode, layout, ...place, run: `const ea = ${ea};\nif (ea + ${a.bytes} > memLen) memoryOutOfBounds();\n${a.run}` };
}

/** The i32 binary operators, `$2 op $3`: one expression for the register form (`Iii`) and the immediate form (`Iik`). */
const I32_BINARY: Readonly<Record<string, string>> = {
  Add: "($2 + $3) | 0", Sub: "($2 - $3) | 0", Mul: "Math.imul($2, $3)",
  DivS: "i32DivS($2, $3)", DivU: "i32DivU($2, $3)", RemS: "i32RemS($2, $3)", RemU: "i32RemU($2, $3)",
  And: "$2 & $3", Or: "$2 | $3", Xor: "$2 ^ $3", Shl: "$2 << $3", ShrS: "$2 >> $3", ShrU: "$2 >>> $3",
  Rotl: "i32Rotl($2, $3)", Rotr: "i32Rotr($2, $3)",
};

/** `I32${op}` (layout `Iii`) or `I32${op}I` (layout `Iik`). */
function i32Binary(op: string, layout: "Iii" | "Iik", place: Place = {}): Instr {
  return { name: `I32${op}${layout === "Iik" ? "I" : ""}`, layout, ...place, run: `$1 = ${I32_BINARY[op]!};` };
}

/** `I32Xor${shift}I`: `$2 ^ ($3 shift $4)`, the shift's expression from {@link I32_BINARY}. */
function i32XorShift(shift: string, place: Place): Instr {
  const shifted = I32_BINARY[shift]!.replace(/\$([23])/g, (_, j: string) => `$${Number(j) + 1}`);
  return { name: `I32Xor${shift}I`, layout: "Iiik", ...place, run: `$1 = $2 ^ (${shifted});` };
}

/** The halves of i64 operands `$2` and `$3`, and the destination's position `d`. */
const I64_HALVES = "const a = $p2, b = $p3, d = $p1;\nconst al = I[a], ah = I[a + 1], bl = I[b], bh = I[b + 1];";

/** The ordered i64 comparisons, one case for the eight codes. */
const I64_ORDER = [
  "const a = $p2, b = $p3;",
  "const ah = I[a + 1], bh = I[b + 1];",
  "// Order by the high halves (signed or unsigned), then by the low halves (unsigned).",
  "let c: number;",
  "if (ah !== bh) {",
  "  const signed = op === Code.I64LtS || op === Code.I64GtS || op === Code.I64LeS || op === Code.I64GeS;",
  "  c = signed ? (ah < bh ? -1 : 1) : (ah >>> 0 < bh >>> 0 ? -1 : 1);",
  "} else {",
  "  const al = I[a] >>> 0, bl = I[b] >>> 0;",
  "  c = al < bl ? -1 : al > bl ? 1 : 0;",
  "}",
  "let r: boolean;",
  "switch (op) {",
  "  case Code.I64LtS: case Code.I64LtU: r = c < 0; break;",
  "  case Code.I64GtS: case Code.I64GtU: r = c > 0; break;",
  "  case Code.I64LeS: case Code.I64LeU: r = c <= 0; break;",
  "  default: r = c >= 0;",
  "}",
  "$1 = r ? 1 : 0;",
].join("\n");

/** `I64${op}` by the numerics helper `i64${op}`, the result's high half 0 (clz, ctz, popcnt). */
function i64Unary(op: string, place: Place): Instr {
  return { name: `I64${op}`, layout: "Ii", ...place, run: `const a = $p2, d = $p1;\nI[d] = i64${op}(I[a], I[a + 1]); I[d + 1] = 0;` };
}

/** `I64${op}` by the numerics helper `i64${op}`, which writes the result; `b` an i64, or a shift's `count` (its low half). */
function i64Helper(op: string, b: "b" | "count", place: Place): Instr {
  const run = b === "b" ? `const a = $p2, b = $p3;\ni64${op}(I, $p1, I[a], I[a + 1], I[b], I[b + 1]);`
    : `const a = $p2;\ni64${op}(I, $p1, I[a], I[a + 1], $3);`;
  return { name: `I64${op}`, layout: "Iii", ...place, run };
}

/** `I64${op}`: a bitwise operator on each half. */
function i64Bitwise(op: string, js: string, place: Place): Instr {
  return {
    name: `I64${op}`, layout: "Iii", ...place,
    run: `const a = $p2, b = $p3, d = $p1;\nconst lo = I[a] ${js} I[b], hi = I[a + 1] ${js} I[b + 1];\nI[d] = lo; I[d + 1] = hi;`,
  };
}

/** The i64 shifts by a constant `k`: the result's low and high halves from the operand's `lo` and `hi`. */
const I64_SHIFTS: Readonly<Record<string, readonly [string, string]>> = {
  ShlI: ["lo << k", "(hi << k) | (lo >>> (32 - k))"],
  ShlIHi: ["0", "lo << k"],
  ShrSI: ["(lo >>> k) | (hi << (32 - k))", "hi >> k"],
  ShrSIHi: ["hi >> k", "hi >> 31"],
  ShrUI: ["(lo >>> k) | (hi << (32 - k))", "hi >>> k"],
  ShrUIHi: ["hi >>> k", "0"],
  RotlI: ["(lo << k) | (hi >>> (32 - k))", "(hi << k) | (lo >>> (32 - k))"],
  RotlIHi: ["(hi << k) | (lo >>> (32 - k))", "(lo << k) | (hi >>> (32 - k))"],
};

/** `I64${shift}` (`$1 = $2 shift $3`) or, with `xor`, `I64Xor${shift}` (`$1 = $2 ^ ($3 shift $4)`). */
function i64Shift(shift: string, xor: boolean, place: Place): Instr {
  const [lo, hi] = I64_SHIFTS[shift]!;
  if (!xor) {
    return { name: `I64${shift}`, layout: "Iik", ...place, run: `const a = $p2, d = $p1, k = $3;\nconst lo = I[a], hi = I[a + 1];\nI[d] = ${lo}; I[d + 1] = ${hi};` };
  }
  return {
    name: `I64Xor${shift}`, layout: "Iiik", ...place,
    run: `const x = $p2, y = $p3, d = $p1, k = $4;\nconst lo = I[y], hi = I[y + 1], xl = I[x], xh = I[x + 1];\nI[d] = xl ^ (${lo}); I[d + 1] = xh ^ (${hi});`,
  };
}

/** The float comparisons, in their codes' order. */
const FLOAT_COMPARE: readonly (readonly [string, string])[] = [["Eq", "==="], ["Ne", "!=="], ["Lt", "<"], ["Gt", ">"], ["Le", "<="], ["Ge", ">="]];
/** The float unary operators past the bit operations, `%a` the operand. */
const FLOAT_UNARY: readonly (readonly [string, string])[] = [["Ceil", "fCeil(%a)"], ["Floor", "fFloor(%a)"], ["Trunc", "fTrunc(%a)"], ["Nearest", "fNearest(%a)"], ["Sqrt", "Math.sqrt(%a)"]];
/** The float binary operators, `%a` and `%b` the operands. */
const FLOAT_BINARY: readonly (readonly [string, string])[] = [["Add", "%a + %b"], ["Sub", "%a - %b"], ["Mul", "%a * %b"], ["Div", "%a / %b"], ["Min", "Math.min(%a, %b)"], ["Max", "Math.max(%a, %b)"]];

/**
 * The f32 or f64 codes, each operator written once above: f32 values are in
 * `i` slots read through the f32 view (`$fj`), f64 values in `d` slots; abs,
 * neg and copysign work on the sign bit (of the high half for f64).
 */
function floatFamily(t: "F32" | "F64"): Instr[] {
  const f32 = t === "F32";
  const v = (j: number): string => (f32 ? `$f${j}` : `$${j}`);
  const u = f32 ? "I" : "D", l = u.toLowerCase();
  const operands = (e: string): string => `${v(1)} = ${e.replace(/%([ab])/g, (_, o: string) => v(o === "a" ? 2 : 3))};`;
  const bits = f32 ? [
    { name: "F32Abs", layout: "Ii", doc: "abs, neg and copysign are bit operations, so NaN payloads survive.", run: "$1 = $2 & 0x7fffffff;" },
    { name: "F32Neg", layout: "Ii", sameLine: true, run: "$1 = $2 ^ -0x80000000;" },
    { name: "F32Copysign", layout: "Iii", sameLine: true, run: "$1 = ($2 & 0x7fffffff) | ($3 & -0x80000000);" },
  ] : [
    { name: "F64Abs", layout: "Ii", run: "const a = $p2, d = $p1;\nconst lo = I[a], hi = I[a + 1] & 0x7fffffff;\nI[d] = lo; I[d + 1] = hi;" },
    { name: "F64Neg", layout: "Ii", sameLine: true, run: "const a = $p2, d = $p1;\nconst lo = I[a], hi = I[a + 1] ^ -0x80000000;\nI[d] = lo; I[d + 1] = hi;" },
    {
      name: "F64Copysign", layout: "Iii", sameLine: true,
      run: "const a = $p2, b = $p3, d = $p1;\nconst lo = I[a], hi = (I[a + 1] & 0x7fffffff) | (I[b + 1] & -0x80000000);\nI[d] = lo; I[d + 1] = hi;",
    },
  ];
  const section = f32 ? ["---- f32 (through the Float32Array view, `i` operands) ----"]
    : ["---- f64: comparisons `i:dst d:a d:b`; abs/neg/copysign on halves `i:dst i:a (i:b)`; arithmetic `d:dst d:a (d:b)` ----"];
  return [
    ...FLOAT_COMPARE.map(([n, op], i): Instr => ({
      name: `${t}${n}`, layout: `I${l}${l}`, ...(i === 0 ? { section } : SAME), run: `$1 = ${v(2)} ${op} ${v(3)} ? 1 : 0;`,
    })),
    ...bits,
    ...FLOAT_UNARY.map(([n, e], i): Instr => ({ name: `${t}${n}`, layout: `${u}${l}`, ...(i === 0 ? {} : SAME), run: operands(e) })),
    ...FLOAT_BINARY.map(([n, e], i): Instr => ({ name: `${t}${n}`, layout: `${u}${l}${l}`, ...(i === 0 ? {} : SAME), run: operands(e) })),
    ...(f32 ? [] : [
      {
        name: "F64MulL", layout: "Ddik", doc: "With an operand loaded from memory at register + constant (wrapping at 32 bits): `d:dst d:x i:base k:add` is `x * load` / `x + load`; `F64MulAddL` `d:dst d:x i:base k:add d:c` is `x * load + c` (dot products, sums over arrays).",
        run: `${LOAD_F64_AT}\n$1 = $2 * dv.getFloat64(ea, true);`,
      },
      { name: "F64AddL", layout: "Ddik", sameLine: true, run: `${LOAD_F64_AT}\n$1 = $2 + dv.getFloat64(ea, true);` },
      { name: "F64MulAddL", layout: "Ddikd", sameLine: true, run: `${LOAD_F64_AT}\n$1 = $2 * dv.getFloat64(ea, true) + $5;` },
    ]),
    f32 ? {
      name: "F32MulAdd", layout: "Iiii", doc: "`i:dst i:a i:b i:c`: `a * b + c`, the product rounded to f32 first (an `f32.mul` then `f32.add`).",
      run: "$f1 = Math.fround($f2 * $f3) + $f4;",
    } : {
      name: "F64MulAdd", layout: "Dddd", doc: "`d:dst d:a d:b d:c`: `a * b + c` rounded twice, as an `f64.mul` then `f64.add` (not a fused multiply-add).",
      run: "$1 = $2 * $3 + $4;",
    },
  ];
}

/** The checked address `ea` of an f64 operand at register `$3` plus constant `$4`. */
const LOAD_F64_AT = "const ea = ($3 + $4) >>> 0;\nif (ea + 8 > memLen) memoryOutOfBounds();";

/** A conversion's operand `$2` of type `t`, as read for its numerics helper (an i64 as its two halves at word `a`). */
function operandOf(t: string): string {
  return t === "F32" ? "$f2" : t === "I64" ? "I[a], I[a + 1]" : "$2";
}

/** The conversions, in their codes' order: truncations (trapping, then saturating), then conversions to f32 and to f64. */
function conversions(): Instr[] {
  const out: Instr[] = [];
  const section = ["---- conversions `dst a`, units by the types involved (f64 in `d`, all else `i`) ----"];
  for (const sat of ["", "Sat"]) {
    for (const to of ["I32", "I64"]) {
      ["F32S", "F32U", "F64S", "F64U"].forEach((from, i) => {
        const fn = `${to.toLowerCase()}Trunc${sat}${from.slice(3)}(`, x = operandOf(from.slice(0, 3));
        out.push({
          name: `${to}Trunc${sat}${from}`, layout: `I${from.startsWith("F64") ? "d" : "i"}`,
          ...(i > 0 ? SAME : out.length === 0 ? { section } : {}),
          run: to === "I32" ? `$1 = ${fn}${x});` : `${fn}I, $p1, ${x});`,
        });
      });
    }
  }
  for (const to of ["F32", "F64"]) {
    const dst = to === "F32" ? "$f1" : "$1", u = to === "F32" ? "I" : "D";
    out.push(
      { name: `${to}ConvertI32S`, layout: `${u}i`, run: `${dst} = $2;` },
      { name: `${to}ConvertI32U`, layout: `${u}i`, sameLine: true, run: `${dst} = $2 >>> 0;` },
      { name: `${to}ConvertI64S`, layout: `${u}i`, sameLine: true, run: `const a = $p2;\n${dst} = ${to.toLowerCase()}ConvertI64S(${operandOf("I64")});` },
      { name: `${to}ConvertI64U`, layout: `${u}i`, sameLine: true, run: `const a = $p2;\n${dst} = ${to.toLowerCase()}ConvertI64U(${operandOf("I64")});` },
      to === "F32" ? { name: "F32DemoteF64", layout: "Id", sameLine: true, run: "$f1 = $2;" }
        : { name: "F64PromoteF32", layout: "Di", sameLine: true, run: "$1 = $f2;" },
    );
  }
  return out;
}

/** A struct instruction's struct `o` (operand `$2` of a get, `$1` of a set), null trapping. */
const STRUCT_GET = "const o = $2 as StructObject | null;\nif (o === null) nullStruct();";
const STRUCT_SET = "const o = $1 as StructObject | null;\nif (o === null) nullStruct();";
/** An array instruction's array `a` and element index `i` (operands `$2 $3` of a get, `$1 $2` of a set), checked. */
const ARRAY_GET = "const a = $2 as ArrayObject | null;\nif (a === null) nullArray();\nconst i = $3 >>> 0;\nif (i >= a.length) arrayOutOfBounds();";
const ARRAY_SET = "const a = $1 as ArrayObject | null;\nif (a === null) nullArray();\nconst i = $2 >>> 0;\nif (i >= a.length) arrayOutOfBounds();";

/** Every code, in the order of their numbers. */
export const ISA: readonly Instr[] = [
  { name: "Unreachable", layout: "", section: ["---- control ----"], doc: "`unreachable`" },
  { name: "Br", layout: "@", doc: "`@target`" },
  { name: "BrIf", layout: "i@", doc: "`i:cond @target`: branch when nonzero." },
  { name: "BrIfNot", layout: "i@", doc: "`i:cond @target`: branch when zero." },
  { name: "BrTable", layout: "*", doc: "`i:index k:count @t0 .. @t(count-1) @default`" },
  { name: "Ret0", layout: "", doc: "Return without results." },
  { name: "Ret32", layout: "i", doc: "`i:src`: return one 32-bit value." },
  { name: "Ret64", layout: "i", doc: "`i:src`: return one 64-bit value." },
  { name: "RetRef", layout: "r", doc: "`r:src`: return one reference." },
  { name: "RetN", layout: "*", doc: "`k:count (i:src k:kind)*`: return several values; kind is a {@link MoveKind}." },
  { name: "CallLocal", layout: "la", doc: "`k:definedFuncIndex i:argBase`: calls a function of the same module; arguments (then results) at `argBase`." },
  { name: "CallImport", layout: "fa", doc: "`k:funcIndex i:argBase`: calls an imported function." },
  { name: "CallIndirect", layout: "ytai", doc: "`k:typeIndex k:tableIndex i:argBase i:elemIndex`" },
  { name: "ReturnCallLocal", layout: "la", doc: "`l:definedFunc i:argBase`: a tail call (`return_call`) of a function of this module; the frame is reused." },
  { name: "ReturnCallImport", layout: "fa", doc: "`k:funcIndex i:argBase`: a tail call of an imported function." },
  { name: "ReturnCallIndirect", layout: "ytai", doc: "`k:typeIndex k:tableIndex i:argBase i:elemIndex`: `return_call_indirect`." },
  { name: "CallRef", layout: "yar", doc: "`k:typeIndex i:argBase r:func`: `call_ref` (typed function references); a null reference traps. Validation makes the type right; it is checked anyway, as a host may have stored a function of another type where the module's types could not stop it." },
  { name: "ReturnCallRef", layout: "yar", doc: "`k:typeIndex i:argBase r:func`: `return_call_ref`; a null reference traps." },
  { name: "Throw", layout: "ka", doc: "`k:tagIndex i:argBase`: `throw`, the payload in the slots from `argBase` (see ./exceptions.ts)." },
  { name: "ThrowRef", layout: "r", doc: "`r:exnref`: `throw_ref`." },
  ...inLoop("branches", [
    ...comparisons("Br", "", "ii@", branch, { section: ["---- fused compare and branch: `i:a i:b @target` / `i:a k:b @target` ----", "Order as the i32 comparisons (eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u)."] }),
    ...comparisons("Br", "I", "ik@", branch),
    ...comparisons("BrAddI", "", "Iiki@", addBranch, { section: ["---- increment, then compare and branch: `i:dst i:src k:add i:b @target` / `i:dst i:src k:add k:b @target` ----", "`I[dst] = I[src] + add`, then branch when `I[dst] op b` (a loop's counter step and test in one)."] }),
    ...comparisons("BrAddI", "I", "Iikk@", addBranch),
    ...comparisons("BrAdd", "I", "Iiik@", addBranch, { section: ["---- register increment, then compare with an immediate and branch: `i:dst i:src i:add k:b @target` ----"] }),
    {
      name: "BrIfAddI", layout: "Iiki@", section: ["---- increment a register, then branch on another: `i:dst i:src k:add i:cond @target`, when `cond` is nonzero / zero ----", "(A loop whose test was computed before its counter's step.)"],
      run: `$1 = ($2 + $3) | 0;\npc = $4 !== 0 ? $5 : $next; ${BACK}`,
    },
    { name: "BrIfNotAddI", layout: "Iiki@", sameLine: true, run: `$1 = ($2 + $3) | 0;\npc = $4 === 0 ? $5 : $next; ${BACK}` },
    { name: "BrAndINz", layout: "ik@", section: ["---- test bits and branch: `i:a k:mask @target`, when `a & mask` is nonzero / zero ----"], run: `pc = ($1 & $2) !== 0 ? $3 : $next; ${BACK}` },
    { name: "BrAndIZ", layout: "ik@", sameLine: true, run: `pc = ($1 & $2) === 0 ? $3 : $next; ${BACK}` },
  ]),
  ...inLoop("moves", [
    { name: "Mov32", layout: "Ii", section: ["---- moves and constants ----"], doc: "`i:dst i:src` (i32, f32)", run: "$1 = $2;" },
    { name: "Mov64", layout: "Ii", doc: "`i:dst i:src` (i64, f64: both halves, so NaN bits survive)", run: `const d = $p1, s = $p2;\n${COPY64}` },
    { name: "MovF64", layout: "Dd", doc: "`d:dst d:src` (f64 as one 64-bit access: a value written in halves and read whole stalls the CPU)", run: "$1 = $2;" },
    { name: "MovRef", layout: "Rr", doc: "`r:dst r:src`", run: "$1 = $2;" },
    { name: "Const32", layout: "Ik", doc: "`i:dst k:value`", run: "$1 = $2;" },
    { name: "Const64", layout: "Ikk", doc: "`i:dst k:low k:high`", run: "const d = $p1;\nI[d] = $2; I[d + 1] = $3;" },
    { name: "Select32", layout: "Iiii", doc: "`i:dst i:a i:b i:cond`", run: "$1 = $4 !== 0 ? $2 : $3;" },
    { name: "Select64", layout: "Iiii", doc: "`i:dst i:a i:b i:cond`", run: `const s = fp + ($4 !== 0 ? $w2 : $w3);\nconst d = $p1;\n${COPY64}` },
    { name: "SelectRef", layout: "Rrri", doc: "`r:dst r:a r:b i:cond`", run: "$1 = $4 !== 0 ? $2 : $3;" },
    { name: "GlobalGet32", layout: "Ig", doc: "`i:dst k:global`", run: "$1 = globals[$2].cell[0];" },
    { name: "GlobalGet64", layout: "Ig", doc: "`i:dst k:global`", run: "const cell = globals[$2].cell;\nconst d = $p1;\nI[d] = cell[0]; I[d + 1] = cell[1];" },
    { name: "GlobalGetRef", layout: "Rg", doc: "`r:dst k:global`", run: "$1 = globals[$2].ref;" },
    { name: "GlobalSet32", layout: "gi", doc: "`k:global i:src`", run: "globals[$1].cell[0] = $2;" },
    { name: "GlobalSet64", layout: "gi", doc: "`k:global i:src`", run: "const cell = globals[$1].cell;\nconst s = $p2;\ncell[0] = I[s]; cell[1] = I[s + 1];" },
    { name: "GlobalSetRef", layout: "gr", doc: "`k:global r:src`", run: "globals[$1].ref = $2;" },
  ]),
  ...inLoop("memory", [
    access("I32Load", "", { section: ["---- memory: loads `i:dst i:addr k:offset`, stores `i:addr i:value k:offset` ----"], doc: "i32.load, f32.load" }),
    access("I64Load", "", { doc: "i64.load" }),
    access("F64Load", "", { doc: "f64.load: `d:dst i:addr k:offset`" }),
    access("I32Load8S", ""), access("I32Load8U", "", SAME), access("I32Load16S", "", SAME), access("I32Load16U", "", SAME),
    access("I64Load8S", ""), access("I64Load8U", "", SAME), access("I64Load16S", "", SAME), access("I64Load16U", "", SAME),
    access("I64Load32S", "", SAME), access("I64Load32U", "", SAME),
    access("I32Store", "", { doc: "i32.store, f32.store, i64.store32" }),
    access("I64Store", "", { doc: "i64.store" }),
    access("F64Store", "", { doc: "f64.store: `i:addr d:value k:offset`" }),
    access("Store8", "", { doc: "i32.store8, i64.store8" }),
    access("Store16", "", { doc: "i32.store16, i64.store16" }),
    access("I32Load", "A", { section: ["Loads and stores whose address is a register plus a constant, added with 32-bit wrap-around", "(`i32.add` then an access with offset 0): `i:dst i:base k:add` / `i:base i:value k:add`."] }),
    ...["I64Load", "F64Load", "I32Load8S", "I32Load8U", "I32Load16S", "I32Load16U"].map((a) => access(a, "A", SAME)),
    access("I32Store", "A"),
    ...["I64Store", "F64Store", "Store8", "Store16"].map((a) => access(a, "A", SAME)),
    access("I32Load", "S", { section: ["Loads and stores at a constant base plus a shifted index (`i32.shl`, `i32.add`, then an access", "with offset 0: a C array at a static address): `i:dst i:index k:shift k:base` / `i:index i:value k:shift k:base`."] }),
    ...["I64Load", "F64Load", "I32Store", "I64Store", "F64Store"].map((a) => access(a, "S", SAME)),
    { name: "MemorySize", layout: "I", doc: "`i:dst`", run: "// `dv.byteLength`, not `memLen`: a shared memory's view tracks grows made by other threads.\n$1 = dv.byteLength / 65536;" },
  ]),
  { name: "MemoryGrow", layout: "Ii", doc: "`i:dst i:delta`" },
  ...inLoop("bulk", [
    { name: "MemoryInit", layout: "siii", doc: "`k:data i:dst i:src i:len`", run: "memoryInit(inst, $1, $2, $3, $4);" },
    { name: "DataDrop", layout: "s", doc: "`k:data`", run: "dataDrop(inst, $1);" },
    { name: "MemoryCopy", layout: "iii", doc: "`i:dst i:src i:len`", run: "memoryCopy(mem!, $1, $2, $3);" },
    { name: "MemoryFill", layout: "iii", doc: "`i:dst i:value i:len`", run: "memoryFill(mem!, $1, $2, $3);" },
  ]),
  ...inLoop("numeric", [
    { name: "I32Eqz", layout: "Ii", section: ["---- i32: unary `i:dst i:a`, binary `i:dst i:a i:b`, with immediate `i:dst i:a k:b` ----"], run: "$1 = $2 === 0 ? 1 : 0;" },
    ...comparisons("I32", "", "Iii", compare32),
    ...comparisons("I32", "I", "Iik", compare32),
    { name: "I32Clz", layout: "Ii", run: "$1 = Math.clz32($2);" },
    { name: "I32Ctz", layout: "Ii", sameLine: true, run: "$1 = i32Ctz($2);" },
    { name: "I32Popcnt", layout: "Ii", sameLine: true, run: "$1 = i32Popcnt($2);" },
    i32Binary("Add", "Iii"), ...["Sub", "Mul", "DivS", "DivU", "RemS", "RemU"].map((o) => i32Binary(o, "Iii", SAME)),
    i32Binary("And", "Iii"), ...["Or", "Xor", "Shl", "ShrS", "ShrU", "Rotl", "Rotr"].map((o) => i32Binary(o, "Iii", SAME)),
    i32Binary("Add", "Iik", { doc: "`i32.sub` by a constant becomes `I32AddI` of its negation." }),
    ...["Mul", "And", "Or", "Xor", "Shl", "ShrS", "ShrU", "Rotl", "Rotr"].map((o) => i32Binary(o, "Iik", SAME)),
    i32XorShift("Shl", { doc: "Shift by a constant, then xor: `i:dst i:x i:y k:count` is `x ^ (y op count)` (hashes, generators)." }),
    i32XorShift("ShrS", SAME), i32XorShift("ShrU", SAME),
    { name: "I32MulAddI", layout: "Iikk", doc: "`i:dst i:a k:m k:c`: `a * m + c` (index arithmetic, generators).", run: "$1 = (Math.imul($2, $3) + $4) | 0;" },
    { name: "I32Extend8S", layout: "Ii", run: "$1 = ($2 << 24) >> 24;" },
    { name: "I32Extend16S", layout: "Ii", sameLine: true, run: "$1 = ($2 << 16) >> 16;" },
    { name: "I64Eqz", layout: "Ii", section: ["---- i64 (two halves): unary `i:dst i:a`, binary `i:dst i:a i:b` ----"], run: "const a = $p2;\n$1 = (I[a] | I[a + 1]) === 0 ? 1 : 0;" },
    { name: "I64Eq", layout: "Iii", run: "const a = $p2, b = $p3;\n$1 = I[a] === I[b] && I[a + 1] === I[b + 1] ? 1 : 0;" },
    { name: "I64Ne", layout: "Iii", sameLine: true, run: "const a = $p2, b = $p3;\n$1 = I[a] !== I[b] || I[a + 1] !== I[b + 1] ? 1 : 0;" },
    { name: "I64LtS", layout: "Iii", sameLine: true, run: I64_ORDER },
    ...["LtU", "GtS", "GtU", "LeS", "LeU", "GeS", "GeU"].map((c): Instr => ({ name: `I64${c}`, layout: "Iii", sameLine: true, sharesCase: true })),
    i64Unary("Clz", {}), i64Unary("Ctz", SAME), i64Unary("Popcnt", SAME),
    {
      name: "I64Add", layout: "Iii",
      run: `${I64_HALVES}\nconst lo = (al + bl) | 0;\nI[d] = lo; I[d + 1] = (ah + bh + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;`,
    },
    { name: "I64Sub", layout: "Iii", sameLine: true, run: `${I64_HALVES}\nI[d] = (al - bl) | 0; I[d + 1] = (ah - bh - (al >>> 0 < bl >>> 0 ? 1 : 0)) | 0;` },
    ...["Mul", "DivS", "DivU", "RemS", "RemU"].map((o) => i64Helper(o, "b", SAME)),
    i64Bitwise("And", "&", {}), i64Bitwise("Or", "|", SAME), i64Bitwise("Xor", "^", SAME),
    ...["Shl", "ShrS", "ShrU", "Rotl", "Rotr"].map((o) => i64Helper(o, "count", SAME)),
    i64Shift("ShlI", false, { doc: "Shifts and rotates by a constant, without branches: `i:dst i:a k:count`, count 1..31; the `Hi` forms shift by 32 + count, count 0..31 (rotates 33..63; a rotate by 32 uses `I64Rotl`). Rotating right by k is rotating left by 64 - k." }),
    ...["ShlIHi", "ShrSI", "ShrSIHi", "ShrUI", "ShrUIHi", "RotlI", "RotlIHi"].map((s) => i64Shift(s, false, SAME)),
    i64Shift("ShlI", true, { doc: "Shift by a constant, then xor: `i:dst i:x i:y k:count` is `x ^ (y op count)`, counts as above." }),
    ...["ShlIHi", "ShrSI", "ShrSIHi", "ShrUI", "ShrUIHi"].map((s) => i64Shift(s, true, SAME)),
    { name: "I64Extend8S", layout: "Ii", run: `const v = ($2 << 24) >> 24, d = $p1;\n${SIGNED64}` },
    { name: "I64Extend16S", layout: "Ii", sameLine: true, run: `const v = ($2 << 16) >> 16, d = $p1;\n${SIGNED64}` },
    { name: "I64Extend32S", layout: "Ii", sameLine: true, run: `const v = $2, d = $p1;\n${SIGNED64}` },
    { name: "I64ExtendI32S", layout: "Ii", sharesCase: true },
    { name: "I64ExtendI32U", layout: "Ii", sameLine: true, run: "const v = $2, d = $p1;\nI[d] = v; I[d + 1] = 0;" },
    ...floatFamily("F32"),
    ...floatFamily("F64"),
    ...conversions(),
  ]),
  ...inLoop("tables", [
    { name: "RefNull", layout: "R", section: ["---- references and tables ----"], doc: "`r:dst`", run: "$1 = null;" },
    { name: "RefIsNull", layout: "Ir", doc: "`i:dst r:a`", run: "$1 = $2 === null ? 1 : 0;" },
    { name: "RefAsNonNull", layout: "r", doc: "`r:a`: traps when `a` is null (`ref.as_non_null`); the value stays where it is.", run: "if ($1 === null) trap(TrapMessage.NullReference);" },
    { name: "RefFunc", layout: "Rf", doc: "`r:dst k:func`", run: "$1 = funcs[$2];" },
    { name: "TableGet", layout: "Rti", doc: "`r:dst k:table i:index`", run: "$1 = tableGet(tables[$2], $3);" },
    { name: "TableSet", layout: "tir", doc: "`k:table i:index r:value`", run: "tableSet(tables[$1], $2, $3);" },
    { name: "TableSize", layout: "It", doc: "`i:dst k:table`", run: "$1 = tables[$2].elements.length;" },
    { name: "TableGrow", layout: "Itri", doc: "`i:dst k:table r:init i:delta`", run: "$1 = tableGrow(tables[$2], $3, $4);" },
    { name: "TableFill", layout: "tiri", doc: "`k:table i:index r:value i:len`", run: "tableFill(tables[$1], $2, $3, $4);" },
    { name: "TableCopy", layout: "ttiii", doc: "`k:dstTable k:srcTable i:dst i:src i:len`", run: "tableCopy(tables[$1], tables[$2], $3, $4, $5);" },
    { name: "TableInit", layout: "teiii", doc: "`k:table k:elem i:dst i:src i:len`", run: "tableInit(inst, $1, $2, $3, $4, $5);" },
    { name: "ElemDrop", layout: "e", doc: "`k:elem`", run: "elemDrop(inst, $1);" },
    {
      name: "TableIndex64", layout: "Ii", run: "const a = $p2;\n$1 = I[a + 1] === 0 ? I[a] : -1;",
      doc: "table64: `i:dst i:a`, the i64 index or length `a` as the u32 the table codes read: its low word, or all ones when the high word is not zero (an index no table reaches, since sizes stay under `TABLE_SIZE_LIMIT`).",
    },
  ]),
  { name: "Simd", layout: "*", section: ["---- SIMD ----"], doc: "Every v128 instruction and v128 move: `d op operands...`, run out of the loop by `simdStep` (layouts in ../simd/step.ts)." },
  { name: "Atomic", layout: "*", section: ["---- threads ----"], doc: "Every atomic instruction: `I:dst k:op i:addr k:offset i:a i:b i:c` (always 8 words; unused operands 0), run out of the loop by `atomicStep` (./atomics.ts)." },
  { name: "Mem", layout: "*", section: ["---- multiple memories and memory64 ----"], doc: "A memory instruction on a memory other than 0 or with i64 addresses: `X:dst k:op k:memory i:a x:b i:c k:offsetLo k:offsetHi k:extra` (always 10 words; the units of `dst` and `b` follow the value type: words, or a slot for a v128), run out of the loop by `memStep` (./memory.ts)." },
  // GC references (issue 18 part 2): i31, ref.eq, casts, the extern/any conversions (../../runtime/gc-refs.ts).
  ...inLoop("i31", [
    { name: "RefI31", layout: "Ri", section: ["---- GC: i31, ref.eq, casts, extern/any conversions ----"], doc: "`r:dst i:a`: `ref.i31` (the low 31 bits, sign-extended, as a number).", run: "$1 = ($2 << 1) >> 1;" },
    { name: "I31GetS", layout: "Ir", doc: "`i:dst r:a`: `i31.get_s`; traps on null.", run: "const v = $2;\nif (v === null) trap(TrapMessage.NullI31Reference);\n$1 = op === Code.I31GetS ? v as number : (v as number) & 0x7fffffff;" },
    { name: "I31GetU", layout: "Ir", sameLine: true, sharesCase: true },
    { name: "RefEq", layout: "Irr", doc: "`i:dst r:a r:b`: `ref.eq` (`===`: i31 numbers by value, objects by identity).", run: "$1 = $2 === $3 ? 1 : 0;" },
    { name: "AnyConvertExtern", layout: "Rr", doc: "`r:dst r:a`: `any.convert_extern` / `extern.convert_any`.", run: "$1 = anyConvertExtern($2);" },
    { name: "ExternConvertAny", layout: "Rr", sameLine: true, run: "$1 = externConvertAny($2);" },
  ]),
  {
    name: "RefTest", layout: "*",
    doc: "`i:dst r:a k:heap k:nullable` (always 4 operands): `ref.test` and the test of `br_on_cast`/`br_on_cast_fail`; `heap` is the module's heap type (a concrete one names `space.types`). Variable-layout only so the warm-up leaves it out (its immediates must name a real type).",
  },
  { name: "RefCast", layout: "*", doc: "`r:a k:heap k:nullable` (always 3 operands): `ref.cast`, trapping when the test fails; the value stays where it is." },
  // GC structs and arrays (issue 18; ./gc-aggregates.ts runs the rare ones out of line).
  ...inLoop("gc", [
    { name: "StructGet32", layout: "Irk", section: ["---- GC structs: `k:slot` is the field's first slot (`structSlot` of ../../runtime/gc-objects.ts); a null struct traps ----"], doc: "`i:dst r:struct k:slot`: an i32, f32 (bits) or zero-extended packed field.", run: `${STRUCT_GET}\n$1 = structSlot(o, $3) as number;` },
    { name: "StructGet64", layout: "Irk", doc: "`i:dst r:struct k:slot`: an i64 or f64 field (two slots, low then high word).", run: `${STRUCT_GET}\nconst k = $3, w = $p1;\nI[w] = structSlot(o, k) as number; I[w + 1] = structSlot(o, k + 1) as number;` },
    { name: "StructGetRef", layout: "Rrk", doc: "`r:dst r:struct k:slot`", run: `${STRUCT_GET}\n$1 = structSlot(o, $3);` },
    { name: "StructGetS8", layout: "Irk", doc: "`i:dst r:struct k:slot`: `struct.get_s` of an i8 field; `StructGetS16` of an i16 field.", run: `${STRUCT_GET}\n$1 = ((structSlot(o, $3) as number) << 24) >> 24;` },
    { name: "StructGetS16", layout: "Irk", sameLine: true, run: `${STRUCT_GET}\n$1 = ((structSlot(o, $3) as number) << 16) >> 16;` },
    { name: "StructSet32", layout: "rki", doc: "`r:struct k:slot i:value` (i32, f32)", run: `${STRUCT_SET}\nsetStructSlot(o, $2, $3);` },
    { name: "StructSet64", layout: "rki", doc: "`r:struct k:slot i:value` (i64, f64)", run: `${STRUCT_SET}\nconst k = $2, w = $p3;\nsetStructSlot(o, k, I[w]); setStructSlot(o, k + 1, I[w + 1]);` },
    { name: "StructSetRef", layout: "rkr", doc: "`r:struct k:slot r:value`", run: `${STRUCT_SET}\nsetStructSlot(o, $2, $3);` },
    { name: "StructSet8", layout: "rki", doc: "`r:struct k:slot i:value`: stores the low 8 (`StructSet16`: 16) bits.", run: `${STRUCT_SET}\nsetStructSlot(o, $2, $3 & 0xff);` },
    { name: "StructSet16", layout: "rki", sameLine: true, run: `${STRUCT_SET}\nsetStructSlot(o, $2, $3 & 0xffff);` },
    { name: "ArrayLen", layout: "Ir", section: ["---- GC arrays: `i:index` unsigned; a null array or an index out of bounds traps ----"], doc: "`i:dst r:array`", run: "const a = $2 as ArrayObject | null;\nif (a === null) nullArray();\n$1 = a.length;" },
    { name: "ArrayGet32", layout: "Iri", doc: "`i:dst r:array i:index` (i32, f32 bits: `Int32Array` elements)", run: `${ARRAY_GET}\n$1 = (a.data as Int32Array)[i];` },
    { name: "ArrayGet64", layout: "Iri", doc: "`i:dst r:array i:index` (i64, f64: two words per element)", run: `${ARRAY_GET}\nconst words = a.data as Int32Array, w = $p1;\nI[w] = words[2 * i]; I[w + 1] = words[2 * i + 1];` },
    { name: "ArrayGetRef", layout: "Rri", doc: "`r:dst r:array i:index`", run: `${ARRAY_GET}\n$1 = (a.data as unknown[])[i];` },
    { name: "ArrayGetS8", layout: "Iri", doc: "`i:dst r:array i:index`: packed elements, sign- or zero-extended.", run: `${ARRAY_GET}\nconst x = (a.data as Uint8Array)[i];\n$1 = op === Code.ArrayGetS8 ? (x << 24) >> 24 : x;` },
    { name: "ArrayGetU8", layout: "Iri", sameLine: true, sharesCase: true },
    { name: "ArrayGetS16", layout: "Iri", sameLine: true, run: `${ARRAY_GET}\nconst x = (a.data as Uint16Array)[i];\n$1 = op === Code.ArrayGetS16 ? (x << 16) >> 16 : x;` },
    { name: "ArrayGetU16", layout: "Iri", sameLine: true, sharesCase: true },
    { name: "ArraySet32", layout: "rii", doc: "`r:array i:index i:value` (i32, f32)", run: `${ARRAY_SET}\n(a.data as Int32Array)[i] = $3;` },
    { name: "ArraySet64", layout: "rii", doc: "`r:array i:index i:value` (i64, f64)", run: `${ARRAY_SET}\nconst words = a.data as Int32Array, w = $p3;\nwords[2 * i] = I[w]; words[2 * i + 1] = I[w + 1];` },
    { name: "ArraySetRef", layout: "rir", doc: "`r:array i:index r:value`", run: `${ARRAY_SET}\n(a.data as unknown[])[i] = $3;` },
    { name: "ArraySet8", layout: "rii", doc: "`r:array i:index i:value`: packed elements (the typed array keeps the low bits).", run: `${ARRAY_SET}\n(a.data as Uint8Array)[i] = $3;` },
    { name: "ArraySet16", layout: "rii", sameLine: true, run: `${ARRAY_SET}\n(a.data as Uint16Array)[i] = $3;` },
  ]),
  { name: "GcAggregate", layout: "*", section: ["---- GC allocation, v128 fields and elements, bulk array operations ----"], doc: "`k:op R:dst ...` (always `GC_AGG_WORDS` words): run out of the loop by `gcAggregateStep` (./gc-aggregates.ts), which documents each operation's operands." },
  { name: "Count", doc: "Not an instruction: the number of codes." },
];
