/**
 * Facts: the one JSON-serialisable snapshot a scan produces (the Lighthouse "artifacts").
 *
 * Collectors write facts; checks read them. Every fact group is either collected (with its value) or
 * not collected (with the reason, e.g. "access denied on ir.cron"). Nothing is guessed: a check whose
 * facts are missing is "not assessed", never "passed".
 *
 * Conventions:
 * - Dates are strings as Odoo gives them in UTC (`YYYY-MM-DD HH:MM:SS`), or null when Odoo says false.
 * - Many2one values are flattened to an id plus a display name.
 * - Secrets (passwords, tokens, API keys) are never stored; parameters whose key looks secret are masked.
 * - Adding a fact group is a schema change: bump FACTS_SCHEMA_VERSION only for incompatible changes.
 */

export const FACTS_SCHEMA_VERSION = 1 as const;

export type FactStatus<T> =
  | { status: 'collected'; value: T }
  | { status: 'not_collected'; reason: string };

export type Protocol = 'xmlrpc' | 'jsonrpc';

export interface ScanTarget {
  /** Base URL of the instance, without a trailing slash. */
  url: string;
  database: string | null;
  login: string | null;
  protocol: Protocol;
}

export type CollectorId = 'api' | 'http';

export interface CollectorRun {
  id: CollectorId;
  status: 'ok' | 'partial' | 'failed' | 'skipped';
  startedAt: string;
  durationMs: number;
  /** Why it failed or was skipped, or a summary of what it could not collect. */
  message?: string;
  /** RPC or HTTP requests made. */
  requests: number;
  /** Longest chain of requests that had to wait for one another (rounds of calls). */
  rounds: number;
}

// ---------------------------------------------------------------------------------------------
// API facts (XML-RPC / JSON-RPC)

export interface ServerFacts {
  /** As reported by common.version, e.g. "18.0-20250506" or "17.0+e-20240115" or "saas~17.2+e". */
  serverVersion: string;
  /** Major series, e.g. "18.0"; for saas builds the major it derives from ("17.0"). */
  series: string;
  versionInfo: unknown[];
  edition: 'community' | 'enterprise';
  /** Nightly build date (YYYY-MM-DD) parsed from the version suffix, or null (source install, saas). */
  buildDate: string | null;
  saas: boolean;
  protocolVersion: number | null;
}

export interface SessionFacts {
  uid: number;
  login: string;
  /** The scanning user is in "Administration / Settings" (sees everything) or not. */
  isAdmin: boolean | null;
  authMethod: 'password' | 'api_key';
}

export interface ModuleFact {
  id: number;
  name: string;
  /** uninstalled | installed | to upgrade | to install | to remove | uninstallable */
  state: string;
  shortdesc: string | null;
  author: string | null;
  license: string | null;
  website: string | null;
  /** Version installed in the database (Odoo's `latest_version` field); null when not installed. */
  installedVersion: string | null;
  /** Version of the module's code on disk, what an upgrade would install (Odoo's `installed_version` field). */
  latestVersion: string | null;
  application: boolean;
  autoInstall: boolean;
  category: string | null;
  /** Imported as a data module (base_import_module), i.e. no Python. */
  imported: boolean | null;
}

export interface ModuleDependencyFact {
  /** Module that declares the dependency. */
  module: string;
  /** Technical name of the module it depends on. */
  dependsOn: string;
  /** State of the depended-on module as Odoo reports it ("unknown" when Odoo does not know the module). */
  state: string;
}

export interface UserFact {
  id: number;
  login: string;
  name: string;
  active: boolean;
  /** Portal or public user. */
  share: boolean;
  groupIds: number[];
  /** null when the auth_totp module is absent. */
  totpEnabled: boolean | null;
  loginDate: string | null;
  apiKeyCount: number;
  createDate: string | null;
}

export interface GroupFact {
  id: number;
  /** e.g. "Administration / Settings" */
  fullName: string;
  category: string | null;
  share: boolean;
  userIds: number[];
  impliedIds: number[];
  /** Transitive closure of implied groups. */
  transImpliedIds: number[];
}

export interface ApiKeyFact {
  id: number;
  name: string;
  userId: number | null;
  scope: string | null;
  createDate: string | null;
  /** null when the key never expires (or the series has no expiry). */
  expirationDate: string | null;
}

export interface ModelFact {
  id: number;
  model: string;
  name: string;
  transient: boolean;
  /** "base" (from code) or "manual" (created in the UI, x_ models). */
  state: string;
  /** Modules that define or extend the model, comma separated as Odoo gives it. */
  modules: string;
}

