/**
 * GC's struct and array instructions in compiled code. Field and element
 * accesses and `array.len` are inline: a null check, for arrays a bounds
 * check, then one read or write of the layout of
 * ../../runtime/gc-objects.ts (a field's slot is known here, from the
 * type's layout, so it is a named field `o.s2` or an overflow element
 * `o.f[1]`; `struct.new` passes the slots straight to the constructor). An i64 moves as its halves; an f64, which compiled code
 * holds as a double, goes through the scratch `SD`/`SI` to its words; an
 * f32 is already its bits. Allocations and bulk operations call the
 * helpers of helpers-gc-aggregates.ts. The trap paths set `$p` and call
 * a helper that throws, so the function's `catch` frames the trap as the
 * interpreter's. A type's canonical type (`rtt`) enters the text as a
 * constant-pool name.
 * @module
 */
import { Op } from "../../base/opcodes.js";
import { NON_NULL, ValType, concreteHeap, unpacked, type ArrayType, type StructType } from "../../base/types.js";
import type { CodeReader } from "../../decode/code.js";
import { Elem, INLINE_SLOTS, elemOf, structLayout } from "../../runtime/gc-objects.js";
import type { FunctionEmitter } from "./emit-api.js";

/** Whether `code` is one of the instructions {@link emitGcAggregate} compiles (`struct.*`, `array.*`). */
export function isGcAggregateCode(code: number): boolean {
  return code >= Op.StructNew && code <= Op.ArrayInitElem;
}

/** The words (expressions, in order) of a value of kind `k` whose compiled parts are `p`; a reference is one. */
function wordsOf(k: Elem, p: readonly string[]): string[] {
  switch (k) {
    case Elem.I8: return [`${p[0]}&255`];
    case Elem.I16: return [`${p[0]}&65535`];
    case Elem.F64: return [`(SD[0]=${p[0]},SI[0])`, "SI[1]"];
    default: return [...p];
  }
}

/** Four word arguments for the fill helpers (unused ones 0). */
function fourWords(k: Elem, p: readonly string[]): string {
  const w = wordsOf(k, p);
  while (w.length < 4) w.push("0");
  return w.join(",");
}

/** Where slot `k` of struct `o` lives: a field of the object, or its overflow array (see ../../runtime/gc-objects.ts). */
function slotOf(o: string, k: number): string {
  return k < INLINE_SLOTS ? `${o}.s${k}` : `${o}.f[${k - INLINE_SLOTS}]`;
}

/** The arguments of `H.structNew` after the type, for a struct whose slots are the expressions `w` (in order, all of them). */
function structArgs(w: readonly string[]): string {
  const inline: string[] = [];
  for (let k = 0; k < INLINE_SLOTS; k++) inline.push(k < w.length ? w[k]! : "0");
  const over = w.length > INLINE_SLOTS ? `[${w.slice(INLINE_SLOTS).join(",")}]` : "null";
  return `${inline.join(",")},${over}`;
}

/** Statements storing the value (parts `p`, kind `k`) word by word, word `j` in `at(j)` (an assignable expression: a struct slot or an array element). */
function storeSlots(k: Elem, p: readonly string[], at: (j: number) => string): string {
  if (k === Elem.F64) return `SD[0]=${p[0]};${at(0)}=SI[0];${at(1)}=SI[1];`;
  return wordsOf(k, p).map((w, j) => `${at(j)}=${w};`).join("");
}

