/** Reading system parameters (ir.config_parameter) the way Odoo does. */

/**
 * Odoo tests parameters like `get_param(key)` in Python: any non-empty string is true, even "False"
 * or "0" (so `web.base.url.freeze = False` still freezes the URL).
 */
export function paramIsSet(parameters: Record<string, string>, key: string): boolean {
  const value = parameters[key];
  return value !== undefined && value !== '';
}

export interface ParsedUrl {
  url: URL;
  text: string;
}

/** web.base.url parsed, or null when missing or not an http(s) URL. */
export function baseUrl(parameters: Record<string, string>): ParsedUrl | null {
  const text = (parameters['web.base.url'] ?? '').trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? { url, text } : null;
  } catch {
    return null;
  }
}

/** scheme://host:port with the default port left out, for comparisons. */
export function origin(url: URL): string {
  return `${url.protocol}//${url.hostname.toLowerCase()}${url.port ? `:${url.port}` : ''}`;
}

export function parameterObject(key: string) {
  return { kind: 'parameter' as const, key, label: key };
}
