/**
 * The Pothos schema builder: one place for plugins, scalars, auth scopes and limits. Type files in
 * ./types/ register themselves on it; ./schema.ts imports them all and builds the schema.
 *
 * Auth scopes (an API key's scopes, hierarchical): `read` for queries and subscriptions, `write` for
 * mutations on clients, instances, scans and findings, `admin` for API keys. Fields name the scope
 * they need; resolvers behind a scope get a context whose `viewer` is set.
 */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { AuthScopeFailureType, type AuthFailure as ScopeFailure } from '@pothos/plugin-scope-auth';
import { GraphQLError, getNullableType, isListType } from 'graphql';
import type GeneratedPrismaTypes from '../../../prisma/generated/pothos-types.ts';
import { getDatamodel } from '../../../prisma/generated/pothos-types.ts';
import { authFailureMessage, type ScopeName, type Viewer } from './auth.ts';
import type { GraphQLContext } from './context.ts';
import type { UploadedFile } from './upload.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, limitError, pageSizeOf } from './limits.ts';

/** Drops `Omitted` from a model's row type. */
type WithoutColumns<Model extends { Shape: object }, Omitted extends string> = Omit<Model, 'Shape'> & {
  Shape: Omit<Model['Shape'], Omitted>;
};

/**
 * The generated Prisma types, with the columns the database client leaves out of every result
 * (OMITTED_BY_DEFAULT in server/src/db/client.ts): the instance secret, a scan's facts and report, a
 * code source's archive and git credentials. No GraphQL field can read them, and a resolver that
 * wants one must ask the client explicitly.
 */
type PrismaTypes = Omit<GeneratedPrismaTypes, 'Instance' | 'Scan' | 'CodeSource'> & {
  Instance: WithoutColumns<GeneratedPrismaTypes['Instance'], 'secret'>;
  Scan: WithoutColumns<GeneratedPrismaTypes['Scan'], 'facts' | 'report'>;
  CodeSource: WithoutColumns<GeneratedPrismaTypes['CodeSource'], 'archive' | 'gitCredentials'>;
};

/** Rows as the database client returns them (without the omitted columns). */
export type InstanceRow = PrismaTypes['Instance']['Shape'];
export type ScanRow = PrismaTypes['Scan']['Shape'];
export type CodeSourceRow = PrismaTypes['CodeSource']['Shape'];

/** The context of a resolver whose field requires a scope: someone is authenticated. */
export type AuthenticatedContext = GraphQLContext & { viewer: Viewer };

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  PrismaTypes: PrismaTypes;
  AuthScopes: Record<ScopeName, boolean>;
  AuthContexts: Record<ScopeName, AuthenticatedContext>;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: string; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
    File: { Input: UploadedFile; Output: never };
  };
}>({
  // scope-auth first: nothing else wraps a resolver before authorisation has run.
  plugins: [ScopeAuthPlugin, RelayPlugin, PrismaPlugin, ErrorsPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (context) => ({
      read: context.viewer?.scopes.has('read') ?? false,
      write: context.viewer?.scopes.has('write') ?? false,
      admin: context.viewer?.scopes.has('admin') ?? false,
    }),
    unauthorizedError: (_parent, context, _info, result) => unauthorized(context, result.failure),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: true,
    nodeQueryOptions: { authScopes: { read: true }, nullable: true },
    nodesQueryOptions: { authScopes: { read: true } },
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
  },
  prisma: {
    client: (context) => context.db,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    maxConnectionSize: MAX_PAGE_SIZE,
    onUnusedQuery: null,
  },
  errors: { defaultTypes: [] },
  complexity: {
    // Fields cost 1. A connection multiplies what is selected under it by its page size; its
    // edges/nodes lists then count once. Other lists count 10 times.
    fieldComplexity: (args, _context, field) => {
      const argNames = new Set(field.args.map((arg) => arg.name));
      if (argNames.has('first') && argNames.has('last')) {
        return { field: 1, multiplier: pageSizeOf(args as { first?: number | null; last?: number | null }) };
      }
      if (isListType(getNullableType(field.type))) {
        const connectionList = field.name === 'edges' || field.name === 'nodes';
        return { field: 1, multiplier: connectionList ? 1 : 10 };
      }
      return { field: 1, multiplier: 1 };
    },
    limit: (context) => context.limits,
    complexityError: (kind, result) =>
      limitError(kind === 'Depth' ? 'depth' : kind === 'Breadth' ? 'breadth' : 'complexity', result),
  },
});

/** The first scope a failure names (the one the key lacks). */
function missingScope(failure: ScopeFailure): string | null {
  if (failure.kind === AuthScopeFailureType.AuthScope) return failure.scope;
  if (failure.kind === AuthScopeFailureType.AnyAuthScopes || failure.kind === AuthScopeFailureType.AllAuthScopes) {
    for (const child of failure.failures) {
      const scope = missingScope(child);
      if (scope) return scope;
    }
  }
  return null;
}

/** Not authenticated → UNAUTHENTICATED (HTTP 401); authenticated without the scope → FORBIDDEN. */
function unauthorized(context: GraphQLContext, failure: ScopeFailure): GraphQLError {
  if (!context.viewer) {
    return new GraphQLError(authFailureMessage(context.authFailure), {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  const scope = missingScope(failure) ?? 'required';
  const granted = [...context.viewer.scopes].join(', ') || 'none';
  return new GraphQLError(`This needs an API key with the "${scope}" scope; this key has: ${granted}.`, {
    extensions: { code: 'FORBIDDEN', requiredScope: scope },
  });
}

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
