/**
 * The lexing half of the fast Python parser (./parser.ts): tokens on demand (names, numbers,
 * operators, string starts; comments and line continuations set aside as extras), and the layout
 * tokens — newline, indent, dedent — computed as tree-sitter-python's external scanner
 * (src/scanner.c) computes them: zero-width, at the end of the last token or comment, with a dedent
 * waiting until the comments indented like the block are consumed, which decides where comments land.
 */
import { NotHandled, PostOrderBuilder } from './builder.ts';
import type { Symbols } from './symbols.ts';

export const enum Kind {
  EOL,
  EOF,
  Name,
  Int,
  Float,
  String,
  Op,
}

export const enum Layout {
  None,
  Newline,
  Indent,
  Dedent,
  CommentFirst,
}

export const enum Ch {
  Tab = 9,
  LF = 10,
  FF = 12,
  CR = 13,
  Space = 32,
  Bang = 33,
  DQuote = 34,
  Hash = 35,
  Quote = 39,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  Backslash = 92,
  LBrace = 123,
  RBrace = 125,
}

const RESERVED = new Set([
  'False', 'await', 'else', 'import', 'pass', 'None', 'break', 'except', 'in', 'raise', 'True', 'class',
  'finally', 'is', 'return', 'and', 'continue', 'for', 'lambda', 'try', 'as', 'def', 'from', 'nonlocal',
  'while', 'assert', 'del', 'global', 'not', 'with', 'async', 'elif', 'if', 'or', 'yield',
]);

/**
 * The words the parser tells apart by text, by length: Python's keywords, the soft ones tree-sitter
 * reads specially (print, exec, type, match, case), and __future__.
 */
const WORDS_BY_LENGTH: ReadonlyArray<readonly string[]> = (() => {
  const words = [...RESERVED, 'print', 'exec', 'type', 'match', 'case', '__future__'];
  const byLength: string[][] = [];
  for (const word of words) (byLength[word.length] ??= []).push(word);
  return Array.from({ length: byLength.length }, (_, n) => byLength[n] ?? []);
})();


interface Saved {
  pos: number;
  length: number;
  pending: number[];
  lineStart: boolean;
  depth: number;
  has: boolean;
  kind: Kind;
  text: string;
  start: number;
  end: number;
  stringFlags: number;
  peekedAtLineStart: boolean;
}

export const STRING_FORMAT = 1;
export const STRING_RAW = 2;
export const STRING_BYTES = 4;

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isIdentPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57);
}

export function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

export function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

const UNICODE_IDENTIFIER = /[_\p{XID_Start}][\p{XID_Continue}]*/uy;

export function fail(what: string): never {
  throw new NotHandled(what);
}

/** Source, position and the peeked token, with the token-level reading the parser builds on. */
export abstract class PythonLexer {
  protected src = '';
  protected length = 0;
  /** End of the last token or extra consumed. */
  protected pos = 0;
  protected depth = 0;
  /** The next token starts a statement: newlines and comments before it are whitespace. */
  protected lineStart = true;
  protected indents: number[] = [0];

  // The peeked token.
  protected has = false;
  protected kind = Kind.EOF;
  protected text = '';
  protected start = 0;
  protected end = 0;
  protected stringFlags = 0;
  protected peekedAtLineStart = false;

  /** A dedent found at a statement boundary and not yet taken: its position, or -1. */
  protected dedentAt = -1;

  protected readonly b: PostOrderBuilder;
  protected readonly backslash: number;
  protected readonly n: Symbols['n'];
  protected readonly f: Symbols['f'];
  protected readonly t: Symbols['t'];

  constructor(symbols: Symbols, named: Uint8Array) {
    this.b = new PostOrderBuilder(named);
    this.n = symbols.n;
    this.f = symbols.f;
    this.t = symbols.t;
    this.backslash = symbols.t.get('\\') ?? fail('no backslash token');
  }

  // ---- tokens ---------------------------------------------------------------------------------

