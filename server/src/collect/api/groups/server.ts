/** Server version facts, from what common.version reported when the session connected (no extra call). */
import type { ServerFacts } from '../../../facts/types.ts';
import type { VersionInfo } from '../../../odoo/types.ts';
import { parseServerVersion } from '../../../odoo/series.ts';
import { defineReader } from '../reader.ts';

export function mapServer(version: VersionInfo): ServerFacts {
  const parsed = parseServerVersion(version.server_version);
  return {
    serverVersion: version.server_version,
    series: parsed?.series ?? version.server_serie,
    versionInfo: Array.isArray(version.server_version_info) ? version.server_version_info : [],
    edition: parsed?.edition ?? (String(version.server_version_info?.[5] ?? '') === 'e' ? 'enterprise' : 'community'),
    buildDate: parsed?.buildDate ?? null,
    saas: parsed?.saas ?? false,
    protocolVersion: typeof version.protocol_version === 'number' ? version.protocol_version : null,
  };
}

export const serverReader = defineReader({
  key: 'server',
  model: 'common.version',
  read: async ({ session }) => mapServer(session.version),
});
