/* echo: prints argc, each argument (bracketed, so spaces and empty arguments
 * show), then the environment sorted by byte order, so that the output does
 * not depend on the order the host passes it in (args_get, environ_get). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) printf("argv[%d]=[%s]\n", i, argv[i]);
  int n = 0;
  while (environ && environ[n]) n++;
  char **sorted = malloc(sizeof(char *) * (size_t)(n + 1));
  if (!sorted) return 1;
  memcpy(sorted, environ, sizeof(char *) * (size_t)n);
  qsort(sorted, (size_t)n, sizeof(char *), cmp);
  printf("envc=%d\n", n);
  for (int i = 0; i < n; i++) printf("env[%d]=[%s]\n", i, sorted[i]);
  free(sorted);
  return 0;
}
