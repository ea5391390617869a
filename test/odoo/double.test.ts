/**
 * The Odoo double as other tests rely on it: it answers like the recorded servers (same values, same
 * faults, same bytes), evaluates what it is asked, and fails loudly on what was not recorded.
 * Talks to it with the xmlrpc package's own client, independent of our connector.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';
import { fixture, SERIES } from './helpers.ts';

interface XmlrpcClient {
  methodCall(method: string, params: unknown[], callback: (error: { faultCode?: number; faultString?: string } | null, value: unknown) => void): void;
}
const require = createRequire(import.meta.url);
const xmlrpc = require('xmlrpc') as { createClient(options: { host: string; port: number; path: string }): XmlrpcClient };

type Answer = { value: unknown } | { fault: { faultCode: number; faultString: string } };

function call(odoo: OdooDouble, service: string, method: string, params: unknown[]): Promise<Answer> {
  const url = new URL(odoo.url);
  const client = xmlrpc.createClient({ host: url.hostname, port: Number(url.port), path: `/xmlrpc/2/${service}` });
  return new Promise((resolve, reject) =>
    client.methodCall(method, params, (error, value) => {
      if (!error) resolve({ value });
      else if (error.faultCode !== undefined) resolve({ fault: { faultCode: error.faultCode, faultString: String(error.faultString) } });
      else reject(error as Error);
    }),
  );
}

async function value(odoo: OdooDouble, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<unknown> {
  const answer = await call(odoo, 'object', 'execute_kw', [odoo.database, 2, odoo.admin.password, model, method, args, kwargs]);
  if ('fault' in answer) throw new Error(answer.fault.faultString);
  return answer.value;
}

async function fault(odoo: OdooDouble, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) {
  const answer = await call(odoo, 'object', 'execute_kw', [odoo.database, 2, odoo.admin.password, model, method, args, kwargs]);
  if (!('fault' in answer)) throw new Error(`expected a fault, got ${JSON.stringify(answer.value).slice(0, 200)}`);
  return answer.fault;
}

interface Fixture {
  request: { endpoint: string; method: string; args: unknown[]; kwargs?: Record<string, unknown> };
  ok: boolean;
  response?: unknown;
  fault?: { faultCode: number; faultString: string };
}

function fixtureFiles(series: string, prefix: string): string[] {
  return readdirSync(new URL(`../fixtures/odoo/${series}/`, import.meta.url)).filter((f) => f.startsWith(prefix)).sort();
}

/** Records compared as a set when the request left the order to Odoo's default. */
function comparable(response: unknown, ordered: boolean): unknown {
  return !ordered && Array.isArray(response) ? response.map((r) => JSON.stringify(r)).sort() : response;
}

