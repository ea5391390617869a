/**
 * One attempt at a scan job: decrypt the instance's credentials, scan it (publishing progress) and,
 * once its facts are in, fetch its code source if it has one (./code-source.ts) for the evaluation;
 * then store the outcome and publish its events.
 * An instance that cannot be reached is retried by pg-boss with backoff (the scan shows `queued`
 * with the reason meanwhile); when the attempts are spent, or the failure is one a retry cannot fix
 * (wrong password, unknown database, certificate…), the scan ends `failed` with the connector's
 * one-sentence error. A code source that cannot be fetched never fails the scan (see ./code-source.ts).
 */
import type PgBoss from 'pg-boss';
import { DEFAULT_CODE_SOURCE_SETTINGS, type CodeSourceSettings } from '../code-sources/settings.ts';
import type { CollectOptions, ProgressListener } from '../collect/types.ts';
import type { Db } from '../db/client.ts';
import type { ScanOutcome } from '../engine/evaluate.ts';
import type { EvaluateOptionsSource } from '../engine/scan.ts';
import type { ServerLogger } from '../graphql/logger.ts';
import type { PulsePubSub, ScanProgressEvent } from '../graphql/context.ts';
import { OdooError, type OdooErrorKind } from '../odoo/types.ts';
import { publishFailedScan, publishRecordedScan } from '../scans/publish.ts';
import { markScanFailed, markScanRetrying, markScanRunning, recordScanOutcome, ScanNotActiveError } from '../scans/record.ts';
import { scanProgressEvent } from '../scans/status.ts';
import { decryptSecret, type Keyring } from '../security/secrets.ts';
import type { ScanJobData } from './boss.ts';
import { codeSourceProblems, evaluateOptionsFor, loadCodeSource, prepareCodeSource, type PreparedCodeSource } from './code-source.ts';

/** Failures worth another attempt later: the instance or a proxy in front of it may come back. */
const RETRYABLE: ReadonlySet<OdooErrorKind> = new Set<OdooErrorKind>(['unreachable', 'not_odoo', 'malformed_response']);

/** The instance secret's encryption context; the API encrypts with the same (graphql/types/instance.ts). */
export function instanceSecretContext(instanceId: string): string {
  return `instance:${instanceId}`;
}

/** The engine's scanInstance; `evaluate` fetches the instance's code source once the facts are in. */
export type ScanFunction = (options: CollectOptions, onProgress?: ProgressListener, evaluate?: EvaluateOptionsSource) => Promise<ScanOutcome>;

export interface ScanJobDependencies {
  db: Db;
  pubSub: PulsePubSub;
  keyring: Keyring;
  log: ServerLogger;
  now: () => Date;
  scan: ScanFunction;
  /** Per-call timeout and concurrency of the collectors. */
  collect?: Pick<CollectOptions, 'timeoutMs' | 'concurrency' | 'collectors'>;
  /** Instances being scanned by this process right now. */
  scanning: Set<string>;
  /** Git hosts and limits for fetching code sources (default: the built-in ones). */
  codeSources?: CodeSourceSettings;
}

export type ScanJobResult =
  | { outcome: 'stored'; status: 'succeeded' | 'partial'; score: number | null }
  | { outcome: 'failed'; error: string }
  | { outcome: 'skipped'; reason: string };

/** Thrown to make pg-boss retry the job later (after its backoff). */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
}

function messageOf(error: unknown): string {
  if (error instanceof OdooError) return error.message;
  if (error instanceof Error) return `The scan stopped on an unexpected error: ${error.name}: ${error.message}`;
  return `The scan stopped on an unexpected error: ${String(error)}`;
}

function retryable(error: unknown): boolean {
  // Anything but a definite answer from the instance (a database hiccup, a bug) gets the retries too.
  return !(error instanceof OdooError) || RETRYABLE.has(error.kind);
}

function decrypt(envelope: string, instanceId: string, keyring: Keyring): string {
  return decryptSecret(envelope, keyring, instanceSecretContext(instanceId));
}

