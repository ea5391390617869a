/**
 * Test support for the GraphQL API: a real server on a random loopback port over a fresh migrated
 * PostgreSQL database, partners with API keys of each scope, rows seeded straight into the database
 * (scans and findings come from the jobs layer in production), and real clients: fetch for HTTP and
 * SSE, graphql-ws for WebSocket subscriptions.
 */
import { randomBytes } from 'node:crypto';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createDb, type Db, type Dimension, type FindingStatus, type Prisma, type ScanStatus, type Severity } from '../../server/src/db/client.ts';
import type { CodeSourceSettings } from '../../server/src/code-sources/settings.ts';
import type { OdooConnector, PulsePubSub, ScanQueue } from '../../server/src/graphql/context.ts';
import { globalId } from '../../server/src/graphql/ids.ts';
import type { OperationLimits } from '../../server/src/graphql/limits.ts';
import { createLogger } from '../../server/src/graphql/logger.ts';
import { instanceSecretContext } from '../../server/src/graphql/types/instance.ts';
import { startPulseServer, type PulseServer } from '../../server/src/http/server.ts';
import { generateApiKey } from '../../server/src/security/api-keys.ts';
import { createKeyring, encryptSecret, parseSecretKey, type Keyring } from '../../server/src/security/secrets.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

export { globalId };

export interface GraphQLResponse<T = Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- test responses are read field by field
  status: number;
  body: { data?: T | null; errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }> };
  text: string;
}

export interface TestApi {
  url: string;
  wsUrl: string;
  db: Db;
  keyring: Keyring;
  pubSub: PulsePubSub;
  server: PulseServer;
  /** Every line the server logged. */
  logs: string[];
  /** Every raw HTTP response body received through `request`. */
  responses: string[];
  request<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any -- see GraphQLResponse
    key: string | null,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** A GraphQL multipart request (file uploads): each file is mapped to the variable path given as its key. */
  upload<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any -- see GraphQLResponse
    key: string | null,
    query: string,
    variables: Record<string, unknown>,
    files: Record<string, { name: string; content: Buffer }>,
  ): Promise<GraphQLResponse<T>>;
  wsClient(key: string | null, options?: { viaHeader?: boolean }): WsClient;
  close(): Promise<void>;
}

export interface TestApiOptions {
  connect?: OdooConnector;
  scanQueue?: ScanQueue;
  limits?: OperationLimits;
  codeSources?: CodeSourceSettings;
  now?: () => Date;
  /** What the server reads and writes through (default: the test's own client, `api.db`). */
  serverDb?: (db: Db) => Db;
}

/** A database client that counts the operations made through it (model queries and raw SQL). */
export function countingDb(db: Db): { db: Db; operations: () => number } {
  let operations = 0;
  const counted = db.$extends({
    query: {
      $allOperations({ args, query }) {
        operations++;
        return query(args);
      },
    },
  });
  // The extended client answers every call the plain one does; only its static type differs.
  return { db: counted as unknown as Db, operations: () => operations };
}

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const database: TestDatabase = await createTestDatabase();
  const db = createDb(database.url, { maxConnections: 5 });
  const keyring = createKeyring(parseSecretKey(randomBytes(32).toString('hex')));
  const logs: string[] = [];
  const responses: string[] = [];
  const log = createLogger({ write: (line) => logs.push(line), level: 'debug' });
  // The server's own default bus: what `serve` without REDIS_URL uses.
  const server = await startPulseServer({
    db: options.serverDb ? options.serverDb(db) : db,
    keyring,
    log,
    port: 0,
    host: '127.0.0.1',
    connect: options.connect ?? (async () => {
      throw new Error('this test does not expect a connection test');
    }),
    ...(options.scanQueue ? { scanQueue: options.scanQueue } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.codeSources ? { codeSources: options.codeSources } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const clients: WsClient[] = [];
  return {
    url: server.url,
    wsUrl: server.wsUrl,
    db,
    keyring,
    pubSub: server.services.pubSub,
    server,
    logs,
    responses,
    async request(key, query, variables, headers = {}) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      responses.push(text);
      return { status: response.status, body: JSON.parse(text), text };
    },
    async upload(key, query, variables, files) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { accept: 'application/graphql-response+json, application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: multipartBody(query, variables, files),
      });
      const text = await response.text();
      responses.push(text);
      return { status: response.status, body: JSON.parse(text), text };
    },
    wsClient(key, wsOptions = {}) {
      const client = createClient({
        url: server.wsUrl,
        webSocketImpl: wsOptions.viaHeader
          ? class extends WebSocket {
              constructor(address: string, protocols?: string | string[]) {
                super(address, protocols, key ? { headers: { authorization: `Bearer ${key}` } } : {});
              }
            }
          : WebSocket,
        connectionParams: key && !wsOptions.viaHeader ? { authorization: `Bearer ${key}` } : {},
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((client) => client.dispose()));
      await server.close();
      await db.$disconnect();
      await database.drop();
    },
  };
}

