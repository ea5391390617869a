/**
 * Storing scans of the Odoo 18.0 double on real PostgreSQL, scan after scan, while the double's data
 * changes: the Scan row, the compressed facts, and the findings lifecycle on Finding rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../server/src/checks/index.ts';
import type { Finding as FindingRow } from '../../server/src/db/client.ts';
import { rescoreFacts } from '../../server/src/engine/evaluate.ts';
import { scanInstance } from '../../server/src/engine/scan.ts';
import type { ScanOutcome } from '../../server/src/engine/evaluate.ts';
import { readStoredFacts } from '../../server/src/scans/facts-archive.ts';
import { markScanFailed, markScanRunning, recordScanOutcome, ScanNotActiveError, type RecordedScan } from '../../server/src/scans/record.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';
import { createInstance, createTenant, openDatabase, type DatabaseFixture, type Tenant } from './support.ts';

let odoo: OdooDouble;
let fixture: DatabaseFixture;
let tenant: Tenant;
let instanceId: string;

beforeAll(async () => {
  [odoo, fixture] = await Promise.all([startOdooDouble({ series: '18.0' }), openDatabase()]);
  tenant = await createTenant(fixture.db, 'Acme Partners');
  instanceId = await createInstance(fixture.db, tenant, odoo);
});

afterAll(async () => {
  await fixture?.close();
  await odoo?.close();
});

interface Scanned {
  scanId: string;
  outcome: ScanOutcome;
  recorded: RecordedScan;
  at: Date;
}

async function scanAndRecord(): Promise<Scanned> {
  const { db } = fixture;
  const scan = await db.scan.create({ data: { partnerId: tenant.partnerId, instanceId, trigger: 'manual' }, select: { id: true } });
  expect(await markScanRunning(db, scan.id, new Date())).toBe(true);
  const outcome = await scanInstance({
    target: { url: odoo.url, database: odoo.database, login: odoo.admin.login, protocol: 'xmlrpc' },
    secret: odoo.admin.password,
    secretKind: 'password',
  });
  const recorded = await recordScanOutcome(db, scan.id, outcome);
  return { scanId: scan.id, outcome, recorded, at: new Date(outcome.facts.collectedAt) };
}

async function findingOf(checkId: string, key?: string): Promise<FindingRow> {
  const rows = await fixture.db.finding.findMany({ where: { instanceId, checkId } });
  const row = key === undefined ? rows[0] : rows.find((r) => (r.object as { key: string }).key === key);
  if (!row) throw new Error(`no stored finding of ${checkId} ${key ?? ''}`);
  return row;
}

const uniqueFingerprints = (outcome: ScanOutcome) => new Set(outcome.results.flatMap((r) => r.findings.map((f) => f.fingerprint)));

describe('storing scans and the findings lifecycle', () => {
  let first: Scanned;

  it('stores the first scan: score, dimensions, coverage, version, build, compressed facts, report, and open findings', async () => {
    first = await scanAndRecord();
    const { db } = fixture;
    const scan = await db.scan.findUniqueOrThrow({ where: { id: first.scanId }, omit: { facts: false, report: false } });
    const { pulse } = first.outcome;
    expect(scan).toMatchObject({
      status: 'partial', // the double cannot answer every ir.ui.view read, so one fact group is missing
      score: pulse.score,
      uncappedScore: pulse.uncappedScore,
      grade: pulse.grade,
      coverage: pulse.coverage,
      scoringVersion: pulse.scoringVersion,
      series: '18.0',
      serverVersion: '18.0-20250506',
      edition: 'community',
      buildDate: new Date('2025-05-06T00:00:00Z'),
    });
    expect(scan.error).toMatch(/^Scored with gaps: api partial \(.*customViews.*\)\.$/);
    expect(scan.finishedAt).not.toBeNull();
    expect(scan.dimensionScores).toEqual(JSON.parse(JSON.stringify(pulse.dimensions)));
    expect((scan.report as { pulse: { score: number } }).pulse.score).toBe(pulse.score);
    // The facts are stored compressed, and replay to the same score.
    const facts = await readStoredFacts(scan.facts!);
    expect(scan.facts!.length).toBeLessThan(JSON.stringify(first.outcome.facts).length / 4);
    expect((await rescoreFacts(facts)).pulse.score).toBe(pulse.score);

    const findings = await db.finding.findMany({ where: { instanceId } });
    expect(findings).toHaveLength(uniqueFingerprints(first.outcome).size);
    for (const finding of findings) {
      expect(finding).toMatchObject({ status: 'open', partnerId: tenant.partnerId, firstSeenAt: first.at, lastSeenAt: first.at, resolvedAt: null });
    }
    expect(await db.scanFinding.count({ where: { scanId: first.scanId } })).toBe(findings.length);
    expect(first.recorded).toMatchObject({ previousScore: null, score: pulse.score, resolved: 0 });
    expect(first.recorded.opened).toHaveLength(findings.length);
  });

  it('on the next scan resolves what was fixed, opens what appeared, and keeps what people decided', async () => {
    const { db } = fixture;
    const acknowledged = await findingOf('security.database-manager-exposed');
    const accepted = await findingOf('security.users-without-2fa');
    const falsePositive = await findingOf('security.demo-users-active', 'demo');
    await db.finding.update({ where: { id: acknowledged.id }, data: { status: 'acknowledged', acknowledgedAt: new Date(), acknowledgedBy: 'ops' } });
    await db.finding.update({ where: { id: accepted.id }, data: { status: 'accepted_risk', reason: 'SSO enforces 2FA', acceptedRiskUntil: new Date('2099-01-01T00:00:00Z') } });
    await db.finding.update({ where: { id: falsePositive.id }, data: { status: 'false_positive', reason: 'demo is a test user' } });
    // The failing WMS cron gets fixed, and someone gives portal users write access to countries.
    const cron = odoo.data['ir.cron'].find((c) => c.id === 26)!;
    cron.failure_count = 0;
    cron.first_failure_date = false;
    const logs = odoo.data['ir.logging'];
    const wmsErrors = logs.filter((line) => String(line.message).includes('WMS'));
    expect(wmsErrors.length).toBeGreaterThan(0);
    for (const line of wmsErrors) logs.splice(logs.indexOf(line), 1);
    const acl = odoo.data['ir.model.access'].find((a) => a.id === 44)!;
    acl.perm_write = true;

    const second = await scanAndRecord();

    const failing = await findingOf('cron_health.failing-cron', '26');
    expect(failing).toMatchObject({ status: 'resolved', resolvedAt: second.at, resolvedBy: null, lastSeenAt: first.at });
    const portal = await findingOf('permissions.portal-acl-write-access', '44');
    expect(portal).toMatchObject({ status: 'open', firstSeenAt: second.at, lastSeenAt: second.at, severity: 'high' });
    expect(second.recorded.opened).toEqual([{ findingId: portal.id, fingerprint: portal.fingerprint, severity: 'high', transition: 'opened' }]);
    expect(second.recorded.resolved).toBe(1);

    expect(await findingOf('security.database-manager-exposed')).toMatchObject({ status: 'acknowledged', lastSeenAt: second.at });
    expect(await findingOf('security.users-without-2fa')).toMatchObject({ status: 'accepted_risk', lastSeenAt: second.at });
    expect(await findingOf('security.demo-users-active', 'demo')).toMatchObject({ status: 'false_positive', lastSeenAt: second.at });

    // The accepted risk and the false positive cost nothing in the stored score.
    const links = await db.scanFinding.findMany({ where: { scanId: second.scanId, findingId: { in: [accepted.id, falsePositive.id, acknowledged.id] } } });
    expect(Object.fromEntries(links.map((l) => [l.findingId, l.points]))).toMatchObject({ [accepted.id]: 0, [falsePositive.id]: 0 });
    expect(links.find((l) => l.findingId === acknowledged.id)!.points).toBeGreaterThan(0);
    const stored = await db.scan.findUniqueOrThrow({ where: { id: second.scanId } });
    expect(stored.score).toBe(second.recorded.score);
    expect(stored.score!).toBeGreaterThan(second.outcome.pulse.score!);
    expect(second.recorded.previousScore).toBe(first.recorded.score);
  });

  it('reopens a resolved finding the scan sees again, restarting its clock', async () => {
    const cron = odoo.data['ir.cron'].find((c) => c.id === 26)!;
    cron.failure_count = 7;
    cron.first_failure_date = '2026-12-04 19:28:53';
    const third = await scanAndRecord();
    const failing = await findingOf('cron_health.failing-cron', '26');
    expect(failing).toMatchObject({ status: 'open', reopenedAt: third.at, resolvedAt: null, lastSeenAt: third.at });
    expect(failing.message).toMatch(/failed 7 times/);
    expect(third.recorded.opened).toEqual([{ findingId: failing.id, fingerprint: failing.fingerprint, severity: failing.severity, transition: 'reopened' }]);
  });

  it('sends an accepted risk whose date has passed back to open, and counts it again', async () => {
    const accepted = await findingOf('security.users-without-2fa');
    await fixture.db.finding.update({ where: { id: accepted.id }, data: { acceptedRiskUntil: new Date(Date.now() - 60_000) } });
    const fourth = await scanAndRecord();
    expect(await findingOf('security.users-without-2fa')).toMatchObject({ status: 'open', reopenedAt: fourth.at });
    const link = await fixture.db.scanFinding.findUniqueOrThrow({ where: { scanId_findingId: { scanId: fourth.scanId, findingId: accepted.id } } });
    expect(link.points).toBeGreaterThan(0);
  });

  it('does not resolve findings of checks that could not look (a model the scanner may not read)', async () => {
    // Which cron findings are open depends on how long ago the double's crons were recorded (overdue
    // ones, or a stalled runner): whichever they are, none may be resolved by a scan that saw no crons.
    const cronChecks = ALL_CHECKS.filter((check) => check.requires.includes('crons')).map((check) => check.id);
    const openCronFindings = () =>
      fixture.db.finding.findMany({ where: { instanceId, checkId: { in: cronChecks }, status: 'open' }, orderBy: { id: 'asc' } });
    const before = await openCronFindings();
    expect(before.map((finding) => finding.checkId)).toContain('cron_health.failing-cron');
    odoo.denyModel('ir.cron');
    try {
      const fifth = await scanAndRecord();
      expect(fifth.outcome.report.gaps.map((g) => g.fact)).toContain('crons');
      expect(await openCronFindings()).toEqual(before);
      expect(fifth.recorded.resolved).toBe(0);
    } finally {
      odoo.allowModel('ir.cron');
    }
  });

  it('refuses to store a scan that already ended, and writes nothing', async () => {
    const { db } = fixture;
    const scan = await db.scan.create({ data: { partnerId: tenant.partnerId, instanceId, trigger: 'manual' }, select: { id: true } });
    expect(await markScanFailed(db, scan.id, 'Nothing answered.', new Date())).toBe(true);
    const findingsBefore = await db.finding.findMany({ where: { instanceId }, orderBy: { id: 'asc' } });
    const outcome = await scanInstance({
      target: { url: odoo.url, database: odoo.database, login: odoo.admin.login, protocol: 'xmlrpc' },
      secret: odoo.admin.password,
      secretKind: 'password',
      collectors: ['api'],
    });
    await expect(recordScanOutcome(db, scan.id, outcome)).rejects.toBeInstanceOf(ScanNotActiveError);
    expect(await db.finding.findMany({ where: { instanceId }, orderBy: { id: 'asc' } })).toEqual(findingsBefore);
    expect(await db.scan.findUniqueOrThrow({ where: { id: scan.id } })).toMatchObject({ status: 'failed', score: null, error: 'Nothing answered.' });
    expect(odoo.unanswered.filter((call) => call.model !== 'ir.ui.view')).toEqual([]);
  });
});
