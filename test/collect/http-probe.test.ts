/**
 * The HTTP probe against a real loopback server replaying the recorded Odoo pages (and a few
 * misbehaving ones): what it records, and that no failure stops the rest.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeHttp } from '../../server/src/collect/http/probe.ts';
import type { HttpFacts } from '../../server/src/facts/types.ts';
import { closedPort } from '../support/ports.ts';
import { startFixtureHttpServer, type FixtureHttpServer } from './support/fixture-http.ts';
import { SERIES } from './support/fixtures.ts';

const servers: FixtureHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(...args: Parameters<typeof startFixtureHttpServer>): Promise<FixtureHttpServer> {
  const server = await startFixtureHttpServer(...args);
  servers.push(server);
  return server;
}

function collectedHttp(result: Awaited<ReturnType<typeof probeHttp>>): HttpFacts {
  if (result.facts.status !== 'collected') throw new Error(`not collected: ${result.facts.reason}`);
  return result.facts.value;
}

describe.each(SERIES)('the HTTP probe on recorded Odoo %s pages', (series) => {
  it('records status, headers, markers and JSON of every endpoint', async () => {
    const server = await serve(series);
    const result = await probeHttp({ baseUrl: `${server.url}/`, timeoutMs: 5000 });
    const facts = collectedHttp(result);
    expect(result.status).toBe('ok');
    expect(result.requests).toBe(8);
    expect(facts).toMatchObject({ baseUrl: server.url, https: false, httpRedirectsToHttps: null, tls: null });
    const { endpoints } = facts;
    expect(endpoints.login.status).toBe(200);
    expect(endpoints.login.markers).toEqual(expect.arrayContaining(['login-form', 'password-field', 'csrf-token']));
    expect(endpoints.login.markers).not.toContain('database-manager');
    expect(endpoints.databaseManager.markers).toEqual(expect.arrayContaining(['database-manager', 'database-list', 'master-password-field']));
    expect(endpoints.databaseSelector.markers).toContain('database-manager');
    expect(endpoints.root.markers).not.toContain('database-manager');
    expect(endpoints.databaseList.json).toEqual({ jsonrpc: '2.0', id: 1, result: [series === '18.0' ? 'pulse18' : 'pulse17'] });
    expect(endpoints.versionInfo.json).toMatchObject({ result: { server_serie: series } });
    expect(endpoints.versionInfo.markers).toContain('server-version');
    expect(endpoints.health.json).toEqual({ status: 'pass' });
    expect(endpoints.robots.json).toBeNull();
    expect(endpoints.login.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(endpoints.login.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Object.keys(endpoints.login.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(server.requests.filter((r) => r.startsWith('POST'))).toEqual(
      expect.arrayContaining(['POST /web/database/list', 'POST /web/webclient/version_info']),
    );
  });

  it('masks cookie values but keeps their attributes, one cookie per line', async () => {
    const server = await serve(series);
    const { endpoints } = collectedHttp(await probeHttp({ baseUrl: server.url, timeoutMs: 5000 }));
    const cookies = endpoints.root.headers['set-cookie'].split('\n');
    expect(cookies.length).toBeGreaterThanOrEqual(2);
    expect(cookies.find((c) => c.startsWith('session_id='))).toMatch(/^session_id=\*\*\*; Expires=.*; HttpOnly; Path=\/$/);
    expect(endpoints.root.headers['set-cookie']).not.toMatch(/session_id=[A-Za-z0-9_-]{20,}/);
  });
});

describe('the HTTP probe when things go wrong', () => {
  it('records a failing endpoint on that endpoint and probes the others', async () => {
    const server = await serve('18.0', { overrides: { 'GET /robots.txt': (req) => req.socket.destroy() } });
    const result = await probeHttp({ baseUrl: server.url, timeoutMs: 5000 });
    const { endpoints } = collectedHttp(result);
    expect(endpoints.robots).toMatchObject({ status: null, headers: {}, markers: [], bodyLength: 0 });
    expect(endpoints.robots.error).toMatch(/socket hang up|reset/i);
    expect(endpoints.login.status).toBe(200);
    expect(result.status).toBe('partial');
    expect(result.message).toContain('/robots.txt');
  });

  it('gives up on an endpoint that does not answer in time', async () => {
    const server = await serve('18.0', { overrides: { 'GET /web/health': () => undefined } });
    const { endpoints } = collectedHttp(await probeHttp({ baseUrl: server.url, timeoutMs: 300 }));
    expect(endpoints.health.error).toBe('no response within 300 ms');
    expect(endpoints.root.status).toBe(200);
  });

  it('does not follow redirects', async () => {
    const server = await serve('18.0', {
      overrides: { 'GET /': (_, res) => res.writeHead(303, { Location: '/web/login?redirect=%2F' }).end() },
    });
    const { endpoints } = collectedHttp(await probeHttp({ baseUrl: server.url, timeoutMs: 5000 }));
    expect(endpoints.root).toMatchObject({ status: 303, location: '/web/login?redirect=%2F' });
    expect(server.requests.filter((r) => r === 'GET /web/login')).toHaveLength(1);
  });

  it('stops reading an endless body at the cap', async () => {
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const server = await serve('18.0', {
      overrides: {
        'GET /': (_, res) => {
          res.writeHead(200, { 'content-type': 'text/html' });
          const pump = () => {
            while (!res.destroyed && res.write(chunk));
            if (!res.destroyed) res.once('drain', pump);
          };
          pump();
        },
      },
    });
    const { endpoints } = collectedHttp(await probeHttp({ baseUrl: server.url, timeoutMs: 10_000, maxBodyBytes: 64 * 1024 }));
    expect(endpoints.root).toMatchObject({ status: 200, error: null, bodyLength: 64 * 1024 });
  });

  it('reports the declared length of a body cut at the cap', async () => {
    const body = `<html>${'x'.repeat(200_000)}<form class="oe_login_form"></form></html>`;
    const server = await serve('18.0', {
      overrides: { 'GET /': (_, res) => res.writeHead(200, { 'content-length': String(body.length) }).end(body) },
    });
    const { endpoints } = collectedHttp(await probeHttp({ baseUrl: server.url, timeoutMs: 5000, maxBodyBytes: 1024 }));
    expect(endpoints.root.bodyLength).toBe(body.length);
    expect(endpoints.root.markers).not.toContain('login-form');
  });

  it('states the gap when nothing answers', async () => {
    const port = await closedPort();
    const result = await probeHttp({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000 });
    expect(result.status).toBe('failed');
    expect(result.facts).toEqual({
      status: 'not_collected',
      reason: `no HTTP response from http://127.0.0.1:${port}: connection refused (ECONNREFUSED)`,
    });
  });

  it('stops probing when cancelled', async () => {
    const server = await serve('18.0', { overrides: { 'GET /web/health': () => undefined } });
    const abort = new AbortController();
    const probing = probeHttp({ baseUrl: server.url, timeoutMs: 60_000, signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    const { endpoints } = collectedHttp(await probing);
    expect(endpoints.health.error).toBe('the probe was cancelled');
  });
});

describe('the HTTP probe on an https target', () => {
  let dir: string;
  let tls: { key: string; cert: string };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pulse-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', '/CN=localhost/O=Pulse Test', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    tls = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function plainServer(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
    const server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  it('records the certificate and that it does not validate, and still probes the pages', async () => {
    const server = await serve('18.0', { tls });
    const facts = collectedHttp(await probeHttp({ baseUrl: server.url, timeoutMs: 5000, plainHttpUrl: null }));
    expect(facts.https).toBe(true);
    expect(facts.tls).toMatchObject({ authorized: false, subject: 'CN=localhost, O=Pulse Test', issuer: 'CN=localhost, O=Pulse Test' });
    expect(facts.tls?.error).toMatch(/SELF_SIGNED|self[- ]signed/i);
    expect(facts.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(Date.parse(facts.tls?.validTo ?? '')).toBeGreaterThan(Date.parse(facts.tls?.validFrom ?? ''));
    expect(facts.endpoints.login.markers).toContain('login-form');
    expect(facts.httpRedirectsToHttps).toBeNull();
  });

  it('tells whether plain http redirects to https', async () => {
    const server = await serve('18.0', { tls });
    const redirecting = await plainServer((req, res) => res.writeHead(301, { Location: `https://erp.example.com${req.url}` }).end());
    const serving = await plainServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'));
    try {
      const yes = collectedHttp(await probeHttp({ baseUrl: server.url, timeoutMs: 5000, plainHttpUrl: redirecting.url }));
      const no = collectedHttp(await probeHttp({ baseUrl: server.url, timeoutMs: 5000, plainHttpUrl: serving.url }));
      expect(yes.httpRedirectsToHttps).toBe(true);
      expect(no.httpRedirectsToHttps).toBe(false);
    } finally {
      await Promise.all([redirecting.close(), serving.close()]);
    }
  });
});
