import test from "ava";
import { Trap } from "../../../impl/base/errors.js";
import { ValType } from "../../../impl/base/types.js";
import { compileModule, FuncInstance, instantiate, invoke, Store } from "../../../impl/index.js";
import { wat } from "../../helpers/wat.js";

async function exports(text: string, imports: FuncInstance[] = []): Promise<(name: string) => FuncInstance> {
  const inst = instantiate(new Store(), compileModule(await wat(text)), imports);
  return (name) => inst.export(name) as FuncInstance;
}

const i32x4 = (...l: number[]): Uint8Array => new Uint8Array(Int32Array.from(l).buffer);
const lanes = (v: unknown): number[] => [...new Int32Array((v as Uint8Array).slice().buffer)];

test("v128 locals start at zero on every call, also when the frame's stack area held a vector before", async (t) => {
  const get = await exports(`(module
    (func (export "dirty") (param v128) (result v128) (local v128) (local.set 1 (local.get 0)) (local.get 1))
    (func (export "fresh") (result v128) (local v128) (local.get 0)))`);
  t.deepEqual(lanes(invoke(get("dirty"), [i32x4(1, 2, 3, 4)])[0]), [1, 2, 3, 4]);
  t.deepEqual(lanes(invoke(get("fresh"), [])[0]), [0, 0, 0, 0]);
});

test("several results mixing v128 and scalars, through calls, blocks and branches", async (t) => {
  const get = await exports(`(module
    (func $pair (param v128 i64) (result i64 v128 i32)
      (local.get 1) (local.get 0) (i32.const 9))
    (func (export "f") (param v128 i32) (result v128 i64 v128)
      (local i64 i32)
      (block (result v128 i64 v128)
        (call $pair (local.get 0) (i64.const -5))
        (local.set 3)
        (local.set 0)
        (local.set 2)
        (local.get 0) (local.get 2) (i32x4.splat (local.get 3))
        (br_if 0 (local.get 1))
        (drop) (drop) (drop)
        (v128.const i32x4 0 0 0 0) (i64.const 0) (v128.const i32x4 0 0 0 0))))`);
  const r = invoke(get("f"), [i32x4(7, 8, 9, 10), 1]);
  t.deepEqual(lanes(r[0]), [7, 8, 9, 10]);
  t.is(r[1], -5n);
  t.deepEqual(lanes(r[2]), [9, 9, 9, 9]);
  t.deepEqual(lanes(invoke(get("f"), [i32x4(7, 8, 9, 10), 0])[2]), [0, 0, 0, 0]);
});

test("recursion keeps each frame's vectors apart; select and globals move vectors", async (t) => {
  const get = await exports(`(module
    (global $g (mut v128) (v128.const i32x4 0 0 0 0))
    (func $sum (export "sum") (param $n i32) (param $acc v128) (result v128)
      (if (result v128) (i32.eqz (local.get $n))
        (then (local.get $acc))
        (else
          (i32x4.add
            (call $sum (i32.sub (local.get $n) (i32.const 1)) (i32x4.splat (local.get $n)))
            (local.get $acc)))))
    (func (export "pick") (param v128 v128 i32) (result v128)
      (global.set $g (select (local.get 0) (local.get 1) (local.get 2)))
      (global.get $g)))`);
  // sum(n, acc) = acc + sum(n - 1, splat n) = acc + 1 + 2 + ... + n.
  t.deepEqual(lanes(invoke(get("sum"), [100, i32x4(1, 2, 3, 4)])[0]), [5051, 5052, 5053, 5054]);
  t.deepEqual(lanes(invoke(get("pick"), [i32x4(1, 1, 1, 1), i32x4(2, 2, 2, 2), 0])[0]), [2, 2, 2, 2]);
  t.deepEqual(lanes(invoke(get("pick"), [i32x4(1, 1, 1, 1), i32x4(2, 2, 2, 2), 5])[0]), [1, 1, 1, 1]);
});

test("host functions take and return raw v128 values (16-byte Uint8Array)", async (t) => {
  const type = { params: [ValType.V128], results: [ValType.V128, ValType.I32] };
  const host = new FuncInstance(type, null, -1, ([v]) => {
    const b = (v as Uint8Array).slice().reverse();
    return [b, b[0]!];
  });
  const get = await exports(`(module
    (import "" "rev" (func $rev (param v128) (result v128 i32)))
    (func (export "f") (param v128) (result v128 i32) (call $rev (local.get 0))))`, [host]);
  const bytes = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
  const [v, first] = invoke(get("f"), [bytes]);
  t.deepEqual([...(v as Uint8Array)], [...bytes].reverse());
  t.is(first, 16);
});

test("SIMD loads trap out of bounds as scalar loads do", async (t) => {
  const get = await exports(`(module (memory 1)
    (func (export "load") (param i32) (result v128) (v128.load offset=16 (local.get 0))))`);
  t.deepEqual(lanes(invoke(get("load"), [65504])[0]), [0, 0, 0, 0]);
  t.throws(() => invoke(get("load"), [65505]), { instanceOf: Trap, message: /^out of bounds memory access/ });
});
