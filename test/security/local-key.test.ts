/** The data folder's secret key, for the embedded database when PULSE_SECRET_KEY is not set. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandKeyring, localSecretKey } from '../../server/src/security/local-key.ts';
import { decryptSecret, encryptSecret, parseSecretKey, SecretKeyError } from '../../server/src/security/secrets.ts';

const dirs: string[] = [];
async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pulse-key-'));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the data folder key', () => {
  it('is created once, readable by its owner only, and the same on every later start', async () => {
    const dataDir = await folder();
    const first = await localSecretKey(dataDir);
    expect(first).toMatchObject({ path: join(dataDir, 'secret.key'), created: true });
    expect((await stat(first.path)).mode & 0o777).toBe(0o600);
    // What is stored is a key PULSE_SECRET_KEY would accept: it can be moved there later.
    expect(parseSecretKey(await readFile(first.path, 'utf8')).id).toBe(first.key.id);
    const later = await localSecretKey(dataDir);
    expect(later).toMatchObject({ created: false, key: { id: first.key.id } });
  });

  it('gives processes starting at the same moment one and the same key', async () => {
    const dataDir = await folder();
    const all = await Promise.all(Array.from({ length: 8 }, () => localSecretKey(dataDir)));
    expect(new Set(all.map((entry) => entry.key.id)).size).toBe(1);
    expect(all.filter((entry) => entry.created)).toHaveLength(1);
  });

  it('refuses a damaged key file, naming it, rather than replacing the key', async () => {
    const dataDir = await folder();
    const path = join(dataDir, 'secret.key');
    await writeFile(path, 'not a key\n');
    await expect(localSecretKey(dataDir)).rejects.toThrow(SecretKeyError);
    await expect(localSecretKey(dataDir)).rejects.toThrow(path);
    expect(await readFile(path, 'utf8')).toBe('not a key\n');
  });
});

describe('the key a command runs with', () => {
  it('is PULSE_SECRET_KEY when set, with nothing written and nothing to say', async () => {
    const dataDir = await folder();
    const key = randomBytes(32).toString('hex');
    const { keyring, notice } = await commandKeyring({ PULSE_SECRET_KEY: key }, dataDir);
    expect(keyring.current.id).toBe(parseSecretKey(key).id);
    expect(notice).toBeNull();
    await expect(stat(join(dataDir, 'secret.key'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is required on PostgreSQL (no data folder), with what to do', async () => {
    await expect(commandKeyring({}, null)).rejects.toThrow(/PULSE_SECRET_KEY is not set.*openssl rand -base64 32/);
  });

  it('is the data folder key on the embedded database, saying where it is and what production should do', async () => {
    const dataDir = await folder();
    const previous = randomBytes(32).toString('hex');
    const created = await commandKeyring({ PULSE_SECRET_KEY_PREVIOUS: previous }, dataDir);
    const path = join(dataDir, 'secret.key');
    expect(created.notice).toBe(`Created a secret key for instance credentials in ${path} (PULSE_SECRET_KEY is not set); in production, set PULSE_SECRET_KEY instead.`);
    expect(created.keyring.byId.has(parseSecretKey(previous).id)).toBe(true);
    const reused = await commandKeyring({}, dataDir);
    expect(reused.notice).toMatch(new RegExp(`^Using the secret key for instance credentials in ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
    // A secret encrypted by the first start decrypts on the next.
    expect(decryptSecret(encryptSecret('odoo-password', created.keyring, 'instance:1'), reused.keyring, 'instance:1')).toBe('odoo-password');
  });
});
