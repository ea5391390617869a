/** The API's pure parts: finding transitions, score buckets, input validation, portfolio arithmetic. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FindingStatus } from '../../server/src/db/client.ts';
import { findingTransition, type FindingAction } from '../../server/src/graphql/data/finding-transitions.ts';
import { instanceUrl, scanSchedule, tagList } from '../../server/src/graphql/data/instance-input.ts';
import { portfolioSummary } from '../../server/src/graphql/data/portfolio.ts';
import { dailyBuckets, localDate, type ScorePoint } from '../../server/src/graphql/data/score-history.ts';
import { uuidv7 } from '../../server/src/graphql/data/uuid.ts';
import { InvalidInputError, InvalidTransitionError } from '../../server/src/graphql/errors.ts';
import { pageSizeOf } from '../../server/src/graphql/limits.ts';
import { redact } from '../../server/src/graphql/logger.ts';
import type { DimensionScore } from '../../server/src/score/types.ts';

const now = new Date('2026-06-01T12:00:00Z');
const context = { now, actor: 'API key "ops" (pulse_abcdefghij)' };
const STATUSES: FindingStatus[] = ['open', 'acknowledged', 'resolved', 'accepted_risk', 'false_positive'];
const ACTIONS: FindingAction[] = [
  { kind: 'acknowledge' },
  { kind: 'acceptRisk', reason: 'behind the VPN', until: new Date('2026-09-01T00:00:00Z') },
  { kind: 'falsePositive', reason: 'module not installed' },
  { kind: 'reopen' },
];

describe('finding transitions', () => {
  it('allows exactly the documented moves', () => {
    const allowed: string[] = [];
    for (const from of STATUSES) {
      for (const action of ACTIONS) {
        try {
          findingTransition(from, action, context);
          allowed.push(`${from} ${action.kind}`);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidTransitionError);
          expect((error as InvalidTransitionError).from).toBe(from);
        }
      }
    }
    expect(allowed.sort()).toEqual(
      [
        'open acknowledge',
        'open acceptRisk',
        'open falsePositive',
        'acknowledged acceptRisk',
        'acknowledged falsePositive',
        'acknowledged reopen',
        'accepted_risk acceptRisk',
        'accepted_risk falsePositive',
        'accepted_risk reopen',
        'false_positive acceptRisk',
        'false_positive reopen',
      ].sort(),
    );
  });

  it('records who acknowledged and when; reopening clears the decision and restarts the clock', () => {
    expect(findingTransition('open', { kind: 'acknowledge' }, context)).toEqual({ status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: context.actor });
    // Deciding about an open finding acknowledges it; an accepted risk stays unresolved (it lapses).
    expect(findingTransition('open', ACTIONS[1], context)).toMatchObject({ acknowledgedBy: context.actor, resolvedAt: null, resolvedBy: null });
    expect(findingTransition('acknowledged', ACTIONS[2], context)).toEqual({
      status: 'false_positive',
      reason: 'module not installed',
      acceptedRiskUntil: null,
      resolvedAt: now,
      resolvedBy: context.actor,
    });
    expect(findingTransition('accepted_risk', { kind: 'reopen' }, context)).toMatchObject({
      status: 'open',
      reopenedAt: now,
      reason: null,
      acceptedRiskUntil: null,
      resolvedAt: null,
      resolvedBy: null,
    });
  });

  it('needs a reason and a future date to accept a risk', () => {
    expect(() => findingTransition('open', { kind: 'acceptRisk', reason: ' ', until: new Date('2027-01-01') }, context)).toThrow(InvalidInputError);
    expect(() => findingTransition('open', { kind: 'acceptRisk', reason: 'ok', until: now }, context)).toThrow(/in the future/);
    expect(() => findingTransition('open', { kind: 'falsePositive', reason: '' }, context)).toThrow(/Give a reason/);
  });
});

describe('score buckets', () => {
  const point = (iso: string, score: number): ScorePoint => ({ scanId: iso, at: new Date(iso), score, grade: null, coverage: 1 });

  it("puts a scan on the partner's calendar day, across a daylight-saving change", () => {
    // Brussels moves to UTC+2 at 01:00 UTC on 29 March 2026.
    expect(localDate(new Date('2026-03-28T23:30:00Z'), 'Europe/Brussels')).toBe('2026-03-29');
    expect(localDate(new Date('2026-03-29T22:30:00Z'), 'Europe/Brussels')).toBe('2026-03-30');
    expect(localDate(new Date('2026-03-29T21:30:00Z'), 'Europe/Brussels')).toBe('2026-03-29');
    expect(localDate(new Date('2026-03-29T21:30:00Z'), 'America/New_York')).toBe('2026-03-29');
  });

  it('orders days and takes the last scan of the day, whatever the input order', () => {
    const buckets = dailyBuckets([point('2026-05-02T10:00:00Z', 50), point('2026-05-01T18:00:00Z', 90), point('2026-05-01T08:00:00Z', 70)], 'UTC');
    expect(buckets).toEqual([
      { date: '2026-05-01', average: 80, min: 70, max: 90, last: 90, scanCount: 2 },
      { date: '2026-05-02', average: 50, min: 50, max: 50, last: 50, scanCount: 1 },
    ]);
  });

  it('keeps every scan in exactly one bucket, each bucket within its min and max', () => {
    const arbitraryPoint = fc.record({
      at: fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }),
      score: fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
    });
    fc.assert(
      fc.property(fc.array(arbitraryPoint, { maxLength: 40 }), fc.constantFrom('UTC', 'Europe/Brussels', 'Pacific/Auckland'), (raw, zone) => {
        const points = raw.map((p, i) => ({ scanId: String(i), at: p.at, score: p.score, grade: null, coverage: null }));
        const buckets = dailyBuckets(points, zone);
        expect(buckets.reduce((sum, bucket) => sum + bucket.scanCount, 0)).toBe(points.length);
        expect([...buckets.map((b) => b.date)].sort()).toEqual(buckets.map((b) => b.date));
        for (const bucket of buckets) {
          expect(bucket.min).toBeLessThanOrEqual(bucket.max);
          expect(bucket.average).toBeGreaterThanOrEqual(bucket.min - 0.05);
          expect(bucket.average).toBeLessThanOrEqual(bucket.max + 0.05);
        }
      }),
    );
  });
});

describe('instance input', () => {
  it('normalises the URL and refuses what cannot be an instance address', () => {
    expect(instanceUrl(' https://erp.example.com/ ')).toBe('https://erp.example.com');
    expect(instanceUrl('https://example.com/odoo//')).toBe('https://example.com/odoo');
    expect(() => instanceUrl('erp.example.com')).toThrow(/not a URL/);
    expect(() => instanceUrl('https://a:b@erp.example.com')).toThrow(/login or password/);
    expect(() => instanceUrl('https://erp.example.com/?db=prod')).toThrow(/without \?query/);
  });

  it('accepts the schedules the scheduler runs, at most hourly, and names the field otherwise', () => {
    expect(scanSchedule(' 0  3 * * * ', 'Europe/Brussels')).toBe('0 3 * * *');
    expect(scanSchedule('0 * * * *', 'UTC')).toBe('0 * * * *');
    expect(scanSchedule('Daily', 'UTC')).toBe('daily');
    expect(scanSchedule('@weekly', 'UTC')).toBe('@weekly');
    expect(scanSchedule('  ', 'UTC')).toBeNull();
    expect(scanSchedule(null, 'UTC')).toBeNull();
    for (const refused of ['0,30 * * * *', '@minutely', '0 0 3 * * *', '61 3 * * *']) {
      expect(() => scanSchedule(refused, 'UTC'), refused).toThrow(InvalidInputError);
    }
    expect(() => scanSchedule('*/5 * * * *', 'UTC')).toThrow(/more often than every 60 minutes/);
  });

  it('trims tags and drops duplicates and blanks', () => {
    expect(tagList([' eu', 'eu', '', 'prod '])).toEqual(['eu', 'prod']);
    expect(() => tagList(Array.from({ length: 21 }, (_, i) => `t${i}`))).toThrow(/at most 20 tags/);
  });
});

