import test from "ava";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as C from "../../../capi/index.js";
import { parse } from "@bytecodealliance/jco-transpile/wasm-tools";
import { wat } from "../../helpers/wat.js";
import { SIGNATURES } from "./misuse-table.js";

// Issue 12: no raw JavaScript exception from any C API function for any argument.
// Every exported function is called once per parameter and per kind of bad
// argument (null, an object of the wrong kind, a deleted object, an object
// of another store, a huge or malformed size, a value of the wrong kind),
// the other arguments being valid. Each call must either raise a
// wasmts_error_t whose message starts with the function's name, or return the
// documented result; which one is decided by `expectation` below (the rule the
// README's "Misuse" section states).

type Fn = (...args: unknown[]) => unknown;
const api = C as unknown as Record<string, unknown>;
type Badness = "null" | "wrong" | "deleted" | "other" | "huge" | "wrongval";

/** The host file the WASI output setters create (removed after the test). */
const HOST_FILE = join(tmpdir(), `wasmts-misuse-wasi-${process.pid}.txt`);
test.after.always(() => rmSync(HOST_FILE, { force: true }));

let binary: Uint8Array;
let gcBinary: Uint8Array;
test.before(async () => {
  // GC types (wabt has none: wasm-tools assembles it): a struct of two mutable i32 fields, an array of mutable i32.
  gcBinary = await parse(`(module
    (type $s (struct (field (mut i32)) (field (mut i32))))
    (type $a (array (mut i32)))
    (func (export "s") (param (ref $s)))
    (func (export "a") (param (ref $a))))`);
  binary = await wat(`(module
    (func (export "f") (param i32) (result i32) local.get 0)
    (func (export "boom") unreachable)
    (global (export "g") (mut i32) (i32.const 0))
    (memory (export "m") 1))`);
});

function bytesOf(data: ArrayLike<number>): C.wasm_byte_vec_t {
  const v: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_byte_vec_new(v, data.length, data);
  return v;
}

function name(s: string): C.wasm_name_t {
  const v: C.wasm_name_t = C.WASM_EMPTY_VEC();
  C.wasm_name_new_from_string(v, s);
  return v;
}

function i32Functype(): C.wasm_functype_t {
  return C.wasm_functype_new_1_1(C.wasm_valtype_new_i32(), C.wasm_valtype_new_i32());
}

/** An engine whose stores consume fuel and have an epoch, so that the interruption extensions accept them. */
function interruptibleEngine(): C.wasm_engine_t {
  const config = C.wasm_config_new();
  C.wasmts_config_consume_fuel(config, true);
  C.wasmts_config_epoch_interruption(config, true);
  return C.wasm_engine_new_with_config(config);
}

/** A store with all the fuel it can hold: calls run as in a store that counts nothing. */
function fuelledStore(engine: C.wasm_engine_t): C.wasm_store_t {
  const s = C.wasm_store_new(engine);
  C.wasmts_store_set_fuel(s, Number.MAX_SAFE_INTEGER);
  return s;
}

/** A fresh engine with two stores, making valid objects of every kind on demand. */
class Fixture {
  readonly engine = interruptibleEngine();
  readonly store = fuelledStore(this.engine);
  readonly other = fuelledStore(this.engine);

  storeOf(where: "here" | "other"): C.wasm_store_t {
    return where === "here" ? this.store : this.other;
  }

  module(s: C.wasm_store_t): C.wasm_module_t {
    const b = bytesOf(binary);
    const m = C.wasm_module_new(s, b)!;
    C.wasm_byte_vec_delete(b);
    return m;
  }

  instance(s: C.wasm_store_t): C.wasm_instance_t {
    return C.wasm_instance_new(s, this.module(s), C.WASM_EMPTY_VEC(), null)!;
  }

  export(s: C.wasm_store_t, i: number): C.wasm_extern_t {
    const out: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
    C.wasm_instance_exports(this.instance(s), out);
    return out.data[i]!;
  }