  protected peek(): Kind {
    if (this.has) return this.kind;
    const src = this.src;
    let i = this.pos;
    const skipLines = this.depth > 0 || this.lineStart;
    for (;;) {
      const c = src.charCodeAt(i);
      if (c === Ch.Space || c === Ch.Tab || c === Ch.FF) {
        i++;
      } else if (c === Ch.LF) {
        if (!skipLines) return this.setToken(Kind.EOL, i, i, '');
        i++;
        if (this.depth > 0) this.checkBracketLine(i);
      } else if (c === Ch.Hash) {
        if (!skipLines) return this.setToken(Kind.EOL, i, i, '');
        let j = src.indexOf('\n', i);
        if (j === -1) j = this.length;
        this.b.addExtra(this.n.comment, i, j);
        i = j;
      } else if (c === Ch.Backslash) {
        if (src.charCodeAt(i + 1) !== Ch.LF) fail('backslash outside a string');
        this.b.addExtra(this.n.line_continuation, i, i + 2);
        i += 2;
        // tree-sitter's scanner swallows a continuation before a string as whitespace (and errs).
        let k = i;
        while (src.charCodeAt(k) === Ch.Space || src.charCodeAt(k) === Ch.Tab) k++;
        const next = src.charCodeAt(k);
        // Its walk also goes on over blank lines, comments and more continuations, to a string or not.
        if (next === Ch.LF || next === Ch.FF || next === Ch.Backslash || next === Ch.Hash) fail('line continuation before a blank line');
        if (next === Ch.Quote || next === Ch.DQuote || isIdentStart(next)) {
          const saved = this.pos;
          this.lexToken(k);
          this.has = false;
          this.pos = saved;
          if (this.kind === Kind.String) fail('line continuation before a string');
        }
      } else if (i >= this.length) {
        if (this.depth > 0) fail('end of file inside brackets');
        return this.setToken(Kind.EOF, i, i, '');
      } else {
        this.peekedAtLineStart = this.lineStart;
        return this.lexToken(i);
      }
    }
  }

  /**
   * Inside brackets, a line indented less than the block makes tree-sitter's scanner emit a dedent
   * wherever no closing bracket could come next (an error); such code is left to tree-sitter.
   */
  protected checkBracketLine(lineBegin: number): void {
    const src = this.src;
    let indent = 0;
    for (let i = lineBegin; ; i++) {
      const c = src.charCodeAt(i);
      if (c === Ch.Space) indent++;
      else if (c === Ch.Tab) indent += 8;
      else if (c === Ch.FF) indent = 0;
      else if (c === Ch.LF || i >= this.length) return;
      else break;
    }
    if (indent < this.indents[this.indents.length - 1]) fail('line inside brackets indented less than its block');
  }

  protected setToken(kind: Kind, start: number, end: number, text: string): Kind {
    this.has = true;
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.text = text;
    return kind;
  }

  protected lexToken(i: number): Kind {
    const src = this.src;
    const c = src.charCodeAt(i);
    if (isIdentStart(c) || c > 127) {
      let j = i;
      while (isIdentPart(src.charCodeAt(j))) j++;
      if (j < this.length && src.charCodeAt(j) > 127) {
        UNICODE_IDENTIFIER.lastIndex = i;
        if (!UNICODE_IDENTIFIER.test(src)) fail('character outside identifiers');
        j = UNICODE_IDENTIFIER.lastIndex;
      } else if (j === i) {
        fail('character outside identifiers');
      }
      const q = src.charCodeAt(j);
      if ((q === Ch.Quote || q === Ch.DQuote) && j - i <= 3) {
        let flags = 0;
        for (let k = i; k < j; k++) {
          const p = src.charCodeAt(k) | 0x20;
          if (p === 102 || p === 116) flags |= STRING_FORMAT;
          else if (p === 114) flags |= STRING_RAW;
          else if (p === 98) flags |= STRING_BYTES;
          else if (p !== 117) {
            flags = -1;
            break;
          }
        }
        if (flags >= 0) {
          this.stringFlags = flags;
          return this.setToken(Kind.String, i, j, '');
        }
      }
      // Only keywords need their text: names stay unsliced ('' as text).
      return this.setToken(Kind.Name, i, j, this.keywordAt(i, j - i));
    }
    if (isDigit(c) || (c === Ch.Dot && isDigit(src.charCodeAt(i + 1)))) return this.lexNumber(i);
    if (c === Ch.Quote || c === Ch.DQuote) {
      this.stringFlags = 0;
      return this.setToken(Kind.String, i, i, '');
    }
    const op = this.lexOperator(i);
    return this.setToken(Kind.Op, i, i + op.length, op);
  }

