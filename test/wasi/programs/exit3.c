/* exit3: writes a line to stdout and one to stderr, then exits with status 3
 * (proc_exit(3) after libc flushes stdout). */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  printf("about to exit with 3\n");
  fprintf(stderr, "exit3: this goes to stderr\n");
  exit(3);
}
