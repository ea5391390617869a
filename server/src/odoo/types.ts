/**
 * The Odoo connector's contract. Collectors talk to Odoo only through `OdooSession`, so the
 * transport (XML-RPC, JSON-RPC) is invisible to them.
 */
import type { Protocol } from '../facts/types.ts';

export interface ConnectionOptions {
  /** Base URL, e.g. https://erp.example.com (no trailing path). */
  url: string;
  database: string;
  login: string;
  /** Password or API key (Odoo accepts an API key in place of the password over RPC). */
  secret: string;
  secretKind: 'password' | 'api_key';
  protocol: Protocol;
  /** Per-call timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Network-error retries per call (default 2); Odoo faults are never retried. */
  retries?: number;
  /** Maximum calls in flight at once (default 4). */
  concurrency?: number;
}

export interface VersionInfo {
  server_version: string;
  server_version_info: unknown[];
  server_serie: string;
  protocol_version: number;
}

export type FieldsGetResult = Record<string, { type: string; string: string; relation?: string }>;

export type Domain = unknown[];

export interface SearchReadOptions {
  limit?: number;
  offset?: number;
  order?: string;
  /** Adds active_test: false to the context (include archived records). */
  includeArchived?: boolean;
}

export interface OdooSession {
  readonly version: VersionInfo;
  readonly uid: number;
  readonly database: string;
  readonly login: string;
  /** Calls made so far (for progress and benchmarks). */
  readonly stats: { calls: number; rounds: number };
  /** Low-level execute_kw. Throws OdooError. */
  executeKw<T = unknown>(model: string, method: string, args: unknown[], kwargs?: Record<string, unknown>): Promise<T>;
  /** Field definitions of a model (cached per session). */
  fieldsGet(model: string): Promise<FieldsGetResult>;
  /**
   * search_read with an explicit field list. Fields the model does not have on this series are
   * dropped (using fieldsGet), so one list can be written for every series.
   */
  searchRead<T = Record<string, unknown>>(model: string, domain: Domain, fields: string[], options?: SearchReadOptions): Promise<T[]>;
  searchCount(model: string, domain: Domain, options?: { includeArchived?: boolean }): Promise<number>;
  readGroup<T = Record<string, unknown>>(model: string, domain: Domain, fields: string[], groupBy: string[]): Promise<T[]>;
}

/**
 * Why a connection or call failed, in terms a user can act on. `kind` lets collectors decide
 * whether to stop the scan (connection-level) or record a gap and go on (model-level).
 */
export type OdooErrorKind =
  | 'unreachable'        // DNS, connection refused, timeout
  | 'tls'                // certificate or handshake failure
  | 'not_odoo'           // HTML or other content where an RPC answer was expected
  | 'malformed_response' // an RPC body that cannot be parsed
  | 'unknown_database'
  | 'bad_credentials'    // authenticate returned false
  | 'totp_required'      // a 2FA user authenticating with a password
  | 'access_denied'      // AccessError on one model
  | 'unknown_model'
  | 'unknown_field'
  | 'fault';             // any other Odoo fault

export class OdooError extends Error {
  readonly kind: OdooErrorKind;
  /** The Odoo fault's last line or the network error's message. */
  readonly detail: string;
  readonly model?: string;

  constructor(kind: OdooErrorKind, message: string, options: { detail?: string; model?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'OdooError';
    this.kind = kind;
    this.detail = options.detail ?? message;
    this.model = options.model;
  }
}
