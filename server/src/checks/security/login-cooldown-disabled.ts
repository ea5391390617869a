/**
 * Odoo slows down password guessing: after `base.login_cooldown_after` failed logins from one
 * address it refuses logins for `base.login_cooldown_duration` seconds (defaults 10 and 60, written
 * at database creation; the code falls back to 5 and 60 when missing). A value of 0 disables it.
 */
import { intParameter } from '../support/parameters.ts';
import { odooSource, REF } from '../support/references.ts';
import { defineCheck, type FindingDraft } from '../types.ts';

/** More attempts than this before any slowdown makes online guessing cheap. */
const MAX_REASONABLE_FAILURES = 20;
/** A pause shorter than this barely slows a script. */
const MIN_REASONABLE_SECONDS = 30;

export const loginCooldownDisabled = defineCheck({
  id: 'security.login-cooldown-disabled',
  dimension: 'security',
  severity: 'high',
  title: 'Login brute-force protection disabled or weakened',
  rationale:
    'Odoo\'s login cooldown is the only built-in brake on password guessing against /web/login and XML-RPC. ' +
    'Disabled, an attacker can try passwords as fast as the server answers.',
  remediation:
    'Set the system parameters base.login_cooldown_after to 10 (or less) and base.login_cooldown_duration to 60 seconds (or more). ' +
    'Add rate limiting at the reverse proxy (or fail2ban on Odoo\'s "Login failed" log lines) for protection across workers.',
  effortHours: 0.25,
  references: [odooSource('odoo/addons/base/models/res_users.py'), REF.owaspAuthCheatSheet],
  requires: ['configParameters'],
  evaluate: ({ configParameters }) => {
    const after = intParameter(configParameters, 'base.login_cooldown_after', 5);
    const duration = intParameter(configParameters, 'base.login_cooldown_duration', 60);
    const evidence = {
      'base.login_cooldown_after': configParameters['base.login_cooldown_after'] ?? null,
      'base.login_cooldown_duration': configParameters['base.login_cooldown_duration'] ?? null,
    };
    const drafts: FindingDraft[] = [];
    if (after === 0) {
      drafts.push({
        object: { kind: 'parameter', key: 'base.login_cooldown_after', label: 'Login cooldown threshold' },
        message: 'Login brute-force protection is disabled: base.login_cooldown_after is 0.',
        evidence,
      });
    } else if (duration !== null && duration <= 0 && after !== null && after > 0) {
      drafts.push({
        object: { kind: 'parameter', key: 'base.login_cooldown_duration', label: 'Login cooldown duration' },
        message: 'Login brute-force protection is disabled: base.login_cooldown_duration is 0 seconds.',
        evidence,
      });
    } else {
      if (after !== null && after > MAX_REASONABLE_FAILURES) {
        drafts.push({
          object: { kind: 'parameter', key: 'base.login_cooldown_after', label: 'Login cooldown threshold' },
          message: `Login cooldown only starts after ${after} failed attempts (base.login_cooldown_after).`,
          severity: 'low',
          evidence,
        });
      }
      if (duration !== null && duration < MIN_REASONABLE_SECONDS) {
        drafts.push({
          object: { kind: 'parameter', key: 'base.login_cooldown_duration', label: 'Login cooldown duration' },
          message: `Login cooldown lasts only ${duration} seconds (base.login_cooldown_duration).`,
          severity: 'low',
          evidence,
        });
      }
    }
    return drafts;
  },
});
