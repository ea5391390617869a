/**
 * Builds a parse tree the way tree-sitter's LR parser does, then lays it out as a SyntaxTree.
 *
 * Nodes are appended in post-order (children first, like LR reductions); `reduce` turns the entries
 * appended since a mark into the children of a new node. Extras (comments, line continuations) are
 * appended when the token after them is, so they land where tree-sitter puts them: inside the
 * deepest node that has children on both sides of them (an extra leading or trailing a node's
 * children stays outside it). Hidden tokens (newline, indent, dedent, string pieces) take part in
 * ranges and in that placement but are not written out, as tree-sitter's cursor never shows them.
 */
import { grow, type SyntaxTree } from '../tree.ts';

const NAMED = 1;
const EXTRA = 2;
const HIDDEN = 4;

/** Thrown when the source is outside what the fast parser reproduces exactly; the caller falls back. */
export class NotHandled extends Error {}

export class PostOrderBuilder {
  length = 0;
  type = new Uint16Array(4096);
  field = new Uint16Array(4096);
  start = new Uint32Array(4096);
  end = new Uint32Array(4096);
  /** Entries in the subtree, itself included. */
  size = new Int32Array(4096);
  /** Visible nodes in the subtree (what the SyntaxTree will hold). */
  visible = new Int32Array(4096);
  parent = new Int32Array(4096);
  flags = new Uint8Array(4096);
  private cursor = new Int32Array(4096);
  private preIndex = new Int32Array(4096);

  /** Extras seen but not yet appended: [type, start, end] triples. */
  pendingExtras: number[] = [];

  constructor(private readonly named: Uint8Array) {}