  /** The keyword (or other word in WORDS_BY_LENGTH) at `i`, else ''. */
  protected keywordAt(i: number, length: number): string {
    if (length >= WORDS_BY_LENGTH.length) return '';
    const src = this.src;
    for (const word of WORDS_BY_LENGTH[length]) if (src.startsWith(word, i)) return word;
    return '';
  }

  protected lexNumber(i: number): Kind {
    const src = this.src;
    let j = i;
    const c1 = src.charCodeAt(i + 1) | 0x20;
    if (src.charCodeAt(i) === Ch.Zero && (c1 === 120 || c1 === 111 || c1 === 98)) {
      j += 2;
      const base = c1;
      const inBase = (c: number): boolean => (base === 120 ? isHex(c) : base === 111 ? c >= 48 && c <= 55 : c === 48 || c === 49);
      // repeat1(/_?[digits]+/): at least one digit, single underscores between runs.
      let digits = false;
      for (;;) {
        let k = j;
        if (src.charCodeAt(k) === 95) k++;
        if (!inBase(src.charCodeAt(k))) break;
        while (inBase(src.charCodeAt(k))) k++;
        j = k;
        digits = true;
      }
      if (!digits) fail('number without digits');
      if ((src.charCodeAt(j) | 0x20) === 108) j++;
      return this.endNumber(i, j, Kind.Int);
    }
    let float = false;
    j = this.digitRuns(j);
    if (src.charCodeAt(j) === Ch.Dot) {
      float = true;
      j = this.digitRuns(j + 1);
    }
    if ((src.charCodeAt(j) | 0x20) === 101) {
      let k = j + 1;
      if (src.charCodeAt(k) === 43 || src.charCodeAt(k) === 45) k++;
      if (isDigit(src.charCodeAt(k))) {
        float = true;
        j = this.digitRuns(k);
      }
    }
    const suffix = src.charCodeAt(j) | 0x20;
    if (suffix === 106) j++;
    else if (suffix === 108 && !float) j++;
    return this.endNumber(i, j, float ? Kind.Float : Kind.Int);
  }

  /** repeat(/[0-9]+_?/) from `j`: digits, each run optionally followed by one underscore. */
  protected digitRuns(j: number): number {
    const src = this.src;
    while (isDigit(src.charCodeAt(j))) {
      while (isDigit(src.charCodeAt(j))) j++;
      if (src.charCodeAt(j) === 95) j++;
    }
    return j;
  }

  protected endNumber(i: number, j: number, kind: Kind): Kind {
    const next = this.src.charCodeAt(j);
    if (isIdentPart(next) || next > 127) fail('number run into a name');
    return this.setToken(kind, i, j, '');
  }

  protected lexOperator(i: number): string {
    const src = this.src;
    const c = src[i];
    const c2 = src[i + 1];
    const c3 = src[i + 2];
    switch (c) {
      case '(': case ')': case '[': case ']': case '{': case '}': case ',': case ';': case '~':
        return c;
      case '.':
        return c2 === '.' && c3 === '.' ? '...' : '.';
      case ':':
        return c2 === '=' ? ':=' : ':';
      case '=':
        return c2 === '=' ? '==' : '=';
      case '!':
        return c2 === '=' ? '!=' : '!';
      case '-':
        return c2 === '=' ? '-=' : c2 === '>' ? '->' : '-';
      case '+': case '%': case '&': case '|': case '^': case '@':
        return c2 === '=' ? c + '=' : c;
      case '*':
        if (c2 === '*') return c3 === '=' ? '**=' : '**';
        return c2 === '=' ? '*=' : '*';
      case '/':
        if (c2 === '/') return c3 === '=' ? '//=' : '//';
        return c2 === '=' ? '/=' : '/';
      case '<':
        if (c2 === '<') return c3 === '=' ? '<<=' : '<<';
        if (c2 === '>') fail('<> operator');
        return c2 === '=' ? '<=' : '<';
      case '>':
        if (c2 === '>') return c3 === '=' ? '>>=' : '>>';
        return c2 === '=' ? '>=' : '>';
      default:
        return fail(`unexpected character ${JSON.stringify(c)}`);
    }
  }

  protected isOp(text: string): boolean {
    return this.peek() === Kind.Op && this.text === text;
  }