describe('portfolio', () => {
  const dims = (scores: Array<[DimensionScore['dimension'], number | null]>): DimensionScore[] =>
    scores.map(([dimension, score]) => ({
      dimension,
      title: dimension,
      weight: 10,
      score,
      assessed: score !== null,
      reason: null,
      findingCount: 0,
      checks: { total: 0, assessed: 0, passed: 0, failed: 0, notAssessed: 0, notApplicable: 0 },
    }));

  it('averages current scores and assessed dimensions, lists instances under the threshold lowest first', () => {
    const summary = portfolioSummary(
      ['a', 'b', 'c', 'd'],
      [
        { instanceId: 'a', scanId: 's1', score: 90, dimensionScores: dims([['security', 80], ['performance', null]]) },
        { instanceId: 'b', scanId: 's2', score: 50, dimensionScores: dims([['security', 40], ['performance', 70]]) },
        { instanceId: 'c', scanId: 's3', score: 65, dimensionScores: dims([['security', 60]]) },
        { instanceId: 'z', scanId: 's4', score: 1, dimensionScores: dims([['security', 0]]) },
      ],
      70,
    );
    expect(summary).toEqual({
      instanceCount: 4,
      scoredInstanceCount: 3,
      averageScore: 68.3,
      belowThreshold: ['b', 'c'],
      dimensions: [
        { dimension: 'security', averageScore: 60, instanceCount: 3 },
        { dimension: 'performance', averageScore: 70, instanceCount: 1 },
      ],
    });
  });

  it('has no average when nothing is scored', () => {
    expect(portfolioSummary(['a'], [], 70)).toMatchObject({ instanceCount: 1, scoredInstanceCount: 0, averageScore: null, belowThreshold: [] });
  });
});

describe('small helpers', () => {
  it('scrubs API keys and encrypted secrets from log lines, keeping what identifies them', () => {
    const key = `pulse_abcdefghij_${'Q'.repeat(40)}`;
    expect(redact(`auth ${key} failed`)).toBe('auth pulse_abcdefghij_[redacted] failed');
    expect(redact('secret=pulse:v1:0a1b2c3d:AAAA_bbbb-CCCC end')).toBe('secret=pulse:v1:0a1b2c3d:[redacted] end');
  });

  it('makes version 7 uuids that sort by time', () => {
    const first = uuidv7(new Date('2026-01-01T00:00:00Z'));
    const second = uuidv7(new Date('2026-01-01T00:00:00.001Z'));
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first < second).toBe(true);
  });

  it('bounds the page size a connection is costed at', () => {
    expect(pageSizeOf({})).toBe(20);
    expect(pageSizeOf({ first: 5 })).toBe(5);
    expect(pageSizeOf({ last: 1000 })).toBe(100);
    expect(pageSizeOf({ first: 0 })).toBe(1);
  });
});