  /** The type of the parameter of the GC module's export `i` (0: a struct type, 1: an array type). */
  gcType(i: number): C.wasm_valtype_t {
    const b = bytesOf(gcBinary);
    const m = C.wasm_module_new(this.store, b)!;
    C.wasm_byte_vec_delete(b);
    const exports: C.wasm_exporttype_vec_t = C.WASM_EMPTY_VEC();
    C.wasm_module_exports(m, exports);
    const ft = C.wasm_externtype_as_functype(C.wasm_exporttype_type(exports.data[i]!))!;
    const t = C.wasm_valtype_copy(C.wasm_functype_params(ft).data[0]!);
    C.wasm_exporttype_vec_delete(exports);
    C.wasm_module_delete(m);
    return t;
  }

  trap(s: C.wasm_store_t): C.wasm_trap_t {
    const boom = C.wasm_extern_as_func(this.export(s, 1))!;
    return C.wasm_func_call(boom, C.WASM_EMPTY_VEC(), C.WASM_EMPTY_VEC())!;
  }

  /** A valid argument of `kind`, made in the fixture's store or in the other one. */
  valid(kind: string, where: "here" | "other" = "here"): unknown {
    const s = this.storeOf(where);
    switch (kind) {
      case "config": return C.wasm_config_new();
      case "engine": return C.wasm_engine_new();
      case "store": return s;
      case "valtype": return C.wasm_valtype_new_i32();
      case "functype": return i32Functype();
      case "exnfunctype": return C.wasm_functype_new_1_0(C.wasm_valtype_new_i32());
      case "reftype": return C.wasm_valtype_new_externref();
      case "globaltype": return C.wasm_globaltype_new(C.wasm_valtype_new_i32(), C.WASM_VAR);
      case "tabletype": return C.wasm_tabletype_new(C.wasm_valtype_new_externref(), { min: 2, max: 10 });
      case "memorytype": return C.wasm_memorytype_new({ min: 1, max: 2 });
      case "externtype": return C.wasm_functype_as_externtype(i32Functype());
      case "importtype": return C.wasm_importtype_new(name("m"), name("f"), C.wasm_functype_as_externtype(i32Functype()));
      case "exporttype": return C.wasm_exporttype_new(name("f"), C.wasm_functype_as_externtype(i32Functype()));
      case "tagtype": return C.wasm_tagtype_new(C.wasm_functype_new_1_0(C.wasm_valtype_new_i32()));
      case "frame": return C.wasm_trap_origin(this.trap(s));
      case "shared": return C.wasm_module_share(this.module(s));
      case "sharedmemory": return C.wasmts_memory_share(C.wasm_memory_new(s, C.wasmts_memorytype_new(1, true, 2, false, true)!));
      case "registry": return C.wasmts_registry_new(this.engine);
      case "linker": return C.wasmts_linker_new(s, null);
      case "loader": return C.wasmts_loader_new(s, null);
      case "ref": return C.wasm_foreign_as_ref(C.wasm_foreign_new(s));
      case "trap": return C.wasm_trap_new(s, name("oops"));
      case "foreign": return C.wasm_foreign_new(s);
      case "module": return this.module(s);
      case "func": return C.wasm_extern_as_func(this.export(s, 0));
      case "global": return C.wasm_global_new(s, C.wasm_globaltype_new(C.wasm_valtype_new_i32(), C.WASM_VAR), C.WASM_I32_VAL(1));
      case "table": return C.wasm_table_new(s, C.wasm_tabletype_new(C.wasm_valtype_new_externref(), { min: 2, max: 10 }), null);
      case "memory": return C.wasm_memory_new(s, C.wasm_memorytype_new({ min: 1, max: 2 }));
      case "extern": return this.export(s, 0);
      case "instance": return this.instance(s);
      case "tag": return C.wasm_tag_new(s, this.valid("tagtype") as C.wasm_tagtype_t);
      case "bytes": return name("abc");
      case "binary": return bytesOf(binary);
      case "serialized": {
        const out: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
        C.wasm_module_serialize(this.module(s), out);
        return out;
      }
      case "args": return C.WASM_ARRAY_VEC([C.WASM_I32_VAL(1)]);
      case "results": return C.WASM_ARRAY_VEC([C.WASM_INIT_VAL()]);
      case "payload": return C.WASM_ARRAY_VEC([C.WASM_I32_VAL(1)]);
      case "vals": return C.WASM_ARRAY_VEC([C.WASM_I32_VAL(1)]);
      // The fixture's module imports nothing; from the other store, an extern that must be refused anyway.
      case "externs": return where === "other" ? C.WASM_ARRAY_VEC([this.export(s, 0)]) : C.WASM_EMPTY_VEC();
      case "limits": return { min: 1, max: 2 };
      case "val": case "anyval": return C.WASM_I32_VAL(1);
      case "anyvals": return C.WASM_ARRAY_VEC([C.WASM_I32_VAL(1), C.WASM_F64_VAL(2)]);
      case "out:val": return C.WASM_INIT_VAL();
      case "trapout": return { value: null };
      case "callback": return () => null;
      case "finalizer": case "release": return () => undefined;
      case "reader": return () => null;
      case "info": return { info: true };
      case "bool": return true;
      case "epochbuffer": return C.wasmts_engine_epoch_buffer(this.engine);
      case "string": return "abc";
      case "tier": return "compiler";
      case "wasiconfig": return C.wasi_config_new();
      case "strings": return ["abc"];
      case "hostfile": return HOST_FILE;
      case "hostdir": return tmpdir();
      case "statusout": case "u64out": return { value: 0 };
      case "u64": return 1;
      case "i32": return 1;
      case "i64": return 1n;
      case "f64": return 1.5;
      case "ptr": return 1;
      case "array": return [1];
      case "size": return 1;
      case "index": return 0;
      case "delta": return 1;
      case "valkind": return C.WASM_I32;
      case "mutability": return C.WASM_VAR;
      case "data:number": return [1];
      case "data:anyval": return [C.WASM_I32_VAL(1)];
      case "heaptype": return C.WASMTS_HEAP_ANY;
      case "i31": return 1;
      case "length": return 2;
      case "structtype": return this.gcType(0);
      case "arraytype": return this.gcType(1);
      case "fields": return C.WASM_ARRAY_VEC([C.WASM_I32_VAL(1), C.WASM_I32_VAL(2)]);
      case "structref": return C.wasmts_struct_new(s, this.gcType(0), C.WASM_ARRAY_VEC([C.WASM_I32_VAL(1), C.WASM_I32_VAL(2)]));
      case "arrayref": return C.wasmts_array_new(s, this.gcType(1), C.WASM_I32_VAL(1), 2);
      default:
        if (kind.startsWith("out:")) return C.WASM_EMPTY_VEC();
        if (kind.startsWith("data:")) return [this.valid(kind.slice(5), where)];
        if (kind.endsWith("s") && isObjectKind(kind.slice(0, -1))) {
          return C.WASM_ARRAY_VEC([this.valid(kind.slice(0, -1), where)]);
        }
        throw new Error(`misuse-table.ts: unknown parameter kind "${kind}"`);
    }
  }

