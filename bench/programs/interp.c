/* interp: a small interpreter, written for this project's benchmarks. A
 * C-like toy language (functions, integer variables, if/while, one global
 * integer array `m`) is tokenised, parsed by recursive descent straight into
 * stack bytecode, and run by a `switch` loop over that bytecode, the way
 * many scripting languages are built.
 *
 * The toy program below does the kind of work such languages are given:
 * recursion (fib), an array sieve, Collatz walks, gcd loops and an insertion
 * sort, all mixed into one hash. run(n) compiles it and calls its `main(n)`;
 * the result is that hash, so every instruction executed counts. */
#include "rt.h"

static const char PROGRAM[] =
  "fn fib(k) { if (k < 2) { return k; } return fib(k - 1) + fib(k - 2); }\n"
  "fn sieve(lim) {\n"
  "  var i = 2; var count = 0;\n"
  "  while (i < lim) { m[i] = 1; i = i + 1; }\n"
  "  i = 2;\n"
  "  while (i < lim) {\n"
  "    if (m[i]) {\n"
  "      count = count + 1;\n"
  "      var j = i * i;\n"
  "      while (j < lim) { m[j] = 0; j = j + i; }\n"
  "    }\n"
  "    i = i + 1;\n"
  "  }\n"
  "  return count;\n"
  "}\n"
  "fn collatz(k) {\n"
  "  var steps = 0;\n"
  "  while (k != 1) {\n"
  "    if (k & 1) { k = 3 * k + 1; } else { k = k >> 1; }\n"
  "    steps = steps + 1;\n"
  "  }\n"
  "  return steps;\n"
  "}\n"
  "fn gcd(a, b) { while (b) { var t = a % b; a = b; b = t; } return a; }\n"
  "fn sort(base, len, seed) {\n"
  "  var i = 0;\n"
  "  while (i < len) { seed = seed * 1103515245 + 12345; m[base + i] = (seed >> 8) & 65535; i = i + 1; }\n"
  "  i = 1;\n"
  "  while (i < len) {\n"
  "    var v = m[base + i]; var j = i - 1;\n"
  "    while (j >= 0 && m[base + j] > v) { m[base + j + 1] = m[base + j]; j = j - 1; }\n"
  "    m[base + j + 1] = v;\n"
  "    i = i + 1;\n"
  "  }\n"
  "  var h = 0; i = 0;\n"
  "  while (i < len) { h = h * 31 + m[base + i]; i = i + 1; }\n"
  "  return h;\n"
  "}\n"
  "fn main(n) {\n"
  "  var h = 17; var r = 0;\n"
  "  while (r < n) {\n"
  "    h = h * 31 + fib(14 + r % 4);\n"
  "    h = h ^ sieve(3000 + r % 100);\n"
  "    var c = 1; var s = 0;\n"
  "    while (c < 200) { s = s + collatz(c + r); c = c + 1; }\n"
  "    h = h * 31 + s;\n"
  "    var a = 1; var g = 0;\n"
  "    while (a < 60) { g = g + gcd(a * 7919 + r, 104729 - a * 13); a = a + 1; }\n"
  "    h = (h << 3) ^ (h >> 5) ^ g;\n"
  "    h = h + sort(8192, 150, r + h);\n"
  "    r = r + 1;\n"
  "  }\n"
  "  return h;\n"
  "}\n";

/* ---- bytecode ---- */

enum {
  OP_PUSH, OP_LOCAL, OP_SETLOCAL, OP_LOAD, OP_STORE,
  OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR,
  OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE, OP_LAND, OP_LOR, OP_NEG, OP_NOT,
  OP_JMP, OP_JZ, OP_CALL, OP_RET, OP_POP, OP_ENTER,
};

#define CODE_MAX 8192
#define FUNCS_MAX 32
#define VARS_MAX 32
#define MEM (1 << 16)
#define STACK 16384
#define FRAMES 1024

static i32 code[CODE_MAX];
static int ncode;
static i32 m[MEM];

typedef struct { const char *name; int len; int entry; int params; } Func;
static Func funcs[FUNCS_MAX];
static int nfuncs;

/* ---- tokens ---- */

