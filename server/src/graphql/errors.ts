/**
 * A user's mistakes, returned as typed data in mutation results (plugin-errors), never thrown as
 * GraphQL errors. Anything else thrown by a resolver is unexpected and masked by the server.
 *
 * NotFoundError is also what an id of another partner's object gives: the same message as for an id
 * that exists nowhere, so nothing confirms that it exists.
 */
import type { FindingStatus } from '../db/client.ts';
import type { OdooErrorKind } from '../odoo/types.ts';

export abstract class UserError extends Error {
  abstract readonly code: string;
}

export class NotFoundError extends UserError {
  override name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
  constructor(
    readonly typename: string,
    readonly id: string,
  ) {
    super(`No ${LABELS[typename] ?? typename} has the id ${JSON.stringify(id)}.`);
  }
}

/** One input field is wrong; the message says how to put it right. */
export class InvalidInputError extends UserError {
  override name = 'InvalidInputError';
  readonly code = 'INVALID_INPUT';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A name (or other unique value) is already used. */
export class AlreadyExistsError extends UserError {
  override name = 'AlreadyExistsError';
  readonly code = 'ALREADY_EXISTS';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The connection test before storing an instance failed; `reason` says at which step. */
export class ConnectionFailedError extends UserError {
  override name = 'ConnectionFailedError';
  readonly code = 'CONNECTION_FAILED';
  constructor(
    readonly reason: OdooErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export class ScanInProgressError extends UserError {
  override name = 'ScanInProgressError';
  readonly code = 'SCAN_IN_PROGRESS';
  constructor(readonly scanId: string) {
    super('A scan of this instance is already queued or running; wait for it to finish (subscribe to scanFinished).');
  }
}

/** A finding cannot go from its current status to the requested one. */
export class InvalidTransitionError extends UserError {
  override name = 'InvalidTransitionError';
  readonly code = 'INVALID_TRANSITION';
  constructor(
    readonly from: FindingStatus,
    readonly to: FindingStatus,
    message: string,
  ) {
    super(message);
  }
}

const LABELS: Record<string, string> = { Client: 'client', Instance: 'instance', Scan: 'scan', Finding: 'finding', ApiKey: 'API key' };