  /** A deleted object of `kind`, or undefined when the kind is not an object. */
  deleted(kind: string): unknown {
    if (!isObjectKind(kind)) return undefined;
    if (kind === "store") {
      const s = C.wasm_store_new(this.engine);
      C.wasm_store_delete(s);
      return s;
    }
    if (kind === "engine") {
      const e = C.wasm_engine_new();
      C.wasm_engine_delete(e);
      return e;
    }
    const x = this.valid(kind);
    const del = kind === "wasiconfig" ? "wasi_config_delete" : kind === "externtype" ? "wasm_externtype_delete" : kind === "shared" ? "wasm_shared_module_delete" : kind === "sharedmemory" ? "wasmts_shared_memory_delete"
      : kind === "ref" || kind === "structref" || kind === "arrayref" ? "wasm_ref_delete"
      : kind === "structtype" || kind === "arraytype" ? "wasm_valtype_delete" : `${kind.startsWith("registry") || kind === "linker" || kind === "loader" ? "wasmts" : "wasm"}_${kind}_delete`;
    (api[del] as Fn)(x);
    return x;
  }

  /** Objects of other classes where `kind` is expected. */
  wrong(kind: string): unknown[] {
    const plain = { size: 1, data: [] };
    switch (kind) {
      case "store": return [this.engine, plain];
      case "engine": return [this.store, plain];
      case "config": return [this.engine];
      case "valtype": case "reftype": return [i32Functype(), plain];
      case "functype": case "exnfunctype": case "externtype": return [C.wasm_valtype_new_i32(), plain];
      case "globaltype": case "tabletype": case "memorytype": case "tagtype": return [i32Functype(), C.wasm_valtype_new_i32()];
      case "importtype": return [this.valid("exporttype")];
      case "exporttype": return [this.valid("importtype")];
      case "frame": return [this.valid("trap"), plain];
      case "shared": return [this.valid("module"), plain];
      case "sharedmemory": return [this.valid("shared"), plain];
      case "registry": return [this.valid("linker"), this.engine];
      case "linker": return [this.valid("loader"), this.store];
      case "loader": return [this.valid("linker"), this.store];
      case "ref": return [C.wasm_valtype_new_i32(), plain];
      case "trap": case "module": case "func": case "global": case "table": case "memory": case "instance": case "tag":
        return [this.valid("foreign"), plain];
      case "foreign": case "extern": return [this.valid("trap"), plain];
      case "bytes": case "binary": case "serialized":
        return [42, { size: 3, data: [1] }, { size: 1, data: 42 }];
      case "args": case "vals": case "anyvals": case "results": case "payload":
        return [42, { size: 2, data: [C.WASM_I32_VAL(1)] }, { size: 1, data: 42 }];
      case "externs": return [42, C.WASM_ARRAY_VEC([this.valid("foreign")]), { size: 1, data: 42 }];
      case "limits": return [42, { min: "1", max: 2 }, { min: -1, max: 2 }];
      case "val": case "anyval": case "out:val": return [42];
      case "trapout": return [42];
      case "callback": case "finalizer": case "reader": case "release": return [42];
      case "string": case "hostfile": case "hostdir": case "statusout": case "u64out": return [42];
      case "u64": return ["1", 1n];
      case "tier": return [42, "jit", "Compiler"];
      case "wasiconfig": return [this.engine, C.wasm_config_new()];
      case "strings": return [42, [42], { length: 1, 0: "abc" }];
      case "epochbuffer": return [42, new ArrayBuffer(8), new SharedArrayBuffer(4)];
      case "i32": case "f64": case "ptr": case "size": case "index": case "delta": case "valkind": case "mutability": return ["1"];
      case "i64": return ["1"];
      case "array": return [42];
      case "data:number": return [42];
      case "heaptype": return ["any", 42, C.WASMTS_HEAP_CONCRETE];
      case "i31": return ["1", 1n];
      case "length": return ["1"];
      case "structtype": return [C.wasm_valtype_new_i32(), this.gcType(1), i32Functype()];
      case "arraytype": return [C.wasmts_valtype_new_ref(C.WASMTS_HEAP_ARRAY, true), this.gcType(0), plain];
      case "fields": return [42, C.WASM_ARRAY_VEC([C.WASM_I32_VAL(1)]), { size: 2, data: 42 }];
      case "structref": return [this.valid("arrayref"), C.wasmts_ref_i31_new(this.store, 1), C.wasm_valtype_new_i32(), plain];
      case "arrayref": return [this.valid("structref"), this.valid("ref"), plain];
      case "bool": case "info": return [];
      default:
        if (kind.startsWith("out:")) return [42];
        if (kind.startsWith("data:")) return [42, [this.wrong(kind.slice(5))[0]]];
        if (kind.endsWith("s") && isObjectKind(kind.slice(0, -1))) {
          return [42, C.WASM_ARRAY_VEC([this.wrong(kind.slice(0, -1))[0]]), { size: 1, data: 42 }];
        }
        throw new Error(`misuse-table.ts: unknown parameter kind "${kind}"`);
    }
  }

