;; multi-module, module "c": imports from "b" and "a" (and prints through the
;; built-in "spectest" module, which the registry serves, so it is never loaded).
(module
  (import "b" "bump" (func $bump (result i32)))
  (import "b" "add100" (func $add100 (param i32) (result i32)))
  (import "a" "count" (func $count (result i32)))
  (import "a" "add" (func $add (param i32 i32) (result i32)))
  (import "spectest" "print_i32" (func $print (param i32)))
  ;; a.add(b.add100(x), 1)
  (func (export "compute") (param i32) (result i32)
    (call $add (call $add100 (local.get 0)) (i32.const 1)))
  (func (export "bump_via_b") (call $print (call $bump)))
  (func (export "count_via_a") (call $print (call $count)))
)
