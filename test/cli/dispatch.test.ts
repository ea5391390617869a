import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../server/src/cli/commands/catalogue.ts';
import { expectNoStack, runInProcess } from './support.ts';

describe('odoo-pulse dispatcher', () => {
  it('lists the commands with their summaries on --help', async () => {
    const { code, stdout } = await runInProcess(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\s+scan\s+Scan an Odoo instance/m);
    expect(stdout).toMatch(/^\s+checks\s+List the check catalogue/m);
    expect(stdout).toMatch(/Exit codes/);
  });

  it('prints the usage and exits 2 when no command is given', async () => {
    const { code, stdout, stderr } = await runInProcess([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Usage: odoo-pulse <command>/);
  });

  it('refuses an unknown command in one line followed by the usage', async () => {
    const { code, stderr } = await runInProcess(['scna', 'https://x']);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('odoo-pulse: unknown command "scna"');
    expect(stderr).toMatch(/Usage: odoo-pulse <command>/);
  });

  it('refuses an unknown option of a command in one line followed by that command\'s usage', async () => {
    const { code, stderr } = await runInProcess(['scan', 'https://erp.example.com', '--databse', 'x']);
    expect(code).toBe(2);
    const [first, second] = stderr.split('\n');
    expect(first).toBe('odoo-pulse scan: unknown option --databse');
    expect(second).toMatch(/^Usage: odoo-pulse scan URL/);
    expectNoStack(stderr);
  });

  it('shows a command\'s help with "help COMMAND" and "COMMAND --help"', async () => {
    const viaHelp = await runInProcess(['help', 'scan']);
    const viaFlag = await runInProcess(['scan', '--help']);
    expect(viaHelp).toEqual(viaFlag);
    expect(viaFlag.code).toBe(0);
    expect(viaFlag.stdout).toContain('ODOO_PULSE_PASSWORD');
    expect(viaFlag.stdout).toContain('ODOO_PULSE_API_KEY');
    expect(viaFlag.stdout).toContain('--fail-under');
    const checksHelp = await runInProcess(['checks', '--help']);
    expect(checksHelp.stdout).toContain('--format');
  });

  it('loads every listed command, whose own help opens with the summary the list gives', async () => {
    for (const [name, { summary }] of Object.entries(COMMANDS)) {
      const { code, stdout } = await runInProcess([name, '--help']);
      expect(code, name).toBe(0);
      expect(stdout.split('\n')[0], name).toBe(`${summary}.`);
    }
  });

  it('prints its version', async () => {
    const { code, stdout } = await runInProcess(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
