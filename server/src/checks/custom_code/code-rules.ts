/**
 * Patterns over Python code stored in the database (server actions, automation and cron code). Each
 * rule returns where it matched; comments and string contents never match (see python-text.ts).
 * Kept free of Odoo facts so the source-code analyser can reuse them on files.
 */
import { firstArgument, isFString, lineAt, lineText, maskPython, matchingClose, matchingOpen } from './python-text.ts';

export interface CodeMatch {
  /** 1-based line and column in the original code. */
  line: number;
  column: number;
  /** The source line, trimmed. */
  snippet: string;
  /** What matched, e.g. "cr.commit()". */
  detail: string;
}

function matchAt(code: string, index: number, detail: string): CodeMatch {
  const lineStart = code.lastIndexOf('\n', index - 1) + 1;
  return { line: lineAt(code, index), column: index - lineStart + 1, snippet: lineText(code, index), detail };
}

function allMatches(masked: string, re: RegExp): RegExpExecArray[] {
  const flags = re.flags.includes('g') ? re.flags : `${re.flags}g`;
  return [...masked.matchAll(new RegExp(re.source, flags))];
}

/**
 * `.sudo()` calls and `with_user(SUPERUSER_ID)`. `env.ref('module.xml_id').sudo()` is left out: it
 * reads a record named by XML id (an action, a template), the usual and harmless way to fetch
 * configuration, not business data.
 */
