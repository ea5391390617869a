/**
 * A partner's fleet at scale: 1,000 instances × 365 daily scans (one partner) seeded into a fresh
 * PostgreSQL database, then through the real HTTP server (graphql-yoga + graphql-ws, loopback):
 * - the `portfolio` query (average, instances under the threshold, criticals, weakest dimensions);
 * - the `instances` query (a page of 50 with current score, grade, status, client, latest scan);
 * - a `scoreChanged` event reaching 1,000 graphql-ws subscribers (1,000 connections), from publish
 *   to the last delivery. Clients and server share this process (and its CPU).
 * The server is PULSE_TEST_DATABASE_URL's (default postgresql://postgres@127.0.0.1:5432/postgres).
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createDb } from '../../server/src/db/client.ts';
import { createInProcessEventBus } from '../../server/src/events/bus.ts';
import type { PulsePubSub, PulseTopics } from '../../server/src/graphql/context.ts';
import { uuidv7 } from '../../server/src/graphql/data/uuid.ts';
import { startPulseServer } from '../../server/src/http/server.ts';
import { gradeFor, SCORING_VERSION } from '../../server/src/score/scoring.ts';
import { DEFAULT_WEIGHTS } from '../../server/src/score/types.ts';
import { DIMENSIONS, DIMENSION_TITLES, SEVERITIES } from '../../server/src/checks/types.ts';
import { generateApiKey } from '../../server/src/security/api-keys.ts';
import { createKeyring, parseSecretKey } from '../../server/src/security/secrets.ts';
import { createTestDatabase } from '../../test/support/database.ts';
import { percentile, summarize, timeRuns } from '../stats.ts';
import type { BenchSuite, CaseResult } from '../suite.ts';

const INSTANCES = 1_000;
const DAYS = 365;
const CLIENTS = 50;
const FINDINGS_PER_INSTANCE = 20;
/** Scans keep their dimension scores for this many days (older ones: score only). */
const DIMENSION_DAYS = 30;
const SUBSCRIBERS = 1_000;
const DAY = 86_400_000;

/** Deterministic pseudo-random numbers, so every run seeds the same fleet. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const clamp = (value: number) => Math.max(0, Math.min(100, value));

interface Seeded {
  partnerId: string;
  apiKey: string;
  /** One scored scan (latest of its instance) to announce in scoreChanged events. */
  sample: { instanceId: string; scanId: string };
  rows: { scans: number; findings: number; links: number };
}

/** Inserts rows column-wise through unnest(): one statement per batch. */
async function insertColumns(client: pg.PoolClient, table: string, columns: Array<[name: string, type: string]>, rows: unknown[][]): Promise<void> {
  const values = columns.map((_, index) => rows.map((row) => row[index]));
  const list = columns.map(([name]) => `"${name}"`).join(', ');
  const unnest = columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
  await client.query(`INSERT INTO ${table} (${list}) SELECT * FROM unnest(${unnest})`, values);
}

function dimensionScores(score: number, next: () => number) {
  return DIMENSIONS.map((dimension) => {
    const value = Math.round(clamp(score + (next() - 0.5) * 30));
    return {
      dimension,
      title: DIMENSION_TITLES[dimension],
      weight: DEFAULT_WEIGHTS[dimension],
      score: value,
      assessed: true,
      reason: null,
      findingCount: Math.round((100 - value) / 8),
      checks: { total: 8, assessed: 8, passed: 6, failed: 2, notAssessed: 0, notApplicable: 0 },
    };
  });
}

const SCAN_COLUMNS: Array<[string, string]> = [
  ['id', 'uuid'], ['partner_id', 'uuid'], ['instance_id', 'uuid'], ['status', '"ScanStatus"'], ['trigger', '"ScanTrigger"'],
  ['queued_at', 'timestamptz'], ['started_at', 'timestamptz'], ['finished_at', 'timestamptz'], ['series', 'text'],
  ['server_version', 'text'], ['edition', 'text'], ['score', 'float8'], ['uncapped_score', 'float8'], ['grade', 'char(1)'],
  ['dimension_scores', 'jsonb'], ['coverage', 'float8'], ['scoring_version', 'text'], ['error', 'text'],
];

