/**
 * Setting an instance's code source through the API: archives uploaded with real multipart requests
 * (tar.gz and zip, checked under the intake's limits and kept), hostile or useless archives refused
 * with the intake's sentence and nothing stored or left on disk, git URLs checked against the host
 * allow-list (no clone at set time), removal, and the database's own guard on the tenant.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSourceSecretContext } from '../../server/src/code-sources/git-url.ts';
import { codeSourceSettings } from '../../server/src/code-sources/settings.ts';
import { decryptSecret } from '../../server/src/security/secrets.ts';
import { tarArchive, zipArchive, type ArchiveEntry } from '../code/archives.ts';
import { fixtureEntries } from '../support/addons-sources.ts';
import { createPartner, globalId, seedClient, seedInstance, startTestApi, type SeededPartner, type TestApi } from './support.ts';

// The server runs in this test's process: its temporary directories go here, so the test sees
// whether any is left behind (and no other test's come and go).
const PRIVATE_TMP = mkdtempSync(join(tmpdir(), 'pulse-code-source-test-'));
const SYSTEM_TMPDIR = process.env.TMPDIR;

const SETTINGS = codeSourceSettings({ gitHosts: ['github.com', '*.git.acme.example'], maxArchiveBytes: 64 * 1024, limits: { maxBytes: 256 * 1024 } });

let api: TestApi;
let partner: SeededPartner;
let clientId: string;

beforeAll(async () => {
  process.env.TMPDIR = PRIVATE_TMP;
  api = await startTestApi({ codeSources: SETTINGS });
  partner = await createPartner(api.db, 'Acme Integrations');
  clientId = await seedClient(api.db, partner.partnerId, 'Brasserie');
});

afterAll(async () => {
  await api?.close();
  if (SYSTEM_TMPDIR === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = SYSTEM_TMPDIR;
  rmSync(PRIVATE_TMP, { recursive: true, force: true });
});

const leftOnDisk = () => readdirSync(PRIVATE_TMP);

let instances = 0;
async function newInstance(): Promise<{ id: string; raw: string }> {
  const raw = await seedInstance(api, { partnerId: partner.partnerId, clientId, name: `Instance ${++instances}` });
  return { id: globalId('Instance', raw), raw };
}

const SOURCE_FIELDS = 'kind url ref archiveName archiveSize archiveSha256 modules updatedAt';
const SET_ARCHIVE = `mutation SetArchive($instanceId: ID!, $archive: File!) {
  setCodeSource(instanceId: $instanceId, archive: $archive) {
    __typename
    ... on UserError { message code }
    ... on InvalidInputError { field }
    ... on CodeSourceSuccess { instance { id codeSource { kind } } codeSource { ${SOURCE_FIELDS} } }
  }
}`;
const SET_GIT = `mutation SetGit($instanceId: ID!, $git: GitSourceInput!) {
  setCodeSource(instanceId: $instanceId, git: $git) {
    __typename
    ... on UserError { message code }
    ... on InvalidInputError { field }
    ... on CodeSourceSuccess { codeSource { ${SOURCE_FIELDS} } }
  }
}`;

function upload(instanceId: string, name: string, content: Buffer, key = partner.keys.write) {
  return api.upload(key, SET_ARCHIVE, { instanceId }, { archive: { name, content } });
}

const ADDONS = fixtureEntries([{ fixture: 'pulse_demo_bad' }, { fixture: 'pulse_demo_good' }]);

describe('an uploaded archive', () => {
  it('is checked, kept and shown: a tar.gz, then a zip in its place', async () => {
    const instance = await newInstance();
    const tar = tarArchive(ADDONS);
    const first = await upload(instance.id, 'acme-addons.tar.gz', tar);
    expect(first.status).toBe(200);
    expect(first.body.data?.setCodeSource).toEqual({
      __typename: 'CodeSourceSuccess',
      instance: { id: instance.id, codeSource: { kind: 'archive' } },
      codeSource: {
        kind: 'archive',
        url: null,
        ref: null,
        archiveName: 'acme-addons.tar.gz',
        archiveSize: tar.length,
        archiveSha256: createHash('sha256').update(tar).digest('hex'),
        modules: ['pulse_demo_bad', 'pulse_demo_good'],
        updatedAt: expect.any(String),
      },
    });
    expect(leftOnDisk()).toEqual([]);

    const zip = zipArchive(fixtureEntries([{ fixture: 'pulse_demo_good' }], 'acme-odoo/addons'));
    const second = await upload(instance.id, 'C:\\exports\\good.zip', zip);
    expect(second.body.data?.setCodeSource.codeSource).toMatchObject({ kind: 'archive', archiveName: 'good.zip', archiveSize: zip.length, modules: ['pulse_demo_good'] });
    const stored = await api.db.codeSource.findUniqueOrThrow({ where: { instanceId: instance.raw }, omit: { archive: false } });
    expect(Buffer.from(stored.archive!).equals(zip)).toBe(true);
    expect(stored.partnerId).toBe(partner.partnerId);
    expect(leftOnDisk()).toEqual([]);

    const read = await api.request(partner.keys.read, `query($id: ID!) { instance(id: $id) { codeSource { kind archiveName } } }`, { id: instance.id });
    expect(read.body.data?.instance.codeSource).toEqual({ kind: 'archive', archiveName: 'good.zip' });
  });

  const module: ArchiveEntry[] = fixtureEntries([{ fixture: 'pulse_demo_good' }]);
  const hostile: Array<[string, () => Buffer, RegExp]> = [
    ['a path leaving the archive', () => tarArchive([...module, { name: 'addons/../../evil.py', content: 'x = 1\n' }]), /leaves the archive .*"\.\." is refused/],
    ['an absolute path', () => zipArchive([...module, { name: '/etc/cron.d/evil', content: '* * * * * root true\n' }]), /absolute path/],
    ['a link leaving the tree', () => tarArchive([...module, { name: 'addons/passwd', type: 'symlink', target: '../../../etc/passwd' }]), /link pointing outside/],
    ['more bytes than the upload limit', () => tarArchive([...module, { name: 'addons/noise.bin', content: randomBytes(80 * 1024) }]), /^The archive is 8\d KiB, over the 64 KiB limit for an upload\.$/],
    ['more bytes once extracted than the limit', () => tarArchive([...module, { name: 'addons/zeros.bin', content: Buffer.alloc(300 * 1024) }]), /larger than the .* limit once extracted/],
    ['no Odoo module', () => tarArchive([{ name: 'docs/README.md', content: '# nothing here\n' }]), /holds no Odoo module/],
    ['no archive at all', () => Buffer.from('just some text, not an archive\n'), /not a tar\.gz, tar or zip archive/],
    ['an empty file', () => Buffer.alloc(0), /empty/],
  ];

  it.each(hostile)('with %s is refused in one sentence, and nothing is stored or left on disk', async (_what, build, message) => {
    const fresh = await newInstance();
    const replaced = await newInstance();
    expect((await upload(replaced.id, 'good.tar.gz', tarArchive(module))).body.data?.setCodeSource.__typename).toBe('CodeSourceSuccess');
    const before = await api.db.codeSource.findUniqueOrThrow({ where: { instanceId: replaced.raw } });
    for (const instance of [fresh, replaced]) {
      const response = await upload(instance.id, 'upload.tar.gz', build());
      const result = response.body.data?.setCodeSource;
      expect(result, response.text).toMatchObject({ __typename: 'InvalidInputError', code: 'INVALID_INPUT', field: 'archive' });
      expect(result.message).toMatch(message);
      expect(result.message.split('. ').length, result.message).toBe(1);
    }
    expect(await api.db.codeSource.findUnique({ where: { instanceId: fresh.raw } })).toBeNull();
    expect(await api.db.codeSource.findUniqueOrThrow({ where: { instanceId: replaced.raw } })).toEqual(before);
    expect(leftOnDisk()).toEqual([]);
  });

  it('is one of archive or git, never both nor neither', async () => {
    const instance = await newInstance();
    const both = await api.upload(
      partner.keys.write,
      `mutation($instanceId: ID!, $archive: File!) { setCodeSource(instanceId: $instanceId, archive: $archive, git: { url: "https://github.com/acme/addons.git" }) { __typename ... on UserError { message } } }`,
      { instanceId: instance.id },
      { archive: { name: 'a.tar.gz', content: tarArchive(module) } },
    );
    expect(both.body.data?.setCodeSource).toEqual({ __typename: 'InvalidInputError', message: expect.stringMatching(/either an archive .* or a git repository/) });
    const neither = await api.request(partner.keys.write, `mutation($id: ID!) { setCodeSource(instanceId: $id) { __typename } }`, { id: instance.id });
    expect(neither.body.data?.setCodeSource.__typename).toBe('InvalidInputError');
    const inline = await api.request(partner.keys.write, `mutation($id: ID!) { setCodeSource(instanceId: $id, archive: "aGVsbG8=") { __typename } }`, { id: instance.id });
    expect(inline.body.errors?.[0].message).toMatch(/multipart request/);
    expect(await api.db.codeSource.count({ where: { instanceId: instance.raw } })).toBe(0);
  });

  it('needs the write scope', async () => {
    const instance = await newInstance();
    const response = await upload(instance.id, 'a.tar.gz', tarArchive(module), partner.keys.read);
    expect(response.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await api.db.codeSource.count({ where: { instanceId: instance.raw } })).toBe(0);
  });
});

describe('a git repository', () => {
  it('is kept without cloning: its URL without credentials, the credentials encrypted, the ref', async () => {
    const instance = await newInstance();
    const response = await api.request(partner.keys.write, SET_GIT, {
      instanceId: instance.id,
      git: { url: 'https://pulse-bot:glpat-Secret123@code.git.acme.example/odoo/addons.git', ref: '17.0' },
    });
    expect(response.body.data?.setCodeSource).toEqual({
      __typename: 'CodeSourceSuccess',
      codeSource: {
        kind: 'git',
        url: 'https://***@code.git.acme.example/odoo/addons.git',
        ref: '17.0',
        archiveName: null,
        archiveSize: null,
        archiveSha256: null,
        modules: [],
        updatedAt: expect.any(String),
      },
    });
    const stored = await api.db.codeSource.findUniqueOrThrow({ where: { instanceId: instance.raw }, omit: { gitCredentials: false, archive: false } });
    expect(stored).toMatchObject({ gitUrl: 'https://code.git.acme.example/odoo/addons.git', gitRef: '17.0', archive: null });
    expect(stored.gitCredentials).toMatch(/^pulse:v1:/);
    expect(decryptSecret(stored.gitCredentials!, api.keyring, codeSourceSecretContext(instance.raw))).toBe('pulse-bot:glpat-Secret123');
    // Nothing was cloned (the host does not exist), nothing written.
    expect(leftOnDisk()).toEqual([]);

    const publicRepo = await api.request(partner.keys.write, SET_GIT, { instanceId: instance.id, git: { url: 'https://github.com/OCA/server-tools.git' } });
    expect(publicRepo.body.data?.setCodeSource.codeSource).toMatchObject({ kind: 'git', url: 'https://github.com/OCA/server-tools.git', ref: null });
    expect(await api.db.codeSource.findUniqueOrThrow({ where: { instanceId: instance.raw }, omit: { gitCredentials: false } })).toMatchObject({ gitCredentials: null });
  });

  it('is refused with a clear sentence when its host is not allowed, or it is not a usable https URL or ref; nothing is stored', async () => {
    const instance = await newInstance();
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ url: 'https://gitlab.com/acme/addons.git' }, 'git.url', /^Cloning from gitlab\.com is not allowed: the allowed git hosts are github\.com, \*\.git\.acme\.example\.$/],
      [{ url: 'https://github.com.evil.example/acme/addons.git' }, 'git.url', /not allowed/],
      [{ url: 'http://github.com/acme/addons.git' }, 'git.url', /Only https:\/\//],
      [{ url: 'git@github.com:acme/addons.git' }, 'git.url', /not a URL/],
      [{ url: 'file:///srv/git/addons.git' }, 'git.url', /file:\/\/ repositories is not allowed/],
      [{ url: 'https://github.com/acme/addons.git?token=abc' }, 'git.url', /without a query string/],
      [{ url: 'https://github.com/acme/addons.git', ref: '--upload-pack=touch /tmp/pwned' }, 'git.ref', /not a valid branch or tag/],
    ];
    for (const [git, field, message] of cases) {
      const result = (await api.request(partner.keys.write, SET_GIT, { instanceId: instance.id, git })).body.data?.setCodeSource;
      expect(result, JSON.stringify(git)).toMatchObject({ __typename: 'InvalidInputError', code: 'INVALID_INPUT', field });
      expect(result.message, JSON.stringify(git)).toMatch(message);
    }
    expect(await api.db.codeSource.count({ where: { instanceId: instance.raw } })).toBe(0);
  });
});

describe('removing a code source', () => {
  it('removes it (the next scans analyse no source), and says when there was none', async () => {
    const instance = await newInstance();
    await api.request(partner.keys.write, SET_GIT, { instanceId: instance.id, git: { url: 'https://github.com/acme/addons.git' } });
    const remove = `mutation Remove($instanceId: ID!) { removeCodeSource(instanceId: $instanceId) { __typename ... on RemoveCodeSourceSuccess { removed instance { codeSource { kind } } } } }`;
    expect((await api.request(partner.keys.write, remove, { instanceId: instance.id })).body.data?.removeCodeSource).toEqual({
      __typename: 'RemoveCodeSourceSuccess',
      removed: true,
      instance: { codeSource: null },
    });
    expect((await api.request(partner.keys.write, remove, { instanceId: instance.id })).body.data?.removeCodeSource).toMatchObject({ removed: false });
  });

  it('goes with its instance when the instance is purged', async () => {
    const instance = await newInstance();
    await upload(instance.id, 'a.tar.gz', tarArchive(fixtureEntries([{ fixture: 'pulse_demo_good' }])));
    expect(await api.db.codeSource.count({ where: { instanceId: instance.raw } })).toBe(1);
    await api.request(partner.keys.write, `mutation($id: ID!) { removeInstance(id: $id, purge: true) { __typename } }`, { id: instance.id });
    expect(await api.db.codeSource.count({ where: { instanceId: instance.raw } })).toBe(0);
  });
});

it("is refused by the database when it names another partner than its instance's", async () => {
  const instance = await newInstance();
  const other = await createPartner(api.db, 'Other Partner');
  await expect(
    api.db.codeSource.create({ data: { instanceId: instance.raw, partnerId: other.partnerId, kind: 'git', gitUrl: 'https://github.com/x/y.git' } }),
  ).rejects.toThrow(/foreign key/i);
});
