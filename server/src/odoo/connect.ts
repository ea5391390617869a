/**
 * connect(): proves the URL is an Odoo server (common.version gives its series), authenticates, and
 * returns the session collectors read through. Every failure is an OdooError with a sentence a user
 * can act on; the secret never appears in one.
 */
import http from 'node:http';
import https from 'node:https';
import { credentialsRefused, redact } from './errors.ts';
import { JsonrpcTransport } from './jsonrpc-transport.ts';
import { DEFAULTS, RpcRunner } from './rpc-runner.ts';
import { Session } from './session.ts';
import type { Transport } from './transport.ts';
import { OdooError, type ConnectionOptions, type OdooSession, type VersionInfo } from './types.ts';
import { XmlrpcTransport } from './xmlrpc-transport.ts';

function baseUrlOf(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new OdooError('unreachable', `'${raw}' is not a valid URL: write it like https://erp.example.com.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OdooError('unreachable', `'${raw}' is not an http:// or https:// URL: write it like https://erp.example.com.`);
  }
  return url;
}

function positive(value: number | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min) throw new OdooError('fault', `The connection option ${name} must be a number of at least ${min}, got ${value}.`);
  return value;
}

function isVersionInfo(value: unknown): value is VersionInfo {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.server_version === 'string' && typeof v.server_serie === 'string' && Array.isArray(v.server_version_info);
}

export async function connect(options: ConnectionOptions): Promise<OdooSession> {
  const url = baseUrlOf(options.url);
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const timeoutMs = positive(options.timeoutMs, DEFAULTS.timeoutMs, 'timeoutMs', 1);
  const retries = Math.floor(positive(options.retries, DEFAULTS.retries, 'retries', 0));
  const concurrency = Math.floor(positive(options.concurrency, DEFAULTS.concurrency, 'concurrency', 1));
  // keep-alive sockets are unref'd while idle, so a session never holds the process open
  const agent = url.protocol === 'https:' ? new https.Agent({ keepAlive: true, maxSockets: concurrency }) : new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const transport: Transport = options.protocol === 'jsonrpc' ? new JsonrpcTransport(base, agent) : new XmlrpcTransport(base, agent);
  const context = {
    url: base,
    database: options.database,
    login: options.login,
    secret: options.secret,
    secretKind: options.secretKind,
    timeoutMs,
  };
  const runner = new RpcRunner(transport, context, retries, concurrency);
  const endpoint = options.protocol === 'jsonrpc' ? `${base}/jsonrpc` : `${base}/xmlrpc/2/common`;

  let version: unknown;
  try {
    version = await runner.call('common', 'version', [], { call: 'common.version' });
  } catch (error) {
    // an RPC server that does not know common.version is not Odoo
    if (error instanceof OdooError && error.kind === 'fault') {
      throw new OdooError('not_odoo', `${endpoint} answered common.version with an error (${error.detail}): is this an Odoo server?`, { detail: error.detail });
    }
    throw error;
  }
  if (!isVersionInfo(version)) {
    throw new OdooError('not_odoo', `${endpoint} answered common.version without an Odoo version: is this an Odoo server?`, {
      detail: redact(JSON.stringify(version) ?? 'undefined', options.secret).slice(0, 200),
    });
  }

  const uid = await runner.call('common', 'authenticate', [options.database, options.login, options.secret, {}], { call: 'common.authenticate' });
  if (uid === false) throw credentialsRefused({ ...context, call: 'common.authenticate' }, 'authenticate returned false');
  if (typeof uid !== 'number' || !Number.isInteger(uid)) {
    throw new OdooError('malformed_response', `${endpoint} answered common.authenticate with ${redact(String(JSON.stringify(uid)), options.secret).slice(0, 80)} instead of a user id or false.`);
  }
  return new Session(runner, version, uid);
}
