/**
 * End to end, an instance's code source through the API: real PostgreSQL, a real server listening on
 * a random port with its scan workers (started as `odoo-pulse serve` starts them, PULSE_GIT_HOSTS
 * from the environment), the Odoo 17.0 test double, and real HTTP requests (multipart for uploads).
 * The operations are the published ones in examples/graphql/code-source.graphql.
 *
 *   - an uploaded tar.gz is analysed with the next scan: findings of the installed module are the
 *     scan's, with file and line; the module the instance does not have is reported, not scored; an
 *     installed custom module missing from the source is a finding;
 *   - a git source (a local bare repository; file:// is allowed by this server's PULSE_GIT_HOSTS) is
 *     cloned at the scan and analysed the same way;
 *   - a git source that cannot be cloned leaves the scan scored from the live facts, partial, saying
 *     why, and its credentials appear nowhere;
 *   - nothing is left in the temporary directory.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSourceSettingsFromEnv } from '../../server/src/code-sources/settings.ts';
import { createDb, type Db } from '../../server/src/db/client.ts';
import type { JobsRuntime } from '../../server/src/graphql/context.ts';
import { localId } from '../../server/src/graphql/ids.ts';
import { createLogger } from '../../server/src/graphql/logger.ts';
import { startPulseServer, type PulseServer } from '../../server/src/http/server.ts';
import { startJobs } from '../../server/src/jobs/index.ts';
import { createKeyring, parseSecretKey } from '../../server/src/security/secrets.ts';
import { tarArchive } from '../code/archives.ts';
import { multipartBody, createPartner, seedClient, globalId, type SeededPartner } from '../graphql/support.ts';
import { eventually, recordingPubSub } from '../scans/support.ts';
import { bareRepository, fixtureEntries } from '../support/addons-sources.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';
import { addModules } from '../support/odoo-modules.ts';
import { closedPort } from '../support/ports.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples/graphql/', import.meta.url));
const SCAN_TIMEOUT_MS = 180_000;

function example(file: string, name: string): string {
  const document = parse(readFileSync(`${EXAMPLES}${file}`, 'utf8'));
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!operation) throw new Error(`examples/graphql/${file} has no operation ${name}`);
  return print(operation);
}

// Repositories are made before the server's temporary directory is redirected; the server (in this
// process) then writes its temporary directories to PRIVATE_TMP, where the test sees what is left.
const REPOSITORIES = mkdtempSync(join(tmpdir(), 'pulse-e2e-repos-'));
const PRIVATE_TMP = mkdtempSync(join(tmpdir(), 'pulse-e2e-code-source-'));
const SYSTEM_TMPDIR = process.env.TMPDIR;
const GIT_TOKEN = `ghp_${randomBytes(12).toString('hex')}`;
const ENV = { PULSE_GIT_HOSTS: 'github.com, 127.0.0.1, file://' };

let database: TestDatabase;
let db: Db;
let odoo: OdooDouble;
let jobs: JobsRuntime;
let server: PulseServer;
let partner: SeededPartner;
let clientId: string;
let removeModules: () => void;
const serverLog: string[] = [];
const responses: string[] = [];
const recorder = recordingPubSub();

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- responses are read field by field

async function send(body: FormData | string): Promise<Data> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: {
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${partner.keys.write}`,
      ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
    },
    body,
  });
  const text = await response.text();
  responses.push(text);
  const parsed = JSON.parse(text) as { data?: Data; errors?: Array<{ message: string }> };
  if (parsed.errors?.length) throw new Error(`GraphQL error (HTTP ${response.status}): ${parsed.errors.map((e) => e.message).join('; ')}`);
  return parsed.data!;
}

const graphql = (query: string, variables: Record<string, unknown> = {}) => send(JSON.stringify({ query, variables }));

beforeAll(async () => {
  process.env.TMPDIR = PRIVATE_TMP;
  [database, odoo] = await Promise.all([createTestDatabase(), startOdooDouble({ series: '17.0' })]);
  db = createDb(database.url);
  const keyring = createKeyring(parseSecretKey(randomBytes(32).toString('base64')));
  const log = createLogger({ write: (line) => serverLog.push(line), level: 'debug' });
  jobs = await startJobs({ db, databaseUrl: database.url, pubSub: recorder.pubSub, keyring, log, env: ENV });
  server = await startPulseServer({
    db,
    keyring,
    pubSub: recorder.pubSub,
    scanQueue: jobs.scanQueue,
    log,
    codeSources: codeSourceSettingsFromEnv(ENV),
    port: 0,
    host: '127.0.0.1',
    graphiql: false,
  });
  partner = await createPartner(db, 'Acme Odoo Partners');
  clientId = globalId('Client', await seedClient(db, partner.partnerId, 'Brasserie Dupont'));
  // The client's Odoo runs pulse_demo_bad and a connector whose source nobody gave; it had
  // pulse_demo_legacy once (uninstalled, still in the repository).
  removeModules = addModules(odoo, [
    { name: 'pulse_demo_bad', state: 'installed' },
    { name: 'pulse_demo_legacy', state: 'uninstalled' },
    { name: 'acme_wms_connector', state: 'installed', author: 'Acme Integrations' },
  ]);
}, SCAN_TIMEOUT_MS);

afterAll(async () => {
  removeModules?.();
  await server?.close();
  await jobs?.stop();
  await db?.$disconnect();
  await database?.drop();
  await odoo?.close();
  if (SYSTEM_TMPDIR === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = SYSTEM_TMPDIR;
  rmSync(PRIVATE_TMP, { recursive: true, force: true });
  rmSync(REPOSITORIES, { recursive: true, force: true });
}, SCAN_TIMEOUT_MS);

async function registerInstance(name: string): Promise<string> {
  const { registerInstance: result } = await graphql(example('register-instance.graphql', 'RegisterInstance'), {
    input: { clientId, name, url: odoo.url, database: odoo.database, login: odoo.admin.login, secret: odoo.admin.password },
  });
  expect(result.__typename, JSON.stringify(result)).toBe('InstanceSuccess');
  return result.instance.id;
}

/** Starts a scan and waits for it to end; returns what ScanCodeAnalysis (the example) reads of it. */
async function scan(instanceId: string): Promise<{ id: string; node: Data }> {
  const { startScan } = await graphql(example('start-scan.graphql', 'StartScan'), { instanceId });
  expect(startScan.__typename).toBe('StartScanSuccess');
  const id: string = startScan.scan.id;
  const node = await eventually(
    async () => {
      const { node: found } = await graphql(example('code-source.graphql', 'ScanCodeAnalysis'), { scanId: id });
      return found.status === 'queued' || found.status === 'running' ? undefined : (found as Data);
    },
    `scan ${id} to end`,
    SCAN_TIMEOUT_MS - 10_000,
  );
  return { id, node };
}

