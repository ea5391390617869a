/**
 * Odoo domains for the double: parsing the prefix notation, evaluating it on in-memory records the
 * way Odoo's ORM does on PostgreSQL, and deciding whether a domain selects only records the double
 * knows (see `implies`).
 *
 * Anything the double cannot evaluate faithfully (dotted paths, child_of, fields it has no value for)
 * throws `CannotAnswer` rather than guessing.
 */

export type OdooRecord = Record<string, unknown>;
export type Leaf = [string, string, unknown];

export type DomainNode =
  | { kind: 'and' | 'or'; children: DomainNode[] }
  | { kind: 'not'; child: DomainNode }
  | { kind: 'leaf'; leaf: Leaf }
  | { kind: 'const'; value: boolean };

/** The double was asked something it has no recorded answer for. Becomes an `odoo-double cannot answer` fault. */
export class CannotAnswer extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CannotAnswer';
  }
}

const OPERATORS = new Set([
  '=', '!=', '<>', '<', '<=', '>', '>=', '=?', 'in', 'not in',
  'like', 'ilike', 'not like', 'not ilike', '=like', '=ilike',
]);

/** Parses an Odoo domain (implicit AND between top-level terms). Malformed domains throw CannotAnswer. */
export function parseDomain(domain: unknown): DomainNode {
  if (!Array.isArray(domain)) throw new CannotAnswer(`the domain ${JSON.stringify(domain)} is not a list`);
  let position = 0;
  const next = (): DomainNode => {
    if (position >= domain.length) throw new CannotAnswer(`the domain ${JSON.stringify(domain)} ends in the middle of an operator`);
    const token = domain[position++];
    if (token === '&' || token === '|') {
      const left = next();
      const right = next();
      return { kind: token === '&' ? 'and' : 'or', children: [left, right] };
    }
    if (token === '!') return { kind: 'not', child: next() };
    return parseTerm(token);
  };
  const terms: DomainNode[] = [];
  while (position < domain.length) terms.push(next());
  if (terms.length === 0) return { kind: 'const', value: true };
  return terms.length === 1 ? terms[0] : { kind: 'and', children: terms };
}

function parseTerm(token: unknown): DomainNode {
  if (!Array.isArray(token) || token.length !== 3) {
    throw new CannotAnswer(`the domain term ${JSON.stringify(token)} is not a [field, operator, value] triple`);
  }
  const [left, operator, right] = token as [unknown, unknown, unknown];
  // Odoo's TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1)
  if ((left === 1 || left === 0) && operator === '=' && right === 1) return { kind: 'const', value: left === 1 };
  if (typeof left !== 'string' || typeof operator !== 'string') {
    throw new CannotAnswer(`the domain term ${JSON.stringify(token)} is not a [field, operator, value] triple`);
  }
  const op = operator.toLowerCase();
  if (!OPERATORS.has(op)) throw new CannotAnswer(`the operator '${operator}' in ${JSON.stringify(token)} is not supported by the double`);
  if (left.includes('.')) throw new CannotAnswer(`the domain term ${JSON.stringify(token)} follows a relation (dotted path)`);
  return { kind: 'leaf', leaf: [left, op === '<>' ? '!=' : op, right] };
}

/** Every field name a domain mentions. */
export function domainFields(node: DomainNode): string[] {
  switch (node.kind) {
    case 'leaf': return [node.leaf[0]];
    case 'const': return [];
    case 'not': return domainFields(node.child);
    default: return node.children.flatMap(domainFields);
  }
}

/** Values as Odoo sends them: false for empty, [id, name] for many2one, [ids] for x2many. */
function isEmpty(value: unknown): boolean {
  return value === false || value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

function isMany2one(value: unknown): value is [number, string] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'string';
}

function isIdList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}

function scalarEquals(recordValue: unknown, wanted: unknown): boolean {
  if (typeof recordValue === 'boolean' && typeof wanted === 'number') return recordValue === (wanted !== 0);
  if (typeof recordValue === 'number' && typeof wanted === 'boolean') return (recordValue !== 0) === wanted;
  return recordValue === wanted;
}

function equals(recordValue: unknown, wanted: unknown): boolean {
  if (wanted === false || wanted === null) return isEmpty(recordValue);
  if (isEmpty(recordValue)) return false;
  if (isMany2one(recordValue)) return typeof wanted === 'string' ? recordValue[1] === wanted : recordValue[0] === wanted;
  if (isIdList(recordValue)) return recordValue.includes(wanted as number);
  return scalarEquals(recordValue, wanted);
}