/**
 * The body of a GraphQL multipart request (github.com/jaydenseric/graphql-multipart-request-spec):
 * `operations` with null where the files go, `map` from form field to variable path, then the files.
 */
export function multipartBody(query: string, variables: Record<string, unknown>, files: Record<string, { name: string; content: Buffer }>): FormData {
  const form = new FormData();
  const withNulls = structuredClone(variables);
  for (const path of Object.keys(files)) {
    const keys = path.split('.');
    let target = withNulls as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[keys.at(-1)!] = null;
  }
  form.append('operations', JSON.stringify({ query, variables: withNulls }));
  const paths = Object.keys(files);
  form.append('map', JSON.stringify(Object.fromEntries(paths.map((path, i) => [String(i), [`variables.${path}`]]))));
  paths.forEach((path, i) => form.append(String(i), new Blob([new Uint8Array(files[path].content)]), files[path].name));
  return form;
}

// -----------------------------------------------------------------------------------------------
// Seeding

export interface SeededPartner {
  partnerId: string;
  keys: { read: string; write: string; admin: string };
}

export async function createApiKeyRow(db: Db, partnerId: string, scopes: Array<'read' | 'write' | 'admin'>, extra: Partial<Prisma.ApiKeyUncheckedCreateInput> = {}): Promise<{ id: string; key: string }> {
  const generated = generateApiKey();
  const row = await db.apiKey.create({
    data: { partnerId, name: `${scopes.join('+')} key`, prefix: generated.prefix, hash: generated.hash, scopes, ...extra },
    select: { id: true },
  });
  return { id: row.id, key: generated.key };
}

export async function createPartner(db: Db, name: string, timezone = 'UTC'): Promise<SeededPartner> {
  const partner = await db.partner.create({ data: { name, timezone }, select: { id: true } });
  const [read, write, admin] = await Promise.all([
    createApiKeyRow(db, partner.id, ['read']),
    createApiKeyRow(db, partner.id, ['write']),
    createApiKeyRow(db, partner.id, ['admin']),
  ]);
  return { partnerId: partner.id, keys: { read: read.key, write: write.key, admin: admin.key } };
}

export async function seedClient(db: Db, partnerId: string, name: string): Promise<string> {
  return (await db.client.create({ data: { partnerId, name }, select: { id: true } })).id;
}

export async function seedInstance(
  api: { db: Db; keyring: Keyring },
  input: { partnerId: string; clientId: string; name: string; secret?: string; tags?: string[]; url?: string },
): Promise<string> {
  const id = (await api.db.instance.create({
    data: {
      partnerId: input.partnerId,
      clientId: input.clientId,
      name: input.name,
      url: input.url ?? `https://${input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example.com`,
      database: 'prod',
      login: 'pulse-reader',
      secret: 'placeholder',
      tags: input.tags ?? [],
    },
    select: { id: true },
  })).id;
  await api.db.instance.update({
    where: { id },
    data: { secret: encryptSecret(input.secret ?? 'seeded-secret', api.keyring, instanceSecretContext(id)) },
    select: { id: true },
  });
  return id;
}

export function dimensionScores(scores: Partial<Record<Dimension, number | null>>): Prisma.InputJsonValue {
  return Object.entries(scores).map(([dimension, score]) => ({
    dimension,
    title: dimension,
    weight: 10,
    score: score ?? null,
    assessed: score !== null && score !== undefined,
    reason: score === null ? 'facts missing' : null,
    findingCount: 0,
    checks: { total: 1, assessed: 1, passed: 1, failed: 0, notAssessed: 0, notApplicable: 0 },
  }));
}

export async function seedScan(
  db: Db,
  input: {
    partnerId: string;
    instanceId: string;
    status?: ScanStatus;
    score?: number | null;
    queuedAt?: Date;
    finishedAt?: Date | null;
    dimensions?: Partial<Record<Dimension, number | null>>;
  },
): Promise<string> {
  const status = input.status ?? 'succeeded';
  const queuedAt = input.queuedAt ?? new Date();
  const finished = status === 'succeeded' || status === 'partial' || status === 'failed';
  const scan = await db.scan.create({
    data: {
      partnerId: input.partnerId,
      instanceId: input.instanceId,
      status,
      trigger: 'schedule',
      queuedAt,
      startedAt: status === 'queued' ? null : queuedAt,
      finishedAt: input.finishedAt !== undefined ? input.finishedAt : finished ? new Date(queuedAt.getTime() + 60_000) : null,
      score: input.score ?? null,
      grade: input.score == null ? null : input.score >= 90 ? 'A' : input.score >= 75 ? 'B' : input.score >= 60 ? 'C' : 'F',
      coverage: input.score == null ? null : 1,
      ...(input.dimensions ? { dimensionScores: dimensionScores(input.dimensions) } : {}),
    },
    select: { id: true },
  });
  return scan.id;
}