describe.each(SERIES)('odoo-double %s', (series) => {
  let odoo: OdooDouble;
  beforeAll(async () => {
    odoo = await startOdooDouble({ series });
  });
  afterAll(() => odoo.close());

  const modules = () => fixture<{ id: number; name: string; state: string; application: boolean }[]>(series, 'xmlrpc.object.ir.module.module.search_read.all.json').response;

  it('answers every recorded XML-RPC call as the real server did', async () => {
    for (const file of fixtureFiles(series, 'xmlrpc.')) {
      const recorded = JSON.parse(readFileSync(new URL(`../fixtures/odoo/${series}/${file}`, import.meta.url), 'utf8')) as Fixture;
      const args = recorded.request.args.map((a) => (a === '<admin password>' ? odoo.admin.password : a === '<olivia api key>' ? odoo.apiKeyUser.apiKey : a));
      const answer = await call(odoo, recorded.request.endpoint.split('/').pop() as string, recorded.request.method, args);
      if (recorded.ok) {
        const ordered = !recorded.request.kwargs || 'order' in recorded.request.kwargs;
        expect('value' in answer ? comparable(answer.value, ordered) : answer, file).toEqual(comparable(recorded.response, ordered));
      } else {
        expect(answer, file).toEqual({ fault: { faultCode: recorded.fault?.faultCode, faultString: recorded.fault?.faultString } });
      }
    }
    expect(odoo.unanswered).toEqual([]);
  });

  it('evaluates every field it holds like Odoo, except the one computed field the recordings show differs', () => {
    // calibration replays the recordings at start: any other disagreement would be a bug of the double
    expect(odoo.unsearchableFields).toEqual({ 'ir.ui.view': ['model_data_id'] });
  });

  it('sends the same bytes as the real server for the recorded raw exchanges', async () => {
    for (const file of fixtureFiles(series, 'raw.')) {
      const raw = JSON.parse(readFileSync(new URL(`../fixtures/odoo/${series}/${file}`, import.meta.url), 'utf8')) as {
        request: { path: string; request_headers: Record<string, string>; request_body: string };
        response: { status: number; body: string; headers: [string, string][] };
      };
      const response = await fetch(`${odoo.url}${raw.request.path}`, { method: 'POST', headers: raw.request.request_headers, body: raw.request.request_body });
      const body = await response.text();
      expect(response.status, file).toBe(raw.response.status);
      expect(response.headers.get('content-type'), file).toBe(raw.response.headers.find(([name]) => name === 'Content-Type')?.[1]);
      if (file === 'raw.jsonrpc.object.search_read_modules.json') {
        // requested without order: Odoo's default order of modules is not recorded (see README)
        const records = (text: string) => comparable((JSON.parse(text) as { result: unknown }).result, false);
        expect(records(body), file).toEqual(records(raw.response.body));
      } else {
        expect(body, file).toBe(raw.response.body);
      }
    }
  });

  it('serves the recorded HTTP pages, with every marker the full page had and no other', async () => {
    for (const file of fixtureFiles(series, 'http.')) {
      const page = JSON.parse(readFileSync(new URL(`../fixtures/odoo/${series}/${file}`, import.meta.url), 'utf8')) as {
        request: { method: string; path: string; request_body: string | null };
        response: { status: number; headers: [string, string][]; body: string; body_contains: Record<string, boolean> };
      };
      const response = await fetch(`${odoo.url}${page.request.path}`, {
        method: page.request.method,
        redirect: 'manual',
        ...(page.request.request_body !== null && { body: page.request.request_body, headers: { 'Content-Type': 'application/json' } }),
      });
      const body = await response.text();
      expect(response.status, file).toBe(page.response.status);
      expect(body.startsWith(page.response.body), file).toBe(true);
      for (const [marker, present] of Object.entries(page.response.body_contains)) expect(body.includes(marker), `${file}: ${marker}`).toBe(present);
      for (const name of ['Location', 'X-Frame-Options', 'Content-Security-Policy', 'Cache-Control']) {
        expect(response.headers.get(name), `${file}: ${name}`).toBe(page.response.headers.find(([n]) => n === name)?.[1] ?? null);
      }
      expect(response.headers.getSetCookie().length, file).toBe(page.response.headers.filter(([n]) => n === 'Set-Cookie').length);
    }
  });

  it('answers the JSON pages with the id the client sent', async () => {
    const response = await fetch(`${odoo.url}/web/database/list`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"jsonrpc": "2.0", "method": "call", "params": {}, "id": 42}' });
    expect(await response.json()).toEqual({ jsonrpc: '2.0', id: 42, result: [odoo.database] });
  });

  it('evaluates the domain it receives', async () => {
    const domain = ['|', ['state', '=', 'to upgrade'], '&', ['name', '=like', 'web%'], '!', ['state', '=', 'uninstalled']];
    const got = (await value(odoo, 'ir.module.module', 'search_read', [domain], { fields: ['name', 'state'], order: 'name' })) as { name: string }[];
    const expected = modules()
      .filter((m) => m.state === 'to upgrade' || (m.name.startsWith('web') && m.state !== 'uninstalled'))
      .map((m) => m.name)
      .sort();
    expect(expected.length).toBeGreaterThan(1);
    expect(got.map((m) => m.name)).toEqual(expected);
  });

  it('honours fields, order, offset and limit', async () => {
    const page = (await value(odoo, 'ir.module.module', 'search_read', [[['application', '=', true]]], {
      fields: ['name'],
      order: 'name desc',
      offset: 2,
      limit: 3,
    })) as Record<string, unknown>[];
    const expected = modules().filter((m) => m.application).map((m) => m.name).sort().reverse().slice(2, 5);
    expect(page.map((m) => m.name)).toEqual(expected);
    expect(Object.keys(page[0])).toEqual(['id', 'name']);
  });

  it('hides archived records unless active_test is off', async () => {
    const users = fixture<{ active: boolean }[]>(series, 'xmlrpc.object.res.users.search_read.json').response;
    expect(await value(odoo, 'res.users', 'search_count', [[]])).toBe(users.filter((u) => u.active).length);
    expect(await value(odoo, 'res.users', 'search_count', [[]], { context: { active_test: false } })).toBe(users.length);
    expect(await value(odoo, 'res.users', 'search_count', [[['active', '=', false]]])).toBe(users.filter((u) => !u.active).length);
  });

  it('computes read_group on the records', async () => {
    const groups = (await value(odoo, 'ir.module.module', 'read_group', [[['application', '=', true]], ['state'], ['state']], { lazy: true })) as Record<string, unknown>[];
    const apps = modules().filter((m) => m.application);
    expect(groups.reduce((sum, g) => sum + Number(g.state_count), 0)).toBe(apps.length);
    const installed = groups.find((g) => g.state === 'installed');
    expect(installed?.state_count).toBe(apps.filter((m) => m.state === 'installed').length);
    expect(installed?.__domain).toEqual(['&', ['application', '=', true], ['state', '=', 'installed']]);
  });

  it('answers models recorded only by counts for the recorded domains, and fails loudly on any other', async () => {
    const before = odoo.unanswered.length;
    expect(await value(odoo, 'ir.attachment', 'search_count', [[['type', '=', 'url']]])).toBe(fixture(series, 'xmlrpc.object.ir.attachment.search_count.type_url.json').response);
    const refused = await fault(odoo, 'ir.attachment', 'search_count', [[['type', '=', 'binary'], ['public', '=', true]]]);
    expect(refused.faultString).toMatch(/^odoo-double cannot answer object\.execute_kw ir\.attachment\.search_count: /);
    expect(odoo.unanswered.slice(before)).toMatchObject([{ model: 'ir.attachment', modelMethod: 'search_count' }]);
    odoo.unanswered.splice(before);
  });

  it('fails loudly rather than guess records it does not hold', async () => {
    const before = odoo.unanswered.length;
    // only the server actions in state code were recorded
    await expect(value(odoo, 'ir.actions.server', 'search_read', [[]], { fields: ['name'] })).rejects.toThrow(/^odoo-double cannot answer/);
    await expect(value(odoo, 'ir.actions.server', 'search_count', [[['state', '=', 'code']]])).resolves.toBeTypeOf('number');
    await expect(value(odoo, 'res.users', 'search_read', [[['partner_id.email', '=', 'x']]], { fields: ['login'] })).rejects.toThrow(/^odoo-double cannot answer/);
    await expect(value(odoo, 'res.users', 'search_read', [[]], { fields: ['signature'] })).rejects.toThrow(/^odoo-double cannot answer/);
    expect(odoo.unanswered.length - before).toBe(3);
    odoo.unanswered.splice(before);
  });

  it("refuses a field the model does not have with Odoo's own fault", async () => {
    const recorded = fixture(series, 'xmlrpc.object.error.unknown_field.json').fault;
    expect(await fault(odoo, 'res.users', 'search_read', [[]], { fields: ['login', 'x_no_such_field'], limit: 1 })).toEqual({
      faultCode: recorded?.faultCode,
      faultString: recorded?.faultString,
    });
    const other = await fault(odoo, 'res.groups', 'search_read', [[]], { fields: ['name', 'x_color'] });
    expect(other.faultString.trim().split('\n').at(-1)).toBe("ValueError: Invalid field 'x_color' on model 'res.groups'");
  });

  it('describes the fields it knows for models recorded without fields_get', async () => {
    const fields = (await value(odoo, 'res.groups', 'fields_get', [], { attributes: ['type', 'string', 'relation'] })) as Record<string, { type: string }>;
    expect(fields.users.type).toBe('many2many');
    expect(fields.name.type).toBe('char');
    expect(fields).not.toHaveProperty('user_ids');
  });

  it('refuses wrong credentials on execute_kw, and other databases at authenticate', async () => {
    const wrong = await call(odoo, 'object', 'execute_kw', [odoo.database, 2, 'not-the-password', 'res.partner', 'search_count', [[]], {}]);
    expect(wrong).toEqual({ fault: { faultCode: 3, faultString: 'Access Denied' } });
    const otherDb = await call(odoo, 'common', 'authenticate', ['acme_prod', 'admin', odoo.admin.password, {}]);
    expect('fault' in otherDb && otherDb.fault.faultString).toContain('database "acme_prod" does not exist');
    expect(await call(odoo, 'common', 'authenticate', [odoo.database, odoo.apiKeyUser.login, 'a-guess', {}])).toEqual({ value: false });
  });

  it('denies a model like Odoo, for everyone or for one login', async () => {
    odoo.denyModel('ir.module.module', 'olivia.ops@example.com');
    try {
      expect(await value(odoo, 'ir.module.module', 'search_count', [[]])).toBe(modules().length); // admin is not denied
      const asOlivia = await call(odoo, 'object', 'execute_kw', [odoo.database, 8, odoo.apiKeyUser.apiKey, 'ir.module.module', 'search_count', [[]], {}]);
      expect(asOlivia).toEqual({ fault: { faultCode: 4, faultString: fixture(series, 'xmlrpc.object.error.portal_user_access_denied.json').fault?.faultString } });
    } finally {
      odoo.allowModel('ir.module.module');
    }
  });

  it('serves the records as tests change them', async () => {
    const own = await startOdooDouble({ series });
    try {
      const queue = own.data['ir.cron'].find((c) => c.cron_name === 'Mail: Email Queue Manager');
      if (!queue) throw new Error('the recorded crons lack the mail queue');
      queue.nextcall = '2026-12-04 20:00:00';
      own.data['res.users'].push({ ...own.data['res.users'][0], id: 99, login: 'new.admin@example.com', active: true, share: false });
      const crons = (await value(own, 'ir.cron', 'search_read', [[['nextcall', '<', '2025-01-01 00:00:00']]], { fields: ['cron_name'] })) as { id: number }[];
      expect(crons.map((c) => c.id)).not.toContain(queue.id);
      expect(await value(own, 'res.users', 'search_count', [[['login', '=', 'new.admin@example.com']]])).toBe(1);
      // another double starts from the recorded data again
      expect(odoo.data['res.users'].some((u) => u.login === 'new.admin@example.com')).toBe(false);
    } finally {
      await own.close();
    }
  });

  it('records every call for assertions, with passwords masked', () => {
    const auth = odoo.calls.find((c) => c.method === 'authenticate');
    expect(auth?.args[2]).toBe('***');
    expect(odoo.calls.some((c) => c.model === 'ir.module.module' && c.modelMethod === 'read_group' && c.login === 'admin')).toBe(true);
  });
});
