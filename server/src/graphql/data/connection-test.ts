/**
 * The connection test run before an instance is stored or its connection settings change: log in
 * with the given settings, and turn a refusal into a typed error that says at which step it failed.
 * The secret never appears in what is returned, even if a server echoes it back.
 */
import type { Protocol, SecretKind } from '../../db/client.ts';
import { OdooError } from '../../odoo/types.ts';
import type { OdooConnector } from '../context.ts';
import { ConnectionFailedError } from '../errors.ts';

export interface ConnectionSettings {
  url: string;
  database: string;
  login: string;
  secret: string;
  secretKind: SecretKind;
  protocol: Protocol;
}

const TEST_TIMEOUT_MS = 20_000;

/** Replaces every occurrence of `secret` in `text`. */
export function withoutSecret(text: string, secret: string): string {
  return secret.length > 0 ? text.split(secret).join('[secret]') : text;
}

/** Resolves to the Odoo server version when the login works; throws ConnectionFailedError otherwise. */
export async function testConnection(connect: OdooConnector, settings: ConnectionSettings): Promise<string> {
  try {
    const session = await connect({ ...settings, timeoutMs: TEST_TIMEOUT_MS, retries: 1 });
    return session.version.server_version;
  } catch (error) {
    if (error instanceof OdooError) throw new ConnectionFailedError(error.kind, withoutSecret(error.message, settings.secret));
    // Not a refusal but a fault of ours: masked for the client, logged without the secret.
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`The connection test failed unexpectedly: ${withoutSecret(detail, settings.secret)}`);
  }
}
