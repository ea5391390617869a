/**
 * Instance: one Odoo instance (URL + database) that is scanned. Queries `instances`, `instance`;
 * mutations `registerInstance`, `updateInstance`, `removeInstance`.
 *
 * The instance secret is write-only: it is accepted by the mutations, encrypted at once (with the
 * instance id as authenticated context) and never selected, returned or logged.
 */
import type { Prisma, Protocol, SecretKind } from '../../db/client.ts';
import { decryptSecret, encryptSecret } from '../../security/secrets.ts';
import { ownRow, viewerPartnerId } from '../access.ts';
import type { GraphQLContext } from '../context.ts';
import { builder, type AuthenticatedContext, type InstanceRow } from '../builder.ts';
import { testConnection, type ConnectionSettings } from '../data/connection-test.ts';
import { instanceUrl, requiredText, scanSchedule, tagList } from '../data/instance-input.ts';
import { ownActiveInstance } from '../data/own-instance.ts';
import { notRemoved, removeInstanceRow } from '../data/removal.ts';
import { hasLatestScanFilter, instanceIdsByLatestScan, loadInstanceScans, type InstanceScans, type InstanceStatus } from '../data/scans.ts';
import { uuidv7 } from '../data/uuid.ts';
import { AlreadyExistsError, ConnectionFailedError, InvalidInputError, NotFoundError } from '../errors.ts';
import { argumentId, inputId, localId } from '../ids.ts';
import { ProtocolEnum, SecretKindEnum } from './enums.ts';
import { ScanRef } from './scan.ts';

export const InstanceStatusEnum = builder.enumType('InstanceStatus', {
  description: "The status of the instance's latest scan, or never_scanned.",
  values: ['never_scanned', 'queued', 'running', 'succeeded', 'partial', 'failed'] as const,
});

/** The secret's encryption context: a ciphertext copied onto another instance does not decrypt. */
export function instanceSecretContext(instanceId: string): string {
  return `instance:${instanceId}`;
}

/**
 * The instance's latest and current scan, loaded with those of the other instances resolved at the
 * same time (a page, a portfolio list, an event's subscribers) rather than through the `scans`
 * relation, which Prisma would read whole for every instance before keeping one row.
 */
function scansOf(instance: { id: string }, context: GraphQLContext): Promise<InstanceScans> {
  return loadInstanceScans(context.db, viewerPartnerId(context), instance.id);
}

