/**
 * GC's reference instructions other than structs and arrays, on every tier:
 * i31 at its edges, `ref.eq`, the extern/any conversions (host identity
 * kept; a host number never becomes an i31), casts and `br_on_cast` against
 * function types canonicalized across modules, constant expressions, and
 * the validation rules of the casts.
 */
import test from "ava";
import { Trap, TrapMessage, ValidationError } from "../../../impl/base/errors.js";
import { instantiate, invoke, Store, type TierName } from "../../../impl/index.js";
import { FuncInstance, GlobalInstance, TableInstance, type ModuleInstance } from "../../../impl/runtime/instances.js";
import { ExternI31, HostAnyRef } from "../../../impl/runtime/gc-refs.js";
import type { RawValue } from "../../../impl/runtime/values.js";
import { compileRefs } from "../typed-refs/helpers.js";

const TIERS: readonly TierName[] = ["interpreter", "compiler", "tiered"];

function call(inst: ModuleInstance, name: string, ...args: RawValue[]): RawValue[] {
  const f = inst.export(name);
  if (!(f instanceof FuncInstance)) throw new Error(`no function export ${name}`);
  return invoke(f, args);
}

const I31 = `(module
  (global $g (export "g") anyref (ref.i31 (i32.const -5)))
  (global $gx (export "gx") externref (extern.convert_any (ref.i31 (i32.const 0x7fffffff))))
  (func (export "get_s") (param i32) (result i32) (i31.get_s (ref.i31 (local.get 0))))
  (func (export "get_u") (param i32) (result i32) (i31.get_u (ref.i31 (local.get 0))))
  (func (export "null_s") (result i32) (i31.get_s (ref.null i31)))
  (func (export "null_u") (result i32) (i31.get_u (ref.null i31)))
  (func (export "eq") (param i32 i32) (result i32) (ref.eq (ref.i31 (local.get 0)) (ref.i31 (local.get 1))))
  (func (export "make") (param i32) (result anyref) (ref.i31 (local.get 0)))
  (func (export "global_s") (result i32) (i31.get_s (ref.cast i31ref (global.get $g))))
)`;

for (const tier of TIERS) {
  test(`${tier}: i31 keeps 31 bits: 2^30-1 and -2^30 at the edges, wraparound above, get_u zero-extends`, async (t) => {
    const inst = instantiate(new Store({ tier }), await compileRefs(I31), []);
    const cases: [number, number, number][] = [
      // [argument, get_s, get_u]
      [0, 0, 0],
      [2 ** 30 - 1, 2 ** 30 - 1, 2 ** 30 - 1],
      [-(2 ** 30), -(2 ** 30), 2 ** 30],
      [2 ** 30, -(2 ** 30), 2 ** 30],
      [-1, -1, 0x7fffffff],
      [0x7fffffff, -1, 0x7fffffff],
      [-0x80000000, 0, 0],
      [-(2 ** 30) - 1, 2 ** 30 - 1, 2 ** 30 - 1],
    ];
    for (const [v, s, u] of cases) {
      t.deepEqual(call(inst, "get_s", v), [s], `get_s ${v}`);
      t.deepEqual(call(inst, "get_u", v), [u], `get_u ${v}`);
    }
    // An i31 leaves as its sign-extended number.
    t.deepEqual(call(inst, "make", 0x7fffffff), [-1]);
    t.is(t.throws(() => call(inst, "null_s"), { instanceOf: Trap }).reason, TrapMessage.NullI31Reference);
    t.is(t.throws(() => call(inst, "null_u"), { instanceOf: Trap }).reason, TrapMessage.NullI31Reference);
    // ref.eq compares i31s by value: equal after wrapping, different otherwise.
    t.deepEqual(call(inst, "eq", 5, 5), [1]);
    t.deepEqual(call(inst, "eq", 5, 6), [0]);
    t.deepEqual(call(inst, "eq", 2 ** 30, -(2 ** 30)), [1]);
    // Constant expressions: ref.i31 and extern.convert_any.
    t.deepEqual(call(inst, "global_s"), [-5]);
    t.is((inst.export("g") as GlobalInstance).get(), -5);
    const gx = (inst.export("gx") as GlobalInstance).get();
    t.true(gx instanceof ExternI31);
    t.is((gx as ExternI31).value, -1);
  });
}

