import { findGroup, GROUP, groupsById, effectiveGroupIds } from '../support/groups.ts';
import { SUPERUSER_ID } from '../support/users.ts';
import { defineCheck, type FindingDraft } from '../types.ts';
import { cronObject } from './schedule.ts';

export const cronRunsAsAdmin = defineCheck({
  id: 'cron_health.cron-runs-as-admin-user',
  dimension: 'cron_health',
  severity: 'low',
  title: "Cron runs as a person's administrator account",
  rationale:
    "A cron runs with the rights of its 'Scheduler User'. When that is a person's account with Settings rights, the job silently has full access, everything it creates or changes is attributed to that person, and it changes behaviour when the person's rights, company or language change, or when the account is archived after they leave. Odoo's own crons run as OdooBot.",
  remediation:
    'Set the cron\'s Scheduler User to OdooBot or to a dedicated technical user with only the rights the job needs. Test one manual run afterwards, since a job may rely on rights it no longer has.',
  effortHours: 0.5,
  references: [
    'https://www.odoo.com/documentation/18.0/developer/reference/backend/actions.html',
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/ir_cron.py',
  ],
  requires: ['crons', 'users', 'groups'],
  evaluate({ crons, users, groups }) {
    const settings = findGroup(groups, GROUP.settings);
    if (!settings) return [];
    const byId = groupsById(groups);
    const findings: FindingDraft[] = [];
    for (const cron of crons) {
      if (!cron.active || cron.userId === null || cron.userId === SUPERUSER_ID) continue;
      const user = users.find((u) => u.id === cron.userId);
      if (!user || user.share || !effectiveGroupIds(user, byId).has(settings.id)) continue;
      findings.push({
        object: cronObject(cron),
        severity: user.active ? 'low' : 'medium',
        message:
          `Cron '${cron.name}' runs as ${user.name} (${user.login}), ` +
          (user.active ? 'a person with Settings rights' : 'an archived account with Settings rights') +
          ', instead of OdooBot or a dedicated technical user.',
        evidence: { userId: user.id, login: user.login, userActive: user.active, group: settings.fullName },
      });
    }
    return findings;
  },
});
