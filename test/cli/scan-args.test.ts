import { describe, expect, it } from 'vitest';
import { UsageError } from '../../server/src/cli/args.ts';
import { parseScanArgs } from '../../server/src/cli/commands/scan.ts';

const base = ['https://erp.example.com/', '--db', 'prod', '--user', 'audit'];

function refused(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    parseScanArgs(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('scan options', () => {
  it('builds a live scan from the URL, database, user and secret', () => {
    const request = parseScanArgs([...base, '--password', 's3cret!'], {});
    expect(request).toMatchObject({
      mode: 'live',
      format: 'text',
      collect: {
        target: { url: 'https://erp.example.com', database: 'prod', login: 'audit', protocol: 'xmlrpc' },
        secret: 's3cret!',
        secretKind: 'password',
      },
    });
  });

  it('reads the secret from the environment, the flag winning over it', () => {
    const env = { ODOO_PULSE_PASSWORD: 'from-env', ODOO_PULSE_API_KEY: 'key-from-env' };
    expect(parseScanArgs(base, { ODOO_PULSE_PASSWORD: 'from-env' })).toMatchObject({ collect: { secret: 'from-env', secretKind: 'password' } });
    expect(parseScanArgs(base, env)).toMatchObject({ collect: { secret: 'key-from-env', secretKind: 'api_key' } });
    expect(parseScanArgs([...base, '--password', 'flag'], env)).toMatchObject({ collect: { secret: 'flag', secretKind: 'password' } });
    expect(parseScanArgs([...base, '--api-key', 'k'], env)).toMatchObject({ collect: { secret: 'k', secretKind: 'api_key' } });
  });

  it('passes the protocol, timeout, collectors and output options through', () => {
    const request = parseScanArgs(
      [...base, '--api-key', 'k', '--protocol', 'jsonrpc', '--timeout', '2.5', '--no-http', '--format', 'sarif',
        '--output', 'out.sarif', '--fail-under', '70', '--save-facts', 'f.json'],
      {},
    );
    expect(request).toMatchObject({
      mode: 'live', format: 'sarif', output: 'out.sarif', failUnder: 70, saveFacts: 'f.json',
      collect: { target: { protocol: 'jsonrpc' }, timeoutMs: 2500, collectors: ['api'] },
    });
  });

  it('builds an offline re-score from --facts', () => {
    expect(parseScanArgs(['--facts', 'saved.json', '--format', 'json'], {})).toEqual({
      mode: 'replay', factsFile: 'saved.json', format: 'json', output: undefined, failUnder: undefined, saveFacts: undefined,
    });
  });

  it('says what is missing or wrong, one option at a time', () => {
    expect(refused([])).toMatch(/give the URL of the Odoo instance, or --facts FILE/);
    expect(refused(['https://erp.example.com', '--user', 'a', '--password', 'p'])).toMatch(/--db NAME is required/);
    expect(refused(['https://erp.example.com', '--db', 'd', '--password', 'p'])).toMatch(/--user LOGIN is required/);
    expect(refused(base)).toMatch(/no secret given.*ODOO_PULSE_PASSWORD/);
    expect(refused([...base, '--password', 'p', '--api-key', 'k'])).toMatch(/either --password or --api-key/);
    expect(refused([...base, '--password', 'p', '--protocol', 'soap'])).toMatch(/--protocol must be one of xmlrpc, jsonrpc/);
    expect(refused([...base, '--password', 'p', '--format', 'html'])).toMatch(/--format must be one of text, json, sarif/);
    expect(refused([...base, '--password', 'p', '--fail-under=-5'])).toMatch(/--fail-under must be a number of at least 0/);
    expect(refused([...base, '--password', 'p', '--fail-under', '-5'])).toMatch(/option --fail-under needs a value.*--fail-under=VALUE/);
    expect(refused([...base, '--password', 'p', '--no-http=yes'])).toMatch(/option --no-http takes no value/);
    expect(refused([...base, '--password', 'p', '--fail-under', 'high'])).toMatch(/--fail-under/);
    expect(refused([...base, '--password', 'p', '--timeout', '0'])).toMatch(/--timeout must be a number above 0/);
    expect(refused([...base, '--password'])).toMatch(/option --password needs a value/);
    const stray = refused([...base, 'hunter22']);
    expect(stray).toMatch(/unexpected extra argument after the URL/);
    expect(stray).not.toContain('hunter22');
  });

  it('refuses URLs it cannot use, without echoing credentials put in them', () => {
    expect(refused(['erp.example.com', '--db', 'd', '--user', 'u', '--password', 'p'])).toMatch(/not a URL/);
    expect(refused(['ftp://erp.example.com', '--db', 'd', '--user', 'u', '--password', 'p'])).toMatch(/http:\/\/ or https:\/\//);
    const message = refused(['https://audit:hunter22@erp.example.com', '--db', 'd', '--user', 'u', '--password', 'p']);
    expect(message).toMatch(/not in the URL/);
    expect(message).not.toContain('hunter22');
  });

  it('takes --addons once or several times, for a live scan and for a re-score', () => {
    expect(parseScanArgs([...base, '--password', 'p', '--addons', 'custom', '--addons', 'oca/server-tools'], {})).toMatchObject({
      mode: 'live',
      addons: ['custom', 'oca/server-tools'],
    });
    expect(parseScanArgs(['--facts', 'saved.json', '--addons', 'custom'], {})).toMatchObject({ mode: 'replay', addons: ['custom'] });
    expect(parseScanArgs([...base, '--password', 'p'], {})).not.toHaveProperty('addons');
    expect(refused([...base, '--password', 'p', '--addons'])).toMatch(/option --addons needs a value/);
  });

  it('keeps --facts apart from a live scan', () => {
    expect(refused(['https://erp.example.com', '--facts', 'f.json'])).toMatch(/either a URL or --facts FILE/);
    expect(refused(['--facts', 'f.json', '--db', 'x'])).toMatch(/--db applies to a live scan/);
  });
});
