;; sharing (reader): another module over the same host memory and table:
;; loads, sizes, and a table.grow that every other holder sees.
(module
  (import "host" "memory" (memory 1))
  (import "host" "table" (table 1 funcref))
  (type $i32 (func (result i32)))
  (func $seven (type $i32) (i32.const 7))
  (elem declare func $seven)
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "memory_size") (result i32) (memory.size))
  (func (export "table_size") (result i32) (table.size))
  (func (export "grow_table") (param i32) (result i32) (table.grow (ref.func $seven) (local.get 0)))
  (func (export "call") (param i32) (result i32) (call_indirect (type $i32) (local.get 0)))
)
