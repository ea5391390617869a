/** Free sign-up (auth_signup.invitation_scope = b2c) lets anyone create a portal account. */
import { isInstalled } from '../support/modules.ts';
import { odooSource, REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

/** Apps whose customers normally create their own account (an online shop, e-learning, forum). */
const SELF_SERVICE_APPS = ['website_sale', 'website_slides', 'website_forum', 'website_event'];

export const publicSignupEnabled = defineCheck({
  id: 'security.public-signup-enabled',
  dimension: 'security',
  severity: 'medium',
  title: 'Anyone can create an account (free sign-up)',
  rationale:
    'With free sign-up, anyone on the internet can create a portal account and reach everything portal users can: ' +
    'documents shared with portal users, portal controllers, and every flaw that needs an authenticated user.',
  remediation:
    'Set Settings > Permissions > Customer Account to "On invitation" (auth_signup.invitation_scope = b2b) unless customers must register themselves. ' +
    'If free sign-up is intended (for an online shop, say), review what portal users can see and keep reCAPTCHA enabled.',
  effortHours: 0.25,
  references: [REF.odooUsers, odooSource('addons/auth_signup/models/res_users.py'), REF.owaspAuthFailures],
  requires: ['configParameters', 'modules'],
  evaluate: ({ configParameters, modules }) => {
    const scope = configParameters['auth_signup.invitation_scope'];
    if (scope !== 'b2c' || !isInstalled(modules, 'auth_signup')) return [];
    const selfService = SELF_SERVICE_APPS.filter((m) => isInstalled(modules, m));
    return [
      {
        object: { kind: 'parameter', key: 'auth_signup.invitation_scope', label: 'Customer account sign-up' },
        message:
          selfService.length > 0
            ? `Free sign-up is on (auth_signup.invitation_scope = b2c); it may be intended for ${selfService.join(', ')}, but anyone can create a portal account.`
            : 'Free sign-up is on (auth_signup.invitation_scope = b2c) and no shop, e-learning or forum app needs it: anyone can create a portal account.',
        severity: selfService.length > 0 ? 'low' : 'medium',
        evidence: { value: scope, selfServiceApps: selfService },
      },
    ];
  },
});
