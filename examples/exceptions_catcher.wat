;; Catches the host's tag, whoever throws it: another module (`fail`) or the host itself (`host_fail`).
;; `guarded(f, code)` returns 0 when nothing was thrown, else 1000 + the payload.
(module
  (import "host" "error" (tag $error (param i32)))
  (import "thrower" "fail" (func $fail (param i32)))
  (import "host" "host_fail" (func $host_fail (param i32)))

  (func $guarded (param $which i32) (param $code i32) (result i32)
    (block $caught (result i32)
      (try_table (catch $error $caught)
        (if (i32.eqz (local.get $which))
          (then (call $fail (local.get $code)))
          (else (call $host_fail (local.get $code)))))
      (return (i32.const 0)))
    (i32.add (i32.const 1000)))

  ;; From wasm code in another module.
  (func (export "catch_wasm") (param i32) (result i32) (call $guarded (i32.const 0) (local.get 0)))
  ;; From a host callback.
  (func (export "catch_host") (param i32) (result i32) (call $guarded (i32.const 1) (local.get 0))))
