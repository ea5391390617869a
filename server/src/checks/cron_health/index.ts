import type { CheckDefinition } from '../types.ts';
import { cronErrorsInLog } from './cron-errors-in-log.ts';
import { cronRunnerStalled } from './cron-runner-stalled.ts';
import { cronRunsAsAdmin } from './cron-runs-as-admin.ts';
import { essentialCronDisabled } from './essential-cron-disabled.ts';
import { exhaustedCron } from './exhausted-cron.ts';
import { failingCron } from './failing-cron.ts';
import { overdueCron } from './overdue-cron.ts';
import { tooFrequentCron } from './too-frequent-cron.ts';

/** The cron health dimension's checks, one module each. */
export const cronHealthChecks: readonly CheckDefinition[] = [
  failingCron,
  cronErrorsInLog,
  cronRunnerStalled,
  overdueCron,
  essentialCronDisabled,
  tooFrequentCron,
  cronRunsAsAdmin,
  exhaustedCron,
];
