/**
 * `proc_exit`, `proc_raise`, `sched_yield` and the socket calls. A program
 * here has no signals and no sockets (preview1 can only use sockets a host
 * preopened, and we preopen none): those calls answer so, honestly, rather
 * than pretend.
 * @see https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#proc_exit
 * @module
 */
import { Errno } from "../errno.js";
import { ProcExit } from "../proc-exit.js";
import type { WasiCall } from "./call.js";

/** `proc_exit(rval)`: unwinds as {@link ProcExit}, which carries the status. */
export const procExit: WasiCall = (_ctx, _mem, a) => {
  throw new ProcExit((a[0] as number) >>> 0);
};

/** `proc_raise(sig)`: ENOSYS, there is no signal delivery (Wasmtime does not implement it either). */
export const procRaise: WasiCall = () => Errno.NOSYS;

/** `sched_yield()`: one JavaScript thread runs the program; there is nothing to yield to. */
export const schedYield: WasiCall = () => 0;

/**
 * A socket call (`sock_accept`, `sock_recv`, `sock_send`, `sock_shutdown`):
 * EBADF for a descriptor that is not open, else ENOTSUP: no descriptor here
 * is a socket, and sockets are not supported.
 */
export const sockCall: WasiCall = (ctx, _mem, a) => (ctx.fds.peek(a[0] as number) === undefined ? Errno.BADF : Errno.NOTSUP);
