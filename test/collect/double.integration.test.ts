/**
 * collectFacts end to end against the Odoo double (real XML-RPC / JSON-RPC / HTTP over loopback,
 * answering with the responses recorded from real Odoo 17.0 and 18.0 servers): the deliberate
 * problems of those databases must come out as facts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { collectFacts } from '../../server/src/collect/index.ts';
import type { CollectOptions } from '../../server/src/collect/types.ts';
import type { Facts, FactKey, FactValue, Protocol } from '../../server/src/facts/types.ts';
import { OdooError } from '../../server/src/odoo/types.ts';
import { startOdooDouble } from '../support/odoo-double/index.ts';
import { SERIES } from './support/fixtures.ts';

type Double = Awaited<ReturnType<typeof startOdooDouble>>;
const doubles: Double[] = [];
afterEach(async () => {
  await Promise.all(doubles.splice(0).map((d) => d.close()));
});

async function double(series: '17.0' | '18.0'): Promise<Double> {
  const started = await startOdooDouble({ series });
  doubles.push(started);
  return started;
}

function adminScan(d: Double, protocol: Protocol): CollectOptions {
  return {
    target: { url: d.url, database: d.database, login: d.admin.login, protocol },
    secret: d.admin.password,
    secretKind: 'password',
    timeoutMs: 10_000,
    now: new Date('2026-12-04T19:35:00.000Z'),
  };
}

function value<K extends FactKey>(facts: Facts, key: K): FactValue<K> {
  const group = facts[key];
  if (group.status !== 'collected') throw new Error(`${key} not collected: ${group.reason}`);
  return group.value as FactValue<K>;
}

const PROTOCOLS: Protocol[] = ['xmlrpc', 'jsonrpc'];

describe.each(SERIES)('collectFacts against the Odoo %s double', (series) => {
  it.each(PROTOCOLS)('brings out the deliberate problems over %s', async (protocol) => {
    const d = await double(series);
    const facts = await collectFacts(adminScan(d, protocol));

    expect(value(facts, 'server')).toMatchObject({ series, edition: 'community', buildDate: series === '17.0' ? '2024-07-09' : '2025-05-06' });
    expect(value(facts, 'session')).toMatchObject({ uid: 2, login: 'admin', isAdmin: true, authMethod: 'password' });

    const crons = value(facts, 'crons');
    const wms = crons.find((c) => c.name === 'Custom: Sync stock levels from WMS')!;
    expect(wms.failureCount).toBe(series === '18.0' ? 6 : null);
    expect(wms.numbercall).toBe(series === '18.0' ? null : -1);
    expect(crons.find((c) => c.name === 'Base: Auto-vacuum internal data')).toMatchObject({ active: false, model: 'ir.autovacuum' });
    expect(crons.find((c) => c.name === 'Mail: Email Queue Manager')?.nextcall).toBe('2024-01-15 02:00:00');

    const portal = value(facts, 'users').filter((u) => u.share && u.active).map((u) => u.login);
    expect(portal.sort()).toEqual(['paula.portal@example.com', 'portal']);
    expect(value(facts, 'users').find((u) => u.login === 'tina.totp@example.com')?.totpEnabled).toBe(true);

    expect(value(facts, 'mailQueue').exception).toBe(series === '18.0' ? 15 : 3);
    expect(value(facts, 'configParameters')['x_pulse.wms_api_token']).toBe('***');
    expect(value(facts, 'configParameters')['auth_signup.invitation_scope']).toBe('b2c');
    expect(value(facts, 'mailServers')).toEqual([expect.objectContaining({ name: 'Corporate SMTP relay', encryption: 'none', hasUser: true })]);
    expect(value(facts, 'accessRules').every((a) => a.model !== null)).toBe(true);
    expect(value(facts, 'automations')[0]).toMatchObject({ model: 'res.partner', trigger: 'on_create_or_write' });
    expect(value(facts, 'apiKeys')[0].expirationDate).toBe(series === '18.0' ? '2027-12-31 00:00:00' : null);
    expect(value(facts, 'logs').total).toBeGreaterThan(0);
    expect(value(facts, 'attachments').storedInDb).toBe(0);
    expect(value(facts, 'languages').map((l) => l.code).sort()).toEqual(['en_US', 'fr_FR']);

    const http = value(facts, 'http');
    expect(http.endpoints.databaseManager.markers).toEqual(expect.arrayContaining(['database-manager', 'master-password-field']));
    expect(http.endpoints.login.markers).toContain('login-form');
    expect(http.endpoints.versionInfo.json).toMatchObject({ result: { server_serie: series } });
    expect(facts.collectors.find((c) => c.id === 'http')?.status).toBe('ok');
  });

  it('asks only what the recordings can answer, except the custom-views read, whose gap is stated', async () => {
    const d = await double(series);
    const facts = await collectFacts({ ...adminScan(d, 'xmlrpc'), collectors: ['api'] });
    // Finding views without an XML id needs every view's xml_id, which was not recorded: the double
    // refuses that one read, and the scan states the gap instead of guessing.
    expect(d.unanswered.map((c) => `${c.model}.${c.modelMethod}`)).toEqual(['ir.ui.view.search_read']);
    expect(facts.customViews).toMatchObject({ status: 'not_collected', reason: expect.stringMatching(/^could not read ir\.ui\.view: /) });
    expect(facts.collectors[0]).toMatchObject({ status: 'partial', message: '1 of 23 fact groups not collected: customViews' });
  });

  it('never asks Odoo for a mail server password or token', async () => {
    const d = await double(series);
    await collectFacts({ ...adminScan(d, 'xmlrpc'), collectors: ['api'] });
    const text = JSON.stringify(d.calls);
    expect(text).toContain('ir.mail_server');
    expect(text).not.toMatch(/smtp_pass|google_gmail_(refresh|access)_token/);
  });

  it('gives a partial scan that states the gap when a model is denied', async () => {
    const d = await double(series);
    d.denyModel('ir.cron');
    const facts = await collectFacts({ ...adminScan(d, 'jsonrpc'), collectors: ['api'] });
    expect(facts.crons).toMatchObject({ status: 'not_collected', reason: expect.stringMatching(/^access denied on ir\.cron: You are not allowed to access/) });
    expect(facts.users.status).toBe('collected');
    const api = facts.collectors.find((c) => c.id === 'api')!;
    expect(api.status).toBe('partial');
    expect(api.message).toContain('crons');
  });

  it('scans with an API key over JSON-RPC', async () => {
    const d = await double(series);
    const facts = await collectFacts({
      target: { url: d.url, database: d.database, login: d.apiKeyUser.login, protocol: 'jsonrpc' },
      secret: d.apiKeyUser.apiKey,
      secretKind: 'api_key',
      collectors: ['api'],
    });
    expect(value(facts, 'session')).toMatchObject({ login: d.apiKeyUser.login, authMethod: 'api_key', isAdmin: true });
    expect(value(facts, 'modules').length).toBeGreaterThan(600);
  });

  it('throws the connector\'s error for a wrong password', async () => {
    const d = await double(series);
    const scan = collectFacts({ ...adminScan(d, 'xmlrpc'), secret: 'not-the-password' });
    await expect(scan).rejects.toBeInstanceOf(OdooError);
    await expect(scan).rejects.toMatchObject({ kind: 'bad_credentials' });
  });

  it('throws for an unknown database', async () => {
    const d = await double(series);
    const options = adminScan(d, 'xmlrpc');
    await expect(collectFacts({ ...options, target: { ...options.target, database: 'no_such_db' } })).rejects.toMatchObject({
      kind: 'unknown_database',
    });
  });
});
