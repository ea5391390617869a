/** The performance checks over the recorded fixture databases: their outgoing mails failed on purpose (3 in 17.0, 15 in 18.0). */
import { describe, expect, it } from 'vitest';
import { performanceChecks } from '../../../server/src/checks/performance/index.ts';
import { runOnSnapshot } from '../support/snapshots.ts';

describe.each([
  ['17.0', 3],
  ['18.0', 15],
] as const)('performance on the %s fixture database', (series, failed) => {
  const run = runOnSnapshot(performanceChecks, series);

  it('reports the failed mails of the queue, and nothing else', () => {
    expect(run.seen).toEqual(['performance.mail-queue-exceptions mail.mail']);
    const finding = run.find('performance.mail-queue-exceptions');
    expect(finding?.evidence).toMatchObject({ exception: failed, reasons: [{ reason: '111 Connection refused', count: failed }] });
  });
});
