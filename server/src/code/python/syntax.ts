/**
 * Small helpers over tree-sitter Python nodes. Text is sliced from the source string (indices are
 * UTF-16 code units, like JavaScript strings).
 */
import type { PyNode as Node } from './tree.ts';

export function nodeText(node: Node, source: string): string {
  return source.slice(node.startIndex, node.endIndex);
}

export interface CallParts {
  /** Last name of the callee: `execute` for `self.env.cr.execute(...)`, `print` for `print(...)`. */
  name: string;
  /** Source of what the method is called on (`self.env.cr`), or null for a plain function call. */
  receiver: string | null;
  /** The argument list (null for a call with a generator argument such as `f(x for x in y)`). */
  args: Node | null;
  /** The callee expression (computed on first use). */
  readonly fn: Node | null;
  /** The node of what the method is called on (computed on first use). */
  readonly receiverNode: Node | null;
}

function isIdentChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code > 127;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 92;
}

class Call implements CallParts {
  name = '';
  receiver: string | null = null;
  private fnNode: Node | null | undefined = undefined;

  constructor(
    private readonly call: Node,
    readonly args: Node | null,
    source: string,
    from: number,
    to: number,
  ) {
    // Read the callee backwards from the argument list: trailing name, then an optional dot.
    let end = to;
    while (end > from && isSpace(source.charCodeAt(end - 1))) end--;
    let start = end;
    while (start > from && isIdentChar(source.charCodeAt(start - 1))) start--;
    if (start === end) return;
    const first = source.charCodeAt(start);
    if (first >= 48 && first <= 57) return;
    let before = start;
    while (before > from && isSpace(source.charCodeAt(before - 1))) before--;
    if (before === from) {
      this.name = source.slice(start, end);
    } else if (source.charCodeAt(before - 1) === 46) {
      this.name = source.slice(start, end);
      let receiverEnd = before - 1;
      while (receiverEnd > from && isSpace(source.charCodeAt(receiverEnd - 1))) receiverEnd--;
      this.receiver = source.slice(from, receiverEnd);
    }
  }

  get fn(): Node | null {
    if (this.fnNode === undefined) this.fnNode = this.call.childForFieldName('function');
    return this.fnNode;
  }

  get receiverNode(): Node | null {
    if (this.receiver === null) return null;
    const fn = this.fn;
    return fn && fn.type === 'attribute' ? fn.childForFieldName('object') : null;
  }
}

/**
 * A small cache of what was computed for recently seen nodes, slotted by start offset: the scan and
 * every rule's handler ask about the same node in turn. A WeakMap did the same at several times the
 * cost (and kept the garbage collector busy); a slot taken by another node just means recomputing.
 */
class RecentByNode<T> {
  private readonly nodes: Array<Node | undefined>;
  private readonly values: T[];

  constructor(private readonly mask: number) {
    this.nodes = new Array<Node | undefined>(mask + 1).fill(undefined);
    this.values = new Array<T>(mask + 1);
  }

  /** The value stored for this very node object, else `undefined`. */
  get(node: Node, slot: number): T | undefined {
    const at = slot & this.mask;
    return this.nodes[at] === node ? this.values[at] : undefined;
  }

  set(node: Node, slot: number, value: T): void {
    const at = slot & this.mask;
    this.nodes[at] = node;
    this.values[at] = value;
  }
}

/** Calls that give the same records in another environment (`sudo()`, `with_context(…)`): what follows still acts on those records. */
export const RECORDSET_VIEWS: ReadonlySet<string> = new Set(['sudo', 'with_context', 'with_company', 'with_user', 'with_env', 'with_prefetch']);

const CALLS = new RecentByNode<CallParts | null>(255);

/**
 * The callee name and receiver of a call, read from the source text between the call's start and
 * its argument list: one walk instead of several node reads, and kept for the node object, which
 * every rule's handler receives in turn.
 */
export function callParts(call: Node, source: string): CallParts | null {
  const start = call.startIndex;
  const cached = CALLS.get(call, start);
  if (cached !== undefined) return cached;
  const last = call.lastChild;
  let parts: CallParts | null = null;
  if (last) {
    const argsAt = last.startIndex;
    const isArgs = source.charCodeAt(argsAt) === 40; // "("
    parts = new Call(call, isArgs && last.type === 'argument_list' ? last : null, source, start, argsAt);
  }
  CALLS.set(call, start, parts);
  return parts;
}

export interface Arguments {
  positional: Node[];
  keywords: Map<string, Node>;
  /** `**kwargs` or `*args` is passed: keywords may be hidden in it. */
  hasSplat: boolean;
}

const NO_ARGS: Arguments = { positional: [], keywords: new Map(), hasSplat: false };
const ARGUMENTS = new RecentByNode<Arguments>(127);

