/**
 * Python patterns shared by several rules: cursors, ORM receivers, string building.
 */
import type { PyNode as Node } from '../python/tree.ts';
import type { PyFileContext } from '../python/scan.ts';
import { callParts, isInterpolatedFString, nodeText, unwrapParens } from '../python/syntax.ts';

const CURSOR_RECEIVERS = new Set(['cr', 'self.cr', 'self._cr', 'self.env.cr', 'env.cr', 'request.cr', 'request.env.cr', 'self.pool.cr', 'records.env.cr', 'record.env.cr', 'rec.env.cr']);

/** The transaction cursor, as pylint-odoo recognises it (plus env.cr forms). */
export function isCursor(receiver: string | null): boolean {
  if (receiver === null) return false;
  const compact = receiver.replace(/\s+/g, '');
  return CURSOR_RECEIVERS.has(compact) || /(?:^|\.)env\.cr$/.test(compact);
}

/** CamelCase names that are not model variables (`Command.create(...)` builds a tuple). */
const NOT_MODELS = new Set(['Command', 'Markup', 'Path', 'Decimal', 'Counter', 'OrderedDict', 'Image', 'Template', 'Environment', 'Registry', 'Popen', 'ElementTree', 'ET', 'Q']);

/** Something an ORM query can be called on: `self`, `self.env['x']`, `env.ref(...)`, a model variable. */
export function isOrmReceiver(receiver: string | null, ctx: PyFileContext): boolean {
  if (receiver === null) return false;
  const compact = receiver.replace(/\s+/g, '');
  if (/env\[|env\.ref\(|\.sudo\(|\.with_context\(|\.with_company\(|\.with_user\(/.test(compact)) return true;
  if (compact === 'self' || compact === 'cls') return true;
  if (/^self\.[a-z_][a-z0-9_]*_ids?$/.test(compact)) return true;
  if (/^[A-Z][A-Za-z0-9]*$/.test(compact) && !NOT_MODELS.has(compact)) return true;
  if (/^[a-z_][a-z0-9_]*$/.test(compact)) {
    const values = ctx.fn?.assignments.get(compact);
    if (values) return values.some((value) => /env\[|env\.ref\(/.test(nodeText(value, ctx.source)));
  }
  return false;
}

/** Odoo's translation function: `_()`, `_lt()`, `self.env._()`. */
export function isTranslationCall(node: Node, ctx: PyFileContext): boolean {
  if (node.type !== 'call') return false;
  const parts = callParts(node, ctx.source);
  if (!parts) return false;
  if (parts.receiver === null) return parts.name === '_' || parts.name === '_lt';
  return parts.name === '_' && /(?:^|\.)env$/.test(parts.receiver.replace(/\s+/g, ''));
}

/** A value that cannot carry attacker data into SQL: literals, `self._table`-like attributes, constants, numbers. */
export function isSqlSafeValue(node: Node, ctx: PyFileContext, depth = 0): boolean {
  const value = unwrapParens(node);
  const type = value.type;
  const text = nodeText(value, ctx.source);
  if (type === 'string' || type === 'concatenated_string') return !isInterpolatedFString(value, ctx.source);
  if (type === 'integer' || type === 'float' || type === 'true' || type === 'false' || type === 'none') return true;
  if (type === 'attribute') {
    // self._table, Model._table, self._name: class attributes, not user data.
    if (/^[A-Za-z_][A-Za-z0-9_]*\._[A-Za-z0-9_]+$/.test(text.replace(/\s+/g, ''))) return true;
    // A model's table name, whatever the model expression (`self.env["ir.cron"]._table`): an
    // identifier the code declares, and only an existing model's.
    const attribute = value.childForFieldName('attribute');
    return attribute !== null && nodeText(attribute, ctx.source) === '_table';
  }
  if (type === 'identifier') {
    if (/^[A-Z][A-Z0-9_]*$/.test(text)) return true;
    if (depth > 2) return false;
    const values = ctx.fn?.assignments.get(text);
    return values !== undefined && values.length > 0 && values.every((v) => v.startIndex < value.startIndex && isSqlSafeValue(v, ctx, depth + 1));
  }
  if (type === 'call') {
    const parts = callParts(value, ctx.source);
    if (!parts) return false;
    if (parts.receiver === null && ['int', 'float', 'len', 'bool', 'SQL', 'Identifier', 'Literal'].includes(parts.name)) return true;
    if (parts.receiver !== null && /^(sql|psycopg2\.sql|SQL)$/.test(parts.receiver.replace(/\s+/g, ''))) return true;
    // self._select(), self._from(): report models build their SQL in private methods.
    if (parts.receiver !== null && /^[A-Za-z_][A-Za-z0-9_]*$/.test(parts.receiver) && parts.name.startsWith('_')) return true;
    if (parts.name === 'join' && parts.receiver !== null && /^['"]/.test(parts.receiver)) {
      // ', '.join(...) of safe values is still only as safe as what it joins: look inside.
      const arg = parts.args?.namedChild(0);
      return arg ? isSqlSafeValue(arg, ctx, depth + 1) : true;
    }
    return false;
  }
  if (type === 'tuple' || type === 'list') {
    return value.namedChildren.every((child) => child === null || child.type === 'comment' || isSqlSafeValue(child, ctx, depth + 1));
  }
  if (type === 'dictionary') {
    return value.namedChildren.every((pair) => {
      if (!pair || pair.type !== 'pair') return pair === null || pair.type === 'comment';
      const v = pair.childForFieldName('value');
      return v === null || isSqlSafeValue(v, ctx, depth + 1);
    });
  }
  if (type === 'generator_expression' || type === 'list_comprehension') {
    const body = value.childForFieldName('body');
    return body !== null && isSqlSafeValue(body, ctx, depth + 1);
  }
  if (type === 'conditional_expression') {
    return value.namedChildren.every((child, i) => child === null || i === 1 || isSqlSafeValue(child, ctx, depth + 1));
  }
  if (type === 'binary_operator') {
    const left = value.childForFieldName('left');
    const right = value.childForFieldName('right');
    return left !== null && right !== null && isSqlSafeValue(left, ctx, depth + 1) && isSqlSafeValue(right, ctx, depth + 1);
  }
  return false;
}

export interface StringBuild {
  how: '%' | '+' | 'format' | 'f-string';
  /** The expression that builds the string. */
  node: Node;
}

function containsString(node: Node): boolean {
  const type = node.type;
  if (type === 'string' || type === 'concatenated_string') return true;
  if (type === 'binary_operator') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    return (left !== null && containsString(left)) || (right !== null && containsString(right));
  }
  if (type === 'parenthesized_expression') {
    const inner = node.namedChild(0);
    return inner !== null && containsString(inner);
  }
  return false;
}

/**
 * How an expression builds a string from values that are not known safe: `"…%s" % x`, `"…" + x`,
 * `"…{}".format(x)`, `f"…{x}"`. Null when it does not (or only with safe values).
 */
export function unsafeStringBuild(node: Node, ctx: PyFileContext): StringBuild | null {
  const value = unwrapParens(node);
  const type = value.type;
  if (type === 'binary_operator') {
    const operator = value.childForFieldName('operator');
    const op = operator ? operator.type : '';
    const left = value.childForFieldName('left');
    const right = value.childForFieldName('right');
    if (!left || !right) return null;
    if (op === '%') {
      if (!isSqlSafeValue(right, ctx)) return { how: '%', node: value };
      return null;
    }
    if (op === '+') {
      if (!containsString(value)) return null;
      if (!isSqlSafeValue(right, ctx)) return { how: '+', node: value };
      if (!isSqlSafeValue(left, ctx)) return unsafeStringBuild(left, ctx) ?? { how: '+', node: value };
      return null;
    }
    return null;
  }
  if (type === 'call') {
    const parts = callParts(value, ctx.source);
    if (!parts || parts.name !== 'format' || parts.receiverNode === null) return null;
    const receiver = unwrapParens(parts.receiverNode);
    // sql.SQL("…").format(...) composes safely.
    if (receiver.type === 'call') {
      const inner = callParts(receiver, ctx.source);
      if (inner && (inner.name === 'SQL' || inner.name === 'Composed')) return null;
    }
    if (receiver.type !== 'string' && receiver.type !== 'concatenated_string') return null;
    const args = parts.args?.namedChildren ?? [];
    for (const arg of args) {
      if (!arg || arg.type === 'comment') continue;
      const target = arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
      if (target && !isSqlSafeValue(target, ctx)) return { how: 'format', node: value };
    }
    return null;
  }
  if (type === 'string' || type === 'concatenated_string') {
    if (!isInterpolatedFString(value, ctx.source)) return null;
    const strings = type === 'string' ? [value] : value.namedChildren.filter((c): c is Node => c !== null && c.type === 'string');
    for (const s of strings) {
      for (const part of s.namedChildren) {
        if (!part || part.type !== 'interpolation') continue;
        const expression = part.childForFieldName('expression');
        if (expression && !isSqlSafeValue(expression, ctx)) return { how: 'f-string', node: value };
      }
    }
    return null;
  }
  return null;
}

/** Follows a variable to how it was built in the enclosing function (assignments before `at`). */
export function unsafeStringThroughVariable(node: Node, ctx: PyFileContext, depth = 0): StringBuild | null {
  const value = unwrapParens(node);
  const direct = unsafeStringBuild(value, ctx);
  if (direct) return direct;
  if (value.type !== 'identifier' || depth > 3) return null;
  const values = ctx.fn?.assignments.get(nodeText(value, ctx.source));
  if (!values) return null;
  for (const assigned of values) {
    if (assigned.startIndex >= value.startIndex) continue;
    const found = unsafeStringThroughVariable(assigned, ctx, depth + 1);
    if (found) return found;
  }
  return null;
}

/** printf conversions in a string: unnamed `%s` count and named `%(x)s` keys (`%%` skipped). */
export function printfPlaceholders(text: string): { positional: number; named: Set<string>; truncated: boolean } {
  let positional = 0;
  const named = new Set<string>();
  let truncated = false;
  const re = /%(%|\(([^)]*)\)[#0\- +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[hlL]?[diouxXeEfFgGcrsa]|[#0\- +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[hlL]?[diouxXeEfFgGcrsa]|.?)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const body = m[1];
    if (body === '%') continue;
    if (m[2] !== undefined) named.add(m[2]);
    else if (body.length === 0 || !/[diouxXeEfFgGcrsa]$/.test(body)) truncated = true;
    else positional++;
  }
  return { positional, named, truncated };
}
