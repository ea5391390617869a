/**
 * Odoo's errors as the double raises them, with the texts recorded from the real servers: each
 * fault carries its XML-RPC form (faultCode + faultString) and its JSON-RPC `error.data` form.
 */
import type { SeriesFixtures } from './fixtures.ts';

export interface JsonErrorData {
  name: string;
  debug: string;
  message: string;
  arguments: unknown[];
  context: Record<string, unknown>;
}

export interface DoubleFault {
  faultCode: number;
  faultString: string;
  json: JsonErrorData;
}

export class FaultError extends Error {
  constructor(readonly fault: DoubleFault) {
    super(fault.faultString);
    this.name = 'FaultError';
  }
}

export const CANNOT_ANSWER_PREFIX = 'odoo-double cannot answer';

function notRecordedTrace(exception: string, message: string): string {
  return `Traceback (most recent call last):\n  (traceback not recorded: served by odoo-double)\n${exception}: ${message}\n`;
}

function dataOf(exception: string, message: string, debug: string): JsonErrorData {
  return { name: exception, debug, message, arguments: [message], context: {} };
}

export interface Faults {
  accessDenied(): DoubleFault;
  accessError(model: string, description: string | null): DoubleFault;
  unknownModel(model: string): DoubleFault;
  unknownField(model: string, field: string): DoubleFault;
  unknownDatabase(database: string): DoubleFault;
  cannotAnswer(call: string, reason: string): DoubleFault;
}

function fixtureFault(fixtures: SeriesFixtures, file: string) {
  const fixture = fixtures.rpc.find((f) => f.file === file);
  if (!fixture?.fault) throw new Error(`odoo-double: fixture ${file} is missing for ${fixtures.series}`);
  return fixture.fault;
}

function rawJsonError(fixtures: SeriesFixtures, file: string): JsonErrorData {
  const raw = fixtures.http.get(file);
  if (!raw) throw new Error(`odoo-double: fixture ${file} is missing for ${fixtures.series}`);
  return (JSON.parse(raw.response.body) as { error: { data: JsonErrorData } }).error.data;
}

export function faultsFor(fixtures: SeriesFixtures): Faults {
  const wrongPassword = fixtureFault(fixtures, 'xmlrpc.object.error.wrong_password.json');
  const badCredentialsJson = rawJsonError(fixtures, 'raw.jsonrpc.object.error_bad_credentials.json');
  const accessJson = rawJsonError(fixtures, 'raw.jsonrpc.object.error_access.json');
  const unknownFieldUsers = fixtureFault(fixtures, 'xmlrpc.object.error.unknown_field.json');
  const unknownFieldGeneric = fixtureFault(fixtures, 'xmlrpc.object.ir.cron.search_read.cross_version_fields.json');
  const unknownDb = fixtureFault(fixtures, 'xmlrpc.common.authenticate.unknown_db.json');

  // AccessError texts recorded per model (portal user on ir.module.module / ir.config_parameter, ir.cron over JSON-RPC)
  const recordedAccessTexts = new Map<string, string>();
  for (const fixture of fixtures.rpc) {
    if (fixture.fault?.faultCode === 4 && fixture.fault.faultString.startsWith('You are not allowed to access') && fixture.request.model) {
      recordedAccessTexts.set(fixture.request.model, fixture.fault.faultString);
    }
  }
  const accessModel = /\(([a-z0-9_.]+)\) records\./.exec(accessJson.message)?.[1];
  if (accessModel) recordedAccessTexts.set(accessModel, accessJson.message);
  const accessDebugPrefix = accessJson.debug.slice(0, accessJson.debug.indexOf('odoo.exceptions.AccessError: ') + 'odoo.exceptions.AccessError: '.length);

  return {
    accessDenied: () => ({ faultCode: wrongPassword.faultCode, faultString: wrongPassword.faultString, json: badCredentialsJson }),

    accessError(model, description) {
      const text =
        recordedAccessTexts.get(model) ??
        // Odoo's wording when no group grants the access (the double does not know the real groups)
        `You are not allowed to access '${description ?? model}' (${model}) records.\n\nNo group currently allows this operation.\n\nContact your administrator to request access if necessary.`;
      return { faultCode: 4, faultString: text, json: dataOf('odoo.exceptions.AccessError', text, `${accessDebugPrefix}${text}\n`) };
    },

    unknownModel(model) {
      const text = `Object ${model} doesn't exist`;
      return { faultCode: 2, faultString: text, json: dataOf('odoo.exceptions.UserError', text, notRecordedTrace('odoo.exceptions.UserError', text)) };
    },

    unknownField(model, field) {
      const template = model === 'res.users' ? unknownFieldUsers : unknownFieldGeneric;
      const message = `Invalid field '${field}' on model '${model}'`;
      const trace = template.faultString.replace(template.faultString_last_line, `ValueError: ${message}`);
      return { faultCode: template.faultCode, faultString: trace, json: dataOf('builtins.ValueError', message, trace) };
    },

    unknownDatabase(database) {
      const trace = unknownDb.faultString.replaceAll('no_such_db', database);
      const message = `${unknownDb.faultString_last_line.replace('psycopg2.OperationalError: ', '').replaceAll('no_such_db', database)}\n`;
      return { faultCode: unknownDb.faultCode, faultString: trace, json: dataOf('psycopg2.OperationalError', message, trace) };
    },

    cannotAnswer(call, reason) {
      const text = `${CANNOT_ANSWER_PREFIX} ${call}: ${reason}`;
      return { faultCode: 1, faultString: text, json: dataOf('odoo_double.CannotAnswer', text, `${text}\n`) };
    },
  };
}
