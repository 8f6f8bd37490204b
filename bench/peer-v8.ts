/**
 * A peer V8 in another process, for a workload this process's V8 cannot run:
 * Node 20's V8 11.3 knows only the pre-standard GC encoding and refuses the
 * `gc` workload's binary. `bench/fetch-peer-node.sh` puts a newer Node in the
 * cache; `WASMTS_BENCH_PEER_NODE` names another one. Its figures are a
 * different V8 (12.4 for Node 22) in a different process, so the bench prints
 * them marked as such.
 * @module
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The peer Node: `$WASMTS_BENCH_PEER_NODE`, else `bench/fetch-peer-node.sh`'s cache path, if it exists. */
export function peerNodePath(env: NodeJS.ProcessEnv = process.env): string | null {
  const named = env["WASMTS_BENCH_PEER_NODE"];
  if (named) return existsSync(named) ? named : null;
  const cache = env["XDG_CACHE_HOME"] ?? join(homedir(), ".cache");
  const cached = join(cache, "wasm-c-api-ts", "peer-node", "bin", "node");
  return existsSync(cached) ? cached : null;
}

/** What the peer measured: its versions, each timed call's milliseconds and result. */
export interface PeerTimes {
  readonly node: string;
  readonly v8: string;
  readonly times: readonly number[];
  readonly results: readonly number[];
  /** The cold first call of a fresh instance: its milliseconds and result. */
  readonly first: number;
  readonly firstResult: number;
}

/**
 * Times `run(n)` of `file` on the peer Node's WebAssembly: a fresh
 * instance's cold first call, then on another a warm-up call with `warmN`
 * and `runs` calls, in CPU or wall-clock time. Throws the peer's
 * error (its stderr) when it cannot run the module.
 */
export function peerV8Times(node: string, file: string, n: number, runs: number, warmN: number, cpu: boolean): PeerTimes {
  const script = join(dirname(fileURLToPath(import.meta.url)), "peer-run.js");
  const out = execFileSync(node, [script, file, String(n), String(runs), String(warmN), cpu ? "cpu" : "wall"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const last = out.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as PeerTimes;
}
