/**
 * `--jobs N`: the per-file pass spread over worker threads, one share of the modules each (balanced
 * by file count). Each worker parses and runs the default rules on its modules and sends back the
 * small per-module summaries and finding drafts; module-level and project rules then run here, so
 * the result is the same as on one thread.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChunkResult } from './analyse.ts';
import type { DiscoveredModule } from './discover.ts';

const require = createRequire(import.meta.url);

// Workers start without the parent's loader when it was registered in-process (bin/odoo-pulse.js),
// so each one registers tsx before importing the TypeScript analyser.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const api = await import(workerData.tsx);
  api.register();
  const { analyseChunk } = await import(workerData.entry);
  parentPort.postMessage({ result: await analyseChunk(workerData.found, workerData.series, workerData.hasInstance) });
})().catch((error) => parentPort.postMessage({ error: String((error && error.stack) || error) }));
`;

/** The ESM build of tsx's register API (its CommonJS build cannot register ESM hooks in a worker). */
function tsxApi(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  return pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
}

function shares(found: readonly DiscoveredModule[], jobs: number): DiscoveredModule[][] {
  const out: DiscoveredModule[][] = Array.from({ length: jobs }, () => []);
  const load = new Array<number>(jobs).fill(0);
  for (const mod of [...found].sort((a, b) => b.files.length - a.files.length)) {
    let best = 0;
    for (let i = 1; i < jobs; i++) if (load[i] < load[best]) best = i;
    out[best].push(mod);
    load[best] += mod.files.length;
  }
  return out.filter((share) => share.length > 0);
}

function runWorker(found: DiscoveredModule[], series: string | null, hasInstance: boolean): Promise<ChunkResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        tsx: tsxApi(),
        entry: new URL('./analyse.ts', import.meta.url).href,
        found,
        series,
        hasInstance,
      },
    });
    worker.once('message', (message: { result?: ChunkResult; error?: string }) => {
      void worker.terminate();
      if (message.result) resolve(message.result);
      else reject(new Error(`a worker failed: ${message.error ?? 'no result'}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a worker stopped with code ${code}`));
    });
  });
}

export async function analyseInWorkers(found: readonly DiscoveredModule[], series: string | null, hasInstance: boolean, jobs: number): Promise<ChunkResult[]> {
  return Promise.all(shares(found, jobs).map((share) => runWorker(share, series, hasInstance)));
}
