/* fsops: a fixed sequence of file system operations inside the preopen
 * (/sandbox), each printing its outcome (values that are the same on every
 * host, or an errno name), so that two runtimes can be compared line by line:
 * directories, O_CREAT/O_EXCL/O_TRUNC/O_APPEND/O_DIRECTORY, seek and tell,
 * pread and pwrite, truncating and extending, stat and fstat, set times,
 * rename, hard and symbolic links inside, readlink, unlink, rmdir, readdir,
 * fd_renumber, fdstat, closing twice, sync. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>
#include "errname.h"

/* Prints "what: ok" for a call that returned r >= 0, else its errno. */
static void report(const char *what, long r) {
  if (r >= 0) printf("%s: ok\n", what);
  else printf("%s: %s\n", what, errname(errno));
}

static void show_stat(const char *what, const char *path, int follow) {
  struct stat st;
  int r = follow ? stat(path, &st) : lstat(path, &st);
  if (r != 0) { printf("%s: %s\n", what, errname(errno)); return; }
  const char *type = S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file" : S_ISLNK(st.st_mode) ? "symlink" : "other";
  printf("%s: %s, %lld bytes, %lu links\n", what, type, S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size,
         (unsigned long)st.st_nlink);
}

static void show_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) { printf("read %s: %s\n", path, errname(errno)); return; }
  char buf[256];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  for (size_t i = 0; i < n; i++) if (buf[i] == 0) buf[i] = '.';
  printf("read %s: %zu bytes [%s]\n", path, n, buf);
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) { printf("opendir %s: %s\n", dir, errname(errno)); return; }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 64) names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, (size_t)n, sizeof *names, cmp);
  printf("list %s:", dir);
  for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
  printf("\n");
}

