/**
 * Response headers as facts: names lower-cased, repeated headers joined with ", " (Set-Cookie with
 * "\n"), and cookie values masked, since a session id is a credential.
 */
export function headerFacts(rawHeaders: Array<[string, string]>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [rawName, rawValue] of rawHeaders) {
    const name = rawName.toLowerCase();
    const value = name === 'set-cookie' ? maskCookie(rawValue) : rawValue;
    const separator = name === 'set-cookie' ? '\n' : ', ';
    headers[name] = name in headers ? `${headers[name]}${separator}${value}` : value;
  }
  return headers;
}

/** `session_id=abc; HttpOnly; Path=/` → `session_id=***; HttpOnly; Path=/` (the attributes are what checks need). */
export function maskCookie(cookie: string): string {
  return cookie.replace(/^(\s*[^=;]+=)[^;]*/, (_, name: string) => `${name}***`);
}
