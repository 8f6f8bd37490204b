;; hello: the host's "hello" function, called through the exported "run".
(module
  (func $hello (import "" "hello"))
  (func (export "run") (call $hello))
)
