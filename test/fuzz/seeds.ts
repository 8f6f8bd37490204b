/**
 * The differential fuzzer's seeds: valid modules of spec scripts rich in
 * exported functions, memories and traps.
 * @module
 */
export const DIFFERENTIAL_SEED_FILES = [
  "address.wast", "block.wast", "br_table.wast", "br_if.wast", "bulk.wast", "call.wast", "call_indirect.wast",
  "conversions.wast", "endianness.wast", "fac.wast", "float_exprs.wast", "float_memory.wast", "forward.wast",
  "global.wast", "i32.wast", "i64.wast", "f32.wast", "f64.wast", "if.wast", "int_exprs.wast", "left-to-right.wast",
  "load.wast", "local_tee.wast", "loop.wast", "memory.wast", "memory_copy.wast", "memory_fill.wast",
  "memory_grow.wast", "memory_init.wast", "memory_size.wast", "memory_trap.wast", "nop.wast", "return.wast",
  "select.wast", "stack.wast", "store.wast", "switch.wast", "table_copy.wast", "table_fill.wast", "table_grow.wast",
  "table_init.wast", "traps.wast", "unreachable.wast", "unwind.wast",
];