enum { T_END, T_NUM, T_IDENT, T_FN, T_VAR, T_IF, T_ELSE, T_WHILE, T_RETURN, T_PUNCT };

static const char *p;      /* the next character */
static int tok, tnum, tlen; /* the current token; T_PUNCT's code is tnum */
static const char *tstart;
static int error;

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int same(const char *a, int alen, const char *b) {
  int i = 0;
  for (; i < alen; i++) if (b[i] != a[i]) return 0;
  return b[i] == 0;
}

/* Two-character operators are coded as c1 * 256 + c2. */
#define TWO(a, b) ((a) * 256 + (b))

static void next(void) {
  while (*p == ' ' || *p == '\n' || *p == '\t') p++;
  tstart = p;
  if (!*p) { tok = T_END; return; }
  if (is_digit(*p)) {
    u32 v = 0;
    while (is_digit(*p)) v = v * 10 + (u32)(*p++ - '0');
    tok = T_NUM; tnum = (int)v;
    return;
  }
  if (is_alpha(*p)) {
    while (is_alpha(*p) || is_digit(*p)) p++;
    tlen = (int)(p - tstart);
    tok = same(tstart, tlen, "fn") ? T_FN : same(tstart, tlen, "var") ? T_VAR : same(tstart, tlen, "if") ? T_IF
        : same(tstart, tlen, "else") ? T_ELSE : same(tstart, tlen, "while") ? T_WHILE
        : same(tstart, tlen, "return") ? T_RETURN : T_IDENT;
    return;
  }
  tok = T_PUNCT;
  int two = TWO(p[0], p[1]);
  if (two == TWO('<', '=') || two == TWO('>', '=') || two == TWO('=', '=') || two == TWO('!', '=') ||
      two == TWO('<', '<') || two == TWO('>', '>') || two == TWO('&', '&') || two == TWO('|', '|')) {
    tnum = two; p += 2;
  } else {
    tnum = *p++;
  }
}

static int is(int punct) { return tok == T_PUNCT && tnum == punct; }
static void expect(int punct) { if (!is(punct)) error = 1; next(); }

/* ---- compiler ---- */

static const char *vname[VARS_MAX];
static int vlen[VARS_MAX];
static int nvars;

static void emit(i32 x) { if (ncode < CODE_MAX) code[ncode++] = x; else error = 1; }

static int find_var(const char *s, int len) {
  for (int i = 0; i < nvars; i++) {
    if (vlen[i] != len) continue;
    int k = 0;
    while (k < len && vname[i][k] == s[k]) k++;
    if (k == len) return i;
  }
  return -1;
}

static int declare(const char *s, int len) {
  int v = find_var(s, len);
  if (v >= 0) return v;
  if (nvars == VARS_MAX) { error = 1; return 0; }
  vname[nvars] = s; vlen[nvars] = len;
  return nvars++;
}

static int find_func(const char *s, int len) {
  for (int i = 0; i < nfuncs; i++) {
    if (funcs[i].len != len) continue;
    int k = 0;
    while (k < len && funcs[i].name[k] == s[k]) k++;
    if (k == len) return i;
  }
  return -1;
}

static void expr(void);

static void primary(void) {
  if (tok == T_NUM) { emit(OP_PUSH); emit(tnum); next(); return; }
  if (is('(')) { next(); expr(); expect(')'); return; }
  if (is('-')) { next(); primary(); emit(OP_NEG); return; }
  if (is('!')) { next(); primary(); emit(OP_NOT); return; }
  if (tok != T_IDENT) { error = 1; next(); return; }
  const char *name = tstart;
  int len = tlen;
  next();
  if (len == 1 && name[0] == 'm' && is('[')) {
    next(); expr(); expect(']');
    emit(OP_LOAD);
    return;
  }
  if (is('(')) {
    int f = find_func(name, len);
    next();
    int args = 0;
    while (!is(')') && tok != T_END) {
      expr();
      args++;
      if (is(',')) next();
    }
    expect(')');
    if (f < 0 || funcs[f].params != args) { error = 1; return; }
    emit(OP_CALL); emit(f);
    return;
  }
  int v = find_var(name, len);
  if (v < 0) error = 1;
  emit(OP_LOCAL); emit(v);
}