  /** Huge or malformed numbers where `kind` is a number, or values of the wrong kind where it is a value. */
  odd(kind: string): { badness: Badness; value: unknown; label: string }[] {
    const huge = (xs: number[]) => xs.map((x) => ({ badness: "huge" as const, value: x, label: String(x) }));
    switch (kind) {
      case "size": case "index": case "delta": case "valkind": case "mutability": case "i32": case "ptr":
        return huge([0xffffffff, 2 ** 32, 2 ** 40, 2 ** 53, -1, 1.5, NaN, Infinity]);
      case "limits": return [{ badness: "huge", value: { min: 2 ** 40, max: 2 ** 41 }, label: "limits 2**40" }];
      // A uint64_t as a number: 2^64 (what 2^64 - 1 becomes) is one; nothing beyond, nor a fraction or a negative.
      case "u64": return huge([2 ** 65, -1, 1.5, NaN, Infinity]);
      // wasmts_ref_i31_new takes a uint32_t or an int32_t; an array length is a uint32_t (one too large to allocate gives null).
      case "i31": return huge([2 ** 32, -(2 ** 31) - 1, 1.5, NaN, Infinity]);
      case "length": return huge([2 ** 32, -1, 1.5, NaN]);
      case "fields": return [
        { badness: "wrongval", value: C.WASM_ARRAY_VEC([C.WASM_I32_VAL(1), C.WASM_F64_VAL(2)]), label: "[i32, f64]" },
        { badness: "wrongval", value: C.WASM_ARRAY_VEC([C.WASM_I32_VAL(1), { kind: 99, of: {} }]), label: "[i32, kind 99]" },
      ];
      case "val": case "out:val":
        return [
          { badness: "wrongval", value: C.WASM_F64_VAL(1), label: "f64 value" },
          { badness: "wrongval", value: { kind: 99, of: {} }, label: "kind 99" },
          { badness: "wrongval", value: { kind: C.WASM_I32, of: { i32: "1" } }, label: "i32 holding a string" },
        ];
      case "anyval": return [
        { badness: "wrongval", value: { kind: 99, of: {} }, label: "kind 99" },
        { badness: "wrongval", value: { kind: C.WASM_I32, of: { i32: "1" } }, label: "i32 holding a string" },
      ];
      case "anyvals": case "data:anyval": return [
        { badness: "wrongval", value: wrapVals(kind, [{ kind: 99, of: {} }]), label: "[kind 99]" },
        { badness: "wrongval", value: wrapVals(kind, [{ kind: C.WASM_F64, of: { f64: 1n } }]), label: "[f64 holding a bigint]" },
      ];
      case "args": case "vals": case "payload": case "results":
        return [
          { badness: "wrongval", value: wrapVals(kind, [C.WASM_F64_VAL(1)]), label: "[f64 value]" },
          { badness: "wrongval", value: wrapVals(kind, [{ kind: 99, of: {} }]), label: "[kind 99]" },
        ];
      default: return [];
    }
  }

