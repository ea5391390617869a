/**
 * Full scans (collect → check → score → report) against the Odoo double over loopback, for each
 * recorded series, plus the offline re-score of the facts they produced.
 */
import { evaluateFacts } from '../../server/src/engine/evaluate.ts';
import { scanInstance, type ScanOutcome } from '../../server/src/engine/scan.ts';
import { startOdooDouble } from '../../test/support/odoo-double/index.ts';
import { summarize, timeRuns } from '../stats.ts';
import type { BenchSuite, CaseResult } from '../suite.ts';

const SERIES = ['17.0', '18.0'] as const;

function collectorFigures(outcome: ScanOutcome) {
  const run = (id: string) => outcome.facts.collectors.find((c) => c.id === id);
  return { api: run('api'), http: run('http') };
}

async function scanSeries(series: (typeof SERIES)[number], runs: number, warmup: number): Promise<CaseResult[]> {
  const odoo = await startOdooDouble({ series });
  try {
    const options = {
      target: { url: odoo.url, database: odoo.database, login: odoo.admin.login, protocol: 'xmlrpc' as const },
      secret: odoo.admin.password,
      secretKind: 'password' as const,
    };
    let callsBefore = 0;
    const callsPerRun: number[] = [];
    const scans = await timeRuns(async () => {
      callsBefore = odoo.calls.length;
      const outcome = await scanInstance(options);
      callsPerRun.push(odoo.calls.length - callsBefore);
      return outcome;
    }, { runs, warmup });
    const outcome = scans.last;
    const { api, http } = collectorFigures(outcome);
    const factsJson = JSON.stringify(outcome.facts);
    const scan: CaseResult = {
      name: `scan ${series}`,
      wallMs: summarize(scans.samples),
      metrics: {
        'rpc calls': callsPerRun[callsPerRun.length - 1],
        'rpc rounds': api?.rounds ?? 0,
        'http requests': http?.requests ?? 0,
        'http rounds': http?.rounds ?? 0,
        'facts KiB': Math.round((Buffer.byteLength(factsJson) / 1024) * 10) / 10,
        findings: outcome.pulse.findings.length,
        score: outcome.pulse.score ?? 'n/a',
      },
    };
    const facts = outcome.facts;
    const rescores = await timeRuns(() => evaluateFacts(JSON.parse(factsJson) as typeof facts), { runs, warmup });
    const rescore: CaseResult = {
      name: `re-score ${series} facts`,
      wallMs: summarize(rescores.samples),
      metrics: { 'facts KiB': scan.metrics['facts KiB'], findings: rescores.last.pulse.findings.length },
    };
    return [scan, rescore];
  } finally {
    await odoo.close();
  }
}

export const suite: BenchSuite = {
  name: 'scan',
  description: 'full scans against the Odoo double (loopback), and re-scores of their facts',
  async run({ runs, warmup, log }) {
    const cases: CaseResult[] = [];
    for (const series of SERIES) {
      log(`scanning the ${series} double…`);
      cases.push(...(await scanSeries(series, runs, warmup)));
    }
    return cases;
  },
};
