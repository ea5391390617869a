/**
 * The parse tree the rules read, in flat typed arrays, once per file: written by the fast parser
 * (./fast), or copied out of tree-sitter's wasm for the files it declines.
 *
 * web-tree-sitter's Node API costs a JavaScript↔wasm round trip (and an object) for every property
 * read; rules read many. So right after parsing, one cursor walk records every node's type, field,
 * range and parent in pre-order, and the rules work on `PyNode` handles over those arrays — the same
 * names as web-tree-sitter's Node (type, childForFieldName, namedChildren…), no wasm calls.
 */
import type { Language, Tree } from 'web-tree-sitter';

export interface Point {
  row: number;
  column: number;
}

const ERROR_SYMBOL = 65535;

/** Per-language tables: names of types and fields, and which types are named. */
export class Grammar {
  readonly types: string[];
  readonly fields: Array<string | null>;
  readonly named: Uint8Array;
  readonly fieldIds = new Map<string, number>();
  readonly typeIds = new Map<string, number[]>();

  constructor(language: Language) {
    this.types = language.types.map((t) => t ?? '');
    this.fields = language.fields;
    this.named = new Uint8Array(65536);
    for (let i = 0; i < this.types.length; i++) {
      this.named[i] = language.nodeTypeIsNamed(i) ? 1 : 0;
      const list = this.typeIds.get(this.types[i]) ?? [];
      list.push(i);
      this.typeIds.set(this.types[i], list);
    }
    this.named[ERROR_SYMBOL] = 1;
    this.fields.forEach((name, id) => {
      if (name) this.fieldIds.set(name, id);
    });
  }

  typeName(id: number): string {
    return id === ERROR_SYMBOL ? 'ERROR' : (this.types[id] ?? 'ERROR');
  }
}

/** A copy of a typed array in a larger one of the same kind. */
export function grow<T extends Uint16Array | Uint32Array | Int32Array | Uint8Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}

export class SyntaxTree {
  count = 0;
  type = new Uint16Array(1024);
  start = new Uint32Array(1024);
  end = new Uint32Array(1024);
  parent = new Int32Array(1024);
  field = new Uint16Array(1024);
  /** Index just after the node's subtree (pre-order: descendants of i are i+1 … after[i]-1). */
  after = new Int32Array(1024);
  flags = new Uint8Array(1024);
  private lineStarts: number[] | null = null;
  private nodes: Array<PyNode | undefined> = [];

  constructor(
    readonly grammar: Grammar,
    public source: string,
  ) {}

  ensure(size: number): void {
    if (size <= this.type.length) return;
    let cap = this.type.length;
    while (cap < size) cap *= 2;
    this.type = grow(this.type, cap);
    this.start = grow(this.start, cap);
    this.end = grow(this.end, cap);
    this.parent = grow(this.parent, cap);
    this.field = grow(this.field, cap);
    this.after = grow(this.after, cap);
    this.flags = grow(this.flags, cap);
  }

  reset(source: string): void {
    this.source = source;
    this.count = 0;
    this.lineStarts = null;
    this.nodes = [];
  }

  node(index: number): PyNode {
    let node = this.nodes[index];
    if (!node) {
      node = new PyNode(this, index);
      this.nodes[index] = node;
    }
    return node;
  }

  get root(): PyNode {
    return this.node(0);
  }

  /** web-tree-sitter's name for the root, so code reads the same on both. */
  get rootNode(): PyNode {
    return this.node(0);
  }

  point(index: number): Point {
    if (!this.lineStarts) {
      const starts = [0];
      const source = this.source;
      let at = source.indexOf('\n');
      while (at !== -1) {
        starts.push(at + 1);
        at = source.indexOf('\n', at + 1);
      }
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - starts[lo] };
  }
}

const FLAG_NAMED = 1;
const FLAG_ERROR = 2; // the node is ERROR or MISSING
const FLAG_HAS_ERROR = 4; // the node or a descendant is

/** A handle on one node of a SyntaxTree, with the subset of web-tree-sitter's Node API the analyser uses. */
export class PyNode {
  constructor(
    readonly tree: SyntaxTree,
    readonly id: number,
  ) {}

  get type(): string {
    return this.tree.grammar.typeName(this.tree.type[this.id]);
  }

  get typeId(): number {
    return this.tree.type[this.id];
  }

  get startIndex(): number {
    return this.tree.start[this.id];
  }

  get endIndex(): number {
    return this.tree.end[this.id];
  }

  get startPosition(): Point {
    return this.tree.point(this.startIndex);
  }

  get endPosition(): Point {
    return this.tree.point(this.endIndex);
  }

  get text(): string {
    return this.tree.source.slice(this.startIndex, this.endIndex);
  }

  get isNamed(): boolean {
    return (this.tree.flags[this.id] & FLAG_NAMED) !== 0;
  }

  get isError(): boolean {
    return this.tree.type[this.id] === ERROR_SYMBOL;
  }

  get isMissing(): boolean {
    return (this.tree.flags[this.id] & FLAG_ERROR) !== 0 && this.tree.type[this.id] !== ERROR_SYMBOL;
  }

  get hasError(): boolean {
    return (this.tree.flags[this.id] & FLAG_HAS_ERROR) !== 0;
  }

  get parent(): PyNode | null {
    const p = this.tree.parent[this.id];
    return p < 0 ? null : this.tree.node(p);
  }