/** Seeds the fleet into a migrated, empty database (exported for ad-hoc query analysis). */
export async function seedFleet(databaseUrl: string, log: (line: string) => void): Promise<Seeded> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const client = await pool.connect();
  const next = random(20261204);
  try {
    const partnerId = uuidv7();
    await client.query('INSERT INTO partner (id, name, updated_at) VALUES ($1, $2, now())', [partnerId, 'Bench Partners']);
    const key = generateApiKey();
    await client.query('INSERT INTO api_key (id, partner_id, name, prefix, hash, scopes) VALUES ($1, $2, $3, $4, $5, $6::"ApiScope"[])', [
      uuidv7(), partnerId, 'bench', key.prefix, key.hash, ['read'],
    ]);
    const clientIds = Array.from({ length: CLIENTS }, () => uuidv7());
    await insertColumns(client, 'client', [['id', 'uuid'], ['partner_id', 'uuid'], ['name', 'text'], ['updated_at', 'timestamptz']],
      clientIds.map((id, i) => [id, partnerId, `Client ${String(i + 1).padStart(2, '0')}`, new Date()]));
    const instanceIds = Array.from({ length: INSTANCES }, () => uuidv7());
    await insertColumns(
      client,
      'instance',
      [['id', 'uuid'], ['partner_id', 'uuid'], ['client_id', 'uuid'], ['name', 'text'], ['url', 'text'], ['database', 'text'], ['login', 'text'],
        ['secret_encrypted', 'text'], ['schedule', 'text'], ['updated_at', 'timestamptz']],
      instanceIds.map((id, i) => [
        id, partnerId, clientIds[i % CLIENTS], `erp-${String(i + 1).padStart(4, '0')}`, `https://erp-${i + 1}.example.com`, 'prod', 'pulse',
        'pulse:v1:00000000:AAAA', 'daily', new Date(),
      ]),
    );
    // unnest() cannot carry one array per row: tags go in two updates.
    const production = instanceIds.filter((_, i) => i % 3 === 0);
    await client.query(`UPDATE instance SET tags = ARRAY['production'] WHERE id = ANY($1::uuid[])`, [production]);
    await client.query(`UPDATE instance SET tags = ARRAY['staging'] WHERE NOT (id = ANY($1::uuid[]))`, [production]);
    log(`seeded ${INSTANCES} instances; inserting ${INSTANCES * DAYS} scans…`);

    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    const latestScan = new Map<string, string>();
    let batch: unknown[][] = [];
    let scans = 0;
    const flush = async () => {
      if (!batch.length) return;
      await insertColumns(client, 'scan', SCAN_COLUMNS, batch);
      scans += batch.length;
      batch = [];
    };
    for (const instanceId of instanceIds) {
      // A level the instance hovers around, noise, and now and then an incident it recovers from.
      const level = 45 + next() * 50;
      let score = level;
      const series = next() < 0.6 ? '18.0' : '17.0';
      for (let day = DAYS - 1; day >= 0; day--) {
        score = clamp(score + 0.15 * (level - score) + (next() - 0.5) * 5 - (next() < 0.01 ? 15 : 0));
        const queued = new Date(today - day * DAY + 2 * 3_600_000 + Math.floor(next() * 3 * 3_600_000));
        const roll = next();
        const status = roll < 0.02 ? 'failed' : roll < 0.05 ? 'partial' : 'succeeded';
        const rounded = status === 'failed' ? null : Math.round(score);
        const id = uuidv7(queued);
        if (rounded !== null) latestScan.set(instanceId, id);
        batch.push([
          id, partnerId, instanceId, status, 'schedule', queued, new Date(queued.getTime() + 2_000), new Date(queued.getTime() + 40_000 + next() * 60_000),
          status === 'failed' ? null : series, status === 'failed' ? null : `${series}-20250506`, status === 'failed' ? null : 'community',
          rounded, rounded, rounded === null ? null : gradeFor(rounded),
          rounded !== null && day < DIMENSION_DAYS ? JSON.stringify(dimensionScores(rounded, next)) : null,
          status === 'succeeded' ? 1 : status === 'partial' ? 0.9 : null, status === 'failed' ? null : SCORING_VERSION,
          status === 'failed' ? 'Nothing answered (connection refused): check the URL and port, and that Odoo is running.' : null,
        ]);
        if (batch.length >= 20_000) await flush();
      }
    }
    await flush();
    log(`inserted ${scans} scans; inserting findings…`);

    const findingRows: unknown[][] = [];
    const linkRows: unknown[][] = [];
    const statuses = ['open', 'open', 'open', 'open', 'acknowledged', 'acknowledged', 'resolved', 'resolved', 'accepted_risk', 'false_positive'];
    for (const instanceId of instanceIds) {
      for (let n = 0; n < FINDINGS_PER_INSTANCE; n++) {
        const id = uuidv7();
        const severity = SEVERITIES[Math.min(SEVERITIES.length - 1, Math.floor(next() ** 0.6 * SEVERITIES.length))];
        const status = statuses[Math.floor(next() * statuses.length)];
        const dimension = DIMENSIONS[n % DIMENSIONS.length];
        const firstSeen = new Date(today - Math.floor(next() * DAYS) * DAY);
        const points = Math.round(next() * 30) / 10;
        findingRows.push([
          id, partnerId, instanceId, `bench-${n}`, `${dimension}.bench-check-${n}`, dimension, severity, `Bench check ${n}`,
          `Object ${n} of this instance has problem ${n}.`, JSON.stringify({ kind: 'instance', key: `object-${n}` }), points, 1 + (n % 4), status,
          firstSeen, status === 'resolved' ? firstSeen : new Date(today), status === 'resolved' ? new Date(today - DAY) : null,
        ]);
        if (status !== 'resolved') linkRows.push([latestScan.get(instanceId), id, severity, points]);
      }
    }
    await insertColumns(
      client,
      'finding',
      [['id', 'uuid'], ['partner_id', 'uuid'], ['instance_id', 'uuid'], ['fingerprint', 'text'], ['check_id', 'text'], ['dimension', '"Dimension"'],
        ['severity', '"Severity"'], ['title', 'text'], ['message', 'text'], ['object', 'jsonb'], ['points', 'float8'], ['effort_hours', 'float8'],
        ['status', '"FindingStatus"'], ['first_seen_at', 'timestamptz'], ['last_seen_at', 'timestamptz'], ['resolved_at', 'timestamptz']],
      findingRows,
    );
    await insertColumns(client, 'scan_finding', [['scan_id', 'uuid'], ['finding_id', 'uuid'], ['severity', '"Severity"'], ['points', 'float8']], linkRows);
    await client.query('ANALYZE');
    const [sampleInstance] = instanceIds;
    return {
      partnerId,
      apiKey: key.key,
      sample: { instanceId: sampleInstance, scanId: latestScan.get(sampleInstance)! },
      rows: { scans, findings: findingRows.length, links: linkRows.length },
    };
  } finally {
    client.release();
    await pool.end();
  }
}

