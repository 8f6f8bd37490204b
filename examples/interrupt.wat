;; The interrupt example: a function that never returns, and one that does.
(module
  (func $spin (export "spin")
    (loop $forever (br $forever)))
  (func $add (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1))))
