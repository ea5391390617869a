/**
 * JSON-RPC on POST /jsonrpc: {"jsonrpc": "2.0", "method": "call", "params": {service, method, args}}.
 * Odoo answers HTTP 200 with either `result` or an `error` object whose `data` names the Python
 * exception (odoo.exceptions.AccessError, builtins.ValueError, …) and carries its message.
 */
import type http from 'node:http';
import { post } from './http-post.ts';
import { looksLikeHtml, malformed, notOdoo, RpcFault, type Service, type Transport } from './transport.ts';

interface JsonRpcError {
  code?: unknown;
  message?: unknown;
  data?: { name?: unknown; message?: unknown; debug?: unknown };
}

/** The XML-RPC fault code Odoo gives the same exception, so both transports map faults alike. */
function faultCodeOf(exception: string): number {
  if (exception.endsWith('.AccessDenied')) return 3;
  if (exception.endsWith('.AccessError')) return 4;
  if (/\.(UserError|ValidationError|MissingError|RedirectWarning)$/.test(exception)) return 2;
  return 1;
}

function faultOf(error: JsonRpcError): RpcFault {
  const exception = typeof error.data?.name === 'string' ? error.data.name : null;
  const message = typeof error.data?.message === 'string' ? error.data.message : typeof error.message === 'string' ? error.message : 'unknown error';
  return new RpcFault(exception ? faultCodeOf(exception) : 1, exception, message);
}

export class JsonrpcTransport implements Transport {
  private nextId = 1;

  constructor(
    private readonly baseUrl: string,
    private readonly agent: http.Agent,
  ) {}

  async call(service: Service, method: string, args: unknown[], timeoutMs: number): Promise<unknown> {
    const endpoint = `${this.baseUrl}/jsonrpc`;
    const id = this.nextId++;
    const answer = await post({
      url: new URL(endpoint),
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id }),
      contentType: 'application/json',
      timeoutMs,
      agent: this.agent,
    });
    const text = answer.body.toString('utf8');
    if (looksLikeHtml(answer, text)) throw notOdoo(endpoint, answer, text, 'JSON-RPC');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      // a JSON answer that does not parse was cut or corrupted; anything else is not Odoo's
      if (/json/i.test(answer.contentType) || /^\s*\{\s*"(jsonrpc|id|result|error)"/.test(text)) {
        throw malformed(endpoint, 'JSON-RPC', (error as Error).message);
      }
      throw notOdoo(endpoint, answer, text, 'JSON-RPC');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw notOdoo(endpoint, answer, text, 'JSON-RPC');
    const envelope = parsed as { result?: unknown; error?: JsonRpcError };
    if (envelope.error && typeof envelope.error === 'object') throw faultOf(envelope.error);
    if ('result' in envelope) return envelope.result;
    throw notOdoo(endpoint, answer, text, 'JSON-RPC');
  }
}