const PORTFOLIO = `{
  portfolio(threshold: 70) {
    instanceCount scoredInstanceCount averageScore belowThresholdCount openCriticalFindings
    instancesBelowThreshold(first: 20) { id name score grade }
    weakestDimensions(first: 3) { dimension averageScore instanceCount }
  }
}`;

const INSTANCES_PAGE = `{
  instances(first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name url tags score grade status client { name } latestScan { status finishedAt } } }
  }
}`;

async function query(url: string, apiKey: string, text: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: text }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(`the query failed: ${body.errors[0].message}`);
  return body.data;
}

/** Counts subscriptions that started listening, so the fan-out is measured only once all are live. */
function countingPubSub(inner: PulsePubSub): { pubSub: PulsePubSub; listening: () => number } {
  let listening = 0;
  const pubSub: PulsePubSub = {
    publish: inner.publish,
    subscribe: ((...args: [keyof PulseTopics, string]) => {
      const source = inner.subscribe(...args);
      return (async function* counted() {
        listening++;
        try {
          yield* source;
        } finally {
          listening--;
        }
      })();
    }) as PulsePubSub['subscribe'],
  };
  return { pubSub, listening: () => listening };
}

async function until(condition: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const suite: BenchSuite = {
  name: 'server-fleet',
  description: `${INSTANCES} instances × ${DAYS} scans: portfolio and instances queries over HTTP, scoreChanged to ${SUBSCRIBERS} graphql-ws subscribers`,
  async run({ runs, warmup, log }) {
    const database = await createTestDatabase();
    const cleanups: Array<() => Promise<unknown>> = [async () => database.drop()];
    try {
      const seedStart = performance.now();
      const seeded = await seedFleet(database.url, log);
      const seedMs = performance.now() - seedStart;
      log(`seeded in ${Math.round(seedMs / 1000)} s; starting the server…`);

      const db = createDb(database.url);
      cleanups.push(() => db.$disconnect());
      const counting = countingPubSub(createInProcessEventBus().pubSub);
      const server = await startPulseServer({
        db,
        keyring: createKeyring(parseSecretKey('c'.repeat(64))),
        pubSub: counting.pubSub,
        host: '127.0.0.1',
        port: 0,
        graphiql: false,
      });
      cleanups.push(() => server.close());

      const cases: CaseResult[] = [
        {
          name: `seed ${INSTANCES} instances × ${DAYS} scans (multi-row unnest inserts)`,
          wallMs: summarize([seedMs]),
          metrics: { scans: seeded.rows.scans, findings: seeded.rows.findings, 'scan links': seeded.rows.links },
        },
      ];
      // Percentiles need more than a handful of samples.
      const samples = { runs: Math.max(runs, 30), warmup: Math.max(warmup, 3) };
      for (const [name, text] of [['portfolio query', PORTFOLIO], ['instances query (first 50)', INSTANCES_PAGE]] as const) {
        log(`timing the ${name}…`);
        const timed = await timeRuns(() => query(server.url, seeded.apiKey, text), samples);
        const bytes = JSON.stringify(timed.last).length;
        cases.push({
          name,
          wallMs: summarize(timed.samples),
          metrics: { 'response KiB': Math.round(bytes / 102.4) / 10 },
        });
      }

      log(`opening ${SUBSCRIBERS} graphql-ws connections…`);
      const received: number[] = [];
      let expectedScore = -1;
      const clients: WsClient[] = [];
      cleanups.push(async () => Promise.all(clients.map((client) => client.dispose())));
      for (let i = 0; i < SUBSCRIBERS; i++) {
        const client = createClient({
          url: server.wsUrl,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${seeded.apiKey}` },
          lazy: false,
          retryAttempts: 0,
        });
        clients.push(client);
        client.subscribe<{ scoreChanged: { score: number } }>(
          { query: 'subscription { scoreChanged { score previousScore delta instance { id } } }' },
          {
            next: (message) => {
              if (message.data?.scoreChanged.score === expectedScore) received.push(performance.now());
            },
            error: (error) => log(`subscriber ${i} failed: ${String(error instanceof Error ? error.message : JSON.stringify(error))}`),
            complete: () => {},
          },
        );
        if (i % 100 === 99) await until(() => counting.listening() >= i + 1, `${i + 1} live subscriptions`);
      }
      await until(() => counting.listening() >= SUBSCRIBERS, 'every subscription to be live');
      log('timing scoreChanged fan-out…');
      const perSubscriber: number[] = [];
      /** Publish → last delivery, per timed run (the wait loop's polling is not counted). */
      const untilLast: number[] = [];
      let run = 0;
      await timeRuns(async (index) => {
        received.length = 0;
        expectedScore = 50 + (run++ % 40);
        const start = performance.now();
        counting.pubSub.publish('scoreChanged', seeded.partnerId, {
          instanceId: seeded.sample.instanceId,
          scanId: seeded.sample.scanId,
          score: expectedScore,
          previousScore: expectedScore - 1,
        });
        await until(() => received.length >= SUBSCRIBERS, `${SUBSCRIBERS} deliveries`);
        if (index < 0) return; // warm-up
        for (const at of received) perSubscriber.push(at - start);
        untilLast.push(Math.max(...received) - start);
      }, { runs: Math.max(runs, 5), warmup: Math.max(warmup, 1) });
      cases.push({
        name: `scoreChanged → ${SUBSCRIBERS} graphql-ws subscribers (until the last)`,
        wallMs: summarize(untilLast),
        metrics: {
          subscribers: SUBSCRIBERS,
          'delivery p50': Math.round(percentile(perSubscriber, 50) * 10) / 10,
          'delivery p95': Math.round(percentile(perSubscriber, 95) * 10) / 10,
        },
      });
      return cases;
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    }
  },
};