/** ir.model.access row. */
export interface AccessRuleFact {
  id: number;
  name: string;
  active: boolean;
  modelId: number;
  /** Technical model name (resolved through the models fact), or null if unknown. */
  model: string | null;
  /** null: the row applies to everyone (no group). */
  groupId: number | null;
  groupName: string | null;
  read: boolean;
  write: boolean;
  create: boolean;
  unlink: boolean;
}

/** ir.rule row. */
export interface RecordRuleFact {
  id: number;
  name: string;
  active: boolean;
  modelId: number;
  model: string | null;
  global: boolean;
  groupIds: number[];
  domain: string | null;
  read: boolean;
  write: boolean;
  create: boolean;
  unlink: boolean;
}

export interface CronFact {
  id: number;
  name: string;
  active: boolean;
  intervalNumber: number;
  /** minutes | hours | days | weeks | months */
  intervalType: string;
  nextcall: string | null;
  lastcall: string | null;
  priority: number | null;
  userId: number | null;
  userName: string | null;
  model: string | null;
  code: string | null;
  /** 18.0+: consecutive failures (Odoo deactivates the cron after 5 failures spanning 7 days). null before 18.0. */
  failureCount: number | null;
  firstFailureDate: string | null;
  /** Up to 17.0: remaining calls (-1 = unlimited). null from 18.0. */
  numbercall: number | null;
  serverActionId: number | null;
}

export interface MailServerFact {
  id: number;
  name: string;
  host: string | null;
  port: number | null;
  /** none | starttls | ssl */
  encryption: string;
  authentication: string | null;
  active: boolean;
  hasUser: boolean;
}

export interface IncomingMailServerFact {
  id: number;
  name: string;
  host: string | null;
  port: number | null;
  serverType: string | null;
  isSsl: boolean | null;
  active: boolean;
  state: string | null;
}

export interface MailQueueFacts {
  /** mail.mail count by state (outgoing, sent, received, exception, cancel). */
  byState: Record<string, number>;
  exception: number;
  /** Most recent failed mails (at most 50). */
  recentExceptions: Array<{
    id: number;
    subject: string | null;
    failureType: string | null;
    failureReason: string | null;
    date: string | null;
  }>;
}

export interface LogEntryFact {
  id: number;
  createDate: string | null;
  /** Logger name, e.g. "odoo.http" */
  name: string;
  type: string;
  level: string;
  /** First 500 characters. */
  message: string;
  path: string | null;
  func: string | null;
  line: string | null;
}

export interface LogFacts {
  total: number;
  /** Counts by level over all ir.logging rows. */
  byLevel: Record<string, number>;
  /** Most recent rows (at most 200), newest first. */
  recent: LogEntryFact[];
}

export interface AttachmentFacts {
  total: number;
  storedInDb: number;
  storedInFilestore: number;
  url: number;
  public: number;
  fieldAttachments: number;
}

export interface ServerActionFact {
  id: number;
  name: string;
  model: string | null;
  /** "code" for Python code actions */
  state: string;
  code: string | null;
  usage: string | null;
  bindingModel: string | null;
  automationId: number | null;
  writeDate: string | null;
  /**
   * XML id ("module.name") when a module's data created the action, null when it has none (made in the
   * UI or by code at run time). Absent when the collector did not read it (checks then fall back on
   * weaker signals to tell custom code from Odoo's own).
   */
  xmlId?: string | null;
}

export interface AutomationFact {
  id: number;
  name: string;
  model: string | null;
  trigger: string | null;
  active: boolean;
  actionIds: number[];
  lastRun: string | null;
  /** ir.model.fields ids whose change triggers the rule (empty: any change). Absent when not collected. */
  triggerFieldIds?: number[];
  /** The rule's "apply on" domain as Odoo stores it, null when none. Absent when not collected. */
  filterDomain?: string | null;
}

export interface ViewFact {
  id: number;
  name: string;
  key: string | null;
  type: string;
  model: string | null;
  inheritId: number | null;
  active: boolean;
  /** The arch as Odoo returns it (may be long). */
  arch: string | null;
  /** null when the view has no XML id (created in the UI or by code at run time). */
  xmlId: string | null;
  writeDate: string | null;
}

export interface CompanyFact {
  id: number;
  name: string;
  active: boolean;
  country: string | null;
}

export interface LanguageFact {
  code: string;
  name: string;
  active: boolean;
}

/** Counts of records for sizing, keyed by a stable name (e.g. "res.partner", "res.partner:all", "ir.ui.view:archived"). */
export type RecordCounts = Record<string, number>;

// ---------------------------------------------------------------------------------------------
// HTTP probe facts

export type HttpProbeName =
  | 'root'
  | 'login'
  | 'databaseManager'
  | 'databaseSelector'
  | 'databaseList'
  | 'versionInfo'
  | 'health'
  | 'robots';

