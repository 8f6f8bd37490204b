;; start: the start function traps.
(module
  (func $start (unreachable))
  (start $start)
)