export async function runScanJob(deps: ScanJobDependencies, job: PgBoss.JobWithMetadata<ScanJobData>): Promise<ScanJobResult> {
  const { db, log } = deps;
  const { scanId } = job.data;
  const scan = await db.scan.findUnique({
    where: { id: scanId },
    select: {
      status: true,
      partnerId: true,
      instanceId: true,
      instance: { select: { url: true, database: true, login: true, protocol: true, secretKind: true, secret: true } },
    },
  });
  // Deleted with its instance, or finished by an earlier attempt of this job.
  if (!scan) return { outcome: 'skipped', reason: 'the scan no longer exists' };
  if (scan.status !== 'queued' && scan.status !== 'running') return { outcome: 'skipped', reason: `the scan is already ${scan.status}` };
  const { partnerId, instanceId, instance } = scan;
  const ids = { scanId, instanceId, partnerId };
  if (deps.scanning.has(instanceId)) throw new RetryLaterError(`Instance ${instanceId} is being scanned by this process already.`);

  const fail = async (error: string) => {
    if (await markScanFailed(db, scanId, error, deps.now())) publishFailedScan(deps.pubSub, ids);
    log.warn('scan failed', { scan: scanId, instance: instanceId, error });
    return { outcome: 'failed' as const, error };
  };

  let secret: string;
  try {
    secret = decrypt(instance.secret, instanceId, deps.keyring);
  } catch (error) {
    const reason = (error as Error).message.replace(/\.$/, '');
    return fail(`The instance's stored credentials cannot be decrypted (${reason}). Enter the password or API key again.`);
  }

  const progress = (event: Omit<ScanProgressEvent, 'scanId' | 'instanceId'>): void =>
    deps.pubSub.publish('scanProgress', partnerId, { scanId, instanceId, ...event });

  deps.scanning.add(instanceId);
  try {
    if (!(await markScanRunning(db, scanId, deps.now()))) return { outcome: 'skipped', reason: 'the scan is no longer active' };
    log.info('scan started', { scan: scanId, instance: instanceId, attempt: job.retryCount + 1 });
    // Fetched once the instance has answered: an unreachable one is retried without cloning each time.
    const fetched: { source: PreparedCodeSource | null } = { source: null };
    let outcome: ScanOutcome;
    try {
      outcome = await deps.scan(
        {
          ...deps.collect,
          target: { url: instance.url, database: instance.database, login: instance.login, protocol: instance.protocol },
          secret,
          secretKind: instance.secretKind,
          now: deps.now(),
        },
        (event) => deps.pubSub.publish('scanProgress', partnerId, scanProgressEvent(scanId, instanceId, event)),
        async () => {
          fetched.source = await fetchCodeSource(deps, instanceId, progress);
          return evaluateOptionsFor(fetched.source);
        },
      );
    } catch (error) {
      const message = messageOf(error);
      const attempt = job.retryCount + 1;
      if (retryable(error) && job.retryCount < job.retryLimit) {
        await markScanRetrying(db, scanId, `Attempt ${attempt} of ${job.retryLimit + 1} failed, retrying: ${message}`);
        log.info('scan attempt failed, will retry', { scan: scanId, instance: instanceId, attempt, error: message });
        throw new RetryLaterError(message, { cause: error });
      }
      return fail(attempt > 1 ? `${message.replace(/\.$/, '')} (gave up after ${attempt} attempts).` : message);
    } finally {
      await fetched.source?.tree?.remove();
    }
    const codeSource = fetched.source;
    if (codeSource) {
      const modules = outcome.code.modules.length;
      progress(
        codeSource.problem
          ? { collector: 'code', phase: 'finished', status: 'failed', message: codeSource.problem }
          : { collector: 'code', phase: 'finished', status: 'ok', message: `${modules} module${modules === 1 ? '' : 's'} analysed` },
      );
    }
    try {
      const recorded = await recordScanOutcome(db, scanId, outcome, { finishedAt: deps.now(), problems: codeSourceProblems(codeSource) });
      publishRecordedScan(deps.pubSub, recorded);
      log.info('scan stored', { scan: scanId, instance: instanceId, status: recorded.status, score: recorded.score, opened: recorded.opened.length, resolved: recorded.resolved });
      return { outcome: 'stored', status: recorded.status, score: recorded.score };
    } catch (error) {
      if (error instanceof ScanNotActiveError) return { outcome: 'skipped', reason: error.message };
      // The database failed while storing: let pg-boss retry the whole attempt (or give up cleanly).
      if (job.retryCount < job.retryLimit) throw error;
      return fail(messageOf(error));
    }
  } finally {
    deps.scanning.delete(instanceId);
  }
}

/** Fetches the instance's code source, if any, announcing it as the `code` step of the scan's progress. */
async function fetchCodeSource(
  deps: ScanJobDependencies,
  instanceId: string,
  progress: (event: Omit<ScanProgressEvent, 'scanId' | 'instanceId'>) => void,
): Promise<PreparedCodeSource | null> {
  const source = await loadCodeSource(deps.db, instanceId);
  if (!source) return null;
  progress({ collector: 'code', phase: 'started' });
  const prepared = await prepareCodeSource(source, deps.codeSources ?? DEFAULT_CODE_SOURCE_SETTINGS, deps.keyring);
  if (prepared.tree) progress({ collector: 'code', phase: 'step', step: 'source fetched', done: 1, total: 2 });
  else deps.log.warn('code source not fetched', { instance: instanceId, error: prepared.problem });
  return prepared;
}