  protected isName(text: string): boolean {
    return this.peek() === Kind.Name && this.text === text;
  }

  /** Appends the peeked token as an anonymous token node of its own text. */
  protected take(): number {
    if (!this.has) this.peek();
    const id = this.t.get(this.text);
    if (id === undefined) fail(`token ${this.text}`);
    return this.takeAs(id);
  }

  protected takeAs(type: number): number {
    if (!this.has) this.peek();
    const index = this.b.token(type, this.start, this.end);
    this.pos = this.end;
    this.has = false;
    this.lineStart = false;
    return index;
  }

  protected expectOp(text: string): number {
    if (!this.isOp(text)) fail(`expected ${text}`);
    return this.take();
  }

  protected expectName(text: string): number {
    if (!this.isName(text)) fail(`expected ${text}`);
    return this.take();
  }

  protected identifier(): number {
    if (this.peek() !== Kind.Name || (this.text !== '' && RESERVED.has(this.text))) fail('expected a name');
    return this.takeAs(this.n.identifier);
  }

  /** A named node that wraps the one anonymous token of the same text (`pass_statement` > `pass`). */
  protected wrapped(type: number): number {
    const mark = this.b.length;
    this.take();
    return this.b.reduce(type, mark);
  }

  protected mark(): number {
    return this.b.length;
  }

  protected field(index: number, field: number): number {
    this.b.setField(index, field);
    return index;
  }

  // ---- layout ---------------------------------------------------------------------------------

  /** One call of tree-sitter-python's external scanner at `pos`, for the layout tokens given as valid. */
  protected scanLayout(newline: boolean, indent: boolean, dedent: boolean): Layout {
    const src = this.src;
    let i = this.pos;
    let foundEndOfLine = false;
    let indentLength = 0;
    let firstCommentIndent = -1;
    for (;;) {
      const c = src.charCodeAt(i);
      if (c === Ch.LF) {
        foundEndOfLine = true;
        indentLength = 0;
        i++;
      } else if (c === Ch.Space) {
        indentLength++;
        i++;
      } else if (c === Ch.FF) {
        indentLength = 0;
        i++;
      } else if (c === Ch.Tab) {
        indentLength += 8;
        i++;
      } else if (c === Ch.Hash) {
        if (!foundEndOfLine) return Layout.CommentFirst;
        if (firstCommentIndent === -1) firstCommentIndent = indentLength;
        const j = src.indexOf('\n', i);
        i = j === -1 ? this.length : j + 1;
        indentLength = 0;
      } else if (c === Ch.Backslash) {
        fail('line continuation at a line end');
      } else if (i >= this.length) {
        indentLength = 0;
        foundEndOfLine = true;
        break;
      } else {
        break;
      }
    }
    if (!foundEndOfLine) return Layout.None;
    const current = this.indents[this.indents.length - 1];
    if (indent && indentLength > current) {
      this.indents.push(indentLength);
      return Layout.Indent;
    }
    if (dedent && indentLength < current && firstCommentIndent < current) {
      this.indents.pop();
      return Layout.Dedent;
    }
    return newline ? Layout.Newline : Layout.None;
  }

  /** Records the comment at (or after blanks and newlines from) `pos` as an extra and moves past it; false when there is none. */
  protected takeComment(): boolean {
    const src = this.src;
    let i = this.pos;
    for (let c = src.charCodeAt(i); c === Ch.Space || c === Ch.Tab || c === Ch.FF || c === Ch.LF; c = src.charCodeAt(++i));
    if (src.charCodeAt(i) !== Ch.Hash) return false;
    let j = src.indexOf('\n', i);
    if (j === -1) j = this.length;
    this.b.addExtra(this.n.comment, i, j);
    this.pos = j;
    return true;
  }

  /** The newline ending a simple statement or a decorator (after any comment on the line). */
  protected newline(): void {
    const kind = this.peek();
    if (kind !== Kind.EOL && kind !== Kind.EOF) fail('expected the end of the line');
    this.has = false;
    for (;;) {
      const layout = this.scanLayout(true, false, false);
      if (layout === Layout.CommentFirst) {
        if (!this.takeComment()) fail('expected a comment');
        continue;
      }
      if (layout !== Layout.Newline) fail('expected a newline');
      this.b.hidden(this.pos, this.pos);
      this.lineStart = true;
      return;
    }
  }

