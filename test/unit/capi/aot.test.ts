/**
 * The "AOT" artifact (issue 14, must-show 4): `wasm_module_serialize` stores
 * the compiled tier's output with the binary, `wasm_module_deserialize`
 * installs it so nothing is emitted again, sharing of imported memories and
 * tables holds for a deserialized module, and damaged, stale or foreign
 * artifacts are refused with a reason.
 *
 * Serial: the emitter's counter is global to the process.
 */
import test from "ava";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as C from "../../../capi/index.js";
import { crc32, deserialize } from "../../../capi/internal/serialize.js";
import { ENGINE_VERSION, FuncInstance, modulesEmitted } from "../../../impl/index.js";
import { wat } from "../../helpers/wat.js";
import { byteVec, call, exportsOf, instantiate } from "./helpers.js";

/** An engine and store of a tier. */
function storeOf(tier: "interpreter" | "compiler"): { store: C.wasm_store_t; done(): void } {
  const config = C.wasm_config_new();
  C.wasmts_config_set_tier(config, tier);
  const engine = C.wasm_engine_new_with_config(config);
  const store = C.wasm_store_new(engine);
  return { store, done: () => { C.wasm_store_delete(store); C.wasm_engine_delete(engine); } };
}

function lastError(store: C.wasm_store_t): string {
  const m: C.wasm_message_t = C.WASM_EMPTY_VEC();
  return C.wasmts_module_last_error(store, m) ? C.wasmts_byte_vec_to_string(m) : "(no error)";
}

function moduleOf(store: C.wasm_store_t, bytes: Uint8Array): C.wasm_module_t {
  const m = C.wasm_module_new(store, byteVec(bytes));
  if (m === null) throw new Error(lastError(store));
  return m;
}

function serialized(m: C.wasm_module_t): Uint8Array {
  const out: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_module_serialize(m, out);
  const bytes = out.data.slice();
  C.wasm_byte_vec_delete(out);
  return bytes;
}

/** The engine function behind a C API function handle (to see which tier runs it). */
function engineFunc(f: C.wasm_func_t): FuncInstance {
  const obj = (f as unknown as { _rec: { obj: unknown } })._rec.obj;
  if (!(obj instanceof FuncInstance)) throw new Error("not a function");
  return obj;
}

const i32 = (v: number): C.wasm_val_t => C.WASM_I32_VAL(v);

const CALC = `(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "nan") (result i64) (i64.reinterpret_f64 (f64.const nan:0x4000000000001)))
  (func (export "wide") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 0x123456789abcdef))))`;

test.serial("a module serialized on the compiled tier carries its compiled form; deserializing installs it, and no call emits again", async (t) => {
  const bytes = await wat(CALC);
  const a = storeOf("compiler");
  const before = modulesEmitted();
  const artifact = serialized(moduleOf(a.store, bytes));
  // Serializing compiled the module (no call had yet).
  t.is(modulesEmitted(), before + 1);
  const parsed = deserialize(artifact);
  if ("error" in parsed) return t.fail(parsed.error);
  t.deepEqual(parsed.binary, bytes);
  t.truthy(parsed.compiled);
  t.deepEqual(parsed.compiled!.compiled, [true, true, true]);
  // The NaN constant is in the pool with its payload.
  const nans = parsed.compiled!.constants.filter((v) => typeof v === "number" && Number.isNaN(v)) as number[];
  t.is(nans.length, 1);
  const cell = new Float64Array(1);
  cell[0] = nans[0]!;
  t.is(new BigUint64Array(cell.buffer)[0], 0x7ff4000000000001n);

  const b = storeOf("compiler");
  const emitted = modulesEmitted();
  const back = C.wasm_module_deserialize(b.store, byteVec(artifact));
  if (back === null) return t.fail(lastError(b.store));
  const inst = instantiate(b.store, back);
  const ex = exportsOf(back, inst);
  const fib = C.wasm_extern_as_func(ex.get("fib"))!;
  t.is(call(fib, i32(20))[0]!.of.i32, 6765);
  t.is(call(C.wasm_extern_as_func(ex.get("nan"))!)[0]!.of.i64, 0x7ff4000000000001n);
  t.is(call(C.wasm_extern_as_func(ex.get("wide"))!, C.WASM_I64_VAL(-3n))[0]!.of.i64, BigInt.asIntN(64, -3n * 0x123456789abcdefn));
  // The compiled code ran, and the emitter was not called.
  t.not(engineFunc(fib).jit, null);
  t.is(modulesEmitted(), emitted);
  C.wasm_extern_vec_delete(ex.vec);
  a.done();
  b.done();
});

