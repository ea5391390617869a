/**
 * The `odoo-pulse` dispatcher: finds the command in ./commands/catalogue.ts, loads its module, runs
 * it, and turns every error into an exit code with at most one clear line (plus usage for a wrongly
 * called command).
 *
 * Adding a command: a module in ./commands/ exporting `run` (see ./types.ts), and its line in the
 * catalogue.
 */
import { TOOL } from '../report/tool.ts';
import { UsageError } from './args.ts';
import { COMMANDS, isCommandName, type CommandName } from './commands/catalogue.ts';
import { EXIT, UserError, type CliIO, type CommandRunner } from './types.ts';

async function load(name: CommandName): Promise<CommandRunner> {
  const mod = (await import(new URL(`./commands/${COMMANDS[name].file}`, import.meta.url).href)) as { run?: unknown };
  if (typeof mod.run !== 'function') throw new Error(`command module ${COMMANDS[name].file} does not export run()`);
  return mod.run as CommandRunner;
}

function usage(): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  const width = Math.max(...names.map((name) => name.length));
  return [
    `${TOOL.name} ${TOOL.version}: the Pulse Score (0-100) of an Odoo instance's health`,
    '',
    `Usage: ${TOOL.name} <command> [options]`,
    '',
    'Commands:',
    ...names.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name].summary}`),
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
      (first === undefined ? io.stderr : io.stdout).write(`${usage()}\n`);
      return first === undefined ? EXIT.user : EXIT.ok;
    }
    if (first === '--version' || first === '-v') {
      io.stdout.write(`${TOOL.version}\n`);
      return EXIT.ok;
    }
    // "odoo-pulse help scan" is "odoo-pulse scan --help".
    const [name, args] = first === 'help' ? [rest[0], rest[0] ? ['--help'] : []] : [first, rest];
    if (name === undefined) {
      io.stdout.write(`${usage()}\n`);
      return EXIT.ok;
    }
    if (!isCommandName(name)) {
      const what = name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`;
      io.stderr.write(`${TOOL.name}: ${what}\n\n${usage()}\n`);
      return EXIT.user;
    }
    const run = await load(name);
    return await run(args, io);
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
