/**
 * The `odoo-pulse` dispatcher: picks the command module from a table, runs it, and turns every
 * error into an exit code with at most one clear line (plus usage for a wrongly called command).
 *
 * Adding a command is one line in COMMANDS: a module in ./commands/ exporting `run` and `summary`
 * (see ./types.ts). Commands whose module is not in this build are simply not offered.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TOOL } from '../report/tool.ts';
import { UsageError } from './args.ts';
import { EXIT, UserError, type CliIO, type CommandRunner } from './types.ts';

interface CommandEntry {
  name: string;
  /** Module file in ./commands/. */
  file: string;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'scan', file: 'scan.ts' },
  { name: 'checks', file: 'checks.ts' },
  { name: 'code', file: 'code.ts' },
  { name: 'migrate', file: 'migrate.ts' },
  { name: 'serve', file: 'serve.ts' },
  { name: 'worker', file: 'worker.ts' },
  { name: 'partner', file: 'partner.ts' },
];

interface CommandModule {
  run: CommandRunner;
  summary: string;
}

function moduleUrl(entry: CommandEntry): URL {
  return new URL(`./commands/${entry.file}`, import.meta.url);
}

function available(entry: CommandEntry): boolean {
  return existsSync(fileURLToPath(moduleUrl(entry)));
}

async function load(entry: CommandEntry): Promise<CommandModule> {
  const mod = (await import(moduleUrl(entry).href)) as Partial<CommandModule>;
  if (typeof mod.run !== 'function') throw new Error(`command module ${entry.file} does not export run()`);
  return { run: mod.run, summary: typeof mod.summary === 'string' ? mod.summary : '' };
}

async function usage(): Promise<string> {
  const entries = COMMANDS.filter(available);
  // One broken command module must not take the whole help down with it.
  const summaries = (await Promise.allSettled(entries.map(load))).map((outcome) =>
    outcome.status === 'fulfilled' ? outcome.value.summary : `(cannot be loaded: ${line(String((outcome.reason as Error)?.message ?? outcome.reason))})`,
  );
  const width = Math.max(...entries.map((e) => e.name.length));
  return [
    `${TOOL.name} ${TOOL.version}: the Pulse Score (0-100) of an Odoo instance's health`,
    '',
    `Usage: ${TOOL.name} <command> [options]`,
    '',
    'Commands:',
    ...entries.map((e, i) => `  ${e.name.padEnd(width)}  ${summaries[i]}`),
    '',
    `Run "${TOOL.name} <command> --help" for a command's options.`,
    '',
    'Exit codes: 0 success, 1 internal error, 2 bad input or unreachable/refusing instance, 3 --fail-under not met.',
  ].join('\n');
}

function line(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Runs the CLI with the given arguments and streams; resolves to the process exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '--help' || first === '-h') {
      (first === undefined ? io.stderr : io.stdout).write(`${await usage()}\n`);
      return first === undefined ? EXIT.user : EXIT.ok;
    }
    if (first === '--version' || first === '-v') {
      io.stdout.write(`${TOOL.version}\n`);
      return EXIT.ok;
    }
    // "odoo-pulse help scan" is "odoo-pulse scan --help".
    const [name, args] = first === 'help' ? [rest[0], rest[0] ? ['--help'] : []] : [first, rest];
    if (name === undefined) {
      io.stdout.write(`${await usage()}\n`);
      return EXIT.ok;
    }
    const entry = COMMANDS.find((c) => c.name === name);
    if (!entry || !available(entry)) {
      const what = name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`;
      io.stderr.write(`${TOOL.name}: ${what}\n\n${await usage()}\n`);
      return EXIT.user;
    }
    const command = await load(entry);
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(
        `${TOOL.name} ${error.command}: ${line(error.message)}\n${error.usage}\n` +
          `Run "${TOOL.name} ${error.command} --help" for details.\n`,
      );
      return EXIT.user;
    }
    if (error instanceof UserError) {
      io.stderr.write(`${TOOL.name}: ${line(error.message)}\n`);
      return EXIT.user;
    }
    // A bug, not the user's doing: one line unless asked for the stack.
    const err = error instanceof Error ? error : new Error(String(error));
    io.stderr.write(
      io.env.ODOO_PULSE_DEBUG
        ? `${err.stack ?? err.message}\n`
        : `${TOOL.name}: internal error: ${line(err.message)} (set ODOO_PULSE_DEBUG=1 for details)\n`,
    );
    return EXIT.internal;
  }
}
