/* tree DIR: lists DIR recursively, entries sorted by name at every level so
 * the output does not depend on the host's directory order (fd_readdir,
 * path_filestat_get without following links, path_readlink). Each line is
 * indented by depth: "name/" for a directory, "name (N bytes)" for a file,
 * "name -> target" for a symbolic link (never followed). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "errname.h"

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list(const char *dir, int depth) {
  DIR *d = opendir(dir);
  if (!d) { printf("%*s(cannot open %s: %s)\n", depth * 2, "", dir, errname(errno)); return 1; }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 8;
      names = realloc(names, cap * sizeof *names);
      if (!names) return 1;
    }
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp);
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    struct stat st;
    if (lstat(path, &st) != 0) {
      printf("%*s%s (lstat: %s)\n", depth * 2, "", names[i], errname(errno));
      bad = 1;
    } else if (S_ISDIR(st.st_mode)) {
      printf("%*s%s/\n", depth * 2, "", names[i]);
      bad |= list(path, depth + 1);
    } else if (S_ISLNK(st.st_mode)) {
      char target[512];
      ssize_t len = readlink(path, target, sizeof target - 1);
      if (len < 0) { printf("%*s%s -> (readlink: %s)\n", depth * 2, "", names[i], errname(errno)); bad = 1; }
      else { target[len] = 0; printf("%*s%s -> %s\n", depth * 2, "", names[i], target); }
    } else if (S_ISREG(st.st_mode)) {
      printf("%*s%s (%lld bytes)\n", depth * 2, "", names[i], (long long)st.st_size);
    } else {
      printf("%*s%s (other)\n", depth * 2, "", names[i]);
    }
    free(names[i]);
  }
  free(names);
  return bad;
}

int main(int argc, char **argv) {
  const char *root = argc > 1 ? argv[1] : "/sandbox";
  printf("%s/\n", root);
  return list(root, 1);
}
