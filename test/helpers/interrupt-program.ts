/**
 * The program the interruption tests run (fuel, epoch and deadline), on the
 * interpreter (test/unit/interrupt) and on the compiled tier
 * (test/unit/compiler/interrupt.test.ts): one fixture, so both test the same
 * code. Its function indices are part of the tests (trap frames name them):
 * the import `tick` is 0, `spin` 1, `fib` 2, `count` 3, `ticks` 4, `down` 5,
 * `add` 6, `sink` 7, `nested` 8, `simd` 9, `mixed` 10. Add functions at the
 * end only.
 * @module
 */

/** The interruption tests' program (text; imports `env.tick`, a function of no parameters and no results). */
export const INTERRUPT_PROGRAM = `(module
  (import "env" "tick" (func $tick))
  (func $spin (export "spin") (loop (br 0)))
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "count") (param i32)
    (loop (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "ticks") (param i32)
    (loop (call $tick) (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))))
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (call $down (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $sink (export "sink") (param i32)
    (if (local.get 0) (then (call $sink (i32.sub (local.get 0) (i32.const 1)))) (else (call $tick) (loop (br 0)))))
  (func (export "nested") (param i32) (local i32)
    (loop (local.set 1 (i32.const 3))
      (loop (br_if 0 (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
      (br_table 0 1 (i32.eqz (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))))
  (func $simd (export "simd") (param i32) (result i32) (i32x4.extract_lane 1 (i32x4.splat (local.get 0))))
  (func (export "mixed") (param i32) (result i32) (local i32)
    (loop (local.set 1 (i32.add (local.get 1) (call $simd (local.get 0))))
      (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 1)))`;
