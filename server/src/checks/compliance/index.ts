import type { CheckDefinition } from '../types.ts';
import { activityRetentionDisabled } from './activity-retention-disabled.ts';
import { auditTrailAbsent } from './audit-trail-absent.ts';
import { cardNumbersInLogs } from './card-numbers-in-logs.ts';
import { passwordPolicyWeak } from './password-policy-weak.ts';
import { piiInLogs } from './pii-in-logs.ts';
import { privacyToolsAbsent } from './privacy-tools-absent.ts';
import { twoFactorNotEnforced } from './two-factor-not-enforced.ts';

/** The compliance readiness dimension's checks, one module each. */
export const complianceChecks: readonly CheckDefinition[] = [
  passwordPolicyWeak,
  twoFactorNotEnforced,
  privacyToolsAbsent,
  activityRetentionDisabled,
  auditTrailAbsent,
  piiInLogs,
  cardNumbersInLogs,
];
