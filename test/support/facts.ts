/**
 * Builds Facts snapshots for check and scoring tests: every group "not collected" unless given.
 *
 *   const facts = factsWith({ crons: [cron({ name: 'x' })] }, { series: '18.0' });
 */
import { collected, emptyFacts, type Facts, type FactKey, type FactValue } from '../../server/src/facts/types.ts';

export type FactValues = { [K in FactKey]?: FactValue<K> };

export const TEST_NOW = '2026-12-04T20:00:00.000Z';

export function factsWith(values: FactValues, options: { series?: string; serverVersion?: string; now?: string } = {}): Facts {
  const facts = emptyFacts(
    { url: 'https://erp.example.com', database: 'prod', login: 'audit', protocol: 'xmlrpc' },
    options.now ?? TEST_NOW,
    'not collected in this test',
  );
  const series = options.series ?? '18.0';
  if (!('server' in values)) {
    const serverVersion = options.serverVersion ?? `${series}-20250506`;
    const build = /-(\d{4})(\d{2})(\d{2})$/.exec(serverVersion);
    facts.server = collected({
      serverVersion,
      series,
      versionInfo: [Number(series.split('.')[0]), 0, 0, 'final', 0, ''],
      edition: serverVersion.includes('+e') ? 'enterprise' : 'community',
      buildDate: build ? `${build[1]}-${build[2]}-${build[3]}` : null,
      saas: false,
      protocolVersion: 1,
    });
  }
  for (const [key, value] of Object.entries(values)) {
    (facts as unknown as Record<string, unknown>)[key] = collected(value);
  }
  return facts;
}
