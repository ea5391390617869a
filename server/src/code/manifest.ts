/**
 * `__manifest__.py` read the way Odoo reads it (`ast.literal_eval`): parsed with tree-sitter and only
 * literals evaluated — dict, list, tuple, set, str, int, float, True/False/None. Anything else
 * (a name, a call, an f-string with fields, an operator) is reported, never executed.
 */
import { parsePython, type PythonEngine } from './python/parser.ts';
import type { PyNode as Node } from './python/tree.ts';
import { decodePyString, nodeText } from './python/syntax.ts';

export interface SourcePosition {
  line: number;
  column: number;
}

export interface ManifestListItem extends SourcePosition {
  value: unknown;
}

export interface ManifestInfo {
  /** Path inside the module (`__manifest__.py` or the legacy `__openerp__.py`). */
  file: string;
  /** The evaluated dict, or null when the file is not a literal dict. */
  value: Record<string, unknown> | null;
  /** Why it could not be read, with where. */
  error: (SourcePosition & { message: string }) | null;
  /** Where each top-level key is written. */
  keys: Map<string, SourcePosition>;
  /** Where each element of a top-level list value is written (data files, depends…). */
  items: Map<string, ManifestListItem[]>;
  /** Position of the dict itself. */
  at: SourcePosition;
}

class NotLiteral extends Error {
  constructor(
    message: string,
    readonly node: Node,
  ) {
    super(message);
  }
}

function position(node: Node): SourcePosition {
  return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}

const NUMBER_RE = /^[0-9_]+$|^0[xX][0-9a-fA-F_]+$|^0[oO][0-7_]+$|^0[bB][01_]+$/;

function literal(node: Node, source: string): unknown {
  switch (node.type) {
    case 'string': {
      const s = decodePyString(nodeText(node, source));
      if (!s) throw new NotLiteral('a string has an invalid escape sequence', node);
      if (s.fString) throw new NotLiteral('an f-string is not a literal', node);
      return s.value;
    }
    case 'concatenated_string':
      return node.namedChildren.map((part) => (part ? literal(part, source) : '')).join('');
    case 'integer': {
      const text = nodeText(node, source);
      if (!NUMBER_RE.test(text)) throw new NotLiteral(`unsupported number ${text}`, node);
      return Number(text.replace(/_/g, ''));
    }
    case 'float':
      return Number(nodeText(node, source).replace(/_/g, ''));
    case 'true':
      return true;
    case 'false':
      return false;
    case 'none':
      return null;
    case 'unary_operator': {
      const operand = node.childForFieldName('argument');
      const operator = node.child(0);
      if (operand && operator && (operator.type === '-' || operator.type === '+')) {
        const value = literal(operand, source);
        if (typeof value === 'number') return operator.type === '-' ? -value : value;
      }
      throw new NotLiteral(`"${nodeText(node, source)}" is not a literal`, node);
    }
    case 'parenthesized_expression': {
      const inner = node.namedChild(0);
      if (!inner) throw new NotLiteral('empty parentheses', node);
      return literal(inner, source);
    }
    case 'list':
    case 'tuple':
    case 'set':
      return node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment').map((c) => literal(c, source));
    case 'dictionary': {
      const out: Record<string, unknown> = {};
      for (const pair of node.namedChildren) {
        if (!pair || pair.type === 'comment') continue;
        if (pair.type !== 'pair') throw new NotLiteral(`"${nodeText(pair, source)}" is not a literal`, pair);
        const keyNode = pair.childForFieldName('key');
        const valueNode = pair.childForFieldName('value');
        if (!keyNode || !valueNode) throw new NotLiteral('incomplete key: value pair', pair);
        out[String(literal(keyNode, source))] = literal(valueNode, source);
      }
      return out;
    }
    default:
      throw new NotLiteral(`"${nodeText(node, source).slice(0, 60)}" is not a literal (only strings, numbers, lists, dicts, True/False/None are allowed)`, node);
  }
}

function firstError(node: Node): Node | null {
  if (node.isError || node.isMissing) return node;
  if (!node.hasError) return null;
  for (const child of node.children) {
    if (!child) continue;
    const found = firstError(child);
    if (found) return found;
  }
  return node;
}

export function readManifest(engine: PythonEngine, file: string, source: string): ManifestInfo {
  const empty = (message: string, at: SourcePosition): ManifestInfo => ({
    file,
    value: null,
    error: { message, ...at },
    keys: new Map(),
    items: new Map(),
    at,
  });
  const tree = parsePython(engine, source);
  {
    const root = tree.rootNode;
    const broken = firstError(root);
    if (broken) return empty('the manifest is not valid Python', position(broken));
    const statements = root.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    if (statements.length === 0) return empty('the manifest is empty', { line: 1, column: 1 });
    if (statements.length > 1) return empty('the manifest must be a single dict literal', position(statements[1]));
    const statement = statements[0];
    const expression = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
    if (!expression || expression.type !== 'dictionary') {
      return empty('the manifest must be a single dict literal', position(statement));
    }
    const keys = new Map<string, SourcePosition>();
    const items = new Map<string, ManifestListItem[]>();
    try {
      const value = literal(expression, source) as Record<string, unknown>;
      for (const pair of expression.namedChildren) {
        if (!pair || pair.type !== 'pair') continue;
        const keyNode = pair.childForFieldName('key');
        const valueNode = pair.childForFieldName('value');
        if (!keyNode || !valueNode) continue;
        const key = String(literal(keyNode, source));
        keys.set(key, position(keyNode));
        if (valueNode.type === 'list' || valueNode.type === 'tuple') {
          items.set(
            key,
            valueNode.namedChildren
              .filter((c): c is Node => c !== null && c.type !== 'comment')
              .map((c) => ({ value: literal(c, source), ...position(c) })),
          );
        }
      }
      return { file, value, error: null, keys, items, at: position(expression) };
    } catch (error) {
      if (error instanceof NotLiteral) return empty(error.message, position(error.node));
      throw error;
    }
  }
}

/** A list of strings from the manifest (non-strings dropped), or [] when absent. */
export function manifestStrings(manifest: ManifestInfo, key: string): string[] {
  const value = manifest.value?.[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export const MANIFEST_DATA_KEYS = ['data', 'demo', 'init_xml', 'update_xml', 'demo_xml', 'qweb'] as const;
