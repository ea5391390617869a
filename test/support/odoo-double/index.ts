/**
 * odoo-double: an Odoo 17.0 / 18.0 server for tests, answering real XML-RPC, JSON-RPC and the
 * recorded HTTP pages from the fixtures in test/fixtures/odoo/. See README.md next to this file.
 *
 *   const odoo = await startOdooDouble({ series: '17.0' });
 *   // connect to odoo.url / odoo.database with odoo.admin or odoo.apiKeyUser …
 *   expect(odoo.unanswered).toEqual([]);
 *   await odoo.close();
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { buildCatalog, type Catalog } from './catalog.ts';
import type { OdooRecord } from './domain.ts';
import { faultsFor, type DoubleFault, type Faults } from './faults.ts';
import { loadSeries, type Series, type SeriesFixtures } from './fixtures.ts';
import { calibrate, type DoubleData } from './orm.ts';
import { pageFor, withContentLength } from './pages.ts';
import { Services, type CallIdentity, type CallOutcome } from './services.ts';
import { parseMethodCall, pyJson, xmlrpcFault, xmlrpcResult } from './wire.ts';

export type { DoubleData } from './orm.ts';
export type { OdooRecord } from './domain.ts';
export type { Series } from './fixtures.ts';

export type Protocol = 'xmlrpc' | 'jsonrpc';

export interface RecordedCall {
  protocol: Protocol;
  service: string;
  method: string;
  model?: string;
  modelMethod?: string;
  /** execute_kw: the model method's positional arguments; other calls: the service arguments (password masked). */
  args: unknown[];
  kwargs?: Record<string, unknown>;
  /** The authenticated login of an object call. */
  login?: string;
  outcome: 'result' | 'fault' | 'unanswered' | 'injected';
}

export interface UnansweredCall extends RecordedCall {
  reason: string;
}

/** A failure to inject into the next matching RPC call (the HTTP pages are never affected). */
export type Injection =
  | { kind: 'html_page' } //         200 with the recorded /web/login HTML page instead of an RPC answer
  | { kind: 'malformed_body' } //    the real answer cut in the middle (headers still say 200 OK)
  | { kind: 'drop_connection' } //   the socket is destroyed without any answer
  | { kind: 'delay'; ms: number } // the real answer, sent after `ms`
  | { kind: 'http_status'; status: number }; // a proxy's HTML error page with that status

export interface InjectionOptions {
  /** How many matching calls to affect (default 1). */
  times?: number;
  match?: { service?: string; method?: string; model?: string; modelMethod?: string };
}

export interface OdooDouble {
  /** http://127.0.0.1:PORT */
  url: string;
  series: Series;
  /** 'pulse17' / 'pulse18', as recorded. */
  database: string;
  admin: { login: 'admin'; password: string };
  /** olivia.ops@example.com (Settings administrator) with an API key that works. */
  apiKeyUser: { login: string; apiKey: string };
  /** Mutable records per model; change them between scans. */
  data: DoubleData;
  /** Every RPC call received, in order. */
  calls: RecordedCall[];
  /** Calls the double could not answer from the recordings (each got an `odoo-double cannot answer` fault). */
  unanswered: UnansweredCall[];
  /** The most RPC requests the double was handling at the same time (to check a client's concurrency bound). */
  readonly peakInFlight: number;
  /**
   * Fields the double never evaluates in domains, per model, because a recorded answer showed Odoo
   * searches them differently from their stored values (found by calibration at start).
   */
  readonly unsearchableFields: Record<string, string[]>;
  /** Later calls on `model` (by `forLogin`, or anyone) fail with Odoo's AccessError (fault code 4). */
  denyModel(model: string, forLogin?: string): void;
  /** Undoes denyModel. */
  allowModel(model: string): void;
  failNext(injection: Injection, options?: InjectionOptions): void;
  close(): Promise<void>;
}

interface PendingInjection {
  injection: Injection;
  remaining: number;
  match: NonNullable<InjectionOptions['match']>;
}

