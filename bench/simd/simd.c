/* simd: a byte search, a byte sum and an f32 dot product over buffers in
 * linear memory, written with wasm_simd128.h so the hot loops are v128 code
 * (i8x16.eq, extadd_pairwise, i32x4.add, f32x4.mul/add, loads and splats).
 * run(n) makes n passes, the needle changing every pass; the checksum mixes
 * the match counts, the byte sums and the dot products. */
#include <wasm_simd128.h>

#define BUF (1 << 16)
#define FLOATS 4096
static unsigned char buf[BUF] __attribute__((aligned(16)));
static float fa[FLOATS] __attribute__((aligned(16)));
static float fb[FLOATS] __attribute__((aligned(16)));

static unsigned lanes_sum(v128_t v) {
  return wasm_i32x4_extract_lane(v, 0) + wasm_i32x4_extract_lane(v, 1) + wasm_i32x4_extract_lane(v, 2) +
         wasm_i32x4_extract_lane(v, 3);
}

int run(int n) {
  unsigned x = 2463534242u; /* xorshift32 fill */
  for (int i = 0; i < BUF; i++) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    buf[i] = (unsigned char)(x >> 24);
  }
  for (int i = 0; i < FLOATS; i++) {
    fa[i] = (float)buf[i] / 16.0f;
    fb[i] = (float)buf[BUF - 1 - i] / 32.0f;
  }
  unsigned check = 0;
  for (int r = 0; r < n; r++) {
    v128_t needle = wasm_i8x16_splat((char)(r * 37));
    v128_t matches = wasm_i32x4_splat(0), sum = wasm_i32x4_splat(0);
    for (int i = 0; i < BUF; i += 16) {
      v128_t v = wasm_v128_load(buf + i);
      /* Equal lanes are -1: the pairwise sums count matches negatively. */
      v128_t eq = wasm_i8x16_eq(v, needle);
      matches = wasm_i32x4_add(matches, wasm_i32x4_extadd_pairwise_i16x8(wasm_i16x8_extadd_pairwise_i8x16(eq)));
      sum = wasm_i32x4_add(sum, wasm_u32x4_extadd_pairwise_u16x8(wasm_u16x8_extadd_pairwise_u8x16(v)));
    }
    v128_t dot = wasm_f32x4_splat(0.0f);
    for (int i = 0; i < FLOATS; i += 4) {
      dot = wasm_f32x4_add(dot, wasm_f32x4_mul(wasm_v128_load(fa + i), wasm_v128_load(fb + i)));
    }
    float d = wasm_f32x4_extract_lane(dot, 0) + wasm_f32x4_extract_lane(dot, 1) + wasm_f32x4_extract_lane(dot, 2) +
              wasm_f32x4_extract_lane(dot, 3);
    check = check * 31 + (0u - lanes_sum(matches)) + lanes_sum(sum) + (unsigned)d;
    buf[r & (BUF - 1)] ^= (unsigned char)check; /* the next pass sees different data */
  }
  return (int)check;
}
