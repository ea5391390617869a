/**
 * The `odoo-pulse` commands: name, module (in this folder, exporting `run`) and the one-line
 * summary the general help lists. The summaries live here so `odoo-pulse --help` prints without
 * loading every command's dependencies; each command's own help starts with the same line.
 */
export const COMMANDS = {
  scan: { file: 'scan.ts', summary: 'Scan an Odoo instance (or re-score saved facts) and report its Pulse Score' },
  checks: { file: 'checks.ts', summary: 'List the check catalogue: live checks and source-code rules' },
  code: { file: 'code.ts', summary: 'Analyse the source of Odoo addons and score the Custom code dimension' },
  migrate: { file: 'migrate.ts', summary: 'Apply pending database migrations (DATABASE_URL, or the embedded database)' },
  serve: { file: 'serve.ts', summary: 'Run the GraphQL API (and the scan workers) on PORT (default 4000)' },
  worker: { file: 'worker.ts', summary: 'Run scan workers and schedules only (more scanning capacity beside serve)' },
  partner: { file: 'partner.ts', summary: 'Create a partner (tenant) and print its first admin API key' },
} as const satisfies Record<string, { file: string; summary: string }>;

export type CommandName = keyof typeof COMMANDS;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}
