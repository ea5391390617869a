/**
 * Errors as a user meets them: each one an OdooError of the right kind with a sentence to act on,
 * and never the secret in it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../server/src/odoo/connect.ts';
import type { OdooError } from '../../server/src/odoo/types.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';
import { connectAs, MATRIX, odooError, optionsFor, PROTOCOLS } from './helpers.ts';

const SECRET = 'Sup3r-S3cret-Never-Shown-7731';
/** Every error met in this file, to check none of them shows the secret it was made with. */
const seen: { error: OdooError; secret: string }[] = [];

async function expectError(promise: Promise<unknown>, secret: string): Promise<OdooError> {
  const error = await odooError(promise);
  seen.push({ error, secret });
  return error;
}

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function freePort(): Promise<number> {
  const { server, url } = await listen(() => undefined);
  await close(server);
  return Number(new URL(url).port);
}

describe.each(MATRIX)('errors on Odoo $series over $protocol', ({ series, protocol }) => {
  let odoo: OdooDouble;
  beforeAll(async () => {
    odoo = await startOdooDouble({ series });
  });
  afterAll(() => odoo.close());

  const login = (who: string, secret: string) => connect({ ...optionsFor(odoo, protocol, 'admin'), login: who, secret });

  it('wrong password: the credentials were refused, and 2FA users are told to use an API key', async () => {
    const error = await expectError(login('admin', SECRET), SECRET);
    expect(error.kind).toBe('bad_credentials');
    expect(error.message).toContain("'admin'");
    expect(error.message).toContain(odoo.database);
    expect(error.message).toMatch(/two-factor.*API key/);
  });

  it('TOTP user with a password: refused like a wrong password, with the API key advice', async () => {
    const error = await expectError(login('tina.totp@example.com', 'TinaTotp-2024!'), 'TinaTotp-2024!');
    expect(error.kind).toBe('bad_credentials');
    expect(error.message).toMatch(/two-factor.*API key/);
  });

  it('archived user: refused', async () => {
    const error = await expectError(login('frank.former@example.com', 'Former-2024!'), 'Former-2024!');
    expect(error.kind).toBe('bad_credentials');
  });

  it('a revoked API key: the key was refused', async () => {
    const error = await expectError(connect({ ...optionsFor(odoo, protocol), secret: 'f'.repeat(40) }), 'f'.repeat(40));
    expect(error.kind).toBe('bad_credentials');
    expect(error.message).toContain('API key');
  });

  it('unknown database: names it', async () => {
    const error = await expectError(connect({ ...optionsFor(odoo, protocol, 'admin'), database: 'pulse_prod', secret: SECRET }), SECRET);
    expect(error.kind).toBe('unknown_database');
    expect(error.message).toContain("'pulse_prod'");
  });

  it('a model the user may not read: access_denied on that model, other calls keep working', async () => {
    const portal = await connect({ ...optionsFor(odoo, protocol, 'admin'), login: 'paula.portal@example.com', secret: 'Portal-2024!' });
    const error = await expectError(portal.searchRead('ir.module.module', [['state', '=', 'installed']], ['name'], { limit: 3 }), 'Portal-2024!');
    expect(error.kind).toBe('access_denied');
    expect(error.model).toBe('ir.module.module');
    expect(error.message).toContain('paula.portal@example.com');
    expect(error.message).toContain('ir.module.module');
  });

  it('unknown model and unknown field are told apart', async () => {
    const session = await connectAs(odoo, protocol);
    const model = await expectError(session.searchCount('x_custom.thing', []), odoo.apiKeyUser.apiKey);
    expect(model).toMatchObject({ kind: 'unknown_model', model: 'x_custom.thing' });
    const field = await expectError(session.executeKw('res.users', 'search_read', [[]], { fields: ['login', 'x_badge'] }), odoo.apiKeyUser.apiKey);
    expect(field).toMatchObject({ kind: 'unknown_field', model: 'res.users' });
    expect(field.message).toContain("'x_badge'");
  });

  it('an HTML page where an RPC answer was expected: not Odoo', async () => {
    const session = await connectAs(odoo, protocol);
    odoo.failNext({ kind: 'html_page' }, { match: { method: 'execute_kw' } });
    const error = await expectError(session.searchCount('ir.attachment', []), odoo.apiKeyUser.apiKey);
    expect(error.kind).toBe('not_odoo');
    expect(error.message).toContain('HTML page');
  });

  it('a proxy error page: not Odoo, with the HTTP status', async () => {
    const session = await connectAs(odoo, protocol);
    odoo.failNext({ kind: 'http_status', status: 502 }, { match: { method: 'execute_kw' } });
    const error = await expectError(session.searchCount('ir.attachment', []), odoo.apiKeyUser.apiKey);
    expect(error.kind).toBe('not_odoo');
    expect(error.message).toContain('HTTP 502');
  });

  it('an RPC body cut in the middle: malformed response', async () => {
    const session = await connectAs(odoo, protocol);
    odoo.failNext({ kind: 'malformed_body' }, { match: { method: 'execute_kw' } });
    const error = await expectError(session.searchRead('res.lang', [], ['code', 'name']), odoo.apiKeyUser.apiKey);
    expect(error.kind).toBe('malformed_response');
  });

  it('a call that takes too long: times out, naming the call', async () => {
    const session = await connectAs(odoo, protocol, { timeoutMs: 1_000 });
    odoo.failNext({ kind: 'delay', ms: 10_000 }, { match: { method: 'execute_kw' } });
    const error = await expectError(session.searchCount('ir.attachment', []), odoo.apiKeyUser.apiKey);
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain('ir.attachment.search_count');
    expect(error.message).toContain('did not answer');
  });

  it('a dropped connection is retried and the call succeeds', async () => {
    const session = await connectAs(odoo, protocol);
    const before = odoo.calls.length;
    odoo.failNext({ kind: 'drop_connection' }, { match: { model: 'ir.attachment' } });
    await expect(session.searchCount('ir.attachment', [])).resolves.toBeTypeOf('number');
    expect(odoo.calls.slice(before).map((c) => c.outcome)).toEqual(['injected', 'result']);
    expect(session.stats.calls).toBe(3); // version, authenticate, one search_count (retries are the same call)
  });

  it('a dropped connection with retries off: the connection was closed', async () => {
    const session = await connectAs(odoo, protocol, { retries: 0 });
    odoo.failNext({ kind: 'drop_connection' }, { match: { model: 'ir.attachment' } });
    const error = await expectError(session.searchCount('ir.attachment', []), odoo.apiKeyUser.apiKey);
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain('closed the connection');
  });

  it('a fault is an answer: never retried', async () => {
    const session = await connectAs(odoo, protocol);
    const before = odoo.calls.length;
    await expectError(session.searchCount('x_custom.thing', []), odoo.apiKeyUser.apiKey);
    expect(odoo.calls.length - before).toBe(1);
  });

  it('HTTPS to a plain HTTP port: a TLS error', async () => {
    const error = await expectError(connect({ ...optionsFor(odoo, protocol), url: odoo.url.replace('http:', 'https:'), retries: 0 }), odoo.apiKeyUser.apiKey);
    expect(error.kind).toBe('tls');
  });

  it('left nothing the recordings cannot answer', () => {
    expect(odoo.unanswered).toEqual([]);
  });
});

