/** Viewer: who is asking — the API key, its scopes and its partner. */
import type { Viewer } from '../auth.ts';
import { builder } from '../builder.ts';
import { ApiKeyRef } from './api-key.ts';
import { ApiScopeEnum } from './enums.ts';
import { PartnerRef } from './partner.ts';

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The API key making the request and the partner it belongs to.',
  fields: (t) => ({
    partner: t.prismaField({
      type: PartnerRef,
      resolve: (query, viewer, _args, context) =>
        context.db.partner.findUniqueOrThrow({ ...query, where: { id: viewer.partnerId } }),
    }),
    apiKeyName: t.string({ resolve: (viewer) => viewer.apiKeyName }),
    apiKeyPrefix: t.string({ resolve: (viewer) => `pulse_${viewer.apiKeyPrefix}` }),
    scopes: t.field({
      type: [ApiScopeEnum],
      description: 'Granted scopes, the implied ones included (admin ⇒ write ⇒ read).',
      resolve: (viewer) => [...viewer.scopes],
    }),
    apiKeys: t.withAuth({ admin: true }).prismaConnection({
      type: ApiKeyRef,
      description: "The partner's API keys, newest first (admin scope).",
      cursor: 'id',
      args: { includeRevoked: t.arg.boolean({ defaultValue: false }) },
      resolve: (query, viewer, args, context) =>
        context.db.apiKey.findMany({
          ...query,
          where: { partnerId: viewer.partnerId, ...(args.includeRevoked ? {} : { revokedAt: null }) },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        }),
      totalCount: (viewer, args, context) =>
        context.db.apiKey.count({ where: { partnerId: viewer.partnerId, ...(args.includeRevoked ? {} : { revokedAt: null }) } }),
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.withAuth({ read: true }).field({
    type: ViewerRef,
    description: 'The API key making the request, and its partner.',
    resolve: (_root, _args, context) => context.viewer,
  }),
);