test.serial("tiers mix: an interpreter store's artifact has no compiled form and compiles on first call; an interpreter store ignores a compiled form but keeps it", async (t) => {
  const bytes = await wat(CALC);
  const interp = storeOf("interpreter");
  const plain = serialized(moduleOf(interp.store, bytes));
  const parsed = deserialize(plain);
  if ("error" in parsed) return t.fail(parsed.error);
  t.is(parsed.compiled, null);

  // Made on the interpreter, run on the compiler: emitted on the first call.
  const comp = storeOf("compiler");
  let emitted = modulesEmitted();
  const m1 = C.wasm_module_deserialize(comp.store, byteVec(plain))!;
  t.is(modulesEmitted(), emitted);
  const e1 = exportsOf(m1, instantiate(comp.store, m1));
  const fib1 = C.wasm_extern_as_func(e1.get("fib"))!;
  t.is(call(fib1, i32(15))[0]!.of.i32, 610);
  t.is(modulesEmitted(), emitted + 1);
  t.not(engineFunc(fib1).jit, null);

  // Made on the compiler, run on the interpreter: nothing compiled, same results.
  const compiledArtifact = serialized(m1);
  emitted = modulesEmitted();
  const m2 = C.wasm_module_deserialize(interp.store, byteVec(compiledArtifact))!;
  const e2 = exportsOf(m2, instantiate(interp.store, m2));
  const fib2 = C.wasm_extern_as_func(e2.get("fib"))!;
  t.is(call(fib2, i32(15))[0]!.of.i32, 610);
  t.is(call(C.wasm_extern_as_func(e2.get("nan"))!)[0]!.of.i64, 0x7ff4000000000001n);
  t.is(engineFunc(fib2).jit, null);
  t.is(modulesEmitted(), emitted);
  // Serialized again from the interpreter store, it still carries the compiled form.
  const again = deserialize(serialized(m2));
  if ("error" in again) return t.fail(again.error);
  t.truthy(again.compiled);
  t.is(again.compiled!.source, (deserialize(compiledArtifact) as { compiled: { source: string } }).compiled.source);
  C.wasm_extern_vec_delete(e1.vec);
  C.wasm_extern_vec_delete(e2.vec);
  interp.done();
  comp.done();
});

const EXPORTER = `(module
  (memory (export "mem") 1 4)
  (table (export "tab") 4 funcref)
  (type $r (func (result i32)))
  (func $seven (result i32) (i32.const 7))
  (elem (i32.const 2) $seven)
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "size") (result i32) (memory.size))
  (func (export "callAt") (param i32) (result i32) (call_indirect (type $r) (local.get 0))))`;

const IMPORTER = `(module
  (import "a" "mem" (memory 1 4))
  (import "a" "tab" (table 4 funcref))
  (type $r (func (result i32)))
  (func $ninetyNine (result i32) (i32.const 99))
  (elem declare func $ninetyNine)
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "set") (param i32) (table.set (local.get 0) (ref.func $ninetyNine)))
  (func (export "callAt") (param i32) (result i32) (call_indirect (type $r) (local.get 0))))`;