export interface HttpEndpointFact {
  method: 'GET' | 'POST';
  path: string;
  /** null when the request itself failed (see error). */
  status: number | null;
  error: string | null;
  /** Response headers, names lower-cased; repeated headers joined with ", " (set-cookie joined with "\n"). */
  headers: Record<string, string>;
  location: string | null;
  bodyLength: number;
  /** Recognised page features, e.g. "login-form", "database-manager", "database-list", "master-password-field", "traceback", "debug-assets". */
  markers: string[];
  /** Parsed JSON body (JSON endpoints only: version_info, database list, health). */
  json: unknown;
}

export interface TlsFacts {
  /** The certificate chain validated against the system trust store. */
  authorized: boolean;
  error: string | null;
  protocol: string | null;
  validFrom: string | null;
  validTo: string | null;
  subject: string | null;
  issuer: string | null;
}

export interface HttpFacts {
  baseUrl: string;
  https: boolean;
  /** For https targets: whether plain http:// redirects to https://. null when not tested or not applicable. */
  httpRedirectsToHttps: boolean | null;
  tls: TlsFacts | null;
  endpoints: Record<HttpProbeName, HttpEndpointFact>;
}

// ---------------------------------------------------------------------------------------------

export interface Facts {
  schemaVersion: typeof FACTS_SCHEMA_VERSION;
  /** When the scan started (ISO 8601). Checks use it as "now", which keeps them pure and replayable. */
  collectedAt: string;
  target: ScanTarget;
  collectors: CollectorRun[];

  server: FactStatus<ServerFacts>;
  session: FactStatus<SessionFacts>;
  modules: FactStatus<ModuleFact[]>;
  moduleDependencies: FactStatus<ModuleDependencyFact[]>;
  users: FactStatus<UserFact[]>;
  groups: FactStatus<GroupFact[]>;
  apiKeys: FactStatus<ApiKeyFact[]>;
  models: FactStatus<ModelFact[]>;
  accessRules: FactStatus<AccessRuleFact[]>;
  recordRules: FactStatus<RecordRuleFact[]>;
  crons: FactStatus<CronFact[]>;
  configParameters: FactStatus<Record<string, string>>;
  mailServers: FactStatus<MailServerFact[]>;
  incomingMailServers: FactStatus<IncomingMailServerFact[]>;
  mailQueue: FactStatus<MailQueueFacts>;
  logs: FactStatus<LogFacts>;
  attachments: FactStatus<AttachmentFacts>;
  serverActions: FactStatus<ServerActionFact[]>;
  automations: FactStatus<AutomationFact[]>;
  /** Views without an XML id (UI-made customisations), with their arch. */
  customViews: FactStatus<ViewFact[]>;
  companies: FactStatus<CompanyFact[]>;
  languages: FactStatus<LanguageFact[]>;
  recordCounts: FactStatus<RecordCounts>;

  http: FactStatus<HttpFacts>;
}

/** The fact groups a check can require. */
export type FactKey = Exclude<keyof Facts, 'schemaVersion' | 'collectedAt' | 'target' | 'collectors'>;

/** The value type of a fact group once collected. */
export type FactValue<K extends FactKey> = Facts[K] extends FactStatus<infer T> ? T : never;

export const FACT_KEYS = [
  'server', 'session', 'modules', 'moduleDependencies', 'users', 'groups', 'apiKeys', 'models',
  'accessRules', 'recordRules', 'crons', 'configParameters', 'mailServers', 'incomingMailServers',
  'mailQueue', 'logs', 'attachments', 'serverActions', 'automations', 'customViews', 'companies',
  'languages', 'recordCounts', 'http',
] as const satisfies readonly FactKey[];

// Compile-time guard: FACT_KEYS lists every FactKey.
type MissingFactKeys = Exclude<FactKey, (typeof FACT_KEYS)[number]>;
const _allFactKeysListed: MissingFactKeys extends never ? true : MissingFactKeys = true;
void _allFactKeysListed;

export function collected<T>(value: T): FactStatus<T> {
  return { status: 'collected', value };
}

export function notCollected<T = never>(reason: string): FactStatus<T> {
  return { status: 'not_collected', reason };
}

/** A Facts object with every group "not collected" for the given reason: collectors fill in what they reach. */
export function emptyFacts(target: ScanTarget, collectedAt: string, reason = 'not collected'): Facts {
  const groups = Object.fromEntries(FACT_KEYS.map((k) => [k, notCollected(reason)])) as Pick<Facts, FactKey>;
  return { schemaVersion: FACTS_SCHEMA_VERSION, collectedAt, target, collectors: [], ...groups };
}
