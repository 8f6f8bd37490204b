/* json: a JSON writer, parser and string-interning hash table, written for
 * this project's benchmarks. Each round writes about 64 KiB of JSON text
 * (an array of records with nested objects and arrays, escaped strings,
 * integers and decimals), parses it into a tree of nodes in an arena,
 * interns every string and key in an open-addressing hash table, walks the
 * tree summing what it finds, and prints the tree back as compact JSON.
 *
 * Byte-at-a-time scanning, branches on characters, hashing and probing,
 * recursion and f64 parsing: the work of a configuration or message parser.
 *
 * run(n): n rounds; the checksum covers the walk's totals, the interned
 * strings and every byte printed back. */
#include "rt.h"

#define TEXT (1 << 16)
#define NODES 16384
#define HBITS 13
#define SLOTS (1 << HBITS)
#define POOL (1 << 16)

enum { J_NULL, J_FALSE, J_TRUE, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct {
  u8 type;
  i32 key;      /* interned key id in an object, else -1 */
  i32 str;      /* interned string id */
  double num;
  i32 child;    /* first child, -1 if none */
  i32 next;     /* next sibling, -1 if none */
} Node;

static char text[TEXT + 256];
static int tlen;
static char outbuf[TEXT * 2];
static int olen;
static Node nodes[NODES];
static int nnodes;

/* ---- the interning table: strings live in a pool, slots hold ids ---- */

static char pool[POOL];
static int pool_used;
static i32 str_off[SLOTS], str_len[SLOTS];
static u32 str_hash[SLOTS];
static i32 slots[SLOTS];
static int nstrs;

static void intern_reset(void) {
  for (int i = 0; i < SLOTS; i++) slots[i] = -1;
  nstrs = 0;
  pool_used = 0;
}

static int intern(const char *s, int len) {
  u32 h = 2166136261u;
  for (int i = 0; i < len; i++) h = (h ^ (u8)s[i]) * 16777619u;
  u32 i = h & (SLOTS - 1);
  for (;;) {
    int id = slots[i];
    if (id < 0) break;
    if (str_hash[id] == h && str_len[id] == len) {
      const char *t = pool + str_off[id];
      int k = 0;
      while (k < len && t[k] == s[k]) k++;
      if (k == len) return id;
    }
    i = (i + 1) & (SLOTS - 1);
  }
  if (nstrs >= SLOTS * 3 / 4 || pool_used + len > POOL) return -1;
  int id = nstrs++;
  for (int k = 0; k < len; k++) pool[pool_used + k] = s[k];
  str_off[id] = pool_used; str_len[id] = len; str_hash[id] = h;
  pool_used += len;
  slots[i] = id;
  return id;
}

/* ---- writing the input ---- */

static void wc(char c) { if (tlen < TEXT + 200) text[tlen++] = c; }
static void ws(const char *s) { while (*s) wc(*s++); }

static void wint(i32 v) {
  char d[12];
  int n = 0;
  u32 u = v < 0 ? 0u - (u32)v : (u32)v;
  if (v < 0) wc('-');
  do { d[n++] = (char)('0' + u % 10); u /= 10; } while (u);
  while (n) wc(d[--n]);
}

static const char *const NAMES[] = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" };

static void wstring(void) {
  wc('"');
  int len = 3 + (int)(rnd() % 14);
  for (int i = 0; i < len; i++) {
    u32 r = rnd() % 40;
    if (r == 0) ws("\\\"");
    else if (r == 1) ws("\\n");
    else if (r == 2) { ws("\\u00"); wc("0123456789abcdef"[rnd() % 8 + 2]); wc("0123456789abcdef"[rnd() % 16]); }
    else wc((char)('a' + r % 26));
  }
  wc('"');
}

static void wvalue(int depth) {
  u32 r = rnd() % (depth > 2 ? 6 : 8);
  switch (r) {
    case 0: wint((i32)(rnd() % 200000) - 100000); break;
    case 1: wint((i32)(rnd() % 1000)); wc('.'); wint((i32)(rnd() % 1000)); break;
    case 2: wstring(); break;
    case 3: ws(rnd() & 1 ? "true" : "false"); break;
    case 4: ws("null"); break;
    case 5: wc('"'); ws(NAMES[rnd() % 8]); wc('"'); break;
    case 6: {
      wc('[');
      int k = (int)(rnd() % 5);
      for (int i = 0; i < k; i++) { if (i) wc(','); wvalue(depth + 1); }
      wc(']');
      break;
    }
    default: {
      ws("{ ");
      int k = 1 + (int)(rnd() % 4);
      for (int i = 0; i < k; i++) {
        if (i) ws(", ");
        wc('"'); ws(NAMES[(i * 3 + rnd() % 3) % 8]); ws("\": ");
        wvalue(depth + 1);
      }
      ws(" }");
    }
  }
}

static void make_text(void) {
  tlen = 0;
  ws("[\n");
  for (int rec = 0; tlen < TEXT - 600; rec++) {
    if (rec) ws(",\n");
    ws("  {\"id\": "); wint(rec);
    ws(", \"name\": "); wstring();
    ws(", \"score\": "); wint((i32)(rnd() % 10000)); wc('.'); wint((i32)(rnd() % 100));
    ws(", \"active\": "); ws(rnd() & 1 ? "true" : "false");
    ws(", \"tags\": ["); wc('"'); ws(NAMES[rnd() % 8]); ws("\", \""); ws(NAMES[rnd() % 8]); ws("\"]");
    ws(", \"data\": "); wvalue(0);
    wc('}');
  }
  ws("\n]\n");
  text[tlen] = 0;
}

/* ---- the parser ---- */

static const char *q;
static int bad;
static char scratch[4096];

static void skip_ws(void) { while (*q == ' ' || *q == '\n' || *q == '\r' || *q == '\t') q++; }

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  bad = 1;
  return 0;
}

