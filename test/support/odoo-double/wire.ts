/**
 * Bytes as Odoo writes them. Odoo answers XML-RPC with Python's xmlrpc.client marshaller and JSON-RPC
 * with Python's json.dumps; the double reproduces both byte for byte (compare with the `raw.*`
 * fixtures), including the 18.0 marshaller's different XML declaration and extra blank line.
 */
import { Readable } from 'node:stream';
import { createRequire } from 'node:module';

/** A Python float: serialised as `<double>` / `90.0` even when its value is integral. */
export class PyFloat {
  constructor(readonly value: number) {}
}

export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  // Python writes exponents with at least two digits (1e-07), JS with one (1e-7)
  return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function dumpXml(value: unknown, out: string[]): void {
  if (value === null || value === undefined) {
    out.push('<value><nil/></value>\n');
  } else if (typeof value === 'boolean') {
    out.push(`<value><boolean>${value ? 1 : 0}</boolean></value>\n`);
  } else if (value instanceof PyFloat) {
    out.push(`<value><double>${pyFloatRepr(value.value)}</double></value>\n`);
  } else if (typeof value === 'number') {
    out.push(Number.isInteger(value) ? `<value><int>${value}</int></value>\n` : `<value><double>${pyFloatRepr(value)}</double></value>\n`);
  } else if (typeof value === 'string') {
    out.push(`<value><string>${escapeXml(value)}</string></value>\n`);
  } else if (Array.isArray(value)) {
    out.push('<value><array><data>\n');
    for (const item of value) dumpXml(item, out);
    out.push('</data></array></value>\n');
  } else if (typeof value === 'object') {
    out.push('<value><struct>\n');
    for (const [key, item] of Object.entries(value)) {
      out.push(`<member>\n<name>${escapeXml(key)}</name>\n`);
      dumpXml(item, out);
      out.push('</member>\n');
    }
    out.push('</struct></value>\n');
  } else {
    throw new Error(`odoo-double cannot marshal a ${typeof value}`);
  }
}

function wrapXmlResponse(series: string, body: string): string {
  // 17.0 uses xmlrpc.client.dumps; 18.0 its own OdooMarshaller wrapped in an f-string
  return series === '17.0'
    ? `<?xml version='1.0'?>\n<methodResponse>\n${body}</methodResponse>\n`
    : `<?xml version="1.0"?>\n<methodResponse>\n${body}\n</methodResponse>\n`;
}

export function xmlrpcResult(series: string, value: unknown): string {
  const out: string[] = ['<params>\n<param>\n'];
  dumpXml(value, out);
  out.push('</param>\n</params>\n');
  return wrapXmlResponse(series, out.join(''));
}

export function xmlrpcFault(series: string, faultCode: number, faultString: string): string {
  const out: string[] = ['<fault>\n'];
  dumpXml({ faultCode, faultString }, out);
  out.push('</fault>\n');
  return wrapXmlResponse(series, out.join(''));
}

/** Python's json.dumps with its default separators (", " and ": "). */
export function pyJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof PyFloat) {
    const repr = pyFloatRepr(value.value);
    return repr === 'nan' ? 'NaN' : repr === 'inf' ? 'Infinity' : repr === '-inf' ? '-Infinity' : repr;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pyJson).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pyJson(v)}`).join(', ')}}`;
  }
  throw new Error(`odoo-double cannot encode a ${typeof value} as JSON`);
}

interface XmlrpcDeserializer {
  deserializeMethodCall(stream: Readable, callback: (error: Error | null, method?: string, params?: unknown[]) => void): void;
}

const require = createRequire(import.meta.url);
// The xmlrpc package's own parser (CommonJS, untyped deep import)
const Deserializer = require('xmlrpc/lib/deserializer.js') as new () => XmlrpcDeserializer;

/** Parses an XML-RPC methodCall body with the xmlrpc package's deserializer. */
export function parseMethodCall(body: Buffer): Promise<{ method: string; params: unknown[] }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    new Deserializer().deserializeMethodCall(Readable.from([body], { objectMode: false }), (error, method, params) => {
      if (settled) return;
      settled = true;
      if (error || method === undefined) reject(error ?? new Error('no method name'));
      else resolve({ method, params: params ?? [] });
    });
  });
}