export function findSudo(code: string): CodeMatch[] {
  const masked = maskPython(code);
  const matches: CodeMatch[] = [];
  for (const m of allMatches(masked, /\.\s*sudo\s*\(/)) {
    if (receiverIsEnvRef(masked, m.index)) continue;
    matches.push(matchAt(code, m.index + 1, 'sudo()'));
  }
  for (const m of allMatches(masked, /\.\s*with_user\s*\(\s*(?:SUPERUSER_ID|1)\s*\)/)) {
    matches.push(matchAt(code, m.index + 1, 'with_user(SUPERUSER_ID)'));
  }
  return matches.sort((a, b) => a.line - b.line || a.column - b.column);
}

function receiverIsEnvRef(masked: string, dotIndex: number): boolean {
  let i = dotIndex - 1;
  while (i >= 0 && /\s/.test(masked[i])) i--;
  if (masked[i] !== ')') return false;
  const open = matchingOpen(masked, i);
  if (open < 0) return false;
  return /(?:^|[^\w])(?:env|self\.env|model\.env|record\.env|records\.env)\s*\.\s*ref\s*$/.test(masked.slice(Math.max(0, open - 40), open));
}

/** `cr.commit()` / `cr.rollback()` on any cursor (`env.cr`, `self._cr`, `self.env.cr`, `cr`). */
export function findTransactionControl(code: string): CodeMatch[] {
  const masked = maskPython(code);
  return allMatches(masked, /(?<![\w])_?cr\s*\.\s*(commit|rollback)\s*\(/).map((m) => matchAt(code, m.index, `cr.${m[1]}()`));
}

/** Calls of eval(), exec() and safe_eval(). */
export function findDynamicEvaluation(code: string): CodeMatch[] {
  const masked = maskPython(code);
  const builtins = allMatches(masked, /(?<![\w.])(eval|exec)\s*\(/).map((m) => matchAt(code, m.index, `${m[1]}()`));
  const safe = allMatches(masked, /(?<![\w])safe_eval\s*\(/).map((m) => matchAt(code, m.index, 'safe_eval()'));
  return [...builtins, ...safe].sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * `cr.execute(...)` whose query is built with %-formatting, .format(), an f-string or "+"
 * concatenation, directly or through a variable assigned that way earlier in the code. Passing
 * parameters separately (`cr.execute(query, params)`) or building with odoo.tools.SQL is safe.
 */
export function findFormattedSql(code: string): CodeMatch[] {
  const masked = maskPython(code);
  const matches: CodeMatch[] = [];
  for (const m of allMatches(masked, /(?<![\w])_?cr\s*\.\s*execute\s*\(/)) {
    const open = m.index + m[0].length - 1;
    const arg = firstArgument(masked, open);
    if (!arg) continue;
    const how = formattingIn(code, masked, arg.start, arg.end) ?? formattingOfVariable(code, masked, arg.start, arg.end, m.index);
    if (how) matches.push(matchAt(code, m.index, `query built with ${how}`));
  }
  return matches;
}

/** How the expression code[start, end) formats a string, or null. */
function formattingIn(code: string, masked: string, start: number, end: number): string | null {
  const expr = masked.slice(start, end);
  if (/\.\s*format\s*\(/.test(expr)) return '.format()';
  if (/%/.test(expr)) return '% formatting';
  for (let i = start; i < end; i++) {
    if ((masked[i] === '"' || masked[i] === "'") && isFString(code, i)) return 'an f-string';
  }
  if (/\+/.test(expr) && /["']/.test(expr)) return 'string concatenation';
  return null;
}

function formattingOfVariable(code: string, masked: string, start: number, end: number, callIndex: number): string | null {
  const name = masked.slice(start, end).trim();
  if (!/^[A-Za-z_]\w*$/.test(name)) return null;
  const assignment = new RegExp(`(?<![\\w.])${name}\\s*(\\+?=)(?!=)`, 'g');
  for (const m of masked.slice(0, callIndex).matchAll(assignment)) {
    if (m[1] === '+=') return 'string concatenation (+=)';
    const rhsStart = m.index + m[0].length;
    const rhsEnd = expressionEnd(masked, rhsStart, callIndex);
    const how = formattingIn(code, masked, rhsStart, rhsEnd);
    if (how) return how;
  }
  return null;
}

/** End of the expression starting at `from`: the end of its line, continued while brackets are open. */
function expressionEnd(masked: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const ch = masked[i];
    if (ch === '\n') return i;
    if (ch === '(' || ch === '[' || ch === '{') {
      const close = matchingClose(masked, i);
      if (close < 0) return limit;
      i = close + 1;
      continue;
    }
    i++;
  }
  return limit;
}

const SECRET_NAME = String.raw`[A-Za-z_]*(?:password|passwd|pwd|secret|token|api_?key|apikey|access_key|private_key)[A-Za-z_]*`;
/** Dictionary keys and HTTP headers also use dashes ("X-Api-Key"). */
const SECRET_KEY = String.raw`[A-Za-z_-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]key|private[_-]key)[A-Za-z_-]*`;
const PLACEHOLDER_RE = /^(?:x+|\*+|changeme|change_me|your[_ -].*|<.*>|\$\{.*\}|%\(.*\)s|test|example|dummy|none|null|false|true)$/i;

/** Names about a secret rather than holding one ("token_url", "password_field"). */
const NOT_A_SECRET_NAME_RE = /(?:url|uri|endpoint|path|field|name|type|label|length|expiry|expiration|date)$/i;

function looksSecret(name: string, value: string): boolean {
  const v = value.trim();
  if (NOT_A_SECRET_NAME_RE.test(name) || PLACEHOLDER_RE.test(v)) return false;
  // URLs, paths and sentences are not credentials.
  return !/^(?:https?:\/\/|\/)/i.test(v) && !/\s/.test(v);
}

/**
 * String literals of 8+ characters assigned to (or keyed by) a secret-looking name, and bearer
 * tokens. The secret itself is never returned: the detail holds the name and the value's length.
 */
export function findHardcodedSecrets(code: string): CodeMatch[] {
  const clean = maskPython(code, { strings: false });
  const matches: CodeMatch[] = [];
  const assigned = new RegExp(String.raw`(?<![\w.])(${SECRET_NAME})\s*=\s*[rRbBuU]?(['"])([^'"\n]{8,})\2`, 'gi');
  const keyed = new RegExp(String.raw`(['"])(${SECRET_KEY}|authorization)\1\s*:\s*[rRbBuU]?(['"])([^'"\n]{8,})\3`, 'gi');
  for (const m of clean.matchAll(assigned)) {
    if (looksSecret(m[1], m[3])) matches.push(matchAt(code, m.index, `${m[1]} = <${m[3].length} characters>`));
  }
  for (const m of clean.matchAll(keyed)) {
    if (looksSecret(m[2], m[4])) matches.push(matchAt(code, m.index, `'${m[2]}': <${m[4].length} characters>`));
  }
  for (const m of clean.matchAll(/Bearer\s+[A-Za-z0-9._~+/-]{16,}=*/g)) {
    if (!matches.some((x) => x.line === lineAt(code, m.index))) matches.push(matchAt(code, m.index, 'Bearer token'));
  }
  return matches.sort((a, b) => a.line - b.line || a.column - b.column).map((match) => ({ ...match, snippet: redact(match.snippet) }));
}

/** The snippet of a secret finding, with quoted values of 8+ characters replaced. */
function redact(snippet: string): string {
  return snippet.replace(/(['"])([^'"]{8,})\1/g, (_all, q: string, value: string) => `${q}${value.slice(0, 2)}…${q}`).replace(/(Bearer\s+)\S+/g, '$1…');
}
