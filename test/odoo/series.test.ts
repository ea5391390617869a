import { describe, expect, it } from 'vitest';
import { compareSeries, parseServerVersion, seriesInRange } from '../../server/src/odoo/series.ts';

describe('Odoo series knowledge', () => {
  it('reads series, edition and nightly build date from the reported version', () => {
    expect(parseServerVersion('18.0-20250506')).toEqual({ series: '18.0', edition: 'community', buildDate: '2025-05-06', saas: false });
    expect(parseServerVersion('17.0+e-20240115')).toEqual({ series: '17.0', edition: 'enterprise', buildDate: '2024-01-15', saas: false });
    expect(parseServerVersion('saas~17.2+e')).toEqual({ series: '17.0', edition: 'enterprise', buildDate: null, saas: true });
    expect(parseServerVersion('16.0')).toEqual({ series: '16.0', edition: 'community', buildDate: null, saas: false });
    expect(parseServerVersion('not a version')).toBeNull();
  });

  it('compares series numerically, not as text', () => {
    expect(compareSeries('9.0', '10.0')).toBeLessThan(0);
    expect(compareSeries('18.0', '17.0')).toBeGreaterThan(0);
    expect(seriesInRange('17.0', { min: '16.0', max: '17.0' })).toBe(true);
    expect(seriesInRange('18.0', { max: '17.0' })).toBe(false);
    expect(seriesInRange('8.0', undefined)).toBe(true);
  });
});
