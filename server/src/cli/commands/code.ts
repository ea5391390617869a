/**
 * `odoo-pulse code PATH...`: the source analyser on its own, as a CI linter. Scores the Custom code
 * dimension exactly as a live scan would, writes text, JSON or SARIF, and can gate on the score.
 */
import { analyseAddons } from '../../code/analyse.ts';
import { CodeInputError } from '../../code/errors.ts';
import { buildCodeReport, renderCodeJson, renderCodeSarif, renderCodeText } from '../../code/report.ts';
import { optionList, parseCommandArgs, UsageError } from '../args.ts';
import { emit, wantsColor } from '../io.ts';
import { EXIT, UserError, type CliIO, type CommandRunner } from '../types.ts';
import { COMMANDS } from './catalogue.ts';

const USAGE = 'Usage: odoo-pulse code PATH... [--format text|json|sarif] [--output FILE] [--fail-under N] [--series 17.0] [--jobs N]';

const HELP = `${COMMANDS.code.summary}.

${USAGE}

PATH is an addons path (a folder of modules, searched up to three levels deep) or one module.
Python is parsed (never executed), manifests are read as literals, XML, CSV and JavaScript are checked.

${optionList([
  ['--format F', 'text (default, grouped by module), json, or sarif (SARIF 2.1.0 for code scanning)'],
  ['--output FILE', 'write the report to FILE instead of stdout'],
  ['--fail-under N', 'exit 3 when the Custom code score is below N (0-100), after writing the report'],
  ['--series S', 'Odoo series the code runs on, e.g. 17.0 (default: what the manifests\' versions say)'],
  ['--jobs N', 'worker threads for large trees on machines with free cores (default 1)'],
  ['-h, --help', 'show this help'],
])}

Silence a finding with a reason:  # pulse: disable=<rule id> -- <why it is safe>
pylint's own comments (# pylint: disable=<pylint-odoo name or code>) are honoured too.
Exit codes: 0 done, 2 bad input, 3 --fail-under not met.`;

const OPTIONS = {
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'fail-under': { type: 'string' },
  series: { type: 'string' },
  jobs: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

function usageError(message: string): UsageError {
  return new UsageError(message, 'code', USAGE);
}

function parseFailUnder(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw usageError(`--fail-under must be a number from 0 to 100, not "${value}"`);
  return n;
}

function parseSeries(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{1,2})(?:\.0)?$/.exec(value.trim());
  if (!m) throw usageError(`--series must be an Odoo series such as 17.0, not "${value}"`);
  return `${Number(m[1])}.0`;
}

export const run: CommandRunner = async (argv: string[], io: CliIO) => {
  const { values, positionals } = parseCommandArgs('code', USAGE, argv, OPTIONS);
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw usageError('give at least one addons path');
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw usageError(`--format must be text, json or sarif, not "${values.format}"`);
  const failUnder = parseFailUnder(values['fail-under']);
  const series = parseSeries(values.series);
  const jobs = values.jobs === undefined ? 1 : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw usageError(`--jobs must be a whole number from 1 to 64, not "${values.jobs}"`);

  let analysis;
  try {
    analysis = await analyseAddons(positionals, { cwd: io.cwd, jobs, ...(series ? { series } : {}) });
  } catch (error) {
    if (error instanceof CodeInputError) throw new UserError(error.message);
    throw error;
  }
  if (analysis.stats.modules === 0) {
    throw new UserError(`no Odoo module found under ${positionals.join(', ')} (a module is a folder with a __manifest__.py)`);
  }
  const report = buildCodeReport(analysis);
  const content =
    format === 'json'
      ? renderCodeJson(report)
      : format === 'sarif'
        ? `${JSON.stringify(renderCodeSarif(report, io.cwd), null, 2)}\n`
        : renderCodeText(report, values.output === undefined && wantsColor(io));
  emit(io, content, values.output);

  const score = report.customCode.score;
  if (failUnder !== undefined && score !== null && score < failUnder) {
    io.stderr.write(`odoo-pulse code: the Custom code score ${score} is below --fail-under ${failUnder}\n`);
    return EXIT.gate;
  }
  return EXIT.ok;
};