  reset(): void {
    this.length = 0;
    this.pendingExtras.length = 0;
  }

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.type.length) return;
    let cap = this.type.length;
    while (cap < needed) cap *= 2;
    this.type = grow(this.type, cap);
    this.field = grow(this.field, cap);
    this.start = grow(this.start, cap);
    this.end = grow(this.end, cap);
    this.size = grow(this.size, cap);
    this.visible = grow(this.visible, cap);
    this.parent = grow(this.parent, cap);
    this.flags = grow(this.flags, cap);
    this.cursor = grow(this.cursor, cap);
    this.preIndex = grow(this.preIndex, cap);
  }

  private append(type: number, start: number, end: number, flags: number): number {
    if (this.length >= this.type.length) this.reserve(1);
    const i = this.length++;
    this.type[i] = type;
    this.field[i] = 0;
    this.start[i] = start;
    this.end[i] = end;
    this.size[i] = 1;
    this.visible[i] = flags & HIDDEN ? 0 : 1;
    this.parent[i] = -1;
    this.flags[i] = flags;
    return i;
  }

  addExtra(type: number, start: number, end: number): void {
    this.pendingExtras.push(type, start, end);
  }

  /** Appends the pending extras that come before `position`. */
  flushExtras(position: number): void {
    const pending = this.pendingExtras;
    if (pending.length === 0) return;
    let k = 0;
    while (k < pending.length && pending[k + 1] < position) {
      this.append(pending[k], pending[k + 1], pending[k + 2], NAMED | EXTRA);
      k += 3;
    }
    if (k === pending.length) pending.length = 0;
    else pending.splice(0, k);
  }

  /** A token, named or anonymous. */
  token(type: number, start: number, end: number): number {
    this.flushExtras(start);
    return this.append(type, start, end, this.named[type] ? NAMED : 0);
  }

  /** A token tree-sitter keeps out of the visible tree (newline, indent, dedent, string pieces). */
  hidden(start: number, end: number): number {
    this.flushExtras(start);
    return this.append(0, start, end, HIDDEN);
  }

  setField(index: number, field: number): void {
    this.field[index] = field;
  }

  /** Makes the entries appended since `mark` the children of a new node; returns the node's index. */
  reduce(type: number, mark: number): number {
    const flags = this.flags;
    let last = this.length;
    let trailing = 0;
    while (last - 1 - trailing >= mark && flags[last - 1 - trailing] & EXTRA) trailing++;
    let first = mark;
    while (first < last - trailing && flags[first] & EXTRA) first++;
    if (first >= last - trailing) throw new NotHandled('empty node');
    this.reserve(1);
    const childrenEnd = last - trailing;
    // Trailing extras move after the new node, which takes their place.
    for (let k = last - 1; k >= childrenEnd; k--) this.copy(k, k + 1);
    const node = childrenEnd;
    this.length = last + 1;
    this.type[node] = type;
    this.field[node] = 0;
    this.start[node] = this.start[first];
    this.end[node] = this.end[childrenEnd - 1];
    this.size[node] = node - first + 1;
    this.parent[node] = -1;
    this.flags[node] = this.named[type] ? NAMED : 0;
    let visible = 1;
    for (let c = childrenEnd - 1; c >= first; c -= this.size[c]) {
      this.parent[c] = node;
      visible += this.visible[c];
    }
    this.visible[node] = visible;
    return node;
  }

  /** The root takes every entry, extras at either end included, and the range tree-sitter gives it. */
  reduceRoot(type: number, end: number): number {
    this.flushExtras(Number.MAX_SAFE_INTEGER);
    // An empty (or blank) module is a single node at the end of the source.
    const start = this.length === 0 ? end : this.start[0];
    this.reserve(1);
    const node = this.length++;
    this.type[node] = type;
    this.field[node] = 0;
    this.start[node] = start;
    this.end[node] = end;
    this.size[node] = node + 1;
    this.parent[node] = -1;
    this.flags[node] = this.named[type] ? NAMED : 0;
    let visible = 1;
    for (let c = node - 1; c >= 0; c -= this.size[c]) {
      this.parent[c] = node;
      visible += this.visible[c];
    }
    this.visible[node] = visible;
    return node;
  }

  /** Changes a node's type in place (an expression read again as an assignment target). */
  retype(index: number, type: number): void {
    this.type[index] = type;
    this.flags[index] = (this.flags[index] & ~NAMED) | (this.named[type] ? NAMED : 0);
  }

  /** The children of a node, first to last. */
  children(node: number): number[] {
    const out: number[] = [];
    const first = node - this.size[node] + 1;
    for (let c = node - 1; c >= first; c -= this.size[c]) out.push(c);
    return out.reverse();
  }

  private copy(from: number, to: number): void {
    this.type[to] = this.type[from];
    this.field[to] = this.field[from];
    this.start[to] = this.start[from];
    this.end[to] = this.end[from];
    this.size[to] = this.size[from];
    this.visible[to] = this.visible[from];
    this.parent[to] = this.parent[from];
    this.flags[to] = this.flags[from];
  }

  /** Writes the tree rooted at the last entry into `out` in pre-order, as tree.ts's flattenTree copies tree-sitter's. */
  writeTo(out: SyntaxTree): void {
    const root = this.length - 1;
    const count = this.visible[root];
    out.ensure(count + 1);
    const { type, field, start, end, visible, parent, flags, cursor, preIndex } = this;
    const oType = out.type;
    const oField = out.field;
    const oStart = out.start;
    const oEnd = out.end;
    const oParent = out.parent;
    const oAfter = out.after;
    const oFlags = out.flags;
    preIndex[root] = 0;
    cursor[root] = count;
    oType[0] = type[root];
    oField[0] = 0;
    oStart[0] = start[root];
    oEnd[0] = end[root];
    oParent[0] = -1;
    oAfter[0] = count;
    oFlags[0] = flags[root] & NAMED;
    // Reverse post-order meets a parent before its children, and children last to first.
    for (let p = root - 1; p >= 0; p--) {
      if (flags[p] & HIDDEN) continue;
      const up = parent[p];
      const at = cursor[up] - visible[p];
      cursor[up] = at;
      cursor[p] = at + visible[p];
      preIndex[p] = at;
      const parentAt = preIndex[up];
      oType[at] = type[p];
      oField[at] = field[p];
      oParent[at] = parentAt;
      oAfter[at] = at + visible[p];
      if (flags[p] & NAMED) {
        oStart[at] = start[p];
        oEnd[at] = end[p];
        oFlags[at] = NAMED;
      } else {
        oStart[at] = oStart[parentAt];
        oEnd[at] = 0;
        oFlags[at] = 0;
      }
    }
    out.count = count;
  }
}
