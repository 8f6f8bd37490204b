/**
 * Worker of the epoch tests: waits until the main thread says it is about
 * to run code that never ends, then advances the epoch counter it was
 * given (through the C API's `wasmts_epoch_increment`, or `Epoch`).
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import { wasmts_epoch_increment } from "../../../capi/index.js";
import { Epoch } from "../../../impl/index.js";

const { epoch, flag, api } = workerData as { epoch: SharedArrayBuffer; flag: SharedArrayBuffer; api: "capi" | "impl" };
parentPort!.postMessage("ready");
const go = new Int32Array(flag);
Atomics.wait(go, 0, 0);
if (api === "capi") wasmts_epoch_increment(epoch);
else new Epoch(epoch).increment();
parentPort!.postMessage("bumped");
