;; Throws the host's tag: `fail(code)` raises an exception whose payload is `code`.
(module
  (import "host" "error" (tag $error (param i32)))
  (func (export "fail") (param $code i32)
    (throw $error (local.get $code))))