  /**
   * At a statement boundary: whether a dedent comes first (kept until `takeDedent`). Comments before
   * the next statement are taken as extras on the way, as the scanner leaves them to the lexer.
   */
  protected atDedent(): boolean {
    if (this.dedentAt >= 0) return true;
    if (this.has) return false;
    for (;;) {
      const layout = this.scanLayout(false, false, true);
      if (layout === Layout.Dedent) {
        this.dedentAt = this.pos;
        return true;
      }
      if (!this.takeComment()) return false;
    }
  }

  protected takeDedent(): void {
    if (this.dedentAt < 0) fail('expected a dedent');
    this.b.hidden(this.dedentAt, this.dedentAt);
    this.dedentAt = -1;
    this.lineStart = true;
  }

  /** Peeks the first token of a statement and checks it sits at the block's indentation. */
  protected statementStart(): Kind {
    const kind = this.peek();
    if (kind === Kind.EOF || kind === Kind.EOL) return kind;
    if (!this.peekedAtLineStart) fail('statement not at a line start');
    const src = this.src;
    let lineBegin = src.lastIndexOf('\n', this.start - 1) + 1;
    let indent = 0;
    for (; lineBegin < this.start; lineBegin++) {
      const c = src.charCodeAt(lineBegin);
      if (c === Ch.Space) indent++;
      else if (c === Ch.Tab) indent += 8;
      else if (c === Ch.FF) indent = 0;
      else fail('statement after other text');
    }
    if (indent !== this.indents[this.indents.length - 1]) fail('unexpected indentation');
    return kind;
  }

  /** Whether the token after the peeked one is the keyword `text` (for `not in`). */
  protected nextIsName(text: string): boolean {
    const i = this.nextCharAfterToken();
    const src = this.src;
    if (src.charCodeAt(i) === Ch.Hash || src.charCodeAt(i) === Ch.Backslash) {
      const saved = this.save();
      this.take();
      const yes = this.isName(text);
      this.restore(saved);
      return yes;
    }
    return src.startsWith(text, i) && !isIdentPart(src.charCodeAt(i + text.length)) && !(src.charCodeAt(i + text.length) > 127);
  }

  /** Index of the first character after the peeked token that is not a space (or a newline inside brackets). */
  protected nextCharAfterToken(): number {
    const src = this.src;
    let i = this.end;
    for (;;) {
      const c = src.charCodeAt(i);
      if (c === Ch.Space || c === Ch.Tab || c === Ch.FF || (c === Ch.LF && this.depth > 0)) i++;
      else return i;
    }
  }

  protected save(): Saved {
    return {
      pos: this.pos,
      length: this.b.length,
      pending: this.b.pendingExtras.slice(),
      lineStart: this.lineStart,
      depth: this.depth,
      has: this.has,
      kind: this.kind,
      text: this.text,
      start: this.start,
      end: this.end,
      stringFlags: this.stringFlags,
      peekedAtLineStart: this.peekedAtLineStart,
    };
  }

  protected restore(saved: Saved): void {
    this.pos = saved.pos;
    this.b.length = saved.length;
    this.b.pendingExtras = saved.pending;
    this.lineStart = saved.lineStart;
    this.depth = saved.depth;
    this.has = saved.has;
    this.kind = saved.kind;
    this.text = saved.text;
    this.start = saved.start;
    this.end = saved.end;
    this.stringFlags = saved.stringFlags;
    this.peekedAtLineStart = saved.peekedAtLineStart;
  }

  /** Whether a keyword argument's `=` follows the peeked name. */
  protected nextIsEquals(): boolean {
    const i = this.nextCharAfterToken();
    const src = this.src;
    const c = src.charCodeAt(i);
    if (c === Ch.Hash || c === Ch.Backslash) {
      const saved = this.save();
      this.take();
      const yes = this.isOp('=');
      this.restore(saved);
      return yes;
    }
    return c === 61 && src.charCodeAt(i + 1) !== 61;
  }

  /** Starts on a new source. */
  protected begin(source: string): void {
    this.src = source;
    this.length = source.length;
    this.pos = 0;
    this.depth = 0;
    this.lineStart = true;
    this.indents = [0];
    this.has = false;
    this.dedentAt = -1;
    this.b.reset();
  }
}
