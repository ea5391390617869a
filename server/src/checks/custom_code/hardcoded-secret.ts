import { defineCheck } from '../types.ts';
import { findHardcodedSecrets } from './code-rules.ts';
import { findingsForPattern, onLines } from './pattern-check.ts';

export const hardcodedSecret = defineCheck({
  id: 'custom_code.hardcoded-secret-in-database-code',
  dimension: 'custom_code',
  severity: 'high',
  title: 'Secret written in database-stored code',
  rationale:
    'A password, token or API key written in a server action is readable by every user who can open technical settings, copied into every database backup, staging copy and export, and cannot be rotated without editing code. A leak of any of those copies leaks the credential of the system it unlocks.',
  remediation:
    "Move the secret into a system parameter readable only by administrators and rotate the exposed credential. Read it with `env['ir.config_parameter'].sudo().get_param(...)`, and check the backups and database copies that carried the old value.",
  effortHours: 1,
  references: [
    'https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/',
    'https://cwe.mitre.org/data/definitions/798.html',
  ],
  requires: ['serverActions'],
  evaluate({ serverActions }) {
    return findingsForPattern(serverActions, {
      find: findHardcodedSecrets,
      describe: (matches) => `holds what looks like a hard-coded secret (${matches.map((m) => m.detail).join(', ')}) ${onLines(matches)}`,
    });
  },
});
