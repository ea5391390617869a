/**
 * A loopback HTTP(S) server replaying the recorded http.* fixtures: recorded status and headers, the
 * recorded first 2 KB of the body, followed by the marker strings the full page was recorded to
 * contain (`body_contains`), so page recognition sees what the real page had. Paths can be overridden
 * to misbehave (hang, reset, stream without end).
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { fixture, fixtureIndex, type Series } from './fixtures.ts';

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

interface RecordedHttp {
  status: number;
  headers: Array<[string, string]>;
  body: string;
  body_contains: Record<string, boolean>;
}

export interface FixtureHttpServer {
  url: string;
  port: number;
  /** Requests received, as "METHOD /path". */
  requests: string[];
  close(): Promise<void>;
}

export function recordedPages(series: Series): Map<string, RecordedHttp> {
  const pages = new Map<string, RecordedHttp>();
  for (const file of fixtureIndex(series).files) {
    if (file.request.transport !== 'http') continue;
    const request = fixture(series, file.file).request as { method: string; path: string };
    pages.set(`${request.method} ${request.path}`, fixture(series, file.file).response as RecordedHttp);
  }
  return pages;
}

function replay(page: RecordedHttp, response: http.ServerResponse): void {
  const missing = Object.entries(page.body_contains)
    .filter(([needle, present]) => present && !page.body.includes(needle))
    .map(([needle]) => needle);
  const body = missing.length > 0 ? `${page.body}\n<!-- ${missing.join(' ')} -->\n` : page.body;
  const headers: Array<[string, string]> = page.headers.filter(([name]) => !/^(content-length|connection|date)$/i.test(name));
  response.writeHead(page.status, [...headers.flat(), 'Content-Length', String(Buffer.byteLength(body))]);
  response.end(body);
}

export async function startFixtureHttpServer(
  series: Series,
  options: { overrides?: Record<string, Handler>; tls?: { key: string; cert: string } } = {},
): Promise<FixtureHttpServer> {
  const pages = recordedPages(series);
  const requests: string[] = [];
  const handler: Handler = (request, response) => {
    const key = `${request.method} ${request.url}`;
    requests.push(key);
    request.resume();
    const override = options.overrides?.[key];
    if (override) return override(request, response);
    const page = pages.get(key) ?? pages.get('GET /this/page/does/not/exist');
    if (!page) {
      response.writeHead(404).end();
      return;
    }
    replay(page, response);
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
