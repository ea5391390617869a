/**
 * Patterns over QWeb view architectures stored in the database. QWeb escapes what `t-out`/`t-esc`
 * print unless the value is markup; `t-raw` (deprecated since 15.0) prints without escaping, and so
 * does wrapping a value in Markup() — with user-controlled data either is an XSS.
 */
import { lineAt, lineText } from './python-text.ts';
import type { CodeMatch } from './code-rules.ts';

/** The arch with XML comments blanked (offsets and lines kept). */
function withoutComments(arch: string): string {
  return arch.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
}

function matchAt(arch: string, index: number, detail: string): CodeMatch {
  const lineStart = arch.lastIndexOf('\n', index - 1) + 1;
  return { line: lineAt(arch, index), column: index - lineStart + 1, snippet: lineText(arch, index), detail };
}

export function findUnescapedOutput(arch: string): CodeMatch[] {
  const clean = withoutComments(arch);
  const matches: CodeMatch[] = [];
  for (const m of clean.matchAll(/\st-raw\s*=\s*(["'])(.*?)\1/gs)) {
    matches.push(matchAt(arch, m.index + 1, `t-raw="${m[2]}"`));
  }
  for (const m of clean.matchAll(/\st-(out|esc|field|att-[\w-]+|attf-[\w-]+)\s*=\s*(["'])(.*?)\2/gs)) {
    if (/(?<![\w.])(?:markupsafe\.)?Markup\s*\(/.test(m[3])) matches.push(matchAt(arch, m.index + 1, `t-${m[1]}="${m[3]}"`));
  }
  return matches.sort((a, b) => a.line - b.line || a.column - b.column);
}
