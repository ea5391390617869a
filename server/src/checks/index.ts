/**
 * The live check catalogue: every check, in one list. Each dimension folder lists its own checks in
 * its index.ts; add a check there, never here.
 */
import { complianceChecks } from './compliance/index.ts';
import { configurationChecks } from './configuration/index.ts';
import { cronHealthChecks } from './cron_health/index.ts';
import { customCodeChecks } from './custom_code/index.ts';
import { moduleHealthChecks } from './module_health/index.ts';
import { performanceChecks } from './performance/index.ts';
import { permissionsChecks } from './permissions/index.ts';
import { securityChecks } from './security/index.ts';
import { updateCurrencyChecks } from './update_currency/index.ts';
import type { CheckDefinition } from './types.ts';

export const ALL_CHECKS: readonly CheckDefinition[] = [
  ...securityChecks,
  ...moduleHealthChecks,
  ...permissionsChecks,
  ...customCodeChecks,
  ...cronHealthChecks,
  ...performanceChecks,
  ...configurationChecks,
  ...updateCurrencyChecks,
  ...complianceChecks,
];
