/**
 * Option parsing for commands: node:util parseArgs, with its errors turned into one short sentence
 * plus the command's usage (exit 2) instead of Node's long messages.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from './types.ts';

/** A mistake in how a command was called: the dispatcher prints the message, then the usage. */
export class UsageError extends UserError {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly command: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

export type OptionsSpec = NonNullable<ParseArgsConfig['options']>;

interface NodeError extends Error {
  code?: string;
}

/** Node's parseArgs messages name the option in quotes; keep just that part. */
function quotedOption(message: string): string | null {
  return /'(-[^' ]+)/.exec(message)?.[1] ?? null;
}

function explain(error: NodeError): string {
  const option = quotedOption(error.message);
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return option ? `unknown option ${option}` : 'unknown option';
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (!option) return 'an option has a wrong value';
      if (/does not take an argument/.test(error.message)) return `option ${option} takes no value`;
      if (/ambiguous/.test(error.message)) return `option ${option} needs a value (for one starting with "-", write ${option}=VALUE)`;
      return `option ${option} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const argument = /'([^']*)'/.exec(error.message)?.[1];
      return argument === undefined ? 'unexpected argument' : `unexpected argument "${argument}"`;
    }
    default:
      return error.message.split('\n')[0];
  }
}

export function parseCommandArgs<O extends OptionsSpec>(
  command: string,
  usage: string,
  argv: string[],
  options: O,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(explain(error as NodeError), command, usage);
  }
}

/** Formats `[name, description]` pairs as an aligned option list for help texts. */
export function optionList(rows: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, description]) => `  ${name.padEnd(width)}  ${description}`).join('\n');
}
