/**
 * Authentication: `Authorization: Bearer <API key>` → the viewer (a partner, through one key, with
 * its scopes). Authorisation itself is declared on fields as scope-auth scopes (./builder.ts); this
 * module only establishes who is asking and why nobody is, when nobody is.
 */
import type { ApiScope, Db } from '../db/client.ts';
import { apiKeyPrefix, verifyApiKey } from '../security/api-keys.ts';

export type ScopeName = ApiScope;

export interface Viewer {
  partnerId: string;
  apiKeyId: string;
  apiKeyName: string;
  apiKeyPrefix: string;
  /** Granted scopes with the hierarchy applied: admin ⇒ write ⇒ read. */
  scopes: ReadonlySet<ScopeName>;
}

/** Why a request has no viewer. */
export type AuthFailure = 'missing' | 'malformed' | 'unknown' | 'revoked' | 'expired';

export interface Authentication {
  viewer: Viewer | null;
  failure: AuthFailure | null;
}

const SCOPE_IMPLIES: Record<ScopeName, ScopeName[]> = {
  read: ['read'],
  write: ['write', 'read'],
  admin: ['admin', 'write', 'read'],
};

export function grantedScopes(scopes: readonly ScopeName[]): Set<ScopeName> {
  return new Set(scopes.flatMap((scope) => SCOPE_IMPLIES[scope]));
}

/** lastUsedAt is written at most this often per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

function bearerToken(authorization: string): string | null {
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match ? match[1] : null;
}

/**
 * Looks the key up by its prefix and verifies its hash. Revoked and expired are told apart from
 * unknown only for a key whose secret part is right: only its holder learns it was revoked.
 */
export async function authenticate(db: Db, authorization: string | null | undefined, now: Date): Promise<Authentication> {
  if (!authorization || !authorization.trim()) return { viewer: null, failure: 'missing' };
  const token = bearerToken(authorization);
  if (!token) return { viewer: null, failure: 'malformed' };
  const prefix = apiKeyPrefix(token);
  if (!prefix) return { viewer: null, failure: 'unknown' };
  const key = await db.apiKey.findUnique({ where: { prefix } });
  if (!key || !verifyApiKey(token, key.hash)) return { viewer: null, failure: 'unknown' };
  if (key.revokedAt) return { viewer: null, failure: 'revoked' };
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return { viewer: null, failure: 'expired' };
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Bookkeeping only: a failure here must not fail the request.
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now }, select: { id: true } }).catch(() => {});
  }
  return {
    viewer: {
      partnerId: key.partnerId,
      apiKeyId: key.id,
      apiKeyName: key.name,
      apiKeyPrefix: key.prefix,
      scopes: grantedScopes(key.scopes),
    },
    failure: null,
  };
}

export function authFailureMessage(failure: AuthFailure | null): string {
  switch (failure) {
    case 'malformed':
      return 'The Authorization header must be "Bearer <API key>".';
    case 'unknown':
      return 'The API key is not recognised: check that it was copied whole, or create a new one.';
    case 'revoked':
      return 'This API key was revoked: use another key, or ask an admin of your account for a new one.';
    case 'expired':
      return 'This API key has expired: ask an admin of your account for a new one.';
    case 'missing':
    case null:
      return 'Send an API key in the Authorization header: "Authorization: Bearer <API key>".';
  }
}

/** Who did something, as recorded on findings ("acknowledged by"). */
export function actorName(viewer: Viewer): string {
  return `API key "${viewer.apiKeyName}" (pulse_${viewer.apiKeyPrefix})`;
}