/* Parses a string at q (after the quote) and interns its unescaped bytes. */
static int parse_string(void) {
  int n = 0;
  while (*q != '"') {
    char c = *q++;
    if (c == 0) { bad = 1; return -1; }
    if (c == '\\') {
      char e = *q++;
      switch (e) {
        case 'n': c = '\n'; break;
        case 't': c = '\t'; break;
        case '"': case '\\': case '/': c = e; break;
        case 'u': {
          int v = 0;
          for (int k = 0; k < 4; k++) v = v * 16 + hexval(*q++);
          c = (char)(v < 128 ? v : '?');
          break;
        }
        default: bad = 1; return -1;
      }
    }
    if (n < (int)sizeof scratch) scratch[n++] = c;
  }
  q++;
  return intern(scratch, n);
}

static double parse_number(void) {
  int neg = *q == '-';
  if (neg) q++;
  double v = 0;
  if (!(*q >= '0' && *q <= '9')) bad = 1;
  while (*q >= '0' && *q <= '9') v = v * 10 + (*q++ - '0');
  if (*q == '.') {
    q++;
    double scale = 1;
    while (*q >= '0' && *q <= '9') { v = v * 10 + (*q++ - '0'); scale *= 10; }
    v /= scale;
  }
  return neg ? -v : v;
}

static int new_node(int type) {
  if (nnodes >= NODES) { bad = 1; return 0; }
  Node *n = &nodes[nnodes];
  n->type = (u8)type; n->key = -1; n->str = -1; n->num = 0; n->child = -1; n->next = -1;
  return nnodes++;
}

static int match(const char *w) {
  int i = 0;
  while (w[i]) { if (q[i] != w[i]) return 0; i++; }
  q += i;
  return 1;
}

static int parse_value(int depth) {
  skip_ws();
  if (depth > 64) { bad = 1; return new_node(J_NULL); }
  char c = *q;
  if (c == '{' || c == '[') {
    int obj = c == '{';
    int node = new_node(obj ? J_OBJ : J_ARR), last = -1;
    q++;
    skip_ws();
    if (*q == (obj ? '}' : ']')) { q++; return node; }
    for (;;) {
      int key = -1;
      if (obj) {
        skip_ws();
        if (*q != '"') { bad = 1; return node; }
        q++;
        key = parse_string();
        skip_ws();
        if (*q++ != ':') { bad = 1; return node; }
      }
      int child = parse_value(depth + 1);
      nodes[child].key = key;
      if (last < 0) nodes[node].child = child; else nodes[last].next = child;
      last = child;
      skip_ws();
      if (*q == ',') { q++; continue; }
      if (*q == (obj ? '}' : ']')) { q++; return node; }
      bad = 1;
      return node;
    }
  }
  if (c == '"') { q++; int n = new_node(J_STR); int s = parse_string(); nodes[n].str = s; return n; }
  if (c == '-' || (c >= '0' && c <= '9')) { int n = new_node(J_NUM); nodes[n].num = parse_number(); return n; }
  if (match("true")) return new_node(J_TRUE);
  if (match("false")) return new_node(J_FALSE);
  if (match("null")) return new_node(J_NULL);
  bad = 1;
  q++;
  return new_node(J_NULL);
}

