/**
 * The API collector: connect (connection-level failures throw), then read every fact group.
 */
import type { OdooSession, ConnectionOptions } from '../../odoo/types.ts';
import { OdooError } from '../../odoo/types.ts';
import type { CollectOptions } from '../types.ts';
import { collectApiFacts, type ApiCollection } from './collect.ts';
import { discoverDatabase } from './database.ts';

export type Connect = (options: ConnectionOptions) => Promise<OdooSession>;

export interface ApiCollectorResult extends ApiCollection {
  database: string;
  requests: number;
  rounds: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export async function runApiCollector(
  options: CollectOptions,
  connect: Connect,
  onStep: (step: string, done: number, total: number) => void,
): Promise<ApiCollectorResult> {
  const { target } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!target.login) {
    throw new OdooError('bad_credentials', 'No login was given: pass the login of the (read-only) user to scan as.');
  }
  const database = target.database ?? (await discoverDatabase(target.url, timeoutMs));
  const session = await connect({
    url: target.url,
    database,
    login: target.login,
    secret: options.secret,
    secretKind: options.secretKind,
    protocol: target.protocol,
    timeoutMs,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  });
  const collection = await collectApiFacts(session, { authMethod: options.secretKind, onStep });
  // asking the server for its database is one more request, made before anything else
  const discovery = target.database ? 0 : 1;
  return { ...collection, database, requests: session.stats.calls + discovery, rounds: session.stats.rounds + discovery };
}
