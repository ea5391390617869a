/**
 * What a GraphQL request runs with, and the small interfaces the API needs from the layers around
 * it. The jobs layer (server/src/jobs/) and the events layer (server/src/events/) plug in here:
 * - `ScanQueue`: `startScan` hands scans to it;
 * - `PulsePubSub`: the topics subscriptions listen to, carried by the event bus of
 *   server/src/events/bus.ts (in process by default, through Redis with REDIS_URL).
 *
 * Every topic is published per partner (`publish('scanFinished', partnerId, event)`), so a
 * subscription only ever listens on its own partner's channel.
 */
import type { PubSub } from 'graphql-yoga';
import type { CodeSourceSettings } from '../code-sources/settings.ts';
import type { Db, ScanTrigger, Severity } from '../db/client.ts';
import type { ConnectionOptions, OdooSession } from '../odoo/types.ts';
import type { Keyring } from '../security/secrets.ts';
import type { Viewer, AuthFailure } from './auth.ts';
import type { OperationLimits } from './limits.ts';
import type { ServerLogger } from './logger.ts';

// ---------------------------------------------------------------------------------------------
// Events

/** One collector's progress in a running scan (the engine's ProgressEvent, tagged with the scan), or `code`: the code source's. */
export interface ScanProgressEvent {
  scanId: string;
  instanceId: string;
  collector: string;
  /** `started` and `finished` bracket a collector; `step` reports a step within it. */
  phase: 'started' | 'step' | 'finished';
  step?: string | null;
  done?: number | null;
  total?: number | null;
  /** With `finished`: ok, partial, failed or skipped. */
  status?: string | null;
  message?: string | null;
}

/** A scan reached a final status (succeeded, partial or failed); its row is already stored. */
export interface ScanFinishedEvent {
  scanId: string;
  instanceId: string;
}

/** An instance's Pulse Score changed with a stored scan. */
export interface ScoreChangedEvent {
  instanceId: string;
  scanId: string;
  score: number | null;
  previousScore: number | null;
}

/** A finding was opened (first seen, or seen again after it was resolved); its row is stored. */
export interface FindingOpenedEvent {
  findingId: string;
  instanceId: string;
  severity: Severity;
}

/** Topic → [partnerId, payload]. */
// A type alias, not an interface: graphql-yoga's PubSub needs the implicit index signature.
export type PulseTopics = {
  scanProgress: [partnerId: string, event: ScanProgressEvent];
  scanFinished: [partnerId: string, event: ScanFinishedEvent];
  scoreChanged: [partnerId: string, event: ScoreChangedEvent];
  findingOpened: [partnerId: string, event: FindingOpenedEvent];
};

export type PulsePubSub = PubSub<PulseTopics>;

// ---------------------------------------------------------------------------------------------
// Scans

/**
 * Runs scans. `enqueue` stores a Scan row (status `queued`, the instance's partner) and schedules
 * it; it resolves to the scan's id. When a scan of that instance is already queued or running it
 * rejects with ScanAlreadyActiveError (scans of one instance never overlap).
 */
export interface ScanQueue {
  enqueue(instanceId: string, trigger: ScanTrigger): Promise<string>;
}

export class ScanAlreadyActiveError extends Error {
  override name = 'ScanAlreadyActiveError';
  constructor(readonly scanId: string) {
    super(`A scan of this instance is already queued or running (scan ${scanId}).`);
  }
}

/**
 * For a server without scan workers of its own (tests, tools): records the scan as queued and runs
 * nothing. Scans then stay `queued` until a worker picks them up.
 */
export function createRecordingScanQueue(db: Db): ScanQueue {
  return {
    async enqueue(instanceId, trigger) {
      const instance = await db.instance.findUniqueOrThrow({ where: { id: instanceId }, select: { partnerId: true } });
      const active = await db.scan.findFirst({
        where: { instanceId, status: { in: ['queued', 'running'] } },
        select: { id: true },
      });
      if (active) throw new ScanAlreadyActiveError(active.id);
      const scan = await db.scan.create({ data: { instanceId, partnerId: instance.partnerId, trigger }, select: { id: true } });
      return scan.id;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Odoo

/** Logs in to an instance (`connect()` from server/src/odoo/connect.ts); rejects with an OdooError. */
export type OdooConnector = (options: ConnectionOptions) => Promise<OdooSession>;

/** The real connector, loaded when first used. */
export const connectToOdoo: OdooConnector = async (options) => (await import('../odoo/connect.ts')).connect(options);

// ---------------------------------------------------------------------------------------------
// The request context

/** What the server is built with; shared by every request. */
export interface ServerServices {
  db: Db;
  pubSub: PulsePubSub;
  scanQueue: ScanQueue;
  connect: OdooConnector;
  /** Encrypts instance secrets. */
  keyring: Keyring;
  log: ServerLogger;
  /** Depth, breadth and cost limits per operation. */
  limits: OperationLimits;
  /** Git hosts and limits that code sources are checked against. */
  codeSources: CodeSourceSettings;
  /** The clock (tests may fix it). */
  now: () => Date;
}

export interface GraphQLContext extends ServerServices {
  /** The authenticated API key's partner and scopes, or null. */
  viewer: Viewer | null;
  /** Why `viewer` is null (no key, unknown key, revoked…), for the error message. */
  authFailure: AuthFailure | null;
}

// ---------------------------------------------------------------------------------------------
// The jobs layer, as `odoo-pulse serve` starts it

/**
 * `odoo-pulse serve` runs the workers and schedules in the same process: `startJobs` of
 * server/src/jobs/index.ts. Its queue replaces the recording one; `stop()` is awaited on shutdown,
 * after the HTTP server has closed.
 */
export interface JobsOptions {
  db: Db;
  databaseUrl: string;
  pubSub: PulsePubSub;
  keyring: Keyring;
  log: ServerLogger;
  env: NodeJS.ProcessEnv;
}

export interface JobsRuntime {
  scanQueue: ScanQueue;
  stop(): Promise<void>;
}

export type StartJobs = (options: JobsOptions) => Promise<JobsRuntime>;
