/**
 * Loads the recorded Odoo responses of one series (`test/fixtures/odoo/<series>/`), once per process.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Series = '17.0' | '18.0';

export interface RecordedFault {
  faultCode: number;
  faultString: string;
  faultString_last_line: string;
}

export interface RpcRequest {
  transport: 'xmlrpc';
  endpoint: string;
  service: string;
  method: string;
  args: unknown[];
  model?: string;
  model_method?: string;
  model_args?: unknown[];
  kwargs?: Record<string, unknown>;
}

export interface RpcFixture {
  file: string;
  request: RpcRequest;
  ok: boolean;
  response?: unknown;
  fault?: RecordedFault;
  /** Field names whose values the recording wrote as Python floats (e.g. 90.0). */
  floatFields: Set<string>;
}

export interface HttpExchange {
  status: number;
  reason: string;
  headers: [string, string][];
  body_length: number;
  body_truncated: boolean;
  body: string;
  body_contains: Record<string, boolean>;
}

export interface HttpFixture {
  file: string;
  request: { method: string; path: string; request_body: string | null };
  response: HttpExchange;
}

export interface SeriesFixtures {
  series: Series;
  database: string;
  serverVersion: string;
  rpc: RpcFixture[];
  /** `raw.*` and `http.*` files by name. */
  http: Map<string, HttpFixture>;
}

const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/odoo/', import.meta.url));
const cache = new Map<Series, SeriesFixtures>();

const FLOAT_MEMBER = /"([A-Za-z_][A-Za-z0-9_]*)": -?\d+\.\d+(?:[eE][+-]?\d+)?[,}\]\s]/g;

function floatFieldsIn(rawText: string): Set<string> {
  const fields = new Set<string>();
  for (const match of rawText.matchAll(FLOAT_MEMBER)) fields.add(match[1]);
  fields.delete('elapsed_ms');
  return fields;
}

export function loadSeries(series: Series): SeriesFixtures {
  const cached = cache.get(series);
  if (cached) return cached;
  const dir = `${FIXTURES_DIR}${series}/`;
  const index = JSON.parse(readFileSync(`${dir}index.json`, 'utf8')) as {
    database: string;
    server_version: string;
    files: { file: string }[];
  };
  const rpc: RpcFixture[] = [];
  const http = new Map<string, HttpFixture>();
  for (const { file } of index.files) {
    const text = readFileSync(`${dir}${file}`, 'utf8');
    const parsed = JSON.parse(text) as Record<string, unknown>;
    if (file.startsWith('xmlrpc.')) {
      rpc.push({
        file,
        request: parsed.request as RpcRequest,
        ok: parsed.ok as boolean,
        response: parsed.response,
        fault: parsed.fault as RecordedFault | undefined,
        floatFields: floatFieldsIn(text),
      });
    } else {
      http.set(file, { file, request: parsed.request as HttpFixture['request'], response: parsed.response as HttpExchange });
    }
  }
  const loaded: SeriesFixtures = { series, database: index.database, serverVersion: index.server_version, rpc, http };
  cache.set(series, loaded);
  return loaded;
}
