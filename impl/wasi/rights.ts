/**
 * WASI preview1 rights: the capability bits each file descriptor carries
 * (`base` for what the descriptor itself may do, `inheriting` for what
 * descriptors opened through it may get). Every bit is below 2^30, so the
 * engine keeps rights as numbers; the u64 in the ABI is converted at the edge.
 * @see https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#rights
 * @module
 */

/** The `rights` bits, named as in witx. */
export const Rights = {
  FD_DATASYNC: 1 << 0, FD_READ: 1 << 1, FD_SEEK: 1 << 2, FD_FDSTAT_SET_FLAGS: 1 << 3, FD_SYNC: 1 << 4,
  FD_TELL: 1 << 5, FD_WRITE: 1 << 6, FD_ADVISE: 1 << 7, FD_ALLOCATE: 1 << 8,
  PATH_CREATE_DIRECTORY: 1 << 9, PATH_CREATE_FILE: 1 << 10, PATH_LINK_SOURCE: 1 << 11, PATH_LINK_TARGET: 1 << 12,
  PATH_OPEN: 1 << 13, FD_READDIR: 1 << 14, PATH_READLINK: 1 << 15, PATH_RENAME_SOURCE: 1 << 16,
  PATH_RENAME_TARGET: 1 << 17, PATH_FILESTAT_GET: 1 << 18, PATH_FILESTAT_SET_SIZE: 1 << 19,
  PATH_FILESTAT_SET_TIMES: 1 << 20, FD_FILESTAT_GET: 1 << 21, FD_FILESTAT_SET_SIZE: 1 << 22,
  FD_FILESTAT_SET_TIMES: 1 << 23, PATH_SYMLINK: 1 << 24, PATH_REMOVE_DIRECTORY: 1 << 25,
  PATH_UNLINK_FILE: 1 << 26, POLL_FD_READWRITE: 1 << 27, SOCK_SHUTDOWN: 1 << 28, SOCK_ACCEPT: 1 << 29,
} as const;

/** Every right there is. */
export const RIGHTS_ALL = (1 << 30) - 1;

const R = Rights;

/** What a regular file descriptor can do at most. */
export const RIGHTS_FILE =
  R.FD_DATASYNC | R.FD_READ | R.FD_SEEK | R.FD_FDSTAT_SET_FLAGS | R.FD_SYNC | R.FD_TELL | R.FD_WRITE |
  R.FD_ADVISE | R.FD_ALLOCATE | R.FD_FILESTAT_GET | R.FD_FILESTAT_SET_SIZE | R.FD_FILESTAT_SET_TIMES |
  R.POLL_FD_READWRITE;

/** What a directory descriptor can do at most. */
export const RIGHTS_DIR =
  R.FD_FDSTAT_SET_FLAGS | R.FD_SYNC | R.FD_ADVISE | R.PATH_CREATE_DIRECTORY | R.PATH_CREATE_FILE |
  R.PATH_LINK_SOURCE | R.PATH_LINK_TARGET | R.PATH_OPEN | R.FD_READDIR | R.PATH_READLINK |
  R.PATH_RENAME_SOURCE | R.PATH_RENAME_TARGET | R.PATH_FILESTAT_GET | R.PATH_FILESTAT_SET_SIZE |
  R.PATH_FILESTAT_SET_TIMES | R.FD_FILESTAT_GET | R.FD_FILESTAT_SET_TIMES | R.PATH_SYMLINK |
  R.PATH_REMOVE_DIRECTORY | R.PATH_UNLINK_FILE;

/**
 * Rights of a standard stream. No FD_SEEK or FD_TELL: wasi-libc's `isatty`
 * takes a character device without them as a terminal, which is what a
 * stream the program cannot seek is to it.
 */
export const RIGHTS_STDIN = R.FD_READ | R.FD_FDSTAT_SET_FLAGS | R.FD_FILESTAT_GET | R.POLL_FD_READWRITE;
/** Rights of standard output and error. */
export const RIGHTS_STDOUT =
  R.FD_WRITE | R.FD_DATASYNC | R.FD_SYNC | R.FD_FDSTAT_SET_FLAGS | R.FD_FILESTAT_GET | R.POLL_FD_READWRITE;

/**
 * The rights that make `path_open` open a file for writing (Wasmtime's
 * preview1 adapter draws the same line): a preopen whose files are read-only
 * refuses them with EPERM.
 */
export const RIGHTS_WRITE = R.FD_WRITE | R.FD_DATASYNC | R.FD_ALLOCATE | R.FD_FILESTAT_SET_SIZE;
/** The rights that make `path_open` open a file for reading. */
export const RIGHTS_READ = R.FD_READ | R.FD_READDIR;

/** A u64 rights value from wasm as a number (bits past the defined ones are dropped: they name nothing). */
export function rightsFromU64(v: bigint): number {
  return Number(v & BigInt(RIGHTS_ALL));
}
