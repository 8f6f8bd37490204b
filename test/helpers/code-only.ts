/**
 * TypeScript source with its comments and the text of its string literals
 * blanked out, so that a search for `name(` finds calls in code only: not a
 * name mentioned in a comment, a test title or a message. Template literals
 * keep their `${…}` expressions, which are code. Regular-expression literals
 * are recognised where an expression may start (after `(`, `,`, `=`, `:`,
 * `[`, `!`, `&`, `|`, `?`, `{`, `}`, `;`, `return` …) and blanked too. It is
 * a scanner, not a parser: good enough for our own test files, whose code it
 * must not misread (a test checks it on the tricky cases).
 * @module
 */

/** Characters after which a `/` starts a regular expression rather than a division. */
const REGEX_BEFORE = new Set(["(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}", ";", "+", "-", "*", "%", "<", ">", "~", "^", ""]);
/** Keywords after which a `/` starts a regular expression. */
const REGEX_AFTER_WORD = /\b(return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/;

/**
 * Returns `source` with comments and literal text replaced by spaces (line
 * breaks kept, so positions and line numbers stay the same).
 */
export function codeOnly(source: string): string {
  const out: string[] = [];
  // One entry per open template literal: the brace depth of the `${` that is being read, or -1 inside the text.
  const templates: number[] = [];
  let depth = 0;
  let i = 0;
  const n = source.length;
  const blank = (s: string) => s.replace(/[^\n]/g, " ");
  // The code just before position i (pieces are mostly single characters; blanked comments are one piece each).
  const lastCode = (): string => out.slice(-64).join("").trimEnd();
  const inTemplateText = () => templates.length > 0 && templates[templates.length - 1] === -1;
  while (i < n) {
    if (inTemplateText()) {
      // Inside a template's text: blank up to the closing backtick or the next `${`.
      let j = i;
      while (j < n && source[j] !== "`" && !(source[j] === "$" && source[j + 1] === "{")) j += source[j] === "\\" ? 2 : 1;
      out.push(blank(source.slice(i, j)));
      if (j >= n) break;
      if (source[j] === "`") {
        out.push("`");
        templates.pop();
        i = j + 1;
      } else {
        out.push("${");
        templates[templates.length - 1] = depth;
        depth++;
        i = j + 2;
      }
      continue;
    }
    const c = source[i]!;
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const j = end < 0 ? n : end;
      out.push(blank(source.slice(i, j)));
      i = j;
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const j = end < 0 ? n : end + 2;
      out.push(blank(source.slice(i, j)));
      i = j;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && source[j] !== c && source[j] !== "\n") j += source[j] === "\\" ? 2 : 1;
      out.push(c, blank(source.slice(i + 1, j)), c);
      i = j + 1;
    } else if (c === "`") {
      out.push("`");
      templates.push(-1);
      i++;
    } else if (c === "/") {
      const before = lastCode();
      const isRegex = REGEX_BEFORE.has(before.slice(-1)) || REGEX_AFTER_WORD.test(before) || before.endsWith("=>");
      if (!isRegex) {
        out.push(c);
        i++;
        continue;
      }
      let j = i + 1;
      let inClass = false;
      while (j < n && source[j] !== "\n") {
        const d = source[j];
        if (d === "\\") { j += 2; continue; }
        if (d === "[") inClass = true;
        else if (d === "]") inClass = false;
        else if (d === "/" && !inClass) break;
        j++;
      }
      out.push("/", blank(source.slice(i + 1, j)), "/");
      i = j + 1;
    } else if (c === "{") {
      depth++;
      out.push(c);
      i++;
    } else if (c === "}") {
      depth--;
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        // The end of a `${…}`: back to the template's text.
        templates[templates.length - 1] = -1;
      }
      out.push(c);
      i++;
    } else {
      out.push(c);
      i++;
    }
  }
  return out.join("");
}
