;; The GC workload of `npm run bench` (issue 18): binary trees of structs, built and walked
;; (binarytrees-style: every node a fresh struct, the tree garbage once counted), and arrays of i32
;; made, filled and summed. run(n) returns a checksum that bench/run.ts also computes by formula.
(module
  ;; A tree node: two children, null in a leaf, and an i32 payload (the node's depth).
  (type $node (struct (field $left (ref null $node)) (field $right (ref null $node)) (field $depth i32)))
  (type $ints (array (mut i32)))

  ;; A complete tree of depth $d: 2^($d+1) - 1 nodes.
  (func $make (param $d i32) (result (ref $node))
    (if (result (ref $node)) (i32.eqz (local.get $d))
      (then (struct.new $node (ref.null $node) (ref.null $node) (i32.const 0)))
      (else
        (struct.new $node
          (call $make (i32.sub (local.get $d) (i32.const 1)))
          (call $make (i32.sub (local.get $d) (i32.const 1)))
          (local.get $d)))))

  ;; The number of nodes of a tree, plus the depths it holds.
  (func $check (param $t (ref $node)) (result i32)
    (local $l (ref null $node))
    (local.set $l (struct.get $node $left (local.get $t)))
    (if (result i32) (ref.is_null (local.get $l))
      (then (i32.add (i32.const 1) (struct.get $node $depth (local.get $t))))
      (else
        (i32.add
          (i32.add (i32.const 1) (struct.get $node $depth (local.get $t)))
          (i32.add
            (call $check (ref.as_non_null (local.get $l)))
            (call $check (ref.as_non_null (struct.get $node $right (local.get $t)))))))))

  ;; An array of $len i32, element i set to 3i, then summed.
  (func $arrays (param $len i32) (result i32)
    (local $a (ref $ints)) (local $i i32) (local $s i32)
    (local.set $a (array.new $ints (i32.const 0) (local.get $len)))
    (block $done
      (loop $fill
        (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $a))))
        (array.set $ints (local.get $a) (local.get $i) (i32.mul (local.get $i) (i32.const 3)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill)))
    (local.set $i (i32.const 0))
    (block $done
      (loop $sum
        (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $a))))
        (local.set $s (i32.add (local.get $s) (array.get $ints (local.get $a) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $sum)))
    (local.get $s))

  ;; n rounds: a tree of depth 12 (8191 nodes) built and checked, an array of 1024 elements.
  (func (export "run") (param $n i32) (result i32)
    (local $r i32) (local $sum i32)
    (block $done
      (loop $round
        (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (call $check (call $make (i32.const 12)))))
        (local.set $sum (i32.add (local.get $sum) (call $arrays (i32.const 1024))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $round)))
    (local.get $sum))
)
