/**
 * The secret key of a single-machine install: with the embedded database and no PULSE_SECRET_KEY,
 * `serve` and `worker` keep a random key in the data folder (`<dataDir>/secret.key`, mode 0600),
 * created by the first of them to start and read by every later start, so one command works on a
 * fresh machine. With DATABASE_URL (production) PULSE_SECRET_KEY stays required: a key belongs in the
 * deployment's secrets, not next to the data it protects.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createKeyring,
  generateSecretKeyText,
  keyringFromEnv,
  parseSecretKey,
  previousKeysFromEnv,
  SECRET_KEY_ENV,
  SecretKeyError,
  type Keyring,
  type SecretKey,
} from './secrets.ts';

export const LOCAL_SECRET_KEY_FILE = 'secret.key';

export interface LocalSecretKey {
  path: string;
  key: SecretKey;
  /** True when this call created the file. */
  created: boolean;
}

function reason(error: unknown): string {
  return error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
}

async function readKeyFile(path: string): Promise<SecretKey | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SecretKeyError(`Cannot read the secret key file ${path} (${reason(error)}): make it readable, or set ${SECRET_KEY_ENV}.`, { cause: error });
  }
  return parseSecretKey(text, path);
}

/**
 * The key in `<dataDir>/secret.key`, created with a random key the first time. The file appears
 * whole or not at all (written aside, then linked into place), so a `worker` starting at the same
 * moment as `serve` reads the key `serve` wrote, never half of it.
 */
export async function localSecretKey(dataDir: string): Promise<LocalSecretKey> {
  const path = join(dataDir, LOCAL_SECRET_KEY_FILE);
  const existing = await readKeyFile(path);
  if (existing) return { path, key: existing, created: false };
  const draft = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.new`;
  let created = false;
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(draft, `${generateSecretKeyText()}\n`, { mode: 0o600, flag: 'wx' });
    await link(draft, path);
    created = true;
  } catch (error) {
    // EEXIST: another process created it first; read theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new SecretKeyError(`Cannot create the secret key file ${path} (${reason(error)}): make ${dataDir} writable, or set ${SECRET_KEY_ENV}.`, {
        cause: error,
      });
    }
  } finally {
    await rm(draft, { force: true });
  }
  const key = await readKeyFile(path);
  if (!key) throw new SecretKeyError(`The secret key file ${path} disappeared while it was being created; start again, or set ${SECRET_KEY_ENV}.`);
  return { path, key, created };
}

/** What a command runs with, and the line to print about where its key comes from (null: PULSE_SECRET_KEY). */
export interface CommandKeyring {
  keyring: Keyring;
  notice: string | null;
}

/**
 * PULSE_SECRET_KEY when set (and PULSE_SECRET_KEY_PREVIOUS with it); otherwise, for the embedded
 * database (`embeddedDataDir`), the data folder's key; otherwise SecretKeyError saying to set it.
 */
export async function commandKeyring(env: NodeJS.ProcessEnv, embeddedDataDir: string | null): Promise<CommandKeyring> {
  if (env[SECRET_KEY_ENV]?.trim() || !embeddedDataDir) return { keyring: keyringFromEnv(env), notice: null };
  const local = await localSecretKey(embeddedDataDir);
  const what = local.created ? 'Created a secret key for instance credentials in' : 'Using the secret key for instance credentials in';
  return {
    keyring: createKeyring(local.key, previousKeysFromEnv(env)),
    notice: `${what} ${local.path} (${SECRET_KEY_ENV} is not set); in production, set ${SECRET_KEY_ENV} instead.`,
  };
}

/**
 * Before a command connects to anything: PULSE_SECRET_KEY must be there and well-formed when the
 * database is PostgreSQL, and well-formed whenever it is set. SecretKeyError otherwise.
 */
export function checkSecretKeyUpFront(env: NodeJS.ProcessEnv, usesPostgres: boolean): void {
  if (usesPostgres || env[SECRET_KEY_ENV]?.trim()) keyringFromEnv(env);
}
