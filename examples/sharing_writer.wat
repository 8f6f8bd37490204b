;; sharing (writer): stores into the host's memory, grows it, and puts its
;; function "answer" into slot 0 of the host's table with an element segment.
(module
  (import "host" "memory" (memory 1 4))
  (import "host" "table" (table 2 10 funcref))
  (type $i32 (func (result i32)))
  (func $answer (type $i32) (i32.const 100))
  (elem (i32.const 0) $answer)
  (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "grow_memory") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "call") (param i32) (result i32) (call_indirect (type $i32) (local.get 0)))
)
