/**
 * `odoo-pulse serve`: the GraphQL API (HTTP, SSE and graphql-ws on one port) and the scan workers
 * and schedules (PULSE_SCAN_CONCURRENCY=0 leaves those to `odoo-pulse worker`), in one process.
 *
 * Database: DATABASE_URL (or --database-url), else the embedded PostgreSQL kept in PULSE_DATA_DIR
 * (or --data-dir, default ./.pulse-data/). Pending migrations are applied at start. Stops cleanly on
 * SIGINT / SIGTERM: no new requests, open connections closed, workers stopped, database closed.
 */
import { codeSourceSettingsFromEnv, GIT_HOSTS_ENV, type CodeSourceSettings } from '../../code-sources/settings.ts';
import { createDb } from '../../db/client.ts';
import { migrate } from '../../db/migrations.ts';
import { openDatabaseTarget, type DatabaseTarget } from '../../db/target.ts';
import { eventBusFromEnv, type EventBus } from '../../events/bus.ts';
import type { JobsRuntime } from '../../graphql/context.ts';
import { limitsFromEnv } from '../../graphql/limits.ts';
import { createLogger, logLevelFromEnv, type ServerLogger } from '../../graphql/logger.ts';
import { startPulseServer, type PulseServer } from '../../http/server.ts';
import { startJobs } from '../../jobs/index.ts';
import { commandKeyring } from '../../security/local-key.ts';
import { optionList, parseCommandArgs, UsageError } from '../args.ts';
import { asSetupError, checkProcessEnvironment } from '../process-setup.ts';
import { shutdownRequested, stopSequence } from '../shutdown.ts';
import { EXIT, UserError, type CliIO, type CommandRunner } from '../types.ts';
import { COMMANDS } from './catalogue.ts';

const USAGE = 'Usage: odoo-pulse serve [--port N] [--host ADDRESS] [--database-url URL] [--data-dir DIR] [--no-graphiql]';

export const DEFAULT_PORT = 4000;

const HELP = `${COMMANDS.serve.summary}.

${USAGE}

Serves GraphQL at http://HOST:PORT/graphql: queries and mutations over HTTP, subscriptions over
graphql-ws (same URL, ws://) or SSE (Accept: text/event-stream). Clients authenticate with
"Authorization: Bearer <API key>" (create the first key with "odoo-pulse partner create").

Without DATABASE_URL the embedded database in PULSE_DATA_DIR (default ./.pulse-data/) is used.
Pending migrations are applied at start. Stop with Ctrl-C (SIGINT) or SIGTERM.

${optionList([
  ['--port N', 'port to listen on (default: $PORT or 4000; 0 picks a free one)'],
  ['--host ADDRESS', 'address to listen on (default: $HOST or 0.0.0.0)'],
  ['--database-url URL', 'PostgreSQL connection string (default: $DATABASE_URL)'],
  ['--data-dir DIR', 'folder of the embedded database (default: $PULSE_DATA_DIR or ./.pulse-data)'],
  ['--no-graphiql', 'do not serve the GraphiQL page to browsers'],
  ['-h, --help', 'show this help'],
])}

Environment: PULSE_SECRET_KEY (encrypts instance credentials; required with DATABASE_URL, else a
key is created in the data folder, secret.key), REDIS_URL (share subscription events with worker
processes), PULSE_SCAN_CONCURRENCY (scans at once in this process; 0 leaves them to "odoo-pulse
worker"), ${GIT_HOSTS_ENV} (hosts instances' git code sources may be cloned from, comma-separated;
default github.com,gitlab.com,bitbucket.org; *.example.com for subdomains), LOG_LEVEL (debug, info,
warn, error), PULSE_MAX_DEPTH / PULSE_MAX_BREADTH / PULSE_MAX_COST (limits per GraphQL operation).`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
  'no-graphiql': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function portOf(text: string | undefined, source: string): number {
  if (text === undefined || text.trim() === '') return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`${source} must be a port number from 0 to 65535 (got "${text}")`, 'serve', USAGE);
  }
  return port;
}

export interface ServeOptions {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir?: string;
  graphiql: boolean;
  /** Default: from the environment (PULSE_GIT_HOSTS). */
  codeSources?: CodeSourceSettings;
}

/** Runs until a signal (or `stop`), then shuts everything down in order. */
export async function serve(options: ServeOptions, io: CliIO, stop?: AbortSignal): Promise<number> {
  const log: ServerLogger = createLogger({ write: (line) => io.stderr.write(line), level: logLevelFromEnv(io.env) });
  const stops = stopSequence(log);
  try {
    const target: DatabaseTarget = await openDatabaseTarget({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, env: io.env, cwd: io.cwd });
    stops.add(() => target.close());
    const { keyring, notice } = await commandKeyring(io.env, target.dataDir);
    if (notice) io.stdout.write(`${notice}\n`);
    const migrated = await migrate(target.url);
    if (migrated.applied.length) log.info(`applied ${migrated.applied.length} migration(s)`, { last: migrated.applied.at(-1) });
    const db = createDb(target.url);
    stops.add(() => db.$disconnect());
    const bus: EventBus = await eventBusFromEnv(io.env, { onError: (error) => log.warn(`event bus: ${error.message}`) });
    stops.add(() => bus.close());
    const jobs: JobsRuntime = await startJobs({ db, databaseUrl: target.url, pubSub: bus.pubSub, keyring, log, env: io.env });
    stops.add(() => jobs.stop());
    const server: PulseServer = await startPulseServer({
      db,
      keyring,
      pubSub: bus.pubSub,
      scanQueue: jobs.scanQueue,
      log,
      limits: limitsFromEnv(io.env),
      codeSources: options.codeSources ?? codeSourceSettingsFromEnv(io.env),
      port: options.port,
      host: options.host,
      graphiql: options.graphiql,
    });
    stops.add(() => server.close());
    io.stdout.write(`odoo-pulse API listening on ${server.url} (${target.description}; events ${bus.description}; scan workers running)\n`);
    const signal = await shutdownRequested(stop);
    log.info('stopping', { signal });
    await stops.run();
    io.stdout.write('odoo-pulse API stopped.\n');
    return EXIT.ok;
  } catch (error) {
    await stops.run();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UserError(`Port ${options.port} is already in use: stop what uses it, or pass --port (or PORT) with another one.`);
    }
    if ((error as NodeJS.ErrnoException).code === 'EACCES') {
      throw new UserError(`Not allowed to listen on port ${options.port}: use a port above 1023.`);
    }
    throw asSetupError(error);
  }
}

export const run: CommandRunner = async (argv, io) => {
  const { values } = parseCommandArgs('serve', USAGE, argv, OPTIONS, false);
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  const port = values.port !== undefined ? portOf(values.port, '--port') : portOf(io.env.PORT, 'PORT');
  const codeSources = checkProcessEnvironment(values['database-url'], io.env);
  return serve(
    {
      codeSources,
      port,
      host: values.host || io.env.HOST || '0.0.0.0',
      databaseUrl: values['database-url'],
      dataDir: values['data-dir'],
      graphiql: !values['no-graphiql'],
    },
    io,
  );
};
