/**
 * `poll_oneoff`: waits for the first of a set of events. Clock
 * subscriptions (relative or absolute, on any clock) sleep synchronously
 * until their time; descriptors are always ready here (regular files and
 * directories always are, output streams take every write, and input is
 * bytes already there or a host read that blocks), so a poll with a
 * descriptor subscription returns at once with it, together with any clock
 * already due.
 * @see https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#poll_oneoff
 * @module
 */
import { Eventtype, SUBSCRIPTION_CLOCK_ABSTIME } from "../constants.js";
import { Errno } from "../errno.js";
import { checkRange } from "../guest-memory.js";
import { Rights } from "../rights.js";
import { sleepUntil } from "../sleep.js";
import type { WasiContext } from "../context.js";
import { clockNow } from "./clock.js";
import type { WasiCall } from "./call.js";

/** `eventrwflags`: the other end is gone (input at its end). */
const FD_READWRITE_HANGUP = 1;

/** One event to report. */
interface Ready {
  readonly userdata: bigint;
  readonly error: number;
  readonly type: number;
  readonly nbytes: bigint;
  readonly flags: number;
}

/** The readiness of descriptor `fd` for `type` (FD_READ or FD_WRITE). */
function fdEvent(ctx: WasiContext, userdata: bigint, type: number, fd: number): Ready {
  const d = ctx.fds.peek(fd);
  const err = (error: number): Ready => ({ userdata, error, type, nbytes: 0n, flags: 0 });
  if (d === undefined) return err(Errno.BADF);
  if ((d.rightsBase & Rights.POLL_FD_READWRITE) === 0) return err(Errno.NOTCAPABLE);
  if (type === Eventtype.FD_READ) {
    switch (d.kind) {
      case "input": {
        const n = d.available();
        return { userdata, error: 0, type, nbytes: BigInt(n), flags: n === 0 ? FD_READWRITE_HANGUP : 0 };
      }
      case "file": {
        const left = d.sys.fstat(d.hostFd).size - BigInt(d.position);
        return { userdata, error: 0, type, nbytes: left > 0n ? left : 0n, flags: 0 };
      }
      default: return err(Errno.BADF);
    }
  }
  return d.kind === "output" || d.kind === "file" ? { userdata, error: 0, type, nbytes: 0n, flags: 0 } : err(Errno.BADF);
}

/** `poll_oneoff(in, out, nsubscriptions, nevents_ptr)`. */
export const pollOneoff: WasiCall = (ctx, mem, a) => {
  const n = (a[2] as number) >>> 0;
  if (n === 0) return Errno.INVAL;
  const inP = checkRange(mem, a[0] as number, 48 * n);
  const outP = checkRange(mem, a[1] as number, 32 * n);
  const neventsP = checkRange(mem, a[3] as number, 4);
  const sys = ctx.sys;
  const ready: Ready[] = [];
  const clocks: { userdata: bigint; deadline: bigint }[] = [];
  const view = mem.view;
  for (let i = 0; i < n; i++) {
    const s = inP + 48 * i;
    const userdata = view.getBigUint64(s, true);
    const tag = view.getUint8(s + 8);
    switch (tag) {
      case Eventtype.CLOCK: {
        const id = view.getUint32(s + 16, true), timeout = view.getBigUint64(s + 24, true);
        const flags = view.getUint16(s + 40, true);
        const now = clockNow(sys, id);
        if (now < 0n) {
          ready.push({ userdata, error: Errno.INVAL, type: tag, nbytes: 0n, flags: 0 });
          break;
        }
        // Every deadline on the monotonic clock, which the sleep measures (for a CPU-time clock that is an
        // approximation: CPU time does not advance while the thread sleeps, so the wait may end early).
        const wait = (flags & SUBSCRIPTION_CLOCK_ABSTIME) !== 0 ? timeout - now : timeout;
        clocks.push({ userdata, deadline: sys.monotonicNs() + (wait > 0n ? wait : 0n) });
        break;
      }
      case Eventtype.FD_READ:
      case Eventtype.FD_WRITE:
        ready.push(fdEvent(ctx, userdata, tag, view.getUint32(s + 16, true)));
        break;
      default:
        return Errno.INVAL;
    }
  }
  if (ready.length === 0) {
    let earliest = clocks[0]!.deadline;
    for (const c of clocks) if (c.deadline < earliest) earliest = c.deadline;
    sleepUntil(sys, earliest);
  }
  const now = sys.monotonicNs();
  for (const c of clocks) {
    if (c.deadline <= now) ready.push({ userdata: c.userdata, error: 0, type: Eventtype.CLOCK, nbytes: 0n, flags: 0 });
  }
  const bytes = mem.bytes, out = mem.view;
  for (let i = 0; i < ready.length; i++) {
    const e = ready[i]!, p = outP + 32 * i;
    bytes.fill(0, p, p + 32);
    out.setBigUint64(p, e.userdata, true);
    out.setUint16(p + 8, e.error, true);
    out.setUint8(p + 10, e.type);
    out.setBigUint64(p + 16, e.nbytes, true);
    out.setUint16(p + 24, e.flags, true);
  }
  out.setUint32(neventsP, ready.length, true);
  return 0;
};
