/**
 * `odoo-pulse scan`: one scan of one instance (or the re-score of a saved facts snapshot), written as
 * text, JSON or SARIF, with an optional quality gate (--fail-under).
 */
import { ALL_CHECKS } from '../../checks/index.ts';
import { discoverModules } from '../../code/discover.ts';
import { CodeInputError } from '../../code/errors.ts';
import { CODE_RULES } from '../../code/rules/index.ts';
import type { CollectOptions } from '../../collect/types.ts';
import { FactsSnapshotError } from '../../engine/snapshot.ts';
import { rescoreFacts, type EvaluateOptions, type ScanOutcome } from '../../engine/evaluate.ts';
import type { CollectorId, Protocol } from '../../facts/types.ts';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../../report/render.ts';
import { formatNumber } from '../../report/text-util.ts';
import { optionList, parseCommandArgs, UsageError } from '../args.ts';
import { scanFailure } from '../errors.ts';
import { emit, readJsonFile, wantsColor, writeTextFile } from '../io.ts';
import { progressDisplay } from '../progress.ts';
import { EXIT, UserError, type CliIO, type CommandRunner } from '../types.ts';
import { COMMANDS } from './catalogue.ts';

const USAGE = [
  'Usage: odoo-pulse scan URL --db NAME --user LOGIN (--password P | --api-key K) [--addons PATH]... [options]',
  '       odoo-pulse scan --facts FILE [--addons PATH]... [--format text|json|sarif] [--output FILE] [--fail-under N]',
].join('\n');

export const PASSWORD_ENV = 'ODOO_PULSE_PASSWORD';
export const API_KEY_ENV = 'ODOO_PULSE_API_KEY';

const HELP = `${COMMANDS.scan.summary}.

${USAGE}

Connection (live scan):
${optionList([
  ['URL', 'base URL of the Odoo server, e.g. https://erp.example.com'],
  ['--db NAME', 'database to scan'],
  ['--user LOGIN', 'login of the scanning user (a read-only user with Settings access sees the most)'],
  ['--password P', `its password (or set ${PASSWORD_ENV}, which keeps it out of the process list)`],
  ['--api-key K', `an API key instead of the password (or set ${API_KEY_ENV}); needed for 2FA users`],
  ['--protocol P', 'xmlrpc (default) or jsonrpc'],
  ['--timeout S', 'seconds to wait for each call (default 30)'],
  ['--no-http', 'skip the HTTP probe of the public endpoints (API facts only)'],
  ['--save-facts FILE', 'also write the collected facts snapshot, to re-score later with --facts'],
])}

Offline:
${optionList([['--facts FILE', 're-score a saved facts snapshot instead of connecting']])}

Source code:
${optionList([
  ['--addons PATH', "the instance's custom addons (an addons path or one module); repeat for several"],
])}
  Their code is analysed with the scan: modules the instance runs are scored in Custom code, the others
  are reported only, and an installed custom module whose source is missing is a finding. Code stored in
  the database (server actions, views without an XML id) is analysed by every scan.

Output:
${optionList([
  ['--format F', 'text (default), json (schemas/scan-report.schema.json) or sarif (SARIF 2.1.0)'],
  ['--output FILE', 'write the report to FILE instead of stdout'],
  ['--fail-under N', 'exit 3 when the Pulse Score is below N, after writing the report'],
  ['-h, --help', 'show this help'],
])}

A flag wins over its environment variable; with neither flag, ${API_KEY_ENV} is preferred over ${PASSWORD_ENV}.
Exit codes: 0 done, 2 bad input or the instance could not be scanned, 3 --fail-under not met.`;

