;; The `grow` workload of `npm run bench` (issue 12): memory growth in many
;; steps, as C programs linked with wasi-libc do (they grow 40 to 65 times per run).
;; Build: npx wat2wasm grow.wat -o grow.wasm
(module
  (memory 1)
  ;; Grows the memory `count` times by `delta` pages and writes a byte into
  ;; each new page; returns the final size in pages plus the sum of the bytes
  ;; read back (a checksum), or -1 when a grow fails.
  (func (export "run") (param $count i32) (param $delta i32) (result i32)
    (local $i i32) (local $old i32) (local $k i32) (local $sum i32)
    (block $done
      (loop $grow
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $old (memory.grow (local.get $delta)))
        (if (i32.eq (local.get $old) (i32.const -1)) (then (return (i32.const -1))))
        (local.set $k (i32.const 0))
        (block $touched
          (loop $touch
            (br_if $touched (i32.ge_u (local.get $k) (local.get $delta)))
            (i32.store8
              (i32.shl (i32.add (local.get $old) (local.get $k)) (i32.const 16))
              (i32.add (local.get $old) (local.get $k)))
            (local.set $sum (i32.add (local.get $sum)
              (i32.load8_u (i32.shl (i32.add (local.get $old) (local.get $k)) (i32.const 16)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $touch)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $grow)))
    (i32.add (memory.size) (local.get $sum))))
