import { expect } from 'vitest';
import { DIMENSIONS, SEVERITIES } from '../../server/src/checks/types.ts';
import type { SarifLog } from '../../server/src/report/sarif.ts';

/** The SARIF 2.1.0 properties code-scanning tools rely on, checked on any log. */
export function expectSarif210(log: SarifLog): void {
  expect(log.version).toBe('2.1.0');
  expect(log.$schema).toMatch(/sarif.*2\.1\.0/);
  expect(log.runs.length).toBeGreaterThan(0);
  for (const run of log.runs) {
    const driver = run.tool.driver;
    expect(driver.name).toBe('odoo-pulse');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    // informationUri is optional in SARIF 2.1.0; when present it must be an absolute URI.
    if (driver.informationUri !== undefined) expect(() => new URL(driver.informationUri as string)).not.toThrow();
    for (const rule of driver.rules) {
      expect(rule.id).toMatch(/^[a-z_]+\.[a-z0-9-]+$/);
      expect(rule.name).toMatch(/^[A-Za-z0-9]+$/);
      for (const text of [rule.shortDescription, rule.fullDescription, rule.help]) expect(text.text.length).toBeGreaterThan(0);
      expect(DIMENSIONS).toContain(rule.properties.dimension);
      expect(SEVERITIES).toContain(rule.properties.severity);
      expect(typeof rule.properties.effort).toBe('number');
    }
    for (const result of run.results) {
      expect(driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(['error', 'warning', 'note', 'none']).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(result.locations.length).toBeGreaterThan(0);
      for (const location of result.locations) {
        expect(location.physicalLocation ?? location.logicalLocations).toBeDefined();
        if (location.physicalLocation?.region) expect(location.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      }
      expect(Object.values(result.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    }
  }
}
