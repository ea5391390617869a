/**
 * Which database to scan when the user did not say: the one the server lists at /web/database/list,
 * provided it lists exactly one (that endpoint honours dbfilter, so a pinned server names its own).
 */
import { OdooError } from '../../odoo/types.ts';
import { httpRequest } from '../http/request.ts';

export async function discoverDatabase(baseUrl: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  const unlisted = new OdooError(
    'unknown_database',
    `No database was given and ${baseUrl} does not list its databases; pass the database name.`,
  );
  let names: unknown;
  try {
    const response = await httpRequest(new URL(`${baseUrl.replace(/\/+$/, '')}/web/database/list`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: {} }),
      timeoutMs,
      maxBodyBytes: 256 * 1024,
      signal,
    });
    names = (JSON.parse(response.body.toString('utf8')) as { result?: unknown }).result;
  } catch {
    throw unlisted;
  }
  const databases = Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  if (databases.length === 1) return databases[0];
  if (databases.length === 0) throw unlisted;
  throw new OdooError(
    'unknown_database',
    `No database was given and ${baseUrl} has ${databases.length} databases (${databases.join(', ')}); pass the one to scan.`,
  );
}
