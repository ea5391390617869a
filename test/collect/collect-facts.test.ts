/**
 * collectFacts with a fake connector (a session answering from the fixtures) and a real loopback
 * server for the HTTP probe: the snapshot's shape, progress events, skipped collectors, and
 * connection-level failures that end the scan.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { collectFacts } from '../../server/src/collect/index.ts';
import type { CollectOptions, ProgressEvent } from '../../server/src/collect/types.ts';
import { FACT_KEYS } from '../../server/src/facts/types.ts';
import { OdooError, type ConnectionOptions } from '../../server/src/odoo/types.ts';
import { startFixtureHttpServer, type FixtureHttpServer, type Handler } from './support/fixture-http.ts';
import { FixtureSession } from './support/fixture-session.ts';

const servers: FixtureHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(overrides?: Record<string, Handler>): Promise<FixtureHttpServer> {
  const server = await startFixtureHttpServer('18.0', { overrides });
  servers.push(server);
  return server;
}

function options(url: string, extra: Partial<CollectOptions> = {}): CollectOptions {
  return {
    target: { url, database: 'pulse18', login: 'admin', protocol: 'xmlrpc' },
    secret: 'admin',
    secretKind: 'password',
    timeoutMs: 5000,
    now: new Date('2026-12-04T19:35:00.000Z'),
    ...extra,
  };
}

const fakeConnect = (session = new FixtureSession('18.0')) => {
  const seen: ConnectionOptions[] = [];
  return {
    seen,
    connect: async (o: ConnectionOptions) => {
      seen.push(o);
      return session;
    },
  };
};

describe('collectFacts', () => {
  it('fills every fact group and records both collector runs', async () => {
    const server = await serve();
    const { connect, seen } = fakeConnect();
    const events: ProgressEvent[] = [];
    const facts = await collectFacts(options(`${server.url}/`), (e) => events.push(e), { connect });

    expect(facts.collectedAt).toBe('2026-12-04T19:35:00.000Z');
    expect(facts.target.url).toBe(server.url);
    expect(FACT_KEYS.filter((k) => facts[k].status !== 'collected')).toEqual([]);
    expect(facts.collectors.map((c) => [c.id, c.status])).toEqual([['api', 'ok'], ['http', 'ok']]);
    const api = facts.collectors[0];
    expect(api.requests).toBeGreaterThan(20);
    expect(facts.collectors[1]).toMatchObject({ requests: 8, rounds: 1 });
    expect(seen[0]).toMatchObject({ url: server.url, database: 'pulse18', login: 'admin', secretKind: 'password', protocol: 'xmlrpc' });
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);

    for (const collector of ['api', 'http'] as const) {
      const mine = events.filter((e) => e.collector === collector);
      expect(mine[0]).toEqual({ type: 'collector-started', collector });
      expect(mine.at(-1)).toEqual({ type: 'collector-finished', collector, status: 'ok' });
      const steps = mine.filter((e) => e.type === 'step');
      expect(steps.length).toBeGreaterThan(0);
      expect(steps.at(-1)).toMatchObject({ done: steps.length, total: steps.length });
    }
  });

  it('marks a collector that was not selected as skipped and its groups as not collected', async () => {
    const server = await serve();
    const { connect } = fakeConnect();
    const facts = await collectFacts(options(server.url, { collectors: ['http'] }), undefined, { connect });
    expect(facts.http.status).toBe('collected');
    expect(facts.crons).toEqual({ status: 'not_collected', reason: 'the api collector was not run' });
    expect(facts.collectors.find((c) => c.id === 'api')).toMatchObject({ status: 'skipped', requests: 0 });
    expect(server.requests).not.toContain('POST /xmlrpc/2/common');

    const apiOnly = await collectFacts(options(server.url, { collectors: ['api'] }), undefined, { connect });
    expect(apiOnly.http).toEqual({ status: 'not_collected', reason: 'the http collector was not run' });
    expect(apiOnly.crons.status).toBe('collected');
  });

  it('reports a partial API run with the gap stated when one model is denied', async () => {
    const server = await serve();
    const { connect } = fakeConnect(new FixtureSession('18.0', { deny: ['ir.logging'] }));
    const events: ProgressEvent[] = [];
    const facts = await collectFacts(options(server.url), (e) => events.push(e), { connect });
    expect(facts.logs).toMatchObject({ status: 'not_collected', reason: expect.stringMatching(/^access denied on ir\.logging: /) });
    expect(facts.collectors[0]).toMatchObject({ status: 'partial', message: '1 of 23 fact groups not collected: logs' });
    expect(events).toContainEqual({ type: 'collector-finished', collector: 'api', status: 'partial', message: '1 of 23 fact groups not collected: logs' });
  });

  it('throws a connection-level failure and cancels the probe', async () => {
    const server = await serve({ 'GET /web/health': () => undefined });
    const failure = new OdooError('bad_credentials', 'The login or password was refused by the server.');
    const events: ProgressEvent[] = [];
    const scan = collectFacts(options(server.url, { timeoutMs: 60_000 }), (e) => events.push(e), {
      connect: async () => {
        // let the probe start first, so cancelling it is what ends the scan quickly
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw failure;
      },
    });
    await expect(scan).rejects.toBe(failure);
    expect(events).toContainEqual({ type: 'collector-finished', collector: 'api', status: 'failed', message: failure.message });
  });

  it('asks the server for its database when none is given', async () => {
    const server = await serve();
    const { connect, seen } = fakeConnect();
    const base = options(server.url, { collectors: ['api'] });
    const facts = await collectFacts({ ...base, target: { ...base.target, database: null } }, undefined, { connect });
    expect(seen[0].database).toBe('pulse18');
    expect(facts.target.database).toBe('pulse18');
  });

  it('says what to do when the server lists several databases', async () => {
    const server = await serve({
      'POST /web/database/list': (_, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"jsonrpc": "2.0", "id": null, "result": ["prod", "staging"]}'),
    });
    const base = options(server.url, { collectors: ['api'] });
    const scan = collectFacts({ ...base, target: { ...base.target, database: null } }, undefined, fakeConnect());
    await expect(scan).rejects.toMatchObject({
      kind: 'unknown_database',
      message: `No database was given and ${server.url} has 2 databases (prod, staging); pass the one to scan.`,
    });
  });

  it('refuses a target that is not an http(s) URL, with one clear sentence', async () => {
    await expect(collectFacts(options('erp.example.com'), undefined, fakeConnect())).rejects.toThrow(
      '"erp.example.com" is not a valid URL: give the instance\'s address, e.g. https://erp.example.com.',
    );
    await expect(collectFacts(options('ftp://erp.example.com'), undefined, fakeConnect())).rejects.toMatchObject({ kind: 'unreachable' });
  });

  it('refuses to start without a login', async () => {
    const base = options('http://127.0.0.1:9', { collectors: ['api'] });
    await expect(collectFacts({ ...base, target: { ...base.target, login: null } }, undefined, fakeConnect())).rejects.toMatchObject({
      kind: 'bad_credentials',
    });
  });

  it('is not disturbed by a progress listener that throws', async () => {
    const server = await serve();
    const facts = await collectFacts(options(server.url), () => {
      throw new Error('listener bug');
    }, fakeConnect());
    expect(facts.collectors.map((c) => c.status)).toEqual(['ok', 'ok']);
  });
});
