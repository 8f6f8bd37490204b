/* errname.h: the WASI errno names (the values of wasi-libc's errno are the
 * WASI errnos), so that the programs print "ENOTCAPABLE" rather than a
 * message whose wording is libc's. Generated once from wasi/api.h. */
#ifndef ERRNAME_H
#define ERRNAME_H
#include <wasi/api.h>

static const char *errname(int e) {
  switch (e) {
    case __WASI_ERRNO_SUCCESS: return "SUCCESS";
    case __WASI_ERRNO_2BIG: return "E2BIG";
    case __WASI_ERRNO_ACCES: return "EACCES";
    case __WASI_ERRNO_ADDRINUSE: return "EADDRINUSE";
    case __WASI_ERRNO_ADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case __WASI_ERRNO_AFNOSUPPORT: return "EAFNOSUPPORT";
    case __WASI_ERRNO_AGAIN: return "EAGAIN";
    case __WASI_ERRNO_ALREADY: return "EALREADY";
    case __WASI_ERRNO_BADF: return "EBADF";
    case __WASI_ERRNO_BADMSG: return "EBADMSG";
    case __WASI_ERRNO_BUSY: return "EBUSY";
    case __WASI_ERRNO_CANCELED: return "ECANCELED";
    case __WASI_ERRNO_CHILD: return "ECHILD";
    case __WASI_ERRNO_CONNABORTED: return "ECONNABORTED";
    case __WASI_ERRNO_CONNREFUSED: return "ECONNREFUSED";
    case __WASI_ERRNO_CONNRESET: return "ECONNRESET";
    case __WASI_ERRNO_DEADLK: return "EDEADLK";
    case __WASI_ERRNO_DESTADDRREQ: return "EDESTADDRREQ";
    case __WASI_ERRNO_DOM: return "EDOM";
    case __WASI_ERRNO_DQUOT: return "EDQUOT";
    case __WASI_ERRNO_EXIST: return "EEXIST";
    case __WASI_ERRNO_FAULT: return "EFAULT";
    case __WASI_ERRNO_FBIG: return "EFBIG";
    case __WASI_ERRNO_HOSTUNREACH: return "EHOSTUNREACH";
    case __WASI_ERRNO_IDRM: return "EIDRM";
    case __WASI_ERRNO_ILSEQ: return "EILSEQ";
    case __WASI_ERRNO_INPROGRESS: return "EINPROGRESS";
    case __WASI_ERRNO_INTR: return "EINTR";
    case __WASI_ERRNO_INVAL: return "EINVAL";
    case __WASI_ERRNO_IO: return "EIO";
    case __WASI_ERRNO_ISCONN: return "EISCONN";
    case __WASI_ERRNO_ISDIR: return "EISDIR";
    case __WASI_ERRNO_LOOP: return "ELOOP";
    case __WASI_ERRNO_MFILE: return "EMFILE";
    case __WASI_ERRNO_MLINK: return "EMLINK";
    case __WASI_ERRNO_MSGSIZE: return "EMSGSIZE";
    case __WASI_ERRNO_MULTIHOP: return "EMULTIHOP";
    case __WASI_ERRNO_NAMETOOLONG: return "ENAMETOOLONG";
    case __WASI_ERRNO_NETDOWN: return "ENETDOWN";
    case __WASI_ERRNO_NETRESET: return "ENETRESET";
    case __WASI_ERRNO_NETUNREACH: return "ENETUNREACH";
    case __WASI_ERRNO_NFILE: return "ENFILE";
    case __WASI_ERRNO_NOBUFS: return "ENOBUFS";
    case __WASI_ERRNO_NODEV: return "ENODEV";
    case __WASI_ERRNO_NOENT: return "ENOENT";
    case __WASI_ERRNO_NOEXEC: return "ENOEXEC";
    case __WASI_ERRNO_NOLCK: return "ENOLCK";
    case __WASI_ERRNO_NOLINK: return "ENOLINK";
    case __WASI_ERRNO_NOMEM: return "ENOMEM";
    case __WASI_ERRNO_NOMSG: return "ENOMSG";
    case __WASI_ERRNO_NOPROTOOPT: return "ENOPROTOOPT";
    case __WASI_ERRNO_NOSPC: return "ENOSPC";
    case __WASI_ERRNO_NOSYS: return "ENOSYS";
    case __WASI_ERRNO_NOTCONN: return "ENOTCONN";
    case __WASI_ERRNO_NOTDIR: return "ENOTDIR";
    case __WASI_ERRNO_NOTEMPTY: return "ENOTEMPTY";
    case __WASI_ERRNO_NOTRECOVERABLE: return "ENOTRECOVERABLE";
    case __WASI_ERRNO_NOTSOCK: return "ENOTSOCK";
    case __WASI_ERRNO_NOTSUP: return "ENOTSUP";
    case __WASI_ERRNO_NOTTY: return "ENOTTY";
    case __WASI_ERRNO_NXIO: return "ENXIO";
    case __WASI_ERRNO_OVERFLOW: return "EOVERFLOW";
    case __WASI_ERRNO_OWNERDEAD: return "EOWNERDEAD";
    case __WASI_ERRNO_PERM: return "EPERM";
    case __WASI_ERRNO_PIPE: return "EPIPE";
    case __WASI_ERRNO_PROTO: return "EPROTO";
    case __WASI_ERRNO_PROTONOSUPPORT: return "EPROTONOSUPPORT";
    case __WASI_ERRNO_PROTOTYPE: return "EPROTOTYPE";
    case __WASI_ERRNO_RANGE: return "ERANGE";
    case __WASI_ERRNO_ROFS: return "EROFS";
    case __WASI_ERRNO_SPIPE: return "ESPIPE";
    case __WASI_ERRNO_SRCH: return "ESRCH";
    case __WASI_ERRNO_STALE: return "ESTALE";
    case __WASI_ERRNO_TIMEDOUT: return "ETIMEDOUT";
    case __WASI_ERRNO_TXTBSY: return "ETXTBSY";
    case __WASI_ERRNO_XDEV: return "EXDEV";
    case __WASI_ERRNO_NOTCAPABLE: return "ENOTCAPABLE";
    default: return "E?";
  }
}
#endif