export const InstanceRef = builder.prismaNode('Instance', {
  description: 'An Odoo instance (URL + database) that is scanned. Its secret is never returned.',
  id: { field: 'id' },
  nullable: true,
  findUnique: ownRow,
  select: { id: true },
  fields: (t) => ({
    name: t.exposeString('name'),
    url: t.exposeString('url', { description: 'Base URL, without a trailing slash.' }),
    database: t.exposeString('database'),
    login: t.exposeString('login', { description: 'The (read-only) Odoo user the scans log in as.' }),
    protocol: t.expose('protocol', { type: ProtocolEnum }),
    secretKind: t.expose('secretKind', { type: SecretKindEnum }),
    schedule: t.exposeString('schedule', {
      nullable: true,
      description: "daily, weekly or a cron expression, in the partner's time zone; null = scanned on demand only.",
    }),
    tags: t.exposeStringList('tags'),
    onboardedAt: t.expose('onboardedAt', { type: 'DateTime' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    removedAt: t.expose('removedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the instance was removed (its history is kept); null while it is in service.',
    }),
    client: t.relation('client'),
    status: t.field({
      type: InstanceStatusEnum,
      resolve: async (instance, _args, context): Promise<InstanceStatus> => (await scansOf(instance, context)).latest?.status ?? 'never_scanned',
    }),
    score: t.float({
      nullable: true,
      description: 'The Pulse Score (0–100) of the last scan that produced one.',
      resolve: async (instance, _args, context) => (await scansOf(instance, context)).current?.score ?? null,
    }),
    grade: t.string({
      nullable: true,
      description: 'The grade (A–F) that goes with `score`.',
      resolve: async (instance, _args, context) => (await scansOf(instance, context)).current?.grade ?? null,
    }),
    latestScan: t.field({
      type: ScanRef,
      nullable: true,
      description: 'The scan queued last, whatever its status.',
      resolve: async (instance, _args, context) => (await scansOf(instance, context)).latest,
    }),
    currentScan: t.field({
      type: ScanRef,
      nullable: true,
      description: 'The last finished scan that produced a score (its score is `score`).',
      resolve: async (instance, _args, context) => (await scansOf(instance, context)).current,
    }),
  }),
});

// -----------------------------------------------------------------------------------------------
// Queries

const InstanceFilter = builder.inputType('InstanceFilter', {
  fields: (t) => ({
    clientId: t.id({ required: false }),
    tag: t.string({ required: false, description: 'Only instances with this tag.' }),
    minScore: t.float({ required: false, description: 'Current score at least this (unscored instances excluded).' }),
    maxScore: t.float({ required: false, description: 'Current score at most this (unscored instances excluded).' }),
    status: t.field({ type: [InstanceStatusEnum], required: false, description: "Latest scan's status is one of these." }),
    search: t.string({ required: false, description: 'Name or URL contains this text (any case).' }),
    includeRemoved: t.boolean({ required: false, defaultValue: false }),
  }),
});

type InstanceFilterInput = typeof InstanceFilter.$inferInput;

async function instanceWhere(context: AuthenticatedContext, filter: InstanceFilterInput | null | undefined): Promise<Prisma.InstanceWhereInput> {
  const partnerId = context.viewer.partnerId;
  const conditions: Prisma.InstanceWhereInput[] = [{ partnerId }];
  if (!filter?.includeRemoved) conditions.push(notRemoved());
  if (filter?.clientId) conditions.push({ clientId: argumentId(String(filter.clientId), 'Client') });
  if (filter?.tag) conditions.push({ tags: { has: filter.tag } });
  const search = filter?.search?.trim();
  if (search) {
    conditions.push({ OR: [{ name: { contains: search, mode: 'insensitive' } }, { url: { contains: search, mode: 'insensitive' } }] });
  }
  const latest = { statuses: filter?.status, minScore: filter?.minScore, maxScore: filter?.maxScore };
  if (hasLatestScanFilter(latest)) conditions.push({ id: { in: await instanceIdsByLatestScan(context.db, partnerId, latest) } });
  return { AND: conditions };
}

builder.queryFields((t) => ({
  instances: t.withAuth({ read: true }).prismaConnection({
    type: InstanceRef,
    description: "The partner's instances, by name; removed ones only when asked.",
    cursor: 'id',
    args: { filter: t.arg({ type: InstanceFilter, required: false }) },
    resolve: async (query, _root, args, context) =>
      context.db.instance.findMany({ ...query, where: await instanceWhere(context, args.filter), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    totalCount: async (_root, args, context) => context.db.instance.count({ where: await instanceWhere(context, args.filter) }),
  }),
  instance: t.withAuth({ read: true }).prismaField({
    type: InstanceRef,
    nullable: true,
    description: 'One instance by id (also a removed one, whose history is kept); null when there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, context) => {
      const id = localId(String(args.id), 'Instance');
      return id ? context.db.instance.findFirst({ ...query, where: { id, partnerId: context.viewer.partnerId } }) : null;
    },
  }),
}));

// -----------------------------------------------------------------------------------------------
// Mutations

const RegisterInstanceInput = builder.inputType('RegisterInstanceInput', {
  fields: (t) => ({
    clientId: t.id({ required: true }),
    name: t.string({ required: true }),
    url: t.string({ required: true, description: 'Base URL, e.g. https://erp.example.com.' }),
    database: t.string({ required: true }),
    login: t.string({ required: true, description: 'Login of a (read-only) Odoo user the scans log in as.' }),
    secret: t.string({ required: true, description: "That user's password or Odoo API key. Stored encrypted, never returned." }),
    secretKind: t.field({ type: SecretKindEnum, required: false, defaultValue: 'password' }),
    protocol: t.field({ type: ProtocolEnum, required: false, defaultValue: 'xmlrpc' }),
    schedule: t.string({ required: false, description: 'daily, weekly, or a cron expression (partner time zone) such as "30 2 * * *"; at most hourly. Omit for on demand.' }),
    tags: t.stringList({ required: false }),
    onboardedAt: t.field({ type: 'DateTime', required: false, description: 'Start of the SLA onboarding period (default: now).' }),
  }),
});

const UpdateInstanceInput = builder.inputType('UpdateInstanceInput', {
  description: 'Only the fields given change. Changing url, database, login, secret, secretKind or protocol tests the connection first.',
  fields: (t) => ({
    clientId: t.id({ required: false }),
    name: t.string({ required: false }),
    url: t.string({ required: false }),
    database: t.string({ required: false }),
    login: t.string({ required: false }),
    secret: t.string({ required: false }),
    secretKind: t.field({ type: SecretKindEnum, required: false }),
    protocol: t.field({ type: ProtocolEnum, required: false }),
    schedule: t.string({ required: false, description: 'null or "" clears it (on demand only).' }),
    tags: t.stringList({ required: false }),
  }),
});

const InstanceSuccess = builder.objectRef<{ instance: InstanceRow }>('InstanceSuccess').implement({
  description: 'The instance as stored.',
  fields: (t) => ({
    instance: t.field({ type: InstanceRef, resolve: (result) => result.instance }),
  }),
});

const RemoveInstanceSuccess = builder.objectRef<{ instanceId: string; purged: boolean }>('RemoveInstanceSuccess').implement({
  fields: (t) => ({
    removedInstanceId: t.id({ resolve: (result) => result.instanceId }),
    purged: t.boolean({ description: 'True when its scans and findings were deleted too.', resolve: (result) => result.purged }),
  }),
});

async function partnerTimezone(context: AuthenticatedContext): Promise<string> {
  const partner = await context.db.partner.findUniqueOrThrow({ where: { id: context.viewer.partnerId }, select: { timezone: true } });
  return partner.timezone;
}

async function ownClientId(context: AuthenticatedContext, clientGlobalId: string, field: string): Promise<string> {
  const clientId = inputId(clientGlobalId, 'Client', field);
  const client = await context.db.client.findFirst({ where: { id: clientId, partnerId: context.viewer.partnerId }, select: { id: true } });
  if (!client) throw new NotFoundError('Client', clientGlobalId);
  return clientId;
}

async function assertNameFree(context: AuthenticatedContext, clientId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await context.db.instance.findFirst({
    where: { clientId, name, partnerId: context.viewer.partnerId, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { removedAt: true },
  });
  if (!clash) return;
  throw new AlreadyExistsError(
    'name',
    clash.removedAt
      ? `A removed instance of this client is still named "${name}" (its history is kept): choose another name, or purge it.`
      : `This client already has an instance named "${name}".`,
  );
}

const CONNECTION_FIELDS = ['url', 'database', 'login', 'secret', 'secretKind', 'protocol'] as const;

builder.mutationFields((t) => ({
  registerInstance: t.withAuth({ write: true }).field({
    description: 'Registers an instance (write scope) after logging in to it once: a failed login is a ConnectionFailedError and nothing is stored.',
    type: InstanceSuccess,
    errors: {
      types: [InvalidInputError, NotFoundError, AlreadyExistsError, ConnectionFailedError],
      directResult: true,
      union: { name: 'RegisterInstanceResult' },
    },
    args: { input: t.arg({ type: RegisterInstanceInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const settings: ConnectionSettings = {
        url: instanceUrl(input.url),
        database: requiredText('database', input.database, 'The database name', 63),
        login: requiredText('login', input.login, 'The login'),
        secret: input.secret,
        secretKind: (input.secretKind ?? 'password') as SecretKind,
        protocol: (input.protocol ?? 'xmlrpc') as Protocol,
      };
      if (!settings.secret.trim()) throw new InvalidInputError('secret', "Give the Odoo user's password or API key.");
      const name = requiredText('name', input.name, 'The instance name');
      const tags = tagList(input.tags ?? []);
      const schedule = scanSchedule(input.schedule, await partnerTimezone(context));
      const clientId = await ownClientId(context, String(input.clientId), 'clientId');
      await assertNameFree(context, clientId, name);
      await testConnection(context.connect, settings);
      const id = uuidv7(context.now());
      const { secret, ...visible } = settings;
      const instance = await context.db.instance.create({
        data: {
          id,
          partnerId: context.viewer.partnerId,
          clientId,
          name,
          ...visible,
          secret: encryptSecret(secret, context.keyring, instanceSecretContext(id)),
          schedule,
          tags,
          ...(input.onboardedAt ? { onboardedAt: input.onboardedAt } : {}),
        },
      });
      context.log.info('instance registered', { partner: context.viewer.partnerId, instance: id });
      return { instance };
    },
  }),
  updateInstance: t.withAuth({ write: true }).field({
    description: 'Changes an instance (write scope). New connection settings are tested first; when the test fails nothing changes.',
    type: InstanceSuccess,
    errors: {
      types: [InvalidInputError, NotFoundError, AlreadyExistsError, ConnectionFailedError],
      directResult: true,
      union: { name: 'UpdateInstanceResult' },
    },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateInstanceInput, required: true }) },
    resolve: async (_root, args, context) => {
      const { input } = args;
      const current = await ownActiveInstance(context, String(args.id), 'id', true); // the stored secret, to test changed connection settings
      const data: Prisma.InstanceUncheckedUpdateInput = {};
      const clientId = input.clientId != null ? await ownClientId(context, String(input.clientId), 'input.clientId') : current.clientId;
      if (clientId !== current.clientId) data.clientId = clientId;
      const name = input.name != null ? requiredText('name', input.name, 'The instance name') : current.name;
      if (name !== current.name) data.name = name;
      if (data.name !== undefined || data.clientId !== undefined) await assertNameFree(context, clientId, name, current.id);
      if (input.tags != null) data.tags = tagList(input.tags);
      if (input.schedule !== undefined) data.schedule = scanSchedule(input.schedule, await partnerTimezone(context));

      if (CONNECTION_FIELDS.some((field) => input[field] != null)) {
        if (input.secret != null && !input.secret.trim()) throw new InvalidInputError('secret', "Give the Odoo user's password or API key.");
        const settings: ConnectionSettings = {
          url: input.url != null ? instanceUrl(input.url) : current.url,
          database: input.database != null ? requiredText('database', input.database, 'The database name', 63) : current.database,
          login: input.login != null ? requiredText('login', input.login, 'The login') : current.login,
          secret: input.secret ?? decryptSecret(current.secret, context.keyring, instanceSecretContext(current.id)),
          secretKind: (input.secretKind ?? current.secretKind) as SecretKind,
          protocol: (input.protocol ?? current.protocol) as Protocol,
        };
        await testConnection(context.connect, settings);
        const { secret, ...visible } = settings;
        Object.assign(data, visible);
        if (input.secret != null) data.secret = encryptSecret(secret, context.keyring, instanceSecretContext(current.id));
      }
      const instance = Object.keys(data).length
        ? await context.db.instance.update({ where: { id: current.id }, data })
        : current;
      return { instance };
    },
  }),
  removeInstance: t.withAuth({ write: true }).field({
    description:
      'Removes an instance (write scope): it is no longer scanned or listed, and its scans and findings are kept. With purge: true they are deleted with it.',
    type: RemoveInstanceSuccess,
    errors: { types: [InvalidInputError, NotFoundError], directResult: true, union: { name: 'RemoveInstanceResult' } },
    args: {
      id: t.arg.id({ required: true }),
      purge: t.arg.boolean({ required: false, defaultValue: false, description: 'Also delete its scans and findings, for good.' }),
    },
    resolve: async (_root, args, context) => {
      const purge = args.purge ?? false;
      const id = inputId(String(args.id), 'Instance', 'id');
      // A removed instance can still be purged; removing it twice is not an error.
      const instance = await context.db.instance.findFirst({ where: { id, partnerId: context.viewer.partnerId }, select: { removedAt: true } });
      if (!instance) throw new NotFoundError('Instance', String(args.id));
      if (purge || !instance.removedAt) await removeInstanceRow(context.db, id, { purge, now: context.now() });
      context.log.info(purge ? 'instance purged' : 'instance removed', { partner: context.viewer.partnerId, instance: id });
      return { instanceId: String(args.id), purged: purge };
    },
  }),
}));
