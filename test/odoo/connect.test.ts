/**
 * The connector against the Odoo double, for both series and both protocols: what collectors rely on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../server/src/odoo/connect.ts';
import { parseServerVersion } from '../../server/src/odoo/series.ts';
import type { OdooSession } from '../../server/src/odoo/types.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';
import { connectAs, fixture, MATRIX, optionsFor } from './helpers.ts';

// One field list for every series: 17.0 has numbercall, 18.0 failure_count / first_failure_date.
const CRON_FIELDS = ['name', 'active', 'nextcall', 'numbercall', 'failure_count', 'first_failure_date'];

describe.each(MATRIX)('connector on Odoo $series over $protocol', ({ series, protocol }) => {
  let odoo: OdooDouble;
  let session: OdooSession;

  beforeAll(async () => {
    odoo = await startOdooDouble({ series });
    session = await connectAs(odoo, protocol);
  });
  afterAll(() => odoo.close());

  it('reports the server version and its series', () => {
    const recorded = fixture<{ server_version: string }>(series, 'xmlrpc.common.version.json').response;
    expect(session.version.server_version).toBe(recorded.server_version);
    expect(session.version.server_serie).toBe(series);
    expect(parseServerVersion(session.version.server_version)?.series).toBe(series);
  });

  it('authenticates with an API key as the recorded user', () => {
    expect(session.uid).toBe(fixture(series, 'xmlrpc.common.authenticate.apikey_olivia.json').response);
    expect(session.login).toBe('olivia.ops@example.com');
    expect(session.database).toBe(odoo.database);
  });

  it('authenticates with a password', async () => {
    const admin = await connect(optionsFor(odoo, protocol, 'admin'));
    expect(admin.uid).toBe(fixture(series, 'xmlrpc.common.authenticate.admin.json').response);
  });

  it('reads crons with one field list, keeping only the fields this series has', async () => {
    const crons = await session.searchRead('ir.cron', [], CRON_FIELDS, { includeArchived: true, order: 'id' });
    const recorded = fixture<Record<string, unknown>[]>(series, 'xmlrpc.object.ir.cron.search_read.json').response;
    expect(crons.map((c) => c.id)).toEqual(recorded.map((c) => c.id));
    const fields = Object.keys(crons[0]);
    if (series === '17.0') {
      expect(fields).toContain('numbercall');
      expect(fields).not.toContain('failure_count');
    } else {
      expect(fields).toEqual(expect.arrayContaining(['failure_count', 'first_failure_date']));
      expect(fields).not.toContain('numbercall');
    }
    const failing = crons.find((c) => c.name === 'Custom: Sync stock levels from WMS');
    expect(failing?.nextcall).toBe(recorded.find((c) => c.name === 'Custom: Sync stock levels from WMS')?.nextcall);
  });

  it('asks fields_get once per model and reuses it for later reads', async () => {
    const own = await connectAs(odoo, protocol);
    const before = odoo.calls.length;
    const first = await own.fieldsGet('ir.module.module');
    const second = await own.fieldsGet('ir.module.module');
    expect(second).toBe(first);
    expect(Object.keys(first).sort()).toEqual(Object.keys(fixture<object>(series, 'xmlrpc.object.ir.module.module.fields_get.json').response).sort());
    for (let i = 0; i < 3; i++) await own.searchRead('ir.cron', [], CRON_FIELDS, { includeArchived: true });
    const calls = odoo.calls.slice(before);
    expect(calls.filter((c) => c.modelMethod === 'fields_get').map((c) => c.model).sort()).toEqual(['ir.cron', 'ir.module.module']);
    // once the fields are known, reads ask only for existing ones: no more invalid-field faults
    const cronReads = calls.filter((c) => c.model === 'ir.cron' && c.modelMethod === 'search_read');
    expect(cronReads.map((c) => c.outcome)).toEqual(['fault', 'result', 'result', 'result']);
  });

  it('honours limit, offset, order and archived records in searchRead', async () => {
    const all = await session.searchRead<{ id: number; name: string }>('ir.module.module', [], ['name'], { order: 'name' });
    const page = await session.searchRead<{ id: number; name: string }>('ir.module.module', [], ['name'], { order: 'name', offset: 10, limit: 5 });
    expect(page).toEqual(all.slice(10, 15));
    const activeUsers = await session.searchRead('res.users', [], ['login']);
    const everyUser = await session.searchRead('res.users', [], ['login'], { includeArchived: true });
    expect(everyUser.map((u) => u.login)).toContain('frank.former@example.com');
    expect(activeUsers.map((u) => u.login)).not.toContain('frank.former@example.com');
  });

  it('counts records, with and without archived ones', async () => {
    expect(await session.searchCount('ir.attachment', [])).toBe(fixture(series, 'xmlrpc.object.ir.attachment.search_count.all.json').response);
    expect(await session.searchCount('res.partner', [], { includeArchived: true })).toBe(
      fixture(series, 'xmlrpc.object.res.partner.search_count.including_archived.json').response,
    );
    expect(await session.searchCount('res.users', [['share', '=', false]])).toBe(
      fixture(series, 'xmlrpc.object.res.users.search_count.internal_active.json').response,
    );
  });

  it('groups records with read_group', async () => {
    const groups = await session.readGroup('ir.module.module', [], ['state'], ['state']);
    expect(groups).toEqual(fixture(series, 'xmlrpc.object.ir.module.module.read_group.by_state.json').response);
  });

  it('counts calls and dependent rounds', async () => {
    const own = await connectAs(odoo, protocol);
    const start = { ...own.stats };
    await Promise.all([own.searchCount('ir.attachment', []), own.searchCount('res.partner', []), own.searchCount('ir.logging', [])]);
    expect(own.stats).toEqual({ calls: start.calls + 3, rounds: start.rounds + 1 });
    await own.searchCount('ir.attachment', []);
    await own.searchCount('res.partner', []);
    expect(own.stats).toEqual({ calls: start.calls + 5, rounds: start.rounds + 3 });
  });

  it('keeps working after a model is denied, and reports that model', async () => {
    const own = await connectAs(odoo, protocol);
    odoo.denyModel('ir.mail_server', odoo.apiKeyUser.login);
    try {
      await expect(own.searchRead('ir.mail_server', [], ['name'])).rejects.toMatchObject({ kind: 'access_denied', model: 'ir.mail_server' });
      await expect(own.searchCount('ir.attachment', [])).resolves.toBeTypeOf('number');
    } finally {
      odoo.allowModel('ir.mail_server');
    }
  });

  it('left nothing the recordings cannot answer', () => {
    expect(odoo.unanswered).toEqual([]);
  });
});

describe('bounded concurrency', () => {
  it('never has more calls in flight than asked', async () => {
    const odoo = await startOdooDouble({ series: '18.0' });
    try {
      const session = await connectAs(odoo, 'xmlrpc', { concurrency: 2 });
      odoo.failNext({ kind: 'delay', ms: 30 }, { times: 6, match: { method: 'execute_kw' } });
      const counts = await Promise.all(Array.from({ length: 6 }, () => session.searchCount('ir.attachment', [])));
      expect(new Set(counts).size).toBe(1);
      expect(odoo.peakInFlight).toBe(2);
    } finally {
      await odoo.close();
    }
  });
});
