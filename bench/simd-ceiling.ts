/**
 * `node dist/bench/simd-ceiling.js [N] [CALLS]`: how close any JavaScript
 * tier can come to V8 on the `simd` workload (`bench/simd/simd.c`). The
 * kernel's `run(n)` is written here by hand in plain JavaScript, lane-exact
 * and fused as no compiler of single instructions would fuse it (the
 * match count and the byte sum each one expression per 32-bit word, the
 * dot product on `Float32Array` lanes with `Math.fround`), and timed beside
 * V8's own WebAssembly (native vector instructions) and our compiled tier,
 * call by call in the same process, in CPU time. Every checksum is compared
 * with V8's. Whatever the hand-written version's ratio is, no tier that
 * compiles v128 code to scalar JavaScript can do better than about it: it
 * is the floor of the compiled tier's `simd` ratio (see DECISIONS.md, "Why
 * is the SIMD workload not held to the 4x bound?").
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compileModule, FuncInstance, instantiate, invoke, Store } from "../impl/index.js";
import { median } from "./median.js";

const BUF = 1 << 16;
const FLOATS = 4096;

/** The kernel's memory: the byte buffer, then the two float arrays, as simd.c lays them out (alignment aside). */
const memory = new ArrayBuffer(BUF + 2 * FLOATS * 4);
const bytes = new Uint8Array(memory, 0, BUF);
const words = new Int32Array(memory, 0, BUF / 4);
const fa = new Float32Array(memory, BUF, FLOATS);
const fb = new Float32Array(memory, BUF + FLOATS * 4, FLOATS);

/** Matching bytes of word `w` and the all-equal word `needle`: 0x80 in each byte that matches, else 0. */
function matchBits(w: number, needle: number): number {
  const e = w ^ needle;
  return ~(((e & 0x7f7f7f7f) + 0x7f7f7f7f) | e) & 0x80808080;
}

/** The number of matching bytes a `matchBits` word marks. */
function count(e: number): number {
  // Each byte of e >>> 7 is 0 or 1: the multiply adds the four into the top byte.
  return Math.imul(e >>> 7, 0x01010101) >>> 24;
}

/** The sum of word `w`'s four bytes (unsigned). */
function byteSum(w: number): number {
  const pairs = (w & 0x00ff00ff) + ((w >>> 8) & 0x00ff00ff);
  return (pairs & 0xffff) + (pairs >>> 16);
}

/** simd.c's `run(n)` in plain JavaScript: the same fill, passes, lanes and checksum. */
export function handWritten(n: number): number {
  let x = 2463534242;
  for (let i = 0; i < BUF; i++) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    bytes[i] = x >>> 24;
  }
  for (let i = 0; i < FLOATS; i++) {
    fa[i] = Math.fround(bytes[i]! / 16);
    fb[i] = Math.fround(bytes[BUF - 1 - i]! / 32);
  }
  let check = 0;
  for (let r = 0; r < n; r++) {
    const needle = Math.imul(Math.imul(r, 37) & 0xff, 0x01010101);
    // Lane j of the kernel's i32x4 accumulators is word j of every 16 bytes.
    let m0 = 0, m1 = 0, m2 = 0, m3 = 0, s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < BUF / 4; i += 4) {
      const w0 = words[i]!, w1 = words[i + 1]!, w2 = words[i + 2]!, w3 = words[i + 3]!;
      m0 = (m0 + count(matchBits(w0, needle))) | 0; s0 = (s0 + byteSum(w0)) | 0;
      m1 = (m1 + count(matchBits(w1, needle))) | 0; s1 = (s1 + byteSum(w1)) | 0;
      m2 = (m2 + count(matchBits(w2, needle))) | 0; s2 = (s2 + byteSum(w2)) | 0;
      m3 = (m3 + count(matchBits(w3, needle))) | 0; s3 = (s3 + byteSum(w3)) | 0;
    }
    let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
    for (let i = 0; i < FLOATS; i += 4) {
      d0 = Math.fround(d0 + Math.fround(fa[i]! * fb[i]!));
      d1 = Math.fround(d1 + Math.fround(fa[i + 1]! * fb[i + 1]!));
      d2 = Math.fround(d2 + Math.fround(fa[i + 2]! * fb[i + 2]!));
      d3 = Math.fround(d3 + Math.fround(fa[i + 3]! * fb[i + 3]!));
    }
    const d = Math.fround(Math.fround(Math.fround(d0 + d1) + d2) + d3);
    // The kernel counts matches negatively (equal lanes are -1) and subtracts that sum: the count itself.
    check = (Math.imul(check, 31) + (m0 + m1 + m2 + m3) + (s0 + s1 + s2 + s3) + (d >>> 0)) | 0;
    bytes[r & (BUF - 1)]! ^= check & 0xff;
  }
  return check;
}

/** CPU milliseconds of one call (all threads) and its result. */
function cpu(fn: () => number): { ms: number; result: number } {
  const c = process.cpuUsage();
  const result = fn();
  const d = process.cpuUsage(c);
  return { ms: (d.user + d.system) / 1000, result };
}

/** The little of V8's own WebAssembly API this file uses (the Node typings do not declare it). */
interface V8WebAssembly {
  instantiate(bytes: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const V8Wasm = (globalThis as unknown as { WebAssembly: V8WebAssembly }).WebAssembly;

async function main(): Promise<number> {
  const [nArg, callsArg] = process.argv.slice(2);
  const n = nArg ? Number(nArg) : 3000;
  const calls = callsArg ? Number(callsArg) : 5;
  const file = join(resolve(dirname(fileURLToPath(import.meta.url)), "..", ".."), "bench", "simd", "simd.wasm");
  if (!existsSync(file)) {
    console.error(`simd-ceiling: missing ${file}`);
    return 2;
  }
  const wasm = new Uint8Array(readFileSync(file));
  const v8run = (await V8Wasm.instantiate(wasm)).instance.exports["run"] as (n: number) => number;
  const run = instantiate(new Store({ tier: "compiler" }), compileModule(wasm), []).export("run");
  if (!(run instanceof FuncInstance)) throw new Error("no run export");
  const ours = (k: number): number => invoke(run, [k])[0] as number;
  // The same untimed warm-up call for all three, as `npm run bench` gives.
  v8run(20); handWritten(20); ours(20);
  const v8: number[] = [], js: number[] = [], compiled: number[] = [];
  let wrong = 0;
  for (let i = 0; i < calls; i++) {
    const a = cpu(() => v8run(n)), b = cpu(() => handWritten(n)), c = cpu(() => ours(n));
    if (b.result !== a.result || c.result !== a.result) wrong++;
    v8.push(a.ms); js.push(b.ms); compiled.push(c.ms);
  }
  const v = median(v8);
  console.log(`simd n=${n}, median of ${calls} calls (CPU ms): V8 ${v.toFixed(1)}; hand-written JavaScript ${median(js).toFixed(1)} ` +
    `(${(median(js) / v).toFixed(1)}x V8); compiled tier ${median(compiled).toFixed(1)} (${(median(compiled) / v).toFixed(1)}x V8)` +
    (wrong ? `; ${wrong} WRONG checksum(s)` : "; checksums equal"));
  return wrong ? 1 : 0;
}

// Run as a script (a test imports `handWritten` alone).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main();
