/**
 * The HTTP probe: a handful of unauthenticated requests to the instance's public URL, all at once.
 * A failing request is recorded on its endpoint and never stops the others.
 */
import {
  collected,
  notCollected,
  type FactStatus,
  type HttpEndpointFact,
  type HttpFacts,
  type HttpProbeName,
  type TlsFacts,
} from '../../facts/types.ts';
import { headerFacts } from './headers.ts';
import { recogniseMarkers } from './markers.ts';
import { DEFAULT_MAX_BODY_BYTES, HttpRequestError, httpRequest, type HttpResponseData } from './request.ts';

const JSON_RPC_CALL = JSON.stringify({ jsonrpc: '2.0', method: 'call', params: {} });

interface ProbeSpec {
  method: 'GET' | 'POST';
  path: string;
  json: boolean;
}

export const PROBES: Record<HttpProbeName, ProbeSpec> = {
  root: { method: 'GET', path: '/', json: false },
  login: { method: 'GET', path: '/web/login', json: false },
  databaseManager: { method: 'GET', path: '/web/database/manager', json: false },
  databaseSelector: { method: 'GET', path: '/web/database/selector', json: false },
  databaseList: { method: 'POST', path: '/web/database/list', json: true },
  versionInfo: { method: 'POST', path: '/web/webclient/version_info', json: true },
  health: { method: 'GET', path: '/web/health', json: true },
  robots: { method: 'GET', path: '/robots.txt', json: false },
};

export const DEFAULT_HTTP_TIMEOUT_MS = 15_000;

export interface HttpProbeOptions {
  /** The instance's base URL (a trailing slash is ignored; a path prefix is kept). */
  baseUrl: string;
  timeoutMs?: number;
  maxBodyBytes?: number;
  signal?: AbortSignal;
  /**
   * For https targets, the plain-http URL whose redirect to https is tested. Default: the same host on
   * port 80 when the target uses the default https port; null skips the test.
   */
  plainHttpUrl?: string | null;
  onStep?: (step: string, done: number, total: number) => void;
}

export interface HttpProbeResult {
  facts: FactStatus<HttpFacts>;
  status: 'ok' | 'partial' | 'failed';
  message?: string;
  requests: number;
  rounds: number;
}

export async function probeHttp(options: HttpProbeOptions): Promise<HttpProbeResult> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const isHttps = new URL(base).protocol === 'https:';
  const timeoutMs = options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const plainHttpUrl = isHttps ? (options.plainHttpUrl === undefined ? defaultPlainHttpUrl(base) : options.plainHttpUrl) : null;

  const names = Object.keys(PROBES) as HttpProbeName[];
  const total = names.length + (plainHttpUrl ? 1 : 0);
  let done = 0;
  const step = (label: string) => {
    done += 1;
    options.onStep?.(label, done, total);
  };

  const tlsSeen: TlsFacts[] = [];
  const endpointPromises = names.map(async (name): Promise<HttpEndpointFact> => {
    const spec = PROBES[name];
    try {
      const response = await httpRequest(new URL(base + spec.path), {
        method: spec.method,
        timeoutMs,
        maxBodyBytes,
        signal: options.signal,
        ...(spec.method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: JSON_RPC_CALL } : {}),
      });
      if (response.tls) tlsSeen.push(response.tls);
      return endpointFact(spec, response);
    } catch (error) {
      if (error instanceof HttpRequestError && error.tls) tlsSeen.push(error.tls);
      return failedEndpoint(spec, error);
    } finally {
      step(`${spec.method} ${spec.path}`);
    }
  });
  const redirectPromise = plainHttpUrl
    ? testRedirectToHttps(plainHttpUrl, timeoutMs, options.signal).finally(() => step(`GET ${plainHttpUrl}`))
    : Promise.resolve(null);

  const endpointList = await Promise.all(endpointPromises);
  const httpRedirectsToHttps = await redirectPromise;
  const endpoints = Object.fromEntries(names.map((n, i) => [n, endpointList[i]])) as Record<HttpProbeName, HttpEndpointFact>;

  const requests = total;
  const failed = names.filter((n) => endpoints[n].status === null);
  if (failed.length === names.length) {
    const reason = `no HTTP response from ${base}: ${endpoints.root.error ?? 'unknown error'}`;
    return { facts: notCollected(reason), status: 'failed', message: reason, requests, rounds: 1 };
  }
  const facts: HttpFacts = {
    baseUrl: base,
    https: isHttps,
    httpRedirectsToHttps,
    tls: isHttps ? (tlsSeen[0] ?? null) : null,
    endpoints,
  };
  return {
    facts: collected(facts),
    status: failed.length === 0 ? 'ok' : 'partial',
    ...(failed.length > 0
      ? { message: `${failed.length} of ${names.length} endpoints did not answer: ${failed.map((n) => `${PROBES[n].path} (${endpoints[n].error})`).join(', ')}` }
      : {}),
    requests,
    rounds: 1,
  };
}

function endpointFact(spec: ProbeSpec, response: HttpResponseData): HttpEndpointFact {
  const headers = headerFacts(response.rawHeaders);
  const text = response.body.toString('utf8');
  return {
    method: spec.method,
    path: spec.path,
    status: response.status,
    error: null,
    headers,
    location: headers.location ?? null,
    bodyLength: response.bodyLength,
    markers: recogniseMarkers(text),
    json: spec.json ? parseJson(text) : null,
  };
}

function failedEndpoint(spec: ProbeSpec, error: unknown): HttpEndpointFact {
  return {
    method: spec.method,
    path: spec.path,
    status: null,
    error: error instanceof Error ? error.message : String(error),
    headers: {},
    location: null,
    bodyLength: 0,
    markers: [],
    json: null,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function defaultPlainHttpUrl(base: string): string | null {
  const url = new URL(base);
  // On a non-default https port there is no telling which port plain http would use.
  if (url.port !== '') return null;
  return `http://${url.host}/`;
}

/** true: http:// answers with a redirect to https://; false: it serves something else; null: no answer. */
async function testRedirectToHttps(url: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean | null> {
  try {
    const response = await httpRequest(new URL(url), { method: 'GET', timeoutMs, maxBodyBytes: 64 * 1024, signal });
    const location = headerFacts(response.rawHeaders).location ?? '';
    return response.status >= 300 && response.status < 400 && /^https:\/\//i.test(location);
  } catch {
    return null;
  }
}
