/* compress: an LZ77 + Huffman compressor and its decompressor, written for
 * this project's benchmarks. Each round makes 64 KiB of text-like input
 * (words from a random vocabulary, numbers, now and then a run of random
 * bytes), compresses it into one block and decompresses that block again.
 *
 * The format is the project's own, in the spirit of deflate: hash chains
 * find matches of 3 to 258 bytes up to 32 KiB back; literals, lengths and an
 * end marker share one Huffman alphabet, distances have another; lengths and
 * distances are coded as a bucket (its top two bits) plus raw extra bits;
 * both code-length tables lead the block, four bits a symbol. The decoder
 * reads nine bits at a time through a table and falls back to one bit at a
 * time for longer codes.
 *
 * run(n): n rounds; the checksum covers every compressed byte, every size
 * and every decompressed byte, and marks a failed round trip. */
#include "rt.h"

#define N (1 << 16)   /* input bytes per round */
#define WSIZE (1 << 15)
#define HBITS 14
#define MINM 3
#define MAXM 258
#define CHAIN 48      /* candidates tried per position */
#define EOB 256
#define NLIT 273      /* 256 literals, EOB, 16 length buckets */
#define NDIST 30      /* distance buckets for 1..32768 */
#define MAXBITS 15
#define FAST 9        /* bits the decoder's table resolves at once */
#define OUTCAP (2 * N + 1024)

static u8 in[N];
static u8 out[OUTCAP];
static u8 back[N];
static i32 head[1 << HBITS];
static i32 prev[N];
static u16 tlen[N]; /* 0: a literal, else a match length */
static u16 tval[N]; /* the literal byte or the match distance */
static int ntok;

/* ---- input ---- */

#define VOCAB 200
static u8 words[VOCAB][12];
static u8 wlen[VOCAB];

static void make_vocab(void) {
  for (int w = 0; w < VOCAB; w++) {
    int len = 2 + (int)(rnd() % 9);
    wlen[w] = (u8)len;
    for (int i = 0; i < len; i++) words[w][i] = (u8)('a' + rnd() % 26);
  }
}

/* Fills in[0..len) with text: skewed word choice, punctuation, numbers, noise. */
static void make_input(int len) {
  int o = 0, sentence = 0;
  while (o < len) {
    u32 r = rnd();
    if ((r & 63) == 0) { /* a stretch of random bytes */
      int k = 8 + (int)((r >> 6) % 33);
      while (k-- > 0 && o < len) in[o++] = (u8)rnd();
    } else if ((r & 63) == 1) { /* a number */
      u32 v = rnd() % 100000;
      u8 digits[8];
      int d = 0;
      do { digits[d++] = (u8)('0' + v % 10); v /= 10; } while (v);
      while (d > 0 && o < len) in[o++] = digits[--d];
    } else {
      u32 a = (r >> 8) % VOCAB, b = (r >> 20) % VOCAB;
      int w = (int)(a * b / VOCAB); /* small indices are common */
      for (int i = 0; i < wlen[w] && o < len; i++) in[o++] = words[w][i];
    }
    if (o < len) in[o++] = (++sentence % 13) ? ' ' : '\n';
  }
}

/* ---- LZ77 parse ---- */

static u32 hash3(const u8 *p) {
  return (((u32)p[0] << 16 | (u32)p[1] << 8 | p[2]) * 2654435761u) >> (32 - HBITS);
}

static void insert(int p, int len) {
  if (p + MINM > len) return;
  u32 h = hash3(in + p);
  prev[p] = head[h];
  head[h] = p;
}

/* Greedy parse of in[0..len) into tokens, the longest match in the chain first. */
static void parse(int len) {
  for (int i = 0; i < (1 << HBITS); i++) head[i] = -1;
  ntok = 0;
  int i = 0;
  while (i < len) {
    int best = 0, dist = 0;
    if (i + MINM <= len) {
      int limit = len - i < MAXM ? len - i : MAXM;
      int cand = head[hash3(in + i)];
      for (int chain = CHAIN; cand >= 0 && i - cand <= WSIZE && chain > 0; chain--) {
        if (in[cand + best] == in[i + best]) {
          int m = 0;
          while (m < limit && in[cand + m] == in[i + m]) m++;
          if (m > best) {
            best = m;
            dist = i - cand;
            if (m == limit) break;
          }
        }
        cand = prev[cand];
      }
    }
    if (best >= MINM) {
      tlen[ntok] = (u16)best;
      tval[ntok] = (u16)dist;
      for (int k = 0; k < best; k++) insert(i + k, len);
      i += best;
    } else {
      tlen[ntok] = 0;
      tval[ntok] = in[i];
      insert(i, len);
      i++;
    }
    ntok++;
  }
}

/* ---- buckets: v < 4 is its own code; otherwise the top bit's index b and
 * the bit below it name the code, and the b - 1 bits under those follow raw. */

static int bucket(u32 v, int *extra) {
  if (v < 4) { *extra = 0; return (int)v; }
  int b = 31 - __builtin_clz(v);
  *extra = b - 1;
  return 2 * b + (int)((v >> (b - 1)) & 1);
}