describe.each(PROTOCOLS)('reaching the server over %s', (protocol) => {
  it('a port nobody listens on: unreachable, naming host and port', async () => {
    const port = await freePort();
    const error = await expectError(
      connect({ url: `http://127.0.0.1:${port}`, database: 'x', login: 'admin', secret: SECRET, secretKind: 'password', protocol, retries: 1 }),
      SECRET,
    );
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toContain('connection refused');
  });

  it('a web site that is not Odoo: not_odoo, naming the endpoint', async () => {
    const { server, url } = await listen((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body>Our shop</body></html>\n');
    });
    try {
      const error = await expectError(connect({ url, database: 'x', login: 'admin', secret: SECRET, secretKind: 'password', protocol }), SECRET);
      expect(error.kind).toBe('not_odoo');
      const endpoint = protocol === 'xmlrpc' ? `${url}/xmlrpc/2/common` : `${url}/jsonrpc`;
      expect(error.message).toBe(`${endpoint} answered with an HTML page, not ${protocol === 'xmlrpc' ? 'XML-RPC' : 'JSON-RPC'}: is this the Odoo URL?`);
    } finally {
      await close(server);
    }
  });

  it('a redirect (http to https): not_odoo, pointing at the new address', async () => {
    const { server, url } = await listen((_req, res) => {
      res.writeHead(301, { Location: 'https://erp.example.com/xmlrpc/2/common', 'Content-Type': 'text/html' });
      res.end('<html><body>Moved</body></html>');
    });
    try {
      const error = await expectError(connect({ url, database: 'x', login: 'admin', secret: SECRET, secretKind: 'password', protocol }), SECRET);
      expect(error.kind).toBe('not_odoo');
      expect(error.message).toContain('redirects to https://erp.example.com/xmlrpc/2/common');
    } finally {
      await close(server);
    }
  });

  it('an RPC server that is not Odoo: not_odoo', async () => {
    const { server, url } = await listen((_req, res) => {
      if (protocol === 'xmlrpc') {
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        res.end("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>-32601</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>method \"version\" is not supported</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n");
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"jsonrpc": "2.0", "id": 1, "error": {"code": -32601, "message": "Method not found"}}');
      }
    });
    try {
      const error = await expectError(connect({ url, database: 'x', login: 'admin', secret: SECRET, secretKind: 'password', protocol }), SECRET);
      expect(error.kind).toBe('not_odoo');
    } finally {
      await close(server);
    }
  });

  it('a URL that is not one', async () => {
    const error = await expectError(connect({ url: 'erp.example.com', database: 'x', login: 'admin', secret: SECRET, secretKind: 'password', protocol }), SECRET);
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain('https://erp.example.com');
  });
});

describe('the secret', () => {
  it('appears in no error met above', () => {
    expect(seen.length).toBeGreaterThan(30);
    for (const { error, secret } of seen) {
      const shown = [error.message, error.detail, inspect(error, { depth: 6 }), JSON.stringify(error)].join('\n');
      expect(shown, `${error.kind}: ${error.message}`).not.toContain(secret);
    }
  });
});
