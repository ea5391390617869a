/** `odoo-pulse migrate`: brings the database schema up to date (safe to run at every deploy). */
import { DatabaseError } from '../../db/errors.ts';
import { migrate } from '../../db/migrations.ts';
import { openDatabaseTarget } from '../../db/target.ts';
import { optionList, parseCommandArgs } from '../args.ts';
import { EXIT, UserError, type CommandRunner } from '../types.ts';
import { COMMANDS } from './catalogue.ts';

const USAGE = 'Usage: odoo-pulse migrate [--database-url URL] [--data-dir DIR]';

const HELP = `${COMMANDS.migrate.summary}.

${USAGE}

Without DATABASE_URL (or --database-url) the embedded database in PULSE_DATA_DIR (or --data-dir,
default ./.pulse-data/) is migrated. Already applied migrations are skipped; each migration runs in
its own transaction and a failed one is rolled back and named.

${optionList([
  ['--database-url URL', 'PostgreSQL connection string (default: $DATABASE_URL)'],
  ['--data-dir DIR', 'folder of the embedded database (default: $PULSE_DATA_DIR or ./.pulse-data)'],
  ['-h, --help', 'show this help'],
])}`;

const OPTIONS = {
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const run: CommandRunner = async (argv, io) => {
  const { values } = parseCommandArgs('migrate', USAGE, argv, OPTIONS, false);
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  try {
    const target = await openDatabaseTarget({ databaseUrl: values['database-url'], dataDir: values['data-dir'], env: io.env, cwd: io.cwd });
    try {
      const result = await migrate(target.url, { onApplied: (name) => io.stdout.write(`applied ${name}\n`) });
      const total = result.alreadyApplied + result.applied.length;
      const where = target.description;
      io.stdout.write(
        result.applied.length === 0
          ? `${where[0].toUpperCase()}${where.slice(1)} is up to date (${plural(total, 'migration')}).\n`
          : `Applied ${plural(result.applied.length, 'migration')} to ${where} (${total} in all).\n`,
      );
      return EXIT.ok;
    } finally {
      await target.close();
    }
  } catch (error) {
    if (error instanceof DatabaseError) throw new UserError(error.message);
    throw error;
  }
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