test.serial("a deserialized module that imports a memory and a table from another instance shares them: writes, grows and table sets are seen on both sides", async (t) => {
  const [exporterBytes, importerBytes] = [await wat(EXPORTER), await wat(IMPORTER)];
  // The artifact is made in one store and deserialized in another, as an AOT cache would be.
  const maker = storeOf("compiler");
  const artifact = serialized(moduleOf(maker.store, importerBytes));
  const parsed = deserialize(artifact);
  if ("error" in parsed) return t.fail(parsed.error);
  t.true(parsed.compiled!.compiled.every((c) => c), "every function of the importer is compiled code");
  maker.done();

  const { store, done } = storeOf("compiler");
  const exporterModule = moduleOf(store, exporterBytes);
  const a = exportsOf(exporterModule, instantiate(store, exporterModule));
  const fa = (name: string) => C.wasm_extern_as_func(a.get(name))!;
  // The exporter is compiled from its bytes on its first call (counted before the artifact is read).
  t.is(call(fa("size"))[0]!.of.i32, 1);
  const emitted = modulesEmitted();
  const importerModule = C.wasm_module_deserialize(store, byteVec(artifact));
  if (importerModule === null) return t.fail(lastError(store));
  const b = exportsOf(importerModule, instantiate(store, importerModule, [a.get("mem"), a.get("tab")]));
  const fb = (name: string) => C.wasm_extern_as_func(b.get(name))!;
  const mem = C.wasm_extern_as_memory(a.get("mem"))!;
  const tab = C.wasm_extern_as_table(a.get("tab"))!;

  // Writes through either instance, and through the host's view, are seen by all.
  call(fa("store"), i32(100), i32(42));
  t.is(call(fb("load"), i32(100))[0]!.of.i32, 42);
  call(fb("store"), i32(200), i32(-7));
  t.is(call(fa("load"), i32(200))[0]!.of.i32, -7);
  new DataView(C.wasm_memory_data(mem).buffer).setInt32(300, 1234, true);
  t.is(call(fb("load"), i32(300))[0]!.of.i32, 1234);

  // A grow by the host is seen by the deserialized instance's compiled code, at once.
  t.is(call(fb("size"))[0]!.of.i32, 1);
  t.true(C.wasm_memory_grow(mem, 1));
  t.is(call(fb("size"))[0]!.of.i32, 2);
  call(fb("store"), i32(65536 + 8), i32(5));
  t.is(call(fa("load"), i32(65536 + 8))[0]!.of.i32, 5);
  // And a grow by the deserialized code is seen by the exporter and the host.
  t.is(call(fb("grow"), i32(1))[0]!.of.i32, 2);
  t.is(call(fa("size"))[0]!.of.i32, 3);
  t.is(C.wasm_memory_size(mem), 3);
  call(fa("store"), i32(2 * 65536 + 4), i32(77));
  t.is(call(fb("load"), i32(2 * 65536 + 4))[0]!.of.i32, 77);

  // The table: the exporter's element is called through the importer, and the importer's table.set through the exporter.
  t.is(call(fb("callAt"), i32(2))[0]!.of.i32, 7);
  call(fb("set"), i32(1));
  t.is(call(fa("callAt"), i32(1))[0]!.of.i32, 99);
  const entry = C.wasm_table_get(tab, 1);
  t.not(entry, null);
  t.is(C.wasm_func_call(C.wasm_ref_as_func(entry)!, C.WASM_EMPTY_VEC(), C.WASM_ARRAY_VEC([C.WASM_INIT_VAL()])), null);

  // All of that ran the artifact's code: nothing was emitted after it was deserialized.
  t.not(engineFunc(fb("load")).jit, null);
  t.is(modulesEmitted(), emitted);
  C.wasm_extern_vec_delete(a.vec);
  C.wasm_extern_vec_delete(b.vec);
  done();
});

/** Rewrites an artifact's payload with `edit` and fixes its length and checksum, as a well-meaning forger would. */
function reforged(artifact: Uint8Array, edit: (payload: Uint8Array) => Uint8Array): Uint8Array {
  const payload = edit(artifact.slice(16));
  const out = new Uint8Array(16 + payload.length);
  out.set(artifact.subarray(0, 16));
  out.set(payload, 16);
  const view = new DataView(out.buffer);
  view.setUint32(8, payload.length, true);
  view.setUint32(12, crc32(payload), true);
  return out;
}

