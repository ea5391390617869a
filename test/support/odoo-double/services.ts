/**
 * Odoo's RPC services (common, db, object) as the double answers them, independent of the wire
 * protocol: credentials and access checks first, then the ORM, as Odoo's dispatch does.
 */
import { randomBytes } from 'node:crypto';
import type { Catalog } from './catalog.ts';
import { CannotAnswer, type OdooRecord } from './domain.ts';
import { FaultError, type DoubleFault, type Faults } from './faults.ts';
import type { SeriesFixtures } from './fixtures.ts';
import { Orm, type DoubleData } from './orm.ts';

export interface Credential {
  login: string;
  uid: number;
  secret: string;
}

export type CallOutcome = { result: unknown } | { fault: DoubleFault; unanswered?: string };

export interface ServiceCall {
  protocol: 'xmlrpc' | 'jsonrpc';
  service: string;
  method: string;
  params: unknown[];
}

/** Who made an object call, once its credentials were checked. */
export interface CallIdentity {
  login?: string;
  model?: string;
  modelMethod?: string;
  args?: unknown[];
  kwargs?: Record<string, unknown>;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface Denial {
  model: string;
  login?: string;
}

export class Services {
  readonly credentials: Credential[] = [];
  /** (login, password) pairs recorded as refused by authenticate: archived user, TOTP user with a password. */
  private readonly refused: { login: string; secret: string }[] = [];
  readonly apiKey = randomBytes(20).toString('hex');
  readonly orm: Orm;
  readonly denials: Denial[] = [];

  constructor(
    private readonly fixtures: SeriesFixtures,
    catalog: Catalog,
    private readonly data: DoubleData,
    private readonly faults: Faults,
  ) {
    this.orm = new Orm(catalog, data, faults);
    for (const fixture of fixtures.rpc) {
      const { service, method, args } = fixture.request;
      if (service !== 'common' || method !== 'authenticate' || !fixture.ok || args[0] !== fixtures.database) continue;
      const login = String(args[1]);
      // the recording masked the admin password ('admin', per the fixtures README) and the API key
      const secret = args[2] === '<admin password>' ? 'admin' : args[2] === '<olivia api key>' ? this.apiKey : String(args[2]);
      if (typeof fixture.response === 'number') this.credentials.push({ login, uid: fixture.response, secret });
      else if (login !== 'admin') this.refused.push({ login, secret });
    }
  }

  get database(): string {
    return this.fixtures.database;
  }

  call(call: ServiceCall, identity: CallIdentity): CallOutcome {
    try {
      return { result: this.dispatch(call, identity) };
    } catch (error) {
      if (error instanceof FaultError) return { fault: error.fault };
      if (error instanceof CannotAnswer) {
        const label = identity.model ? `object.execute_kw ${identity.model}.${identity.modelMethod}` : `${call.service}.${call.method}`;
        return { fault: this.faults.cannotAnswer(label, error.message), unanswered: error.message };
      }
      throw error;
    }
  }

  private recorded(call: ServiceCall): unknown {
    const fixture = this.fixtures.rpc.find(
      (f) => f.request.service === call.service && f.request.method === call.method && deepEqual(f.request.args, call.params),
    );
    if (!fixture) throw new CannotAnswer(`this call with arguments ${JSON.stringify(call.params)} was not recorded`);
    if (fixture.fault) throw new FaultError({ faultCode: fixture.fault.faultCode, faultString: fixture.fault.faultString, json: this.faults.cannotAnswer(`${call.service}.${call.method}`, 'its JSON-RPC form was not recorded').json });
    return fixture.response;
  }

  private dispatch(call: ServiceCall, identity: CallIdentity): unknown {
    const { service, method, params } = call;
    if (service === 'common' && (method === 'authenticate' || method === 'login')) return this.authenticate(params);
    if (service === 'common' && ['version', 'about'].includes(method)) return this.recorded(call);
    if (service === 'db' && ['list', 'server_version', 'db_exist'].includes(method)) return this.recorded(call);
    if (service === 'object' && method === 'execute_kw') return this.executeKw(call, identity);
    throw new CannotAnswer(`the service method ${service}.${method} is not served by the double`);
  }

  private checkDatabase(database: unknown): void {
    if (database === this.database) return;
    const listed = this.fixtures.rpc.find((f) => f.request.service === 'db' && f.request.method === 'list')?.response;
    if (Array.isArray(listed) && listed.includes(database)) {
      throw new CannotAnswer(`database '${String(database)}' exists on the recorded server but was not recorded`);
    }
    throw new FaultError(this.faults.unknownDatabase(String(database)));
  }

