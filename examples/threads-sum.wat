;; Threads without a C compiler (issue 15, must-show 2): a mutex and a condition
;; variable made of atomics and memory.atomic.wait32/notify, used by workers that
;; share this module's memory (imported: the host makes it and hands it to each
;; worker). Layout of the memory:
;;   0  mutex of the sum          4  mutex of the ping-pong
;;   8  the sum (i64, changed only under its mutex)
;;  20  whose turn it is (0 ping, 1 pong)   24  condition variable (a sequence number)
;;  28  turns taken so far        64...  one byte per turn: 1 ping, 2 pong
(module
  (import "env" "memory" (memory 1 1 shared))

  ;; A mutex word: 0 free, 1 held. Whoever finds it held sleeps until it may have been freed.
  (func $lock (param $m i32)
    (loop $retry
      (if (i32.atomic.rmw.cmpxchg (local.get $m) (i32.const 0) (i32.const 1))
        (then
          (drop (memory.atomic.wait32 (local.get $m) (i32.const 1) (i64.const -1)))
          (br $retry)))))
  (func $unlock (param $m i32)
    (i32.atomic.store (local.get $m) (i32.const 0))
    (drop (memory.atomic.notify (local.get $m) (i32.const 1))))

  ;; A condition variable: a sequence number that every signal bumps. A waiter reads it while holding
  ;; the mutex, so a signal between its unlock and its wait changes it and the wait returns at once.
  (func $cond_wait (param $cv i32) (param $m i32) (local $seq i32)
    (local.set $seq (i32.atomic.load (local.get $cv)))
    (call $unlock (local.get $m))
    (drop (memory.atomic.wait32 (local.get $cv) (local.get $seq) (i64.const -1)))
    (call $lock (local.get $m)))
  (func $cond_signal (param $cv i32)
    (drop (i32.atomic.rmw.add (local.get $cv) (i32.const 1)))
    (drop (memory.atomic.notify (local.get $cv) (i32.const 1))))

  ;; Adds first, first + step, ... (up to n) to the sum, each addition a plain load and store under the
  ;; mutex: without mutual exclusion, additions would be lost. Returns how many it made.
  (func (export "sum") (param $first i32) (param $step i32) (param $n i32) (result i32) (local $i i32) (local $count i32)
    (local.set $i (local.get $first))
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (local.get $i) (local.get $n)))
        (call $lock (i32.const 0))
        (i64.store (i32.const 8) (i64.add (i64.load (i32.const 8)) (i64.extend_i32_u (local.get $i))))
        (call $unlock (i32.const 0))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (local.get $step)))
        (br $next)))
    (local.get $count))
  (func (export "total") (result i64) (i64.atomic.load (i32.const 8)))

  ;; Ping-pong: player $me (0 ping, 1 pong) takes $rounds turns, each only when the turn is its own,
  ;; sleeping on the condition variable otherwise; each turn is written down, then handed over.
  (func (export "play") (param $me i32) (param $rounds i32) (result i32) (local $r i32) (local $k i32)
    (block $done
      (loop $round
        (br_if $done (i32.ge_u (local.get $r) (local.get $rounds)))
        (call $lock (i32.const 4))
        (block $mine
          (loop $wait
            (br_if $mine (i32.eq (i32.load (i32.const 20)) (local.get $me)))
            (call $cond_wait (i32.const 24) (i32.const 4))
            (br $wait)))
        (local.set $k (i32.load (i32.const 28)))
        (i32.store8 (i32.add (i32.const 64) (local.get $k)) (i32.add (local.get $me) (i32.const 1)))
        (i32.store (i32.const 28) (i32.add (local.get $k) (i32.const 1)))
        (i32.store (i32.const 20) (i32.sub (i32.const 1) (local.get $me)))
        (call $cond_signal (i32.const 24))
        (call $unlock (i32.const 4))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $round)))
    (local.get $r))
  (func (export "turns") (result i32) (i32.atomic.load (i32.const 28))))