function likeToRegExp(pattern: string, wrap: boolean, caseInsensitive: boolean): RegExp {
  let source = '';
  for (const char of pattern) {
    if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(wrap ? `^.*${source}.*$` : `^${source}$`, caseInsensitive ? 'is' : 's');
}

function like(recordValue: unknown, pattern: unknown, operator: string): boolean {
  if (typeof pattern !== 'string') throw new CannotAnswer(`'${operator}' needs a text value, got ${JSON.stringify(pattern)}`);
  const text = isMany2one(recordValue) ? recordValue[1] : recordValue;
  if (isEmpty(text)) return false;
  if (typeof text !== 'string') throw new CannotAnswer(`'${operator}' on a non-text value ${JSON.stringify(recordValue)}`);
  const exact = operator.startsWith('=');
  return likeToRegExp(pattern, !exact, operator.includes('ilike')).test(text);
}

function compare(recordValue: unknown, wanted: unknown, operator: string): boolean {
  if (isEmpty(recordValue) || wanted === false || wanted === null) return false; // SQL NULL never compares
  const value = isMany2one(recordValue) ? recordValue[0] : recordValue;
  if (typeof value !== typeof wanted || (typeof value !== 'number' && typeof value !== 'string')) {
    throw new CannotAnswer(`cannot compare ${JSON.stringify(recordValue)} ${operator} ${JSON.stringify(wanted)}`);
  }
  const a = value as number | string;
  const b = wanted as number | string;
  switch (operator) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    default: return a >= b;
  }
}

function evaluateLeaf([field, operator, wanted]: Leaf, record: OdooRecord): boolean {
  if (!(field in record)) throw new CannotAnswer(`no recorded value of field '${field}' for record id ${String(record.id)}`);
  const value = record[field];
  switch (operator) {
    case '=': return equals(value, wanted);
    case '!=': return !equals(value, wanted);
    case '=?': return wanted === false || wanted === null || wanted === undefined ? true : equals(value, wanted);
    case 'in':
    case 'not in': {
      if (!Array.isArray(wanted)) throw new CannotAnswer(`'${operator}' needs a list, got ${JSON.stringify(wanted)}`);
      const found = wanted.some((w) => equals(value, w));
      return operator === 'in' ? found : !found;
    }
    case '<': case '<=': case '>': case '>=':
      return compare(value, wanted, operator);
    case 'not like':
    case 'not ilike':
      return isEmpty(value) ? true : !like(value, wanted, operator.slice(4));
    default:
      return like(value, wanted, operator);
  }
}

export function evaluate(node: DomainNode, record: OdooRecord): boolean {
  switch (node.kind) {
    case 'const': return node.value;
    case 'leaf': return evaluateLeaf(node.leaf, record);
    case 'not': return !evaluate(node.child, record);
    case 'and': return node.children.every((c) => evaluate(c, record));
    case 'or': return node.children.some((c) => evaluate(c, record));
  }
}

/** The top-level conjuncts of a domain (a domain that is not an AND chain is one conjunct). */
function conjuncts(node: DomainNode): DomainNode[] {
  if (node.kind === 'and') return node.children.flatMap(conjuncts);
  if (node.kind === 'const' && node.value) return [];
  return [node];
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function leafImplies(q: Leaf, c: Leaf): boolean {
  if (q[0] !== c[0]) return false;
  if (q[1] === c[1] && deepEqual(q[2], c[2])) return true;
  const cValues = c[1] === 'in' && Array.isArray(c[2]) ? c[2] : c[1] === '=' ? [c[2]] : null;
  if (!cValues) return false;
  const qValues = q[1] === 'in' && Array.isArray(q[2]) ? q[2] : q[1] === '=' ? [q[2]] : null;
  return qValues !== null && qValues.every((v) => cValues.some((w) => deepEqual(v, w) || (typeof w === 'boolean' && scalarEquals(w, v))));
}

/**
 * True when every record matching `query` surely matches `coverage`, judged conservatively from the
 * top-level conjuncts: each leaf of the coverage must follow from one leaf of the query.
 */
export function implies(query: DomainNode, coverage: DomainNode): boolean {
  const queryLeaves = conjuncts(query);
  return conjuncts(coverage).every((c) => {
    if (c.kind !== 'leaf') return queryLeaves.some((q) => deepEqual(q, c));
    return queryLeaves.some((q) => q.kind === 'leaf' && leafImplies(q.leaf, c.leaf));
  });
}

/** Adds Odoo's implicit `active = True` unless active_test is off or the domain mentions `active`. */
export function withActiveTest(node: DomainNode, hasActive: boolean, activeTest: boolean): DomainNode {
  if (!hasActive || !activeTest || domainFields(node).includes('active')) return node;
  const activeLeaf: DomainNode = { kind: 'leaf', leaf: ['active', '=', true] };
  return node.kind === 'const' && node.value ? activeLeaf : { kind: 'and', children: [node, activeLeaf] };
}

/** Odoo's normalize_domain: the same domain with every implicit '&' written out. */
export function normalizeDomain(domain: unknown[]): unknown[] {
  if (domain.length === 0) return [];
  const result: unknown[] = [];
  let expected = 1;
  for (const token of domain) {
    if (expected === 0) {
      result.unshift('&');
      expected = 1;
    }
    if (token === '&' || token === '|') expected += 1;
    else if (token !== '!') expected -= 1;
    result.push(token);
  }
  return result;
}
