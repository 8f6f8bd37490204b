/**
 * Helpers of the interruption tests: a worker that advances an epoch
 * counter once the main thread is about to block.
 * @module
 */
import { once } from "node:events";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

const workerFile = resolve(dirname(fileURLToPath(import.meta.url)), "epoch-worker.js");

/** A worker ready to advance `epoch`; `go()` lets it (call it just before blocking). */
export async function epochBumper(epoch: SharedArrayBuffer, api: "capi" | "impl"): Promise<{ go(): void; done(): Promise<void> }> {
  const flag = new SharedArrayBuffer(4);
  const worker = new Worker(workerFile, { workerData: { epoch, flag, api } });
  // Listened for at once: Node emits a worker's last messages and its exit in one task, so a listener added later can miss the exit.
  const exited = once(worker, "exit");
  const [first] = await once(worker, "message") as [string];
  if (first !== "ready") throw new Error(`epoch worker said ${first}`);
  return {
    go() {
      const f = new Int32Array(flag);
      Atomics.store(f, 0, 1);
      Atomics.notify(f, 0);
    },
    async done() {
      await exited;
    },
  };
}
