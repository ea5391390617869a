import { describe, expect, it } from 'vitest';
import { adminLoginUnchanged } from '../../../server/src/checks/security/admin-login-unchanged.ts';
import { apiKeysUnexpiring } from '../../../server/src/checks/security/api-keys-unexpiring.ts';
import { demoUsersActive } from '../../../server/src/checks/security/demo-users-active.ts';
import { loginCooldownDisabled } from '../../../server/src/checks/security/login-cooldown-disabled.ts';
import { publicSignupEnabled } from '../../../server/src/checks/security/public-signup-enabled.ts';
import { usersWithout2fa } from '../../../server/src/checks/security/users-without-2fa.ts';
import { factsWith } from '../../support/facts.ts';
import { apiKey, GROUPS_18, module, MODULES_18, PARAMETERS_18, run, user, USERS_18 } from '../support/records.ts';

describe('security.users-without-2fa', () => {
  const base = { groups: GROUPS_18, modules: MODULES_18, configParameters: PARAMETERS_18 };

  it('lists the active internal users without TOTP, high because administrators are among them', () => {
    const [finding] = run(usersWithout2fa, factsWith({ ...base, users: USERS_18 })).findings;
    expect(finding.message).toBe(
      '4 of 5 internal users have no two-factor authentication: admin, demo, olivia.ops@example.com, sam.sales@example.com ' +
        '(administrators among them: admin, olivia.ops@example.com).',
    );
    expect(finding).toMatchObject({ severity: 'high', object: { kind: 'group', key: 'User types / Internal User' } });
  });

  it('is medium when only non-administrators lack it', () => {
    const users = USERS_18.map((u) => (u.login === 'admin' || u.login.startsWith('olivia') ? { ...u, totpEnabled: true } : u));
    const [finding] = run(usersWithout2fa, factsWith({ ...base, users })).findings;
    expect(finding.severity).toBe('medium');
    expect(finding.evidence.users).toEqual(['demo', 'sam.sales@example.com']);
  });

  it('passes when every internal user has TOTP, or when the employee policy enforces e-mailed codes', () => {
    const all = USERS_18.map((u) => ({ ...u, totpEnabled: true }));
    expect(run(usersWithout2fa, factsWith({ ...base, users: all })).status).toBe('passed');
    const enforced = { ...PARAMETERS_18, 'auth_totp.policy': 'employee_required' };
    expect(run(usersWithout2fa, factsWith({ ...base, configParameters: enforced, users: USERS_18 })).status).toBe('passed');
  });

  it('reports the missing auth_totp module instead when 2FA is not available at all', () => {
    const modules = MODULES_18.filter((m) => !m.name.startsWith('auth_totp'));
    const users = USERS_18.map((u) => ({ ...u, totpEnabled: null }));
    const [finding] = run(usersWithout2fa, factsWith({ ...base, modules, users })).findings;
    expect(finding).toMatchObject({ severity: 'high', object: { kind: 'module', key: 'auth_totp' } });
  });

  it('reports an error rather than a pass when the 2FA status could not be read', () => {
    const users = USERS_18.map((u) => ({ ...u, totpEnabled: null }));
    expect(run(usersWithout2fa, factsWith({ ...base, users })).status).toBe('error');
  });
});

describe('security.admin-login-unchanged', () => {
  it('fires for the active account signing in as "admin"', () => {
    const [finding] = run(adminLoginUnchanged, factsWith({ users: USERS_18 })).findings;
    expect(finding).toMatchObject({ object: { kind: 'user', key: 'admin', label: 'Mitchell Admin' } });
  });

  it('passes once the login is renamed (an archived "admin" does not count)', () => {
    const renamed = USERS_18.map((u) => (u.login === 'admin' ? { ...u, login: 'mitchell@example.com' } : u));
    expect(run(adminLoginUnchanged, factsWith({ users: renamed })).status).toBe('passed');
    const archived = USERS_18.map((u) => (u.login === 'admin' ? { ...u, active: false } : u));
    expect(run(adminLoginUnchanged, factsWith({ users: archived })).status).toBe('passed');
  });
});

