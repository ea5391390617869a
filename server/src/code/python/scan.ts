/**
 * The single walk over one Python file. The tree is parsed once; one `descendantsOfType` call (run
 * inside wasm) returns every node any rule or the indexer cares about, in document order; a stack of
 * open scopes (class, function, loop) is kept from their index ranges, so each node is dispatched to
 * its handlers already knowing its enclosing class, function and loop — no parent walks, no queries.
 */
import type { PyNode as Node, SyntaxTree as Tree } from './tree.ts';
import type { FileContext, Location, PythonHooks, ReportOptions } from '../rules/api.ts';
import type { ImportRef, ModelDeclaration, XmlRef } from '../model.ts';
import { mayHaveSuppressions, type FunctionSpan } from '../suppress.ts';
import { callArguments, callParts, nodeText, normaliseSnippet, RECORDSET_VIEWS, stringValue } from './syntax.ts';

export interface Decorator {
  node: Node;
  /** Dotted name of the decorator callee: `api.depends`, `http.route`, `api.one`. */
  name: string;
  /** The call's argument list when the decorator is called (`@http.route(...)`). */
  args: Node | null;
}

export interface RouteInfo {
  decorator: Node;
  /** `auth=` as written ('public', 'none', 'user'…); null when absent (Odoo's default is 'user'). */
  auth: string | null;
  /** `csrf=` when given as a literal. */
  csrf: boolean | null;
  /** `type=` ('http' or 'json'…); null when absent (Odoo's default is 'http'). */
  type: string | null;
}

export interface PyClass {
  node: Node;
  name: string;
  start: number;
  end: number;
  /** Source of the superclass list, e.g. "models.Model". */
  bases: string;
  /** Subclasses an Odoo model base (Model, TransientModel, AbstractModel). */
  isOdooModel: boolean;
  /** Class-level simple assignments: `_name = ...` → the value node. */
  attrs: Map<string, Node>;
  /** Field methods named in field definitions: compute=/inverse=/search=. */
  fieldMethods: Array<{ kind: 'compute' | 'inverse' | 'search'; method: string; node: Node }>;
  methods: Map<string, PyFunction>;
  decorators: Decorator[];
}

export interface PyFunction {
  node: Node;
  name: string;
  start: number;
  end: number;
  params: string[];
  decorators: Decorator[];
  /** The class this function is a method of (defined directly in the class body), else null. */
  cls: PyClass | null;
  parent: PyFunction | null;
  route: RouteInfo | null;
  /** `super()` uses: the method named after it, and whether it is called (`super().x(...)`) or only referenced. */
  superCalls: Array<{ method: string | null; called: boolean; node: Node }>;
  returnsValue: boolean;
  yields: boolean;
  raises: Node[];
  /** `x.write(...)` calls in the body. */
  writeCalls: Node[];
  /** Simple-name assignments in the body, in order: name → value nodes (`x = …`, `x += …`). */
  assignments: Map<string, Node[]>;
  /** Names holding request data (parameters of a route and what is computed from them). */
  tainted: Set<string>;
  /** Names holding records looked up with request data (`order = env['sale.order'].browse(order_id)`). */
  requestRecords: Set<string>;
}

export interface PyLoop {
  kind: 'for' | 'while' | 'comprehension' | 'lambda';
  start: number;
  end: number;
  bodyStart: number;
  bodyEnd: number;
  /** A range inside [bodyStart, bodyEnd) evaluated only once (the first iterable of a comprehension). */
  onceStart: number;
  onceEnd: number;
  /** The loop variable(s) as written, or the mapped/filtered call for a lambda. */
  target: string;
}

type Scope = { kind: 'class'; end: number; cls: PyClass } | { kind: 'function'; end: number; fn: PyFunction } | { kind: 'loop'; end: number; loop: PyLoop };

export interface PyFileSummary {
  models: ModelDeclaration[];
  imports: ImportRef[];
  xmlRefs: XmlRef[];
  parsed: boolean;
  /** Line spans of functions, kept only when the file has suppression comments. */
  functions: FunctionSpan[];
  /** The file may have suppression comments (`mayHaveSuppressions`, checked once for both uses). */
  mayHaveSuppressions: boolean;
}