/* ---- walking and printing the tree ---- */

static int key_score, key_active;

typedef struct { double score; u32 active, strings, numbers, containers, depthsum; } Totals;

static void walk(int i, int depth, Totals *t) {
  for (; i >= 0; i = nodes[i].next) {
    Node *n = &nodes[i];
    if (n->key == key_score && n->type == J_NUM) t->score += n->num;
    if (n->key == key_active && n->type == J_TRUE) t->active++;
    if (n->type == J_STR) t->strings += (u32)str_len[n->str] + (u32)n->str;
    if (n->type == J_NUM) t->numbers += (u32)(i32)n->num;
    if (n->type >= J_ARR) { t->containers++; t->depthsum += (u32)depth; walk(n->child, depth + 1, t); }
  }
}

static void oc(char c) { if (olen < (int)sizeof outbuf) outbuf[olen++] = c; }

static void print_string(int id) {
  oc('"');
  const char *s = pool + str_off[id];
  for (int k = 0; k < str_len[id]; k++) {
    char c = s[k];
    if (c == '"' || c == '\\') { oc('\\'); oc(c); }
    else if (c == '\n') { oc('\\'); oc('n'); }
    else if ((u8)c < 32) { oc('\\'); oc('u'); oc('0'); oc('0'); oc("0123456789abcdef"[c >> 4]); oc("0123456789abcdef"[c & 15]); }
    else oc(c);
  }
  oc('"');
}

/* Prints a number as an integer part and, when there is one, three decimals. */
static void print_number(double v) {
  if (v < 0) { oc('-'); v = -v; }
  u32 whole = (u32)v;
  u32 frac = (u32)((v - whole) * 1000 + 0.5);
  if (frac >= 1000) { whole++; frac -= 1000; }
  char d[12];
  int n = 0;
  do { d[n++] = (char)('0' + whole % 10); whole /= 10; } while (whole);
  while (n) oc(d[--n]);
  if (frac) { oc('.'); oc((char)('0' + frac / 100)); oc((char)('0' + frac / 10 % 10)); oc((char)('0' + frac % 10)); }
}

static void print(int i) {
  Node *n = &nodes[i];
  switch (n->type) {
    case J_NULL: oc('n'); oc('u'); oc('l'); oc('l'); break;
    case J_TRUE: oc('t'); oc('r'); oc('u'); oc('e'); break;
    case J_FALSE: oc('f'); oc('a'); oc('l'); oc('s'); oc('e'); break;
    case J_NUM: print_number(n->num); break;
    case J_STR: print_string(n->str); break;
    default: {
      int obj = n->type == J_OBJ;
      oc(obj ? '{' : '[');
      for (int c = n->child; c >= 0; c = nodes[c].next) {
        if (c != n->child) oc(',');
        if (obj) { print_string(nodes[c].key); oc(':'); }
        print(c);
      }
      oc(obj ? '}' : ']');
    }
  }
}

int run(int n) {
  rng_state = 2463534242u;
  u32 h = 2166136261u;
  for (int r = 0; r < n; r++) {
    make_text();
    intern_reset();
    key_score = intern("score", 5);
    key_active = intern("active", 6);
    nnodes = 0; bad = 0;
    q = text;
    int root = parse_value(0);
    skip_ws();
    if (*q) bad = 1;
    Totals t = { 0, 0, 0, 0, 0, 0 };
    walk(root, 0, &t);
    olen = 0;
    print(root);
    h = mix(h, (u32)(i32)t.score);
    h = mix(h, t.active);
    h = mix(h, t.strings);
    h = mix(h, t.numbers);
    h = mix(h, t.containers * 65536u + t.depthsum);
    h = mix(h, (u32)nnodes * 4096u + (u32)nstrs + (bad ? 0x80000000u : 0));
    h = fnv(h, (const u8 *)pool, (size_t)pool_used);
    h = fnv(h, (const u8 *)outbuf, (size_t)olen);
  }
  return (int)h;
}
