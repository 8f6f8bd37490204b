/**
 * The WASI program the C API tests run, in text: it imports the preview1
 * functions it uses and exports one entry point per behaviour, so each test
 * calls the one it is about. Plus helpers to set a store up through the
 * C API as an embedder would.
 * @module
 */
import * as C from "../../../../capi/index.js";
import { compile, exportsOf, message } from "../../capi/helpers.js";

/**
 * Memory map: 0..7 argc/count and buffer size, 8 a newline, 16 an iovec,
 * 24 the count written/read, 32 an fd out, 64.. the path "out.txt",
 * 1024 the pointer array, 4096 the string buffer, 8192 the read buffer.
 */
export const PROGRAM = `(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "\\n")
  (data (i32.const 64) "out.txt")
  (data (i32.const 96) "written\\n")

  ;; Writes len bytes at ptr to fd.
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 24))))

  (func $strlen (param $p i32) (result i32) (local $n i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $n))

  ;; Prints count strings whose pointers are at 1024, one a line.
  (func $lines (param $count i32) (local $i i32) (local $p i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
      (local.set $p (i32.load (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2)))))
      (call $write (i32.const 1) (local.get $p) (call $strlen (local.get $p)))
      (call $write (i32.const 1) (i32.const 8) (i32.const 1))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

  (func (export "print_args")
    (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (drop (call $args_get (i32.const 1024) (i32.const 4096)))
    (call $lines (i32.load (i32.const 0))))

  (func (export "print_env")
    (drop (call $environ_sizes_get (i32.const 0) (i32.const 4)))
    (drop (call $environ_get (i32.const 1024) (i32.const 4096)))
    (call $lines (i32.load (i32.const 0))))

  ;; Copies stdin to stdout until end of file.
  (func (export "cat") (local $n i32)
    (loop $more
      (i32.store (i32.const 16) (i32.const 8192))
      (i32.store (i32.const 20) (i32.const 100))
      (drop (call $fd_read (i32.const 0) (i32.const 16) (i32.const 1) (i32.const 24)))
      (local.set $n (i32.load (i32.const 24)))
      (if (local.get $n) (then
        (call $write (i32.const 1) (i32.const 8192) (local.get $n))
        (br $more)))))

  (func (export "say") (param $fd i32) (call $write (local.get $fd) (i32.const 96) (i32.const 8)))

  ;; Creates "out.txt" in the first preopen (fd 3) and writes to it; returns the errno of path_open.
  (func (export "create") (result i32) (local $errno i32)
    (local.set $errno (call $path_open (i32.const 3) (i32.const 0) (i32.const 64) (i32.const 7)
      (i32.const 9) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 32)))
    (if (i32.eqz (local.get $errno)) (then
      (call $write (i32.load (i32.const 32)) (i32.const 96) (i32.const 8))
      (drop (call $fd_close (i32.load (i32.const 32))))))
    (local.get $errno))

  (func (export "exit") (param i32) (call $proc_exit (local.get 0)))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))

  ;; Writes "written\\n" to fd and returns fd_write's errno.
  (func (export "try_say") (param $fd i32) (result i32)
    (i32.store (i32.const 16) (i32.const 96))
    (i32.store (i32.const 20) (i32.const 8))
    (call $fd_write (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 24))))`;

/** How many imports {@link PROGRAM} has (all of them WASI's). */
export const PROGRAM_IMPORTS = 9;

/** An engine, a store and the program compiled in it; `done()` deletes all. */
export interface Run {
  engine: C.wasm_engine_t;
  store: C.wasm_store_t;
  module: C.wasm_module_t;
  done(): void;
}

/** A new engine and store, with `configure` applied to a fresh wasi_config_t attached to the store (none when null). */
export async function setup(configure: ((config: C.wasi_config_t) => void) | null): Promise<Run> {
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  if (configure !== null) {
    const config = C.wasi_config_new();
    configure(config);
    if (!C.wasmts_store_set_wasi(store, config)) throw new Error("wasmts_store_set_wasi failed");
  }
  const module = await compile(store, PROGRAM);
  return {
    engine, store, module,
    done() {
      C.wasm_module_delete(module);
      C.wasm_store_delete(store);
      C.wasm_engine_delete(engine);
    },
  };
}

/** Instantiates with no externs (every entry null), as a WASI embedder does; throws the trap's message on failure. */
export function instantiate(run: Run, imports: (C.wasm_extern_t | null)[] = new Array<null>(PROGRAM_IMPORTS).fill(null)): C.wasm_instance_t {
  const trap: { value: C.wasm_trap_t | null } = { value: null };
  const instance = C.wasm_instance_new(run.store, run.module, C.WASM_ARRAY_VEC(imports), trap);
  if (!instance) {
    const text = trap.value ? message(trap.value) : "no trap";
    if (trap.value) C.wasm_trap_delete(trap.value);
    throw new Error(text);
  }
  return instance;
}

/** Calls the export `name` with i32 arguments: the trap (the caller deletes it), or null and the results. */
export function callExport(run: Run, instance: C.wasm_instance_t, name: string, ...args: number[]): { trap: C.wasm_trap_t | null; results: number[] } {
  const exports = exportsOf(run.module, instance);
  try {
    const f = C.wasm_extern_as_func(exports.get(name))!;
    const rs = Array.from({ length: C.wasm_func_result_arity(f) }, () => C.WASM_INIT_VAL());
    const trap = C.wasm_func_call(f, C.WASM_ARRAY_VEC(args.map((a) => C.WASM_I32_VAL(a))), C.WASM_ARRAY_VEC(rs));
    return { trap, results: rs.map((r) => r.of.i32!) };
  } finally {
    C.wasm_extern_vec_delete(exports.vec);
  }
}

/** A collector for wasi_config_set_stdout_custom / _stderr_custom: the text written so far. */
export function collector(): { text(): string; callback: C.wasi_output_callback_t } {
  const chunks: Uint8Array[] = [];
  return {
    text: () => Buffer.concat(chunks).toString("utf8"),
    callback: (_data, buf, len) => {
      chunks.push(buf.slice(0, len));
      return len;
    },
  };
}
