/**
 * Security headers on the login page: HSTS (on HTTPS), framing protection (X-Frame-Options or CSP
 * frame-ancestors) and X-Content-Type-Options. Odoo sets the last two itself on /web/login; a proxy
 * that strips them, or an old series, leaves the login page open to clickjacking.
 */
import type { HttpEndpointFact } from '../../facts/types.ts';
import { answeredOk, header } from '../support/http.ts';
import { REF } from '../support/references.ts';
import { defineCheck, type FindingDraft } from '../types.ts';

/** Six months: the HSTS max-age below which browsers forget the policy too soon (OWASP, hstspreload.org ask for a year). */
const MIN_HSTS_SECONDS = 15_552_000;

function hstsMaxAge(value: string): number | null {
  const m = /max-age\s*=\s*"?(\d+)"?/i.exec(value);
  return m ? Number(m[1]) : null;
}

export const missingSecurityHeaders = defineCheck({
  id: 'security.missing-security-headers',
  dimension: 'security',
  severity: 'medium',
  title: 'Security headers missing on the login page',
  rationale:
    'Strict-Transport-Security stops browsers from ever using plain HTTP for the site; X-Frame-Options or CSP ' +
    'frame-ancestors stop other sites from framing the login page to trick users into clicking (clickjacking); ' +
    'X-Content-Type-Options stops browsers from executing files uploaded as something else.',
  remediation:
    'Add the missing headers at the reverse proxy, such as `Strict-Transport-Security: max-age=31536000; includeSubDomains`, `X-Frame-Options: SAMEORIGIN` and `X-Content-Type-Options: nosniff`. ' +
    'Do not strip the headers Odoo already sends on /web/login.',
  effortHours: 0.5,
  references: [REF.owaspHeadersProject, REF.owaspHstsCheatSheet, REF.owaspClickjackingCheatSheet],
  requires: ['http'],
  evaluate: ({ http }) => {
    const page: HttpEndpointFact | undefined = [http.endpoints.login, http.endpoints.root].find(answeredOk);
    if (!page) return [];
    const drafts: FindingDraft[] = [];
    const where = `${page.path} on ${http.baseUrl}`;

    if (http.https) {
      const hsts = header(page, 'strict-transport-security');
      if (hsts === null) {
        drafts.push({
          object: { kind: 'endpoint', key: 'header:strict-transport-security', label: 'Strict-Transport-Security' },
          message: `${where} is served over HTTPS without a Strict-Transport-Security header.`,
          evidence: { path: page.path },
        });
      } else {
        const maxAge = hstsMaxAge(hsts);
        if (maxAge === null || maxAge < MIN_HSTS_SECONDS) {
          drafts.push({
            object: { kind: 'endpoint', key: 'header:strict-transport-security', label: 'Strict-Transport-Security' },
            message: `${where} sends Strict-Transport-Security with ${maxAge === null ? 'no max-age' : `a max-age of only ${maxAge} seconds`}.`,
            severity: 'low',
            evidence: { path: page.path, value: hsts },
          });
        }
      }
    }

    const frameOptions = header(page, 'x-frame-options');
    const csp = header(page, 'content-security-policy');
    if (frameOptions === null && !(csp !== null && /frame-ancestors/i.test(csp))) {
      drafts.push({
        object: { kind: 'endpoint', key: 'header:x-frame-options', label: 'X-Frame-Options / CSP frame-ancestors' },
        message: `${where} sends neither X-Frame-Options nor a CSP frame-ancestors directive, so other sites can frame it.`,
        evidence: { path: page.path, contentSecurityPolicy: csp },
      });
    }

    const nosniff = header(page, 'x-content-type-options');
    if (nosniff === null || nosniff.toLowerCase().trim() !== 'nosniff') {
      drafts.push({
        object: { kind: 'endpoint', key: 'header:x-content-type-options', label: 'X-Content-Type-Options' },
        message: `${where} does not send X-Content-Type-Options: nosniff.`,
        severity: 'low',
        evidence: { path: page.path, value: nosniff },
      });
    }
    return drafts;
  },
});
