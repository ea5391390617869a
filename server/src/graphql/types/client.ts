/** Client: the partner's customer, owner of instances. Query `clients`, mutation `createClient`. */
import type { Client, Prisma } from '../../db/client.ts';
import { ownRow } from '../access.ts';
import { builder } from '../builder.ts';
import { requiredText } from '../data/instance-input.ts';
import { notRemoved } from '../data/removal.ts';
import { AlreadyExistsError, InvalidInputError } from '../errors.ts';

export const ClientRef = builder.prismaNode('Client', {
  description: "The partner's customer, who owns one or more Odoo instances.",
  id: { field: 'id' },
  nullable: true,
  findUnique: ownRow,
  select: { id: true },
  fields: (t) => ({
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    instances: t.relatedConnection(
      'instances',
      {
        description: "The client's instances (removed ones excluded), by name.",
        cursor: 'id',
        totalCount: true,
        query: () => ({ where: notRemoved(), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
      },
    ),
  }),
});

function clientWhere(partnerId: string, search: string | null | undefined): Prisma.ClientWhereInput {
  const text = search?.trim();
  return { partnerId, ...(text ? { name: { contains: text, mode: 'insensitive' } } : {}) };
}

builder.queryField('clients', (t) =>
  t.withAuth({ read: true }).prismaConnection({
    type: ClientRef,
    description: "The partner's clients, by name.",
    cursor: 'id',
    args: { search: t.arg.string({ required: false, description: 'Only clients whose name contains this text (any case).' }) },
    resolve: (query, _root, args, context) =>
      context.db.client.findMany({ ...query, where: clientWhere(context.viewer.partnerId, args.search), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    totalCount: (_root, args, context) => context.db.client.count({ where: clientWhere(context.viewer.partnerId, args.search) }),
  }),
);

// -----------------------------------------------------------------------------------------------
// createClient

const CreateClientInput = builder.inputType('CreateClientInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
  }),
});

const CreateClientSuccess = builder.objectRef<{ client: Client }>('CreateClientSuccess').implement({
  fields: (t) => ({
    client: t.field({ type: ClientRef, resolve: (result) => result.client }),
  }),
});

builder.mutationField('createClient', (t) =>
  t.withAuth({ write: true }).field({
    description: 'Adds a client (write scope). Client names are unique within the partner.',
    type: CreateClientSuccess,
    errors: { types: [InvalidInputError, AlreadyExistsError], directResult: true, union: { name: 'CreateClientResult' } },
    args: { input: t.arg({ type: CreateClientInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const name = requiredText('name', input.name, 'The client name');
      const partnerId = context.viewer.partnerId;
      const clash = await context.db.client.findFirst({
        where: { partnerId, name: { equals: name, mode: 'insensitive' } },
        select: { id: true },
      });
      if (clash) throw new AlreadyExistsError('name', `A client named "${name}" already exists.`);
      const client = await context.db.client.create({ data: { partnerId, name } });
      return { client };
    },
  }),
);
