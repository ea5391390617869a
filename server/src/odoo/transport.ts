/**
 * What the two RPC transports share: the call interface, Odoo faults in one shape whatever the wire,
 * and telling an RPC answer from anything else a URL may answer with.
 */
import { OdooError } from './types.ts';
import type { HttpAnswer } from './http-post.ts';

export type Service = 'common' | 'db' | 'object';

export interface Transport {
  /** Resolves with the RPC result; rejects with RpcFault, NetworkFailure or OdooError (not_odoo, malformed_response). */
  call(service: Service, method: string, args: unknown[], timeoutMs: number): Promise<unknown>;
}

/** An error Odoo itself answered with (XML-RPC fault or JSON-RPC `error`). */
export class RpcFault extends Error {
  constructor(
    /** XML-RPC faultCode (1 error, 2 warning/UserError, 3 AccessDenied, 4 AccessError); derived for JSON-RPC. */
    readonly code: number,
    /** The Python exception, e.g. 'odoo.exceptions.AccessError' (JSON-RPC), or null when not given. */
    readonly exception: string | null,
    /** The fault text: a message, or for unexpected errors the whole traceback. */
    readonly text: string,
  ) {
    super(lastLine(text));
    this.name = 'RpcFault';
  }

  get lastLine(): string {
    return lastLine(this.text);
  }
}

export function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '';
}

export function looksLikeHtml(answer: HttpAnswer, text: string): boolean {
  return /text\/html/i.test(answer.contentType) || /^\s*(<!doctype html|<html[\s>])/i.test(text);
}

/** "an HTML page", "HTTP 502 Bad Gateway", "application/json" … for messages about unexpected answers. */
export function describeAnswer(answer: HttpAnswer, text: string): string {
  const status = answer.status === 200 ? '' : ` (HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''})`;
  if (looksLikeHtml(answer, text)) return `an HTML page${status}`;
  if (text.trim() === '') return `an empty body${status}`;
  return `${answer.contentType ? `a ${answer.contentType.split(';')[0]} body` : 'a body of unknown type'}${status}`;
}

export function notOdoo(endpoint: string, answer: HttpAnswer, text: string, protocol: string): OdooError {
  if (answer.status >= 300 && answer.status < 400 && answer.location) {
    return new OdooError(
      'not_odoo',
      `${endpoint} redirects to ${answer.location} (HTTP ${answer.status}) instead of answering ${protocol}: use the address Odoo is served at as the URL (often https://).`,
      { detail: `HTTP ${answer.status}, Location ${answer.location}` },
    );
  }
  return new OdooError(
    'not_odoo',
    `${endpoint} answered with ${describeAnswer(answer, text)}, not ${protocol}: is this the Odoo URL?`,
    { detail: `HTTP ${answer.status}, Content-Type ${answer.contentType || 'none'}` },
  );
}

export function malformed(endpoint: string, protocol: string, reason: string): OdooError {
  return new OdooError(
    'malformed_response',
    `${endpoint} sent an answer that cannot be read as ${protocol} (${reason}): the response was cut off or corrupted on the way.`,
    { detail: reason },
  );
}
