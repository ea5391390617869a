/**
 * The facts snapshot as stored on a Scan row (`facts_gz`): gzip of its JSON. A snapshot is a few
 * hundred KiB of JSON and compresses about tenfold; it is kept for replay and re-scoring.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { parseFactsSnapshot } from '../engine/snapshot.ts';
import type { Facts } from '../facts/types.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export async function compressFacts(facts: Facts): Promise<Buffer> {
  return gzipAsync(Buffer.from(JSON.stringify(facts), 'utf8'));
}

/**
 * The snapshot stored on a scan, validated (a FactsSnapshotError names what is wrong); read it with
 * `db.scan.findUnique({ where: { id }, omit: { facts: false } })`.
 */
export async function readStoredFacts(stored: Uint8Array): Promise<Facts> {
  const json = (await gunzipAsync(stored)).toString('utf8');
  return parseFactsSnapshot(JSON.parse(json) as unknown);
}
