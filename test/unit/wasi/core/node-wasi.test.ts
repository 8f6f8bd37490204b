// A few results compared with node:wasi (uvwasi) on the same module and the same calls: memory layouts
// and errnos that both must agree on. node:wasi is not a sandbox; only ordinary, in-preopen calls are compared.
import test from "ava";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { WASI } from "node:wasi";
import { Rights } from "../../../../impl/index.js";
import { wat } from "../../../helpers/wat.js";
import { proxyModuleText, tempDir, wasi } from "./helpers.js";

/** What a script needs from an engine: call a proxied preview1 function, read and write memory. */
interface Engine {
  call(name: string, ...args: (number | bigint)[]): number;
  bytes(): Uint8Array;
}

/** The little of V8's WebAssembly the test uses (the Node typings here do not declare it). */
interface V8Instance { readonly exports: Record<string, unknown> }
const V8 = (globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: V8Instance }> };
}).WebAssembly;

const ARGS = ["prog", "two words", "ünï"];
const ENV: [string, string][] = [["HOME", "/home/x"], ["EMPTY", ""]];
const enc = new TextEncoder();

/** The same calls on an engine; returns the errnos and the memory regions they wrote, for comparison. */
function script(e: Engine): unknown[] {
  const out: unknown[] = [];
  const put = (at: number, s: string) => { const b = enc.encode(s); e.bytes().set(b, at); return b.length; };
  const region = (at: number, len: number) => Array.from(e.bytes().slice(at, at + len));
  const view = () => new DataView(e.bytes().buffer);
  out.push(e.call("args_sizes_get", 0, 4), region(0, 8));
  out.push(e.call("args_get", 100, 200), region(100, 12), region(200, 30));
  out.push(e.call("environ_sizes_get", 0, 4), region(0, 8));
  out.push(e.call("environ_get", 100, 200), region(100, 8), region(200, 20));
  out.push(e.call("fd_prestat_get", 3, 0), region(0, 8));
  out.push(e.call("fd_prestat_dir_name", 3, 300, 8), region(300, 8));
  const rights = BigInt(Rights.FD_READ | Rights.FD_WRITE | Rights.FD_SEEK | Rights.FD_TELL | Rights.FD_FILESTAT_GET);
  let len = put(400, "made.txt");
  out.push("open", e.call("path_open", 3, 1, 400, len, 1 | 4, rights, 0n, 0, 500), region(500, 4));
  const fd = view().getUint32(500, true);
  len = put(600, "hello, wasi");
  view().setUint32(700, 600, true);
  view().setUint32(704, len, true);
  out.push("write", e.call("fd_write", fd, 700, 1, 710), region(710, 4));
  out.push("seek", e.call("fd_seek", fd, 7n, 0, 720), region(720, 8));
  view().setUint32(700, 800, true);
  view().setUint32(704, 64, true);
  out.push("read", e.call("fd_read", fd, 700, 1, 710), region(710, 4), region(800, 4));
  out.push("tell", e.call("fd_tell", fd, 720), region(720, 8));
  out.push("filestat", e.call("fd_filestat_get", fd, 900), region(916, 1), region(924, 16));
  out.push("pathstat", e.call("path_filestat_get", 3, 1, 400, len = put(400, "made.txt"), 900), region(916, 1), region(932, 8));
  out.push("excl", e.call("path_open", 3, 1, 400, len, 1 | 4, rights, 0n, 0, 500));
  len = put(400, "missing");
  out.push("missing", e.call("path_open", 3, 1, 400, len, 0, rights, 0n, 0, 500));
  len = put(400, "dir");
  out.push("mkdir", e.call("path_create_directory", 3, 400, len), e.call("path_create_directory", 3, 400, len));
  out.push("rmdir", e.call("path_remove_directory", 3, 400, len), e.call("path_remove_directory", 3, 400, len));
  out.push("close", e.call("fd_close", fd), e.call("fd_close", fd));
  out.push("badf", e.call("fd_write", 77, 700, 1, 710));
  out.push("clock", e.call("clock_time_get", 1, 0n, 0), e.call("clock_time_get", 99, 0n, 0));
  return out;
}

test("the same calls give the same errnos and memory contents as node:wasi", async (t) => {
  const bytes = await wat(proxyModuleText());
  const oursDir = tempDir(), theirsDir = tempDir();
  t.teardown(() => { oursDir.remove(); theirsDir.remove(); });

  const ours = await wasi({ args: ARGS, env: ENV, preopens: [{ hostPath: oursDir.path, guestPath: "/sandbox", dirPerms: 3, filePerms: 3 }] });
  t.teardown(() => ours.close());
  const oursResult = script({ call: ours.call, bytes: () => ours.memory.bytes });

  const node = new WASI({ version: "preview1", args: ARGS, env: Object.fromEntries(ENV), preopens: { "/sandbox": theirsDir.path } });
  const { instance } = await V8.instantiate(bytes, node.getImportObject());
  node.initialize(instance as never);
  const exports = instance.exports as Record<string, (...a: unknown[]) => number>;
  const memory = instance.exports.memory as { buffer: ArrayBuffer };
  const theirsResult = script({ call: (name, ...args) => exports[name]!(...args), bytes: () => new Uint8Array(memory.buffer) });

  t.deepEqual(oursResult, theirsResult);
  t.is(readFileSync(join(oursDir.path, "made.txt"), "utf8"), readFileSync(join(theirsDir.path, "made.txt"), "utf8"));
});