int main(void) {
  report("mkdir d", mkdir("/sandbox/d", 0755));
  report("mkdir d again", mkdir("/sandbox/d", 0755));
  report("mkdir d/e/f (missing parent)", mkdir("/sandbox/d/e/f", 0755));
  report("mkdir d/e", mkdir("/sandbox/d/e", 0755));

  int fd = open("/sandbox/d/a.txt", O_RDWR | O_CREAT | O_EXCL, 0644);
  report("create d/a.txt exclusively", fd);
  report("create d/a.txt exclusively again", open("/sandbox/d/a.txt", O_RDWR | O_CREAT | O_EXCL, 0644));
  report("write 26 letters", write(fd, "abcdefghijklmnopqrstuvwxyz", 26));
  printf("tell: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  printf("seek set 3: %lld\n", (long long)lseek(fd, 3, SEEK_SET));
  char buf[64] = { 0 };
  printf("read 4: %zd [%.4s]\n", read(fd, buf, 4), buf);
  printf("seek cur -2: %lld\n", (long long)lseek(fd, -2, SEEK_CUR));
  printf("seek end -1: %lld\n", (long long)lseek(fd, -1, SEEK_END));
  printf("seek set -1: %lld", (long long)lseek(fd, -1, SEEK_SET));
  printf(" %s\n", errname(errno));
  memset(buf, 0, sizeof buf);
  printf("pread 5 at 10: %zd [%.5s]\n", pread(fd, buf, 5, 10), buf);
  printf("pwrite XYZ at 20: %zd\n", pwrite(fd, "XYZ", 3, 20));
  printf("tell after pread/pwrite: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  printf("write past the end at 30: %lld", (long long)lseek(fd, 30, SEEK_SET));
  printf(" %zd\n", write(fd, "!", 1));
  struct stat st;
  if (fstat(fd, &st) == 0) printf("fstat size: %lld\n", (long long)st.st_size);
  report("ftruncate 8", ftruncate(fd, 8));
  if (fstat(fd, &st) == 0) printf("fstat size after truncate: %lld\n", (long long)st.st_size);
  report("ftruncate 12 (extend)", ftruncate(fd, 12));
  report("fsync", fsync(fd));
  report("fdatasync", fdatasync(fd));
  report("posix_fadvise", -posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL));
  __wasi_fdstat_t fs;
  /* The filetype only: node:wasi reports host open flags it does not map in fs_flags. */
  if (__wasi_fd_fdstat_get((__wasi_fd_t)fd, &fs) == 0) printf("fdstat: filetype %d\n", fs.fs_filetype);
  report("close", close(fd));
  report("close again", close(fd));
  show_file("/sandbox/d/a.txt");

  fd = open("/sandbox/d/a.txt", O_WRONLY | O_APPEND);
  report("open for append", fd);
  report("append 1", write(fd, "+1", 2));
  lseek(fd, 0, SEEK_SET);
  report("append 2 after seeking to 0", write(fd, "+2", 2));
  if (__wasi_fd_fdstat_get((__wasi_fd_t)fd, &fs) == 0) printf("fdstat append flag: %d\n", (fs.fs_flags & __WASI_FDFLAGS_APPEND) != 0);
  close(fd);
  show_file("/sandbox/d/a.txt");

  fd = open("/sandbox/d/a.txt", O_WRONLY | O_TRUNC);
  report("open with O_TRUNC", fd);
  report("write after truncating", write(fd, "new\n", 4));
  int fd2 = open("/sandbox/d/a.txt", O_RDONLY);
  report("open a second descriptor", fd2);
  report("renumber second onto first", __wasi_fd_renumber((__wasi_fd_t)fd2, (__wasi_fd_t)fd) == 0 ? 0 : -1);
  memset(buf, 0, sizeof buf);
  printf("read through the renumbered descriptor: %zd [%s]\n", read(fd, buf, sizeof buf - 1), buf);
  report("write through it (read-only)", write(fd, "x", 1));
  report("the old number is closed", close(fd2));
  close(fd);

  report("open a file as a directory", open("/sandbox/d/a.txt", O_RDONLY | O_DIRECTORY));
  report("open a missing file", open("/sandbox/d/missing.txt", O_RDONLY));
  report("open a directory for writing", open("/sandbox/d", O_WRONLY));
  report("read a directory", (fd = open("/sandbox/d", O_RDONLY | O_DIRECTORY)) < 0 ? -1 : read(fd, buf, 1));
  if (fd >= 0) close(fd);

  /* Whole seconds: node:wasi drops the fraction of a second it is given. */
  struct timespec times[2] = { { 1600000000, 0 }, { 1700000000, 0 } };
  report("set times", utimensat(AT_FDCWD, "/sandbox/d/a.txt", times, 0));
  if (stat("/sandbox/d/a.txt", &st) == 0)
    printf("times: atime %lld.%09ld, mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
           (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);

  report("hard link d/a.txt -> d/b.txt", link("/sandbox/d/a.txt", "/sandbox/d/b.txt"));
  show_stat("stat d/b.txt", "/sandbox/d/b.txt", 1);
  report("symlink d/c -> a.txt", symlink("a.txt", "/sandbox/d/c"));
  report("symlink d/c again", symlink("a.txt", "/sandbox/d/c"));
  char target[64] = { 0 };
  printf("readlink d/c: %zd [%s]\n", readlink("/sandbox/d/c", target, sizeof target - 1), target);
  report("readlink a file", readlink("/sandbox/d/a.txt", target, sizeof target));
  show_stat("stat d/c", "/sandbox/d/c", 1);
  show_stat("lstat d/c", "/sandbox/d/c", 0);
  show_stat("stat d", "/sandbox/d", 1);

  report("rename d/b.txt -> d/e/b2.txt", rename("/sandbox/d/b.txt", "/sandbox/d/e/b2.txt"));
  report("rename a missing file", rename("/sandbox/d/nope", "/sandbox/d/nope2"));
  report("rename a file over a directory", rename("/sandbox/d/a.txt", "/sandbox/d/e"));
  report("rename a directory over a file", rename("/sandbox/d/e", "/sandbox/d/a.txt"));
  list("/sandbox/d");
  list("/sandbox/d/e");

  report("rmdir d/e (not empty)", rmdir("/sandbox/d/e"));
  report("unlink d/e (a directory)", unlink("/sandbox/d/e"));
  report("rmdir d/a.txt (a file)", rmdir("/sandbox/d/a.txt"));
  report("unlink d/e/b2.txt", unlink("/sandbox/d/e/b2.txt"));
  report("unlink d/e/b2.txt again", unlink("/sandbox/d/e/b2.txt"));
  report("rmdir d/e", rmdir("/sandbox/d/e"));
  report("unlink d/c (the link, not its target)", unlink("/sandbox/d/c"));
  show_stat("stat d/a.txt", "/sandbox/d/a.txt", 1);

  /* Many entries, so that readdir needs several fd_readdir calls. */
  char path[64];
  int made = 0;
  for (int i = 0; i < 40; i++) {
    snprintf(path, sizeof path, "/sandbox/many/entry-with-a-longish-name-%02d", i);
    if (i == 0) mkdir("/sandbox/many", 0755);
    int f = open(path, O_WRONLY | O_CREAT, 0644);
    if (f >= 0) { made++; close(f); }
  }
  printf("made %d entries\n", made);
  DIR *dir = opendir("/sandbox/many");
  int count = 0;
  if (dir) {
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) count++;
    rewinddir(dir);
    int again = 0;
    while ((e = readdir(dir)) != NULL) again++;
    closedir(dir);
    printf("readdir many: %d entries, %d after rewinding\n", count, again);
  }
  return 0;
}
