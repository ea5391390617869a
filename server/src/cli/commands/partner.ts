/**
 * `odoo-pulse partner create --name NAME`: registers a partner (tenant) and prints its id and its
 * first admin API key. The key is shown this once: the database keeps only its hash.
 */
import { createDb } from '../../db/client.ts';
import { DatabaseError } from '../../db/errors.ts';
import { assertMigrated } from '../../db/migrations.ts';
import { openDatabaseTarget } from '../../db/target.ts';
import { generateApiKey } from '../../security/api-keys.ts';
import { optionList, parseCommandArgs, UsageError } from '../args.ts';
import { EXIT, UserError, type CliIO, type CommandRunner } from '../types.ts';
import { COMMANDS } from './catalogue.ts';

const USAGE = 'Usage: odoo-pulse partner create --name NAME [--currency EUR] [--timezone ZONE] [--json] [--database-url URL] [--data-dir DIR]';

const HELP = `${COMMANDS.partner.summary}.

${USAGE}

Prints the partner id and an API key with the admin scope. The key is shown only this once: store
it now (the database keeps only its SHA-256 hash).

${optionList([
  ['--name NAME', 'the partner\'s name (required)'],
  ['--currency CODE', 'ISO 4217 currency of the hourly rate (default EUR)'],
  ['--timezone ZONE', 'IANA time zone for schedules and SLA business days (default UTC)'],
  ['--json', 'print {"partnerId", "name", "apiKey", "apiKeyPrefix"} as JSON'],
  ['--database-url URL', 'PostgreSQL connection string (default: $DATABASE_URL)'],
  ['--data-dir DIR', 'folder of the embedded database (default: $PULSE_DATA_DIR or ./.pulse-data)'],
  ['-h, --help', 'show this help'],
])}`;

const OPTIONS = {
  name: { type: 'string' },
  currency: { type: 'string' },
  timezone: { type: 'string' },
  json: { type: 'boolean' },
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const MAX_NAME_LENGTH = 200;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface PartnerInput {
  name: string;
  currency: string;
  timezone: string;
}

function validate(values: { name?: string; currency?: string; timezone?: string }): PartnerInput {
  const name = values.name?.trim() ?? '';
  if (!name) throw new UsageError('--name is required and must not be blank', 'partner', USAGE);
  if (name.length > MAX_NAME_LENGTH) throw new UsageError(`--name must be at most ${MAX_NAME_LENGTH} characters`, 'partner', USAGE);
  const currency = (values.currency ?? 'EUR').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new UsageError(`--currency must be a 3-letter ISO 4217 code such as EUR (got "${values.currency}")`, 'partner', USAGE);
  const timezone = (values.timezone ?? 'UTC').trim();
  if (!isTimeZone(timezone)) throw new UsageError(`--timezone must be an IANA time zone such as Europe/Brussels (got "${timezone}")`, 'partner', USAGE);
  return { name, currency, timezone };
}

async function create(input: PartnerInput, options: { databaseUrl?: string; dataDir?: string; json?: boolean }, io: CliIO): Promise<number> {
  const target = await openDatabaseTarget({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, env: io.env, cwd: io.cwd });
  try {
    await assertMigrated(target.url, { description: target.description });
    const apiKey = generateApiKey();
    const db = createDb(target.url, { maxConnections: 2 });
    try {
      const partner = await db.partner.create({
        data: {
          ...input,
          apiKeys: { create: { name: 'First admin key', prefix: apiKey.prefix, hash: apiKey.hash, scopes: ['admin'] } },
        },
        select: { id: true, name: true },
      });
      io.stdout.write(
        options.json
          ? `${JSON.stringify({ partnerId: partner.id, name: partner.name, apiKey: apiKey.key, apiKeyPrefix: apiKey.prefix })}\n`
          : [
              `Partner "${partner.name}" created.`,
              `  id:       ${partner.id}`,
              `  API key:  ${apiKey.key}`,
              '',
              'This admin API key is shown only once: store it now. Only its hash is kept.',
              '',
            ].join('\n'),
      );
      return EXIT.ok;
    } finally {
      await db.$disconnect();
    }
  } finally {
    await target.close();
  }
}

export const run: CommandRunner = async (argv, io) => {
  const { values, positionals } = parseCommandArgs('partner', USAGE, argv, OPTIONS);
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  const [action, ...extra] = positionals;
  if (action !== 'create') {
    throw new UsageError(action ? `unknown action "${action}" (expected: create)` : 'missing action (expected: create)', 'partner', USAGE);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`, 'partner', USAGE);
  const input = validate(values);
  try {
    return await create(input, { databaseUrl: values['database-url'], dataDir: values['data-dir'], json: values.json }, io);
  } catch (error) {
    if (error instanceof DatabaseError) throw new UserError(error.message);
    throw error;
  }
};
