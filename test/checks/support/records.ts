/**
 * Record builders for check tests, shaped like the real Odoo 18.0 fixtures
 * (test/fixtures/odoo/18.0/): the core groups with their real ids and implications, the fixture
 * database's users with their real group ids, and defaults taken from recorded rows.
 */
import { runCheck, checkContext } from '../../../server/src/checks/run.ts';
import type { CheckDefinition, CheckResult } from '../../../server/src/checks/types.ts';
import type {
  AccessRuleFact,
  ApiKeyFact,
  CronFact,
  Facts,
  GroupFact,
  HttpEndpointFact,
  HttpFacts,
  HttpProbeName,
  LogEntryFact,
  LogFacts,
  MailServerFact,
  ModelFact,
  ModuleFact,
  RecordRuleFact,
  UserFact,
} from '../../../server/src/facts/types.ts';
import { loadReferenceData } from '../../../server/src/reference/load.ts';

export const reference = loadReferenceData();

/** Runs one check over a snapshot the way the engine does. */
export function run(check: CheckDefinition, facts: Facts): CheckResult {
  return runCheck(check, facts, checkContext(facts, reference));
}

export function group(o: Partial<GroupFact> & Pick<GroupFact, 'id' | 'fullName'>): GroupFact {
  return { category: o.fullName.split(' / ')[0] ?? null, share: false, userIds: [], impliedIds: [], transImpliedIds: [], ...o };
}

/** Core groups of the 18.0 fixture database (ids, names and implications as recorded). */
export const GROUPS_18: GroupFact[] = [
  group({ id: 1, fullName: 'User types / Internal User', impliedIds: [19, 40, 45, 7], transImpliedIds: [19, 40, 45, 7] }),
  group({ id: 2, fullName: 'Administration / Access Rights', impliedIds: [1], transImpliedIds: [1, 19, 40, 45, 7] }),
  group({ id: 3, fullName: 'Bypass HTML Field Sanitize', category: null }),
  group({ id: 4, fullName: 'Administration / Settings', impliedIds: [2, 3, 13, 38, 14, 20], transImpliedIds: [2, 3, 13, 38, 14, 20, 1, 19, 40, 45, 7, 37] }),
  group({ id: 7, fullName: 'Extra Rights / Technical Features' }),
  group({ id: 10, fullName: 'User types / Portal', impliedIds: [40, 39], transImpliedIds: [40, 39] }),
  group({ id: 11, fullName: 'User types / Public', impliedIds: [40, 39], transImpliedIds: [40, 39] }),
  group({ id: 13, fullName: 'Canned Responses / Canned Response Administrator' }),
  group({ id: 14, fullName: 'Technical / Mail Template Editor' }),
  group({ id: 19, fullName: 'Technical / Manage Product Variants' }),
  group({ id: 20, fullName: 'Extra Rights / Product Creation' }),
  group({ id: 21, fullName: 'Sales / User: Own Documents Only', impliedIds: [1], transImpliedIds: [1, 19, 40, 45, 7] }),
  group({ id: 37, fullName: 'Website / Restricted Editor' }),
  group({ id: 38, fullName: 'Website / Editor and Designer', impliedIds: [3, 37], transImpliedIds: [3, 37] }),
  group({ id: 39, fullName: 'Technical / Public access to arbitrary exposed model' }),
  group({ id: 40, fullName: 'Technical / Multi-website' }),
  group({ id: 45, fullName: 'Technical / Quotation Templates' }),
];

/** The same groups without the demo-data implication "Internal User → Technical Features". */
export const GROUPS_18_NO_DEMO: GroupFact[] = GROUPS_18.map((g) =>
  g.id === 1 ? { ...g, impliedIds: [19, 40, 45], transImpliedIds: [19, 40, 45] } : g,
);

export function user(o: Partial<UserFact> & Pick<UserFact, 'id' | 'login'>): UserFact {
  return {
    name: o.login,
    active: true,
    share: false,
    groupIds: [1, 19, 40, 45, 7],
    totpEnabled: false,
    loginDate: null,
    apiKeyCount: 0,
    createDate: '2026-12-04 19:28:00',
    ...o,
  };
}

const ADMIN_GROUPS = [2, 8, 36, 23, 29, 3, 13, 9, 38, 1, 26, 14, 19, 5, 40, 20, 45, 37, 4, 7, 22, 21, 35];
const PORTAL_GROUPS = [40, 10, 39];

