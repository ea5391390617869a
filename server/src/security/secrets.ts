/**
 * Encryption at rest for instance secrets (Odoo passwords and API keys): AES-256-GCM with the key
 * from PULSE_SECRET_KEY.
 *
 * Envelope (one ASCII string, stored as is):  pulse:v1:<key id>:<base64url(iv ‖ ciphertext ‖ tag)>
 * - the key id names the key that encrypted it (derived from the key, so nothing extra to configure),
 *   which lets a later rotation decrypt with an old key and re-encrypt with the new one;
 * - the header is authenticated (additional data), as is the optional `context` (e.g. the instance
 *   id) so a ciphertext copied onto another row does not decrypt.
 * Nothing here logs, and no error message contains a secret or a key.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ENVELOPE_PREFIX = 'pulse';
const ENVELOPE_VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const SECRET_KEY_ENV = 'PULSE_SECRET_KEY';
/** Older keys, comma-separated, still accepted for decryption (during a key rotation). */
export const PREVIOUS_SECRET_KEYS_ENV = 'PULSE_SECRET_KEY_PREVIOUS';

/** A missing or malformed key, an envelope that is not ours, or one that fails authentication. */
export class SecretKeyError extends Error {
  override name = 'SecretKeyError';
}
export class SecretDecryptionError extends Error {
  override name = 'SecretDecryptionError';
}

export interface SecretKey {
  /** 8 hex characters derived from the key: safe to store and show. */
  id: string;
  key: Buffer;
}

export interface Keyring {
  /** Encrypts new secrets. */
  current: SecretKey;
  /** Every key that may decrypt, the current one included, by id. */
  byId: ReadonlyMap<string, SecretKey>;
}

/** Parses a 32-byte key written as 64 hex characters or base64 / base64url (44 or 43 characters). */
export function parseSecretKey(text: string, source = SECRET_KEY_ENV): SecretKey {
  const trimmed = text.trim();
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) key = Buffer.from(trimmed.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  if (!key || key.length !== KEY_BYTES) {
    throw new SecretKeyError(
      `${source} must be 32 random bytes written as 64 hex characters or 44 base64 characters; generate one with: openssl rand -base64 32`,
    );
  }
  return { id: keyId(key), key };
}

function keyId(key: Buffer): string {
  return createHash('sha256').update('odoo-pulse secret key id\u0000').update(key).digest('hex').slice(0, 8);
}

/** The keyring from the environment; throws SecretKeyError with what to do when the key is missing or bad. */
export function keyringFromEnv(env: NodeJS.ProcessEnv = process.env): Keyring {
  const current = env[SECRET_KEY_ENV];
  if (!current || !current.trim()) {
    throw new SecretKeyError(
      `${SECRET_KEY_ENV} is not set: instance credentials are encrypted with it; generate one with: openssl rand -base64 32`,
    );
  }
  return createKeyring(parseSecretKey(current), previousKeysFromEnv(env));
}

/** The older keys of PULSE_SECRET_KEY_PREVIOUS (none when unset). */
export function previousKeysFromEnv(env: NodeJS.ProcessEnv = process.env): SecretKey[] {
  return (env[PREVIOUS_SECRET_KEYS_ENV] ?? '')
    .split(',')
    .filter((text) => text.trim())
    .map((text) => parseSecretKey(text, PREVIOUS_SECRET_KEYS_ENV));
}

/** A new random key, written as parseSecretKey reads it (base64). */
export function generateSecretKeyText(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

export function createKeyring(current: SecretKey, previous: SecretKey[] = []): Keyring {
  const byId = new Map<string, SecretKey>();
  for (const key of [current, ...previous]) byId.set(key.id, key);
  return { current, byId };
}

function header(id: string): string {
  return `${ENVELOPE_PREFIX}:${ENVELOPE_VERSION}:${id}`;
}

function additionalData(head: string, context: string): Buffer {
  return Buffer.from(`${head}\u0000${context}`, 'utf8');
}

/** Encrypts `plaintext`; the same `context` must be given to decrypt. */
export function encryptSecret(plaintext: string, keyring: Keyring, context = ''): string {
  const head = header(keyring.current.id);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(head, context));
  const body = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${head}:${body.toString('base64url')}`;
}

/** The id of the key that encrypted `envelope` (to find secrets still under an old key). */
export function envelopeKeyId(envelope: string): string {
  return parseEnvelope(envelope).id;
}

function parseEnvelope(envelope: string): { head: string; id: string; body: Buffer } {
  const match = /^(pulse:v1:([0-9a-f]{8})):([A-Za-z0-9_-]+)$/.exec(envelope);
  if (!match) throw new SecretDecryptionError('The stored secret is not an odoo-pulse v1 encrypted value.');
  const body = Buffer.from(match[3], 'base64url');
  if (body.length < IV_BYTES + TAG_BYTES) throw new SecretDecryptionError('The stored secret is truncated.');
  return { head: match[1], id: match[2], body };
}

/** Decrypts an envelope; throws when the key is unknown or the value was altered. */
export function decryptSecret(envelope: string, keyring: Keyring, context = ''): string {
  const { head, id, body } = parseEnvelope(envelope);
  const secretKey = keyring.byId.get(id);
  if (!secretKey) {
    throw new SecretDecryptionError(
      `The stored secret was encrypted with key ${id}, which is neither ${SECRET_KEY_ENV} nor in ${PREVIOUS_SECRET_KEYS_ENV}.`,
    );
  }
  const iv = body.subarray(0, IV_BYTES);
  const tag = body.subarray(body.length - TAG_BYTES);
  const ciphertext = body.subarray(IV_BYTES, body.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', secretKey.key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(head, context));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretDecryptionError('The stored secret failed authentication: it was altered or belongs to another record.');
  }
}