/* Binary operators by precedence, loosest first; each row ends with 0. */
static const int LEVELS[][4] = {
  { TWO('|', '|'), 0 }, { TWO('&', '&'), 0 }, { '|', 0 }, { '^', 0 }, { '&', 0 },
  { TWO('=', '='), TWO('!', '='), 0 }, { '<', '>', TWO('<', '='), TWO('>', '=') },
  { TWO('<', '<'), TWO('>', '>'), 0 }, { '+', '-', 0 }, { '*', '/', '%', 0 },
};
#define NLEVELS 10

static int op_for(int punct) {
  switch (punct) {
    case TWO('|', '|'): return OP_LOR;  case TWO('&', '&'): return OP_LAND;
    case '|': return OP_OR;             case '^': return OP_XOR;   case '&': return OP_AND;
    case TWO('=', '='): return OP_EQ;   case TWO('!', '='): return OP_NE;
    case '<': return OP_LT;             case '>': return OP_GT;
    case TWO('<', '='): return OP_LE;   case TWO('>', '='): return OP_GE;
    case TWO('<', '<'): return OP_SHL;  case TWO('>', '>'): return OP_SHR;
    case '+': return OP_ADD;            case '-': return OP_SUB;
    case '*': return OP_MUL;            case '/': return OP_DIV;   default: return OP_MOD;
  }
}

static int at_level(int level) {
  if (tok != T_PUNCT) return 0;
  for (int i = 0; i < 4 && LEVELS[level][i]; i++) if (LEVELS[level][i] == tnum) return tnum;
  return 0;
}

static void binary(int level) {
  if (level == NLEVELS) { primary(); return; }
  binary(level + 1);
  int op;
  while ((op = at_level(level))) {
    next();
    binary(level + 1);
    emit(op_for(op));
  }
}

static void expr(void) { binary(0); }

static void block(void);

static void statement(void) {
  if (is('{')) { block(); return; }
  if (tok == T_VAR) {
    next();
    if (tok != T_IDENT) { error = 1; return; }
    int v = declare(tstart, tlen);
    next(); expect('='); expr(); expect(';');
    emit(OP_SETLOCAL); emit(v);
    return;
  }
  if (tok == T_IF) {
    next(); expect('('); expr(); expect(')');
    emit(OP_JZ); int skip = ncode; emit(0);
    statement();
    if (tok == T_ELSE) {
      next();
      emit(OP_JMP); int over = ncode; emit(0);
      code[skip] = ncode;
      statement();
      code[over] = ncode;
    } else {
      code[skip] = ncode;
    }
    return;
  }
  if (tok == T_WHILE) {
    int top = ncode;
    next(); expect('('); expr(); expect(')');
    emit(OP_JZ); int out = ncode; emit(0);
    statement();
    emit(OP_JMP); emit(top);
    code[out] = ncode;
    return;
  }
  if (tok == T_RETURN) {
    next(); expr(); expect(';');
    emit(OP_RET);
    return;
  }
  if (tok == T_IDENT && tlen == 1 && tstart[0] == 'm' && *p == '[') {
    next(); next(); expr(); expect(']'); expect('='); expr(); expect(';');
    emit(OP_STORE);
    return;
  }
  if (tok == T_IDENT) {
    /* an assignment, or a call whose value is dropped */
    const char *save = p;
    const char *name = tstart;
    int len = tlen;
    next();
    if (is('=')) {
      int v = find_var(name, len);
      if (v < 0) error = 1;
      next(); expr(); expect(';');
      emit(OP_SETLOCAL); emit(v);
      return;
    }
    p = save; tok = T_IDENT; tstart = name; tlen = len;
    expr(); expect(';');
    emit(OP_POP);
    return;
  }
  error = 1;
  next();
}

static void block(void) {
  expect('{');
  while (!is('}') && tok != T_END && !error) statement();
  expect('}');
}