  private authenticate(params: unknown[]): number | false {
    const [database, login, secret] = params;
    this.checkDatabase(database);
    const match = this.credentials.find((c) => c.login === login && c.secret === secret);
    // anything else was refused by the real server: wrong password, archived user, TOTP user with a password
    return match ? match.uid : false;
  }

  private userRecord(uid: number): OdooRecord | undefined {
    return (this.data['res.users'] ?? []).find((u) => u.id === uid);
  }

  private executeKw(call: ServiceCall, identity: CallIdentity): unknown {
    const params = call.params;
    const [database, uid, secret, model, modelMethod, args = [], kwargs = {}] = params;
    if (typeof model !== 'string' || typeof modelMethod !== 'string' || !Array.isArray(args) || typeof kwargs !== 'object' || kwargs === null) {
      throw new CannotAnswer(`execute_kw needs (db, uid, password, model, method, args, kwargs), got ${JSON.stringify(params.slice(3))}`);
    }
    identity.model = model;
    identity.modelMethod = modelMethod;
    identity.args = args;
    identity.kwargs = kwargs as Record<string, unknown>;
    if (database !== this.database) throw new CannotAnswer(`object calls on database '${String(database)}' were not recorded`);
    const credential = this.credentials.find((c) => c.uid === uid && c.secret === secret);
    if (!credential) {
      const user = typeof uid === 'number' ? this.userRecord(uid) : undefined;
      if (user && this.refused.some((r) => r.login === user.login && r.secret === secret)) {
        throw new CannotAnswer(`object calls by ${String(user.login)} (refused at authenticate) were not recorded`);
      }
      throw new FaultError(this.faults.accessDenied());
    }
    identity.login = credential.login;
    if (modelMethod.startsWith('_')) throw new FaultError(this.privateMethod(model, modelMethod));
    const spec = this.orm.spec(model);
    if (!spec) throw new FaultError(this.faults.unknownModel(model));
    if (this.denials.some((d) => d.model === model && (d.login === undefined || d.login === credential.login))) {
      throw new FaultError(this.faults.accessError(model, spec.description));
    }
    if (this.userRecord(credential.uid)?.share === true) this.checkPortalAccess(model, spec.description);
    if (!this.orm.serves(modelMethod)) return this.recordedObjectCall(call, model, modelMethod, args, kwargs);
    return this.orm.call(model, modelMethod, args, kwargs as Record<string, unknown>);
  }

  /** Another model method: only the very call recorded (over XML-RPC, as every object fixture was). */
  private recordedObjectCall(call: ServiceCall, model: string, modelMethod: string, args: unknown[], kwargs: unknown): unknown {
    const fixture = this.fixtures.rpc.find(
      (f) => f.request.model === model && f.request.model_method === modelMethod &&
        deepEqual(f.request.model_args ?? [], args) && deepEqual(f.request.kwargs ?? {}, kwargs),
    );
    if (!fixture || call.protocol !== 'xmlrpc') {
      throw new CannotAnswer(`the method '${modelMethod}' with these arguments was not recorded${fixture ? ' over JSON-RPC' : ''}`);
    }
    if (fixture.fault) {
      const { faultCode, faultString } = fixture.fault;
      throw new FaultError({ faultCode, faultString, json: this.faults.cannotAnswer(`${model}.${modelMethod}`, 'not recorded over JSON-RPC').json });
    }
    return fixture.response;
  }

  /** The portal user's recorded refusals; what else a portal user may read was not recorded. */
  private checkPortalAccess(model: string, description: string | null): never {
    const recorded = this.fixtures.rpc.some((f) => f.request.model === model && f.fault?.faultString.startsWith('You are not allowed to access'));
    const recordedJson = this.fixtures.http.get('raw.jsonrpc.object.error_access.json')?.request.request_body?.includes(`"${model}"`) ?? false;
    if (recorded || recordedJson) throw new FaultError(this.faults.accessError(model, description));
    throw new CannotAnswer(`what a portal user may read on ${model} was not recorded`);
  }

  private privateMethod(model: string, method: string): DoubleFault {
    const text = this.fixtures.series === '17.0'
      ? `Private methods (such as ${method}) cannot be called remotely.`
      : `Private methods (such as '${model}.${method}') cannot be called remotely.`;
    return { faultCode: 4, faultString: text, json: { name: 'odoo.exceptions.AccessError', debug: `${text}\n`, message: text, arguments: [text], context: {} } };
  }
}