export interface PyFileContext extends FileContext {
  source: string;
  tree: Tree;
  /** Innermost enclosing function (the function itself while visiting a function_definition). */
  fn: PyFunction | null;
  /** Innermost enclosing class. */
  cls: PyClass | null;
  /** The class whose body directly holds the current node (no function in between), else null. */
  classBody: PyClass | null;
  /** Module-level imports: local name → dotted origin (`get` → `requests.get`). */
  imports: Map<string, string>;
  summary: PyFileSummary;
  /** Innermost loop whose repeated part contains the node, inside the current function. */
  loopOf(node: Node): PyLoop | null;
  /** The dotted name a callee resolves to through the file's imports (`req.get` → `requests.get`). */
  resolve(dotted: string): string;
  /** Whether the expression mentions request data (route parameters, request.params…). */
  isTainted(node: Node): boolean;
}

const ROUTE_DECORATORS = new Set(['http.route', 'route', 'odoo.http.route']);
const MODEL_BASES = /\b(?:Model|TransientModel|AbstractModel)\b/;
const LOOP_LAMBDA_METHODS = new Set(['mapped', 'filtered', 'sorted', 'map', 'filter', 'sort', 'max', 'min', 'groupby']);
const REQUEST_DATA = /\brequest\s*\.\s*(?:params|httprequest|get_http_params|get_json_data|jsonrequest|dispatcher\s*\.\s*jsonrequest)\b/;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/g;
const RECORD_LOOKUP = /\benv\s*\[|\.browse\s*\(|\.search\s*\(|\.env\.ref\s*\(|_get_report_from_name\s*\(/;

/** Node types the indexer itself needs, whatever the rules. */
export const CORE_NODE_TYPES = [
  'import_from_statement',
  'import_statement',
  'decorated_definition',
  'decorator',
  'class_definition',
  'function_definition',
  'for_statement',
  'while_statement',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
  'lambda',
  'assignment',
  'augmented_assignment',
  'call',
  'return_statement',
  'yield',
  'raise_statement',
] as const;

export interface CompiledPythonHooks {
  nodeTypes: string[];
  /** `call` handlers by callee name, and those that want every call. */
  callsByName: Map<string, Array<(node: Node, ctx: PyFileContext) => void>>;
  everyCall: Array<(node: Node, ctx: PyFileContext) => void>;
  handlers: Map<string, Array<(node: Node, ctx: PyFileContext) => void>>;
  functionExit: Array<NonNullable<PythonHooks['functionExit']>>;
  classExit: Array<NonNullable<PythonHooks['classExit']>>;
  fileExit: Array<NonNullable<PythonHooks['fileExit']>>;
}

/** Merges the rules' hooks once per run (not per file). */
export function compilePythonHooks(hooks: readonly PythonHooks[]): CompiledPythonHooks {
  const handlers = new Map<string, Array<(node: Node, ctx: PyFileContext) => void>>();
  const callsByName = new Map<string, Array<(node: Node, ctx: PyFileContext) => void>>();
  const everyCall: Array<(node: Node, ctx: PyFileContext) => void> = [];
  for (const hook of hooks) {
    for (const [type, handler] of Object.entries(hook.nodes ?? {})) {
      if (type === 'call') {
        if (hook.callNames) {
          for (const name of new Set(hook.callNames)) callsByName.set(name, [...(callsByName.get(name) ?? []), handler]);
        } else {
          everyCall.push(handler);
        }
        continue;
      }
      const list = handlers.get(type) ?? [];
      list.push(handler);
      handlers.set(type, list);
    }
  }
  const nodeTypes = [...new Set<string>([...CORE_NODE_TYPES, ...handlers.keys()])];
  return {
    nodeTypes,
    callsByName,
    everyCall,
    handlers,
    functionExit: hooks.flatMap((h) => (h.functionExit ? [h.functionExit] : [])),
    classExit: hooks.flatMap((h) => (h.classExit ? [h.classExit] : [])),
    fileExit: hooks.flatMap((h) => (h.fileExit ? [h.fileExit] : [])),
  };
}

export type HookFailure = (error: unknown, node: Node | null) => void;

function dottedName(node: Node, source: string): string {
  return nodeText(node, source).replace(/\s+/g, '');
}

function decoratorOf(node: Node, source: string): Decorator | null {
  const expression = node.namedChild(0);
  if (!expression) return null;
  if (expression.type === 'call') {
    const fn = expression.childForFieldName('function');
    const args = expression.childForFieldName('arguments');
    return { node, name: fn ? dottedName(fn, source) : '', args: args && args.type === 'argument_list' ? args : null };
  }
  return { node, name: dottedName(expression, source), args: null };
}

function routeInfo(decorators: Decorator[], source: string): RouteInfo | null {
  const route = decorators.find((d) => ROUTE_DECORATORS.has(d.name));
  if (!route) return null;
  const { keywords } = callArguments(route.args, source);
  const literal = (key: string): string | null => {
    const node = keywords.get(key);
    return node ? stringValue(node, source) : null;
  };
  const csrfNode = keywords.get('csrf');
  const csrfText = csrfNode ? nodeText(csrfNode, source) : null;
  return {
    decorator: route.node,
    auth: literal('auth'),
    csrf: csrfText === 'False' ? false : csrfText === 'True' ? true : null,
    type: literal('type'),
  };
}

function parameterNames(fnNode: Node, source: string): string[] {
  const params = fnNode.childForFieldName('parameters');
  if (!params) return [];
  const names: string[] = [];
  for (const param of params.namedChildren) {
    if (!param) continue;
    let target: Node | null = param;
    const type = param.type;
    if (type === 'default_parameter' || type === 'typed_default_parameter') target = param.childForFieldName('name');
    else if (type === 'typed_parameter' || type === 'list_splat_pattern' || type === 'dictionary_splat_pattern') {
      target = param.namedChild(0);
      if (target && (target.type === 'list_splat_pattern' || target.type === 'dictionary_splat_pattern')) target = target.namedChild(0);
    }
    if (target && target.type === 'identifier') names.push(nodeText(target, source));
  }
  return names;
}

/** Resolves a relative import to a module-relative path: `from ..wizard import x` inside models/a.py → wizard/x. */
function relativeTarget(fileDir: string[], dots: number, dotted: string): string | null {
  const base = fileDir.slice(0, Math.max(0, fileDir.length - (dots - 1)));
  if (dots - 1 > fileDir.length) return null;
  const parts = dotted ? dotted.split('.') : [];
  return [...base, ...parts].join('/');
}

type NodeHandler = (node: Node, ctx: PyFileContext) => void;

const NO_HANDLERS: readonly NodeHandler[] = [];

/** Per grammar type id, what the walk does with a node: the mask is 1 when some handler wants it. */
interface TypeTables {
  mask: Uint8Array;
  /** Rule handlers by type id (calls are looked up by callee name instead). */
  handlers: Array<readonly NodeHandler[] | undefined>;
  /** Rule handlers of a call by callee name, followed by those that want every call. */
  calls: Map<string, readonly NodeHandler[]>;
}

const TABLES = new WeakMap<CompiledPythonHooks, TypeTables>();

/** Builds the per-type tables once per hooks object (the grammar is the same for every tree). */
function tablesFor(hooks: CompiledPythonHooks, tree: Tree): TypeTables {
  let tables = TABLES.get(hooks);
  if (tables) return tables;
  const mask = new Uint8Array(65536);
  for (const type of hooks.nodeTypes) for (const id of tree.grammar.typeIds.get(type) ?? []) mask[id] = 1;
  const handlers: Array<readonly NodeHandler[] | undefined> = [];
  for (const [type, list] of hooks.handlers) {
    if (type === 'call') continue;
    for (const id of tree.grammar.typeIds.get(type) ?? []) handlers[id] = list;
  }
  const calls = new Map<string, readonly NodeHandler[]>();
  for (const [name, named] of hooks.callsByName) calls.set(name, hooks.everyCall.length > 0 ? [...named, ...hooks.everyCall] : named);
  tables = { mask, handlers, calls };
  TABLES.set(hooks, tables);
  return tables;
}

/**
 * One file's walk, and the context every handler receives. Its methods live on the prototype, so a
 * file costs one object, not a dozen closures.
 */
class FileScan implements PyFileContext {
  readonly module: string | null;
  readonly file: string;
  readonly moduleFile: string;
  readonly series: string | null;
  readonly isTest: boolean;
  readonly isMigration: boolean;
  readonly source: string;
  fn: PyFunction | null = null;
  cls: PyClass | null = null;
  classBody: PyClass | null = null;
  readonly imports = new Map<string, string>();
  readonly summary: PyFileSummary;
  private readonly stack: Scope[] = [];
  private readonly keepSpans: boolean;
  private pendingDecoratedEnd = -1;
  private pendingDecorators: Decorator[] = [];

  constructor(
    readonly tree: Tree,
    private readonly base: FileContext & { source: string },
    private readonly hooks: CompiledPythonHooks,
    private readonly fileDir: string[],
    private readonly onFailure: HookFailure,
  ) {
    this.module = base.module;
    this.file = base.file;
    this.moduleFile = base.moduleFile;
    this.series = base.series;
    this.isTest = base.isTest;
    this.isMigration = base.isMigration;
    this.source = base.source;
    this.keepSpans = mayHaveSuppressions(base.source);
    this.summary = { models: [], imports: [], xmlRefs: [], parsed: !tree.rootNode.hasError, functions: [], mayHaveSuppressions: this.keepSpans };
  }

  loopOf(node: Node): PyLoop | null {
    const at = node.startIndex;
    const stack = this.stack;
    for (let i = stack.length - 1; i >= 0; i--) {
      const scope = stack[i];
      if (scope.kind !== 'loop') break;
      const loop = scope.loop;
      if (at >= loop.bodyStart && at < loop.bodyEnd && !(at >= loop.onceStart && at < loop.onceEnd)) return loop;
    }
    return null;
  }

  resolve(dotted: string): string {
    const dot = dotted.indexOf('.');
    const head = dot < 0 ? dotted : dotted.slice(0, dot);
    const origin = this.imports.get(head);
    if (!origin) return dotted;
    return dot < 0 ? origin : origin + dotted.slice(dot);
  }

  isTainted(node: Node): boolean {
    const fn = this.fn;
    const text = nodeText(node, this.source);
    if (REQUEST_DATA.test(text)) return true;
    if (!fn || fn.tainted.size === 0) return false;
    IDENT.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = IDENT.exec(text)) !== null) {
      // `x.attr` mentions x; `obj.x` does not (the preceding dot makes it an attribute).
      if (fn.tainted.has(m[0]) && text.charCodeAt(m.index - 1) !== 46) return true;
    }
    return false;
  }

  // Findings are identified by where they are (class.method) and what the code says, not by line.
  report(ruleId: string, at: Location, message: string, options?: ReportOptions): void {
    let anchor = options?.anchor;
    if (anchor === undefined) {
      const scope = this.fn ? (this.fn.cls ? `${this.fn.cls.name}.${this.fn.name}` : this.fn.name) : this.cls ? this.cls.name : '';
      const snippet = 'startIndex' in at ? normaliseSnippet(nodeText(at, this.source)) : message;
      anchor = `${scope}|${snippet}`;
    }
    this.base.report(ruleId, at, message, { ...options, anchor });
  }

  /** The walk: every node some handler wants, in document order, with its scopes already known. */
  run(): PyFileSummary {
    const tree = this.tree;
    const hooks = this.hooks;
    const tables = tablesFor(hooks, tree);
    const mask = tables.mask;
    const types = tree.type;
    const count = tree.count;
    for (let i = 0; i < count; i++) {
      if (mask[types[i]] === 0) continue;
      const node = tree.node(i);
      this.popUntil(node.startIndex);
      const type = node.type;
      try {
        this.core(node, type);
      } catch (error) {
        this.onFailure(error, node);
      }
      const handlers = type === 'call' ? this.callHandlers(node, tables) : tables.handlers[types[i]];
      if (handlers) {
        for (const handler of handlers) {
          try {
            handler(node, this);
          } catch (error) {
            this.onFailure(error, node);
          }
        }
      }
    }
    this.popUntil(Number.MAX_SAFE_INTEGER);
    for (const hook of hooks.fileExit) {
      try {
        hook(this);
      } catch (error) {
        this.onFailure(error, null);
      }
    }
    return this.summary;
  }

  private callHandlers(node: Node, tables: TypeTables): readonly NodeHandler[] {
    const parts = callParts(node, this.source);
    const named = parts ? tables.calls.get(parts.name) : undefined;
    if (named) return named;
    return this.hooks.everyCall.length > 0 ? this.hooks.everyCall : NO_HANDLERS;
  }

  private refreshContext(): void {
    let fn: PyFunction | null = null;
    let cls: PyClass | null = null;
    let classBody: PyClass | null = null;
    let sawFunction = false;
    const stack = this.stack;
    for (let i = stack.length - 1; i >= 0; i--) {
      const scope = stack[i];
      if (scope.kind === 'function') {
        fn ??= scope.fn;
        sawFunction = true;
      } else if (scope.kind === 'class') {
        if (!cls) {
          cls = scope.cls;
          if (!sawFunction) classBody = scope.cls;
        }
      }
      if (fn && cls) break;
    }
    this.fn = fn;
    this.cls = cls;
    this.classBody = classBody;
  }

  private exitScope(scope: Scope): void {
    if (scope.kind === 'function') {
      for (const hook of this.hooks.functionExit) {
        try {
          hook(scope.fn, this);
        } catch (error) {
          this.onFailure(error, scope.fn.node);
        }
      }
    } else if (scope.kind === 'class') {
      this.recordModel(scope.cls);
      for (const hook of this.hooks.classExit) {
        try {
          hook(scope.cls, this);
        } catch (error) {
          this.onFailure(error, scope.cls.node);
        }
      }
    }
  }

  private popUntil(index: number): void {
    const stack = this.stack;
    let popped = false;
    while (stack.length > 0 && stack[stack.length - 1].end <= index) {
      const scope = stack.pop()!;
      popped = true;
      this.refreshContext();
      this.exitScope(scope);
    }
    if (popped) this.refreshContext();
  }

  private recordModel(cls: PyClass): void {
    if (!cls.isOdooModel) return;
    const source = this.source;
    const nameNode = cls.attrs.get('_name');
    const inheritNode = cls.attrs.get('_inherit');
    const name = nameNode ? stringValue(nameNode, source) : null;
    // `_inherit = [_name, "mail.thread"]` names the class's own attributes: read their strings.
    const valueOf = (node: Node): string | null => {
      if (node.type !== 'identifier') return stringValue(node, source);
      const attr = cls.attrs.get(nodeText(node, source));
      return attr ? stringValue(attr, source) : null;
    };
    let inherits: string[] = [];
    if (inheritNode) {
      const single = valueOf(inheritNode);
      if (single !== null) inherits = [single];
      else if (inheritNode.type === 'list' || inheritNode.type === 'tuple') {
        inherits = inheritNode.namedChildren.map((c) => (c ? valueOf(c) : null)).filter((v): v is string => v !== null);
      }
    }
    const kind = /\bTransientModel\b/.test(cls.bases)
      ? 'transient'
      : /\bAbstractModel\b/.test(cls.bases)
        ? 'abstract'
        : /\bModel\b/.test(cls.bases)
          ? 'model'
          : 'unknown';
    const auto = cls.attrs.get('_auto');
    const abstract = cls.attrs.get('_abstract');
    const at = cls.node.startPosition;
    this.summary.models.push({
      file: this.moduleFile,
      line: at.row + 1,
      column: at.column + 1,
      className: cls.name,
      model: name ?? (inherits.length === 1 ? inherits[0] : null),
      isNew: name !== null && !inherits.includes(name),
      inherits,
      kind,
      hasDescription: cls.attrs.has('_description'),
      noTable: kind === 'abstract' || (abstract !== undefined && nodeText(abstract, source) === 'True'),
      sqlView: auto !== undefined && nodeText(auto, source) === 'False',
      methods: [...cls.methods.values()].map((fn) => {
        const p = fn.node.startPosition;
        return {
          name: fn.name,
          decorators: fn.decorators.map((d) => d.name),
          returnsValue: fn.returnsValue,
          yields: fn.yields,
          // `super().with_context(…).name()` is taken as the override's own super call.
          callsSuper: fn.superCalls.some((c) => c.called && (c.method === fn.name || RECORDSET_VIEWS.has(c.method ?? ''))),
          line: p.row + 1,
          column: p.column + 1,
        };
      }),
    });
  }

  private addImport(node: Node, target: string | null): void {
    if (target === null) return;
    const at = node.startPosition;
    this.summary.imports.push({ file: this.moduleFile, target, line: at.row + 1, column: at.column + 1 });
  }

  // --- core handlers: keep the scope stack and the file summary up to date --------------------
  private core(node: Node, type: string): void {
    const source = this.source;
    switch (type) {
      case 'import_statement': {
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'dotted_name') {
            const name = dottedName(child, source);
            this.imports.set(name.split('.')[0], name.split('.')[0]);
            const own = /^odoo\.addons\.([A-Za-z0-9_]+)\.(.+)$/.exec(name);
            if (own && own[1] === this.module) this.addImport(node, own[2].replace(/\./g, '/'));
          } else if (child.type === 'aliased_import') {
            const name = child.childForFieldName('name');
            const alias = child.childForFieldName('alias');
            if (name && alias) this.imports.set(nodeText(alias, source), dottedName(name, source));
          }
        }
        break;
      }
      case 'import_from_statement':
        this.importFrom(node);
        break;
      case 'decorated_definition':
        this.pendingDecoratedEnd = node.endIndex;
        this.pendingDecorators = [];
        break;
      case 'decorator': {
        const decorator = decoratorOf(node, source);
        if (decorator && node.startIndex < this.pendingDecoratedEnd) this.pendingDecorators.push(decorator);
        break;
      }
      case 'class_definition':
        this.enterClass(node);
        break;
      case 'function_definition':
        this.enterFunction(node);
        break;
      case 'for_statement':
      case 'while_statement': {
        const body = node.childForFieldName('body');
        if (!body) break;
        const left = type === 'for_statement' ? node.childForFieldName('left') : null;
        const loop: PyLoop = {
          kind: type === 'for_statement' ? 'for' : 'while',
          start: node.startIndex,
          end: node.endIndex,
          bodyStart: body.startIndex,
          bodyEnd: body.endIndex,
          onceStart: -1,
          onceEnd: -1,
          target: left ? nodeText(left, source) : '',
        };
        this.stack.push({ kind: 'loop', end: loop.end, loop });
        break;
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression': {
        let firstClause: Node | null = null;
        for (const child of node.namedChildren) {
          if (child && child.type === 'for_in_clause') {
            firstClause = child;
            break;
          }
        }
        const iterable = firstClause?.childForFieldName('right') ?? null;
        const left = firstClause?.childForFieldName('left') ?? null;
        const loop: PyLoop = {
          kind: 'comprehension',
          start: node.startIndex,
          end: node.endIndex,
          bodyStart: node.startIndex,
          bodyEnd: node.endIndex,
          onceStart: iterable ? iterable.startIndex : -1,
          onceEnd: iterable ? iterable.endIndex : -1,
          target: left ? nodeText(left, source) : '',
        };
        this.stack.push({ kind: 'loop', end: loop.end, loop });
        break;
      }
      case 'lambda': {
        let holder = node.parent;
        if (holder && holder.type === 'keyword_argument') holder = holder.parent;
        const call = holder && holder.type === 'argument_list' ? holder.parent : null;
        if (!call || call.type !== 'call') break;
        const parts = callParts(call, source);
        if (!parts || !LOOP_LAMBDA_METHODS.has(parts.name)) break;
        const loop: PyLoop = {
          kind: 'lambda',
          start: node.startIndex,
          end: node.endIndex,
          bodyStart: node.startIndex,
          bodyEnd: node.endIndex,
          onceStart: -1,
          onceEnd: -1,
          target: `${parts.name}(lambda …)`,
        };
        this.stack.push({ kind: 'loop', end: loop.end, loop });
        break;
      }
      case 'assignment':
      case 'augmented_assignment':
        this.assignment(node, type);
        break;
      case 'call':
        this.call(node);
        break;
      case 'return_statement':
        if (this.fn && node.namedChildCount > 0) this.fn.returnsValue = true;
        break;
      case 'yield':
        if (this.fn) this.fn.yields = true;
        break;
      case 'raise_statement':
        if (this.fn) this.fn.raises.push(node);
        break;
    }
  }

  private importFrom(node: Node): void {
    const source = this.source;
    const moduleNode = node.childForFieldName('module_name');
    if (!moduleNode) return;
    const moduleText = dottedName(moduleNode, source);
    const names: Array<{ name: string; alias: string }> = [];
    for (const child of node.childrenForFieldName('name')) {
      if (!child) continue;
      if (child.type === 'dotted_name') {
        const name = dottedName(child, source);
        names.push({ name, alias: name });
      } else if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name');
        const alias = child.childForFieldName('alias');
        if (name && alias) names.push({ name: dottedName(name, source), alias: nodeText(alias, source) });
      }
    }
    if (moduleNode.type === 'relative_import') {
      const dots = /^\.+/.exec(moduleText)?.[0].length ?? 1;
      const rest = moduleText.slice(dots);
      if (rest) this.addImport(node, relativeTarget(this.fileDir, dots, rest));
      for (const { name } of names) this.addImport(node, relativeTarget(this.fileDir, dots, rest ? `${rest}.${name}` : name));
    } else {
      for (const { name, alias } of names) this.imports.set(alias, `${moduleText}.${name}`);
      const own = /^odoo\.addons\.([A-Za-z0-9_]+)(?:\.(.+))?$/.exec(moduleText);
      if (own && own[1] === this.module) {
        const rest = own[2] ? own[2].replace(/\./g, '/') : '';
        if (rest) this.addImport(node, rest);
        for (const { name } of names) this.addImport(node, rest ? `${rest}/${name.replace(/\./g, '/')}` : name.replace(/\./g, '/'));
      }
    }
  }

  /** Decorators collected since the decorated_definition that holds this node (else none). */
  private takeDecorators(node: Node): Decorator[] {
    const decorators = node.startIndex < this.pendingDecoratedEnd ? this.pendingDecorators : [];
    this.pendingDecoratedEnd = -1;
    this.pendingDecorators = [];
    return decorators;
  }

  private enterClass(node: Node): void {
    const source = this.source;
    const nameNode = node.childForFieldName('name');
    const bases = node.childForFieldName('superclasses');
    const basesText = bases ? nodeText(bases, source) : '';
    const decorators = this.takeDecorators(node);
    const cls: PyClass = {
      node,
      name: nameNode ? nodeText(nameNode, source) : '',
      start: node.startIndex,
      end: node.endIndex,
      bases: basesText,
      isOdooModel: MODEL_BASES.test(basesText),
      attrs: new Map(),
      fieldMethods: [],
      methods: new Map(),
      decorators,
    };
    this.stack.push({ kind: 'class', end: cls.end, cls });
    this.refreshContext();
  }

  private enterFunction(node: Node): void {
    const source = this.source;
    const nameNode = node.childForFieldName('name');
    const decorators = this.takeDecorators(node);
    const parent = this.fn;
    const fn: PyFunction = {
      node,
      name: nameNode ? nodeText(nameNode, source) : '',
      start: node.startIndex,
      end: node.endIndex,
      params: parameterNames(node, source),
      decorators,
      cls: this.classBody,
      parent,
      route: routeInfo(decorators, source),
      superCalls: [],
      returnsValue: false,
      yields: false,
      raises: [],
      writeCalls: [],
      assignments: new Map(),
      tainted: new Set(),
      requestRecords: new Set(),
    };
    if (fn.route) {
      for (const param of fn.params) if (param !== 'self' && param !== 'cls') fn.tainted.add(param);
    } else if (parent) {
      for (const name of parent.tainted) fn.tainted.add(name);
    }
    if (this.classBody) this.classBody.methods.set(fn.name, fn);
    if (this.keepSpans) {
      const defLine = node.startPosition.row + 1;
      this.summary.functions.push({
        startLine: decorators.length > 0 ? decorators[0].node.startPosition.row + 1 : defLine,
        defLine,
        endLine: node.endPosition.row + 1,
      });
    }
    this.stack.push({ kind: 'function', end: fn.end, fn });
    this.refreshContext();
  }

  private assignment(node: Node, type: string): void {
    const source = this.source;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right || left.type !== 'identifier') return;
    const name = nodeText(left, source);
    if (this.classBody && type === 'assignment') this.classBody.attrs.set(name, right);
    const fn = this.fn;
    if (fn && !this.classBody) {
      const list = fn.assignments.get(name);
      if (list) list.push(right);
      else fn.assignments.set(name, [right]);
      if (fn.route !== null || fn.tainted.size > 0) {
        // A record looked up with request data is the record, not the data: the taint stops there.
        if (this.isTainted(right)) {
          if (RECORD_LOOKUP.test(nodeText(right, source))) fn.requestRecords.add(name);
          else fn.tainted.add(name);
        }
      }
    }
  }

  private call(node: Node): void {
    const source = this.source;
    const parts = callParts(node, source);
    if (!parts) return;
    const fn = this.fn;
    if (parts.name === 'super' && parts.receiver === null) {
      if (fn) {
        // super().write(...) → the method called on super's result, found just after the call.
        const after = source.slice(node.endIndex, node.endIndex + 80);
        const m = /^\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)(\s*\()?/.exec(after);
        fn.superCalls.push({ method: m ? m[1] : null, called: Boolean(m?.[2]), node });
      }
    } else if (parts.name === 'write' && parts.receiver !== null) {
      if (fn) fn.writeCalls.push(node);
    } else if (parts.name === 'ref' && parts.receiver !== null && /(?:^|\.)env$/.test(parts.receiver.replace(/\s+/g, ''))) {
      const first = callArguments(parts.args, source).positional[0];
      const value = first ? stringValue(first, source) : null;
      if (value && value.includes('.')) {
        const at = first.startPosition;
        this.summary.xmlRefs.push({ file: this.moduleFile, ref: value, line: at.row + 1, column: at.column + 1 });
      }
    } else if (this.classBody && parts.receiver === 'fields') {
      const { keywords } = callArguments(parts.args, source);
      for (const kind of FIELD_METHOD_KINDS) {
        const value = keywords.get(kind);
        if (!value) continue;
        const method = value.type === 'identifier' ? nodeText(value, source) : stringValue(value, source);
        if (method) this.classBody.fieldMethods.push({ kind, method, node: value });
      }
    }
  }
}

const FIELD_METHOD_KINDS = ['compute', 'inverse', 'search'] as const;

/**
 * Walks one parsed file. `fileDir` is the file's folder inside its module (['models'] for
 * models/sale.py) and `base.module` the addon's technical name, to resolve imports.
 */
export function scanPython(
  tree: Tree,
  base: FileContext & { source: string },
  hooks: CompiledPythonHooks,
  fileDir: string[],
  onFailure: HookFailure,
): PyFileSummary {
  return new FileScan(tree, base, hooks, fileDir, onFailure).run();
}
