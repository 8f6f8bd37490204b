/**
 * The modules of the loader tests: the chain of issue 5 (C imports from B
 * and A, B imports from A), variants that break it, and a reader over them.
 * @module
 */
import { wat } from "../../helpers/wat.js";

/** A: a counter and an adder. */
export const A = `(module
  (global $n (mut i32) (i32.const 0))
  (func (export "inc") (result i32) (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n))
  (func (export "get") (result i32) (global.get $n))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`;

/** B: imports A; bumps A's counter and adds 100 through A. */
export const B = `(module
  (import "a" "inc" (func $inc (result i32)))
  (import "a" "add" (func $add (param i32 i32) (result i32)))
  (func (export "bump") (result i32) (call $inc))
  (func (export "add100") (param i32) (result i32) (call $add (local.get 0) (i32.const 100))))`;

/** C: imports B and A; every path to A, direct and through B. */
export const C = `(module
  (import "b" "bump" (func $bump (result i32)))
  (import "b" "add100" (func $add100 (param i32) (result i32)))
  (import "a" "get" (func $get (result i32)))
  (import "a" "add" (func $add (param i32 i32) (result i32)))
  (func (export "bump_via_b") (result i32) (call $bump))
  (func (export "count_via_a") (result i32) (call $get))
  (func (export "compute") (param i32) (result i32) (call $add (call $add100 (local.get 0)) (i32.const 1))))`;

/** Binaries of module texts, by name. */
export async function binaries(texts: Record<string, string>): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const [name, text] of Object.entries(texts)) out.set(name, await wat(text));
  return out;
}

/** A reader over `files` that records every name it is asked for. */
export function recordingReader(files: Map<string, Uint8Array>) {
  const asked: string[] = [];
  return { asked, reader: (name: string) => (asked.push(name), files.get(name) ?? null) };
}
