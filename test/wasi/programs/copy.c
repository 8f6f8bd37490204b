/* copy SRC DST: copies a file inside a preopen (path_open, fd_read,
 * fd_write, fd_filestat_get), then checks the copy's size with stat and
 * prints what it did. Paths are guest paths, e.g. /sandbox/in.bin. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "errname.h"

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: copy SRC DST\n"); return 2; }
  int in = open(argv[1], O_RDONLY);
  if (in < 0) { fprintf(stderr, "copy: open %s: %s\n", argv[1], errname(errno)); return 1; }
  int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0) { fprintf(stderr, "copy: open %s: %s\n", argv[2], errname(errno)); return 1; }
  struct stat st;
  if (fstat(in, &st) != 0) { fprintf(stderr, "copy: fstat: %s\n", errname(errno)); return 1; }
  char buf[700]; /* not a power of two, so the last block is partial */
  long total = 0;
  for (;;) {
    ssize_t n = read(in, buf, sizeof buf);
    if (n < 0) { fprintf(stderr, "copy: read: %s\n", errname(errno)); return 1; }
    if (n == 0) break;
    for (ssize_t done = 0; done < n;) {
      ssize_t w = write(out, buf + done, (size_t)(n - done));
      if (w < 0) { fprintf(stderr, "copy: write: %s\n", errname(errno)); return 1; }
      done += w;
    }
    total += n;
  }
  close(in);
  if (close(out) != 0) { fprintf(stderr, "copy: close: %s\n", errname(errno)); return 1; }
  struct stat st2;
  if (stat(argv[2], &st2) != 0) { fprintf(stderr, "copy: stat %s: %s\n", argv[2], errname(errno)); return 1; }
  printf("copied %ld bytes from %s to %s\n", total, argv[1], argv[2]);
  printf("source size %lld, copy size %lld\n", (long long)st.st_size, (long long)st2.st_size);
  return total == st.st_size && st2.st_size == st.st_size ? 0 : 1;
}
