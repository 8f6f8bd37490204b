/**
 * `clock_res_get` and `clock_time_get`: realtime, monotonic, and process
 * and thread CPU time (one JavaScript thread runs the program, so the
 * thread's CPU time is the process's). Times are u64 nanoseconds.
 * @see https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#clock_time_get
 * @module
 */
import { Clockid } from "../constants.js";
import { Errno } from "../errno.js";
import { writeU64 } from "../guest-memory.js";
import type { WasiSystem } from "../system.js";
import type { WasiCall } from "./call.js";

/** The time of clock `id` in nanoseconds, or -1n for an unknown clock. */
export function clockNow(sys: WasiSystem, id: number): bigint {
  switch (id) {
    case Clockid.REALTIME: return sys.realtimeNs();
    case Clockid.MONOTONIC: return sys.monotonicNs();
    case Clockid.PROCESS_CPUTIME_ID:
    case Clockid.THREAD_CPUTIME_ID: return sys.cpuTimeNs();
    default: return -1n;
  }
}

/** `clock_res_get(id, resolution_ptr)`. */
export const clockResGet: WasiCall = (ctx, mem, a) => {
  const r = ctx.sys.resolutionNs;
  switch (a[0] as number) {
    case Clockid.REALTIME: writeU64(mem, a[1] as number, r.realtime); return 0;
    case Clockid.MONOTONIC: writeU64(mem, a[1] as number, r.monotonic); return 0;
    case Clockid.PROCESS_CPUTIME_ID:
    case Clockid.THREAD_CPUTIME_ID: writeU64(mem, a[1] as number, r.cpu); return 0;
    default: return Errno.INVAL;
  }
};

/** `clock_time_get(id, precision, time_ptr)`; the precision is a hint the host clocks cannot use. */
export const clockTimeGet: WasiCall = (ctx, mem, a) => {
  const t = clockNow(ctx.sys, a[0] as number);
  if (t < 0n) return Errno.INVAL;
  writeU64(mem, a[2] as number, t);
  return 0;
};