interface ParsedCall {
  protocol: Protocol;
  service: string;
  method: string;
  params: unknown[];
  jsonId: unknown;
}

const MAX_BODY = 16 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function rpcHeaders(fixtures: SeriesFixtures, file: string): [string, string][] {
  const exchange = fixtures.http.get(file)?.response;
  if (!exchange) throw new Error(`odoo-double: fixture ${file} is missing for ${fixtures.series}`);
  return exchange.headers;
}

function send(res: ServerResponse, status: number, reason: string, headers: [string, string][], body: Buffer): void {
  res.sendDate = false;
  res.writeHead(status, reason, withContentLength(headers, body.length).flat());
  res.end(body);
}

/** How a call is recorded before (or without) being answered. */
function described(call: ParsedCall): Omit<RecordedCall, 'outcome'> {
  const [, , , model, modelMethod, args, kwargs] = call.params;
  if (call.method === 'execute_kw' && typeof model === 'string' && typeof modelMethod === 'string') {
    return {
      protocol: call.protocol, service: call.service, method: call.method, model, modelMethod,
      args: Array.isArray(args) ? args : [],
      ...(kwargs !== null && typeof kwargs === 'object' && { kwargs: kwargs as Record<string, unknown> }),
    };
  }
  return { protocol: call.protocol, service: call.service, method: call.method, args: recordedArgs(call) };
}

/** The call's arguments with the password (third argument of authenticate, login and execute_kw) masked. */
function recordedArgs(call: ParsedCall): unknown[] {
  const secretAt2 = (call.service === 'common' && (call.method === 'authenticate' || call.method === 'login')) || call.method === 'execute_kw';
  return secretAt2 ? call.params.map((p, i) => (i === 2 ? '***' : p)) : call.params;
}

const catalogs = new Map<Series, Catalog>();

/** The calibrated catalog of a series, built once per process (it is never mutated afterwards). */
function catalogFor(fixtures: SeriesFixtures, faults: Faults): Catalog {
  let catalog = catalogs.get(fixtures.series);
  if (!catalog) {
    catalog = buildCatalog(fixtures);
    calibrate(catalog, faults);
    catalogs.set(fixtures.series, catalog);
  }
  return catalog;
}

