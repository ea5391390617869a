import type { CheckDefinition } from '../types.ts';
import { attachmentStorageDatabase } from './attachment-storage-database.ts';
import { baseUrlMismatch } from './base-url-mismatch.ts';
import { baseUrlNotFrozen } from './base-url-not-frozen.ts';
import { baseUrlNotHttps } from './base-url-not-https.ts';
import { baseUrlNotPublic } from './base-url-not-public.ts';
import { catchallDomainMissing } from './catchall-domain-missing.ts';
import { companyWithoutCountry } from './company-without-country.ts';
import { debugModeServed } from './debug-mode-served.ts';
import { mailServerFailing } from './mail-server-failing.ts';
import { noOutgoingMailServer } from './no-outgoing-mail-server.ts';
import { timedAutomationsWithoutCron } from './timed-automations-without-cron.ts';

/** The configuration dimension's checks, one module each. */
export const configurationChecks: readonly CheckDefinition[] = [
  baseUrlNotPublic,
  baseUrlNotHttps,
  baseUrlNotFrozen,
  baseUrlMismatch,
  noOutgoingMailServer,
  mailServerFailing,
  catchallDomainMissing,
  attachmentStorageDatabase,
  timedAutomationsWithoutCron,
  companyWithoutCountry,
  debugModeServed,
];
