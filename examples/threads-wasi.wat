;; A wasi-threads program whose spawned thread uses the program's WASI state
;; (issue 15): the main thread opens a.txt (fd at 300) and prints a line, then
;; spawns a thread and waits for it; the thread reads stdin, writes what it read
;; to a.txt through the main thread's descriptor, opens b.txt itself (fd at 304)
;; and writes a line there, prints "thread: " and the stdin bytes, and wakes the
;; main thread, which prints a line, reads b.txt through the thread's descriptor
;; (fd_pread at 0) and prints that. Each thread has its own scratch (iovec and
;; count: main 0, thread 32). Text comes from a passive segment the main thread
;; copies in (a thread instantiates the module again: active segments would
;; rewrite memory).
(module
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_pread" (func $fd_pread (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (export "memory" (memory 0))
  (data $text "a.txtb.txtmain says hi\nthread: main: thread done\nthread wrote b\nmain read b: ")

  ;; Writes [$ptr, $ptr + $len) to $fd with the iovec at $scratch; exits 10 + errno on failure.
  (func $write (param $fd i32) (param $ptr i32) (param $len i32) (param $scratch i32) (local $e i32)
    (i32.store (local.get $scratch) (local.get $ptr))
    (i32.store offset=4 (local.get $scratch) (local.get $len))
    (local.set $e (call $fd_write (local.get $fd) (local.get $scratch) (i32.const 1) (i32.add (local.get $scratch) (i32.const 8))))
    (if (local.get $e) (then (call $exit (i32.add (i32.const 10) (local.get $e))))))

  ;; Opens (creating, truncating) a file under the preopen 3; the descriptor goes to $out; exits 40 + errno on failure.
  (func $open (param $path i32) (param $len i32) (param $out i32) (local $e i32)
    (local.set $e (call $path_open (i32.const 3) (i32.const 0) (local.get $path) (local.get $len)
      (i32.const 9) (i64.const 0x1fffffff) (i64.const 0x1fffffff) (i32.const 0) (local.get $out)))
    (if (local.get $e) (then (call $exit (i32.add (i32.const 40) (local.get $e))))))

  (func (export "wasi_thread_start") (param $tid i32) (param $arg i32) (local $n i32)
    ;; stdin -> 2048
    (i32.store (i32.const 32) (i32.const 2048))
    (i32.store (i32.const 36) (i32.const 256))
    (if (call $fd_read (i32.const 0) (i32.const 32) (i32.const 1) (i32.const 40)) (then (call $exit (i32.const 20))))
    (local.set $n (i32.load (i32.const 40)))
    (call $write (i32.load (i32.const 300)) (i32.const 2048) (local.get $n) (i32.const 32))
    (call $open (i32.const 1029) (i32.const 5) (i32.const 304))
    (call $write (i32.load (i32.const 304)) (i32.const 1073) (i32.const 15) (i32.const 32))
    (call $write (i32.const 1) (i32.const 1047) (i32.const 8) (i32.const 32))
    (call $write (i32.const 1) (i32.const 2048) (local.get $n) (i32.const 32))
    (i32.atomic.store (i32.const 16) (i32.const 1))
    (drop (memory.atomic.notify (i32.const 16) (i32.const 1))))

  (func (export "_start")
    (memory.init $text (i32.const 1024) (i32.const 0) (i32.const 77))
    (call $open (i32.const 1024) (i32.const 5) (i32.const 300))
    (call $write (i32.const 1) (i32.const 1034) (i32.const 13) (i32.const 0))
    (if (i32.le_s (call $spawn (i32.const 0)) (i32.const 0)) (then (call $exit (i32.const 2))))
    (loop $wait
      (if (i32.eqz (i32.atomic.load (i32.const 16)))
        (then (drop (memory.atomic.wait32 (i32.const 16) (i32.const 0) (i64.const -1))) (br $wait))))
    (call $write (i32.const 1) (i32.const 1055) (i32.const 18) (i32.const 0))
    (call $write (i32.const 1) (i32.const 1088) (i32.const 13) (i32.const 0))
    ;; b.txt through the thread's descriptor, from offset 0 -> 4096
    (i32.store (i32.const 0) (i32.const 4096))
    (i32.store (i32.const 4) (i32.const 256))
    (if (call $fd_pread (i32.load (i32.const 304)) (i32.const 0) (i32.const 1) (i64.const 0) (i32.const 12)) (then (call $exit (i32.const 30))))
    (call $write (i32.const 1) (i32.const 4096) (i32.load (i32.const 12)) (i32.const 0))))