/** The users of the 18.0 fixture database, with their recorded group ids. */
export const USERS_18: UserFact[] = [
  user({ id: 1, login: '__system__', name: 'OdooBot', active: false, groupIds: [...ADMIN_GROUPS, 15], createDate: '2026-12-04 19:23:01' }),
  user({ id: 2, login: 'admin', name: 'Mitchell Admin', groupIds: ADMIN_GROUPS, loginDate: '2026-12-04 19:34:50', createDate: '2026-12-04 19:23:01' }),
  user({ id: 3, login: 'default', name: 'Default User Template', active: false, groupIds: [8, 23, 29, 3, 13, 9, 38, 1, 26, 19, 40, 20, 45, 37, 7, 22, 21] }),
  user({ id: 4, login: 'public', name: 'Public user', active: false, share: true, groupIds: [40, 11, 39] }),
  user({ id: 5, login: 'portaltemplate', name: 'Portal User Template', active: false, share: true, groupIds: PORTAL_GROUPS }),
  user({ id: 6, login: 'demo', name: 'Marc Demo', groupIds: [8, 3, 13, 9, 38, 1, 26, 19, 40, 20, 45, 37, 7, 21] }),
  user({ id: 7, login: 'portal', name: 'Joel Willis', share: true, groupIds: PORTAL_GROUPS }),
  user({ id: 8, login: 'olivia.ops@example.com', name: 'Olivia Ops (IT admin)', groupIds: [2, 3, 13, 38, 1, 14, 19, 40, 20, 45, 37, 4, 7], apiKeyCount: 1, loginDate: '2026-12-04 19:34:52' }),
  user({ id: 9, login: 'sam.sales@example.com', name: 'Sam Sales', groupIds: [1, 19, 40, 45, 7, 21], loginDate: '2026-12-04 19:28:06' }),
  user({ id: 10, login: 'paula.portal@example.com', name: 'Paula Portal (customer)', share: true, groupIds: PORTAL_GROUPS, loginDate: '2026-12-04 19:34:53' }),
  user({ id: 11, login: 'frank.former@example.com', name: 'Frank Former (left company)', active: false, groupIds: [1, 19, 40, 45, 7] }),
  user({ id: 12, login: 'tina.totp@example.com', name: 'Tina Totp (2FA enabled)', groupIds: [1, 19, 40, 45, 7], totpEnabled: true }),
];

export function module(name: string, o: Partial<ModuleFact> = {}): ModuleFact {
  return {
    id: 1,
    name,
    state: 'installed',
    shortdesc: name,
    author: 'Odoo S.A.',
    license: 'LGPL-3',
    website: null,
    installedVersion: '18.0.1.0',
    latestVersion: '18.0.1.0',
    application: false,
    autoInstall: false,
    category: null,
    imported: false,
    ...o,
  };
}

/** Installed modules of the 18.0 fixture that checks look at. */
export const MODULES_18: ModuleFact[] = [
  'base', 'mail', 'auth_signup', 'auth_totp', 'auth_totp_mail', 'auth_totp_portal', 'portal', 'privacy_lookup', 'website', 'sale', 'account',
].map((name, i) => module(name, { id: i + 1 }));

/** System parameters of the 18.0 fixture database. */
export const PARAMETERS_18: Record<string, string> = {
  'auth_signup.invitation_scope': 'b2c',
  'auth_signup.reset_password': '***',
  'base.login_cooldown_after': '10',
  'base.login_cooldown_duration': '60',
  'database.secret': '***',
  'mail.activity.gc.delete_overdue_years': '3',
  'mail.catchall.domain': 'example.com',
  'web.base.url': 'http://127.0.0.1:8070',
  'web.base.url.freeze': 'True',
};

export function model(o: Partial<ModelFact> & Pick<ModelFact, 'id' | 'model'>): ModelFact {
  return { name: o.model, transient: false, state: 'base', modules: 'base', ...o };
}

export function acl(o: Partial<AccessRuleFact> & Pick<AccessRuleFact, 'id' | 'modelId'>): AccessRuleFact {
  return { name: `access ${o.id}`, active: true, model: null, groupId: 1, groupName: 'User types / Internal User', read: true, write: false, create: false, unlink: false, ...o };
}

export function rule(o: Partial<RecordRuleFact> & Pick<RecordRuleFact, 'id' | 'modelId'>): RecordRuleFact {
  return { name: `rule ${o.id}`, active: true, model: null, global: true, groupIds: [], domain: "[('create_uid', '=', user.id)]", read: true, write: true, create: true, unlink: true, ...o };
}

export function apiKey(o: Partial<ApiKeyFact> & Pick<ApiKeyFact, 'id'>): ApiKeyFact {
  return { name: 'pulse-monitor (read-only health checks)', userId: 8, scope: null, createDate: '2026-12-04 19:28:31', expirationDate: '2027-12-31 00:00:00', ...o };
}

export function mailServer(o: Partial<MailServerFact> = {}): MailServerFact {
  return { id: 1, name: 'Corporate SMTP relay', host: 'localhost', port: 2525, encryption: 'none', authentication: 'login', active: true, hasUser: true, ...o };
}

