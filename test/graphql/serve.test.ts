/**
 * `odoo-pulse serve`, run as a user runs it (a spawned process stopped with SIGTERM), on
 * DATABASE_URL and on the embedded database; and its refusals as one clear line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/dispatch.ts';
import { createDb } from '../../server/src/db/client.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startOdooDouble } from '../support/odoo-double/index.ts';
import { createPartner } from './support.ts';

const BIN = fileURLToPath(new URL('../../bin/odoo-pulse.js', import.meta.url));
const SECRET_KEY = randomBytes(32).toString('base64');

let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'pulse-serve-'));
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Spawns `odoo-pulse serve` and resolves once it prints the URL it listens on. */
function startServe(args: string[], env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [BIN, 'serve', '--host', '127.0.0.1', '--port', '0', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
  });
  let stdout = '';
  let stderr = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve({ child, url, stdout: () => stdout, stderr: () => stderr, exit });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    void exit.then((code) => reject(new Error(`serve exited with ${code} before listening: ${stderr}`)));
  });
}

async function post(url: string, key: string | null, query: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, any>; errors?: Array<{ message: string }> } }; // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field
}

describe('odoo-pulse serve', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('migrates DATABASE_URL, serves HTTP and WebSocket, and stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
    const served = await startServe([], { DATABASE_URL: database.url, PULSE_SECRET_KEY: SECRET_KEY });
    try {
      expect(served.stdout()).toMatch(/PostgreSQL at 127\.0\.0\.1:5432.*scan workers running/);
      const db = createDb(database.url, { maxConnections: 1 });
      const partner = await createPartner(db, 'Served Partner').finally(() => db.$disconnect());
      const viewer = await post(served.url, partner.keys.read, '{ viewer { partner { name } } }');
      expect(viewer.body.data?.viewer.partner.name).toBe('Served Partner');

      // A live subscription does not keep the server from stopping.
      const ws = createClient({ url: served.url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${partner.keys.read}` }, retryAttempts: 0 });
      const closed = new Promise<void>((resolve) => {
        ws.subscribe({ query: 'subscription { scanFinished { id } }' }, { next: () => {}, error: () => resolve(), complete: () => resolve() });
      });
      await new Promise<void>((resolve) => ws.on('connected', () => resolve()));

      served.child.kill('SIGTERM');
      expect(await served.exit).toBe(0);
      await closed;
      await ws.dispose();
      expect(served.stdout()).toContain('odoo-pulse API stopped.');
      expect(served.stderr()).not.toMatch(/error/i);
    } finally {
      served.child.kill('SIGKILL');
    }
  });

  it('runs on the embedded database in a data folder when DATABASE_URL is not set', { timeout: 120_000 }, async () => {
    const dataDir = join(cwd, 'embedded');
    const served = await startServe(['--data-dir', dataDir], { PULSE_SECRET_KEY: SECRET_KEY });
    try {
      expect(served.stdout()).toContain(`embedded database in ${dataDir}`);
      // A well-formed key is looked up in the database: "not recognised" proves the database answers.
      const unknown = await post(served.url, `pulse_abcdefghij_${'A'.repeat(40)}`, '{ viewer { scopes } }');
      expect(unknown.body.errors?.[0].message).toMatch(/not recognised/);
      served.child.kill('SIGINT');
      expect(await served.exit).toBe(0);
    } finally {
      served.child.kill('SIGKILL');
    }
    // The folder was migrated and released: another command can open it.
    expect(existsSync(join(dataDir, 'odoo-pulse.pid'))).toBe(false);
    const out = new PassThrough();
    let printed = '';
    out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const code = await runCli(['partner', 'create', '--name', 'After serve', '--data-dir', dataDir, '--json'], { stdout: out, stderr: out, env: {}, cwd });
    expect(code, printed).toBe(0);
  });
});

describe('one command on a fresh machine', () => {
  /** Runs an odoo-pulse command in this process; resolves to what it printed. */
  async function cliOutput(args: string[]): Promise<string> {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const code = await runCli(args, { stdout: out, stderr: out, env: {}, cwd });
    expect(code, printed).toBe(0);
    return printed;
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('serves the embedded database without PULSE_SECRET_KEY, keeping a key in the data folder that a worker on that folder uses too', { timeout: 180_000 }, async () => {
    const odoo = await startOdooDouble({ series: '17.0' });
    const dataDir = join(cwd, 'fresh-machine');
    const keyFile = join(dataDir, 'secret.key');
    // Scans are left to the worker, which must decrypt what serve encrypted.
    const served = await startServe(['--data-dir', dataDir], { PULSE_SCAN_CONCURRENCY: '0' });
    let worker: ChildProcess | undefined;
    let workerExit: Promise<unknown> = Promise.resolve();
    try {
      expect(served.stdout()).toContain(
        `Created a secret key for instance credentials in ${keyFile} (PULSE_SECRET_KEY is not set); in production, set PULSE_SECRET_KEY instead.\n`,
      );
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const key = readFileSync(keyFile, 'utf8');

      const { apiKey } = JSON.parse(await cliOutput(['partner', 'create', '--name', 'Fresh Partners', '--data-dir', dataDir, '--json'])) as { apiKey: string };
      const client = await post(served.url, apiKey, 'mutation { createClient(input: { name: "Brasserie" }) { ... on CreateClientSuccess { client { id } } } }');
      const registered = await post(
        served.url,
        apiKey,
        `mutation { registerInstance(input: { clientId: "${client.body.data?.createClient.client.id}", name: "Production", url: "${odoo.url}",
          database: "${odoo.database}", login: "${odoo.admin.login}", secret: "${odoo.admin.password}" }) { __typename ... on InstanceSuccess { instance { id } } } }`,
      );
      expect(registered.body.data?.registerInstance.__typename).toBe('InstanceSuccess');
      const started = await post(served.url, apiKey, `mutation { startScan(instanceId: "${registered.body.data?.registerInstance.instance.id}") { ... on StartScanSuccess { scan { id } } } }`);
      const scanId: string = started.body.data?.startScan.scan.id;

      let workerOut = '';
      worker = spawn(process.execPath, [BIN, 'worker', '--data-dir', dataDir, '--concurrency', '1'], {
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd },
      });
      const spawned = worker;
      workerExit = new Promise((resolve) => spawned.on('close', resolve));
      worker.stdout!.on('data', (chunk: Buffer) => (workerOut += chunk.toString()));
      worker.stderr!.resume();
      await until('the worker to start', () => (workerOut.includes('odoo-pulse worker running') ? true : undefined));
      expect(workerOut).toContain(`Using the secret key for instance credentials in ${keyFile} (PULSE_SECRET_KEY is not set)`);

      const scan = await until('the scan to end', async () => {
        const found = (await post(served.url, apiKey, `{ node(id: "${scanId}") { ... on Scan { status error } } }`)).body.data?.node;
        return found && found.status !== 'queued' && found.status !== 'running' ? found : undefined;
      });
      // Decrypted with the same key: the scan reached the instance (partial: some models are not readable there).
      expect(['succeeded', 'partial'], JSON.stringify(scan)).toContain(scan.status);
      expect(readFileSync(keyFile, 'utf8')).toBe(key);
    } finally {
      worker?.kill('SIGTERM');
      await workerExit;
      served.child.kill('SIGINT');
      await served.exit;
      await odoo.close();
    }
  });
});

describe('refusals', () => {
  async function cli(args: string[], env: NodeJS.ProcessEnv) {
    const out = new PassThrough();
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    out.resume();
    const code = await runCli(['serve', ...args], { stdout: out, stderr: err, env, cwd });
    return { code, stderr };
  }

  it('needs PULSE_SECRET_KEY, and says how to make one', async () => {
    const result = await cli(['--port', '0'], { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PULSE_SECRET_KEY is not set.*openssl rand -base64 32/);
  });

  it('refuses a port that is not a number, and one that is taken', async () => {
    expect((await cli(['--port', 'eighty'], { PULSE_SECRET_KEY: SECRET_KEY })).stderr).toMatch(/--port must be a port number/);
    expect((await cli([], { PORT: '70000', PULSE_SECRET_KEY: SECRET_KEY })).stderr).toMatch(/PORT must be a port number/);

    const database = await createTestDatabase();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const result = await cli(['--port', port, '--host', '127.0.0.1'], { PULSE_SECRET_KEY: SECRET_KEY, DATABASE_URL: database.url });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`Port ${port} is already in use`));
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      await database.drop();
    }
  });
});
