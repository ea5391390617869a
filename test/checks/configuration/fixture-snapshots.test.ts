/**
 * The configuration checks over the recorded fixture databases: web.base.url on the loopback address
 * (frozen), an SMTP relay on localhost:2525 where nothing listens, a second company without a country.
 */
import { describe, expect, it } from 'vitest';
import { configurationChecks } from '../../../server/src/checks/configuration/index.ts';
import { SNAPSHOT_SERIES, runOnSnapshot } from '../support/snapshots.ts';

describe.each(SNAPSHOT_SERIES)('configuration on the %s fixture database', (series) => {
  const run = runOnSnapshot(configurationChecks, series);

  it('reports the deliberate conditions, and nothing else', () => {
    expect(run.seen).toEqual([
      'configuration.base-url-not-public web.base.url',
      'configuration.company-without-country res.company:2',
      'configuration.mail-server-failing 1',
    ]);
    expect(run.find('configuration.mail-server-failing')?.object.label).toBe('Corporate SMTP relay');
    expect(run.find('configuration.company-without-country')?.object.label).toBe('Pulse Subsidiary Ltd');
  });

  it('does not apply the pre-17.0 catch-all parameter check', () => {
    expect(run.results.find((r) => r.checkId === 'configuration.catchall-domain-missing')?.status).toBe('not_applicable');
  });
});
