;; Benchmark kernel `atomics` (issue 15): atomic read-modify-write loops on a
;; shared memory, single-threaded (no wait, no notify): what an uncontended
;; mutex, a reference count or a lock-free counter costs per operation.
;; run(n) does n iterations of: i32.atomic.rmw.add, i64.atomic.rmw.add, a
;; compare-exchange spin (load, compute, cmpxchg, retry if another thread
;; changed it: never here), i32.atomic.rmw8.xor_u, and an atomic
;; store/load pair; returns an i32 checksum of the final values.
;; Hand-written; built by build.sh (wabt's wat2wasm), the .wasm is committed.
(module
  (memory 1 1 shared)
  (func (export "run") (param $n i32) (result i32)
    (local $i i32) (local $old i32) (local $acc i32)
    ;; A fresh start on every call: the checksum depends on n only.
    (i32.atomic.store (i32.const 0) (i32.const 0))
    (i64.atomic.store (i32.const 8) (i64.const 0))
    (i32.atomic.store (i32.const 16) (i32.const 1))
    (i32.atomic.store (i32.const 24) (i32.const 0))
    (i32.atomic.store (i32.const 32) (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        ;; counter += i
        (drop (i32.atomic.rmw.add (i32.const 0) (local.get $i)))
        ;; a 64-bit counter += i * 3
        (drop (i64.atomic.rmw.add (i32.const 8) (i64.extend_i32_u (i32.mul (local.get $i) (i32.const 3)))))
        ;; cmpxchg spin: x = x * 31 + i
        (loop $retry
          (local.set $old (i32.atomic.load (i32.const 16)))
          (br_if $retry (i32.ne
            (i32.atomic.rmw.cmpxchg (i32.const 16) (local.get $old)
              (i32.add (i32.mul (local.get $old) (i32.const 31)) (local.get $i)))
            (local.get $old))))
        ;; a byte flag toggled
        (drop (i32.atomic.rmw8.xor_u (i32.const 24) (i32.const 1)))
        ;; a store seen by the next load
        (i32.atomic.store (i32.const 32) (i32.xor (local.get $i) (local.get $acc)))
        (local.set $acc (i32.add (local.get $acc) (i32.atomic.load (i32.const 32))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.xor
      (i32.add (i32.atomic.load (i32.const 0)) (i32.wrap_i64 (i64.atomic.load (i32.const 8))))
      (i32.add (i32.atomic.load (i32.const 16))
        (i32.add (i32.atomic.load8_u (i32.const 24)) (local.get $acc))))))
