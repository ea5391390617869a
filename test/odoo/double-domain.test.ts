/**
 * The double's domain evaluation: Odoo's prefix notation and operators on records shaped as Odoo
 * sends them (false for empty, [id, name] for many2one, id lists for x2many).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CannotAnswer, evaluate, implies, normalizeDomain, parseDomain, withActiveTest, type OdooRecord,
} from '../support/odoo-double/domain.ts';

const cron: OdooRecord = {
  id: 7,
  name: 'Mail: Email Queue Manager',
  active: true,
  priority: 5,
  nextcall: '2024-01-15 02:00:00',
  user_id: [1, 'OdooBot'],
  model_id: false,
  group_ids: [3, 4],
  code: false,
  tags: [],
};

const matches = (domain: unknown[], record: OdooRecord = cron) => evaluate(parseDomain(domain), record);

describe('domain evaluation', () => {
  it('joins top-level terms with AND, and reads & | ! in prefix notation', () => {
    expect(matches([])).toBe(true);
    expect(matches([['active', '=', true], ['priority', '=', 5]])).toBe(true);
    expect(matches([['active', '=', true], ['priority', '=', 6]])).toBe(false);
    expect(matches(['|', ['priority', '=', 6], ['name', 'ilike', 'queue']])).toBe(true);
    expect(matches(['!', ['priority', '=', 5]])).toBe(false);
    expect(matches(['&', '!', ['priority', '=', 6], '|', ['id', '=', 1], ['id', '=', 7]])).toBe(true);
    expect(matches(['|', '&', ['id', '=', 1], ['id', '=', 7], ['active', '=', false]])).toBe(false);
  });

  it('knows the TRUE and FALSE leaves', () => {
    expect(matches([[1, '=', 1]])).toBe(true);
    expect(matches([[0, '=', 1]])).toBe(false);
  });

  it('treats false as "empty" and never lets an empty value compare', () => {
    expect(matches([['model_id', '=', false]])).toBe(true);
    expect(matches([['tags', '=', false]])).toBe(true);
    expect(matches([['user_id', '!=', false]])).toBe(true);
    expect(matches([['code', '<', 'z']])).toBe(false);
    expect(matches([['code', '>=', '']])).toBe(false);
    expect(matches([['code', 'in', [false, 'x']]])).toBe(true);
  });

  it('compares many2one values by id, or by name when given text', () => {
    expect(matches([['user_id', '=', 1]])).toBe(true);
    expect(matches([['user_id', 'in', [2, 3]]])).toBe(false);
    expect(matches([['user_id', '=', 'OdooBot']])).toBe(true);
    expect(matches([['user_id', 'ilike', 'bot']])).toBe(true);
  });

  it('matches x2many values when any id matches', () => {
    expect(matches([['group_ids', '=', 4]])).toBe(true);
    expect(matches([['group_ids', 'in', [9, 3]]])).toBe(true);
    expect(matches([['group_ids', 'not in', [3]]])).toBe(false);
    expect(matches([['group_ids', '!=', 5]])).toBe(true);
  });

  it('orders text (dates) and numbers, with in / not in', () => {
    expect(matches([['nextcall', '<', '2026-12-04 00:00:00']])).toBe(true);
    expect(matches([['nextcall', '>', '2024-01-15 02:00:00']])).toBe(false);
    expect(matches([['nextcall', '>=', '2024-01-15 02:00:00']])).toBe(true);
    expect(matches([['priority', '<=', 4]])).toBe(false);
    expect(matches([['priority', 'in', [1, 5]]])).toBe(true);
    expect(matches([['priority', 'not in', [1, 5]]])).toBe(false);
  });

  it('follows like / ilike (substring) and =like / =ilike (whole pattern with % and _)', () => {
    expect(matches([['name', 'like', 'Queue']])).toBe(true);
    expect(matches([['name', 'like', 'queue']])).toBe(false);
    expect(matches([['name', 'ilike', 'queue']])).toBe(true);
    expect(matches([['name', '=like', 'Mail:%']])).toBe(true);
    expect(matches([['name', '=like', 'Queue%']])).toBe(false);
    expect(matches([['name', '=ilike', 'mail: email queue manage_']])).toBe(true);
    expect(matches([['name', 'like', 'a.b']])).toBe(false); // a dot is not a wildcard
    expect(matches([['code', 'not ilike', 'sudo']])).toBe(true); // empty values pass negative operators, as in SQL with Odoo's OR NULL
  });

  it("treats '=?' with false as no condition", () => {
    expect(matches([['priority', '=?', false]])).toBe(true);
    expect(matches([['priority', '=?', 6]])).toBe(false);
  });

  it('refuses what it cannot evaluate faithfully instead of guessing', () => {
    expect(() => matches([['user_id.login', '=', 'admin']])).toThrow(CannotAnswer);
    expect(() => matches([['id', 'child_of', 1]])).toThrow(CannotAnswer);
    expect(() => matches([['x_unknown', '=', 1]])).toThrow(CannotAnswer);
    expect(() => matches(['|', ['id', '=', 1]])).toThrow(CannotAnswer);
    expect(() => matches([['id', '=']])).toThrow(CannotAnswer);
    expect(() => matches([['nextcall', '<', 5]])).toThrow(CannotAnswer);
  });

  it("hides archived records like Odoo's active_test, unless the domain mentions active", () => {
    const archived = { ...cron, active: false };
    const visible = (domain: unknown[], activeTest: boolean) => evaluate(withActiveTest(parseDomain(domain), true, activeTest), archived);
    expect(visible([], true)).toBe(false);
    expect(visible([], false)).toBe(true);
    expect(visible([['active', '=', false]], true)).toBe(true);
    expect(visible(['|', ['active', '=', true], ['active', '=', false]], true)).toBe(true);
    expect(evaluate(withActiveTest(parseDomain([]), false, true), archived)).toBe(true); // a model without active
  });

  it("writes implicit ANDs out like Odoo's normalize_domain", () => {
    const a = ['a', '=', 1];
    const b = ['b', '=', 2];
    const c = ['c', '=', 3];
    expect(normalizeDomain([a, b])).toEqual(['&', a, b]);
    expect(normalizeDomain([a, b, c])).toEqual(['&', '&', a, b, c]);
    expect(normalizeDomain(['|', a, b, c])).toEqual(['&', '|', a, b, c]);
    expect(normalizeDomain(['!', a, b])).toEqual(['&', '!', a, b]);
  });

  it('decides whether a query selects only records of a recorded slice', () => {
    const slice = parseDomain([['state', '=', 'code']]);
    expect(implies(parseDomain([['state', '=', 'code'], ['usage', '=', 'ir_cron']]), slice)).toBe(true);
    expect(implies(parseDomain([['state', 'in', ['code']]]), slice)).toBe(true);
    expect(implies(parseDomain([]), slice)).toBe(false);
    expect(implies(parseDomain(['|', ['state', '=', 'code'], ['usage', '=', 'x']]), slice)).toBe(false);
    expect(implies(parseDomain([['id', 'in', [3, 5]]]), parseDomain([['id', 'in', [1, 3, 5]]]))).toBe(true);
    expect(implies(parseDomain([['id', 'in', [3, 9]]]), parseDomain([['id', 'in', [1, 3, 5]]]))).toBe(false);
    expect(implies(parseDomain([['x', '=', 1]]), parseDomain([]))).toBe(true);
  });
});

describe('domain evaluation laws', () => {
  const leaf = fc.constantFrom<unknown[]>(
    ['priority', '=', 5], ['priority', '>', 3], ['active', '=', true], ['name', 'ilike', 'mail'],
    ['user_id', 'in', [1, 2]], ['model_id', '=', false], ['group_ids', '=', 3], ['nextcall', '<', '2025-01-01'],
  );
  const record = fc.record({
    id: fc.nat(),
    priority: fc.integer({ min: 0, max: 9 }),
    active: fc.boolean(),
    name: fc.constantFrom('Mail: queue', 'Base: vacuum', 'Custom'),
    user_id: fc.oneof(fc.constant(false), fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constant('u'))),
    model_id: fc.oneof(fc.constant(false), fc.tuple(fc.nat(), fc.constant('m'))),
    group_ids: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 3 }),
    nextcall: fc.oneof(fc.constant(false), fc.constantFrom('2024-01-15 02:00:00', '2026-12-05 19:22:48')),
  });

  it("negation follows De Morgan's laws and normalisation changes nothing", () => {
    fc.assert(
      fc.property(leaf, leaf, leaf, record, (a, b, c, r) => {
        const rec = r as OdooRecord;
        const notAnd = matches(['!', '&', a, b], rec);
        const orNots = matches(['|', '!', a, '!', b], rec);
        const implicit = matches([a, '|', b, c], rec);
        return notAnd === orNots && implicit === matches(normalizeDomain([a, '|', b, c]), rec) && implicit === (matches([a], rec) && (matches([b], rec) || matches([c], rec)));
      }),
    );
  });
});