const OPTIONS = {
  db: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  'api-key': { type: 'string' },
  protocol: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'fail-under': { type: 'string' },
  'save-facts': { type: 'string' },
  timeout: { type: 'string' },
  'no-http': { type: 'boolean' },
  facts: { type: 'string' },
  addons: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

interface OutputOptions {
  format: ReportFormat;
  output?: string;
  failUnder?: number;
  saveFacts?: string;
  /** Addons paths to analyse with the scan (--addons, repeatable). */
  addons?: string[];
}

export type ScanRequest =
  | ({ mode: 'help' })
  | ({ mode: 'live'; collect: CollectOptions } & OutputOptions)
  | ({ mode: 'replay'; factsFile: string } & OutputOptions);

function usageError(message: string): UsageError {
  return new UsageError(message, 'scan', USAGE);
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}

function numberAbove(name: string, value: string | undefined, min: number, exclusiveMin = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || (exclusiveMin && n === min)) {
    throw usageError(`--${name} must be a number ${exclusiveMin ? 'above' : 'of at least'} ${min} (got "${value}")`);
  }
  return n;
}

/** Normalises the instance URL to scheme://host[:port][/path] without a trailing slash. */
export function parseInstanceUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`"${text}" is not a URL; give the instance's address, e.g. https://erp.example.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`the URL must start with http:// or https:// (got ${url.protocol}//)`);
  }
  if (url.username || url.password) {
    throw usageError('put the login in --user and the secret in --password or --api-key, not in the URL');
  }
  if (url.search || url.hash) throw usageError('the URL must be the server\'s base address, without ?query or #fragment');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function pickSecret(
  values: { password?: string; 'api-key'?: string },
  env: NodeJS.ProcessEnv,
): Pick<CollectOptions, 'secret' | 'secretKind'> {
  const password = values.password;
  const apiKey = values['api-key'];
  if (password !== undefined && apiKey !== undefined) throw usageError('give either --password or --api-key, not both');
  if (apiKey !== undefined) return { secret: apiKey, secretKind: 'api_key' };
  if (password !== undefined) return { secret: password, secretKind: 'password' };
  if (env[API_KEY_ENV]) return { secret: env[API_KEY_ENV], secretKind: 'api_key' };
  if (env[PASSWORD_ENV]) return { secret: env[PASSWORD_ENV], secretKind: 'password' };
  throw usageError(`no secret given: use --password or --api-key (or set ${PASSWORD_ENV} or ${API_KEY_ENV})`);
}

/** Reads the command line into what to do; every mistake is a UsageError naming the option. */
export function parseScanArgs(argv: string[], env: NodeJS.ProcessEnv, now?: Date): ScanRequest {
  const { values, positionals } = parseCommandArgs('scan', USAGE, argv, OPTIONS);
  if (values.help) return { mode: 'help' };
  // The stray value is not repeated: it is often a secret whose option was forgotten.
  if (positionals.length > 1) throw usageError('unexpected extra argument after the URL (each value needs its option, e.g. --password VALUE)');
  const output: OutputOptions = {
    format: oneOf('format', values.format, REPORT_FORMATS, 'text'),
    output: values.output,
    // Above 100 is allowed: a gate that always fails is how pipelines test their failure path.
    failUnder: numberAbove('fail-under', values['fail-under'], 0),
    saveFacts: values['save-facts'],
    ...(values.addons && values.addons.length > 0 ? { addons: values.addons } : {}),
  };
  const url = positionals[0];
  if (values.facts !== undefined) {
    if (url !== undefined) throw usageError('give either a URL or --facts FILE, not both');
    const live = (['db', 'user', 'password', 'api-key', 'protocol', 'timeout', 'no-http'] as const).filter(
      (name) => values[name] !== undefined,
    );
    if (live.length > 0) throw usageError(`--${live[0]} applies to a live scan, not to --facts`);
    return { mode: 'replay', factsFile: values.facts, ...output };
  }
  if (url === undefined) throw usageError('give the URL of the Odoo instance, or --facts FILE to re-score a saved snapshot');
  const base = parseInstanceUrl(url);
  if (!values.db) throw usageError('--db NAME is required (the Odoo database to scan)');
  if (!values.user) throw usageError('--user LOGIN is required (the scanning user)');
  const secret = pickSecret(values, env);
  const protocol = oneOf<Protocol>('protocol', values.protocol, ['xmlrpc', 'jsonrpc'], 'xmlrpc');
  const timeout = numberAbove('timeout', values.timeout, 0, true);
  const collectors: CollectorId[] | undefined = values['no-http'] ? ['api'] : undefined;
  return {
    mode: 'live',
    collect: {
      target: { url: base, database: values.db, login: values.user, protocol },
      ...secret,
      ...(collectors ? { collectors } : {}),
      ...(timeout !== undefined ? { timeoutMs: Math.round(timeout * 1000) } : {}),
      ...(now ? { now } : {}),
    },
    ...output,
  };
}

