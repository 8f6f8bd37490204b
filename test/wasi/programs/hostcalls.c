/* hostcalls MODE [N] [PATH]: the host-call benchmark's program. Makes N WASI
 * calls (default 1,000,000) in a tight loop and prints a checksum, so the
 * loop is real work whose result is checked:
 *   clock: N calls of clock_time_get(monotonic); the checksum counts the
 *          readings that succeeded and did not go backwards (N when right).
 *   write: N fd_write calls of one byte each to PATH (opened in a preopen,
 *          created or truncated; the harness discards it); the checksum
 *          is the sum of the bytes written as fd_write reports them (N). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "clock";
  long n = argc > 2 ? atol(argv[2]) : 1000000;
  long good = 0;
  if (strcmp(mode, "clock") == 0) {
    __wasi_timestamp_t last = 0, now;
    for (long i = 0; i < n; i++) {
      if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &now) == 0 && now >= last) good++;
      last = now;
    }
  } else if (strcmp(mode, "write") == 0 && argc > 3) {
    int fd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) { perror("hostcalls: open"); return 1; }
    unsigned char byte = 'x';
    __wasi_ciovec_t iov = { &byte, 1 };
    for (long i = 0; i < n; i++) {
      __wasi_size_t written = 0;
      if (__wasi_fd_write((__wasi_fd_t)fd, &iov, 1, &written) == 0) good += (long)written;
    }
    close(fd);
  } else {
    fprintf(stderr, "usage: hostcalls clock [N] | hostcalls write N PATH\n");
    return 2;
  }
  printf("%s: %ld calls, checksum %ld\n", mode, n, good);
  return good == n ? 0 : 1;
}
