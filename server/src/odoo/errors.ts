/**
 * Turns what went wrong on the wire into an OdooError a user can act on. The texts quoted from the
 * server pass through `redact`, so the secret never appears in a message even if a server echoed it.
 */
import { NetworkFailure } from './http-post.ts';
import { RpcFault } from './transport.ts';
import { OdooError } from './types.ts';

export interface CallContext {
  /** The instance URL as configured (no path). */
  url: string;
  database: string;
  login: string;
  secret: string;
  secretKind: 'password' | 'api_key';
  /** e.g. "common.version" or "ir.cron.search_read" */
  call: string;
  model?: string;
  timeoutMs: number;
}

const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ECONNABORTED', 'EAI_AGAIN', 'ETIMEDOUT']);
const TLS_CODE = /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_SSL|ERR_TLS|EPROTO$|HOSTNAME_MISMATCH)/;

/** Network errors worth another try: the request may not even have reached Odoo. Our own timeout is not one. */
export function isRetryable(error: unknown): boolean {
  return error instanceof NetworkFailure && RETRYABLE_CODES.has(error.code);
}

export function redact(text: string, secret: string): string {
  return secret.length > 0 ? text.split(secret).join('***') : text;
}

function where(error: NetworkFailure): string {
  return `${error.host}:${error.port}`;
}

export function networkError(error: NetworkFailure, context: CallContext): OdooError {
  const at = where(error);
  const detail = redact(`${error.code}: ${error.message}`, context.secret);
  const make = (kind: 'unreachable' | 'tls' | 'malformed_response', message: string) => new OdooError(kind, message, { detail });
  if (error.code === 'CALL_TIMEOUT') {
    return make('unreachable', `${at} did not answer ${context.call} within ${context.timeoutMs / 1000} s: the server is down, overloaded or filtered; check the URL or allow a longer timeout.`);
  }
  if (error.code === 'ECONNREFUSED') {
    return make('unreachable', `Nothing answered at ${at} (connection refused): check the URL and port, and that Odoo is running.`);
  }
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
    return make('unreachable', `The host name '${error.host}' could not be resolved (DNS, ${error.code}): check the URL.`);
  }
  if (['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(error.code)) {
    return make('unreachable', `${at} did not answer (${error.code}): check the URL and that the server can be reached from here.`);
  }
  if (['ECONNRESET', 'EPIPE', 'ECONNABORTED'].includes(error.code)) {
    return make('unreachable', `${at} closed the connection before answering ${context.call} (${error.code}): the server or a proxy in front of it dropped the request.`);
  }
  if (error.code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|packet length too long/i.test(error.message)) {
    return make('tls', `The TLS handshake with ${at} failed: the server does not speak HTTPS on this port; use http:// or the HTTPS port.`);
  }
  if (TLS_CODE.test(error.code)) {
    return make('tls', `The TLS handshake with ${at} failed (${error.code}): its certificate is not trusted or not valid for this host; fix the certificate or the URL.`);
  }
  if (error.code === 'RESPONSE_TOO_LARGE') {
    return make('malformed_response', `${at} sent an answer to ${context.call} larger than any Odoo answer should be (${error.message}).`);
  }
  return make('unreachable', `Could not reach ${at} (${error.code}): check the URL and the network.`);
}

const UNKNOWN_DB = /database "([^"]+)" does not exist/;
const INVALID_FIELD = /Invalid field '([^']+)' on model '([^']+)'/;
const UNKNOWN_MODEL = /^Object (\S+) doesn't exist/;

export function credentialsRefused(context: CallContext, reason: string): OdooError {
  const what = context.secretKind === 'api_key' ? 'API key' : 'password';
  const hint = context.secretKind === 'api_key'
    ? 'check that the key belongs to this user and has not expired or been revoked.'
    : 'check the login and password; a user with two-factor authentication must use an API key instead of the password.';
  return new OdooError('bad_credentials', `Odoo refused the ${what} of '${context.login}' on database '${context.database}' (${reason}): ${hint}`, {
    detail: reason,
  });
}

/** The field an unknown_field error is about. */
export function invalidFieldOf(error: OdooError): { field: string; model: string } | null {
  const m = INVALID_FIELD.exec(error.detail);
  return m ? { field: m[1], model: m[2] } : null;
}

export function faultError(fault: RpcFault, context: CallContext): OdooError {
  const text = redact(fault.text, context.secret);
  const last = redact(fault.lastLine, context.secret);
  const model = context.model;
  const unknownDb = UNKNOWN_DB.exec(last) ?? UNKNOWN_DB.exec(text);
  if (unknownDb) {
    return new OdooError('unknown_database', `The database '${unknownDb[1]}' does not exist on ${context.url}: check the database name.`, { detail: last });
  }
  if (fault.code === 3 || fault.exception?.endsWith('.AccessDenied')) return credentialsRefused(context, last || 'Access Denied');
  const invalidField = INVALID_FIELD.exec(last);
  if (invalidField) {
    return new OdooError('unknown_field', `Model '${invalidField[2]}' has no field '${invalidField[1]}' on this Odoo server (asked by ${context.call}).`, {
      detail: last,
      model: invalidField[2],
    });
  }
  const unknownModel = UNKNOWN_MODEL.exec(last);
  if (unknownModel) {
    return new OdooError('unknown_model', `Model '${unknownModel[1]}' does not exist on this Odoo server (the module that defines it is not installed).`, {
      detail: last,
      model: unknownModel[1],
    });
  }
  if ((fault.code === 4 || fault.exception?.endsWith('.AccessError')) && !text.startsWith('Private methods')) {
    const firstLine = text.split('\n')[0];
    return new OdooError(
      'access_denied',
      `The user '${context.login}' may not read model '${model ?? 'unknown'}' (Odoo AccessError: ${firstLine}): give the user read access to it, or this part of the scan stays unassessed.`,
      { detail: text, ...(model !== undefined && { model }) },
    );
  }
  return new OdooError('fault', `Odoo answered ${context.call} with an error: ${last || 'no message'}`, {
    detail: last,
    ...(model !== undefined && { model }),
  });
}