  done(): void {
    for (const s of [this.store, this.other]) if (!s._deleted) C.wasm_store_delete(s);
    if (!this.engine._deleted) C.wasm_engine_delete(this.engine);
  }
}

function wrapVals(kind: string, vals: unknown[]): unknown {
  return kind.startsWith("data:") ? vals : C.WASM_ARRAY_VEC(vals);
}

const OBJECT_KINDS = new Set([
  "config", "engine", "store", "valtype", "functype", "globaltype", "tabletype", "memorytype", "externtype",
  "importtype", "exporttype", "tagtype", "frame", "shared", "sharedmemory", "registry", "linker", "loader",
  "ref", "trap", "foreign", "module", "func", "global", "table", "memory", "extern", "instance", "tag", "wasiconfig",
  "structref", "arrayref", "structtype", "arraytype",
]);
/** Kinds that belong to one store (modules do not: they may be instantiated in any store of their engine). */
const STORE_KINDS = new Set(["store", "linker", "loader", "ref", "trap", "foreign", "func", "global", "table", "memory", "extern", "instance", "tag", "structref", "arrayref"]);
/** Kinds that may carry an object of another store (the vector of imports: its entries). */
const CARRIES_STORE = new Set([...STORE_KINDS, "externs"]);

/** Header macros: the function whose name their errors carry (a macro expands to it in C). */
function expandsTo(fn: string): string[] {
  const f = api[fn];
  const same = Object.keys(api).filter((n) => api[n] === f);
  if (/^wasm_functype_new_\d_\d$/.test(fn)) same.push("wasm_functype_new");
  if (/^wasm_valtype_new_\w+$/.test(fn)) same.push("wasm_valtype_new");
  return same;
}

