/**
 * The value type encoding and subtyping of typed function references:
 * nullability and heap types, abstract hierarchies, concrete types by
 * equivalence (within a module and across modules), and import matching.
 */
import test from "ava";
import {
  HeapType, NON_NULL, ValType, concreteHeap, heapType, isDefaultable, isNullable, isRefType, refType, typeIndex,
  valTypeName, type FuncType,
} from "../../../impl/base/types.js";
import { isSubtype } from "../../../impl/base/subtyping.js";
import { LinkError } from "../../../impl/base/errors.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { Store } from "../../../impl/runtime/instances.js";
import { compileRefs } from "./helpers.js";

const { I32, I64, FuncRef, ExternRef, ExnRef, Bot } = ValType;
const ref = (h: number): number => refType(h, false);

test("the Wasm 2.0 reference bytes keep their meaning: (ref null func), (ref null extern)", (t) => {
  t.is(refType(HeapType.Func, true), FuncRef);
  t.is(refType(HeapType.Extern, true), ExternRef);
  t.true(isRefType(FuncRef) && isNullable(FuncRef));
  t.false(isRefType(I32));
  t.false(isRefType(Bot));
  t.is(valTypeName(FuncRef), "funcref");
  t.is(valTypeName(ref(HeapType.Func)), "(ref func)");
  t.is(valTypeName(refType(concreteHeap(3), true)), "(ref null 3)");
  t.is(valTypeName(refType(HeapType.NoFunc, true)), "nullfuncref");
  t.is(typeIndex(heapType(refType(concreteHeap(70000), false))), 70000);
  t.false(isDefaultable(ref(concreteHeap(0))));
  t.true(isDefaultable(refType(concreteHeap(0), true)) && isDefaultable(I64));
});

const types: FuncType[] = [
  { params: [I32], results: [] },
  { params: [I32], results: [] },
  { params: [], results: [] },
];
const ctx = { types };

test("nullability narrows: (ref ht) <: (ref null ht), not the reverse", (t) => {
  t.true(isSubtype(ctx, ref(HeapType.Func), FuncRef));
  t.false(isSubtype(ctx, FuncRef, ref(HeapType.Func)));
});

test("abstract hierarchies: func above nofunc and every function type, extern and exn apart", (t) => {
  const t0 = concreteHeap(0);
  t.true(isSubtype(ctx, ref(t0), FuncRef));
  t.true(isSubtype(ctx, refType(t0, true), FuncRef));
  t.false(isSubtype(ctx, FuncRef, refType(t0, true)));
  t.true(isSubtype(ctx, refType(HeapType.NoFunc, true), refType(t0, true)));
  t.true(isSubtype(ctx, refType(HeapType.NoExtern, true), ExternRef));
  t.false(isSubtype(ctx, refType(HeapType.NoExtern, true), FuncRef));
  t.false(isSubtype(ctx, FuncRef, ExternRef));
  t.false(isSubtype(ctx, ExnRef, ExternRef));
  t.false(isSubtype(ctx, I32, I64));
});

test("bottom: the unknown operand matches everything, (ref bot) every reference type but no number", (t) => {
  t.true(isSubtype(ctx, Bot, I32));
  t.true(isSubtype(ctx, Bot, ref(concreteHeap(2))));
  const refBot = HeapType.Bot | NON_NULL;
  t.true(isSubtype(ctx, refBot, ref(concreteHeap(2))));
  t.true(isSubtype(ctx, refBot, ExternRef));
  t.false(isSubtype(ctx, refBot, I32));
});

test("concrete types match by equivalence: two indices of one structure, not of another", (t) => {
  t.true(isSubtype(ctx, ref(concreteHeap(0)), ref(concreteHeap(1))));
  t.false(isSubtype(ctx, ref(concreteHeap(0)), ref(concreteHeap(2))));
});

test("types naming other types compare by structure, across modules too", async (t) => {
  // Module A: $t at index 1 takes a (ref $u); module B declares the same at other indices.
  const a = await compileRefs(`(module (type $u (func (param i32))) (type $t (func (param (ref $u))))
    (func $f (export "f") (type $t)) (global (export "g") (ref $t) (ref.func $f)))`);
  const b = await compileRefs(`(module (type (func)) (type $u (func (param i32))) (type $t (func (param (ref $u))))
    (import "a" "f" (func (type $t))) (import "a" "g" (global (ref $t))))`);
  const c = await compileRefs(`(module (type $u (func (param i64))) (type $t (func (param (ref $u))))
    (import "a" "g" (global (ref $t))))`);
  const store = new Store();
  const inst = instantiate(store, a, []);
  const f = inst.export("f")!, g = inst.export("g")!;
  t.notThrows(() => instantiate(store, b, [f, g]));
  const e = t.throws(() => instantiate(store, c, [g]), { instanceOf: LinkError });
  t.regex(e.message, /incompatible import type/);
});

test("an immutable global import matches by subtyping; a mutable one needs equal types", async (t) => {
  const a = await compileRefs(`(module (type $t (func)) (func $f (type $t)) (elem declare func $f)
    (global (export "c") (ref $t) (ref.func $f)) (global (export "m") (mut (ref $t)) (ref.func $f)))`);
  const store = new Store();
  const inst = instantiate(store, a, []);
  const sub = await compileRefs(`(module (import "a" "c" (global funcref)))`);
  t.notThrows(() => instantiate(store, sub, [inst.export("c")!]));
  const mut = await compileRefs(`(module (import "a" "m" (global (mut funcref))))`);
  t.throws(() => instantiate(store, mut, [inst.export("m")!]), { instanceOf: LinkError });
});
