import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SecretDecryptionError,
  SecretKeyError,
  createKeyring,
  decryptSecret,
  encryptSecret,
  envelopeKeyId,
  keyringFromEnv,
  parseSecretKey,
} from '../../server/src/security/secrets.ts';

const hexKey = () => randomBytes(32).toString('hex');
const keyringOf = (text: string) => createKeyring(parseSecretKey(text));

describe('instance secret encryption', () => {
  it('round-trips passwords and API keys, including non-ASCII and empty values', () => {
    const keyring = keyringOf(hexKey());
    for (const secret of ['admin', 'p@ss wörd ✓ 🔑', '', 'x'.repeat(4096)]) {
      const envelope = encryptSecret(secret, keyring);
      expect(decryptSecret(envelope, keyring)).toBe(secret);
    }
  });

  it('never stores the plaintext and gives a different ciphertext each time', () => {
    const keyring = keyringOf(hexKey());
    const a = encryptSecret('correct horse battery staple', keyring);
    const b = encryptSecret('correct horse battery staple', keyring);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
    expect(Buffer.from(a.split(':').at(-1)!, 'base64url').toString('latin1')).not.toContain('correct horse');
  });

  it('records which key encrypted the value, so a rotation can find old ones', () => {
    const keyring = keyringOf(hexKey());
    const envelope = encryptSecret('secret', keyring);
    expect(envelope.startsWith(`pulse:v1:${keyring.current.id}:`)).toBe(true);
    expect(envelopeKeyId(envelope)).toBe(keyring.current.id);
  });

  it('detects any altered byte of the ciphertext, IV or tag', () => {
    const keyring = keyringOf(hexKey());
    const envelope = encryptSecret('the password', keyring);
    const head = envelope.slice(0, envelope.lastIndexOf(':') + 1);
    const body = Buffer.from(envelope.slice(head.length), 'base64url');
    for (let i = 0; i < body.length; i++) {
      const altered = Buffer.from(body);
      altered[i] ^= 0x01;
      expect(() => decryptSecret(head + altered.toString('base64url'), keyring)).toThrow(SecretDecryptionError);
    }
  });

  it('refuses a ciphertext moved to another record (different context)', () => {
    const keyring = keyringOf(hexKey());
    const envelope = encryptSecret('the password', keyring, 'instance:1');
    expect(decryptSecret(envelope, keyring, 'instance:1')).toBe('the password');
    expect(() => decryptSecret(envelope, keyring, 'instance:2')).toThrow(/altered or belongs to another record/);
  });

  it('fails clearly with the wrong key, naming the key id but not the key', () => {
    const right = keyringOf(hexKey());
    const wrongKey = hexKey();
    const envelope = encryptSecret('the password', right);
    const error = (() => {
      try {
        decryptSecret(envelope, keyringOf(wrongKey));
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(SecretDecryptionError);
    expect(error!.message).toContain(right.current.id);
    expect(error!.message).not.toContain(wrongKey);
  });

  it('decrypts with a previous key during a rotation and encrypts with the current one', () => {
    const oldKey = hexKey();
    const newKey = hexKey();
    const before = encryptSecret('the password', keyringOf(oldKey));
    const rotating = keyringFromEnv({ PULSE_SECRET_KEY: newKey, PULSE_SECRET_KEY_PREVIOUS: oldKey });
    expect(decryptSecret(before, rotating)).toBe('the password');
    const after = encryptSecret('the password', rotating);
    expect(envelopeKeyId(after)).toBe(parseSecretKey(newKey).id);
    expect(envelopeKeyId(after)).not.toBe(envelopeKeyId(before));
  });

  it('rejects values that are not an envelope', () => {
    const keyring = keyringOf(hexKey());
    for (const value of ['', 'plaintext', 'pulse:v2:abcdef01:AAAA', 'pulse:v1:abcdef01:AAAA']) {
      expect(() => decryptSecret(value, keyring)).toThrow(SecretDecryptionError);
    }
  });
});

describe('PULSE_SECRET_KEY', () => {
  it('accepts 32 bytes as hex, base64 and base64url, each giving the same key', () => {
    const bytes = randomBytes(32);
    const ids = [bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url'), ` ${bytes.toString('hex')}\n`].map(
      (text) => keyringFromEnv({ PULSE_SECRET_KEY: text }).current.id,
    );
    expect(new Set(ids).size).toBe(1);
  });

  it('says what to do when the key is missing', () => {
    expect(() => keyringFromEnv({})).toThrow(SecretKeyError);
    expect(() => keyringFromEnv({ PULSE_SECRET_KEY: '  ' })).toThrow(/PULSE_SECRET_KEY is not set.*openssl rand -base64 32/);
  });

  it('rejects keys of the wrong length or alphabet without echoing them', () => {
    for (const text of ['too-short', randomBytes(16).toString('hex'), randomBytes(31).toString('base64'), 'g'.repeat(64), randomBytes(33).toString('base64')]) {
      let message = '';
      try {
        keyringFromEnv({ PULSE_SECRET_KEY: text });
      } catch (error) {
        expect(error).toBeInstanceOf(SecretKeyError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/must be 32 random bytes/);
      expect(message).not.toContain(text);
    }
  });

  it('rejects a malformed previous key, naming its variable', () => {
    expect(() => keyringFromEnv({ PULSE_SECRET_KEY: hexKey(), PULSE_SECRET_KEY_PREVIOUS: 'nope' })).toThrow(/PULSE_SECRET_KEY_PREVIOUS must be/);
  });
});