export function callArguments(args: Node | null, source: string): Arguments {
  if (!args) return NO_ARGS;
  const start = args.startIndex;
  const cached = ARGUMENTS.get(args, start);
  if (cached) return cached;
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  let hasSplat = false;
  for (const child of args.namedChildren) {
    if (!child) continue;
    const type = child.type;
    if (type === 'keyword_argument') {
      const name = child.childForFieldName('name');
      const value = child.childForFieldName('value');
      if (name && value) keywords.set(nodeText(name, source), value);
    } else if (type === 'dictionary_splat' || type === 'list_splat') {
      hasSplat = true;
    } else if (type !== 'comment') {
      positional.push(child);
    }
  }
  const result = { positional, keywords, hasSplat };
  ARGUMENTS.set(args, start, result);
  return result;
}

export interface PyString {
  value: string;
  prefix: string;
  fString: boolean;
  /** An f-string with at least one `{…}` replacement field. */
  interpolated: boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0',
};

/** r, R, b, B, u, U, f, F: the letters of a string prefix. */
function isPrefixLetter(code: number): boolean {
  const lower = code | 32;
  return lower === 114 || lower === 98 || lower === 117 || lower === 102;
}

/** The opening quote at `at` (a triple quote when there is one), else null. */
function quoteAt(raw: string, at: number): string | null {
  const code = raw.charCodeAt(at);
  if (code !== 39 && code !== 34) return null;
  return raw.charCodeAt(at + 1) === code && raw.charCodeAt(at + 2) === code ? raw.slice(at, at + 3) : raw[at];
}

/** Decodes one Python string literal's source (prefix, quotes, escapes); null if it is not one. */
export function decodePyString(raw: string): PyString | null {
  // Up to two prefix letters, then the opening quote (read by hand: this runs for every literal).
  let prefixLength = 0;
  while (prefixLength < 2 && isPrefixLetter(raw.charCodeAt(prefixLength))) prefixLength++;
  const quote = quoteAt(raw, prefixLength);
  if (quote === null) return null;
  const prefix = prefixLength === 0 ? '' : raw.slice(0, prefixLength).toLowerCase();
  if (!raw.endsWith(quote) || raw.length < prefix.length + quote.length * 2) return null;
  const body = raw.slice(prefix.length + quote.length, raw.length - quote.length);
  const fString = prefix.includes('f');
  const interpolated = fString && /(^|[^{])\{(?!\{)/.test(body);
  if (prefix.includes('r')) return { value: body, prefix, fString, interpolated };
  // Every escape starts with a backslash.
  if (!body.includes('\\')) return { value: body, prefix, fString, interpolated };
  const bytes = prefix.includes('b');
  let invalid = false;
  const value = body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|[0-7]{1,3}|\n|.)/gs, (all, esc: string) => {
    if (esc === '\n') return '';
    if (SIMPLE_ESCAPES[esc] !== undefined) return SIMPLE_ESCAPES[esc];
    if (/^[xuU]/.test(esc)) {
      // A truncated \x, \u or \U escape (or one past U+10FFFF) is a syntax error in Python.
      const code = esc.length > 1 ? parseInt(esc.slice(1), 16) : NaN;
      if (esc[0] !== 'x' && bytes) return all;
      if (!Number.isFinite(code) || code > 0x10ffff) {
        invalid = true;
        return all;
      }
      return String.fromCodePoint(code);
    }
    if (/^[0-7]+$/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    return all;
  });
  return invalid ? null : { value, prefix, fString, interpolated };
}

/** The value of a `string` or `concatenated_string` node (null for f-strings with replacement fields). */
export function stringValue(node: Node, source: string): string | null {
  const type = node.type;
  if (type === 'string') {
    const s = decodePyString(nodeText(node, source));
    return s && !s.interpolated ? s.value : null;
  }
  if (type === 'concatenated_string') {
    let out = '';
    for (const part of node.namedChildren) {
      if (!part || part.type !== 'string') continue;
      const s = decodePyString(nodeText(part, source));
      if (!s || s.interpolated) return null;
      out += s.value;
    }
    return out;
  }
  if (type === 'parenthesized_expression') {
    const inner = node.namedChild(0);
    return inner ? stringValue(inner, source) : null;
  }
  return null;
}

export function isStringNode(node: Node): boolean {
  const type = node.type;
  return type === 'string' || type === 'concatenated_string';
}

/** An f-string with replacement fields (any part of a concatenation). */
export function isInterpolatedFString(node: Node, source: string): boolean {
  const type = node.type;
  if (type === 'string') return decodePyString(nodeText(node, source))?.interpolated ?? false;
  if (type === 'concatenated_string') {
    return node.namedChildren.some((part) => part !== null && part.type === 'string' && isInterpolatedFString(part, source));
  }
  return false;
}

export function unwrapParens(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = current.namedChild(0);
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** Collapses whitespace so an anchor does not change when code is re-indented or reflowed. */
export function normaliseSnippet(text: string, max = 120): string {
  if (text.length > max * 4) {
    // Collapsing a prefix gives a prefix of the collapsed whole: enough of it spares the rest.
    const head = text.slice(0, max * 4).replace(/\s+/g, ' ').trim();
    if (head.length > max) return head.slice(0, max);
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max) : flat;
}
