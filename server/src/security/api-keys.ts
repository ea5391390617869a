/**
 * API keys for the GraphQL API:  pulse_<prefix>_<secret>
 * - prefix: 10 lowercase letters/digits, stored in clear and shown in lists so a person can tell
 *   keys apart; it is also the lookup key;
 * - secret: 40 characters of [A-Za-z0-9] (~238 bits), never stored.
 * The database keeps the hex SHA-256 of the whole key. A slow password hash is unnecessary: the key
 * is random and long, not a human-chosen password. Verification compares digests in constant time.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

const KEY_MARKER = 'pulse';
const PREFIX_LENGTH = 10;
const SECRET_LENGTH = 40;
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const KEY_PATTERN = new RegExp(`^${KEY_MARKER}_([a-z0-9]{${PREFIX_LENGTH}})_([A-Za-z0-9]{${SECRET_LENGTH}})$`);

export interface GeneratedApiKey {
  /** The whole key: shown to the user once, never stored. */
  key: string;
  prefix: string;
  /** Hex SHA-256 of `key`: what the database stores. */
  hash: string;
}

function randomString(alphabet: string, length: number): string {
  let text = '';
  // randomInt is uniform (no modulo bias) and draws from the CSPRNG.
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)];
  return text;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomString(PREFIX_ALPHABET, PREFIX_LENGTH);
  const key = `${KEY_MARKER}_${prefix}_${randomString(SECRET_ALPHABET, SECRET_LENGTH)}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The prefix of a well-formed key (to look its record up), or null when `key` cannot be one of ours. */
export function apiKeyPrefix(key: string): string | null {
  return KEY_PATTERN.exec(key.trim())?.[1] ?? null;
}

/** Whether `key` hashes to `storedHash`, compared in constant time. */
export function verifyApiKey(key: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = createHash('sha256').update(key.trim(), 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