const CONVERT = `(module
  (table $t 4 anyref)
  (func (export "internalize") (param externref) (result anyref) (any.convert_extern (local.get 0)))
  (func (export "externalize") (param anyref) (result externref) (extern.convert_any (local.get 0)))
  (func (export "store") (param i32 externref) (table.set $t (local.get 0) (any.convert_extern (local.get 1))))
  (func (export "load") (param i32) (result externref) (extern.convert_any (table.get $t (local.get 0))))
  (func (export "is_i31") (param externref) (result i32) (ref.test i31ref (any.convert_extern (local.get 0))))
  (func (export "is_eq") (param externref) (result i32) (ref.test (ref null eq) (any.convert_extern (local.get 0))))
  (func (export "is_any") (param externref) (result i32) (ref.test (ref any) (any.convert_extern (local.get 0))))
  (func (export "i31_out") (param i32) (result externref) (extern.convert_any (ref.i31 (local.get 0))))
  (func (export "i31_back") (param externref) (result i32) (i31.get_s (ref.cast i31ref (any.convert_extern (local.get 0)))))
)`;

for (const tier of TIERS) {
  test(`${tier}: extern/any round trips keep the host value's identity; host numbers never turn into i31`, async (t) => {
    const inst = instantiate(new Store({ tier }), await compileRefs(CONVERT), []);
    const host = { name: "host object" };
    const [inside] = call(inst, "internalize", host);
    t.true(inside instanceof HostAnyRef);
    t.is((inside as HostAnyRef).value, host);
    t.is(call(inst, "externalize", inside)[0], host);
    call(inst, "store", 1, host);
    t.is(call(inst, "load", 1)[0], host);
    t.deepEqual(call(inst, "internalize", null), [null]);
    t.deepEqual(call(inst, "externalize", null), [null]);
    t.deepEqual(call(inst, "load", 0), [null]);
    // A host number passed as externref is a host value inside: not an i31, not even an eqref.
    for (const n of [5, 0, -1, 2 ** 40, 0.5]) {
      t.deepEqual(call(inst, "is_i31", n), [0], `host number ${n}`);
      t.deepEqual(call(inst, "is_eq", n), [0], `host number ${n}`);
      t.deepEqual(call(inst, "is_any", n), [1], `host number ${n}`);
      call(inst, "store", 2, n);
      t.is(call(inst, "load", 2)[0], n, `host number ${n} comes back as itself`);
    }
    t.is(t.throws(() => call(inst, "i31_back", 7), { instanceOf: Trap }).reason, TrapMessage.CastFailure);
    // An i31 sent out and back in is the same i31.
    const [out] = call(inst, "i31_out", 12345);
    t.false(typeof out === "number", "an externalized i31 is not a host number");
    t.deepEqual(call(inst, "is_i31", out), [1]);
    t.deepEqual(call(inst, "i31_back", out), [12345]);
  });
}

// Function types canonicalized across modules: the same rec group in two modules is one type,
// and a declared subtype casts to its supertype of the other module.
const TYPES = `
  (type $sup (sub (func (param i32) (result i32))))
  (type $sub (sub $sup (func (param i32) (result i32))))
  (type $other (func (param i32) (result i32)))`;

const PROVIDER = `(module ${TYPES}
  (func $a (export "a") (type $sub) (i32.add (local.get 0) (i32.const 1)))
  (func $b (export "b") (type $sup) (i32.add (local.get 0) (i32.const 2)))
  (func $c (export "c") (type $other) (i32.add (local.get 0) (i32.const 3)))
)`;

