/**
 * The API collector over a session answering from the recorded fixtures: every group filled, one
 * failing model costs only its own group, and shared reads happen once.
 */
import { describe, expect, it } from 'vitest';
import { collectApiFacts } from '../../server/src/collect/api/collect.ts';
import { API_READERS } from '../../server/src/collect/api/readers.ts';
import { FACT_KEYS } from '../../server/src/facts/types.ts';
import { FixtureSession } from './support/fixture-session.ts';
import { SERIES } from './support/fixtures.ts';

describe('the API collector', () => {
  it('has one reader for every API fact group', () => {
    expect(API_READERS.map((r) => r.key).sort()).toEqual(FACT_KEYS.filter((k) => k !== 'http').sort());
  });

  it.each(SERIES)('collects every group from an Odoo %s session', async (series) => {
    const session = new FixtureSession(series);
    const result = await collectApiFacts(session, { authMethod: 'password' });
    const gaps = Object.entries(result.groups).filter(([, g]) => g.status !== 'collected');
    expect(gaps).toEqual([]);
    expect(result.status).toBe('ok');
    const { groups } = result;
    if (groups.session.status !== 'collected' || groups.customViews.status !== 'collected' || groups.recordCounts.status !== 'collected') {
      throw new Error('unreachable');
    }
    expect(groups.session.value).toEqual({ uid: 2, login: 'admin', isAdmin: true, authMethod: 'password' });
    expect(groups.customViews.value.map((v) => v.key).sort()).toEqual(
      expect.arrayContaining(['x_custom.invoice_footer', 'x_custom.maintenance_banner']),
    );
    expect(groups.recordCounts.value['res.partner:all']).toBeGreaterThan(groups.recordCounts.value['res.partner']);
  });

  it('reads ir.model once although several groups resolve model ids through it', async () => {
    const session = new FixtureSession('18.0');
    await collectApiFacts(session, { authMethod: 'password' });
    expect(session.calls.filter((c) => c.model === 'ir.model')).toHaveLength(1);
    expect(session.calls.filter((c) => c.model === 'res.groups')).toHaveLength(1);
  });

  it('never requests a mail server password or token field', async () => {
    const session = new FixtureSession('18.0');
    await collectApiFacts(session, { authMethod: 'password' });
    const mailFields = session.calls.filter((c) => c.model === 'ir.mail_server' || c.model === 'fetchmail.server').flatMap((c) => c.fields ?? []);
    expect(mailFields.length).toBeGreaterThan(0);
    expect(mailFields.filter((f) => /pass|token|secret|authorization/i.test(f))).toEqual([]);
  });

  it('turns an access error on one model into that group\'s stated gap and goes on', async () => {
    const session = new FixtureSession('18.0', { deny: ['ir.cron'] });
    const result = await collectApiFacts(session, { authMethod: 'password' });
    expect(result.groups.crons).toEqual({
      status: 'not_collected',
      reason: "access denied on ir.cron: You are not allowed to access 'ir.cron' records.",
    });
    expect(result.status).toBe('partial');
    expect(result.message).toBe('1 of 23 fact groups not collected: crons');
    expect(result.groups.users.status).toBe('collected');
  });

  it('says which module is missing when a model is not installed', async () => {
    const session = new FixtureSession('17.0', { missing: ['base.automation', 'fetchmail.server'] });
    const result = await collectApiFacts(session, { authMethod: 'api_key' });
    expect(result.groups.automations).toEqual({ status: 'not_collected', reason: 'model base.automation is not installed' });
    expect(result.groups.incomingMailServers).toEqual({ status: 'not_collected', reason: 'model fetchmail.server is not installed' });
    expect(result.groups.session.status === 'collected' && result.groups.session.value.authMethod).toBe('api_key');
  });

  it('still collects ACLs without technical names when ir.model is denied', async () => {
    const result = await collectApiFacts(new FixtureSession('18.0', { deny: ['ir.model'] }), { authMethod: 'password' });
    expect(result.groups.models.status).toBe('not_collected');
    const acl = result.groups.accessRules;
    expect(acl.status).toBe('collected');
    if (acl.status === 'collected') expect(acl.value.every((a) => a.model === null && a.modelId > 0)).toBe(true);
  });

  it('states the session\'s admin status as unknown when groups cannot be read', async () => {
    const result = await collectApiFacts(new FixtureSession('18.0', { deny: ['res.groups'] }), { authMethod: 'password' });
    expect(result.groups.session).toMatchObject({ status: 'collected', value: { isAdmin: null } });
  });

  it('keeps the readable sizing counts when one model is denied', async () => {
    const result = await collectApiFacts(new FixtureSession('18.0', { deny: ['ir.ui.view'] }), { authMethod: 'password' });
    const counts = result.groups.recordCounts;
    expect(counts.status).toBe('collected');
    if (counts.status === 'collected') {
      expect(counts.value['res.partner']).toBe(43);
      expect(counts.value).not.toHaveProperty('ir.ui.view');
    }
    expect(result.groups.customViews.status).toBe('not_collected');
  });

  it('reports a failed collection when nothing could be read', async () => {
    const session = new FixtureSession('18.0');
    const readers = API_READERS.filter((r) => r.key === 'crons' || r.key === 'logs');
    const denied = new FixtureSession('18.0', { deny: ['ir.cron', 'ir.logging'] });
    expect((await collectApiFacts(session, { authMethod: 'password', readers })).status).toBe('ok');
    const result = await collectApiFacts(denied, { authMethod: 'password', readers });
    expect(result.status).toBe('failed');
  });

  it('reports each finished group as a step', async () => {
    const steps: Array<[string, number, number]> = [];
    await collectApiFacts(new FixtureSession('17.0'), { authMethod: 'password', onStep: (s, d, t) => steps.push([s, d, t]) });
    expect(steps).toHaveLength(API_READERS.length);
    expect(steps.map(([, done]) => done)).toEqual(API_READERS.map((_, i) => i + 1));
    expect(steps.map(([step]) => step)).toContain('reading ir.cron');
    expect(steps.every(([, , total]) => total === API_READERS.length)).toBe(true);
  });
});
