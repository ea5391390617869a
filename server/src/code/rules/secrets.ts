/**
 * Finds secrets written in source text: well-known credential formats (cloud keys, private keys,
 * payment and chat tokens) anywhere, and literal values assigned to names that mean a secret
 * (`password = "…"`, `api_key="…"`, `'token': '…'`). Placeholders and identifiers are ignored.
 */
import { createHash } from 'node:crypto';

export interface SecretHit {
  /** Index of the secret value in the source. */
  index: number;
  /** What was found, as the first words of a finding message. */
  kind: string;
  /** The name it was assigned to, or the credential format. */
  name: string;
  /** A short hash of the value, so the finding's identity changes when the secret does (never the value itself). */
  fingerprint: string;
}

/** `gh` followed by a GitHub token type letter and `_`: the literal part of a GitHub token. */
function hasGithubPrefix(source: string): boolean {
  for (let at = source.indexOf('gh'); at !== -1; at = source.indexOf('gh', at + 1)) {
    const type = source.charCodeAt(at + 2);
    // p, o, u, s, r
    if ((type === 112 || type === 111 || type === 117 || type === 115 || type === 114) && source.charCodeAt(at + 3) === 95) return true;
  }
  return false;
}

/**
 * `mayMatch` is a quick test for text the format cannot match without (a literal part of it): most
 * files contain none, and a substring search costs far less than running the expression.
 */
const TOKEN_FORMATS: Array<{ re: RegExp; kind: string; mayMatch: (source: string) => boolean }> = [
  { re: /\bAKIA[0-9A-Z]{16}\b/g, kind: 'An AWS access key id', mayMatch: (s) => s.includes('AKIA') },
  { re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/g, kind: 'A private key', mayMatch: (s) => s.includes('-----BEGIN ') },
  { re: /\b[sr]k_live_[0-9a-zA-Z]{16,}\b/g, kind: 'A Stripe live secret key', mayMatch: (s) => s.includes('k_live_') },
  { re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g, kind: 'A GitHub token', mayMatch: hasGithubPrefix },
  { re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, kind: 'A Slack token', mayMatch: (s) => s.includes('xox') },
  { re: /\bAIza[0-9A-Za-z_-]{35}\b/g, kind: 'A Google API key', mayMatch: (s) => s.includes('AIza') },
  { re: /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/g, kind: 'A bearer token', mayMatch: (s) => s.includes('Bearer') },
];

const SECRET_NAME = /(?:^|_)(?:pass(?:word|wd)?|pwd|secret|secret_?key|api_?key|apikey|access_?key|private_?key|auth_?token|access_?token|refresh_?token|client_?secret|bearer_?token|token)$/i;
// Anchored on the secret word itself (fast to find), the whole name is then read backwards.
const ASSIGNED = /(?:pass(?:word|wd)?|pwd|secret|key|token)(['"]?)\s*(?::|=(?!=))\s*[rRbBuU]?(['"`])([^'"`\\\n]{8,200})\2/gi;
const IDENT_CHAR = /[A-Za-z0-9_]/;
const PLACEHOLDER = /^(?:x+|\*+|\.+|-+|changeme|change[_-]?me|your[_-].*|<.*>|\$\{.*\}|%\(.*\)s|\{.*\}|.*example.*|dummy.*|test.*|fake.*|none|null|false|true|secret|password)$/i;

function hash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

function looksSecret(name: string, value: string): boolean {
  if (!SECRET_NAME.test(name)) return false;
  if (/\s/.test(value)) return false; // a sentence (a label or a message), not a secret
  if (PLACEHOLDER.test(value)) return false;
  // A field name, xml id or parameter key; a long run of lowercase letters and digits is a token (hex keys).
  if (/^[a-z_][a-z0-9_.]*$/.test(value) && !(value.length >= 16 && /^[a-z0-9]+$/.test(value) && /\d/.test(value))) return false;
  if (value.toLowerCase() === name.toLowerCase()) return false;
  if (/^(?:https?|ftp):\/\//i.test(value) && !/:[^/@]+@/.test(value)) return false;
  if (/^[A-Z][A-Za-z]+(?:\.[A-Za-z]+)+$/.test(value)) return false; // a dotted class path
  return true;
}

export function findSecrets(source: string, language: 'python' | 'js'): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const { re, kind, mayMatch } of TOKEN_FORMATS) {
    if (!mayMatch(source)) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(source)) !== null) hits.push({ index: m.index, kind, name: kind, fingerprint: hash(m[0]) });
  }
  ASSIGNED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ASSIGNED.exec(source)) !== null) {
    const [, , quote, value] = m;
    let from = m.index;
    while (from > 0 && IDENT_CHAR.test(source[from - 1])) from--;
    let to = m.index;
    while (to < source.length && IDENT_CHAR.test(source[to])) to++;
    const name = source.slice(from, to);
    if (quote === '`' && language === 'python') continue;
    if (!looksSecret(name, value)) continue;
    const index = m.index + m[0].length - value.length - 1;
    if (hits.some((h) => h.index >= index && h.index < index + value.length)) continue;
    hits.push({ index, kind: `A literal value for "${name}"`, name, fingerprint: hash(value) });
  }
  return hits.sort((a, b) => a.index - b.index);
}
