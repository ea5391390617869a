/**
 * Reading Python source as text without running or fully parsing it: blank out comments (and, when
 * asked, the contents of string literals) while keeping every other character at its offset, so
 * patterns can be searched on the code alone and matches mapped back to lines of the original.
 *
 * Handles `#` comments, '…' and "…" strings, triple-quoted strings, backslash escapes and string
 * prefixes (r, b, u, f and their combinations). It is a lexer, not a parser: good enough to stop
 * patterns from matching inside comments and strings, which is all the rules need.
 */

export interface MaskOptions {
  /** Blank string contents too (quotes and prefixes stay). Default true. */
  strings?: boolean;
}

const PREFIX_RE = /[rRbBuUfF]{1,2}$/;

export function maskPython(code: string, options: MaskOptions = {}): string {
  const maskStrings = options.strings !== false;
  const out: string[] = [];
  let i = 0;
  const blank = (ch: string) => (ch === '\n' ? '\n' : ' ');
  while (i < code.length) {
    const ch = code[i];
    if (ch === '#') {
      while (i < code.length && code[i] !== '\n') {
        out.push(' ');
        i++;
      }
      continue;
    }
    if (ch === '"' || ch === "'") {
      const triple = code.startsWith(ch.repeat(3), i);
      const quote = triple ? ch.repeat(3) : ch;
      out.push(quote);
      i += quote.length;
      while (i < code.length) {
        if (code[i] === '\\' && i + 1 < code.length) {
          out.push(maskStrings ? blank(code[i]) : code[i], maskStrings ? blank(code[i + 1]) : code[i + 1]);
          i += 2;
          continue;
        }
        if (code.startsWith(quote, i)) break;
        // An unterminated single-quoted string ends at the end of its line.
        if (!triple && code[i] === '\n') break;
        out.push(maskStrings ? blank(code[i]) : code[i]);
        i++;
      }
      if (code.startsWith(quote, i)) {
        out.push(quote);
        i += quote.length;
      }
      continue;
    }
    out.push(ch);
    i++;
  }
  return out.join('');
}

/** Whether the string literal opening at `quoteIndex` of `code` has an f prefix (an f-string). */
export function isFString(code: string, quoteIndex: number): boolean {
  const before = code.slice(Math.max(0, quoteIndex - 2), quoteIndex);
  const m = PREFIX_RE.exec(before);
  if (!m) return false;
  const start = quoteIndex - m[0].length;
  // The prefix must stand alone, not end an identifier ("elif'…" is not a prefix).
  if (start > 0 && /[\w]/.test(code[start - 1])) return false;
  return /[fF]/.test(m[0]);
}

/** 1-based line of an offset. */
export function lineAt(code: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < code.length; i++) if (code[i] === '\n') line++;
  return line;
}

/** The trimmed source line holding an offset, cut to `max` characters. */
export function lineText(code: string, index: number, max = 160): string {
  const start = code.lastIndexOf('\n', index - 1) + 1;
  const end = code.indexOf('\n', index);
  const text = code.slice(start, end === -1 ? code.length : end).trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * From an opening bracket at `open`, the offset of its matching closing bracket in masked code
 * (strings and comments already blanked), or -1.
 */
export function matchingClose(masked: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < masked.length; i++) {
    const ch = masked[i];
    if (ch in pairs) stack.push(pairs[ch]);
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** From a closing bracket at `close`, the offset of its matching opening bracket, or -1. */
export function matchingOpen(masked: string, close: number): number {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  for (let i = close; i >= 0; i--) {
    const ch = masked[i];
    if (ch in pairs) stack.push(pairs[ch]);
    else if (ch === '(' || ch === '[' || ch === '{') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** The span of a call's first argument, from just after its "(" to the first top-level "," or ")". */
export function firstArgument(masked: string, openParen: number): { start: number; end: number } | null {
  let depth = 0;
  for (let i = openParen + 1; i < masked.length; i++) {
    const ch = masked[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (depth === 0) return { start: openParen + 1, end: i };
      depth--;
    } else if (ch === ',' && depth === 0) return { start: openParen + 1, end: i };
  }
  return null;
}
