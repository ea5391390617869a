/** `odoo-pulse checks`: the check catalogue (live checks and source-code rules) as text, JSON or markdown. */
import { ALL_CHECKS } from '../../checks/index.ts';
import { CODE_RULES } from '../../code/rules/index.ts';
import { CATALOGUE_FORMATS, renderCatalogue, type CatalogueFormat } from '../../report/catalogue.ts';
import { optionList, parseCommandArgs, UsageError } from '../args.ts';
import { emit } from '../io.ts';
import { EXIT, type CommandRunner } from '../types.ts';
import { COMMANDS } from './catalogue.ts';

const USAGE = 'Usage: odoo-pulse checks [--format text|json|markdown] [--output FILE]';

const HELP = `${COMMANDS.checks.summary}.

${USAGE}

${optionList([
  ['--format F', 'text (default), json, or markdown (the form of docs/checks.md)'],
  ['--output FILE', 'write to FILE instead of stdout'],
  ['-h, --help', 'show this help'],
])}`;

const OPTIONS = {
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const run: CommandRunner = async (argv, io) => {
  const { values } = parseCommandArgs('checks', USAGE, argv, OPTIONS, false);
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  const format = values.format ?? 'text';
  if (!(CATALOGUE_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${CATALOGUE_FORMATS.join(', ')} (got "${format}")`, 'checks', USAGE);
  }
  emit(io, renderCatalogue({ checks: ALL_CHECKS, codeRules: CODE_RULES }, format as CatalogueFormat), values.output);
  return EXIT.ok;
};
