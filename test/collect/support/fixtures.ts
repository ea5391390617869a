/** Reads the real Odoo responses recorded in test/fixtures/odoo/<series>/. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Series = '17.0' | '18.0';
export const SERIES: readonly Series[] = ['17.0', '18.0'];

const ROOT = fileURLToPath(new URL('../../fixtures/odoo/', import.meta.url));

export interface RecordedRequest {
  transport: string;
  service?: string;
  method?: string;
  model?: string;
  model_method?: string;
  model_args?: unknown[];
  kwargs?: Record<string, unknown>;
  path?: string;
}

export interface FixtureIndex {
  odoo_series: string;
  server_version: string;
  database: string;
  base_url: string;
  files: Array<{ file: string; ok: boolean; request: RecordedRequest }>;
}

export interface FixtureFile {
  request: RecordedRequest;
  ok: boolean;
  response?: unknown;
  fault?: { faultCode: unknown; faultString: string; faultString_last_line: string };
}

const cache = new Map<string, unknown>();

function readJson<T>(path: string): T {
  if (!cache.has(path)) cache.set(path, JSON.parse(readFileSync(path, 'utf8')));
  return cache.get(path) as T;
}

export function fixtureIndex(series: Series): FixtureIndex {
  return readJson<FixtureIndex>(`${ROOT}${series}/index.json`);
}

export function fixture(series: Series, file: string): FixtureFile {
  return readJson<FixtureFile>(`${ROOT}${series}/${file}`);
}

/** The records of a recorded search_read (deep-copied, so tests may change them). */
export function records(series: Series, file: string): Array<Record<string, unknown>> {
  const response = fixture(series, file).response;
  if (!Array.isArray(response)) throw new Error(`${series}/${file} is not a list of records`);
  return structuredClone(response) as Array<Record<string, unknown>>;
}

export function objectFile(model: string, rest: string): string {
  return `xmlrpc.object.${model}.${rest}.json`;
}