const CASTER = `(module ${TYPES}
  (table $t (export "t") 3 funcref)
  (func (export "test_sup") (param funcref) (result i32) (ref.test (ref $sup) (local.get 0)))
  (func (export "test_sub") (param funcref) (result i32) (ref.test (ref $sub) (local.get 0)))
  (func (export "test_null_sub") (param funcref) (result i32) (ref.test (ref null $sub) (local.get 0)))
  (func (export "cast_sub") (param funcref i32) (result i32) (call_ref $sub (local.get 1) (ref.cast (ref $sub) (local.get 0))))
  (func (export "br_sup") (param funcref) (result i32) (local $f (ref $sup))
    (local.set $f (block $yes (result (ref $sup))
      (br_on_cast $yes funcref (ref $sup) (local.get 0))
      (drop)
      (return (i32.const -1))))
    (call_ref $sup (i32.const 100) (local.get $f)))
  (func (export "br_fail_sub") (param funcref) (result i32)
    (block $no (result funcref)
      (return (call_ref $sub (i32.const 200) (br_on_cast_fail $no funcref (ref $sub) (local.get 0)))))
    (drop)
    (i32.const -1))
  (func (export "indirect_sup") (param i32) (result i32) (call_indirect $t (type $sup) (i32.const 7) (local.get 0)))
)`;

for (const tier of TIERS) {
  test(`${tier}: casts to function types of another module by canonical type, with declared subtypes`, async (t) => {
    const store = new Store({ tier });
    const p = instantiate(store, await compileRefs(PROVIDER), []);
    const c = instantiate(store, await compileRefs(CASTER), []);
    const a = p.export("a")!, b = p.export("b")!, other = p.export("c")!;
    t.deepEqual(call(c, "test_sup", a), [1], "$sub <: $sup across modules");
    t.deepEqual(call(c, "test_sup", b), [1]);
    t.deepEqual(call(c, "test_sub", b), [0], "a supertype is not a subtype");
    t.deepEqual(call(c, "test_sub", a), [1]);
    t.deepEqual(call(c, "test_sup", other), [0], "a structurally equal type outside the hierarchy does not match");
    t.deepEqual(call(c, "test_sub", null), [0]);
    t.deepEqual(call(c, "test_null_sub", null), [1]);
    t.deepEqual(call(c, "cast_sub", a, 1), [2]);
    t.is(t.throws(() => call(c, "cast_sub", b, 1), { instanceOf: Trap }).reason, TrapMessage.CastFailure);
    t.is(t.throws(() => call(c, "cast_sub", null, 1), { instanceOf: Trap }).reason, TrapMessage.CastFailure);
    t.deepEqual(call(c, "br_sup", a), [101]);
    t.deepEqual(call(c, "br_sup", b), [102]);
    t.deepEqual(call(c, "br_sup", other), [-1]);
    t.deepEqual(call(c, "br_sup", null), [-1]);
    t.deepEqual(call(c, "br_fail_sub", a), [201]);
    t.deepEqual(call(c, "br_fail_sub", b), [-1]);
    t.deepEqual(call(c, "br_fail_sub", null), [-1]);
    // call_indirect accepts a subtype of the expected type at run time.
    const table = c.export("t") as TableInstance;
    table.set(0, a); table.set(1, b); table.set(2, other);
    t.deepEqual(call(c, "indirect_sup", 0), [8]);
    t.deepEqual(call(c, "indirect_sup", 1), [9]);
    t.is(t.throws(() => call(c, "indirect_sup", 2), { instanceOf: Trap }).reason, TrapMessage.IndirectCallTypeMismatch);
    // The compiled tier compiles the casts of function references itself (no fallback to the interpreter).
    if (tier === "compiler") for (const name of ["test_sup", "cast_sub", "br_sup", "br_fail_sub"]) t.not((c.export(name) as FuncInstance).jit, null, name);
  });
}

test("an imported function matches an import of its supertype, not of a subtype", async (t) => {
  const store = new Store();
  const p = instantiate(store, await compileRefs(PROVIDER), []);
  const sup = await compileRefs(`(module ${TYPES} (import "p" "f" (func (type $sup))))`);
  const sub = await compileRefs(`(module ${TYPES} (import "p" "f" (func (type $sub))))`);
  t.notThrows(() => instantiate(store, sup, [p.export("a")!]));
  t.notThrows(() => instantiate(store, sub, [p.export("a")!]));
  t.throws(() => instantiate(store, sub, [p.export("b")!]), { message: /incompatible import type/ });
});

