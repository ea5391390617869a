import { describe, expect, it } from 'vitest';
import type { CollectorRun } from '../../server/src/facts/types.ts';
import { scanProgressEvent, scanVerdict } from '../../server/src/scans/status.ts';
import { factsWith } from '../support/facts.ts';

function run(id: 'api' | 'http', status: CollectorRun['status'], message?: string): CollectorRun {
  return { id, status, startedAt: '2026-01-01T00:00:00Z', durationMs: 10, requests: 1, rounds: 1, ...(message ? { message } : {}) };
}

function verdict(collectors: CollectorRun[], score: number | null) {
  const facts = factsWith({});
  facts.collectors = collectors;
  return scanVerdict({ facts, pulse: { score } as never });
}

describe('a stored scan\'s status', () => {
  it('is succeeded when every collector ran fully (or was not asked to run)', () => {
    expect(verdict([run('api', 'ok'), run('http', 'skipped', 'not requested')], 80)).toEqual({ status: 'succeeded', error: null });
  });

  it('is partial, naming each collector and what it missed, when something could not be collected', () => {
    expect(verdict([run('api', 'partial', '1 of 23 fact groups not collected: customViews.'), run('http', 'failed', 'TLS handshake failed')], 64)).toEqual({
      status: 'partial',
      error: 'Scored with gaps: api partial (1 of 23 fact groups not collected: customViews); http failed (TLS handshake failed).',
    });
  });

  it('is partial when nothing could be assessed, saying there is no score', () => {
    expect(verdict([run('api', 'ok')], null)).toEqual({ status: 'partial', error: 'Nothing could be assessed, so there is no score.' });
  });
});

describe('progress events', () => {
  it('carry the scan and instance with each collector\'s phase', () => {
    expect(scanProgressEvent('s', 'i', { type: 'collector-started', collector: 'api' })).toEqual({ scanId: 's', instanceId: 'i', collector: 'api', phase: 'started' });
    expect(scanProgressEvent('s', 'i', { type: 'step', collector: 'api', step: 'users', done: 3, total: 23 })).toEqual({
      scanId: 's', instanceId: 'i', collector: 'api', phase: 'step', step: 'users', done: 3, total: 23,
    });
    expect(scanProgressEvent('s', 'i', { type: 'collector-finished', collector: 'http', status: 'failed', message: 'refused' })).toEqual({
      scanId: 's', instanceId: 'i', collector: 'http', phase: 'finished', status: 'failed', message: 'refused',
    });
  });
});
