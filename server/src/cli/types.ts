/**
 * The contract between the `odoo-pulse` dispatcher (main.ts) and each command module in ./commands/.
 * A command module exports `run: CommandRunner`; its name and summary are in ./commands/catalogue.ts.
 *
 * Exit codes: 0 success; 1 unexpected internal error; 2 a user's mistake or an unreachable/refusing
 * target (one clear line on stderr, no stack trace); 3 a quality gate failed (--fail-under).
 */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export type CommandRunner = (argv: string[], io: CliIO) => Promise<number>;

export const EXIT = { ok: 0, internal: 1, user: 2, gate: 3 } as const;

/** A mistake in how the command was called or what it was pointed at: printed as one line, exit 2. */
export class UserError extends Error {
  override name = 'UserError';
}
