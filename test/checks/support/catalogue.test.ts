/** The declarations of the security, permissions, update currency and compliance checks are complete and consistent. */
import { describe, expect, it } from 'vitest';
import { complianceChecks } from '../../../server/src/checks/compliance/index.ts';
import { permissionsChecks } from '../../../server/src/checks/permissions/index.ts';
import { securityChecks } from '../../../server/src/checks/security/index.ts';
import { updateCurrencyChecks } from '../../../server/src/checks/update_currency/index.ts';
import { expectExplainsItself, expectIdsOfDimension } from './declarations.ts';

const SETS = { security: securityChecks, permissions: permissionsChecks, update_currency: updateCurrencyChecks, compliance: complianceChecks };

describe.each(Object.entries(SETS))('the %s checks', (dimension, checks) => {
  it('are at least six, each declared in its own dimension with a unique <dimension>.<kebab-name> id', () => {
    expect(checks.length).toBeGreaterThanOrEqual(6);
    expectIdsOfDimension(dimension, checks);
  });

  it('explain themselves: title, rationale, a one-sentence fix, effort, public references and the facts they read', () => {
    for (const check of checks) expectExplainsItself(check);
  });
});
