/**
 * Turns what a scan can fail with into one sentence for the user. Connection-level OdooErrors are
 * the user's to act on (address, credentials, database) and exit 2; their messages already say what
 * to check. Raw network errors that escaped the connector are treated the same way.
 */
import { OdooError } from '../odoo/types.ts';
import { UserError } from './types.ts';

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Removes a secret from text that might echo it (an error message quoting a request, say). Very short
 * secrets are skipped: masking "admin" would also mask the login "admin" and hide the real problem.
 */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length >= 6).reduce((out, secret) => out.split(secret).join('***'), text);
}

/** A UserError for failures the user can act on, or null when the error is a bug. */
export function scanFailure(error: unknown, url: string, secrets: readonly string[]): UserError | null {
  if (error instanceof OdooError) return new UserError(redact(`cannot scan ${url}: ${flat(error.message)}`, secrets));
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in NETWORK_CODES) {
    return new UserError(`cannot scan ${url}: ${NETWORK_CODES[code]}; check the URL and that the server is up`);
  }
  return null;
}