function isObjectKind(kind: string): boolean {
  return OBJECT_KINDS.has(kind);
}

/**
 * The documented result of calling `fn` with a bad argument of `badness` for
 * parameter `i` (of kind `kind`, `nullable` when the table marks it with
 * `?`): "error" for a wasmts_error_t, "ok" for a normal return.
 */
function expectation(fn: string, kinds: readonly string[], i: number, kind: string, nullable: boolean, badness: Badness, value: unknown): "ok" | "error" {
  // Value macros (WASM_I32_VAL, ...) build a struct as C's do, checking nothing: a value is checked where it enters.
  if (/^WASM_\w+_VAL$/.test(fn)) return "ok";
  // wasm_valkind_is_num/_ref compare a number, as the header's inline functions do.
  if (fn.startsWith("wasm_valkind_is_")) return "ok";
  switch (badness) {
    case "null":
      // C's NULL: legal where the table says so (deleting null, optional arguments), in a cast (a cast of NULL is
      // NULL), as a bool (false) or as host info; misuse elsewhere.
      if (/^wasm_\w+_as_\w+$/.test(fn)) return "ok";
      return nullable || kind === "info" || kind === "bool" ? "ok" : "error";
    case "wrong": case "deleted":
      return "error";
    case "other": {
      // Only meaningful against another argument of the same store; `_same` compares and answers false.
      if (fn.endsWith("_same")) return "ok";
      const others = kinds.some((k, j) => j !== i && STORE_KINDS.has(k.replace(/\?$/, "")));
      if (kind === "externs") return kinds.some((k) => STORE_KINDS.has(k.replace(/\?$/, ""))) ? "error" : "ok";
      return others ? "error" : "ok";
    }
    case "huge": {
      const n = typeof value === "number" ? value : NaN;
      const integral = Number.isInteger(n) && n >= 0;
      // An index or delta is a uint32_t in C: one past the end is the documented failure (null, false), a number
      // that no uint32_t holds is misuse. A size that cannot be allocated, a number that is not one, is misuse.
      if ((kind === "index" || kind === "delta") && integral && n <= 0xffffffff) return "ok";
      if (kind === "ptr" && Number.isSafeInteger(n)) return "ok";
      return "error";
    }
    case "wrongval":
      // Value storage that the function overwrites may hold anything.
      return kind === "results" || kind === "out:val" ? "ok" : "error";
    default: {
      const never: never = badness;
      return never;
    }
  }
}

function isClass(f: unknown): boolean {
  return typeof f === "function" && /^class\b/.test(Function.prototype.toString.call(f));
}

const FUNCTIONS = Object.keys(api).filter((n) => typeof api[n] === "function" && !isClass(api[n])).sort();

test("every exported function has an entry in the misuse table", (t) => {
  const missing = FUNCTIONS.filter((n) => !(n in SIGNATURES));
  t.deepEqual(missing, [], `add each missing function to SIGNATURES in test/unit/capi/misuse-table.ts, `
    + `one parameter kind per parameter (the kinds are listed at the top of that file; mark with "?" a parameter `
    + `that accepts null): ${missing.join(", ")}`);
  const stale = Object.keys(SIGNATURES).filter((n) => typeof api[n] !== "function");
  t.deepEqual(stale, [], "entries of misuse-table.ts that the package no longer exports");
  for (const n of FUNCTIONS) {
    const entry = SIGNATURES[n];
    if (entry && (api[n] as Fn).length > entry.length) t.fail(`${n} takes ${(api[n] as Fn).length} parameters, its entry lists ${entry.length}`);
  }
});

