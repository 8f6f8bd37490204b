/**
 * WASI preview1 error numbers (`errno`, a u16) and the mapping from a host
 * error to one, so that every failure a WASI call meets reaches the program
 * as an errno and never as a host exception.
 * @see https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#errno
 * @module
 */

/** The preview1 `errno` values, in the witx order (the number is the position). */
export const Errno = {
  SUCCESS: 0, TOOBIG: 1, ACCES: 2, ADDRINUSE: 3, ADDRNOTAVAIL: 4, AFNOSUPPORT: 5, AGAIN: 6, ALREADY: 7,
  BADF: 8, BADMSG: 9, BUSY: 10, CANCELED: 11, CHILD: 12, CONNABORTED: 13, CONNREFUSED: 14, CONNRESET: 15,
  DEADLK: 16, DESTADDRREQ: 17, DOM: 18, DQUOT: 19, EXIST: 20, FAULT: 21, FBIG: 22, HOSTUNREACH: 23,
  IDRM: 24, ILSEQ: 25, INPROGRESS: 26, INTR: 27, INVAL: 28, IO: 29, ISCONN: 30, ISDIR: 31,
  LOOP: 32, MFILE: 33, MLINK: 34, MSGSIZE: 35, MULTIHOP: 36, NAMETOOLONG: 37, NETDOWN: 38, NETRESET: 39,
  NETUNREACH: 40, NFILE: 41, NOBUFS: 42, NODEV: 43, NOENT: 44, NOEXEC: 45, NOLCK: 46, NOLINK: 47,
  NOMEM: 48, NOMSG: 49, NOPROTOOPT: 50, NOSPC: 51, NOSYS: 52, NOTCONN: 53, NOTDIR: 54, NOTEMPTY: 55,
  NOTRECOVERABLE: 56, NOTSOCK: 57, NOTSUP: 58, NOTTY: 59, NXIO: 60, OVERFLOW: 61, OWNERDEAD: 62, PERM: 63,
  PIPE: 64, PROTO: 65, PROTONOSUPPORT: 66, PROTOTYPE: 67, RANGE: 68, ROFS: 69, SPIPE: 70, SRCH: 71,
  STALE: 72, TIMEDOUT: 73, TXTBSY: 74, XDEV: 75, NOTCAPABLE: 76,
} as const;

/**
 * A failure inside a WASI call that carries its errno. Thrown by the
 * implementation where unwinding is simpler than returning (a bad pointer
 * deep in a helper, a path that leaves its preopen); the host function
 * wrapper turns it into the call's result. Never leaves a WASI call.
 */
export class WasiError extends Error {
  override name = "WasiError";
  constructor(readonly errno: number, detail = "") {
    super(detail === "" ? `errno ${errno}` : `errno ${errno}: ${detail}`);
  }
}

/** Throws the {@link WasiError} for `errno` (kept out of line so callers stay small). */
export function fail(errno: number, detail = ""): never {
  throw new WasiError(errno, detail);
}

// Host error codes (POSIX names as Node reports them in `code`) by their errno: "E" + the witx name,
// plus the aliases and Node's own codes that mean one of them.
const HOST_CODES = new Map<string, number>([
  ...Object.entries(Errno).map(([k, v]) => [`E${k}`, v] as [string, number]),
  ["E2BIG", Errno.TOOBIG],
  ["EWOULDBLOCK", Errno.AGAIN],
  ["EOPNOTSUPP", Errno.NOTSUP],
  ["EDEADLOCK", Errno.DEADLK],
  ["ENOTBLK", Errno.NOTSUP],
  ["EMLINK", Errno.MLINK],
  ["ERR_FS_FILE_TOO_LARGE", Errno.FBIG],
  ["ERR_OUT_OF_RANGE", Errno.INVAL],
  ["ERR_INVALID_ARG_VALUE", Errno.INVAL],
  ["ERR_INVALID_ARG_TYPE", Errno.INVAL],
  ["ERR_FS_EISDIR", Errno.ISDIR],
]);

/**
 * The errno for any error a WASI call caught: a {@link WasiError}'s own, a
 * host error's by its `code`, and EIO for anything else (a host failure with
 * no better name is still an I/O error to the program, never an exception).
 */
export function errnoOf(e: unknown): number {
  if (e instanceof WasiError) return e.errno;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === "string") return HOST_CODES.get(code) ?? Errno.IO;
  if (e instanceof RangeError) return Errno.INVAL;
  return Errno.IO;
}
