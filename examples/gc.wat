;; The GC example's module: structs and arrays made in wasm, read and changed from the host
;; through the C API (examples/gc.ts). Assembled by wasm-tools (wabt has no GC):
;; test/unit/capi/example-binaries.test.ts checks gc.wasm against this text.
(module
  (type $point (struct (field $x (mut i32)) (field $y (mut i32))))
  (type $polygon (array (mut (ref null $point))))
  (type $bytes (array i8))
  (type $shape (struct
    (field $name (ref $bytes))
    (field $corners (ref $polygon))
    (field $scale (mut f64))
    (field $id i64)
    (field $tag i31ref)))

  (data $name "triangle")

  ;; A point (x, y).
  (func $point (export "point") (param $x i32) (param $y i32) (result (ref $point))
    (struct.new $point (local.get $x) (local.get $y)))

  ;; A polygon of $n corners, corner i at (i, i * i).
  (func $polygon (param $n i32) (result (ref $polygon))
    (local $p (ref $polygon)) (local $i i32)
    (local.set $p (array.new_default $polygon (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (array.set $polygon (local.get $p) (local.get $i)
          (call $point (local.get $i) (i32.mul (local.get $i) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $p))

  ;; A shape: its name from the data segment, three corners, a scale, an id and an i31 tag.
  (func (export "shape") (result (ref $shape))
    (struct.new $shape
      (array.new_data $bytes $name (i32.const 0) (i32.const 8))
      (call $polygon (i32.const 3))
      (f64.const 1.5)
      (i64.const 0x123456789)
      (ref.i31 (i32.const -7))))

  ;; The sum of x + y over the corners of a shape (null corners count 0): what wasm sees.
  (func (export "sum") (param $s (ref $shape)) (result i32)
    (local $p (ref $polygon)) (local $c (ref null $point)) (local $i i32) (local $sum i32)
    (local.set $p (struct.get $shape $corners (local.get $s)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $p))))
        (local.set $c (array.get $polygon (local.get $p) (local.get $i)))
        (if (i32.eqz (ref.is_null (local.get $c)))
          (then
            (local.set $sum (i32.add (local.get $sum)
              (i32.add (struct.get $point $x (local.get $c)) (struct.get $point $y (local.get $c)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum))
)
