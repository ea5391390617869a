/**
 * End to end, as a partner's integration uses odoo-pulse: real PostgreSQL, a real server listening on
 * a random port with its scan workers, the Odoo 18.0 test double as the client's ERP, and real
 * clients (fetch for HTTP and SSE, graphql-ws over `ws` for subscriptions).
 *
 * The story, in order (the tests share what earlier steps created; 5 and 6 are one test):
 *   1. `odoo-pulse partner create` gives the partner its first admin key; that key makes a key for the integration.
 *   2. The integration adds a client and registers the client's Odoo instance (read-only API key user).
 *   3. It subscribes to scan progress, finished scans, score changes and new findings, starts a scan,
 *      and follows it live to its score, which the API then returns too.
 *   4. It reads the findings (by severity, by dimension), the score history and the portfolio.
 *   5. The client's Odoo changes (free sign-up turned off; portal users given write access on a model);
 *      the next scan resolves one finding and opens another, announced live, with the new score.
 *   6. The same scan is also followed over SSE (Accept: text/event-stream).
 *
 * Most operations are the published ones in examples/graphql/, so the examples are proven to work.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { createPubSub, type PubSubEventTarget } from 'graphql-yoga';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/src/db/client.ts';
import type { JobsRuntime, PulsePubSub, PulseTopics } from '../../server/src/graphql/context.ts';
import { createLogger } from '../../server/src/graphql/logger.ts';
import { startPulseServer, type PulseServer } from '../../server/src/http/server.ts';
import { startJobs } from '../../server/src/jobs/index.ts';
import { createKeyring, parseSecretKey } from '../../server/src/security/secrets.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';
import { subscribeSse, subscribeWs, type EventCollector } from '../graphql/support.ts';

const BIN = fileURLToPath(new URL('../../bin/odoo-pulse.js', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../examples/graphql/', import.meta.url));

/** How long to wait for anything (a CLI run, a scan, an event) on a busy 2-core machine before failing. */
const PATIENCE_MS = 90_000;
const STEP_TIMEOUT_MS = 3 * PATIENCE_MS;

// --------------------------------------------------------------------------------------------------
// What the integration needs: an HTTP GraphQL call, and the example operations

/** One operation of examples/graphql/<file>, on its own (a file may hold several). */
function example(file: string, name: string): string {
  const document = parse(readFileSync(`${EXAMPLES}${file}`, 'utf8'));
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
  );
  if (!operation) throw new Error(`examples/graphql/${file} has no operation ${name}`);
  return print(operation);
}

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- responses are read field by field

/** POST /graphql with the API key; a GraphQL error fails the step with the server's message. */
async function graphql(key: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(`GraphQL error (HTTP ${response.status}): ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data!;
}

// --------------------------------------------------------------------------------------------------
// Waiting without sleeping: every wait ends on an event, or fails after PATIENCE_MS saying what was awaited

const serverLog: string[] = [];

function within<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Gave up waiting for ${what} after ${PATIENCE_MS / 1000} s. Last server log lines:\n${serverLog.slice(-15).join('')}`)),
      PATIENCE_MS,
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The first event (received or to come) matching `predicate`; a subscription error fails at once. */
function nextEvent<T>(subscription: EventCollector<T>, what: string, predicate: (event: T) => boolean = () => true): Promise<T> {
  const failed = subscription.firstError().then((error) => {
    throw new Error(`The ${what} subscription failed: ${JSON.stringify(error)}`);
  });
  return within(what, Promise.race([subscription.waitFor(predicate), failed]));
}

/**
 * The server's event bus, built as `odoo-pulse serve` builds it (graphql-yoga's in-process pub/sub),
 * on an event target that tells the test when a subscription is listening. This is the test's only
 * look inside the server: graphql-ws does not acknowledge a subscription, so without it a scan could
 * publish its first event before the server listens for it.
 */