describe('security.demo-users-active', () => {
  it('reports the demo accounts, the internal one as medium and the portal one as low', () => {
    const findings = run(demoUsersActive, factsWith({ users: USERS_18 })).findings;
    expect(findings.map((f) => [f.object.key, f.severity])).toEqual([
      ['demo', 'medium'],
      ['portal', 'low'],
    ]);
  });

  it('passes when the demo accounts are archived', () => {
    const users = USERS_18.map((u) => (u.login === 'demo' || u.login === 'portal' ? { ...u, active: false } : u));
    expect(run(demoUsersActive, factsWith({ users })).status).toBe('passed');
  });
});

describe('security.public-signup-enabled', () => {
  it('fires (medium) for b2c sign-up when no shop needs it', () => {
    const [finding] = run(publicSignupEnabled, factsWith({ configParameters: PARAMETERS_18, modules: MODULES_18 })).findings;
    expect(finding).toMatchObject({ severity: 'medium', object: { kind: 'parameter', key: 'auth_signup.invitation_scope' } });
  });

  it('is low when an online shop is installed, where sign-up is usually intended', () => {
    const modules = [...MODULES_18, module('website_sale')];
    expect(run(publicSignupEnabled, factsWith({ configParameters: PARAMETERS_18, modules })).findings[0].severity).toBe('low');
  });

  it('passes on invitation-only (b2b) or without auth_signup', () => {
    const b2b = { ...PARAMETERS_18, 'auth_signup.invitation_scope': 'b2b' };
    expect(run(publicSignupEnabled, factsWith({ configParameters: b2b, modules: MODULES_18 })).status).toBe('passed');
    const noSignup = MODULES_18.filter((m) => m.name !== 'auth_signup');
    expect(run(publicSignupEnabled, factsWith({ configParameters: PARAMETERS_18, modules: noSignup })).status).toBe('passed');
  });
});

describe('security.login-cooldown-disabled', () => {
  it('passes with the values Odoo writes at database creation, and when the parameters are absent', () => {
    expect(run(loginCooldownDisabled, factsWith({ configParameters: PARAMETERS_18 })).status).toBe('passed');
    expect(run(loginCooldownDisabled, factsWith({ configParameters: {} })).status).toBe('passed');
  });

  it('is high when a threshold or duration of 0 disables it', () => {
    const off = { ...PARAMETERS_18, 'base.login_cooldown_after': '0' };
    expect(run(loginCooldownDisabled, factsWith({ configParameters: off })).findings[0]).toMatchObject({
      severity: 'high',
      object: { key: 'base.login_cooldown_after' },
    });
    const noPause = { ...PARAMETERS_18, 'base.login_cooldown_duration': '0' };
    expect(run(loginCooldownDisabled, factsWith({ configParameters: noPause })).findings[0].object.key).toBe('base.login_cooldown_duration');
  });

  it('is low when the protection is merely lenient', () => {
    const lenient = { ...PARAMETERS_18, 'base.login_cooldown_after': '100', 'base.login_cooldown_duration': '5' };
    const findings = run(loginCooldownDisabled, factsWith({ configParameters: lenient })).findings;
    expect(findings.map((f) => f.severity)).toEqual(['low', 'low']);
  });
});

describe('security.api-keys-unexpiring', () => {
  it('flags an 18.0 key without expiry, naming its owner', () => {
    const facts = factsWith({ apiKeys: [apiKey({ id: 1, expirationDate: null })], users: USERS_18 }, { series: '18.0' });
    const [finding] = run(apiKeysUnexpiring, facts).findings;
    expect(finding.message).toBe('API key "pulse-monitor (read-only health checks)" of olivia.ops@example.com never expires.');
    expect(finding).toMatchObject({ severity: 'medium', object: { kind: 'api_key', key: '1' } });
  });

  it('judges 17.0 keys (which cannot expire) only by age', () => {
    const fresh = factsWith({ apiKeys: [apiKey({ id: 1, expirationDate: null })], users: USERS_18 }, { series: '17.0' });
    expect(run(apiKeysUnexpiring, fresh).status).toBe('passed');
    const old = factsWith({ apiKeys: [apiKey({ id: 1, expirationDate: null, createDate: '2024-06-01 08:00:00' })], users: USERS_18 }, { series: '17.0' });
    const [finding] = run(apiKeysUnexpiring, old).findings;
    expect(finding.severity).toBe('low');
    expect(finding.message).toContain('was created 30 months ago');
  });

  it('passes for a recent key with an expiration date (the 18.0 fixture key)', () => {
    expect(run(apiKeysUnexpiring, factsWith({ apiKeys: [apiKey({ id: 1 })], users: USERS_18 })).status).toBe('passed');
  });
});
