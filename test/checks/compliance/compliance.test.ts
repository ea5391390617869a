import { describe, expect, it } from 'vitest';
import { activityRetentionDisabled } from '../../../server/src/checks/compliance/activity-retention-disabled.ts';
import { auditTrailAbsent } from '../../../server/src/checks/compliance/audit-trail-absent.ts';
import { passwordPolicyWeak } from '../../../server/src/checks/compliance/password-policy-weak.ts';
import { privacyToolsAbsent } from '../../../server/src/checks/compliance/privacy-tools-absent.ts';
import { twoFactorNotEnforced } from '../../../server/src/checks/compliance/two-factor-not-enforced.ts';
import { factsWith } from '../../support/facts.ts';
import { module, MODULES_18, PARAMETERS_18, run, USERS_18 } from '../support/records.ts';

describe('compliance.password-policy-weak', () => {
  it('fires when auth_password_policy is not installed (as in the fixtures)', () => {
    const [finding] = run(passwordPolicyWeak, factsWith({ modules: MODULES_18, configParameters: PARAMETERS_18 })).findings;
    expect(finding.object).toEqual({ kind: 'module', key: 'auth_password_policy', label: 'Password Policy' });
  });

  it('fires for a minimum below 8 or no minimum, passes from 8', () => {
    const modules = [...MODULES_18, module('auth_password_policy')];
    const at = (value: string | undefined) =>
      run(passwordPolicyWeak, factsWith({ modules, configParameters: value === undefined ? PARAMETERS_18 : { ...PARAMETERS_18, 'auth_password_policy.minlength': value } }));
    expect(at('6').findings[0].message).toBe('The minimum password length is 6 characters, below 8.');
    expect(at('0').findings[0].message).toContain('sets no minimum length');
    expect(at(undefined).findings).toHaveLength(1);
    expect(at('8').status).toBe('passed');
    expect(at('12').status).toBe('passed');
  });

  it('reports an error, not a pass, when the value was masked at collection', () => {
    const modules = [...MODULES_18, module('auth_password_policy')];
    const result = run(passwordPolicyWeak, factsWith({ modules, configParameters: { 'auth_password_policy.minlength': '***' } }));
    expect(result.status).toBe('error');
    expect(result.reason).toContain('masked');
  });
});

describe('compliance.two-factor-not-enforced', () => {
  it('gives the adoption rate when no policy enforces 2FA (1 of 5 in the fixtures)', () => {
    const [finding] = run(twoFactorNotEnforced, factsWith({ users: USERS_18, modules: MODULES_18, configParameters: PARAMETERS_18 })).findings;
    expect(finding.message).toBe('Two-factor authentication is not enforced and only 1 of 5 internal users (20%) use it.');
    expect(finding.severity).toBe('medium');
  });

  it('is low once most users have adopted it', () => {
    const users = USERS_18.map((u) => (u.login === 'demo' ? u : { ...u, totpEnabled: true }));
    expect(run(twoFactorNotEnforced, factsWith({ users, modules: MODULES_18, configParameters: PARAMETERS_18 })).findings[0].severity).toBe('low');
  });

  it('passes when enforced for employees, or when every internal user has it', () => {
    const enforced = { ...PARAMETERS_18, 'auth_totp.policy': 'employee_required' };
    expect(run(twoFactorNotEnforced, factsWith({ users: USERS_18, modules: MODULES_18, configParameters: enforced })).status).toBe('passed');
    const all = USERS_18.map((u) => ({ ...u, totpEnabled: true }));
    expect(run(twoFactorNotEnforced, factsWith({ users: all, modules: MODULES_18, configParameters: PARAMETERS_18 })).status).toBe('passed');
  });

  it('does not count the policy without the module that applies it', () => {
    const enforced = { ...PARAMETERS_18, 'auth_totp.policy': 'all_required' };
    const modules = MODULES_18.filter((m) => m.name !== 'auth_totp_mail');
    expect(run(twoFactorNotEnforced, factsWith({ users: USERS_18, modules, configParameters: enforced })).status).toBe('failed');
  });
});

describe('compliance.privacy-tools-absent', () => {
  it('passes with privacy_lookup installed (the fixtures)', () => {
    expect(run(privacyToolsAbsent, factsWith({ modules: MODULES_18 })).status).toBe('passed');
  });

  it('fires without it, and does not apply before 15.0', () => {
    const modules = MODULES_18.filter((m) => m.name !== 'privacy_lookup');
    expect(run(privacyToolsAbsent, factsWith({ modules })).findings[0].object.key).toBe('privacy_lookup');
    expect(run(privacyToolsAbsent, factsWith({ modules }, { series: '14.0' })).status).toBe('not_applicable');
  });
});

describe('compliance.activity-retention-disabled', () => {
  it('passes with the 3 years mail sets on install', () => {
    expect(run(activityRetentionDisabled, factsWith({ modules: MODULES_18, configParameters: PARAMETERS_18 })).status).toBe('passed');
  });

  it('fires when the parameter is missing or 0', () => {
    const { ['mail.activity.gc.delete_overdue_years']: _removed, ...missing } = PARAMETERS_18;
    expect(run(activityRetentionDisabled, factsWith({ modules: MODULES_18, configParameters: missing })).findings[0].message).toContain('is not set');
    const zero = { ...PARAMETERS_18, 'mail.activity.gc.delete_overdue_years': '0' };
    expect(run(activityRetentionDisabled, factsWith({ modules: MODULES_18, configParameters: zero })).findings[0].message).toContain('is "0"');
  });
});

describe('compliance.audit-trail-absent', () => {
  it('fires when no audit module is installed (the fixtures)', () => {
    expect(run(auditTrailAbsent, factsWith({ modules: MODULES_18 })).findings[0].object.key).toBe('audit-trail');
  });

  it('passes with OCA auditlog installed, but not when it is only available', () => {
    expect(run(auditTrailAbsent, factsWith({ modules: [...MODULES_18, module('auditlog', { author: 'OCA' })] })).status).toBe('passed');
    expect(run(auditTrailAbsent, factsWith({ modules: [...MODULES_18, module('auditlog', { state: 'uninstalled' })] })).status).toBe('failed');
  });
});
