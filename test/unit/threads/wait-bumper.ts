/**
 * A worker of wait-interrupt.test.ts: once the waiting thread has raised
 * the flag at byte 16 of the shared memory (just before its wait), advances
 * the epoch counter, the host's way to interrupt it.
 * @module
 */
import { workerData } from "node:worker_threads";
import { Epoch, MemoryInstance, type SharedMemoryParts } from "../../../impl/index.js";

const { memory: parts, epoch: counter } = workerData as { memory: SharedMemoryParts; epoch: SharedArrayBuffer };
const memory = MemoryInstance.fromShared(parts);
const flag = new Int32Array(memory.sharedParts!.buffer);
while (Atomics.load(flag, 4) === 0) Atomics.wait(flag, 4, 0);
new Epoch(counter).increment();