/** Emits one of GC's struct or array instructions (immediates in `r`, module offset `off`). */
export function emitGcAggregate(fe: FunctionEmitter, code: number, r: CodeReader, off: number): void {
  const ts = fe.ts, cx = fe.cx, types = cx.module.types;
  const x = r.a;
  const rttOf = (): string => {
    const rtt = (types[x] as StructType | ArrayType).rtt;
    if (rtt === undefined) throw new Error("compiler: type without canonical type");
    return cx.constant(rtt);
  };
  const pushNew = (): string => fe.push((concreteHeap(x) | NON_NULL) as ValType);
  /** Pops the top slot, returning its parts. */
  const popParts = (): string[] => { const p = fe.parts(ts.length - 1); fe.pop(); return p; };
  const nullCheck = (o: string, helper: string): string => `if(${o}===null){$p=${off};H.${helper}()}`;
  const arrayChecks = (a: string, i: string): string =>
    nullCheck(a, "nullArray") + `if((${i}>>>0)>=${a}.length){$p=${off};H.arrayOutOfBounds()}`;
  switch (code) {
    case Op.StructNew: {
      const t = types[x] as StructType;
      const l = structLayout(t.rtt!);
      const n = t.fields.length;
      const vals: string[][] = [];
      for (let j = 0; j < n; j++) vals.unshift(popParts());
      // Arguments run left to right, so an f64's two words (`(SD[0]=x,SI[0])`, `SI[1]`) stay together.
      const f = vals.flatMap((p, j) => wordsOf(l.kind[j]! as Elem, p));
      fe.emit(`${pushNew()}=H.structNew(${rttOf()},${structArgs(f)});`);
      return;
    }
    case Op.StructNewDefault: {
      const l = structLayout((types[x] as StructType).rtt!);
      const f = l.template.map((v) => (v === null ? "null" : "0"));
      fe.emit(`${pushNew()}=H.structNew(${rttOf()},${structArgs(f)});`);
      return;
    }
    case Op.StructGet: case Op.StructGetS: case Op.StructGetU: {
      const t = types[x] as StructType;
      const l = structLayout(t.rtt!);
      const k = l.kind[r.b]! as Elem, s = l.slot[r.b]!;
      const o = fe.pop();
      fe.push(unpacked(t.fields[r.b]!.storage));
      const d = fe.parts(ts.length - 1);
      let s1: string;
      if (k === Elem.F64) s1 = `${d[0]}=(SI[0]=${slotOf(o, s)},SI[1]=${slotOf(o, s + 1)},SD[0]);`;
      else if (code === Op.StructGetS && k === Elem.I8) s1 = `${d[0]}=(${slotOf(o, s)}<<24)>>24;`;
      else if (code === Op.StructGetS && k === Elem.I16) s1 = `${d[0]}=(${slotOf(o, s)}<<16)>>16;`;
      // The high half and the other words first: the first part may share the object's name (a reference).
      else s1 = d.map((n, j) => `${n}=${slotOf(o, s + j)};`).reverse().join("");
      fe.emit(nullCheck(o, "nullStruct") + s1);
      return;
    }
    case Op.StructSet: {
      const l = structLayout((types[x] as StructType).rtt!);
      const k = l.kind[r.b]! as Elem, s = l.slot[r.b]!;
      const v = popParts();
      const o = fe.pop();
      fe.emit(nullCheck(o, "nullStruct") + storeSlots(k, v, (j) => slotOf(o, s + j)));
      return;
    }
    case Op.ArrayNew: {
      const k = elemOf((types[x] as ArrayType).element.storage);
      const n = fe.pop();
      const v = popParts();
      fe.emit(`$p=${off};${pushNew()}=H.arrayNew(${rttOf()},${k},${n},${fourWords(k, v)});`);
      return;
    }
    case Op.ArrayNewDefault: {
      const k = elemOf((types[x] as ArrayType).element.storage);
      const n = fe.pop();
      fe.emit(`$p=${off};${pushNew()}=H.allocArray(${rttOf()},${k},${n});`);
      return;
    }
    case Op.ArrayNewFixed: {
      const k = elemOf((types[x] as ArrayType).element.storage);
      const n = r.b;
      const vals: string[][] = [];
      for (let j = 0; j < n; j++) vals.unshift(popParts());
      // Typed arrays keep the low bits of a packed value themselves: no mask.
      const w = vals.flatMap((p) => (k === Elem.I8 || k === Elem.I16 ? p : wordsOf(k, p)));
      fe.emit(`$p=${off};${pushNew()}=H.arrayFixed(${rttOf()},${k},${n},[${w.join(",")}]);`);
      return;
    }
    case Op.ArrayNewData: {
      const k = elemOf((types[x] as ArrayType).element.storage);
      const n = fe.pop(), s = fe.pop();
      fe.emit(`$p=${off};${pushNew()}=H.arrayNewData(${rttOf()},${k},INST,${r.b},${s},${n});`);
      return;
    }
    case Op.ArrayNewElem: {
      const n = fe.pop(), s = fe.pop();
      fe.emit(`$p=${off};${pushNew()}=H.arrayNewElem(${rttOf()},INST,${r.b},${s},${n});`);
      return;
    }
    case Op.ArrayGet: case Op.ArrayGetS: case Op.ArrayGetU: {
      const storage = (types[x] as ArrayType).element.storage;
      const k = elemOf(storage);
      const i = fe.pop(), a = fe.pop();
      fe.push(unpacked(storage));
      const d = fe.parts(ts.length - 1);
      const D = `${a}.data`;
      let s1: string;
      switch (k) {
        case Elem.F64: s1 = `${d[0]}=(SI[0]=${D}[2*${i}],SI[1]=${D}[2*${i}+1],SD[0]);`; break;
        case Elem.I64: s1 = `${d[1]}=${D}[2*${i}+1];${d[0]}=${D}[2*${i}];`; break;
        case Elem.V128: s1 = d.map((n, j) => `${n}=${D}[4*${i}+${j}];`).reverse().join(""); break;
        case Elem.I8: s1 = `${d[0]}=${code === Op.ArrayGetS ? `(${D}[${i}]<<24)>>24` : `${D}[${i}]`};`; break;
        case Elem.I16: s1 = `${d[0]}=${code === Op.ArrayGetS ? `(${D}[${i}]<<16)>>16` : `${D}[${i}]`};`; break;
        default: s1 = `${d[0]}=${D}[${i}];`;
      }
      fe.emit(arrayChecks(a, i) + s1);
      return;
    }
    case Op.ArraySet: {
      const k = elemOf((types[x] as ArrayType).element.storage);
      const v = popParts();
      const i = fe.pop(), a = fe.pop();
      const w = k === Elem.V128 ? 4 : k === Elem.I64 || k === Elem.F64 ? 2 : 1;
      // Typed arrays keep the low bits of a packed value themselves.
      const vv = k === Elem.I8 || k === Elem.I16 ? Elem.I32 : k;
      fe.emit(arrayChecks(a, i) + storeSlots(vv, v, (j) => `${a}.data[${w === 1 ? i : `${w}*${i}+${j}`}]`));
      return;
    }
    case Op.ArrayLen: {
      const a = fe.pop();
      fe.emit(nullCheck(a, "nullArray") + `${fe.push(ValType.I32)}=${a}.length;`);
      return;
    }
    case Op.ArrayFill: {
      const k = elemOf((types[x] as ArrayType).element.storage);
      const n = fe.pop();
      const v = popParts();
      const d = fe.pop(), a = fe.pop();
      fe.emit(`$p=${off};H.arrayFill(${a},${d},${n},${fourWords(k, v)});`);
      return;
    }
    case Op.ArrayCopy: {
      const n = fe.pop(), s = fe.pop(), b = fe.pop(), d = fe.pop(), a = fe.pop();
      fe.emit(`$p=${off};H.arrayCopy(${a},${d},${b},${s},${n});`);
      return;
    }
    case Op.ArrayInitData: case Op.ArrayInitElem: {
      const n = fe.pop(), s = fe.pop(), d = fe.pop(), a = fe.pop();
      fe.emit(`$p=${off};H.${code === Op.ArrayInitData ? "arrayInitData" : "arrayInitElem"}(${a},INST,${r.b},${d},${s},${n});`);
      return;
    }
    default: throw new Error(`compiler: no GC aggregate instruction 0x${code.toString(16)}`);
  }
}