export function cron(o: Partial<CronFact> & Pick<CronFact, 'id' | 'name'>): CronFact {
  return {
    active: true,
    intervalNumber: 1,
    intervalType: 'days',
    nextcall: '2026-12-05 19:23:01',
    lastcall: null,
    priority: 5,
    userId: 1,
    userName: 'OdooBot',
    model: null,
    code: null,
    failureCount: 0,
    firstFailureDate: null,
    numbercall: null,
    serverActionId: null,
    ...o,
  };
}

export function logEntry(o: Partial<LogEntryFact> & Pick<LogEntryFact, 'id' | 'message'>): LogEntryFact {
  return { createDate: '2026-12-04 19:31:19', name: 'odoo.http', type: 'server', level: 'WARNING', path: null, func: null, line: null, ...o };
}

export function logs(recent: LogEntryFact[]): LogFacts {
  return { total: recent.length, byLevel: { WARNING: recent.length }, recent };
}

const ODOO_HEADERS = { server: 'Werkzeug/2.2.2 Python/3.11.2', 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff' };

export function endpoint(o: Partial<HttpEndpointFact> & Pick<HttpEndpointFact, 'path'>): HttpEndpointFact {
  return { method: 'GET', status: 200, error: null, headers: { ...ODOO_HEADERS }, location: null, bodyLength: 1000, markers: [], json: null, ...o };
}

/** HTTP facts as the probe records an 18.0 server with list_db = True (the fixture's responses). */
export function httpFacts(o: Partial<Omit<HttpFacts, 'endpoints'>> & { endpoints?: Partial<Record<HttpProbeName, HttpEndpointFact>> } = {}): HttpFacts {
  const endpoints: Record<HttpProbeName, HttpEndpointFact> = {
    root: endpoint({ path: '/' }),
    login: endpoint({
      path: '/web/login',
      headers: { ...ODOO_HEADERS, 'x-frame-options': 'SAMEORIGIN', 'content-security-policy': "frame-ancestors 'self'", 'cache-control': 'no-cache' },
      markers: ['login-form'],
    }),
    databaseManager: endpoint({ path: '/web/database/manager', markers: ['database-manager', 'database-list', 'master-password-field'] }),
    databaseSelector: endpoint({ path: '/web/database/selector', markers: ['database-list', 'master-password-field'] }),
    databaseList: endpoint({
      method: 'POST',
      path: '/web/database/list',
      headers: { ...ODOO_HEADERS, 'content-type': 'application/json; charset=utf-8' },
      json: { jsonrpc: '2.0', id: 1, result: ['pulse18'] },
    }),
    versionInfo: endpoint({
      method: 'POST',
      path: '/web/webclient/version_info',
      headers: { ...ODOO_HEADERS, 'content-type': 'application/json; charset=utf-8' },
      json: { jsonrpc: '2.0', id: 1, result: { server_version: '18.0-20250506', server_version_info: [18, 0, 0, 'final', 0, ''], server_serie: '18.0', protocol_version: 1 } },
    }),
    health: endpoint({ path: '/web/health', headers: { ...ODOO_HEADERS, 'content-type': 'application/json' }, json: { status: 'pass' } }),
    robots: endpoint({ path: '/robots.txt' }),
  };
  const { endpoints: overrides, ...rest } = o;
  return {
    baseUrl: 'https://erp.example.com',
    https: true,
    httpRedirectsToHttps: true,
    tls: {
      authorized: true,
      error: null,
      protocol: 'TLSv1.3',
      validFrom: 'Oct  1 00:00:00 2026 GMT',
      validTo: 'Mar  1 00:00:00 2027 GMT',
      subject: 'CN=erp.example.com',
      issuer: "CN=R11, O=Let's Encrypt, C=US",
    },
    ...rest,
    endpoints: { ...endpoints, ...overrides },
  };
}

/** A hardened endpoint set: nothing exposed, proxy headers in place. */
export function hardenedHttp(): HttpFacts {
  const hardenedHeaders = {
    server: 'nginx',
    'content-type': 'text/html; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
  };
  return httpFacts({
    endpoints: {
      root: endpoint({ path: '/', headers: hardenedHeaders }),
      login: endpoint({ path: '/web/login', headers: hardenedHeaders, markers: ['login-form'] }),
      databaseManager: endpoint({ path: '/web/database/manager', status: 404, headers: hardenedHeaders }),
      databaseSelector: endpoint({ path: '/web/database/selector', status: 404, headers: hardenedHeaders }),
      databaseList: endpoint({
        method: 'POST',
        path: '/web/database/list',
        headers: hardenedHeaders,
        json: { jsonrpc: '2.0', id: 1, error: { code: 200, message: 'Odoo Server Error', data: { name: 'odoo.exceptions.AccessDenied' } } },
      }),
      versionInfo: endpoint({ method: 'POST', path: '/web/webclient/version_info', status: 403, headers: hardenedHeaders }),
      health: endpoint({ path: '/web/health', headers: hardenedHeaders }),
      robots: endpoint({ path: '/robots.txt', headers: hardenedHeaders }),
    },
  });
}
