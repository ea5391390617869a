import { describe, expect, it } from 'vitest';
import { httpNotRedirectedToHttps } from '../../../server/src/checks/security/http-not-redirected-to-https.ts';
import { httpWithoutTls } from '../../../server/src/checks/security/http-without-tls.ts';
import { missingSecurityHeaders } from '../../../server/src/checks/security/missing-security-headers.ts';
import { tlsCertificateInvalid } from '../../../server/src/checks/security/tls-certificate-invalid.ts';
import { factsWith } from '../../support/facts.ts';
import { endpoint, hardenedHttp, httpFacts, run } from '../support/records.ts';

describe('security.http-without-tls', () => {
  it('is high for a public address served over http', () => {
    const http = httpFacts({ baseUrl: 'http://erp.example.com', https: false, tls: null, httpRedirectsToHttps: null });
    const [finding] = run(httpWithoutTls, factsWith({ http })).findings;
    expect(finding.severity).toBe('high');
    expect(finding.message).toContain('http://erp.example.com');
  });

  it('is medium on a private network address', () => {
    const http = httpFacts({ baseUrl: 'http://192.168.1.20:8069', https: false, tls: null });
    expect(run(httpWithoutTls, factsWith({ http })).findings[0].severity).toBe('medium');
  });

  it('says nothing for https, or for a scan through the loopback interface', () => {
    expect(run(httpWithoutTls, factsWith({ http: httpFacts() })).status).toBe('passed');
    const loopback = httpFacts({ baseUrl: 'http://127.0.0.1:8070', https: false, tls: null });
    expect(run(httpWithoutTls, factsWith({ http: loopback })).status).toBe('passed');
  });
});

describe('security.http-not-redirected-to-https', () => {
  it('fires when plain http does not redirect', () => {
    const [finding] = run(httpNotRedirectedToHttps, factsWith({ http: httpFacts({ httpRedirectsToHttps: false }) })).findings;
    expect(finding.message).toBe('http:// requests to http://erp.example.com are not redirected to HTTPS.');
  });

  it('passes when it redirects or was not tested', () => {
    expect(run(httpNotRedirectedToHttps, factsWith({ http: httpFacts({ httpRedirectsToHttps: true }) })).status).toBe('passed');
    expect(run(httpNotRedirectedToHttps, factsWith({ http: httpFacts({ httpRedirectsToHttps: null }) })).status).toBe('passed');
  });
});

describe('security.tls-certificate-invalid', () => {
  const tls = httpFacts().tls!;

  it('reports a certificate that does not validate, with the error', () => {
    const http = httpFacts({ tls: { ...tls, authorized: false, error: 'SELF_SIGNED_CERT_IN_CHAIN' } });
    const [finding] = run(tlsCertificateInvalid, factsWith({ http })).findings;
    expect(finding).toMatchObject({ severity: 'high', object: { key: 'tls-certificate' } });
    expect(finding.message).toContain('SELF_SIGNED_CERT_IN_CHAIN');
  });

  it('says when an unauthorised certificate has expired', () => {
    const http = httpFacts({ tls: { ...tls, authorized: false, error: 'CERT_HAS_EXPIRED', validTo: 'Nov  1 00:00:00 2026 GMT' } });
    expect(run(tlsCertificateInvalid, factsWith({ http })).findings[0].message).toContain('expired on Nov  1 00:00:00 2026 GMT');
  });

  it('warns (medium) when a valid certificate expires within two weeks of the scan', () => {
    const http = httpFacts({ tls: { ...tls, validTo: 'Dec 10 00:00:00 2026 GMT' } });
    const [finding] = run(tlsCertificateInvalid, factsWith({ http })).findings;
    expect(finding.severity).toBe('medium');
    expect(finding.evidence.daysLeft).toBe(5);
  });

  it('passes for a valid certificate with months left', () => {
    expect(run(tlsCertificateInvalid, factsWith({ http: httpFacts() })).status).toBe('passed');
  });
});

describe('security.missing-security-headers', () => {
  it('asks for HSTS on https when Odoo is served without a proxy adding it', () => {
    const findings = run(missingSecurityHeaders, factsWith({ http: httpFacts() })).findings;
    // Odoo itself sends X-Frame-Options, CSP frame-ancestors and nosniff on /web/login.
    expect(findings.map((f) => f.object.key)).toEqual(['header:strict-transport-security']);
  });

  it('reports framing protection and nosniff stripped from the login page', () => {
    const http = httpFacts({
      https: false,
      baseUrl: 'http://erp.example.com',
      endpoints: { login: endpoint({ path: '/web/login', headers: { server: 'nginx' }, markers: ['login-form'] }) },
    });
    const findings = run(missingSecurityHeaders, factsWith({ http })).findings;
    expect(findings.map((f) => [f.object.key, f.severity])).toEqual([
      ['header:x-frame-options', 'medium'],
      ['header:x-content-type-options', 'low'],
    ]);
  });

  it('accepts CSP frame-ancestors instead of X-Frame-Options, and flags a short HSTS max-age', () => {
    const http = httpFacts({
      endpoints: {
        login: endpoint({
          path: '/web/login',
          headers: { 'content-security-policy': "frame-ancestors 'none'", 'x-content-type-options': 'nosniff', 'strict-transport-security': 'max-age=300' },
        }),
      },
    });
    const findings = run(missingSecurityHeaders, factsWith({ http })).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'low', object: { key: 'header:strict-transport-security' } });
    expect(findings[0].message).toContain('max-age of only 300 seconds');
  });

  it('passes behind a proxy that sets every header', () => {
    expect(run(missingSecurityHeaders, factsWith({ http: hardenedHttp() })).status).toBe('passed');
  });
});
