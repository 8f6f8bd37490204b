;; wasi-threads (issue 15, must-show 4): the main thread writes a word into its
;; memory and spawns four threads with wasi's thread-spawn; each thread runs in
;; a worker over the SAME memory (imported, shared): it reads the parent's word,
;; writes its own, and the last one grows the memory. The parent waits for all
;; (atomics and memory.atomic.wait32), then prints what they wrote: only the
;; parent prints, in a fixed order, so the output is the same on every run.
;; Memory: 0 iovec, 8 bytes written, 16 threads done, 20 tids (4 x i32),
;; 64 the parent's word, 128 the words the threads wrote, 160 what they read,
;; 512 text (copied in from a passive segment by the main thread only: a
;; thread instantiates the module again, and active segments would rewrite it).
(module
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 4 shared))
  (export "memory" (memory 0))
  (data $text "parent: wrote 5eed at address 64, spawning 4 threads\nthread # (tid #) read ####, wrote ####\nparent: the threads' memory.grow made # pages\n")

  (func $print (param $at i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $at))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))

  ;; Four hex digits of $v at $at.
  (func $hex4 (param $at i32) (param $v i32) (local $k i32) (local $n i32)
    (loop $digit
      (local.set $n (i32.and (i32.shr_u (local.get $v) (i32.sub (i32.const 12) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 15)))
      (i32.store8 (i32.add (local.get $at) (local.get $k))
        (select (i32.add (i32.const 48) (local.get $n)) (i32.add (i32.const 87) (local.get $n)) (i32.lt_u (local.get $n) (i32.const 10))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $digit (i32.lt_u (local.get $k) (i32.const 4)))))

  ;; A spawned thread: start_arg is its index 0..3.
  (func (export "wasi_thread_start") (param $tid i32) (param $arg i32) (local $word i32)
    (local.set $word (i32.atomic.load (i32.const 64)))
    (i32.store (i32.add (i32.const 160) (i32.shl (local.get $arg) (i32.const 2))) (local.get $word))
    (i32.store (i32.add (i32.const 128) (i32.shl (local.get $arg) (i32.const 2)))
      (i32.add (local.get $word) (i32.add (local.get $arg) (i32.const 1))))
    (if (i32.eq (local.get $arg) (i32.const 3)) (then (drop (memory.grow (i32.const 1)))))
    (drop (i32.atomic.rmw.add (i32.const 16) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 16) (i32.const 1))))

  (func (export "_start") (local $i i32) (local $tid i32) (local $done i32)
    (memory.init $text (i32.const 512) (i32.const 0) (i32.const 138))
    (i32.atomic.store (i32.const 64) (i32.const 0x5eed))
    (call $print (i32.const 512) (i32.const 53))
    (loop $each
      (local.set $tid (call $spawn (local.get $i)))
      (if (i32.le_s (local.get $tid) (i32.const 0)) (then (call $exit (i32.const 1))))
      (i32.store (i32.add (i32.const 20) (i32.shl (local.get $i) (i32.const 2))) (local.get $tid))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $each (i32.lt_u (local.get $i) (i32.const 4))))
    ;; Wait until all four have said they are done.
    (loop $wait
      (local.set $done (i32.atomic.load (i32.const 16)))
      (if (i32.lt_u (local.get $done) (i32.const 4))
        (then
          (drop (memory.atomic.wait32 (i32.const 16) (local.get $done) (i64.const -1)))
          (br $wait))))
    (local.set $i (i32.const 0))
    (loop $line
      (i32.store8 (i32.const 572) (i32.add (i32.const 49) (local.get $i)))
      (i32.store8 (i32.const 579) (i32.add (i32.const 48) (i32.load (i32.add (i32.const 20) (i32.shl (local.get $i) (i32.const 2))))))
      (call $hex4 (i32.const 587) (i32.load (i32.add (i32.const 160) (i32.shl (local.get $i) (i32.const 2)))))
      (call $hex4 (i32.const 599) (i32.load (i32.add (i32.const 128) (i32.shl (local.get $i) (i32.const 2)))))
      (call $print (i32.const 565) (i32.const 39))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $line (i32.lt_u (local.get $i) (i32.const 4))))
    (i32.store8 (i32.const 642) (i32.add (i32.const 48) (memory.size)))
    (call $print (i32.const 604) (i32.const 46))))
