import test from "ava";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { peerNodePath, peerV8Times } from "../../../bench/peer-v8.js";
import { wat } from "../../helpers/wat.js";

test("the peer Node is the one named, and none when that file is missing", (t) => {
  t.is(peerNodePath({ WASMTS_BENCH_PEER_NODE: process.execPath }), process.execPath);
  t.is(peerNodePath({ WASMTS_BENCH_PEER_NODE: join(tmpdir(), "no-such-node") }), null);
  t.is(peerNodePath({ XDG_CACHE_HOME: join(tmpdir(), "no-such-cache") }), null);
});

test("a peer times run(n) in another process and returns each call's result", async (t) => {
  const bytes = await wat(`(module (func (export "run") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3))))`);
  const file = join(mkdtempSync(join(tmpdir(), "peer-v8-")), "triple.wasm");
  writeFileSync(file, bytes);
  const p = peerV8Times(process.execPath, file, 14, 3, 1, true);
  t.is(p.node, process.version);
  t.deepEqual(p.results, [42, 42, 42]);
  t.is(p.times.length, 3);
  t.true(p.times.every((ms) => Number.isFinite(ms) && ms >= 0));
  t.is(p.firstResult, 42, "the cold first call's result");
  t.true(Number.isFinite(p.first) && p.first >= 0);
});

test("a peer that cannot run the module throws, so the bench can say so", (t) => {
  // A binary of an unknown version: every V8 refuses it, as Node 20's refuses the gc workload's GC types.
  const file = join(mkdtempSync(join(tmpdir(), "peer-v8-")), "bad.wasm");
  writeFileSync(file, new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
  const error = t.throws(() => peerV8Times(process.execPath, file, 1, 1, 1, false));
  t.regex(String(error?.message), /version|magic|CompileError/i);
});