test.serial("damaged, truncated, extended, stale and foreign artifacts are refused, each with its reason", async (t) => {
  const { store, done } = storeOf("compiler");
  const artifact = serialized(moduleOf(store, await wat(CALC)));
  const refused = (bytes: Uint8Array): string => {
    t.is(C.wasm_module_deserialize(store, byteVec(bytes)), null);
    return lastError(store);
  };
  // One corrupt byte anywhere (header, engine string, binary, source, flags, constants) is refused.
  const reasons = new Set<string>();
  for (let i = 0; i < artifact.length; i++) {
    const bad = artifact.slice();
    bad[i]! ^= 0x5a;
    const why = refused(bad);
    reasons.add(why.replace(/\d+/g, "N"));
    if (i >= 16 && !/checksum mismatch/.test(why)) t.fail(`byte ${i}: ${why}`);
  }
  t.deepEqual([...reasons].sort(), [
    "not a serialized module (bad magic)",
    "serialized module checksum mismatch: the artifact is corrupt",
    "serialized module format version N is not supported (this engine reads version N)",
    "serialized module length mismatch (the header says N payload bytes, found N): truncated or extended",
  ].sort());
  // Truncated anywhere, or extended.
  for (const n of [0, 3, 15, 16, 20, artifact.length >> 1, artifact.length - 1]) t.regex(refused(artifact.slice(0, n)), /too short|length mismatch/);
  t.regex(refused(new Uint8Array([...artifact, 0])), /length mismatch/);
  // Another format version.
  const old = artifact.slice();
  new DataView(old.buffer).setUint32(4, 1, true);
  t.is(refused(old), "serialized module format version 1 is not supported (this engine reads version 3)");
  // Made by another build of the engine (its checksum holds).
  const engineLength = new DataView(artifact.buffer).getUint32(16, true);
  const stale = reforged(artifact, (p) => {
    const other = new TextEncoder().encode("wasm-c-api-ts 0.0.9 compiler 00000000");
    const q = new Uint8Array(4 + other.length + p.length - 4 - engineLength);
    new DataView(q.buffer).setUint32(0, other.length, true);
    q.set(other, 4);
    q.set(p.subarray(4 + engineLength), 4 + other.length);
    return q;
  });
  t.regex(refused(stale), /^serialized module was made by another engine build \(wasm-c-api-ts 0\.0\.9 compiler 00000000; this is wasm-c-api-ts \d+\.\d+\.\d+ compiler [0-9a-f]{8}\)/);
  // A payload that does not follow the format, behind a good checksum.
  t.regex(refused(reforged(artifact, (p) => p.subarray(0, p.length - 1))), /^serialized module is malformed: .* runs past the end/);
  t.regex(refused(reforged(artifact, (p) => new Uint8Array([...p, 0]))), /^serialized module is malformed: bytes after the end/);
  // A wasm binary is not an artifact.
  t.is(refused(await wat("(module)")), "not a serialized module (bad magic)");
  // The original is still good.
  t.not(C.wasm_module_deserialize(store, byteVec(artifact)), null);
  done();
});

test.serial("where new Function is refused (a Content Security Policy), a compiled artifact still deserializes and runs on the interpreter", async (t) => {
  const { store, done } = storeOf("compiler");
  const artifact = serialized(moduleOf(store, await wat(CALC)));
  done();
  t.truthy((deserialize(artifact) as { compiled: unknown }).compiled);
  const dir = mkdtempSync(join(tmpdir(), "wasmts-aot-"));
  try {
    const file = join(dir, "calc.wtsm");
    writeFileSync(file, artifact);
    const child = fileURLToPath(new URL("./aot-csp-child.js", import.meta.url));
    const r = spawnSync(process.execPath, ["--disallow-code-generation-from-strings", child, file], { encoding: "utf8" });
    t.is(r.status, 0, r.stderr);
    t.deepEqual(JSON.parse(r.stdout), { available: false, fib: 6765, nan: "7ff4000000000001", jit: false });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the engine version an artifact records is the package's", (t) => {
  // dist/test/unit/capi/ -> the repository root.
  const manifest = JSON.parse(readFileSync(new URL("../../../../package.json", import.meta.url), "utf8")) as { name: string; version: string };
  t.is(ENGINE_VERSION, `${manifest.name} ${manifest.version}`);
});
