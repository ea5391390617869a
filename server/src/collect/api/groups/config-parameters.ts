/** ir.config_parameter: system parameters, with anything that looks secret masked before it enters the facts. */
import { str, type OdooRecord } from '../values.ts';
import { defineReader } from '../reader.ts';

export const MASKED = '***';

const SECRET_KEY = /secret|password|token|uuid|key/i;

/**
 * Settings whose names look secret but hold policy values the checks need (a length, a yes/no flag).
 * Anything not listed here that matches SECRET_KEY stays masked.
 */
const POLICY_PARAMETERS = new Set([
  'auth_password_policy.minlength',
  'auth_signup.reset_password',
  'auth_totp.policy',
]);

export function isSecretParameter(key: string): boolean {
  return SECRET_KEY.test(key) && !POLICY_PARAMETERS.has(key);
}

export function mapConfigParameters(records: OdooRecord[]): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const record of records) {
    const key = str(record.key);
    if (!key) continue;
    parameters[key] = isSecretParameter(key) ? MASKED : (str(record.value) ?? '');
  }
  return parameters;
}

export const configParametersReader = defineReader({
  key: 'configParameters',
  model: 'ir.config_parameter',
  read: async ({ session }) =>
    mapConfigParameters(await session.searchRead('ir.config_parameter', [], ['key', 'value'], { order: 'key' })),
});