static void function(void) {
  next(); /* fn */
  if (tok != T_IDENT || nfuncs == FUNCS_MAX) { error = 1; return; }
  Func *f = &funcs[nfuncs++];
  f->name = tstart; f->len = tlen; f->entry = ncode; f->params = 0;
  nvars = 0;
  next(); expect('(');
  while (tok == T_IDENT) {
    declare(tstart, tlen);
    f->params++;
    next();
    if (is(',')) next();
  }
  expect(')');
  emit(OP_ENTER); int locals = ncode; emit(0);
  block();
  emit(OP_PUSH); emit(0); emit(OP_RET);
  code[locals] = nvars - f->params;
}

static int compile(void) {
  p = PROGRAM; ncode = 0; nfuncs = 0; error = 0;
  next();
  while (tok == T_FN && !error) function();
  if (tok != T_END) error = 1;
  return error ? -1 : 0;
}

/* ---- the virtual machine ---- */

static i32 stack[STACK];
static i32 rets[FRAMES], fps[FRAMES];

/* Calls function f with one argument; returns its result (0 after a fault). */
static i32 execute(int f, i32 arg) {
  int sp = 0, fp = 0, depth = 0, pc = funcs[f].entry;
  stack[sp++] = arg;
  rets[0] = -1; fps[0] = 0;
  for (;;) {
    i32 a, b;
    switch (code[pc++]) {
      case OP_PUSH: stack[sp++] = code[pc++]; break;
      case OP_LOCAL: stack[sp++] = stack[fp + code[pc++]]; break;
      case OP_SETLOCAL: stack[fp + code[pc++]] = stack[--sp]; break;
      case OP_LOAD: stack[sp - 1] = m[(u32)stack[sp - 1] & (MEM - 1)]; break;
      case OP_STORE: b = stack[--sp]; a = stack[--sp]; m[(u32)a & (MEM - 1)] = b; break;
#define BIN(op, e) case op: b = stack[--sp]; a = stack[sp - 1]; stack[sp - 1] = (e); break;
      BIN(OP_ADD, (i32)((u32)a + (u32)b))
      BIN(OP_SUB, (i32)((u32)a - (u32)b))
      BIN(OP_MUL, (i32)((u32)a * (u32)b))
      BIN(OP_DIV, b == 0 || (b == -1 && a == (i32)0x80000000) ? 0 : a / b)
      BIN(OP_MOD, b == 0 || b == -1 ? 0 : a % b)
      BIN(OP_AND, a & b)
      BIN(OP_OR, a | b)
      BIN(OP_XOR, a ^ b)
      BIN(OP_SHL, (i32)((u32)a << (b & 31)))
      BIN(OP_SHR, a >> (b & 31))
      BIN(OP_LT, a < b)
      BIN(OP_LE, a <= b)
      BIN(OP_GT, a > b)
      BIN(OP_GE, a >= b)
      BIN(OP_EQ, a == b)
      BIN(OP_NE, a != b)
      BIN(OP_LAND, a && b)
      BIN(OP_LOR, a || b)
#undef BIN
      case OP_NEG: stack[sp - 1] = (i32)(0u - (u32)stack[sp - 1]); break;
      case OP_NOT: stack[sp - 1] = !stack[sp - 1]; break;
      case OP_JMP: pc = code[pc]; break;
      case OP_JZ: pc = stack[--sp] ? pc + 1 : code[pc]; break;
      case OP_CALL: {
        int g = code[pc++];
        if (++depth == FRAMES || sp + 64 > STACK) return 0;
        rets[depth] = pc; fps[depth] = fp;
        fp = sp - funcs[g].params;
        pc = funcs[g].entry;
        break;
      }
      case OP_ENTER: {
        int k = code[pc++];
        while (k-- > 0) stack[sp++] = 0;
        break;
      }
      case OP_RET: {
        i32 v = stack[--sp];
        sp = fp;
        stack[sp++] = v;
        pc = rets[depth];
        fp = fps[depth];
        if (depth-- == 0) return v;
        break;
      }
      case OP_POP: sp--; break;
      default: return 0;
    }
  }
}

int run(int n) {
  if (compile() < 0) return -1;
  int main = find_func("main", 4);
  if (main < 0) return -2;
  u32 h = fnv(2166136261u, (const u8 *)code, (size_t)ncode * 4);
  return (int)mix(h, (u32)execute(main, n));
}