type FoundObject = { file?: string; line?: number; label?: string; key: string };
const scored = (node: Data): Array<{ checkId: string; object: FoundObject; points: number }> =>
  node.findings.nodes.map((n: Data) => ({ checkId: n.finding.checkId, object: n.finding.object, points: n.points }));

function codeProgress(scanId: string) {
  return recorder.published
    .filter((e) => e.topic === 'scanProgress' && e.payload.scanId === scanId && e.payload.collector === 'code')
    .map((e) => e.payload as { phase: string; status?: string | null; message?: string | null });
}

describe('an instance with a code source', () => {
  it('analyses an uploaded tar.gz with the scan: installed code scored with file and line, the rest reported', { timeout: SCAN_TIMEOUT_MS }, async () => {
    const instanceId = await registerInstance('Dupont production');
    const archive = tarArchive(fixtureEntries([{ fixture: 'pulse_demo_bad' }, { fixture: 'pulse_demo_bad', as: 'pulse_demo_legacy' }]));
    const { setCodeSource } = await send(
      multipartBody(example('code-source.graphql', 'SetCodeSourceArchive'), { instanceId }, { archive: { name: 'acme-addons.tar.gz', content: archive } }),
    );
    expect(setCodeSource).toMatchObject({ __typename: 'CodeSourceSuccess', codeSource: { kind: 'archive', archiveName: 'acme-addons.tar.gz', modules: ['pulse_demo_bad', 'pulse_demo_legacy'] } });

    const { id, node } = await scan(instanceId);
    expect(['succeeded', 'partial']).toContain(node.status);
    expect(node.error ?? '').not.toMatch(/code source/);

    const findings = scored(node);
    const sqlInjection = findings.find((f) => f.checkId === 'custom_code.sql-injection');
    expect(sqlInjection?.object).toMatchObject({ file: 'addons/pulse_demo_bad/models/order.py', line: 21, label: 'pulse_demo_bad' });
    expect(findings.find((f) => f.checkId === 'custom_code.invalid-commit')?.object).toMatchObject({ file: 'addons/pulse_demo_bad/models/order.py', line: 26 });
    expect(findings.filter((f) => f.object.file?.includes('pulse_demo_legacy'))).toEqual([]);
    expect(findings.find((f) => f.checkId === 'module_health.installed-module-source-missing')?.object).toMatchObject({ key: 'acme_wms_connector' });

    expect(node.codeAnalysis.sources).toEqual(['acme-addons.tar.gz (uploaded archive)']);
    expect(node.codeAnalysis.modules).toEqual([
      { name: 'pulse_demo_bad', path: 'addons/pulse_demo_bad', scored: true, state: 'installed' },
      { name: 'pulse_demo_legacy', path: 'addons/pulse_demo_legacy', scored: false, state: 'uninstalled' },
    ]);
    const unscored = node.codeAnalysis.unscoredFindings as Data[];
    expect(unscored.find((f) => f.checkId === 'custom_code.sql-injection')).toMatchObject({ module: 'pulse_demo_legacy', file: 'addons/pulse_demo_legacy/models/order.py', line: 21 });
    expect(unscored.every((f) => f.file.startsWith('addons/pulse_demo_legacy/'))).toBe(true);
    expect(node.codeAnalysis.problems).toEqual([]);

    expect(codeProgress(localId(id, 'Scan')!).map((p) => p.phase)).toEqual(['started', 'step', 'finished']);
    expect(codeProgress(localId(id, 'Scan')!).at(-1)).toMatchObject({ status: 'ok', message: '2 modules analysed' });
    expect(readdirSync(PRIVATE_TMP)).toEqual([]);
  });

  it('clones a git source at the scan and analyses it', { timeout: SCAN_TIMEOUT_MS }, async () => {
    const instanceId = await registerInstance('Dupont staging');
    const bare = bareRepository(fixtureEntries([{ fixture: 'pulse_demo_bad' }], 'odoo/addons'), mkdtempSync(join(REPOSITORIES, 'repo-')));
    const { setCodeSource } = await graphql(example('code-source.graphql', 'SetCodeSourceGit'), { instanceId, git: { url: `file://${bare}`, ref: 'main' } });
    expect(setCodeSource).toMatchObject({ __typename: 'CodeSourceSuccess', codeSource: { kind: 'git', url: `file://${bare}`, ref: 'main' } });

    const { id, node } = await scan(instanceId);
    expect(node.error ?? '').not.toMatch(/code source/);
    expect(scored(node).find((f) => f.checkId === 'custom_code.sql-injection')?.object).toMatchObject({ file: 'odoo/addons/pulse_demo_bad/models/order.py', line: 21 });
    expect(node.codeAnalysis).toMatchObject({
      sources: [`file://${bare} (git main)`],
      modules: [{ name: 'pulse_demo_bad', scored: true, state: 'installed' }],
      problems: [],
    });
    expect(codeProgress(localId(id, 'Scan')!).at(-1)).toMatchObject({ status: 'ok', message: '1 module analysed' });
    expect(readdirSync(PRIVATE_TMP)).toEqual([]);
  });

  it('scores from the live facts when the source cannot be fetched, and the scan says why; the credentials appear nowhere', { timeout: SCAN_TIMEOUT_MS }, async () => {
    const instanceId = await registerInstance('Dupont archive');
    const port = await closedPort();
    const { setCodeSource } = await graphql(example('code-source.graphql', 'SetCodeSourceGit'), {
      instanceId,
      git: { url: `https://pulse-bot:${GIT_TOKEN}@127.0.0.1:${port}/acme/addons.git` },
    });
    expect(setCodeSource.codeSource.url).toBe(`https://***@127.0.0.1:${port}/acme/addons.git`);

    const { id, node } = await scan(instanceId);
    expect(node.status).toBe('partial');
    expect(node.error).toMatch(/code source not analysed \(The git clone failed: .+\)/);
    expect(scored(node).length).toBeGreaterThan(5);
    expect(scored(node).some((f) => f.checkId === 'module_health.installed-module-source-missing')).toBe(false);
    expect(node.codeAnalysis.sources).toEqual([`https://***@127.0.0.1:${port}/acme/addons.git (git)`]);
    expect(node.codeAnalysis.problems).toEqual([{ file: `https://***@127.0.0.1:${port}/acme/addons.git (git)`, message: expect.stringMatching(/^The git clone failed: /) }]);
    expect(codeProgress(localId(id, 'Scan')!).at(-1)).toMatchObject({ phase: 'finished', status: 'failed', message: expect.stringMatching(/^The git clone failed/) });
    expect(readdirSync(PRIVATE_TMP)).toEqual([]);

    const stored = await db.scan.findMany({ where: { instanceId: localId(instanceId, 'Instance')! }, omit: { report: false } });
    const everything = [...responses, ...serverLog, JSON.stringify(recorder.published), JSON.stringify(stored)];
    for (const text of everything) expect(text).not.toContain(GIT_TOKEN);
  });
});
