/** Reading the HTTP probe's endpoint facts. */
import type { HttpEndpointFact } from '../../facts/types.ts';

/** The endpoint answered (no transport error) with a 2xx status. */
export function answeredOk(endpoint: HttpEndpointFact | undefined): endpoint is HttpEndpointFact {
  return endpoint !== undefined && endpoint.error === null && endpoint.status !== null && endpoint.status >= 200 && endpoint.status < 300;
}

/** The `result` of a JSON-RPC answer, or the body itself when it is not a JSON-RPC envelope. */
export function jsonRpcResult(endpoint: HttpEndpointFact | undefined): unknown {
  if (!endpoint) return undefined;
  const body = endpoint.json;
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const envelope = body as Record<string, unknown>;
    if ('error' in envelope && envelope.error) return undefined;
    if ('result' in envelope) return envelope.result;
  }
  return body;
}

export function header(endpoint: HttpEndpointFact | undefined, name: string): string | null {
  if (!endpoint) return null;
  const value = endpoint.headers[name.toLowerCase()];
  return value === undefined ? null : value;
}
