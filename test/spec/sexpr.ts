/**
 * The S-expression reader for `.wast` scripts: a lexer and parser working on
 * the script's raw bytes, so strings stay byte strings and every node keeps
 * its byte range in the source (a text module is handed to wabt as the exact
 * bytes it was written as, annotations blanked out).
 *
 * Annotations, `(@id ...)`, are white space to the reader: they may stand
 * wherever white space may, hold any well-formed tokens (the reserved ones
 * `,` `;` `[` `]` `{` `}` included) and nested parentheses, and mean nothing
 * to a module's semantics. The reader checks that each is well-formed and
 * skips it; {@link withoutAnnotations} blanks them out of module text.
 * @see https://github.com/WebAssembly/spec/tree/main/interpreter#scripts
 * @see https://webassembly.github.io/spec/core/text/lexical.html
 * @see https://github.com/WebAssembly/annotations/blob/main/proposals/annotations/Overview.md
 * @module
 */

/** A parenthesised list. */
export interface SList {
  readonly kind: "list";
  readonly items: readonly SExpr[];
  /** Byte offset of the opening parenthesis. */
  readonly start: number;
  /** Byte offset just past the closing parenthesis. */
  readonly end: number;
  /** 1-based line of the opening parenthesis. */
  readonly line: number;
}

