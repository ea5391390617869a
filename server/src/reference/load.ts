import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Advisory, ReferenceData, SeriesLifecycle } from './types.ts';

/** Where the shipped reference data lives (see its README for sources and how to refresh it). */
export const REFERENCE_DIR = fileURLToPath(new URL('../../../data/reference/', import.meta.url));

let cached: ReferenceData | undefined;

/** Loads the shipped advisories and series lifecycle data (read once per process). */
export function loadReferenceData(dir = REFERENCE_DIR): ReferenceData {
  if (cached && dir === REFERENCE_DIR) return cached;
  const advisories = JSON.parse(readFileSync(`${dir}/odoo-advisories.json`, 'utf8')) as Advisory[];
  const versions = JSON.parse(readFileSync(`${dir}/odoo-versions.json`, 'utf8')) as {
    compiled: string;
    series: SeriesLifecycle[];
  };
  const data: ReferenceData = { compiled: versions.compiled, advisories, series: versions.series };
  if (dir === REFERENCE_DIR) cached = data;
  return data;
}
