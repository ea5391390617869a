/**
 * XML-RPC values the xmlrpc package decodes differently from what Odoo means: <i8> (a string in the
 * package) and <dateTime.iso8601> (a local-time Date in the package; Odoo datetimes are naive UTC).
 * A tiny server answers with them, as an Odoo behind another marshaller could.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../server/src/odoo/connect.ts';

const VERSION = `<struct>
<member><name>server_version</name><value><string>17.0-20240709</string></value></member>
<member><name>server_version_info</name><value><array><data><value><int>17</int></value><value><int>0</int></value></data></array></value></member>
<member><name>server_serie</name><value><string>17.0</string></value></member>
<member><name>protocol_version</name><value><int>1</int></value></member>
</struct>`;

const RECORDS = `<array><data><value><struct>
<member><name>id</name><value><i8>9007199254740993</i8></value></member>
<member><name>file_size</name><value><i8>4294967296</i8></value></member>
<member><name>nextcall</name><value><dateTime.iso8601>20240115T02:00:00</dateTime.iso8601></value></member>
<member><name>lastcall</name><value><dateTime.iso8601>2026-12-04T19:25:46</dateTime.iso8601></value></member>
<member><name>name</name><value>untyped text</value></member>
<member><name>note</name><value><nil/></value></member>
</struct></value></data></array>`;

function respond(value: string): string {
  return `<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>${value}</value>\n</param>\n</params>\n</methodResponse>\n`;
}

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const method = /<methodName>([^<]+)<\/methodName>/.exec(body)?.[1];
      const value = method === 'version' ? VERSION : method === 'authenticate' ? '<i8>7</i8>' : RECORDS;
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(respond(value));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('XML-RPC decoding', () => {
  it('reads <i8> as a number when exact, as its digits beyond 2^53, and datetimes as Odoo strings', async () => {
    const session = await connect({ url, database: 'db', login: 'admin', secret: 'x', secretKind: 'password', protocol: 'xmlrpc' });
    expect(session.uid).toBe(7);
    const [record] = await session.executeKw<Record<string, unknown>[]>('ir.attachment', 'search_read', [[]], { fields: [] });
    expect(record).toEqual({
      id: '9007199254740993',
      file_size: 4294967296,
      nextcall: '2024-01-15 02:00:00',
      lastcall: '2026-12-04 19:25:46',
      name: 'untyped text',
      note: null,
    });
  });
});