/* ---- Huffman code lengths, at most MAXBITS ---- */

static u32 weight[2 * NLIT];
static i32 parent[2 * NLIT];
static i32 depth[2 * NLIT];
static i32 heap[2 * NLIT];
static int heapn;

static int lighter(int a, int b) {
  return weight[a] < weight[b] || (weight[a] == weight[b] && a < b);
}

static void heap_push(int x) {
  int i = heapn++;
  while (i > 0) {
    int p = (i - 1) >> 1;
    if (!lighter(x, heap[p])) break;
    heap[i] = heap[p];
    i = p;
  }
  heap[i] = x;
}

static int heap_pop(void) {
  int top = heap[0], x = heap[--heapn], i = 0;
  for (;;) {
    int c = 2 * i + 1;
    if (c >= heapn) break;
    if (c + 1 < heapn && lighter(heap[c + 1], heap[c])) c++;
    if (!lighter(heap[c], x)) break;
    heap[i] = heap[c];
    i = c;
  }
  if (heapn) heap[i] = x;
  return top;
}

/* Builds a Huffman tree over freq[0..n); when it is deeper than MAXBITS the
 * frequencies are flattened (halved, kept non-zero) and the tree built again. */
static void build_lengths(const u32 *freq, int n, u8 *len) {
  u32 f[NLIT];
  for (int s = 0; s < n; s++) f[s] = freq[s];
  for (;;) {
    heapn = 0;
    for (int s = 0; s < n; s++) {
      len[s] = 0;
      if (f[s]) { weight[s] = f[s]; heap_push(s); }
    }
    if (heapn == 0) return;
    if (heapn == 1) { len[heap[0]] = 1; return; }
    int nodes = n;
    while (heapn > 1) {
      int a = heap_pop(), b = heap_pop();
      weight[nodes] = weight[a] + weight[b];
      parent[a] = parent[b] = nodes;
      heap_push(nodes++);
    }
    /* A parent is always numbered after its children: walk down from the root. */
    depth[nodes - 1] = 0;
    int deepest = 0;
    for (int k = nodes - 2; k >= 0; k--) {
      if (k < n && !f[k]) continue;
      depth[k] = depth[parent[k]] + 1;
      if (k < n) {
        len[k] = (u8)(depth[k] > 255 ? 255 : depth[k]);
        if (depth[k] > deepest) deepest = depth[k];
      }
    }
    if (deepest <= MAXBITS) return;
    for (int s = 0; s < n; s++) if (f[s]) f[s] = (f[s] >> 1) | 1;
  }
}

static u32 reverse(u32 code, int len) {
  u32 r = 0;
  for (int i = 0; i < len; i++) { r = (r << 1) | (code & 1); code >>= 1; }
  return r;
}

/* Canonical codes from lengths, bit-reversed because the stream is written low bit first. */
static void canonical(const u8 *len, int n, u16 *code) {
  int count[MAXBITS + 1];
  u32 next[MAXBITS + 1];
  for (int b = 0; b <= MAXBITS; b++) count[b] = 0;
  for (int s = 0; s < n; s++) count[len[s]]++;
  count[0] = 0;
  u32 c = 0;
  for (int b = 1; b <= MAXBITS; b++) {
    c = (c + (u32)count[b - 1]) << 1;
    next[b] = c;
  }
  for (int s = 0; s < n; s++) if (len[s]) code[s] = (u16)reverse(next[len[s]]++, len[s]);
}

/* ---- bit writer ---- */

static u32 wbuf;
static int wcnt, opos;

static void put(u32 v, int n) {
  wbuf |= v << wcnt;
  wcnt += n;
  while (wcnt >= 8) {
    if (opos < OUTCAP) out[opos] = (u8)wbuf;
    opos++;
    wbuf >>= 8;
    wcnt -= 8;
  }
}

static u32 litf[NLIT], distf[NDIST];
static u8 litlen[NLIT], distlen[NDIST];
static u16 litcode[NLIT], distcode[NDIST];

/* Compresses in[0..len) into out; returns the compressed size. */
static int compress(int len) {
  parse(len);
  for (int s = 0; s < NLIT; s++) litf[s] = 0;
  for (int s = 0; s < NDIST; s++) distf[s] = 0;
  int e;
  for (int t = 0; t < ntok; t++) {
    if (tlen[t] == 0) { litf[tval[t]]++; continue; }
    litf[257 + bucket(tlen[t] - MINM, &e)]++;
    distf[bucket(tval[t] - 1u, &e)]++;
  }
  litf[EOB] = 1;
  build_lengths(litf, NLIT, litlen);
  build_lengths(distf, NDIST, distlen);
  canonical(litlen, NLIT, litcode);
  canonical(distlen, NDIST, distcode);

  opos = 0; wbuf = 0; wcnt = 0;
  for (int s = 0; s < NLIT; s++) put(litlen[s], 4);
  for (int s = 0; s < NDIST; s++) put(distlen[s], 4);
  for (int t = 0; t < ntok; t++) {
    if (tlen[t] == 0) { put(litcode[tval[t]], litlen[tval[t]]); continue; }
    u32 v = tlen[t] - MINM;
    int c = 257 + bucket(v, &e);
    put(litcode[c], litlen[c]);
    if (e) put(v & ((1u << e) - 1), e);
    v = tval[t] - 1u;
    c = bucket(v, &e);
    put(distcode[c], distlen[c]);
    if (e) put(v & ((1u << e) - 1), e);
  }
  put(litcode[EOB], litlen[EOB]);
  if (wcnt) put(0, 8 - wcnt);
  return opos;
}