/** Validation of one function body: the message of its error, or null when valid. */
async function invalid(body: string, types = ""): Promise<string | null> {
  try {
    await compileRefs(`(module ${types} ${body})`);
    return null;
  } catch (e) {
    if (e instanceof ValidationError) return e.message;
    throw e;
  }
}

test("validation: the casts' typing rules", async (t) => {
  // br_on_cast's target must be a subtype of its source.
  t.regex((await invalid(`(func (param anyref) (result anyref)
    (block $l (result anyref) (br_on_cast $l i31ref anyref (ref.null i31)) (drop) (ref.null any)))`))!, /^type mismatch/);
  // The label must take the target type (br_on_cast) or the rest (br_on_cast_fail).
  t.regex((await invalid(`(func (param anyref) (result i31ref)
    (block $l (result i31ref) (br_on_cast $l anyref eqref (local.get 0)) (drop) (ref.null i31)))`))!, /^type mismatch/);
  t.is(await invalid(`(func (param anyref) (result eqref)
    (block $l (result eqref) (br_on_cast $l anyref i31ref (local.get 0)) (drop) (ref.null eq)))`), null);
  t.regex((await invalid(`(func (param anyref) (result i31ref)
    (block $l (result i31ref) (br_on_cast_fail $l anyref i31ref (local.get 0)) (drop) (ref.null i31)))`))!, /^type mismatch/);
  t.is(await invalid(`(func (param anyref) (result anyref)
    (block $l (result anyref) (br_on_cast_fail $l anyref i31ref (local.get 0)) (drop) (ref.null any)))`), null);
  // A label without values cannot take the reference.
  t.regex((await invalid(`(func (param anyref) (block $l (br_on_cast $l anyref i31ref (local.get 0)) (drop)))`))!, /^type mismatch/);
  // ref.test / ref.cast take any reference of the target's hierarchy, no other.
  t.regex((await invalid(`(func (param externref) (result i32) (ref.test i31ref (local.get 0)))`))!, /^type mismatch/);
  t.regex((await invalid(`(func (param funcref) (result anyref) (ref.cast anyref (local.get 0)))`))!, /^type mismatch/);
  t.is(await invalid(`(func (param funcref) (result i32) (ref.test (ref $f) (local.get 0)))`, "(type $f (func))"), null);
  // ref.eq wants eqrefs; i31.get an i31ref; the conversions their own hierarchy.
  t.regex((await invalid(`(func (param anyref) (result i32) (ref.eq (local.get 0) (local.get 0)))`))!, /^type mismatch/);
  t.regex((await invalid(`(func (param eqref) (result i32) (i31.get_s (local.get 0)))`))!, /^type mismatch/);
  t.regex((await invalid(`(func (param anyref) (result anyref) (any.convert_extern (local.get 0)))`))!, /^type mismatch/);
  t.regex((await invalid(`(func (param externref) (result externref) (extern.convert_any (local.get 0)))`))!, /^type mismatch/);
  // The conversions keep nullability.
  t.is(await invalid(`(func (param (ref extern)) (result (ref any)) (any.convert_extern (local.get 0)))`), null);
  t.regex((await invalid(`(func (param externref) (result (ref any)) (any.convert_extern (local.get 0)))`))!, /^type mismatch/);
  // Constant expressions: ref.i31 and the conversions are constant, of their types.
  t.is(await invalid(`(global anyref (any.convert_extern (extern.convert_any (ref.i31 (i32.const 1)))))`), null);
  t.regex((await invalid(`(global i31ref (ref.i31 (i64.const 1)))`))!, /^type mismatch/);
});

test("validation: in unreachable code the conversions of an unknown operand are non-null", async (t) => {
  t.is(await invalid(`(func (result (ref any)) (unreachable) (any.convert_extern))`), null);
  t.is(await invalid(`(func (result (ref extern)) (unreachable) (extern.convert_any))`), null);
  t.is(await invalid(`(func (result (ref i31)) (unreachable) (ref.cast (ref i31)))`), null);
  t.is(await invalid(`(func (result i32) (unreachable) (ref.test (ref i31)))`), null);
  t.regex((await invalid(`(func (result (ref any)) (unreachable) (ref.i31) (extern.convert_any))`))!, /^type mismatch/);
});
