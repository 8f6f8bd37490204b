/*
 * The guest of the `wasi` example: a WASI command in C, built with Debian's
 * clang, lld and wasi-libc (the committed wasi.wasm is its output):
 *
 *   clang --target=wasm32-wasi -O2 -Wl,--strip-debug -o examples/wasi.wasm examples/wasi.c
 *
 * It greets, then says how many arguments it got and what the last one is,
 * which the example's host (examples/wasi.ts) inherits from its own process.
 */
#include <stdio.h>

int main(int argc, char **argv) {
  printf("Hello, world!\n");
  if (argc > 0)
    printf("%d arguments, the last one \"%s\"\n", argc, argv[argc - 1]);
  else
    printf("no arguments\n");
  return 0;
}
