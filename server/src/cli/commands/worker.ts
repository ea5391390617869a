/**
 * `odoo-pulse worker`: runs scan workers and the schedule tick only (no API), for fleets that need
 * more scanning than the `serve` process does on its own. Workers share the queue through PostgreSQL;
 * progress reaches API subscribers when REDIS_URL is set (the same for serve and every worker).
 */
import { codeSourceSettingsFromEnv, GIT_HOSTS_ENV, type CodeSourceSettings } from '../../code-sources/settings.ts';
import { createDb } from '../../db/client.ts';
import { migrate } from '../../db/migrations.ts';
import { openDatabaseTarget } from '../../db/target.ts';
import { eventBusFromEnv } from '../../events/bus.ts';
import { createLogger, logLevelFromEnv } from '../../graphql/logger.ts';
import { CONCURRENCY_ENV, concurrencyFromEnv } from '../../jobs/index.ts';
import { startWorkers } from '../../jobs/workers.ts';
import { commandKeyring } from '../../security/local-key.ts';
import type { Keyring } from '../../security/secrets.ts';
import { optionList, parseCommandArgs, UsageError } from '../args.ts';
import { asSetupError, checkProcessEnvironment } from '../process-setup.ts';
import { shutdownRequested, stopSequence } from '../shutdown.ts';
import { EXIT, type CliIO, type CommandRunner } from '../types.ts';
import { COMMANDS } from './catalogue.ts';

const USAGE = 'Usage: odoo-pulse worker [--concurrency N] [--database-url URL] [--data-dir DIR]';

const HELP = `${COMMANDS.worker.summary}.

${USAGE}

Takes scans from the queue in the database (the same one "odoo-pulse serve" uses), runs them, stores
the results and enqueues scheduled scans. Run as many workers as needed: scans of one instance never
overlap, and each scheduled scan runs once. Stop with Ctrl-C (SIGINT) or SIGTERM: running scans
finish first (for up to 30 s; any still running are retried later).

${optionList([
  ['--concurrency N', `scans at once in this process (default: $${CONCURRENCY_ENV} or 2)`],
  ['--database-url URL', 'PostgreSQL connection string (default: $DATABASE_URL)'],
  ['--data-dir DIR', 'folder of the embedded database (default: $PULSE_DATA_DIR or ./.pulse-data)'],
  ['-h, --help', 'show this help'],
])}

Environment: PULSE_SECRET_KEY (decrypts instance credentials, so the same as serve's: required with
DATABASE_URL, else the key kept in the data folder, secret.key), REDIS_URL (publish scan progress
and results to the API server's subscribers), ${GIT_HOSTS_ENV} (hosts git code sources are cloned
from, as serve's; default github.com,gitlab.com,bitbucket.org), LOG_LEVEL.`;

const OPTIONS = {
  concurrency: { type: 'string' },
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface WorkOptions {
  concurrency: number;
  databaseUrl?: string;
  dataDir?: string;
  /** Default: PULSE_SECRET_KEY, or on the embedded database the data folder's key (as serve's). */
  keyring?: Keyring;
  /** Default: from the environment (PULSE_GIT_HOSTS). */
  codeSources?: CodeSourceSettings;
}

/** Runs the workers until a signal (or `stop`), then stops them, the bus and the database in order. */
export async function work(options: WorkOptions, io: CliIO, stop?: AbortSignal): Promise<number> {
  const log = createLogger({ write: (line) => io.stderr.write(line), level: logLevelFromEnv(io.env) });
  const stops = stopSequence(log);
  try {
    const target = await openDatabaseTarget({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, env: io.env, cwd: io.cwd });
    stops.add(() => target.close());
    const { keyring, notice } = options.keyring ? { keyring: options.keyring, notice: null } : await commandKeyring(io.env, target.dataDir);
    if (notice) io.stdout.write(`${notice}\n`);
    await migrate(target.url);
    // Each running scan holds at most one connection at a time; a little headroom for the tick.
    const db = createDb(target.url, { maxConnections: options.concurrency + 2 });
    stops.add(() => db.$disconnect());
    const bus = await eventBusFromEnv(io.env, { onError: (error) => log.warn(`event bus: ${error.message}`) });
    stops.add(() => bus.close());
    const codeSources = options.codeSources ?? codeSourceSettingsFromEnv(io.env);
    const workers = await startWorkers({ db, databaseUrl: target.url, pubSub: bus.pubSub, keyring, log, concurrency: options.concurrency, codeSources });
    stops.add(() => workers.stop());
    io.stdout.write(
      `odoo-pulse worker running ${options.concurrency} scan${options.concurrency === 1 ? '' : 's'} at a time on ${target.description} (events ${bus.description}).\n`,
    );
    if (bus.kind === 'in-process') {
      log.warn('REDIS_URL is not set: scan progress and results published here do not reach the API server\'s subscribers');
    }
    const signal = await shutdownRequested(stop);
    log.info('stopping', { signal });
    await stops.run();
    io.stdout.write('odoo-pulse worker stopped.\n');
    return EXIT.ok;
  } catch (error) {
    await stops.run();
    throw asSetupError(error);
  }
}

export const run: CommandRunner = async (argv, io) => {
  const { values } = parseCommandArgs('worker', USAGE, argv, OPTIONS, false);
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  const concurrency = values.concurrency !== undefined ? concurrencyFromEnv({ [CONCURRENCY_ENV]: values.concurrency }) : concurrencyFromEnv(io.env);
  if (concurrency < 1) {
    throw new UsageError(`a worker needs a concurrency of at least 1 (got ${concurrency})`, 'worker', USAGE);
  }
  const codeSources = checkProcessEnvironment(values['database-url'], io.env);
  return work({ concurrency, databaseUrl: values['database-url'], dataDir: values['data-dir'], codeSources }, io);
};
