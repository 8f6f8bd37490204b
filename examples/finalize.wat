;; finalize: three empty functions, instantiated many times.
(module
  (func (export "f"))
  (func (export "g"))
  (func (export "h"))
)