  /** Indices of the direct children, in order. */
  private childIndices(): number[] {
    const out: number[] = [];
    const tree = this.tree;
    const last = tree.after[this.id];
    let i = this.id + 1;
    while (i < last) {
      out.push(i);
      i = tree.after[i];
    }
    return out;
  }

  get children(): PyNode[] {
    return this.childIndices().map((i) => this.tree.node(i));
  }

  get namedChildren(): PyNode[] {
    const tree = this.tree;
    const out: PyNode[] = [];
    const last = tree.after[this.id];
    let i = this.id + 1;
    while (i < last) {
      if (tree.flags[i] & FLAG_NAMED) out.push(tree.node(i));
      i = tree.after[i];
    }
    return out;
  }

  get childCount(): number {
    return this.childIndices().length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  child(index: number): PyNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): PyNode | null {
    const tree = this.tree;
    const last = tree.after[this.id];
    let i = this.id + 1;
    let n = 0;
    while (i < last) {
      if (tree.flags[i] & FLAG_NAMED) {
        if (n === index) return tree.node(i);
        n++;
      }
      i = tree.after[i];
    }
    return null;
  }

  get firstChild(): PyNode | null {
    return this.id + 1 < this.tree.after[this.id] ? this.tree.node(this.id + 1) : null;
  }

  get lastChild(): PyNode | null {
    const tree = this.tree;
    const last = tree.after[this.id];
    let i = this.id + 1;
    let found = -1;
    while (i < last) {
      found = i;
      i = tree.after[i];
    }
    return found < 0 ? null : tree.node(found);
  }

  childForFieldName(name: string): PyNode | null {
    const tree = this.tree;
    const fieldId = tree.grammar.fieldIds.get(name);
    if (fieldId === undefined) return null;
    const last = tree.after[this.id];
    let i = this.id + 1;
    while (i < last) {
      if (tree.field[i] === fieldId) return tree.node(i);
      i = tree.after[i];
    }
    return null;
  }

  childrenForFieldName(name: string): PyNode[] {
    const tree = this.tree;
    const fieldId = tree.grammar.fieldIds.get(name);
    if (fieldId === undefined) return [];
    const out: PyNode[] = [];
    const last = tree.after[this.id];
    let i = this.id + 1;
    while (i < last) {
      if (tree.field[i] === fieldId) out.push(tree.node(i));
      i = tree.after[i];
    }
    return out;
  }

  /** Descendants (and the node itself) of the given types, in document order. */
  descendantsOfType(types: string | readonly string[]): PyNode[] {
    const tree = this.tree;
    const wanted = new Set<number>();
    for (const type of typeof types === 'string' ? [types] : types) {
      if (type === 'ERROR') wanted.add(ERROR_SYMBOL);
      for (const id of tree.grammar.typeIds.get(type) ?? []) wanted.add(id);
    }
    const out: PyNode[] = [];
    const last = tree.after[this.id];
    for (let i = this.id; i < last; i++) if (wanted.has(tree.type[i])) out.push(tree.node(i));
    return out;
  }

  /** The deepest node whose range contains `index`. */
  descendantForIndex(index: number): PyNode {
    const tree = this.tree;
    let current = this.id;
    for (;;) {
      const last = tree.after[current];
      let i = current + 1;
      let next = -1;
      while (i < last) {
        if ((tree.flags[i] & FLAG_NAMED || tree.end[i] > 0) && tree.start[i] <= index && index < tree.end[i]) {
          next = i;
          break;
        }
        i = tree.after[i];
      }
      if (next < 0) return tree.node(current);
      current = next;
    }
  }

  toString(): string {
    return `(${this.type} ${this.startIndex}-${this.endIndex})`;
  }
}

/**
 * Copies a parsed tree into `out` (reused between files) with one cursor walk. Only files the fast
 * parser declines come this way (see ./parser.ts), so the public cursor API is quick enough.
 */
export function flattenTree(tree: Tree, out: SyntaxTree): void {
  const cursor = tree.walk();
  let n = 0;
  let current = -1;
  const stack: number[] = [];
  const named = out.grammar.named;
  try {
    for (;;) {
      if (n >= out.type.length) out.ensure(n + 1);
      const i = n++;
      const type = cursor.nodeTypeId;
      out.type[i] = type;
      out.parent[i] = current;
      out.field[i] = cursor.currentFieldId;
      if (named[type]) {
        out.start[i] = cursor.startIndex;
        out.end[i] = cursor.endIndex;
      } else {
        // Tokens keep their parent's start and no end, as the fast parser writes them (../python/fast/builder.ts).
        out.start[i] = i > 0 ? out.start[current < 0 ? 0 : current] : 0;
        out.end[i] = 0;
      }
      out.flags[i] = (named[type] ? FLAG_NAMED : 0) | (type === ERROR_SYMBOL || cursor.nodeIsMissing ? FLAG_ERROR | FLAG_HAS_ERROR : 0);
      if (cursor.gotoFirstChild()) {
        stack.push(current);
        current = i;
        continue;
      }
      out.after[i] = n;
      for (;;) {
        if (cursor.gotoNextSibling()) break;
        if (!cursor.gotoParent()) {
          out.count = n;
          finish(out);
          return;
        }
        out.after[current] = n;
        current = stack.pop()!;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Propagates "has an error below" from nodes to their ancestors (children come after parents). */
function finish(out: SyntaxTree): void {
  for (let i = out.count - 1; i > 0; i--) {
    if (out.flags[i] & FLAG_HAS_ERROR) {
      const p = out.parent[i];
      if (p >= 0) out.flags[p] |= FLAG_HAS_ERROR;
    }
  }
}
