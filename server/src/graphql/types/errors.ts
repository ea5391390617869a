/**
 * The typed errors of mutation results. Every one implements UserError { message code }, so a client
 * can always select `... on UserError { message }` and add fragments for the details it handles.
 */
import {
  AlreadyExistsError,
  ConnectionFailedError,
  InvalidInputError,
  InvalidTransitionError,
  NotFoundError,
  ScanInProgressError,
  UserError,
} from '../errors.ts';
import { builder } from '../builder.ts';
import { FindingStatusEnum } from './enums.ts';

export const UserErrorInterface = builder.interfaceRef<UserError>('UserError').implement({
  description: 'A mistake in what was asked, returned as data: the message says what to change.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code', { description: 'A stable code for programs: NOT_FOUND, INVALID_INPUT…' }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'No object of this type has this id (among those the API key may see).',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The id that was given.' }),
  }),
});

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The input field at fault, e.g. "url".' }),
  }),
});

builder.objectType(AlreadyExistsError, {
  name: 'AlreadyExistsError',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field'),
  }),
});

export const ConnectionFailureReason = builder.enumType('ConnectionFailureReason', {
  description: 'Where the connection test to an Odoo instance failed.',
  values: {
    unreachable: { description: 'DNS, refused connection or timeout.' },
    tls: { description: 'TLS certificate or handshake failure.' },
    not_odoo: { description: 'The address answered, but not as Odoo.' },
    malformed_response: { description: 'Odoo answered something that could not be read.' },
    unknown_database: { description: 'No database of this name on the server.' },
    bad_credentials: { description: 'The login or the password/API key was refused.' },
    totp_required: { description: 'The user has two-factor authentication: use an API key.' },
    access_denied: { description: 'The user may not read what the scan needs.' },
    unknown_model: {},
    unknown_field: {},
    fault: { description: 'Any other Odoo error.' },
  } as const,
});

builder.objectType(ConnectionFailedError, {
  name: 'ConnectionFailedError',
  description: 'The connection test failed: nothing was stored.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    reason: t.field({ type: ConnectionFailureReason, resolve: (error) => error.reason }),
  }),
});

builder.objectType(ScanInProgressError, {
  name: 'ScanInProgressError',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    scanId: t.id({
      description: 'Global id of the scan already queued or running.',
      resolve: (error) => error.scanId,
    }),
  }),
});

builder.objectType(InvalidTransitionError, {
  name: 'InvalidTransitionError',
  description: 'The finding cannot go from its current status to the one asked for.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    from: t.field({ type: FindingStatusEnum, resolve: (error) => error.from }),
    to: t.field({ type: FindingStatusEnum, resolve: (error) => error.to }),
  }),
});
