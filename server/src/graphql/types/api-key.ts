/**
 * ApiKey: credentials for this API (admin scope). The key itself is shown once, in the result of
 * createApiKey; only its hash is stored, and the hash is never exposed.
 */
import type { ApiKey } from '../../db/client.ts';
import { generateApiKey } from '../../security/api-keys.ts';
import { builder } from '../builder.ts';
import { requiredText } from '../data/instance-input.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import { inputId } from '../ids.ts';
import { ApiScopeEnum } from './enums.ts';
import { ownRow } from '../access.ts';

export const ApiKeyRef = builder.prismaNode('ApiKey', {
  description: 'An API key of the partner. Listing and managing keys needs the admin scope.',
  authScopes: { admin: true },
  id: { field: 'id' },
  nullable: true,
  findUnique: ownRow,
  select: { id: true },
  fields: (t) => ({
    name: t.exposeString('name'),
    prefix: t.string({
      description: 'The visible start of the key (pulse_<prefix>_…), to tell keys apart.',
      select: { prefix: true },
      resolve: (key) => `pulse_${key.prefix}`,
    }),
    scopes: t.field({ type: [ApiScopeEnum], select: { scopes: true }, resolve: (key) => key.scopes }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'Updated at most once a minute.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    active: t.boolean({
      description: 'Neither revoked nor expired.',
      select: { revokedAt: true, expiresAt: true },
      resolve: (key, _args, context) => !key.revokedAt && (!key.expiresAt || key.expiresAt > context.now()),
    }),
  }),
});

// -----------------------------------------------------------------------------------------------
// Mutations

const MAX_KEYS_PER_PARTNER = 100;

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'What the key is for, e.g. "Ticketing integration".' }),
    scopes: t.field({ type: [ApiScopeEnum], required: true, description: 'admin includes write, which includes read.' }),
    expiresAt: t.field({ type: 'DateTime', required: false, description: 'When the key stops working (default: never).' }),
  }),
});

interface CreatedApiKey {
  apiKey: ApiKey;
  key: string;
}

const CreateApiKeySuccess = builder.objectRef<CreatedApiKey>('CreateApiKeySuccess').implement({
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, resolve: (result) => result.apiKey }),
    key: t.string({
      description: 'The whole key, shown only this once: store it now. Send it as "Authorization: Bearer <key>".',
      resolve: (result) => result.key,
    }),
  }),
});

const RevokeApiKeySuccess = builder.objectRef<{ apiKey: ApiKey }>('RevokeApiKeySuccess').implement({
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, resolve: (result) => result.apiKey }),
  }),
});

builder.mutationFields((t) => ({
  createApiKey: t.withAuth({ admin: true }).field({
    description: 'Creates an API key (admin scope). The key is in the result, once.',
    type: CreateApiKeySuccess,
    errors: { types: [InvalidInputError], directResult: true, union: { name: 'CreateApiKeyResult' } },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const name = requiredText('name', input.name, 'The key name');
      const scopes = [...new Set(input.scopes)];
      if (scopes.length === 0) throw new InvalidInputError('scopes', 'Give at least one scope: read, write or admin.');
      if (input.expiresAt && input.expiresAt <= context.now()) {
        throw new InvalidInputError('expiresAt', 'The expiry date must be in the future.');
      }
      const partnerId = context.viewer.partnerId;
      const count = await context.db.apiKey.count({ where: { partnerId, revokedAt: null } });
      if (count >= MAX_KEYS_PER_PARTNER) {
        throw new InvalidInputError('name', `An account has at most ${MAX_KEYS_PER_PARTNER} active API keys: revoke unused ones first.`);
      }
      const generated = generateApiKey();
      const apiKey = await context.db.apiKey.create({
        data: { partnerId, name, scopes, prefix: generated.prefix, hash: generated.hash, expiresAt: input.expiresAt ?? null },
      });
      context.log.info('API key created', { partner: partnerId, key: `pulse_${apiKey.prefix}`, by: `pulse_${context.viewer.apiKeyPrefix}` });
      return { apiKey, key: generated.key };
    },
  }),
  revokeApiKey: t.withAuth({ admin: true }).field({
    description: 'Revokes an API key (admin scope): it stops working at once. Revoking twice is harmless.',
    type: RevokeApiKeySuccess,
    errors: { types: [NotFoundError, InvalidInputError], directResult: true, union: { name: 'RevokeApiKeyResult' } },
    args: { id: t.arg.id({ required: true, description: 'Global id of the key.' }) },
    resolve: async (_root, args, context) => {
      const id = inputId(String(args.id), 'ApiKey', 'id');
      const partnerId = context.viewer.partnerId;
      const existing = await context.db.apiKey.findFirst({ where: { id, partnerId } });
      if (!existing) throw new NotFoundError('ApiKey', String(args.id));
      const apiKey = existing.revokedAt
        ? existing
        : await context.db.apiKey.update({ where: { id }, data: { revokedAt: context.now() } });
      if (!existing.revokedAt) {
        context.log.info('API key revoked', { partner: partnerId, key: `pulse_${apiKey.prefix}`, by: `pulse_${context.viewer.apiKeyPrefix}` });
      }
      return { apiKey };
    },
  }),
}));
