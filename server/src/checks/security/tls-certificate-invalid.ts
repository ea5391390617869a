/** The HTTPS certificate does not validate, or expires soon. */
import { daysBetween } from '../support/dates.ts';
import { REF } from '../support/references.ts';
import { defineCheck, type FindingDraft } from '../types.ts';

/** Renewal automation normally renews 30 days ahead; under 14 days left means it is not working. */
const EXPIRY_WARNING_DAYS = 14;

function parseCertDate(value: string | null): Date | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}

export const tlsCertificateInvalid = defineCheck({
  id: 'security.tls-certificate-invalid',
  dimension: 'security',
  severity: 'high',
  title: 'TLS certificate invalid or about to expire',
  rationale:
    'Browsers and integrations reject a certificate that is expired, self-signed or issued for another name; users learn ' +
    'to click through warnings, which is exactly what an interception attack needs.',
  remediation:
    'Install a certificate from a trusted authority that covers the instance\'s host name, with automatic renewal (certbot or similar). ' +
    'Include the intermediate certificates in the chain the proxy serves.',
  effortHours: 1,
  references: [REF.owaspTlsCheatSheet],
  requires: ['http'],
  evaluate: ({ http }, context) => {
    if (!http.https || !http.tls) return [];
    const tls = http.tls;
    const object = { kind: 'endpoint' as const, key: 'tls-certificate', label: `TLS certificate of ${http.baseUrl}` };
    const evidence = { subject: tls.subject, issuer: tls.issuer, validFrom: tls.validFrom, validTo: tls.validTo, error: tls.error, protocol: tls.protocol };
    const validTo = parseCertDate(tls.validTo);
    const drafts: FindingDraft[] = [];
    if (!tls.authorized) {
      const expired = validTo !== null && validTo <= context.now;
      drafts.push({
        object,
        message: expired
          ? `The TLS certificate of ${http.baseUrl} expired on ${tls.validTo}.`
          : `The TLS certificate of ${http.baseUrl} does not validate: ${tls.error ?? 'not trusted'}.`,
        evidence,
      });
    } else if (validTo !== null) {
      const daysLeft = daysBetween(context.now, validTo);
      if (daysLeft < EXPIRY_WARNING_DAYS) {
        drafts.push({
          object,
          message: `The TLS certificate of ${http.baseUrl} expires in ${daysLeft} days (${tls.validTo}).`,
          severity: 'medium',
          evidence: { ...evidence, daysLeft },
        });
      }
    }
    return drafts;
  },
});