test("the table covers the 293 functions of wasm.h and every wasmts_ extension", (t) => {
  t.true(FUNCTIONS.length >= 293 + 40, `${FUNCTIONS.length} functions`);
  t.true(FUNCTIONS.filter((n) => n.startsWith("wasmts_")).every((n) => n in SIGNATURES));
});

/** Runs one call and returns a problem description, or null when it behaved as documented. */
function check(fn: string, args: unknown[], expected: "ok" | "error", what: string): string | null {
  let outcome: string;
  try {
    (api[fn] as Fn)(...args);
    outcome = "ok";
  } catch (e) {
    if (e instanceof C.wasmts_error_t && expandsTo(fn).some((n) => e.message.startsWith(`${n}: `))) outcome = "error";
    else return `${fn} with ${what}: raw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
  return outcome === expected ? null : `${fn} with ${what}: expected ${expected === "ok" ? "a normal return" : "wasmts_error_t"}, got ${outcome === "ok" ? "a normal return" : "wasmts_error_t"}`;
}

function callsOf(fn: string): { args: (f: Fixture) => unknown[]; expected: "ok" | "error"; what: string }[] {
  const kinds = SIGNATURES[fn]!;
  const calls: { args: (f: Fixture) => unknown[]; expected: "ok" | "error"; what: string }[] = [];
  const base = (f: Fixture) => kinds.map((k) => f.valid(k.replace(/\?$/, "")));
  calls.push({ args: base, expected: "ok", what: "valid arguments" });
  kinds.forEach((k, i) => {
    const nullable = k.endsWith("?");
    const kind = k.replace(/\?$/, "");
    const replace = (f: Fixture, v: (f: Fixture) => unknown) => {
      const args = base(f);
      args[i] = v(f);
      return args;
    };
    const add = (badness: Badness, label: string, v: (f: Fixture) => unknown, value?: unknown) => {
      calls.push({ args: (f) => replace(f, v), expected: expectation(fn, kinds, i, kind, nullable, badness, value), what: `${label} as argument ${i + 1} (${kind})` });
    };
    add("null", "null", () => null);
    // JavaScript's other null: what an argument left out becomes.
    add("null", "undefined", () => undefined);
    const probe = new Fixture();
    const wrongCount = probe.wrong(kind).length;
    const odd = probe.odd(kind);
    probe.done();
    for (let w = 0; w < wrongCount; w++) add("wrong", `wrong object #${w + 1}`, (f) => f.wrong(kind)[w]);
    if (isObjectKind(kind)) add("deleted", "a deleted object", (f) => f.deleted(kind));
    if (CARRIES_STORE.has(kind)) add("other", "an object of another store", (f) => f.valid(kind, "other"));
    for (const o of odd) add(o.badness, o.label, (f) => f.odd(kind).find((x) => x.label === o.label)!.value, o.value);
  });
  return calls;
}

test("no function raises a raw JavaScript exception for a bad argument; each gives wasmts_error_t or its documented result", (t) => {
  const problems: string[] = [];
  let count = 0;
  for (const fn of FUNCTIONS) {
    if (!(fn in SIGNATURES)) continue;
    for (const call of callsOf(fn)) {
      const f = new Fixture();
      try {
        const problem = check(fn, call.args(f), call.expected, call.what);
        if (problem) problems.push(problem);
        count++;
      } finally {
        try {
          f.done();
        } catch (e) {
          if (!(e instanceof C.wasmts_error_t)) problems.push(`${fn} with ${call.what}: cleaning up raised ${String(e)}`);
        }
      }
    }
  }
  t.log(`${count} calls`);
  t.deepEqual(problems, []);
});
