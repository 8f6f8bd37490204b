;; multi-module, module "b": imports from "a"; bumps a's counter and adds 100 through a.
(module
  (import "a" "inc" (func $inc (result i32)))
  (import "a" "add" (func $add (param i32 i32) (result i32)))
  (func (export "bump") (result i32) (call $inc))
  (func (export "add100") (param i32) (result i32) (call $add (local.get 0) (i32.const 100)))
)
