/** The database's enums, exposed with the same lower-case values the JSON report uses. */
import { ApiScope, Dimension, FindingStatus, Protocol, ScanStatus, ScanTrigger, SecretKind, Severity } from '../../db/client.ts';
import { builder } from '../builder.ts';

export const ApiScopeEnum = builder.enumType(ApiScope, {
  name: 'ApiScope',
  description: 'What an API key may do: read (queries, subscriptions) < write (mutations) < admin (API keys).',
});
export const ProtocolEnum = builder.enumType(Protocol, { name: 'Protocol', description: 'How the server talks to Odoo.' });
export const SecretKindEnum = builder.enumType(SecretKind, {
  name: 'SecretKind',
  description: 'Whether the stored secret is the scanning user\'s password or an Odoo API key.',
});
export const ScanStatusEnum = builder.enumType(ScanStatus, { name: 'ScanStatus' });
export const ScanTriggerEnum = builder.enumType(ScanTrigger, { name: 'ScanTrigger' });
export const DimensionEnum = builder.enumType(Dimension, { name: 'Dimension', description: 'The nine dimensions of the Pulse Score.' });
export const SeverityEnum = builder.enumType(Severity, { name: 'Severity', description: 'From critical (worst) to info.' });
export const FindingStatusEnum = builder.enumType(FindingStatus, {
  name: 'FindingStatus',
  description: 'open → acknowledged → resolved (by a scan), or accepted_risk / false_positive (by a person); reopened when seen again.',
});

/** Severities from worst to mildest (the order of the database enum). */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** The severities at least as bad as `minimum`. */
export function severitiesAtLeast(minimum: Severity): Severity[] {
  return SEVERITY_ORDER.slice(0, SEVERITY_ORDER.indexOf(minimum) + 1);
}
