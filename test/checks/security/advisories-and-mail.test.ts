import { describe, expect, it } from 'vitest';
import { incomingMailServerWithoutTls } from '../../../server/src/checks/security/incoming-mail-server-without-tls.ts';
import { advisoryStatus, knownAdvisories, severityFromCvss } from '../../../server/src/checks/security/known-advisories.ts';
import { mailServerWithoutTls } from '../../../server/src/checks/security/mail-server-without-tls.ts';
import type { ServerFacts } from '../../../server/src/facts/types.ts';
import { factsWith } from '../../support/facts.ts';
import { mailServer, reference, run } from '../support/records.ts';

function server(serverVersion: string, o: Partial<ServerFacts> = {}): ServerFacts {
  const m = /^(saas~)?(\d+)\.\d+(\+e)?(?:-(\d{4})(\d{2})(\d{2}))?/.exec(serverVersion)!;
  return {
    serverVersion,
    series: `${m[2]}.0`,
    versionInfo: [Number(m[2]), 0, 0, 'final', 0, ''],
    edition: m[3] ? 'enterprise' : 'community',
    buildDate: m[4] ? `${m[4]}-${m[5]}-${m[6]}` : null,
    saas: Boolean(m[1]),
    protocolVersion: 1,
    ...o,
  };
}

const advisory = (id: string) => reference.advisories.find((a) => a.id === id)!;

describe('security.known-advisories', () => {
  it('finds the December 2024 advisories in the 17.0 fixture build (2024-07-09), severity from CVSS', () => {
    const result = run(knownAdvisories, factsWith({ server: server('17.0-20240709') }, { series: '17.0' }));
    const byId = Object.fromEntries(result.findings.map((f) => [f.object.key, f]));
    expect(Object.keys(byId).sort()).toEqual(['CVE-2024-12887', 'CVE-2024-36259', 'CVE-2024-45681']);
    expect(byId['CVE-2024-45681'].severity).toBe('critical');
    expect(byId['CVE-2024-36259'].severity).toBe('high');
    expect(byId['CVE-2024-12887'].severity).toBe('medium');
    expect(byId['CVE-2024-45681'].evidence.status).toBe('possibly_affected');
    expect(byId['CVE-2024-45681'].message).toContain('build 2024-07-09 predates CVE-2024-45681');
  });

  it('treats the 18.0 fixture build (2025-05-06, after the advisory) as likely fixed', () => {
    expect(run(knownAdvisories, factsWith({ server: server('18.0-20250506') })).status).toBe('passed');
  });

  it('reports a series that had left support when the advisory came out as affected, whatever the build date', () => {
    const result = run(knownAdvisories, factsWith({ server: server('15.0-20250101') }, { series: '15.0' }));
    const finding = result.findings.find((f) => f.object.key === 'CVE-2024-45681')!;
    expect(finding.evidence.status).toBe('affected');
    expect(finding.message).toContain('had left standard support (2024-10)');
  });

  it('reports builds of unknown date as possibly affected, and leaves Odoo Online builds alone', () => {
    const source = run(knownAdvisories, factsWith({ server: server('17.0') }, { series: '17.0' }));
    expect(source.findings.length).toBe(3);
    expect(source.findings[0].message).toContain('build date unknown');
    expect(run(knownAdvisories, factsWith({ server: server('saas~17.2+e') }, { series: '17.0' })).status).toBe('passed');
  });

  it('applies Enterprise-only advisories to Enterprise builds only', () => {
    const enterpriseOnly = reference.advisories.find((a) => a.edition === 'enterprise')!;
    const series = enterpriseOnly.affected[0].series;
    expect(advisoryStatus(enterpriseOnly, server(`${series}-20000101`), reference)).toBe('not_affected');
    expect(advisoryStatus(enterpriseOnly, server(`${series}+e-20000101`), reference)).not.toBe('not_affected');
  });

  it('honours the last affected build of CVE-2017-5871 on 8.0', () => {
    const cve = advisory('CVE-2017-5871');
    expect(advisoryStatus(cve, server('8.0-20160701'), reference)).toBe('affected');
    expect(advisoryStatus(cve, server('8.0-20160801'), reference)).toBe('not_affected');
  });

  it('maps CVSS scores to severities with the CVSS v3 rating scale', () => {
    expect([9.1, 7.5, 5.3, 2.0].map((s) => severityFromCvss(s, null))).toEqual(['critical', 'high', 'medium', 'low']);
    expect(severityFromCvss(null, 'high')).toBe('high');
    expect(severityFromCvss(null, null)).toBe('medium');
  });
});

describe('security.mail-server-without-tls', () => {
  it('reports the fixture relay (localhost, login, no encryption) as low: the traffic stays on the machine', () => {
    const [finding] = run(mailServerWithoutTls, factsWith({ mailServers: [mailServer()] })).findings;
    expect(finding).toMatchObject({ severity: 'low', object: { kind: 'mail_server', key: '1', label: 'Corporate SMTP relay' } });
    expect(finding.message).toContain('localhost:2525');
  });

  it('is high for a remote relay with a login, medium without one', () => {
    const remote = mailServer({ host: 'smtp.example.net', port: 25 });
    expect(run(mailServerWithoutTls, factsWith({ mailServers: [remote] })).findings[0].severity).toBe('high');
    expect(run(mailServerWithoutTls, factsWith({ mailServers: [{ ...remote, hasUser: false }] })).findings[0].severity).toBe('medium');
  });

  it('passes with STARTTLS or SSL, and ignores archived servers', () => {
    const servers = [mailServer({ encryption: 'starttls' }), mailServer({ id: 2, encryption: 'ssl' }), mailServer({ id: 3, active: false })];
    expect(run(mailServerWithoutTls, factsWith({ mailServers: servers })).status).toBe('passed');
  });
});

describe('security.incoming-mail-server-without-tls', () => {
  const imap = { id: 3, name: 'Support inbox', host: 'imap.example.net', port: 143, serverType: 'imap', isSsl: false, active: true, state: 'done' };

  it('fires for an active IMAP server fetched without SSL', () => {
    const [finding] = run(incomingMailServerWithoutTls, factsWith({ incomingMailServers: [imap] })).findings;
    expect(finding).toMatchObject({ severity: 'high', object: { key: 'incoming:3' } });
  });

  it('passes with SSL, for local delivery, and with no incoming server (the fixtures have none)', () => {
    expect(run(incomingMailServerWithoutTls, factsWith({ incomingMailServers: [{ ...imap, isSsl: true }] })).status).toBe('passed');
    expect(run(incomingMailServerWithoutTls, factsWith({ incomingMailServers: [{ ...imap, serverType: 'local' }] })).status).toBe('passed');
    expect(run(incomingMailServerWithoutTls, factsWith({ incomingMailServers: [] })).status).toBe('passed');
  });
});
