import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../server/src/checks/index.ts';
import type { ProgressEvent } from '../../server/src/collect/types.ts';
import { rescoreFacts } from '../../server/src/engine/evaluate.ts';
import { scanInstance } from '../../server/src/engine/scan.ts';
import { OdooError } from '../../server/src/odoo/types.ts';
import { scanReportErrors } from '../report/schema.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';

let odoo: OdooDouble;
beforeAll(async () => {
  odoo = await startOdooDouble({ series: '18.0' });
});
afterAll(() => odoo?.close());

const options = (overrides: { secret?: string } = {}) => ({
  target: { url: odoo.url, database: odoo.database, login: odoo.admin.login, protocol: 'xmlrpc' as const },
  secret: overrides.secret ?? odoo.admin.password,
  secretKind: 'password' as const,
  collectors: ['api' as const],
});

describe('scanInstance against the Odoo 18.0 double', () => {
  it('collects, checks, scores and reports the instance, reporting progress', async () => {
    const events: ProgressEvent[] = [];
    const { facts, results, pulse, report } = await scanInstance(options(), (e) => events.push(e));
    expect(report.instance).toMatchObject({ series: '18.0', serverVersion: '18.0-20250506' });
    expect(report.target).toMatchObject({ url: odoo.url, database: odoo.database });
    expect(facts.modules.status).toBe('collected');
    expect(results.length).toBe(report.checks.length);
    expect(report.pulse).toBe(pulse);
    expect(pulse.score).not.toBeNull();
    expect(scanReportErrors(JSON.parse(JSON.stringify(report)))).toEqual([]);
    expect(events.some((e) => e.type === 'collector-started' && e.collector === 'api')).toBe(true);
    expect(events.some((e) => e.type === 'step')).toBe(true);
    // The snapshot replays to the same score.
    expect((await rescoreFacts(JSON.parse(JSON.stringify(facts)))).pulse).toEqual(pulse);
  });

  it('turns a model the user may not read into a stated gap, not a failure', async () => {
    odoo.denyModel('ir.cron');
    try {
      const { report } = await scanInstance(options());
      const gap = report.gaps.find((g) => g.fact === 'crons');
      expect(gap?.reason).toMatch(/ir\.cron/);
      expect(report.pulse.score).not.toBeNull();
      const needCrons = new Set(ALL_CHECKS.filter((c) => (c.requires as readonly string[]).includes('crons')).map((c) => c.id));
      const outcomes = report.checks.filter((c) => needCrons.has(c.checkId));
      expect(outcomes.length).toBeGreaterThan(0);
      for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'not_assessed', reason: expect.stringMatching(/crons/) });
    } finally {
      odoo.allowModel('ir.cron');
    }
  });

  it('rejects with an OdooError when the credentials are wrong', async () => {
    await expect(scanInstance(options({ secret: 'not-the-password' }))).rejects.toSatisfy(
      (error: unknown) => error instanceof OdooError && error.kind === 'bad_credentials',
    );
  });
});
