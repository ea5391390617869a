/**
 * pylint's own comments in Python sources, which OCA code already uses to silence pylint-odoo,
 * scoped roughly the way pylint scopes them:
 *
 *     cr.commit()  # pylint: disable=invalid-commit    that line (the whole statement when it starts there)
 *     # pylint: disable=missing-return                 from here to the end of the enclosing block (def,
 *                                                      class, if…), to the end of the file at module level;
 *                                                      before a def's or class's first statement, from its
 *                                                      header line
 *     # pylint: disable-next=print-used                the next line only
 *     # pylint: enable=missing-return                  the same scopes, ending the disables it names
 *     # pylint: disable=all                            every rule that answers to a pylint-odoo message
 *     # pylint: skip-file                              the same, for the whole file, wherever it is written
 *
 * Blocks are found from indentation, statements from brackets, strings and backslashes: pylint
 * uses its syntax tree, which gives the same lines for ordinary code.
 *
 * Ids are kept as written (pylint-odoo names or message codes): results.ts matches them against the
 * pylint-odoo messages the rules declare and ignores the others. No reason is asked for: this is
 * the other tool's syntax.
 */
import type { Suppression } from './suppress.ts';

const MARKER = 'pylint:';
const PRAGMA = /\bpylint:\s*(?:(skip-file)\b|(disable-next|disable|enable)\s*=([^;#]*))/;
// Like pylint, every word of two characters or more after the "=" is read as a message id.
const MESSAGE_ID = /[A-Za-z0-9_-]{2,}/g;
const MESSAGE_CODE = /^[CEFIRW]\d{4}$/i;
/** pylint's name for every message, in `disable=all` and `enable=all`. */
export const ALL = 'all';

/** Quick test before any work: few files have pylint comments. */
export function mayHavePylintPragmas(source: string): boolean {
  return source.includes(MARKER);
}

interface LogicalLine {
  first: number;
  last: number;
  indent: number;
  /** `header`: a def or class line; `string`: starts with a string literal (a docstring, perhaps). */
  kind: 'header' | 'string' | 'other';
}

interface PragmaComment {
  line: number;
  column: number;
  text: string;
  /** Nothing but blanks before it on its line. */
  ownLine: boolean;
}

/** Where the statements of a file start and end, and its comments that mention pylint. */
interface Layout {
  lines: number;
  /** In source order. */
  logical: LogicalLine[];
  /** Per physical line (1-based): index + 1 in `logical` of the statement it belongs to, 0 for blank and comment lines. */
  owner: number[];
  comments: PragmaComment[];
}

const TAB = 9;
const NEWLINE = 10;
const FORM_FEED = 12;
const RETURN = 13;
const SPACE = 32;
const HASH = 35;
const DOUBLE_QUOTE = 34;
const QUOTE = 39;
const BACKSLASH = 92;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === FORM_FEED;
}

function keywordAt(source: string, word: string, at: number): boolean {
  return source.startsWith(word, at) && isBlank(source.charCodeAt(at + word.length));
}

function statementKind(source: string, at: number): LogicalLine['kind'] {
  if (keywordAt(source, 'def', at) || keywordAt(source, 'class', at)) return 'header';
  if (keywordAt(source, 'async', at)) {
    let i = at + 5;
    while (isBlank(source.charCodeAt(i))) i++;
    return keywordAt(source, 'def', i) ? 'header' : 'other';
  }
  let i = at;
  while (i < at + 2 && 'rRbBuUfF'.includes(source[i] ?? '-')) i++;
  const c = source.charCodeAt(i);
  return c === DOUBLE_QUOTE || c === QUOTE ? 'string' : 'other';
}

/**
 * One pass over the text that follows strings, brackets and backslash continuations: enough to know
 * which lines form one statement, without a parser. Run only on files that mention `pylint:`.
 */
function layout(source: string): Layout {
  const logical: LogicalLine[] = [];
  const owner: number[] = [0];
  const comments: PragmaComment[] = [];
  const n = source.length;
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  let continued = false;
  let lineHasCode = false;
  let current: LogicalLine | null = null;
  let atLineStart = true;
  let i = 0;
  while (i < n) {
    if (atLineStart) {
      atLineStart = false;
      if (current !== null) continue;
      let indent = 0;
      for (let b = source.charCodeAt(i); i < n && isBlank(b); b = source.charCodeAt(++i)) indent = b === TAB ? (indent + 8) & ~7 : indent + 1;
      const c = source.charCodeAt(i);
      if (i < n && c !== NEWLINE && c !== RETURN && c !== HASH) {
        current = { first: line, last: line, indent, kind: statementKind(source, i) };
        logical.push(current);
      }
      continue;
    }
    const c = source.charCodeAt(i);
    if (c === NEWLINE) {
      const ends = current !== null && depth === 0 && !continued;
      if (ends) current!.last = line;
      owner[line++] = current ? logical.length : 0;
      lineHasCode = false;
      if (ends) current = null;
      continued = false;
      lineStart = ++i;
      atLineStart = true;
    } else if (c === HASH) {
      let eol = source.indexOf('\n', i);
      if (eol < 0) eol = n;
      const text = source.slice(i, source.charCodeAt(eol - 1) === RETURN ? eol - 1 : eol);
      if (text.includes(MARKER)) comments.push({ line, column: i - lineStart + 1, text, ownLine: !lineHasCode });
      i = eol;
    } else if (c === DOUBLE_QUOTE || c === QUOTE) {
      lineHasCode = true;
      const triple = source.charCodeAt(i + 1) === c && source.charCodeAt(i + 2) === c;
      i += triple ? 3 : 1;
      while (i < n) {
        const s = source.charCodeAt(i);
        if (s === BACKSLASH) {
          // An escaped newline continues even a one-quote string on the next line.
          const next = source.charCodeAt(i + 1);
          const newline = next === NEWLINE ? 1 : next === RETURN && source.charCodeAt(i + 2) === NEWLINE ? 2 : 0;
          i += newline > 0 ? newline + 1 : 2;
          if (newline > 0) {
            owner[line++] = logical.length;
            lineStart = i;
          }
        } else if (s === NEWLINE) {
          // A newline ends a one-quote string (unterminated: the tokenizer would stop there too).
          if (!triple) break;
          // Inside a string, so inside the current statement.
          owner[line++] = logical.length;
          lineStart = ++i;
        } else if (s === c && (!triple || (source.charCodeAt(i + 1) === c && source.charCodeAt(i + 2) === c))) {
          i += triple ? 3 : 1;
          break;
        } else {
          i++;
        }
      }
    } else if (c === BACKSLASH && (source.charCodeAt(i + 1) === NEWLINE || (source.charCodeAt(i + 1) === RETURN && source.charCodeAt(i + 2) === NEWLINE))) {
      continued = true;
      i++;
    } else {
      // ( [ { and ) ] } are 40/41, 91/93, 123/125.
      if (c === 40 || c === 91 || c === 123) depth++;
      else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
      if (!isBlank(c) && c !== RETURN) lineHasCode = true;
      i++;
    }
  }
  if (current) current.last = line;
  owner[line] = current ? logical.length : 0;
  return { lines: line, logical, owner, comments };
}

/** Index of the first statement starting after `line`. */
function nextStatement(logical: readonly LogicalLine[], line: number): number {
  let lo = 0;
  let hi = logical.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (logical[mid].first <= line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Lines a comment on its own line between statements covers: to the end of the enclosing block. */
function blockScope(layout: Layout, line: number): { from: number; to: number } {
  const { logical } = layout;
  const next = nextStatement(logical, line);
  if (next === logical.length) return { from: line, to: layout.lines };
  const indent = logical[next].indent;
  if (indent === 0) return { from: line, to: layout.lines };
  let to = layout.lines;
  for (let j = next + 1; j < logical.length; j++) {
    if (logical[j].indent < indent) {
      to = logical[j].first - 1;
      break;
    }
  }
  // Before the first statement of a def or class body (docstring aside), pylint disables the whole
  // def or class, its header line included.
  let before = next - 1;
  if (before > 0 && logical[before].kind === 'string' && logical[before].indent === indent) before--;
  const header = before >= 0 ? logical[before] : null;
  const from = header && header.kind === 'header' && header.indent < indent ? header.first : line;
  return { from, to };
}

function scopeOf(layout: Layout, comment: PragmaComment, action: string): { from: number; to: number } {
  const { line } = comment;
  if (action === 'disable-next') return { from: line + 1, to: line + 1 };
  const statement = layout.owner[line] ? layout.logical[layout.owner[line] - 1] : null;
  if (statement) {
    // After code, or inside a statement written over several lines: that line, and the rest of
    // the statement when the statement starts there or the comment is inside it.
    const toEnd = comment.ownLine || statement.first === line;
    return { from: line, to: toEnd ? statement.last : line };
  }
  return blockScope(layout, line);
}

/** pylint's disable, disable-next and enable comments of a Python source, with the lines each covers. */
export function pylintSuppressions(source: string): Suppression[] {
  const found = layout(source);
  const out: Suppression[] = [];
  for (const comment of found.comments) {
    const m = PRAGMA.exec(comment.text);
    if (!m) continue;
    if (m[1]) {
      out.push({ line: comment.line, column: comment.column, ids: [ALL], reason: 'pylint: skip-file', from: 1, to: found.lines, pylint: 'skip-file' });
      continue;
    }
    const action = m[2] as 'disable-next' | 'disable' | 'enable';
    const ids = (m[3].match(MESSAGE_ID) ?? []).map((id) => (MESSAGE_CODE.test(id) ? id.toUpperCase() : id));
    if (ids.length === 0) continue;
    const { from, to } = scopeOf(found, comment, action);
    out.push({ line: comment.line, column: comment.column, ids, reason: `pylint: ${action}=${ids.join(',')}`, from, to, pylint: action });
  }
  return out;
}
