import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiKeyPrefix, generateApiKey, hashApiKey, verifyApiKey } from '../../server/src/security/api-keys.ts';

describe('API keys', () => {
  it('look like pulse_<prefix>_<secret> and carry their visible prefix', () => {
    const { key, prefix } = generateApiKey();
    expect(key).toMatch(/^pulse_[a-z0-9]{10}_[A-Za-z0-9]{40}$/);
    expect(key.startsWith(`pulse_${prefix}_`)).toBe(true);
    expect(apiKeyPrefix(key)).toBe(prefix);
  });

  it('are stored as the SHA-256 of the key, which does not contain the secret', () => {
    const { key, hash } = generateApiKey();
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashApiKey(key)).toBe(hash);
    expect(hash).not.toContain(key.split('_')[2]);
  });

  it('differ every time (prefix and secret)', () => {
    const keys = Array.from({ length: 200 }, () => generateApiKey());
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(200);
    expect(new Set(keys.map((k) => k.key.split('_')[2])).size).toBe(200);
  });

  it('verify against their hash only', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(verifyApiKey(a.key, a.hash)).toBe(true);
    expect(verifyApiKey(`${a.key}\n`, a.hash)).toBe(true);
    expect(verifyApiKey(b.key, a.hash)).toBe(false);
    // Same prefix, one character of the secret changed.
    const last = a.key.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyApiKey(a.key.slice(0, -1) + last, a.hash)).toBe(false);
    expect(verifyApiKey('', a.hash)).toBe(false);
    expect(verifyApiKey(a.key, 'not-a-hash')).toBe(false);
  });

  it('are recognised only in their own format', () => {
    const { key } = generateApiKey();
    for (const text of ['', 'pulse_', key.slice(0, -1), key.replace('pulse_', 'pulsar_'), `Bearer ${key}`, key.toUpperCase()]) {
      expect(apiKeyPrefix(text)).toBeNull();
    }
  });
});
