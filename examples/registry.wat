;; registry: an application whose imports come from the native registry
;; ("env" natives the host registered, and the built-in "spectest" module),
;; except those the application supplies itself.
(module
  (import "env" "log" (func $log (param i32)))
  (import "env" "scale" (func $scale (param i32) (result i32)))
  (import "spectest" "global_i32" (global $base i32))
  (import "spectest" "print_i32" (func $print (param i32)))
  (func (export "run")
    (call $log (call $scale (global.get $base)))
    (call $print (i32.const 7)))
)
