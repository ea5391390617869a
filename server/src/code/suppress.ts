/**
 * Suppressions written in the code:
 *
 *     cr.execute(query)  # pulse: disable=sql-injection -- table name comes from _table only
 *
 * A suppression covers its own line; on a line of its own it covers the next line; on a `def` line
 * (or on its own line just above the def or its decorators) it covers the whole function. XML uses
 * `<!-- pulse: disable=… reason: … -->` (XML comments cannot contain "--"), JavaScript
 * `// pulse: disable=… -- reason`.
 *
 * A suppression must give a reason after ` -- `: without one it silences nothing and is itself
 * reported, like one naming no known rule.
 *
 * pylint's own `# pylint: disable=…` comments are read too (pylint-pragmas.ts), for the rules that
 * correspond to a pylint-odoo message.
 */
export interface Suppression {
  /** 1-based line of the comment. */
  line: number;
  column: number;
  /** Rule ids as written (full `custom_code.x` or short `x`). */
  ids: string[];
  reason: string | null;
  /** Lines it covers, inclusive. */
  from: number;
  to: number;
  /**
   * Set for pylint's own comments: their ids are pylint-odoo names or codes, unknown ones are
   * ignored, no reason is required, and an `enable` ends the disables it names.
   */
  pylint?: 'disable' | 'disable-next' | 'enable' | 'skip-file';
}

export interface FunctionSpan {
  /** First line of the definition including decorators. */
  startLine: number;
  defLine: number;
  endLine: number;
}

const MARKER = 'pulse:';
// The reason follows " -- " (Python, JavaScript) or "reason:" (anywhere; XML comments cannot contain "--").
const PY_RE = /#\s*pulse:\s*disable\s*=\s*([A-Za-z0-9_.,\- ]*?)\s*(?:(?:--|reason:)\s*(.*?))?\s*$/;
const JS_RE = /\/\/\s*pulse:\s*disable\s*=\s*([A-Za-z0-9_.,\- ]*?)\s*(?:(?:--|reason:)\s*(.*?))?\s*$/;
const XML_RE = /^\s*pulse:\s*disable\s*=\s*([A-Za-z0-9_.,\- ]*?)\s*(?:(?:--|reason:)\s*([\s\S]*?))?\s*$/;

function splitIds(raw: string): string[] {
  return raw
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Quick test before any work: most files have no suppression at all. */
export function mayHaveSuppressions(source: string): boolean {
  return source.includes(MARKER);
}

/** Suppressions in Python (`#`) or JavaScript (`//`) comments; `functions` widens def-line ones. */
export function lineSuppressions(source: string, language: 'python' | 'js', functions: readonly FunctionSpan[] = []): Suppression[] {
  const out: Suppression[] = [];
  const re = language === 'python' ? PY_RE : JS_RE;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    if (!text.includes(MARKER)) continue;
    const m = re.exec(text);
    if (!m) continue;
    const line = i + 1;
    const commentAt = text.indexOf(language === 'python' ? '#' : '//', text.search(/(#|\/\/)\s*pulse:/));
    const standalone = text.slice(0, commentAt).trim() === '';
    let from = line;
    let to = line;
    const onDef = functions.find((f) => f.defLine === line || (standalone && f.startLine === line + 1));
    if (onDef) {
      from = onDef.startLine;
      to = onDef.endLine;
    } else if (standalone) {
      from = line + 1;
      to = line + 1;
    }
    const reason = m[2] && m[2].trim() !== '' ? m[2].trim() : null;
    out.push({ line, column: commentAt + 1, ids: splitIds(m[1]), reason, from, to });
  }
  return out;
}

/** Suppressions in XML comments: they cover the comment's last line and the line after it. */
export function xmlSuppressions(comments: ReadonlyArray<{ text: string; line: number; endLine: number }>): Suppression[] {
  const out: Suppression[] = [];
  for (const comment of comments) {
    if (!comment.text.includes(MARKER)) continue;
    const m = XML_RE.exec(comment.text);
    if (!m) continue;
    const reason = m[2] && m[2].trim() !== '' ? m[2].trim() : null;
    out.push({ line: comment.line, column: 1, ids: splitIds(m[1]), reason, from: comment.line, to: comment.endLine + 1 });
  }
  return out;
}

/** Whether `ids` (as written) names this rule. */
export function namesRule(ids: readonly string[], ruleId: string): boolean {
  const short = ruleId.slice(ruleId.indexOf('.') + 1);
  return ids.some((id) => id === ruleId || id === short || id === 'all');
}