export async function startOdooDouble(options: { series: Series }): Promise<OdooDouble> {
  const fixtures = loadSeries(options.series);
  const faults = faultsFor(fixtures);
  const catalog = catalogFor(fixtures, faults);
  const data: DoubleData = {};
  for (const [model, records] of catalog.records) data[model] = structuredClone(records) as OdooRecord[];
  const services = new Services(fixtures, catalog, data, faults);
  const calls: RecordedCall[] = [];
  const unanswered: UnansweredCall[] = [];
  const injections: PendingInjection[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let peakInFlight = 0;

  const headers = {
    xmlrpcOk: rpcHeaders(fixtures, 'raw.xmlrpc.common.version.json'),
    xmlrpcFault: rpcHeaders(fixtures, 'raw.xmlrpc.object.fault_unknown_model.json'),
    jsonOk: rpcHeaders(fixtures, 'raw.jsonrpc.common.version.json'),
    jsonError: rpcHeaders(fixtures, 'raw.jsonrpc.object.error_access.json'),
  };

  function takeInjection(call: ParsedCall): Injection | null {
    const model = call.method === 'execute_kw' ? call.params[3] : undefined;
    const modelMethod = call.method === 'execute_kw' ? call.params[4] : undefined;
    const pending = injections.find(({ match }) =>
      (match.service === undefined || match.service === call.service) &&
      (match.method === undefined || match.method === call.method) &&
      (match.model === undefined || match.model === model) &&
      (match.modelMethod === undefined || match.modelMethod === modelMethod));
    if (!pending) return null;
    pending.remaining -= 1;
    if (pending.remaining <= 0) injections.splice(injections.indexOf(pending), 1);
    return pending.injection;
  }

  function encode(call: ParsedCall, outcome: CallOutcome): { status: number; headers: [string, string][]; body: Buffer } {
    if (call.protocol === 'xmlrpc') {
      return 'result' in outcome
        ? { status: 200, headers: headers.xmlrpcOk, body: Buffer.from(xmlrpcResult(fixtures.series, outcome.result)) }
        : { status: 200, headers: headers.xmlrpcFault, body: Buffer.from(xmlrpcFault(fixtures.series, outcome.fault.faultCode, outcome.fault.faultString)) };
    }
    const envelope = 'result' in outcome
      ? { jsonrpc: '2.0', id: call.jsonId, result: outcome.result }
      : { jsonrpc: '2.0', id: call.jsonId, error: { code: 200, message: 'Odoo Server Error', data: outcome.fault.json } };
    return { status: 200, headers: 'result' in outcome ? headers.jsonOk : headers.jsonError, body: Buffer.from(pyJson(envelope)) };
  }

  function answer(call: ParsedCall): ReturnType<typeof encode> {
    const identity: CallIdentity = {};
    const outcome = services.call({ protocol: call.protocol, service: call.service, method: call.method, params: call.params }, identity);
    const recorded: RecordedCall = {
      protocol: call.protocol,
      service: call.service,
      method: call.method,
      ...(identity.model !== undefined && { model: identity.model, modelMethod: identity.modelMethod }),
      args: identity.args ?? recordedArgs(call),
      ...(identity.kwargs !== undefined && { kwargs: identity.kwargs }),
      ...(identity.login !== undefined && { login: identity.login }),
      outcome: 'result' in outcome ? 'result' : outcome.unanswered !== undefined ? 'unanswered' : 'fault',
    };
    calls.push(recorded);
    if ('fault' in outcome && outcome.unanswered !== undefined) unanswered.push({ ...recorded, reason: outcome.unanswered });
    return encode(call, outcome);
  }

  function respondToCall(res: ServerResponse, call: ParsedCall): void {
    const injection = takeInjection(call);
    const sendAnswer = () => {
      const { status, headers: h, body } = answer(call);
      send(res, status, 'OK', h, body);
    };
    if (!injection) return sendAnswer();
    if (injection.kind === 'delay') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (res.destroyed) calls.push({ ...described(call), outcome: 'injected' }); // the client gave up waiting
        else sendAnswer();
      }, injection.ms);
      timers.add(timer);
      return;
    }
    calls.push({ ...described(call), outcome: 'injected' });
    switch (injection.kind) {
      case 'drop_connection':
        res.socket?.destroy();
        return;
      case 'html_page': {
        const page = pageFor(fixtures, 'GET', '/web/login', Buffer.alloc(0));
        return send(res, 200, 'OK', page.headers, page.body);
      }
      case 'malformed_body': {
        const identity: CallIdentity = {};
        const full = encode(call, services.call({ protocol: call.protocol, service: call.service, method: call.method, params: call.params }, identity));
        return send(res, 200, 'OK', full.headers, full.body.subarray(0, Math.ceil(full.body.length / 2)));
      }
      case 'http_status': {
        const title = `${injection.status} ${STATUS_CODES[injection.status] ?? 'Error'}`;
        const body = Buffer.from(`<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`);
        return send(res, injection.status, STATUS_CODES[injection.status] ?? 'Error', [['Server', 'nginx'], ['Content-Type', 'text/html'], ['Content-Length', '0'], ['Connection', 'close']], body);
      }
    }
  }

  function fail(res: ServerResponse, call: ParsedCall, fault: DoubleFault, reason: string): void {
    const recorded: RecordedCall = { ...described(call), outcome: 'unanswered' };
    calls.push(recorded);
    unanswered.push({ ...recorded, reason });
    const { status, headers: h, body } = encode(call, { fault });
    send(res, status, 'OK', h, body);
  }

  async function handleXmlrpc(res: ServerResponse, service: string, body: Buffer): Promise<void> {
    let parsed: { method: string; params: unknown[] };
    try {
      parsed = await parseMethodCall(body);
    } catch (error) {
      const call: ParsedCall = { protocol: 'xmlrpc', service, method: '?', params: [], jsonId: null };
      const reason = `the request body is not an XML-RPC methodCall (${(error as Error).message})`;
      return fail(res, call, faults.cannotAnswer(`/xmlrpc/2/${service}`, reason), reason);
    }
    respondToCall(res, { protocol: 'xmlrpc', service, method: parsed.method, params: parsed.params, jsonId: null });
  }

  function handleJsonrpc(res: ServerResponse, body: Buffer): void {
    let request: { id?: unknown; method?: unknown; params?: { service?: unknown; method?: unknown; args?: unknown } };
    try {
      request = JSON.parse(body.toString('utf8')) as typeof request;
    } catch {
      request = {};
    }
    const params = request.params;
    const call: ParsedCall = {
      protocol: 'jsonrpc',
      service: typeof params?.service === 'string' ? params.service : '?',
      method: typeof params?.method === 'string' ? params.method : '?',
      params: Array.isArray(params?.args) ? params.args : [],
      jsonId: request.id ?? null,
    };
    if (request.method !== 'call' || call.service === '?' || call.method === '?') {
      const reason = 'the request body is not a JSON-RPC call {"jsonrpc": "2.0", "method": "call", "params": {service, method, args}}';
      return fail(res, call, faults.cannotAnswer('/jsonrpc', reason), reason);
    }
    respondToCall(res, call);
  }

  const server = createServer((req, res) => {
    readBody(req)
      .then(async (body) => {
        const path = new URL(req.url ?? '/', 'http://double').pathname;
        const xmlrpc = /^\/xmlrpc\/2\/(common|db|object)$/.exec(path);
        const rpc = req.method === 'POST' && (xmlrpc !== null || path === '/jsonrpc');
        if (rpc) {
          inFlight += 1;
          peakInFlight = Math.max(peakInFlight, inFlight);
          res.on('close', () => (inFlight -= 1));
        }
        if (rpc && xmlrpc) return handleXmlrpc(res, xmlrpc[1], body);
        if (rpc) return handleJsonrpc(res, body);
        const page = pageFor(fixtures, req.method ?? 'GET', path, body);
        send(res, page.status, page.reason, page.headers, page.body);
      })
      .catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, 'INTERNAL SERVER ERROR', [['Content-Type', 'text/plain']], Buffer.from(`odoo-double crashed: ${String(error)}\n`));
      });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const olivia = services.credentials.find((c) => c.secret === services.apiKey);
  const admin = services.credentials.find((c) => c.login === 'admin');
  if (!olivia || !admin) throw new Error(`odoo-double: the ${fixtures.series} fixtures lack the admin or API key authentication`);

  return {
    url: `http://127.0.0.1:${port}`,
    series: fixtures.series,
    database: fixtures.database,
    admin: { login: 'admin', password: admin.secret },
    apiKeyUser: { login: olivia.login, apiKey: olivia.secret },
    data,
    calls,
    unanswered,
    get peakInFlight() {
      return peakInFlight;
    },
    unsearchableFields: Object.fromEntries(
      [...catalog.models.values()].filter((m) => m.unsearchable.size > 0).map((m) => [m.name, [...m.unsearchable].sort()]),
    ),
    denyModel(model, forLogin) {
      services.denials.push({ model, ...(forLogin !== undefined && { login: forLogin }) });
    },
    allowModel(model) {
      for (let i = services.denials.length - 1; i >= 0; i--) if (services.denials[i].model === model) services.denials.splice(i, 1);
    },
    failNext(injection, injectionOptions = {}) {
      injections.push({ injection, remaining: injectionOptions.times ?? 1, match: injectionOptions.match ?? {} });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
