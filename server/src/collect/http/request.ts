/**
 * One HTTP(S) request with node's http/https: no redirect is followed, the body is read up to a cap
 * and the connection dropped after it, and an https response carries its TLS facts. Certificates are
 * not enforced here (the probe records whether they validate), so nothing secret may be sent with it.
 */
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { TlsFacts } from '../../facts/types.ts';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const USER_AGENT = 'odoo-pulse (health probe)';

export interface HttpRequestOptions {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBodyBytes?: number;
  signal?: AbortSignal;
}

export interface HttpResponseData {
  status: number;
  /** Raw header pairs in the order received. */
  rawHeaders: Array<[string, string]>;
  /** The body as received, at most maxBodyBytes. */
  body: Buffer;
  /** Bytes received before stopping (the declared Content-Length when the body was cut and it says more). */
  bodyLength: number;
  truncated: boolean;
  tls: TlsFacts | null;
}

export class HttpRequestError extends Error {
  override name = 'HttpRequestError';
  constructor(
    message: string,
    readonly tls: TlsFacts | null = null,
  ) {
    super(message);
  }
}

export function httpRequest(url: URL, options: HttpRequestOptions): Promise<HttpResponseData> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const isHttps = url.protocol === 'https:';
  const transport = isHttps ? https : http;

  return new Promise((resolve, reject) => {
    let settled = false;
    let tls: TlsFacts | null = null;
    const finish = (error: Error | null, data?: HttpResponseData) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(data as HttpResponseData);
    };

    const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: '*/*', ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));

    const request = transport.request(url, {
      method: options.method,
      headers,
      agent: false,
      ...(isHttps ? { rejectUnauthorized: false, servername: serverName(url.hostname) } : {}),
    });

    const timer = setTimeout(() => {
      request.destroy(new HttpRequestError(`no response within ${options.timeoutMs} ms`, tls));
    }, options.timeoutMs);
    const onAbort = () => request.destroy(new HttpRequestError('the probe was cancelled', tls));
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    request.on('socket', (socket) => {
      if (!isHttps) return;
      socket.once('secureConnect', () => {
        tls = tlsFacts(socket as TLSSocket);
      });
    });

    request.on('error', (error) => {
      finish(error instanceof HttpRequestError ? error : new HttpRequestError(describeNetworkError(error), tls));
    });

    request.on('response', (response) => {
      if (isHttps && !tls) tls = tlsFacts(response.socket as TLSSocket);
      const chunks: Buffer[] = [];
      let received = 0;
      let truncated = false;
      const done = () => {
        const declared = Number(response.headers['content-length']);
        finish(null, {
          status: response.statusCode ?? 0,
          rawHeaders: pairs(response.rawHeaders),
          body: Buffer.concat(chunks),
          bodyLength: truncated && Number.isFinite(declared) && declared > received ? declared : received,
          truncated,
          tls,
        });
      };
      response.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = maxBodyBytes - received;
        if (chunk.length > room) {
          // Enough: keep what fits and drop the connection instead of downloading the rest.
          chunks.push(chunk.subarray(0, room));
          received += room;
          truncated = true;
          done();
          request.destroy();
          return;
        }
        chunks.push(chunk);
        received += chunk.length;
      });
      response.on('end', done);
      response.on('error', (error) => finish(new HttpRequestError(describeNetworkError(error), tls)));
      response.on('aborted', () => finish(new HttpRequestError('the connection closed before the response was complete', tls)));
    });

    request.end(options.body);
  });
}

function pairs(raw: string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) result.push([raw[i], raw[i + 1]]);
  return result;
}

/** SNI must be a host name, not an IP address. */
function serverName(hostname: string): string | undefined {
  const host = hostname.replace(/^\[|\]$/g, '');
  return /^[\d.]+$/.test(host) || host.includes(':') ? undefined : host;
}

function tlsFacts(socket: TLSSocket): TlsFacts {
  const certificate = socket.getPeerCertificate?.();
  const hasCertificate = certificate && Object.keys(certificate).length > 0;
  const authorizationError = socket.authorizationError as unknown;
  return {
    authorized: socket.authorized === true,
    error: authorizationError ? String(authorizationError instanceof Error ? authorizationError.message : authorizationError) : null,
    protocol: socket.getProtocol?.() ?? null,
    validFrom: hasCertificate ? isoDate(certificate.valid_from) : null,
    validTo: hasCertificate ? isoDate(certificate.valid_to) : null,
    subject: hasCertificate ? distinguishedName(certificate.subject) : null,
    issuer: hasCertificate ? distinguishedName(certificate.issuer) : null,
  };
}

function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

function distinguishedName(name: object | undefined): string | null {
  if (!name) return null;
  const parts = Object.entries(name).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`);
  return parts.length > 0 ? parts.join(', ') : null;
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed (temporary DNS failure)',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPROTO: 'TLS handshake failed',
};

export function describeNetworkError(error: Error & { code?: string }): string {
  const known = error.code ? NETWORK_ERRORS[error.code] : undefined;
  return known ? `${known} (${error.code})` : error.message || String(error);
}
