/**
 * The real `odoo-pulse` process against the Odoo doubles over loopback: what a user runs. Spawns are
 * slow (~1 s), so each one checks several things; finer cases are tested in-process.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIMENSION_TITLES, DIMENSIONS } from '../../server/src/checks/types.ts';
import { scanReportErrors } from '../report/schema.ts';
import { expectSarif210 } from '../report/sarif-shape.ts';
import { startOdooDouble, type Injection, type OdooDouble } from '../support/odoo-double/index.ts';
import { expectNoStack, runInProcess, spawnCli, tempDir, type CliRun } from './support.ts';

let odoo17: OdooDouble;
let odoo18: OdooDouble;
const tmp = tempDir();

beforeAll(async () => {
  [odoo17, odoo18] = await Promise.all([startOdooDouble({ series: '17.0' }), startOdooDouble({ series: '18.0' })]);
});
afterAll(async () => {
  await Promise.all([odoo17?.close(), odoo18?.close()]);
  tmp.cleanup();
});

const connection = (odoo: OdooDouble) => [odoo.url, '--db', odoo.database, '--user', odoo.admin.login];

/** Exit 2, nothing on stdout, one line on stderr, no stack trace, the secret never echoed. */
function expectOneLineError(run: CliRun, secret: string): string {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expectNoStack(run.stderr);
  expect(run.stderr).not.toContain(secret);
  return run.stderr.trim();
}

describe('odoo-pulse scan (spawned) against the Odoo doubles', () => {
  it('18.0: writes a JSON report valid against the schema, and --save-facts then --facts gives the same score', async () => {
    const factsFile = join(tmp.dir, 'facts-18.json');
    const run = await spawnCli(['scan', ...connection(odoo18), '--format', 'json', '--save-facts', factsFile], {
      env: { ODOO_PULSE_PASSWORD: odoo18.admin.password },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(''); // no progress when stderr is not a terminal
    const report = JSON.parse(run.stdout);
    expect(scanReportErrors(report)).toEqual([]);
    expect(report.instance).toMatchObject({ series: '18.0', serverVersion: '18.0-20250506' });
    expect(JSON.parse(readFileSync(factsFile, 'utf8')).schemaVersion).toBe(1);

    const replay = await runInProcess(['scan', '--facts', factsFile, '--format', 'json']);
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.stdout).pulse).toEqual(report.pulse);
  });

  it('17.0 with an API key: writes SARIF 2.1.0', async () => {
    const run = await spawnCli(['scan', odoo17.url, '--db', odoo17.database, '--user', odoo17.apiKeyUser.login,
      '--api-key', odoo17.apiKeyUser.apiKey, '--format', 'sarif']);
    expect(run.code, run.stderr).toBe(0);
    const log = JSON.parse(run.stdout);
    expectSarif210(log);
    expect(log.runs[0].properties.series).toBe('17.0');
    expect(run.stdout).not.toContain(odoo17.apiKeyUser.apiKey);
  });

  it('17.0 as text: shows the build and the dimensions table, and --fail-under 101 exits 3', async () => {
    const run = await spawnCli(['scan', ...connection(odoo17), '--password', odoo17.admin.password, '--fail-under', '101']);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toContain('Odoo 17.0');
    expect(run.stdout).toContain('17.0-20240709');
    expect(run.stdout).toMatch(/^Dimension\s+Score\s+Weight\s+Findings$/m);
    for (const d of DIMENSIONS) expect(run.stdout).toMatch(new RegExp(`^${DIMENSION_TITLES[d]}\\s`, 'm'));
    expect(run.stderr.trim()).toMatch(/^odoo-pulse: Pulse Score \d+ is below --fail-under 101$/);
  });
});

describe('odoo-pulse scan (spawned): what a user meets, in one line with exit 2', () => {
  it('a wrong password', async () => {
    const secret = 'definitely-wrong-password';
    const line = expectOneLineError(await spawnCli(['scan', ...connection(odoo18), '--password', secret]), secret);
    expect(line).toMatch(/^odoo-pulse: cannot scan http:\/\/127\.0\.0\.1:\d+: .*(password|credential|login)/i);
  });

  it('a closed port', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    const secret = 'closed-port-secret';
    const line = expectOneLineError(
      await spawnCli(['scan', `http://127.0.0.1:${port}`, '--db', 'x', '--user', 'u', '--password', secret, '--timeout', '5']),
      secret,
    );
    expect(line).toMatch(new RegExp(`cannot scan http://127\\.0\\.0\\.1:${port}: `));
  });
});

describe('odoo-pulse scan (in-process): partial scans and more refusals', () => {
  it('reports a model the user may not read as a gap, and still scores', async () => {
    odoo18.denyModel('ir.cron');
    try {
      const run = await runInProcess(['scan', ...connection(odoo18), '--password', odoo18.admin.password, '--no-http']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^\s+crons\s+.*ir\.cron/m);
      expect(run.stdout).toMatch(/^Pulse Score\s+\d+\/100/m);
    } finally {
      odoo18.allowModel('ir.cron');
    }
  });

  const injected = async (injection: Injection) => {
    const odoo = await startOdooDouble({ series: '18.0' });
    try {
      odoo.failNext(injection, { times: 50 });
      return await runInProcess(['scan', ...connection(odoo), '--password', odoo.admin.password, '--no-http', '--timeout', '5']);
    } finally {
      await odoo.close();
    }
  };

  it('an HTML page where XML-RPC was expected', async () => {
    const line = expectOneLineError(await injected({ kind: 'html_page' }), '\u0000');
    expect(line).toMatch(/^odoo-pulse: cannot scan http:\/\/127\.0\.0\.1:\d+: .*HTML/);
  });

  it('a malformed XML-RPC body', async () => {
    const line = expectOneLineError(await injected({ kind: 'malformed_body' }), '\u0000');
    expect(line).toMatch(/^odoo-pulse: cannot scan http:\/\/127\.0\.0\.1:\d+: .*XML-RPC/);
  });

  it('an unknown database', async () => {
    const run = await runInProcess(['scan', odoo18.url, '--db', 'no_such_db', '--user', 'admin', '--password', odoo18.admin.password, '--no-http']);
    const line = expectOneLineError(run, '\u0000');
    expect(line).toMatch(/no_such_db|database/i);
  });
});

describe('odoo-pulse scan (in-process): progress', () => {
  it('shows which collector step runs on a terminal, and clears it before the report', async () => {
    const run = await runInProcess(['scan', ...connection(odoo18), '--password', odoo18.admin.password, '--no-http', '--format', 'json'], { tty: true });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/api: /);
    expect(run.stderr).toMatch(/api: (ok|partial)/);
    expect(run.stderr.endsWith('\n') || run.stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });
});