let fingerprintCounter = 0;

export async function seedFinding(
  db: Db,
  input: {
    partnerId: string;
    instanceId: string;
    severity?: Severity;
    dimension?: Dimension;
    status?: FindingStatus;
    checkId?: string;
    points?: number;
    title?: string;
  },
): Promise<string> {
  fingerprintCounter += 1;
  const now = new Date();
  const finding = await db.finding.create({
    data: {
      partnerId: input.partnerId,
      instanceId: input.instanceId,
      fingerprint: `fp-${fingerprintCounter}-${randomBytes(4).toString('hex')}`,
      checkId: input.checkId ?? 'security.database-manager-exposed',
      dimension: input.dimension ?? 'security',
      severity: input.severity ?? 'high',
      title: input.title ?? 'The database manager is exposed',
      message: 'The page /web/database/manager answers.',
      object: { kind: 'url', path: '/web/database/manager' },
      points: input.points ?? 3,
      status: input.status ?? 'open',
      firstSeenAt: now,
      lastSeenAt: now,
    },
    select: { id: true },
  });
  return finding.id;
}

export interface EventCollector<T> {
  /** Data of the events received so far. */
  events: T[];
  /** GraphQL errors (or a transport error) received. */
  errors: Array<{ message?: string; extensions?: Record<string, unknown> } | unknown>;
  /** Resolves with the first event (already received or to come) matching `predicate`. */
  waitFor(predicate: (event: T) => boolean): Promise<T>;
  /** Resolves when at least one error has arrived. */
  firstError(): Promise<unknown>;
  stop(): void;
}

function collector<T>(): EventCollector<T> & { push(event: T): void; fail(error: unknown): void; onStop(stop: () => void): void } {
  const events: T[] = [];
  const errors: unknown[] = [];
  let stopper: () => void = () => {};
  const waiters: Array<() => void> = [];
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const waitUntil = <R>(check: () => R | undefined): Promise<R> =>
    new Promise((resolve) => {
      const attempt = () => {
        const found = check();
        if (found === undefined) return;
        waiters.splice(waiters.indexOf(attempt), 1);
        resolve(found);
      };
      waiters.push(attempt);
      attempt();
    });
  return {
    events,
    errors,
    waitFor: (predicate) => waitUntil(() => events.find(predicate)),
    firstError: () => waitUntil(() => errors[0]),
    stop: () => stopper(),
    push(event) {
      events.push(event);
      wake();
    },
    fail(error) {
      errors.push(error);
      wake();
    },
    onStop(stop) {
      stopper = stop;
    },
  };
}

/** Subscribes over graphql-ws; events and errors are collected as they arrive. */
export function subscribeWs<T = any>(client: WsClient, query: string, variables: Record<string, unknown> = {}): EventCollector<T> { // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field
  const collected = collector<T>();
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors?.length) for (const error of value.errors) collected.fail(error);
        else collected.push(value.data as T);
      },
      error: (error) => collected.fail(error),
      complete: () => {},
    },
  );
  collected.onStop(stop);
  return collected;
}

/** Subscribes over SSE (POST with Accept: text/event-stream), as a browser or curl would. */
export function subscribeSse<T = any>(url: string, key: string | null, query: string, variables: Record<string, unknown> = {}): EventCollector<T> & { status: Promise<number> } { // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field
  const collected = collector<T>();
  const abort = new AbortController();
  collected.onStop(() => abort.abort());
  const status = (async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: abort.signal,
    });
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = message.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
            if (!data) continue;
            const payload = JSON.parse(data) as { data?: T; errors?: unknown[] };
            if (payload.errors?.length) for (const error of payload.errors) collected.fail(error);
            else if (payload.data) collected.push(payload.data);
          }
        }
      } catch (error) {
        if (!abort.signal.aborted) collected.fail(error);
      }
    })();
    return response.status;
  })();
  return Object.assign(collected, { status });
}

/**
 * Publishes `publish()` again and again until `arrived()`: a subscription is live on the server some
 * time after the client asked for it, and an event published before then is not delivered to it.
 */
export async function publishUntil(arrived: () => boolean, publish: () => void): Promise<void> {
  for (let attempt = 0; attempt < 400 && !arrived(); attempt++) {
    publish();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!arrived()) throw new Error('the subscription never received the event');
}