/* ---- decompressor ---- */

static const u8 *src;
static int spos, send;
static u32 rbuf;
static int rcnt;

static void need(int n) {
  while (rcnt < n) {
    u32 b = spos < send ? src[spos] : 0;
    spos++;
    rbuf |= b << rcnt;
    rcnt += 8;
  }
}

static u32 bits(int n) {
  need(n);
  u32 v = rbuf & ((1u << n) - 1);
  rbuf >>= n;
  rcnt -= n;
  return v;
}

typedef struct {
  u16 fast[1 << FAST]; /* symbol << 4 | length for codes of FAST bits or fewer; 0: longer */
  u16 count[MAXBITS + 1];
  u16 sym[NLIT];       /* symbols by code length, then by value */
} Table;

static Table lt, dt;

/* Returns 0, or -1 when the lengths over-subscribe the code space. */
static int make_table(Table *t, const u8 *len, int n) {
  for (int b = 0; b <= MAXBITS; b++) t->count[b] = 0;
  for (int s = 0; s < n; s++) t->count[len[s]]++;
  t->count[0] = 0;
  int left = 1;
  for (int b = 1; b <= MAXBITS; b++) {
    left = (left << 1) - t->count[b];
    if (left < 0) return -1;
  }
  u16 offs[MAXBITS + 2];
  offs[1] = 0;
  for (int b = 1; b <= MAXBITS; b++) offs[b + 1] = offs[b] + t->count[b];
  for (int s = 0; s < n; s++) if (len[s]) t->sym[offs[len[s]]++] = (u16)s;
  for (int i = 0; i < (1 << FAST); i++) t->fast[i] = 0;
  u16 code[NLIT];
  canonical(len, n, code);
  for (int s = 0; s < n; s++) {
    int l = len[s];
    if (!l || l > FAST) continue;
    for (u32 fill = code[s]; fill < (1u << FAST); fill += 1u << l) t->fast[fill] = (u16)(s << 4 | l);
  }
  return 0;
}

static int decode(const Table *t) {
  need(FAST);
  u16 e = t->fast[rbuf & ((1u << FAST) - 1)];
  if (e) {
    int l = e & 15;
    rbuf >>= l;
    rcnt -= l;
    return e >> 4;
  }
  /* A longer code: walk the canonical code one bit at a time. */
  int code = 0, first = 0, index = 0;
  for (int l = 1; l <= MAXBITS; l++) {
    code |= (int)bits(1);
    int c = t->count[l];
    if (code - first < c) return t->sym[index + code - first];
    index += c;
    first = (first + c) << 1;
    code <<= 1;
  }
  return -1;
}

static u32 value(int c) {
  if (c < 4) return (u32)c;
  int e = (c >> 1) - 1;
  return ((2u | (c & 1)) << e) + bits(e);
}

/* Decompresses src[0..srclen) into dst; returns the size, or -1 for a corrupt block. */
static int decompress(const u8 *s, int srclen, u8 *dst, int cap) {
  src = s; spos = 0; send = srclen; rbuf = 0; rcnt = 0;
  u8 lens[NLIT + NDIST];
  for (int i = 0; i < NLIT + NDIST; i++) lens[i] = (u8)bits(4);
  if (make_table(&lt, lens, NLIT) || make_table(&dt, lens + NLIT, NDIST)) return -1;
  int o = 0;
  for (;;) {
    int sym = decode(&lt);
    if (sym < 0 || spos > send + 4) return -1;
    if (sym < 256) {
      if (o >= cap) return -1;
      dst[o++] = (u8)sym;
    } else if (sym == EOB) {
      return o;
    } else {
      int len = (int)value(sym - 257) + MINM;
      int dc = decode(&dt);
      if (dc < 0 || dc >= NDIST) return -1;
      int dist = (int)value(dc) + 1;
      if (dist > o || o + len > cap) return -1;
      for (int k = 0; k < len; k++, o++) dst[o] = dst[o - dist];
    }
  }
}

int run(int n) {
  rng_state = 2463534242u;
  make_vocab();
  u32 h = 2166136261u;
  for (int r = 0; r < n; r++) {
    make_input(N);
    int c = compress(N);
    if (c > OUTCAP) return -1;
    h = fnv(h, out, (size_t)c);
    h = mix(h, (u32)c);
    int d = decompress(out, c, back, N);
    h = mix(h, (u32)d);
    for (int i = 0; i < N; i++) if (back[i] != in[i]) { h = mix(h, 0xbad0000u + (u32)i); break; }
    h = fnv(h, back, N);
  }
  return (int)h;
}