/** A token that is neither a parenthesis nor a string: keyword, number, `$id`, `nan:0x..`. */
export interface SAtom {
  readonly kind: "atom";
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

/** A string literal, escapes resolved to the bytes they denote. */
export interface SString {
  readonly kind: "string";
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

/** Any node of a script. */
export type SExpr = SList | SAtom | SString;

/** The script is not well-formed S-expression text (unbalanced parentheses, bad string, ...). */
export class ScriptSyntaxError extends Error {
  override name = "ScriptSyntaxError";
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

const LPAREN = 0x28, RPAREN = 0x29, QUOTE = 0x22, SEMI = 0x3b, BACKSLASH = 0x5c, AT = 0x40;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** The characters an `idchar` may be besides letters and digits: `_` and the symbols. */
const ID_SYMBOLS = new Set([..."!#$%&'*+-./:<=>?@\\^_`|~"].map((c) => c.charCodeAt(0)));

/** An `idchar` of the text format: what keywords, numbers, `$id`s and annotation ids are made of. */
function isIdChar(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || ID_SYMBOLS.has(b);
}

/** The reserved tokens' characters besides idchars and strings: `,` `;` `[` `]` `{` `}`. */
function isReservedPunct(b: number): boolean {
  return b === 0x2c || b === SEMI || b === 0x5b || b === 0x5d || b === 0x7b || b === 0x7d;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function hexDigit(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
  return -1;
}

/** Appends the UTF-8 encoding of a code point (the `\u{...}` escape denotes UTF-8 bytes). */
function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

/** A cursor over the script bytes that tracks the current line. */
class Lexer {
  pos = 0;
  line = 1;
  /** `onAnnotation` hears of each top-level annotation's byte range [start, end). */
  constructor(readonly src: Uint8Array, private readonly onAnnotation: ((start: number, end: number) => void) | null = null) {}

  /** Skips whitespace, line comments, (nested) block comments and annotations. */
  skipTrivia(): void {
    const s = this.src;
    for (;;) {
      const b = s[this.pos];
      if (b === undefined) return;
      if (isSpace(b)) {
        if (b === 0x0a) this.line++;
        this.pos++;
      } else if (b === SEMI && s[this.pos + 1] === SEMI) {
        this.skipLineComment();
      } else if (b === LPAREN && s[this.pos + 1] === SEMI) {
        this.skipBlockComment();
      } else if (b === LPAREN && s[this.pos + 1] === AT) {
        const start = this.pos;
        this.skipAnnotation();
        this.onAnnotation?.(start, this.pos);
      } else {
        return;
      }
    }
  }

  private skipLineComment(): void {
    const s = this.src;
    while (this.pos < s.length && s[this.pos] !== 0x0a) this.pos++;
  }

  /**
   * Skips an annotation `(@id annotelem*)`, the cursor on its `(`. The id is
   * idchars or a non-empty UTF-8 string; the elements are tokens (reserved
   * ones included), strings, comments and parenthesised groups, nested
   * annotations among them (inside an annotation, `(@` is only a parenthesis).
   * The messages name the same faults as the reference interpreter's.
   */
  private skipAnnotation(): void {
    const s = this.src;
    const startLine = this.line;
    this.pos += 2; // `(@`
    const first = s[this.pos];
    if (first === QUOTE) {
      const id = this.readString();
      if (id.bytes.length === 0) throw new ScriptSyntaxError("empty annotation id", startLine);
      try {
        strictUtf8.decode(id.bytes);
      } catch {
        throw new ScriptSyntaxError("malformed UTF-8 encoding in annotation id", startLine);
      }
    } else if (first !== undefined && isIdChar(first)) {
      while (this.pos < s.length && isIdChar(s[this.pos]!)) this.pos++;
    } else {
      throw new ScriptSyntaxError("empty annotation id", startLine);
    }
    let depth = 1;
    while (depth > 0) {
      const b = s[this.pos];
      if (b === undefined) throw new ScriptSyntaxError("unclosed annotation", startLine);
      if (isSpace(b)) {
        if (b === 0x0a) this.line++;
        this.pos++;
      } else if (b === SEMI && s[this.pos + 1] === SEMI) {
        this.skipLineComment();
      } else if (b === LPAREN && s[this.pos + 1] === SEMI) {
        this.skipBlockComment();
      } else if (b === LPAREN) {
        depth++;
        this.pos++;
      } else if (b === RPAREN) {
        depth--;
        this.pos++;
      } else if (b === QUOTE) {
        this.readString();
      } else if (isIdChar(b) || isReservedPunct(b)) {
        this.pos++;
      } else {
        throw new ScriptSyntaxError(b < 0x80 ? "illegal character in annotation" : "non-ASCII character in annotation (outside a string)", this.line);
      }
    }
  }

  private skipBlockComment(): void {
    const s = this.src;
    const startLine = this.line;
    let depth = 0;
    while (this.pos < s.length) {
      const b = s[this.pos]!;
      if (b === LPAREN && s[this.pos + 1] === SEMI) {
        depth++;
        this.pos += 2;
      } else if (b === SEMI && s[this.pos + 1] === RPAREN) {
        depth--;
        this.pos += 2;
        if (depth === 0) return;
      } else {
        if (b === 0x0a) this.line++;
        this.pos++;
      }
    }
    throw new ScriptSyntaxError("unterminated block comment", startLine);
  }

  readString(): SString {
    const s = this.src;
    const start = this.pos;
    const line = this.line;
    const out: number[] = [];
    this.pos++; // opening quote
    for (;;) {
      const b = s[this.pos];
      if (b === undefined || b === 0x0a) throw new ScriptSyntaxError("unterminated string", line);
      this.pos++;
      if (b === QUOTE) break;
      if (b !== BACKSLASH) {
        out.push(b);
        continue;
      }
      const e = s[this.pos++];
      switch (e) {
        case 0x6e: out.push(0x0a); break; // \n
        case 0x74: out.push(0x09); break; // \t
        case 0x72: out.push(0x0d); break; // \r
        case QUOTE: out.push(QUOTE); break;
        case 0x27: out.push(0x27); break; // \'
        case BACKSLASH: out.push(BACKSLASH); break;
        case 0x75: { // \u{hex}
          if (s[this.pos] !== 0x7b) throw new ScriptSyntaxError("malformed \\u escape", line);
          this.pos++;
          let cp = 0, digits = 0;
          while (s[this.pos] !== 0x7d) {
            const d = hexDigit(s[this.pos] ?? -1);
            if (d < 0 && s[this.pos] === 0x5f) { this.pos++; continue; }
            if (d < 0 || cp > 0x10ffff) throw new ScriptSyntaxError("malformed \\u escape", line);
            cp = cp * 16 + d;
            digits++;
            this.pos++;
          }
          this.pos++;
          if (digits === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) {
            throw new ScriptSyntaxError("malformed \\u escape", line);
          }
          pushUtf8(out, cp);
          break;
        }
        default: {
          const hi = hexDigit(e ?? -1), lo = hexDigit(s[this.pos] ?? -1);
          if (hi < 0 || lo < 0) throw new ScriptSyntaxError("unknown escape in string", line);
          this.pos++;
          out.push(hi * 16 + lo);
        }
      }
    }
    return { kind: "string", bytes: Uint8Array.from(out), start, end: this.pos, line };
  }

  readAtom(): SAtom {
    const s = this.src;
    const start = this.pos;
    while (this.pos < s.length) {
      const b = s[this.pos]!;
      if (isSpace(b) || b === LPAREN || b === RPAREN || b === QUOTE || b === SEMI) break;
      this.pos++;
    }
    let text = "";
    for (let i = start; i < this.pos; i++) text += String.fromCharCode(s[i]!);
    return { kind: "atom", text, start, end: this.pos, line: this.line };
  }
}

/**
 * Parses a whole script into its top-level S-expressions.
 * @throws {ScriptSyntaxError} when the text is not well-formed.
 */
export function parseSExprs(src: Uint8Array): SExpr[] {
  return readForms(new Lexer(src));
}

/** Reads the lexer's source into its top-level S-expressions. */
function readForms(lx: Lexer): SExpr[] {
  const src = lx.src;
  const top: SExpr[] = [];
  // Each open list: its items, start offset and line.
  const stack: { items: SExpr[]; start: number; line: number }[] = [];
  for (;;) {
    lx.skipTrivia();
    const b = src[lx.pos];
    const into = stack.length ? stack[stack.length - 1]!.items : top;
    if (b === undefined) break;
    if (b === LPAREN) {
      stack.push({ items: [], start: lx.pos, line: lx.line });
      lx.pos++;
    } else if (b === RPAREN) {
      const open = stack.pop();
      if (!open) throw new ScriptSyntaxError("unexpected ')'", lx.line);
      lx.pos++;
      const list: SList = { kind: "list", items: open.items, start: open.start, end: lx.pos, line: open.line };
      (stack.length ? stack[stack.length - 1]!.items : top).push(list);
    } else if (b === QUOTE) {
      into.push(lx.readString());
    } else if (b === SEMI) {
      throw new ScriptSyntaxError("unexpected ';'", lx.line);
    } else {
      into.push(lx.readAtom());
    }
  }
  if (stack.length) throw new ScriptSyntaxError("unclosed '('", stack[stack.length - 1]!.line);
  return top;
}

/**
 * Module text with its annotations blanked out: every byte of each
 * annotation but line breaks becomes a space, so the text keeps its length
 * and line numbers, and an assembler that does not know annotations (wabt
 * 1.0.39 reads none of the reserved tokens they may hold) reads the module
 * they decorate. Returns `text` itself when it has no annotation, or when it
 * is not well-formed (a quoted text of an `assert_malformed`, say): the
 * assembler then reports on the text as written.
 */
export function withoutAnnotations(text: Uint8Array): Uint8Array {
  if (!hasAnnotationOpener(text)) return text;
  const spans: number[] = [];
  try {
    readForms(new Lexer(text, (start, end) => spans.push(start, end)));
  } catch (e) {
    if (e instanceof ScriptSyntaxError) return text;
    throw e;
  }
  if (spans.length === 0) return text;
  // A copy, never a view: `text` may be a Node Buffer, whose `slice` shares the script's bytes.
  const out = new Uint8Array(text);
  for (let k = 0; k < spans.length; k += 2) {
    for (let i = spans[k]!; i < spans[k + 1]!; i++) {
      if (out[i] !== 0x0a && out[i] !== 0x0d) out[i] = 0x20;
    }
  }
  return out;
}

/** Whether `(@` occurs anywhere in the bytes (strings and comments included): a cheap filter before lexing. */
function hasAnnotationOpener(text: Uint8Array): boolean {
  for (let at = text.indexOf(LPAREN); at >= 0; at = text.indexOf(LPAREN, at + 1)) {
    if (text[at + 1] === AT) return true;
  }
  return false;
}

/** The keyword heading a list (`module`, `assert_return`, ...), or null. */
export function headOf(e: SExpr): string | null {
  if (e.kind !== "list") return null;
  const h = e.items[0];
  return h?.kind === "atom" ? h.text : null;
}

// ignoreBOM keeps a leading U+FEFF: it is part of a name (names.wast exports "\u{feff}").
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** The bytes of a string as text (UTF-8; a leading U+FEFF is kept). */
export function stringText(s: SString): string {
  return utf8.decode(s.bytes);
}