function observableEventBus(): { pubSub: PulsePubSub; listening(topic: keyof PulseTopics, partnerId: string, count?: number): Promise<void> } {
  const counts = new Map<string, number>();
  const waiters = new Set<() => void>();
  class ObservedTarget extends EventTarget {
    override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean): void {
      super.addEventListener(type, listener, options);
      counts.set(type, (counts.get(type) ?? 0) + 1);
      for (const wake of [...waiters]) wake();
    }
    override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: EventListenerOptions | boolean): void {
      super.removeEventListener(type, listener, options);
      counts.set(type, (counts.get(type) ?? 1) - 1);
    }
  }
  const pubSub = createPubSub<PulseTopics>({ eventTarget: new ObservedTarget() as PubSubEventTarget<PulseTopics> });
  return {
    pubSub,
    listening: (topic, partnerId, count = 1) =>
      within(
        `${count} subscriber(s) of ${topic}`,
        new Promise<void>((resolve) => {
          const check = () => {
            if ((counts.get(`${topic}:${partnerId}`) ?? 0) < count) return;
            waiters.delete(check);
            resolve();
          };
          waiters.add(check);
          check();
        }),
      ),
  };
}

// --------------------------------------------------------------------------------------------------
// The world: PostgreSQL, the client's Odoo, the odoo-pulse server with its workers

let database: TestDatabase;
let db: Db;
let odoo: OdooDouble;
let jobs: JobsRuntime;
let server: PulseServer;
const bus = observableEventBus();
let ws: WsClient | undefined;

beforeAll(async () => {
  [database, odoo] = await Promise.all([createTestDatabase(), startOdooDouble({ series: '18.0' })]);
  db = createDb(database.url);
  const keyring = createKeyring(parseSecretKey(randomBytes(32).toString('base64')));
  const log = createLogger({ write: (line) => serverLog.push(line), level: 'info' });
  // What `odoo-pulse serve` does: scan workers on the database, then the API on a free port.
  jobs = await startJobs({ db, databaseUrl: database.url, pubSub: bus.pubSub, keyring, log, env: {} });
  server = await startPulseServer({ db, keyring, pubSub: bus.pubSub, scanQueue: jobs.scanQueue, log, port: 0, host: '127.0.0.1', graphiql: false });
}, STEP_TIMEOUT_MS);

afterAll(async () => {
  await ws?.dispose();
  await server?.close();
  await jobs?.stop();
  await db?.$disconnect();
  await database?.drop();
  await odoo?.close();
}, STEP_TIMEOUT_MS);

// --------------------------------------------------------------------------------------------------
// The integration's story

const story = {} as {
  partnerId: string;
  key: string;
  instanceId: string;
  subscriptions: {
    progress: EventCollector<Data>;
    finished: EventCollector<Data>;
    score: EventCollector<Data>;
    opened: EventCollector<Data>;
  };
  first: { scanId: string; score: number; openFindingIds: string[] };
};

