/**
 * The recorded HTTP pages (`http.*` fixtures): status, reason and headers as recorded, the body as
 * recorded (cut to 2 KB by the recording) plus, when it was cut, an HTML comment naming the marker
 * strings the full page contained, so probes looking for them find them.
 */
import type { HttpExchange, SeriesFixtures } from './fixtures.ts';
import { pyJson } from './wire.ts';

const ROUTES: Record<string, string> = {
  'GET /web/login': 'http.GET.web_login.json',
  'GET /web/database/manager': 'http.GET.web_database_manager.json',
  'GET /web/database/selector': 'http.GET.web_database_selector.json',
  'POST /web/database/list': 'http.POST.web_database_list.json',
  'POST /web/webclient/version_info': 'http.POST.web_webclient_version_info.json',
  'GET /web/health': 'http.GET.web_health.json',
  'GET /robots.txt': 'http.GET.robots_txt.json',
  'GET /': 'http.GET.root.json',
  'GET /web': 'http.GET.web.json',
  'GET /website/info': 'http.GET.website_info.json',
};
const NOT_FOUND = 'http.GET.not_found.json';

export interface PageResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: Buffer;
}

/** The recorded body, completed with the markers the cut-off part of the page contained. */
export function servedBody(exchange: HttpExchange): string {
  if (!exchange.body_truncated) return exchange.body;
  const missing = Object.entries(exchange.body_contains)
    .filter(([marker, present]) => present && !exchange.body.includes(marker))
    .map(([marker]) => marker);
  if (missing.length === 0) return exchange.body;
  return `${exchange.body}\n<!-- odoo-double: the recorded page (${exchange.body_length} bytes) was cut to 2 KB; the full page also contained: ${missing.join(' | ')} -->\n`;
}

/** Recorded headers with Content-Length set to what is actually sent. */
export function withContentLength(headers: [string, string][], length: number): [string, string][] {
  return headers.map(([name, value]) => [name, name.toLowerCase() === 'content-length' ? String(length) : value]);
}

export function pageFor(fixtures: SeriesFixtures, method: string, path: string, requestBody: Buffer): PageResponse {
  const file = ROUTES[`${method} ${path}`] ?? NOT_FOUND;
  const exchange = fixtures.http.get(file)?.response;
  if (!exchange) throw new Error(`odoo-double: fixture ${file} is missing for ${fixtures.series}`);
  let text = servedBody(exchange);
  if (method === 'POST') text = echoJsonId(text, requestBody);
  const body = Buffer.from(text, 'utf8');
  return { status: exchange.status, reason: exchange.reason, headers: withContentLength(exchange.headers, body.length), body };
}

/** The JSON endpoints answer with the id the client sent, as Odoo does. */
function echoJsonId(recorded: string, requestBody: Buffer): string {
  let id: unknown = null;
  try {
    id = (JSON.parse(requestBody.toString('utf8')) as { id?: unknown }).id ?? null;
  } catch {
    return recorded;
  }
  const { jsonrpc, result } = JSON.parse(recorded) as { jsonrpc: string; result: unknown };
  return pyJson({ jsonrpc, id, result });
}