/**
 * Checks the --addons paths before anything is collected (a scan is slow to repeat): each must exist
 * and, together, hold at least one module.
 */
function checkAddons(paths: readonly string[], cwd: string): void {
  let found;
  try {
    found = discoverModules(paths, cwd);
  } catch (error) {
    if (error instanceof CodeInputError) throw new UserError(error.message);
    throw error;
  }
  if (found.length === 0) {
    throw new UserError(`no Odoo module found under ${paths.join(', ')} (a module is a folder with a __manifest__.py)`);
  }
}

async function obtain(request: Exclude<ScanRequest, { mode: 'help' }>, io: CliIO): Promise<ScanOutcome> {
  if (!request.addons) return outcomeOf(request, io, {});
  checkAddons(request.addons, io.cwd);
  try {
    return await outcomeOf(request, io, { addons: { paths: request.addons, cwd: io.cwd } });
  } catch (error) {
    // The tree changed after it was checked (a path removed meanwhile).
    if (error instanceof CodeInputError) throw new UserError(error.message);
    throw error;
  }
}

async function outcomeOf(request: Exclude<ScanRequest, { mode: 'help' }>, io: CliIO, evaluate: EvaluateOptions): Promise<ScanOutcome> {
  if (request.mode === 'replay') {
    const snapshot = readJsonFile(io, request.factsFile);
    try {
      return await rescoreFacts(snapshot, evaluate);
    } catch (error) {
      if (error instanceof FactsSnapshotError) throw new UserError(`${request.factsFile}: ${error.message}`);
      throw error;
    }
  }
  // Loaded only for live scans: replaying a snapshot needs no connector.
  const { scanInstance } = await import('../../engine/scan.ts');
  const progress = progressDisplay(io);
  try {
    return await scanInstance(request.collect, progress.listener, evaluate);
  } catch (error) {
    throw scanFailure(error, request.collect.target.url, [request.collect.secret]) ?? error;
  } finally {
    progress.done();
  }
}

export const run: CommandRunner = async (argv, io) => {
  const request = parseScanArgs(argv, io.env);
  if (request.mode === 'help') {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  const outcome = await obtain(request, io);
  // Facts are saved first (a scan is expensive to repeat), but a failed save must not cost the report.
  let saveFailure: UserError | null = null;
  if (request.saveFacts !== undefined) {
    try {
      writeTextFile(io, request.saveFacts, `${JSON.stringify(outcome.facts, null, 2)}\n`);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      saveFailure = error;
    }
  }

  const color = request.format === 'text' && request.output === undefined && wantsColor(io);
  const rendered = renderReport(outcome.report, request.format, { color, catalogue: [...ALL_CHECKS, ...CODE_RULES], sourceRoot: io.cwd });
  emit(io, rendered, request.output);
  const score = outcome.pulse.score;
  if (request.output !== undefined && io.stderr.isTTY) {
    const grade = outcome.pulse.grade ? `, grade ${outcome.pulse.grade}` : '';
    io.stderr.write(`Pulse Score ${score === null ? 'n/a' : formatNumber(score)}${grade}: report written to ${request.output}\n`);
  }
  if (saveFailure) throw saveFailure;

  if (request.failUnder !== undefined && (score === null || score < request.failUnder)) {
    const gate = `--fail-under ${request.failUnder}`;
    io.stderr.write(
      score === null
        ? `odoo-pulse: the Pulse Score could not be computed (nothing was assessed), so ${gate} is not met\n`
        : `odoo-pulse: Pulse Score ${formatNumber(score)} is below ${gate}\n`,
    );
    return EXIT.gate;
  }
  return EXIT.ok;
};
