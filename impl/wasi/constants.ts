/**
 * The small enumerations and flag sets of WASI preview1 (everything but
 * errno and rights), with the witx names and values, and the byte layouts of
 * the structures the calls read and write.
 * @see https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md
 * @module
 */

/** `filetype` (u8). */
export const Filetype = {
  UNKNOWN: 0, BLOCK_DEVICE: 1, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4,
  SOCKET_DGRAM: 5, SOCKET_STREAM: 6, SYMBOLIC_LINK: 7,
} as const;

/** `fdflags` (u16). */
export const Fdflags = { APPEND: 1, DSYNC: 2, NONBLOCK: 4, RSYNC: 8, SYNC: 16 } as const;
/** Every `fdflags` bit. */
export const FDFLAGS_ALL = 31;

/** `oflags` (u16): what `path_open` does when the file is there or not. */
export const Oflags = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 } as const;

/** `lookupflags` (u32). */
export const LOOKUPFLAGS_SYMLINK_FOLLOW = 1;

/** `fstflags` (u16): which timestamps `*_set_times` sets, to the value given or to now. */
export const Fstflags = { ATIM: 1, ATIM_NOW: 2, MTIM: 4, MTIM_NOW: 8 } as const;

/** `whence` (u8) of `fd_seek`. */
export const Whence = { SET: 0, CUR: 1, END: 2 } as const;

/** `clockid` (u32). */
export const Clockid = { REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME_ID: 2, THREAD_CPUTIME_ID: 3 } as const;

/** `advice` (u8) of `fd_advise`: the largest valid value. */
export const ADVICE_MAX = 5;

/** `eventtype` (u8). */
export const Eventtype = { CLOCK: 0, FD_READ: 1, FD_WRITE: 2 } as const;

/** `subclockflags` (u16): the timeout is an absolute time of the clock, not a duration. */
export const SUBSCRIPTION_CLOCK_ABSTIME = 1;

/** `preopentype` (u8): the only kind, a directory. */
export const PREOPENTYPE_DIR = 0;

/** Byte sizes of the structures (wasm32 layout). */
export const Size = {
  IOVEC: 8, FDSTAT: 24, FILESTAT: 64, PRESTAT: 8, DIRENT: 24, SUBSCRIPTION: 48, EVENT: 32,
} as const;
