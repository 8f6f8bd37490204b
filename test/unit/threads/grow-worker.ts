/**
 * The worker of grow.test.ts: grows a shared memory by a page, writes in the
 * new page, then raises the flag at byte 0 and wakes whoever waits on it.
 * @module
 */
import { workerData } from "node:worker_threads";
import { MemoryInstance, type SharedMemoryParts } from "../../../impl/index.js";

const memory = MemoryInstance.fromShared(workerData as SharedMemoryParts);
const flag = new Int32Array(memory.sharedParts!.buffer);
// Only once the main thread is waiting (it raises word 1 just before), so the grow lands while its code runs.
while (Atomics.load(flag, 1) === 0) Atomics.wait(flag, 1, 0, 10);
memory.grow(1);
memory.view.setInt32(65536 + 8, 4242, true);
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
