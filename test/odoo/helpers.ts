/** Shared by the connector tests: connecting to a double, reading recorded fixtures, catching errors. */
import { readFileSync } from 'node:fs';
import { connect } from '../../server/src/odoo/connect.ts';
import { OdooError, type ConnectionOptions, type OdooSession } from '../../server/src/odoo/types.ts';
import type { OdooDouble } from '../support/odoo-double/index.ts';

export const SERIES = ['17.0', '18.0'] as const;
export const PROTOCOLS = ['xmlrpc', 'jsonrpc'] as const;
export const MATRIX = SERIES.flatMap((series) => PROTOCOLS.map((protocol) => ({ series, protocol })));

/** The `response` (or `fault`) of a recorded fixture file. */
export function fixture<T = unknown>(series: string, file: string): { response: T; fault?: { faultCode: number; faultString: string } } {
  return JSON.parse(readFileSync(new URL(`../fixtures/odoo/${series}/${file}`, import.meta.url), 'utf8')) as {
    response: T;
    fault?: { faultCode: number; faultString: string };
  };
}

export function optionsFor(odoo: OdooDouble, protocol: ConnectionOptions['protocol'], as: 'admin' | 'api_key' = 'api_key'): ConnectionOptions {
  return as === 'admin'
    ? { url: odoo.url, database: odoo.database, login: odoo.admin.login, secret: odoo.admin.password, secretKind: 'password', protocol }
    : { url: odoo.url, database: odoo.database, login: odoo.apiKeyUser.login, secret: odoo.apiKeyUser.apiKey, secretKind: 'api_key', protocol };
}

export function connectAs(odoo: OdooDouble, protocol: ConnectionOptions['protocol'], overrides: Partial<ConnectionOptions> = {}): Promise<OdooSession> {
  return connect({ ...optionsFor(odoo, protocol), ...overrides });
}

/** The OdooError a promise rejects with (fails the test if it resolves or throws something else). */
export async function odooError(promise: Promise<unknown>): Promise<OdooError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OdooError) return error;
    throw new Error(`expected an OdooError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an OdooError, but the call succeeded');
}
