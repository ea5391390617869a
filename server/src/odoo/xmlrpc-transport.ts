/**
 * XML-RPC on /xmlrpc/2/{common,db,object}, encoded and decoded by the `xmlrpc` package, over the
 * shared HTTP(S) POST (the package's own client has no timeout and hides non-XML answers).
 *
 * Gotchas of the package handled here: `<i8>` is decoded as a string (turned back into a number when
 * exact), `<dateTime.iso8601>` as a local-time Date (Odoo's datetimes are naive UTC strings: kept as
 * "YYYY-MM-DD HH:MM:SS"), and a fault arrives as an Error with faultCode/faultString.
 */
import type http from 'node:http';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { post } from './http-post.ts';
import { looksLikeHtml, malformed, notOdoo, RpcFault, type Service, type Transport } from './transport.ts';

interface XmlrpcDeserializer {
  deserializeMethodResponse(stream: Readable, callback: (error: (Error & { faultCode?: unknown; faultString?: unknown }) | null, value?: unknown) => void): void;
  push(value: unknown): void;
  value: boolean;
  endI8(data: string): void;
  endDateTime(data: string): void;
}

const require = createRequire(import.meta.url);
// CommonJS internals of the xmlrpc package (untyped deep imports)
const Serializer = require('xmlrpc/lib/serializer.js') as { serializeMethodCall(method: string, params: unknown[]): string };
const Deserializer = require('xmlrpc/lib/deserializer.js') as new () => XmlrpcDeserializer;

const ISO_8601 = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})/;

function newDeserializer(): XmlrpcDeserializer {
  const deserializer = new Deserializer();
  deserializer.endI8 = function endI8(this: XmlrpcDeserializer, data: string) {
    if (!/^-?\d+$/.test(data.trim())) throw new Error(`Expected an integer (i8) but got '${data}'`);
    const value = Number(data);
    // beyond 2^53 a JS number would silently change the value: keep Odoo's digits
    this.push(Number.isSafeInteger(value) ? value : data.trim());
    this.value = false;
  };
  deserializer.endDateTime = function endDateTime(this: XmlrpcDeserializer, data: string) {
    const m = ISO_8601.exec(data.trim());
    if (!m) throw new Error(`Expected a dateTime.iso8601 but got '${data}'`);
    this.push(`${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`);
    this.value = false;
  };
  return deserializer;
}

/** Drops undefined members so they are not sent as <nil/>. */
function defined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(defined);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, defined(v)]));
  }
  return value;
}

function decode(body: Buffer): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    newDeserializer().deserializeMethodResponse(Readable.from([body], { objectMode: false }), (error, value) => {
      if (settled) return;
      settled = true;
      if (!error) return resolve(value);
      if (error.faultCode !== undefined) {
        const code = Number(error.faultCode);
        return reject(new RpcFault(Number.isFinite(code) ? code : 1, null, String(error.faultString ?? '')));
      }
      reject(error);
    });
  });
}

export class XmlrpcTransport implements Transport {
  constructor(
    private readonly baseUrl: string,
    private readonly agent: http.Agent,
  ) {}

  async call(service: Service, method: string, args: unknown[], timeoutMs: number): Promise<unknown> {
    const endpoint = `${this.baseUrl}/xmlrpc/2/${service}`;
    const answer = await post({
      url: new URL(endpoint),
      body: Serializer.serializeMethodCall(method, defined(args) as unknown[]),
      contentType: 'text/xml',
      timeoutMs,
      agent: this.agent,
    });
    const text = answer.body.toString('utf8');
    if (looksLikeHtml(answer, text) || !/^\s*(<\?xml[^>]*\?>\s*)?<methodResponse[\s>]/.test(text)) {
      throw notOdoo(endpoint, answer, text, 'XML-RPC');
    }
    try {
      return await decode(answer.body);
    } catch (error) {
      if (error instanceof RpcFault) throw error;
      throw malformed(endpoint, 'XML-RPC', (error as Error).message.split('\n')[0]);
    }
  }
}
