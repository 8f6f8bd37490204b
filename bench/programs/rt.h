/* rt.h: the little runtime the freestanding programs need. There is no libc:
 * clang still lowers struct copies and clears to calls of memcpy and memset,
 * so each program (one translation unit) defines them here, built with
 * -fno-builtin so these loops are not turned back into calls of themselves. */
#ifndef PROGRAMS_RT_H
#define PROGRAMS_RT_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef unsigned long size_t;

void *memset(void *dst, int c, size_t n) {
  u8 *d = (u8 *)dst;
  for (size_t i = 0; i < n; i++) d[i] = (u8)c;
  return dst;
}

void *memcpy(void *dst, const void *src, size_t n) {
  u8 *d = (u8 *)dst;
  const u8 *s = (const u8 *)src;
  for (size_t i = 0; i < n; i++) d[i] = s[i];
  return dst;
}

/* FNV-1a over bytes, chained through `h`: the programs fold their output into it. */
static u32 fnv(u32 h, const u8 *p, size_t n) {
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

/* Mixes one word into a running checksum. */
static u32 mix(u32 h, u32 v) {
  h ^= v + 0x9e3779b9u + (h << 6) + (h >> 2);
  return h;
}

/* xorshift32: deterministic input on every engine. */
static u32 rng_state = 2463534242u;
static u32 rnd(void) {
  u32 x = rng_state;
  x ^= x << 13; x ^= x >> 17; x ^= x << 5;
  return rng_state = x;
}

#endif
