/**
 * One HTTP(S) POST with a deadline covering the whole exchange (connect, send, full body). Both RPC
 * transports use it, so timeouts and network errors behave the same whatever the protocol.
 */
import http from 'node:http';
import https from 'node:https';

export interface HttpAnswer {
  status: number;
  statusText: string;
  contentType: string;
  /** The Location header of a redirect, if any (redirects are not followed: the URL should be fixed). */
  location: string | null;
  body: Buffer;
}

/** A request that got no complete HTTP answer. `code` is Node's error code, or CALL_TIMEOUT / RESPONSE_TOO_LARGE. */
export class NetworkFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly host: string,
    readonly port: string,
  ) {
    super(message);
    this.name = 'NetworkFailure';
  }
}

/** Odoo answers of a few MB are normal (ir.model.access, ir.module.module); beyond this something is wrong. */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

export function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

export interface PostRequest {
  url: URL;
  body: string;
  contentType: string;
  timeoutMs: number;
  agent: http.Agent;
}

export function post({ url, body, contentType, timeoutMs, agent }: PostRequest): Promise<HttpAnswer> {
  const host = url.hostname;
  const port = defaultPort(url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: NetworkFailure | null, answer?: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(answer as HttpAnswer);
    };
    const fail = (error: NodeJS.ErrnoException) => {
      if (error instanceof NetworkFailure) return finish(error);
      finish(new NetworkFailure(error.code ?? (error.message === 'socket hang up' ? 'ECONNRESET' : 'EUNKNOWN'), error.message, host, port));
    };
    const request = transport.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': contentType,
          'Content-Length': Buffer.byteLength(body),
          Accept: contentType,
          'User-Agent': 'odoo-pulse',
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            request.destroy(new NetworkFailure('RESPONSE_TOO_LARGE', `the answer exceeded ${MAX_RESPONSE_BYTES / 1024 / 1024} MB`, host, port));
          } else {
            chunks.push(chunk);
          }
        });
        response.on('error', fail);
        response.on('close', () => {
          if (!response.complete) fail(Object.assign(new Error('the connection closed in the middle of the answer'), { code: 'ECONNRESET' }));
        });
        response.on('end', () =>
          finish(null, {
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            contentType: String(response.headers['content-type'] ?? ''),
            location: response.headers.location ?? null,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new NetworkFailure('CALL_TIMEOUT', `no complete answer within ${timeoutMs} ms`, host, port));
    }, timeoutMs);
    request.on('error', fail);
    request.end(body);
  });
}
