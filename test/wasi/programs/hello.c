/* hello: the smallest WASI command; one line on stdout (fd_write, proc_exit 0). */
#include <stdio.h>

int main(void) {
  puts("Hello, world!");
  return 0;
}
