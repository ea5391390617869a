/**
 * A small, fully known scan for renderer tests: facts built with test/support/facts.ts and a handful
 * of test-local checks (so the expectations do not move as the real catalogue grows), scored by the
 * real scoring.
 */
import { defineCheck, type CheckDefinition } from '../../server/src/checks/types.ts';
import { evaluateFacts, type ScanOutcome } from '../../server/src/engine/evaluate.ts';
import type { CronFact, Facts, UserFact } from '../../server/src/facts/types.ts';
import { notCollected } from '../../server/src/facts/types.ts';
import { factsWith } from '../support/facts.ts';

export function user(login: string, id: number): UserFact {
  return {
    id, login, name: login, active: true, share: false, groupIds: [], totpEnabled: false,
    loginDate: null, apiKeyCount: 0, createDate: '2025-01-01 00:00:00',
  };
}

export function cron(name: string, id: number, nextcall: string): CronFact {
  return {
    id, name, active: true, intervalNumber: 1, intervalType: 'days', nextcall, lastcall: null, priority: 5,
    userId: 1, userName: 'OdooBot', model: 'res.partner', code: 'model.run()', failureCount: 0,
    firstFailureDate: null, numbercall: null, serverActionId: null,
  };
}

export const adminLogin = defineCheck({
  id: 'security.test-admin-login',
  dimension: 'security',
  severity: 'critical',
  title: 'Administrator login is "admin"',
  rationale: 'A predictable login halves the work of guessing credentials.',
  remediation: 'Rename the administrator login to a personal address. Then review who knows the old one.',
  effortHours: 0.25,
  references: ['https://example.com/admin-login'],
  requires: ['users'],
  evaluate: ({ users }) =>
    users
      .filter((u) => u.login === 'admin')
      .map((u) => ({ object: { kind: 'user' as const, key: u.login, label: u.name }, message: `User ${u.login} uses a guessable login.` })),
});

export const overdueCron = defineCheck({
  id: 'cron_health.test-overdue',
  dimension: 'cron_health',
  severity: 'medium',
  title: 'Scheduled action overdue',
  rationale: 'An overdue cron means the cron runner is stuck or the job keeps failing.',
  remediation: 'Check the cron worker is running. Look at the server log for the failing job.',
  effortHours: 1,
  references: [],
  requires: ['crons'],
  evaluate: ({ crons }, context) =>
    crons
      .filter((c) => c.nextcall !== null && Date.parse(`${c.nextcall.replace(' ', 'T')}Z`) < context.now.getTime())
      .map((c) => ({
        object: { kind: 'cron' as const, key: String(c.id), label: c.name },
        message: `${c.name} should have run at ${c.nextcall}.`,
        evidence: { nextcall: c.nextcall },
      })),
});

export const sourceFile = defineCheck({
  id: 'custom_code.test-commit',
  dimension: 'custom_code',
  severity: 'low',
  title: 'cr.commit() in custom code',
  rationale: 'Committing inside a request breaks the transaction the ORM relies on.',
  remediation: 'Remove the explicit commit. Let the request commit.',
  effortHours: 2,
  references: [],
  requires: ['modules'],
  evaluate: () => [
    {
      object: { kind: 'file', key: 'x_sync/models/sync.py:42', file: 'x_sync/models/sync.py', line: 42, column: 9 },
      message: 'self.env.cr.commit() is called inside a loop.',
    },
  ],
});

export const needsLogs = defineCheck({
  id: 'performance.test-needs-logs',
  dimension: 'performance',
  severity: 'medium',
  title: 'Reads the logs',
  rationale: 'Needs logs.',
  remediation: 'Nothing.',
  effortHours: 1,
  references: [],
  requires: ['logs'],
  evaluate: () => [],
});

export const throwsOnFacts = defineCheck({
  id: 'configuration.test-throws',
  dimension: 'configuration',
  severity: 'low',
  title: 'Breaks on odd data',
  rationale: 'Shows a check error.',
  remediation: 'Nothing.',
  effortHours: 1,
  references: [],
  requires: ['companies'],
  evaluate: () => {
    throw new Error('unexpected company shape');
  },
});

export const SAMPLE_CHECKS: readonly CheckDefinition[] = [adminLogin, overdueCron, sourceFile, needsLogs, throwsOnFacts] as CheckDefinition[];

export function sampleFacts(): Facts {
  const facts = factsWith({
    users: [user('admin', 2), user('olivia.ops@example.com', 7)],
    crons: [cron('Mail: Email Queue Manager', 3, '2024-01-15 02:00:00'), cron('Custom: Nightly cleanup', 9, '2027-01-01 00:00:00')],
    modules: [],
    companies: [],
  });
  facts.logs = notCollected('access denied on ir.logging');
  return facts;
}

export function sampleScan(facts: Facts = sampleFacts()): Promise<ScanOutcome> {
  return evaluateFacts(facts, { checks: SAMPLE_CHECKS });
}
