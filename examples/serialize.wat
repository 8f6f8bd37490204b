;; serialize: as hello, the module serialized and deserialized before instantiation.
(module
  (func $hello (import "" "hello"))
  (func (export "run") (call $hello))
)
