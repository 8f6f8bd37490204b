/**
 * A worker of wait-interrupt.test.ts: a thread of its own (a store with the
 * test's epoch counter, deadline 1 tick ahead) runs wasm that raises the
 * flag at byte 16 and then waits for ever at byte 8 of the shared memory;
 * posts back the message of the trap that ended the wait.
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import { compileModule, Epoch, instantiate, invoke, MemoryInstance, Store, type FuncInstance, type SharedMemoryParts } from "../../../impl/index.js";

const { memory: parts, epoch: counter, wasm, tier } = workerData as {
  memory: SharedMemoryParts; epoch: SharedArrayBuffer; wasm: Uint8Array; tier: "interpreter" | "compiler";
};
const store = new Store({ tier, epoch: new Epoch(counter) });
store.setEpochDeadline(1);
const inst = instantiate(store, compileModule(wasm), [MemoryInstance.fromShared(parts)]);
try {
  invoke(inst.export("wait_forever") as FuncInstance, []);
  parentPort!.postMessage("returned");
} catch (e) {
  parentPort!.postMessage(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
}