describe('a partner integrates with odoo-pulse', () => {
  it('1. creates its partner with the CLI, and an API key for the integration with the admin key', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { stdout } = await within(
      'odoo-pulse partner create',
      promisify(execFile)(process.execPath, [BIN, 'partner', 'create', '--name', 'Acme Odoo Partners', '--json'], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: database.url },
        timeout: PATIENCE_MS,
      }),
    );
    const created = JSON.parse(stdout) as { partnerId: string; name: string; apiKey: string; apiKeyPrefix: string };
    expect(created.name).toBe('Acme Odoo Partners');
    expect(created.apiKey.startsWith(`pulse_${created.apiKeyPrefix}_`)).toBe(true);
    story.partnerId = created.partnerId;

    // The admin key is for people; the integration gets its own key, without the admin scope.
    const made = await graphql(created.apiKey, example('api-keys.graphql', 'CreateApiKey'), { name: 'Dashboard integration', scopes: ['write'] });
    expect(made.createApiKey.__typename).toBe('CreateApiKeySuccess');
    story.key = made.createApiKey.key;

    const { viewer } = await graphql(story.key, example('viewer.graphql', 'Viewer'));
    expect(viewer).toMatchObject({ apiKeyName: 'Dashboard integration', partner: { name: 'Acme Odoo Partners' } });
    expect([...viewer.scopes].sort()).toEqual(['read', 'write']);
  });

  it('2. adds a client and registers its Odoo 18.0 instance, logging in once as a read-only API key user', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { createClient: created } = await graphql(story.key, example('create-client.graphql', 'CreateClient'), { name: 'Brasserie Dupont' });
    expect(created.__typename).toBe('CreateClientSuccess');

    const { registerInstance } = await graphql(story.key, example('register-instance.graphql', 'RegisterInstance'), {
      input: {
        clientId: created.client.id,
        name: 'Dupont production',
        url: odoo.url,
        database: odoo.database,
        login: odoo.apiKeyUser.login,
        secret: odoo.apiKeyUser.apiKey,
        secretKind: 'api_key',
        tags: ['production'],
      },
    });
    expect(registerInstance.__typename, JSON.stringify(registerInstance)).toBe('InstanceSuccess');
    expect(registerInstance.instance).toMatchObject({ name: 'Dupont production', url: odoo.url, status: 'never_scanned' });
    story.instanceId = registerInstance.instance.id;
  });

  it('3. follows its first scan live, from collector progress to the score the API then returns', { timeout: STEP_TIMEOUT_MS }, async () => {
    // One WebSocket for every subscription; the key goes in the connection parameters.
    ws = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${story.key}` }, retryAttempts: 0 });
    const instanceIds = [story.instanceId];
    story.subscriptions = {
      progress: subscribeWs(ws, example('subscriptions.graphql', 'ScanProgress'), { instanceIds }),
      finished: subscribeWs(ws, example('subscriptions.graphql', 'ScanFinished'), { instanceIds }),
      score: subscribeWs(ws, example('subscriptions.graphql', 'ScoreChanged'), { instanceIds }),
      opened: subscribeWs(ws, example('subscriptions.graphql', 'FindingOpened'), { instanceIds }),
    };
    for (const topic of ['scanProgress', 'scanFinished', 'scoreChanged', 'findingOpened'] as const) await bus.listening(topic, story.partnerId);

    const { startScan } = await graphql(story.key, example('start-scan.graphql', 'StartScan'), { instanceId: story.instanceId });
    expect(startScan.__typename).toBe('StartScanSuccess');
    const scanId: string = startScan.scan.id;

    // The scan finishes: scanFinished comes last, once everything is stored.
    const { scanFinished } = await nextEvent(story.subscriptions.finished, 'the first scan to finish', (e) => e.scanFinished.id === scanId);
    expect(['succeeded', 'partial'], `scan ended ${scanFinished.status}: ${scanFinished.error}`).toContain(scanFinished.status);
    expect(scanFinished.score).toEqual(expect.any(Number));
    expect(scanFinished.instance).toEqual({ id: story.instanceId, name: 'Dupont production' });

    // Progress came per collector (api: RPC reads, http: probes of the web pages), each started then finished.
    // (Each subscription delivers in order, but not in step with the others: wait for both ends.)
    for (const collector of ['api', 'http']) {
      await nextEvent(story.subscriptions.progress, `${collector} progress to finish`, (e) => e.scanProgress.collector === collector && e.scanProgress.phase === 'finished');
    }
    const progress = story.subscriptions.progress.events.map((e) => e.scanProgress);
    expect(progress.every((p) => p.scan.id === scanId && p.scan.instance.name === 'Dupont production')).toBe(true);
    for (const collector of ['api', 'http']) {
      const phases = progress.filter((p) => p.collector === collector).map((p) => p.phase);
      expect(phases[0], `${collector} progress: ${phases.join(', ')}`).toBe('started');
      expect(phases.at(-1), `${collector} progress: ${phases.join(', ')}`).toBe('finished');
      expect(['ok', 'partial']).toContain(progress.findLast((p) => p.collector === collector)!.status);
    }
    expect(progress.some((p) => p.phase === 'step' && p.step && p.total > 0)).toBe(true);

    // The new score arrived too, for this scan; it is the first one, so there was none before.
    const { scoreChanged } = await nextEvent(story.subscriptions.score, 'the first score', (e) => e.scoreChanged.scan.id === scanId);
    expect(scoreChanged).toMatchObject({ score: scanFinished.score, previousScore: null, delta: null, instance: { id: story.instanceId } });

    // The API says the same thing.
    const { instance } = await graphql(
      story.key,
      `query InstanceNow($id: ID!) {
        instance(id: $id) { status score grade latestScan { id status score grade } currentScan { id } }
      }`,
      { id: story.instanceId },
    );
    expect(instance).toMatchObject({
      status: scanFinished.status,
      score: scoreChanged.score,
      grade: scanFinished.grade,
      latestScan: { id: scanId, status: scanFinished.status, score: scoreChanged.score, grade: scanFinished.grade },
      currentScan: { id: scanId },
    });

    // Every finding of a first scan is new: each was announced by findingOpened.
    const { scans } = await graphql(story.key, `query ScanFindings($id: ID!) { scans(filter: { instanceId: $id }, first: 1) { nodes { id findings(first: 100) { totalCount nodes { finding { id status } } } } } }`, { id: story.instanceId });
    const found: Array<{ finding: { id: string; status: string } }> = scans.nodes[0].findings.nodes;
    expect(scans.nodes[0].findings.totalCount).toBe(found.length);
    expect(found.length).toBeGreaterThan(5);
    expect(found.every((f) => f.finding.status === 'open')).toBe(true);
    const openFindingIds = found.map((f) => f.finding.id).sort();
    const opened = story.subscriptions.opened;
    const allAnnounced = () => new Set(opened.events.map((e) => e.findingOpened.id)).size >= found.length;
    await within(`findingOpened for all ${found.length} findings`, opened.waitFor(allAnnounced));
    expect(opened.events.map((e) => e.findingOpened.id).sort()).toEqual(openFindingIds);

    story.first = { scanId, score: scoreChanged.score, openFindingIds };
  });

  it('4. reads the findings by severity and by dimension, the score history and the portfolio', { timeout: STEP_TIMEOUT_MS }, async () => {
    const all = await graphql(
      story.key,
      `query AllFindings($id: ID!) { findings(filter: { instanceId: $id }, first: 100) { totalCount nodes { id severity dimension status } } }`,
      { id: story.instanceId },
    );
    const findings: Array<{ id: string; severity: string; dimension: string }> = all.findings.nodes;
    expect(all.findings.totalCount).toBe(story.first.openFindingIds.length);

    // Open critical and high findings, e.g. to open tickets: the example query, across every instance.
    const urgent = await graphql(story.key, example('findings.graphql', 'UrgentFindings'));
    const serious = findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
    expect(serious.length).toBeGreaterThan(0);
    expect(urgent.findings.totalCount).toBe(serious.length);
    expect(urgent.findings.nodes.map((f: Data) => f.id).sort()).toEqual(serious.map((f) => f.id).sort());
    expect(urgent.findings.nodes[0].instance).toMatchObject({ name: 'Dupont production', client: { name: 'Brasserie Dupont' } });

    // Exactly some severities (here: medium and low).
    const bySeverity = await graphql(
      story.key,
      `query BySeverity($id: ID!) { findings(filter: { instanceId: $id, severity: [medium, low] }, first: 100) { nodes { id } } }`,
      { id: story.instanceId },
    );
    const mediumOrLow = findings.filter((f) => f.severity === 'medium' || f.severity === 'low');
    expect(mediumOrLow.length).toBeGreaterThan(0);
    expect(bySeverity.findings.nodes.map((f: Data) => f.id).sort()).toEqual(mediumOrLow.map((f) => f.id).sort());

    // One dimension's findings: as many as the scan's score for that dimension counted.
    const { instance } = await graphql(story.key, example('instance.graphql', 'Instance'), { id: story.instanceId });
    const dimensions: Array<{ dimension: string; score: number | null; assessed: boolean }> = instance.currentScan.dimensionScores;
    expect(dimensions.length).toBe(9);
    const counts = await graphql(story.key, `query Counts($id: ID!) { instance(id: $id) { currentScan { dimensionScores { dimension findingCount } } } }`, { id: story.instanceId });
    const busiest = [...counts.instance.currentScan.dimensionScores].sort((a: Data, b: Data) => b.findingCount - a.findingCount)[0];
    const byDimension = await graphql(
      story.key,
      `query ByDimension($id: ID!, $dimension: Dimension!) {
        findings(filter: { instanceId: $id, dimension: [$dimension] }, first: 100) { totalCount nodes { dimension } }
      }`,
      { id: story.instanceId, dimension: busiest.dimension },
    );
    expect(byDimension.findings.totalCount).toBe(busiest.findingCount);
    expect(byDimension.findings.totalCount).toBe(findings.filter((f) => f.dimension === busiest.dimension).length);
    expect(byDimension.findings.nodes.every((f: Data) => f.dimension === busiest.dimension)).toBe(true);

    // The score history has the one scan so far.
    const { scoreHistory } = await graphql(story.key, example('score-history.graphql', 'ScoreHistory'), { id: story.instanceId });
    expect(scoreHistory.timezone).toBe('UTC');
    expect(scoreHistory.points).toEqual([{ at: expect.any(String), score: story.first.score, grade: instance.grade }]);
    expect(scoreHistory.daily).toEqual([expect.objectContaining({ scanCount: 1, last: story.first.score, average: story.first.score })]);

    // The portfolio: one scored instance, its score the average; under 70 it is listed.
    const { portfolio } = await graphql(story.key, example('portfolio.graphql', 'Portfolio'));
    const below = story.first.score < 70;
    expect(portfolio).toMatchObject({
      instanceCount: 1,
      scoredInstanceCount: 1,
      averageScore: story.first.score,
      belowThresholdCount: below ? 1 : 0,
      openCriticalFindings: findings.filter((f) => f.severity === 'critical').length,
    });
    expect(portfolio.instancesBelowThreshold.map((i: Data) => i.name)).toEqual(below ? ['Dupont production'] : []);
    // With a threshold just above the score, the instance is the one to look at.
    const strict = await graphql(
      story.key,
      `query Under($threshold: Float!) { portfolio(threshold: $threshold) { belowThresholdCount instancesBelowThreshold { id score } } }`,
      { threshold: story.first.score + 1 },
    );
    expect(strict.portfolio).toEqual({ belowThresholdCount: 1, instancesBelowThreshold: [{ id: story.instanceId, score: story.first.score }] });
    // The weakest dimension is the instance's lowest assessed dimension score.
    const lowest = Math.min(...dimensions.filter((d) => d.assessed).map((d) => d.score!));
    expect(portfolio.weakestDimensions[0]).toMatchObject({ averageScore: lowest, instanceCount: 1 });
  });

  it('5+6. sees the next scan resolve the fixed finding and open the new one, live over graphql-ws and SSE', { timeout: STEP_TIMEOUT_MS }, async () => {
    // Two changes whose findings do not depend on the clock. (Resetting the failing WMS cron's counter
    // would not do: its failures stay in ir.logging, so cron_health.cron-errors-in-log reports them
    // instead, for as long as they are under 30 days old.)
    // On the client's Odoo: an administrator turns free sign-up off ("On invitation")…
    const signup = odoo.data['ir.config_parameter'].find((p) => p.key === 'auth_signup.invitation_scope')!;
    expect(signup.value).toBe('b2c');
    signup.value = 'b2b';
    // …and someone lets portal users change every country state (access right 47, no record rule).
    const portalAccess = odoo.data['ir.model.access'].find((a) => a.id === 47)!;
    expect(portalAccess).toMatchObject({ name: 'res_country_state group_user_all', perm_write: false });
    portalAccess.perm_write = true;

    // A second follower, over SSE: a plain HTTP POST with Accept: text/event-stream.
    const sse = subscribeSse<Data>(server.url, story.key, example('subscriptions.graphql', 'ScanFinished'), { instanceIds: [story.instanceId] });
    try {
      expect(await within('the SSE response', sse.status)).toBe(200);
      await bus.listening('scanFinished', story.partnerId, 2);
      const openedBefore = story.subscriptions.opened.events.length;

      const { startScan } = await graphql(story.key, example('start-scan.graphql', 'StartScan'), { instanceId: story.instanceId });
      expect(startScan.__typename).toBe('StartScanSuccess');
      const scanId: string = startScan.scan.id;

      const { scanFinished } = await nextEvent(story.subscriptions.finished, 'the second scan to finish', (e) => e.scanFinished.id === scanId);
      const overSse = await nextEvent(sse, 'scanFinished over SSE', (e) => e.scanFinished.id === scanId);
      expect(overSse.scanFinished).toEqual(scanFinished);

      // Exactly one finding was resolved by the scan: the sign-up one, with when, and by nobody (a scan saw it gone).
      const { resolved } = await graphql(
        story.key,
        `query Resolved($id: ID!) {
          resolved: findings(filter: { instanceId: $id, status: [resolved] }) { nodes { id checkId status resolvedAt resolvedBy object } }
        }`,
        { id: story.instanceId },
      );
      expect(resolved.nodes).toEqual([
        expect.objectContaining({ checkId: 'security.public-signup-enabled', status: 'resolved', resolvedAt: expect.any(String), resolvedBy: null }),
      ]);
      expect(story.first.openFindingIds).toContain(resolved.nodes[0].id);

      // Exactly one was opened: portal write access on country states; everything else is still open.
      const { open } = await graphql(
        story.key,
        `query Open($id: ID!) {
          open: findings(filter: { instanceId: $id, status: [open] }, first: 100) { nodes { id checkId severity status firstSeenAt object } }
        }`,
        { id: story.instanceId },
      );
      const newOnes = open.nodes.filter((f: Data) => !story.first.openFindingIds.includes(f.id));
      expect(newOnes).toEqual([
        expect.objectContaining({ checkId: 'permissions.portal-acl-write-access', severity: 'high', status: 'open', object: expect.objectContaining({ key: '47' }) }),
      ]);
      expect(open.nodes.map((f: Data) => f.id).sort()).toEqual(
        [...story.first.openFindingIds.filter((id) => id !== resolved.nodes[0].id), newOnes[0].id].sort(),
      );

      // findingOpened announced the new finding, and only it.
      const { findingOpened } = await nextEvent(story.subscriptions.opened, 'findingOpened for the portal access finding', (e) => e.findingOpened.id === newOnes[0].id);
      expect(findingOpened).toMatchObject({ severity: 'high', instance: { id: story.instanceId } });
      expect(story.subscriptions.opened.events.slice(openedBefore).map((e) => e.findingOpened.id)).toEqual([newOnes[0].id]);

      // The score moved, and scoreChanged said so, from the first scan's score.
      const { instance } = await graphql(story.key, `query Score($id: ID!) { instance(id: $id) { score latestScan { id score } } }`, { id: story.instanceId });
      expect(instance.latestScan).toEqual({ id: scanId, score: scanFinished.score });
      expect(instance.score, 'a resolved medium finding and a new high one should change the score').not.toBe(story.first.score);
      const { scoreChanged } = await nextEvent(story.subscriptions.score, 'the second score', (e) => e.scoreChanged.scan.id === scanId);
      expect(scoreChanged).toMatchObject({
        score: instance.score,
        previousScore: story.first.score,
        delta: Math.round((instance.score - story.first.score) * 10) / 10,
      });

      // The history now has both scans, oldest first; the portfolio follows the current score.
      const { scoreHistory } = await graphql(story.key, example('score-history.graphql', 'ScoreHistory'), { id: story.instanceId });
      expect(scoreHistory.points.map((p: Data) => p.score)).toEqual([story.first.score, instance.score]);
      expect(scoreHistory.daily.reduce((sum: number, day: Data) => sum + day.scanCount, 0)).toBe(2);
      expect(scoreHistory.daily.at(-1).last).toBe(instance.score);
      const { portfolio } = await graphql(story.key, example('portfolio.graphql', 'Portfolio'));
      expect(portfolio.averageScore).toBe(instance.score);
    } finally {
      sse.stop();
    }
  });
});
