/** The helpers the live checks share (server/src/checks/support/). */
import { describe, expect, it } from 'vitest';
import { endOfMonth, monthsBetween, parseOdooDate } from '../../../server/src/checks/support/dates.ts';
import { effectiveGroupIds, findGroup, groupsById } from '../../../server/src/checks/support/groups.ts';
import { isOdooModule } from '../../../server/src/checks/support/modules.ts';
import { hostScope, isLoopbackHost } from '../../../server/src/checks/support/network.ts';
import { intParameter } from '../../../server/src/checks/support/parameters.ts';
import { listNames } from '../../../server/src/checks/support/text.ts';
import { compareVersions } from '../../../server/src/checks/support/versions.ts';
import { GROUPS_18, USERS_18 } from './records.ts';

describe('Odoo dates', () => {
  it('reads datetimes, dates and months as UTC, and refuses what is not a date', () => {
    expect(parseOdooDate('2026-12-04 19:28:31')?.toISOString()).toBe('2026-12-04T19:28:31.000Z');
    expect(parseOdooDate('2025-05-06')?.toISOString()).toBe('2025-05-06T00:00:00.000Z');
    expect(parseOdooDate('2026-09')?.toISOString()).toBe('2026-09-01T00:00:00.000Z');
    expect(parseOdooDate(null)).toBeNull();
    expect(parseOdooDate('false')).toBeNull();
  });

  it('ends a month-precision date at the start of the next month', () => {
    expect(endOfMonth('2026-09')?.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(endOfMonth('2026-12')?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('counts whole calendar months', () => {
    const at = (s: string) => parseOdooDate(s)!;
    expect(monthsBetween(at('2025-05-06'), at('2026-12-04'))).toBe(18);
    expect(monthsBetween(at('2025-05-06'), at('2026-12-06'))).toBe(19);
    expect(monthsBetween(at('2026-12-04'), at('2025-05-06'))).toBe(-18);
  });
});

describe('groups', () => {
  it('finds groups by full name whatever the spacing around "/"', () => {
    expect(findGroup(GROUPS_18, 'Administration/Settings')?.id).toBe(4);
    expect(findGroup(GROUPS_18, 'Nope / Missing')).toBeUndefined();
  });

  it("closes a user's groups over their implications", () => {
    const byId = groupsById(GROUPS_18);
    const onlySettings = { ...USERS_18[7], groupIds: [4] };
    const effective = effectiveGroupIds(onlySettings, byId);
    expect([...effective].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 7, 13, 14, 19, 20, 37, 38, 40, 45]);
  });
});

describe('module authors', () => {
  it("recognises Odoo's own modules, co-authored ones included, and not the OCA", () => {
    expect(['Odoo S.A.', 'Odoo SA', 'Odoo', 'Odoo PS', 'Vauxoo, Odoo S.A.', 'Savoir-faire Linux; Odoo SA'].every((author) => isOdooModule({ author }))).toBe(true);
    expect(['Odoo Community Association (OCA)', 'ADHOC SA', 'Odoo House ApS', null].some((author) => isOdooModule({ author }))).toBe(false);
  });
});

describe('network scope', () => {
  it('tells loopback, private and public addresses apart', () => {
    expect(['http://127.0.0.1:8069', 'http://localhost:8069', 'http://[::1]:8069'].map(hostScope)).toEqual(['loopback', 'loopback', 'loopback']);
    expect(['http://10.0.0.5', 'http://192.168.1.2:8069', 'http://172.20.0.3', 'http://odoo:8069', 'http://erp.local'].map(hostScope)).toEqual([
      'private', 'private', 'private', 'private', 'private',
    ]);
    expect(['https://erp.example.com', 'http://172.32.0.1', 'http://8.8.8.8'].map(hostScope)).toEqual(['public', 'public', 'public']);
    expect([isLoopbackHost('localhost'), isLoopbackHost('::1'), isLoopbackHost('smtp.example.com'), isLoopbackHost(null)]).toEqual([true, true, false, false]);
  });
});

describe('small helpers', () => {
  it('reads integer parameters like Odoo, with a fallback for missing keys and null for masked or bad values', () => {
    const parameters = { a: '10', b: '***', c: 'ten', d: ' 3 ' };
    expect([intParameter(parameters, 'a', 5), intParameter(parameters, 'missing', 5), intParameter(parameters, 'b', 5), intParameter(parameters, 'c', 5), intParameter(parameters, 'd', 5)]).toEqual([
      10, 5, null, null, 3,
    ]);
  });

  it('compares module versions numerically', () => {
    expect(compareVersions('18.0.1.10', '18.0.1.9')).toBeGreaterThan(0);
    expect(compareVersions('18.0.1.3', '18.0.1.3')).toBe(0);
    expect(compareVersions('18.0.1', '18.0.1.0')).toBe(0);
  });

  it('shortens long name lists', () => {
    expect(listNames(['a', 'b', 'c'])).toBe('a, b, c');
    expect(listNames(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more');
  });
});
