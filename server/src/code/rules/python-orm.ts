/**
 * ORM usage: queries repeated in loops (N+1), overrides that drop super() or its result, compute
 * methods that write, naming and references of field methods, and smaller correctness traps.
 */
import type { PyNode as Node } from '../python/tree.ts';
import type { PyClass, PyFileContext, PyFunction, PyLoop } from '../python/scan.ts';
import { callArguments, callParts, nodeText, RECORDSET_VIEWS, stringValue } from '../python/syntax.ts';
import { codeRuleId, type CodeRule } from './api.ts';
import { defineRule, OCA_GUIDELINES, ODOO_GUIDELINES } from './define.ts';
import { isCursor, isOrmReceiver } from './py-helpers.ts';
import { compareSeries } from '../../odoo/series.ts';
import { isTestPath } from '../paths.ts';

const PERFORMANCE_DOC = 'https://www.odoo.com/documentation/18.0/developer/reference/backend/performance.html';
const LOOP_QUERIES = new Set(['search', 'search_count', 'search_read', 'read_group', '_read_group', 'search_fetch', 'browse', 'name_search', '_search']);

function skipsPerformance(ctx: PyFileContext): boolean {
  return ctx.isTest || ctx.isMigration;
}


/**
 * What is done with a call's result, seen through recordset views: `x.browse(i).sudo().name` → the
 * attribute `name`, whether it is called or assigned to. Null when the result is not used through an attribute.
 */
function usedAttribute(call: Node, source: string): { name: string; called: boolean; assigned: boolean } | null {
  let current = call;
  for (let depth = 0; depth < 6; depth++) {
    const attribute = current.parent;
    if (!attribute || attribute.type !== 'attribute') return null;
    const object = attribute.childForFieldName('object');
    const name = attribute.childForFieldName('attribute');
    if (!object || !name || object.startIndex !== current.startIndex || object.endIndex !== current.endIndex) return null;
    const text = nodeText(name, source);
    const holder = attribute.parent;
    const called = holder !== null && holder.type === 'call';
    if (!called || !RECORDSET_VIEWS.has(text)) {
      // `browse(x).field = value` writes the field, it reads nothing.
      const assigned = holder !== null && holder.type === 'assignment' && holder.childForFieldName('left')?.startIndex === attribute.startIndex;
      return { name: text, called, assigned };
    }
    current = holder;
  }
  return null;
}

/** The names bound by a loop (`for a, b in …` → a, b); none for a while loop or a lambda. */
function loopNames(loop: PyLoop): string[] {
  if (loop.kind === 'while' || loop.kind === 'lambda') return [];
  return loop.target.split(/[^A-Za-z0-9_]+/).filter((name) => name.length > 0 && !/^\d/.test(name));
}

/** Whether the code uses one of the names as a variable (`rec.x` mentions rec; `obj.rec` and `"rec"` do not). */
function mentions(text: string, names: readonly string[]): boolean {
  if (names.length === 0) return false;
  return new RegExp(`(?<![\\w.])(?:${names.join('|')})(?!\\w)`).test(withoutStrings(text));
}

/** The code with its one-line string literals emptied (a name inside a string is no use of the variable). */
function withoutStrings(text: string): string {
  return text.includes('"') || text.includes("'") ? text.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""') : text;
}

/** The subscripts of `env[...]` in the text (brackets balanced). */
function envSubscripts(text: string): string[] {
  const out: string[] = [];
  const re = /\benv\s*\[/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < text.length && depth > 0; i++) {
      const c = text.charCodeAt(i);
      if (c === 91) depth++;
      else if (c === 93) depth--;
    }
    out.push(text.slice(start, i - 1));
  }
  return out;
}

/**
 * The text names a model chosen by the loop variable: `env[tile.model_id.model]`, or a local variable
 * assigned such an env[...]. A query on it runs once per model, which no batching removes.
 */
function perLoopModel(text: string, names: readonly string[], ctx: PyFileContext): boolean {
  if (names.length === 0) return false;
  if (text.includes('env') && envSubscripts(text).some((sub) => mentions(sub, names))) return true;
  const assignments = ctx.fn?.assignments;
  if (!assignments) return false;
  for (const m of withoutStrings(text).matchAll(/(?<![\w.])([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const values = assignments.get(m[1]);
    if (values?.some((value) => envSubscripts(nodeText(value, ctx.source)).some((sub) => mentions(sub, names)))) return true;
  }
  return false;
}

/** The SQL text of an execute() call: the literal, or what the variable passed was assigned. */
function sqlTexts(args: Node | null, ctx: PyFileContext): string[] {
  const first = callArguments(args, ctx.source).positional[0];
  if (!first) return [];
  const texts = [nodeText(first, ctx.source)];
  if (first.type === 'identifier') for (const value of ctx.fn?.assignments.get(texts[0]) ?? []) texts.push(nodeText(value, ctx.source));
  return texts;
}

/** A SELECT/INSERT/UPDATE/DELETE written as a literal (savepoints and DDL per object are not N+1). */
function isDataQuery(texts: readonly string[]): boolean {
  return texts.some((text) => /^(select|insert|update|delete|with)\b/i.test(text.replace(/^(?:[(\s]|(?:sql\.)?SQL\s*\()*[rRbBuUfF]*("""|'''|"|')\s*/, '')));
}

/** Queries on PostgreSQL's catalogs (schema tools walking tables or indexes), not on business data. */
const CATALOG_SQL = /\b(?:pg_catalog|information_schema|pg_[a-z_]+)\b/i;

/** `for _retry in range(50):` — a bounded retry loop, not a loop over records. */
function isRetryLoop(loop: PyLoop, source: string): boolean {
  return loop.kind === 'for' && /^for\s+_[A-Za-z0-9_]*\s+in\s+range\s*\(/.test(source.slice(loop.start, loop.bodyStart));
}

/** Record attributes that read nothing (`id`, `ids`, `env`) or that are no read (write, unlink). */
const BROWSE_NO_READ = new Set(['id', 'ids', 'env', '_name', '_ids', 'write', 'unlink', 'ensure_one']);

/**
 * browse() queries nothing by itself (records are read lazily, from the cache when they can be). It
 * reads once per iteration when a field is read straight on its result with an id from the loop
 * (`browse(line_id).name`): each browsed record only prefetches itself.
 */
function browseReadsPerIteration(node: Node, args: Node | null, names: readonly string[], ctx: PyFileContext): boolean {
  const used = usedAttribute(node, ctx.source);
  if (!used || used.assigned || BROWSE_NO_READ.has(used.name)) return false;
  return args !== null && mentions(nodeText(args, ctx.source), names);
}

/**
 * A loop that runs a handful of times whatever the database size: over the records of a wizard
 * (one, in practice) or of a small configuration model (`for company in self` in res.company), or
 * over companies.
 */
function fewIterations(loop: PyLoop, ctx: PyFileContext): boolean {
  if (loop.kind !== 'for') return false;
  const iterable = /\bin\s+([\s\S]+?)\s*:\s*$/.exec(ctx.source.slice(loop.start, loop.bodyStart))?.[1];
  if (!iterable) return false;
  if (/(?<![\w.])(?:companies|company_ids)\b|\.mapped\(\s*["']company_id["']\s*\)/.test(iterable)) return true;
  // A literal list, tuple or set written in the code, or a module constant (ACCOUNT_TYPES): a fixed few.
  if ((/^[[({]/.test(iterable) && !/\bfor\b/.test(iterable)) || /^[A-Z][A-Z0-9_]*$/.test(iterable)) return true;
  if (!/^self(?:\.(?:filtered|sorted)\(.*\))?$/s.test(iterable)) return false;
  const model = searchedModel('self', ctx);
  // A wizard's lines (`….line.wiz`) are many records: only the wizard itself is one.
  if (ctx.cls !== null && /\bTransientModel\b/.test(ctx.cls.bases)) return model === null || !/line/.test(model);
  return model !== null && SMALL_MODELS.has(model);
}

/**
 * `found = X.search(…)` then `if found: return …` (or break): the loop tries a few ways to find one
 * record and stops at the first that works; it does not query once per record.
 */
function stopsAtFirstMatch(call: Node, ctx: PyFileContext): boolean {
  const name = assignedName(call, ctx.source);
  const statement = call.parent?.parent;
  const block = statement?.parent;
  if (name === null || !statement || statement.type !== 'expression_statement' || !block) return false;
  const siblings = block.namedChildren;
  const next = siblings[siblings.findIndex((child) => child.startIndex === statement.startIndex) + 1];
  if (!next || next.type !== 'if_statement') return false;
  const condition = next.childForFieldName('condition');
  const consequence = next.childForFieldName('consequence');
  if (!condition || !consequence || nodeText(condition, ctx.source) !== name) return false;
  const last = consequence.namedChildren.at(-1);
  return last !== undefined && (last.type === 'return_statement' || last.type === 'break_statement');
}

export const ormQueryInLoop = defineRule(
  {
    name: 'orm-query-in-loop',
    severity: 'medium',
    title: 'Query repeated inside a loop (N+1)',
    rationale:
      'A search, read_group or SQL query inside a loop over records runs once per record: 1,000 records make 1,000 round trips to PostgreSQL where one batched query would do. Reading a field straight on browse(id) in a loop does the same: each browsed record prefetches only itself.',
    remediation: 'Query once before the loop (`search([("id", "in", ids)])`, `read_group`, `mapped`, `browse(ids)`) and look results up in a dict inside the loop.',
    effortHours: 1,
    references: [PERFORMANCE_DOC],
    reads: ['python'],
  },
  {
    python: {
      callNames: [...LOOP_QUERIES, 'execute'],
      nodes: {
        call(node, ctx) {
          if (skipsPerformance(ctx)) return;
          const loop = ctx.loopOf(node);
          if (!loop) return;
          const parts = callParts(node, ctx.source);
          if (!parts) return;
          let query = false;
          let sql: string[] = [];
          if (LOOP_QUERIES.has(parts.name)) query = isOrmReceiver(parts.receiver, ctx);
          else if (parts.name === 'execute' && isCursor(parts.receiver)) {
            sql = sqlTexts(parts.args, ctx);
            query = isDataQuery(sql);
          }
          if (!query || isRetryLoop(loop, ctx.source) || fewIterations(loop, ctx) || stopsAtFirstMatch(node, ctx)) return;
          const names = loopNames(loop);
          if (parts.name === 'browse' && !browseReadsPerIteration(node, parts.args, names, ctx)) return;
          if (parts.name === 'execute') {
            // Catalog queries, and SQL on the table of a model chosen by the loop (one query per table).
            if (sql.some((text) => CATALOG_SQL.test(text))) return;
            if (parts.args && perLoopModel(nodeText(parts.args, ctx.source), names, ctx)) return;
          } else if (parts.receiver && perLoopModel(parts.receiver, names, ctx)) {
            // One query per *model* (env[name] with the loop variable) is not a query per record.
            return;
          }
          const over = loop.target ? ` over \`${loop.target.slice(0, 60)}\`` : '';
          ctx.report(codeRuleId('orm-query-in-loop'), node, `${parts.name}() runs once per iteration of the loop${over}.`, {
            evidence: { loop: loop.kind },
          });
        },
      },
    },
  },
);

/** The variable a call's result is assigned to (`x = ….create(…)`), else null. */
function assignedName(call: Node, source: string): string | null {
  const assignment = call.parent;
  if (!assignment || assignment.type !== 'assignment') return null;
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (!left || left.type !== 'identifier' || !right || right.startIndex !== call.startIndex) return null;
  return nodeText(left, source);
}

/**
 * `if not purchase: purchase = X.create(…)` inside the loop, with `purchase` kept from one iteration
 * to the next: the record is created once, then reused. Not when each iteration looks it up again
 * first (`group = line._get_group()` then `if not group: group = create(…)`): that creates per iteration.
 */
function createdOnce(call: Node, name: string, loop: PyLoop, ctx: PyFileContext): boolean {
  const source = ctx.source;
  const unset = new RegExp(`(?:\\bnot\\s+${name}|(?<![\\w.])${name}\\s+is\\s+None)(?![\\w.])`);
  for (let node = call.parent; node && node.startIndex >= loop.bodyStart; node = node.parent) {
    if (node.type !== 'if_statement' && node.type !== 'elif_clause') continue;
    const condition = node.childForFieldName('condition');
    const consequence = node.childForFieldName('consequence');
    if (!condition || !consequence || call.startIndex < consequence.startIndex || call.startIndex >= consequence.endIndex) continue;
    if (!unset.test(nodeText(condition, source))) continue;
    const test = node.type === 'elif_clause' ? (node.parent ?? node) : node;
    return !(ctx.fn?.assignments.get(name) ?? []).some((value) => value.startIndex >= loop.bodyStart && value.startIndex < test.startIndex && enclosesStatement(value, test));
  }
  return false;
}

/** The block holding the assignment of `value` also holds `statement`: the assignment runs before it on every pass. */
function enclosesStatement(value: Node, statement: Node): boolean {
  let block = value.parent;
  while (block && block.type !== 'block' && block.type !== 'module') block = block.parent;
  return block !== null && block.startIndex <= statement.startIndex && statement.endIndex <= block.endIndex;
}

/**
 * A chain of records, each pointing to the one created before (`vals = {"previous_id": line.id}`,
 * `line = X.create(vals)`): every create needs the previous result, so they cannot be batched.
 */
function chainsOnPrevious(args: Node | null, name: string, loop: PyLoop, call: Node, ctx: PyFileContext): boolean {
  if (!args) return false;
  const names = [name];
  if (mentions(nodeText(args, ctx.source), names)) return true;
  const first = callArguments(args, ctx.source).positional[0];
  if (!first || first.type !== 'identifier') return false;
  const vals = nodeText(first, ctx.source);
  for (const value of ctx.fn?.assignments.get(vals) ?? []) {
    if (value.startIndex >= loop.bodyStart && value.startIndex < call.startIndex && mentions(nodeText(value, ctx.source), names)) return true;
  }
  // vals["previous_id"] = line.id
  const body = ctx.source.slice(loop.bodyStart, call.startIndex);
  return body.includes(vals) && new RegExp(`(?<![\\w.])${vals}\\s*\\[[^\\]\\n]*\\]\\s*=[^=\\n][^\\n]*(?<![\\w.])${name}(?!\\w)`).test(body);
}

/** Models whose create() took one dict until 13.0 (api.model_create_multi came to them then): no batch to make. */
const SINGLE_CREATE_BEFORE_13 = new Set(['account.move', 'account.move.line', 'purchase.order', 'purchase.order.line', 'sale.order']);

function createsOneAtATime(receiver: string | null, ctx: PyFileContext): boolean {
  if (ctx.series === null || compareSeries(ctx.series, '13.0') >= 0) return false;
  const model = searchedModel(receiver, ctx);
  return model !== null && SINGLE_CREATE_BEFORE_13.has(model);
}

export const createInLoop = defineRule(
  {
    name: 'create-in-loop',
    severity: 'low',
    title: 'create() called once per loop iteration',
    rationale: 'create() accepts a list of values; creating records one by one inside a loop repeats the INSERT, the computed fields and the access checks for each record.',
    remediation: 'Collect the values in a list inside the loop and call `create(vals_list)` once after it.',
    effortHours: 0.5,
    references: [PERFORMANCE_DOC],
    reads: ['python'],
  },
  {
    python: {
      callNames: ['create'],
      nodes: {
        call(node, ctx) {
          if (skipsPerformance(ctx)) return;
          const loop = ctx.loopOf(node);
          if (!loop || loop.kind === 'lambda') return;
          const parts = callParts(node, ctx.source);
          if (!parts || parts.name !== 'create' || !isOrmReceiver(parts.receiver, ctx)) return;
          if (inHook(ctx) || fewIterations(loop, ctx) || createsOneAtATime(parts.receiver, ctx)) return;
          const target = assignedName(node, ctx.source);
          if (target !== null && (createdOnce(node, target, loop, ctx) || chainsOnPrevious(parts.args, target, loop, node, ctx))) return;
          const over = loop.target ? ` over \`${loop.target.slice(0, 60)}\`` : '';
          ctx.report(codeRuleId('create-in-loop'), node, `create() is called once per iteration of the loop${over}.`);
        },
      },
    },
  },
);

/** Configuration models that stay small whatever the database size: loading them all is fine. */
const SMALL_MODELS = new Set([
  'res.company',
  'res.lang',
  'res.country',
  'res.country.group',
  'res.currency',
  'ir.model',
  'ir.module.module',
  'ir.module.category',
  'stock.warehouse',
  'account.journal',
  'uom.uom',
  'uom.category',
  'decimal.precision',
  'time.weekday',
  'sale.workflow.process',
]);

/** Install/uninstall hooks (hooks.py, or a module-level `post_init_hook(cr, registry)` / `(env)`) run once. */
function inHook(ctx: PyFileContext): boolean {
  if (/(?:^|\/|_)hooks?\.py$/.test(ctx.moduleFile)) return true;
  let fn = ctx.fn;
  while (fn?.parent) fn = fn.parent;
  if (!fn || fn.cls !== null || ctx.cls !== null) return false;
  return /hook/.test(fn.name) || (fn.params.length === 2 && fn.params[0] === 'cr' && fn.params[1] === 'registry') || (fn.params.length === 1 && fn.params[0] === 'env');
}

/** The model a search is called on when the code names it: `env["x"]`, a variable set to it, or `self` in a class with `_name`/`_inherit`. */
function searchedModel(receiver: string | null, ctx: PyFileContext): string | null {
  if (receiver === null) return null;
  const literal = (text: string): string | null => /\benv\s*\[\s*(?:"([\w.]+)"|'([\w.]+)')\s*\]/.exec(text)?.slice(1).find((g) => g !== undefined) ?? null;
  const direct = literal(receiver);
  if (direct) return direct;
  const head = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(receiver.replace(/\s+/g, ''))?.[1];
  if (!head) return null;
  if (head === 'self' && !receiver.includes('env')) {
    const attr = ctx.cls?.attrs.get('_name') ?? ctx.cls?.attrs.get('_inherit');
    return attr ? stringValue(attr, ctx.source) : null;
  }
  for (const value of ctx.fn?.assignments.get(head) ?? []) {
    const found = literal(nodeText(value, ctx.source));
    if (found) return found;
  }
  return null;
}

export const noSearchAll = defineRule(
  {
    name: 'no-search-all',
    severity: 'low',
    title: 'search([]) without a limit',
    rationale: 'An empty domain loads every record of the model into memory; tables grow, and what is fast on a test database times out in production.',
    remediation: 'Add a domain that selects what is needed, a `limit=`, or use `search_count` / `read_group` when only totals matter.',
    effortHours: 0.5,
    references: [PERFORMANCE_DOC],
    pylintOdoo: 'W8163 no-search-all',
    reads: ['python'],
  },
  {
    python: {
      callNames: ['search'],
      nodes: {
        call(node, ctx) {
          if (skipsPerformance(ctx)) return;
          const parts = callParts(node, ctx.source);
          if (!parts || parts.name !== 'search' || !isOrmReceiver(parts.receiver, ctx)) return;
          const args = callArguments(parts.args, ctx.source);
          const domain = args.positional[0] ?? args.keywords.get('domain');
          if (!domain || nodeText(domain, ctx.source).replace(/\s+/g, '') !== '[]') return;
          if (args.keywords.has('limit') || args.positional.length >= 4 || args.hasSplat) return;
          if (inHook(ctx)) return;
          // An ormcache'd method loads the table once per registry, not once per call.
          if (ctx.fn?.decorators.some((d) => d.name.endsWith('ormcache') || d.name.includes('ormcache_'))) return;
          const model = searchedModel(parts.receiver, ctx);
          if (model !== null && SMALL_MODELS.has(model)) return;
          // search([]).write(…) / .unlink(): one query over the table, no records loaded into Python.
          const used = usedAttribute(node, ctx.source);
          if (used && used.called && (used.name === 'write' || used.name === 'unlink')) return;
          ctx.report(codeRuleId('no-search-all'), node, 'search([]) loads every record of the model.');
        },
      },
    },
  },
);

export const contextOverridden = defineRule(
  {
    name: 'context-overridden',
    severity: 'low',
    title: 'with_context(dict) replaces the whole context',
    rationale: 'with_context() with one dict argument replaces the context instead of extending it: the language, timezone, company and flags set by callers are lost.',
    remediation: 'Pass keys as keyword arguments (`with_context(key=value)`) or unpack (`with_context(**ctx)`).',
    effortHours: 0.1,
    references: [OCA_GUIDELINES],
    pylintOdoo: 'W8121 context-overridden',
    reads: ['python'],
  },
  {
    python: {
      callNames: ['with_context'],
      nodes: {
        call(node, ctx) {
          // A test's environment starts with an empty context: replacing it loses nothing.
          if (ctx.isTest) return;
          const parts = callParts(node, ctx.source);
          if (!parts || parts.name !== 'with_context' || parts.receiver === null) return;
          const args = callArguments(parts.args, ctx.source);
          if (args.positional.length !== 1 || args.keywords.size > 0 || args.hasSplat) return;
          const arg = args.positional[0];
          // A dict built from the current context keeps it.
          let text = nodeText(arg, ctx.source);
          if (arg.type === 'identifier') {
            for (const value of ctx.fn?.assignments.get(text) ?? []) text += ` ${nodeText(value, ctx.source)}`;
          }
          if (/context/.test(text)) return;
          ctx.report(codeRuleId('context-overridden'), node, `with_context(${nodeText(arg, ctx.source).slice(0, 40)}) replaces the current context.`);
        },
      },
    },
  },
);

const REQUIRED_SUPER = new Set(['create', 'write', 'unlink', 'copy', 'read', 'default_get']);
const REQUIRED_SUPER_TESTS = new Set(['setUp', 'setUpClass', 'tearDown', 'tearDownClass']);

function isModelClass(cls: PyClass | null): boolean {
  return cls !== null && (cls.isOdooModel || cls.attrs.has('_name') || cls.attrs.has('_inherit'));
}

export const methodRequiredSuper = defineRule(
  {
    name: 'method-required-super',
    severity: 'high',
    title: 'Override of a core ORM method without super()',
    rationale:
      'create, write, unlink, copy, read and default_get overrides that do not call super() skip the base implementation and every other module\'s override: records are not saved, access rights and tracking are bypassed.',
    remediation: 'Call and return `super().<method>(...)` in the override.',
    effortHours: 1,
    references: [OCA_GUIDELINES],
    pylintOdoo: 'W8106 method-required-super',
    reads: ['python'],
  },
  {
    python: {
      functionExit(fn, ctx) {
        if (!fn.cls || fn.superCalls.length > 0) return;
        const modelMethod = REQUIRED_SUPER.has(fn.name) && isModelClass(fn.cls);
        const testMethod = REQUIRED_SUPER_TESTS.has(fn.name) && /Case\b|Test/.test(fn.cls.bases);
        if (!modelMethod && !testMethod) return;
        ctx.report(codeRuleId('method-required-super'), fn.node, `${fn.cls.name}.${fn.name}() overrides the base method without calling super().`, {
          anchor: `${fn.cls.name}.${fn.name}`,
        });
      },
    },
  },
);

const NO_RETURN_NEEDED = /^(__init__|_register_hook|setUp|setUpClass|tearDown|tearDownClass|init|_auto_init|_init_column|_compute_.*|_inverse_.*|_onchange_.*|onchange_.*|_check_.*|_constrains?_.*|_validate_.*|_post_init.*|_setup_.*|_reset_.*|_invalidate_.*|_update_.*|_prepare_.*_hook|modified|_modified.*|flush.*|_flush.*|invalidate.*|unlink_.*|_action_.*_hook)$/;

/** Odoo ignores what these methods return: constraints, computes, ondelete checks, autovacuum jobs. */
const RETURN_IGNORED_DECORATORS = new Set(['api.constrains', 'api.depends', 'api.depends_context', 'api.ondelete', 'api.autovacuum']);

function returnIgnored(name: string, decorators: readonly string[]): boolean {
  return NO_RETURN_NEEDED.test(name) || decorators.some((d) => RETURN_IGNORED_DECORATORS.has(d));
}

type SuperCall = PyFunction['superCalls'][number];

/** The method a super() use reaches, through recordset views: `super().with_context(a=1).write(…)` → write. */
function superTarget(call: SuperCall, source: string): { method: string | null; called: boolean } {
  if (call.method === null || !RECORDSET_VIEWS.has(call.method)) return call;
  const used = usedAttribute(call.node, source);
  return used ? { method: used.name, called: used.called } : call;
}


export const missingReturn = defineRule(
  {
    name: 'missing-return',
    severity: 'medium',
    title: "Override drops super()'s result",
    rationale: "An override that calls super() but returns nothing turns the caller's value into None: actions stop opening, write() returns None, create() returns nothing to chain on.",
    remediation: 'Return the result: `res = super().action_confirm(); …; return res`.',
    effortHours: 0.25,
    references: [OCA_GUIDELINES],
    pylintOdoo: 'W8110 missing-return',
    reads: ['python', 'module'],
  },
  {
    python: {
      // Methods of models are checked project-wide (below), where the base definition may be known.
      functionExit(fn, ctx) {
        if (!fn.cls || ctx.isTest || isModelClass(fn.cls) || fn.returnsValue || fn.yields || returnIgnored(fn.name, fn.decorators.map((d) => d.name))) return;
        // Only an override (super() of the same method) passes on a result; super().other() does not.
        const overrides = fn.superCalls.some((call) => {
          const target = superTarget(call, ctx.source);
          return target.called && target.method === fn.name;
        });
        if (!overrides) return;
        ctx.report(codeRuleId('missing-return'), fn.node, `${fn.cls.name}.${fn.name}() calls super() but returns nothing.`, { anchor: `${fn.cls.name}.${fn.name}` });
      },
    },
    project(project, ctxFor) {
      // A base definition in the analysed code that itself returns nothing makes "no return" correct.
      const returnsNothing = new Set<string>();
      // Models a model inherits from (`_name = "a"`, `_inherit = ["b"]` → a: b), to follow the chain up.
      const parents = new Map<string, Set<string>>();
      for (const mod of project.modules.values()) {
        for (const model of mod.models) {
          if (!model.model) continue;
          for (const method of model.methods) if (!method.callsSuper && !method.returnsValue && !method.yields) returnsNothing.add(`${model.model}|${method.name}`);
          for (const parent of model.inherits) {
            if (parent === model.model) continue;
            const set = parents.get(model.model) ?? new Set<string>();
            set.add(parent);
            parents.set(model.model, set);
          }
        }
      }
      const baseReturnsNothing = (start: readonly string[], method: string): boolean => {
        const seen = new Set<string>();
        const queue = [...start];
        while (queue.length > 0) {
          const m = queue.pop()!;
          if (seen.has(m)) continue;
          seen.add(m);
          if (returnsNothing.has(`${m}|${method}`)) return true;
          for (const parent of parents.get(m) ?? []) queue.push(parent);
        }
        return false;
      };
      for (const mod of project.modules.values()) {
        const ctx = ctxFor(mod.name);
        for (const model of mod.models) {
          if (isTestPath(model.file)) continue;
          for (const method of model.methods) {
            if (!method.callsSuper || method.returnsValue || method.yields || returnIgnored(method.name, method.decorators)) continue;
            const bases = [model.model, ...model.inherits].filter((m): m is string => m !== null);
            if (baseReturnsNothing(bases, method.name)) continue;
            ctx.report(codeRuleId('missing-return'), `${mod.path}/${model.file}`, method, `${model.className}.${method.name}() calls super() but returns nothing.`, {
              anchor: `${model.className}.${method.name}`,
            });
          }
        }
      }
    },
  },
);

export const noWriteInCompute = defineRule(
  {
    name: 'no-write-in-compute',
    severity: 'medium',
    title: 'write() inside a compute method',
    rationale: 'A compute method must assign its field (`rec.field = value`). write() there triggers a new round of recomputation and writes to the database on every read of a non-stored field, and can recurse.',
    remediation: 'Assign the computed value to the field instead of calling write().',
    effortHours: 0.5,
    references: ['https://www.odoo.com/documentation/18.0/developer/reference/backend/orm.html#computed-fields'],
    pylintOdoo: 'E8135 no-write-in-compute',
    reads: ['python'],
  },
  {
    python: {
      classExit(cls, ctx) {
        const computes = new Set(cls.fieldMethods.filter((m) => m.kind === 'compute').map((m) => m.method));
        for (const name of computes) {
          const fn = cls.methods.get(name);
          if (!fn || fn.writeCalls.length === 0) continue;
          // One finding per method (at its first write): the fix is the same for all of them.
          const count = fn.writeCalls.length;
          const times = count > 1 ? ` ${count} times` : '';
          ctx.report(codeRuleId('no-write-in-compute'), fn.writeCalls[0], `Compute method ${name}() calls write()${times}.`, { anchor: `${cls.name}.${name}|write` });
        }
      },
    },
  },
);

export const noRaiseUnlink = defineRule(
  {
    name: 'no-raise-unlink',
    severity: 'medium',
    title: 'Exception raised inside unlink()',
    rationale: 'A check that raises in unlink() also blocks uninstalling the module and deleting the records in cascade; since 15.0 Odoo runs such checks through @api.ondelete, which it skips during uninstallation.',
    remediation: 'Move the check to a method decorated with `@api.ondelete(at_uninstall=False)`.',
    effortHours: 0.5,
    references: ['https://www.odoo.com/documentation/18.0/developer/reference/backend/orm.html#odoo.api.ondelete'],
    pylintOdoo: 'E8140 no-raise-unlink',
    series: { min: '15.0' },
    reads: ['python'],
  },
  {
    python: {
      functionExit(fn, ctx) {
        if (fn.name !== 'unlink' || !isModelClass(fn.cls) || fn.raises.length === 0) return;
        ctx.report(codeRuleId('no-raise-unlink'), fn.raises[0], `${fn.cls!.name}.unlink() raises an exception instead of using @api.ondelete.`, { anchor: `${fn.cls!.name}.unlink` });
      },
    },
  },
);

function fieldMethodNaming(kind: 'compute' | 'inverse' | 'search', pylint: string) {
  return defineRule(
    {
      name: `method-${kind}-name`,
      severity: 'info',
      title: `${kind[0].toUpperCase()}${kind.slice(1)} method not named _${kind}_*`,
      rationale: `Odoo's guidelines name ${kind} methods \`_${kind}_<field>\`, which tells readers (and reviewers of overrides) what the method is for and that it is private.`,
      remediation: `Rename the method to \`_${kind}_<field>\` and update the field's ${kind}= attribute.`,
      effortHours: 0.1,
      references: [ODOO_GUIDELINES],
      pylintOdoo: pylint,
      reads: ['python'],
    },
    {
      python: {
        classExit(cls, ctx) {
          for (const method of cls.fieldMethods) {
            if (method.kind !== kind || method.method.startsWith(`_${kind}_`)) continue;
            ctx.report(codeRuleId(`method-${kind}-name`), method.node, `The ${kind} method ${method.method} is not named _${kind}_*.`, { anchor: `${cls.name}|${method.method}` });
          }
        },
      },
    },
  );
}

export const methodComputeName = fieldMethodNaming('compute', 'C8108 method-compute');
export const methodSearchName = fieldMethodNaming('search', 'C8109 method-search');
export const methodInverseName = fieldMethodNaming('inverse', 'C8110 method-inverse');

const methodReferences = new Map<PyClass, Array<{ key: string; name: string; node: Node }>>();

export const inheritableMethodReference = defineRule(
  {
    name: 'inheritable-method-reference',
    severity: 'medium',
    title: 'Field method given as a function object',
    rationale:
      'compute=_compute_x or default=_default_x binds the function defined in this class: overrides in inheriting modules are silently ignored. A method name (string) or a lambda calling the method is looked up on the record at run time.',
    remediation:
      'For compute=, inverse=, search= and selection=, write the method name as a string (`compute="_compute_x"`). For default= and domain=, where a string is the value itself (a domain string is evaluated by the client), use a lambda: `default=lambda self: self._default_x()`.',
    effortHours: 0.1,
    references: [OCA_GUIDELINES],
    pylintOdoo: 'E8147 inheritable-method-string / E8148 inheritable-method-lambda',
    reads: ['python'],
  },
  {
    python: {
      nodes: {
        call(node, ctx) {
          const cls = ctx.classBody;
          if (!cls) return;
          const parts = callParts(node, ctx.source);
          if (!parts || parts.receiver !== 'fields') return;
          const { keywords } = callArguments(parts.args, ctx.source);
          for (const key of ['compute', 'inverse', 'search', 'default', 'domain', 'selection']) {
            const value = keywords.get(key);
            if (!value || value.type !== 'identifier') continue;
            const list = methodReferences.get(cls) ?? [];
            list.push({ key, name: nodeText(value, ctx.source), node: value });
            methodReferences.set(cls, list);
          }
        },
      },
      classExit(cls, ctx) {
        const list = methodReferences.get(cls);
        if (!list) return;
        methodReferences.delete(cls);
        // Only functions defined in this class (constants and module-level functions are fine).
        for (const { key, name, node } of list) {
          if (!cls.methods.has(name)) continue;
          // A string works for method names only; default= and domain= take a string as the value itself.
          const fix = key === 'default' || key === 'domain' ? `${key}=lambda self: self.${name}()` : `${key}="${name}"`;
          ctx.report(codeRuleId('inheritable-method-reference'), node, `${key}=${name} passes the function itself, so overrides of ${name} are ignored: use ${fix}.`);
        }
      },
      fileExit() {
        if (methodReferences.size > 0) methodReferences.clear(); // clear() allocates even on an empty map
      },
    },
  },
);

/** `except:`, `except Exception`, `except BaseException` (alone, aliased or in a tuple). */
function catchesEverything(caught: string): boolean {
  if (caught === '') return true;
  const types = caught.replace(/\s+as\s+[A-Za-z_][A-Za-z0-9_]*\s*$/, '').replace(/[()\s]/g, '');
  return types.split(',').some((type) => /(?:^|\.)(?:Exception|BaseException)$/.test(type));
}

export const exceptPass = defineRule(
  {
    name: 'except-pass',
    severity: 'low',
    title: 'Exception silently ignored',
    rationale:
      'An except block that catches everything (`except:`, `except Exception:`) and only passes hides every error, expected or not: the user sees nothing, the log shows nothing, and data may be left half-processed.',
    remediation: 'Log the exception (`_logger.warning(..., exc_info=True)`), narrow the exception type, or handle it.',
    effortHours: 0.25,
    references: [OCA_GUIDELINES],
    pylintOdoo: 'W8138 except-pass',
    reads: ['python'],
  },
  {
    python: {
      nodes: {
        except_clause(node, ctx) {
          if (ctx.isTest) return;
          let block: Node | null = null;
          let caught: Node | null = null;
          for (const child of node.namedChildren) {
            if (!child) continue;
            if (child.type === 'block') block = child;
            else if (!caught && child.type !== 'comment') caught = child;
          }
          if (!block) return;
          const statements = block.namedChildren.filter((c) => c !== null && c.type !== 'comment');
          if (statements.length !== 1 || statements[0]!.type !== 'pass_statement') return;
          const what = caught ? nodeText(caught, ctx.source) : '';
          // A narrow type (`except ValueError: pass` around a parse) is the fix this rule asks for; only
          // catching everything hides unrelated errors. (pylint-odoo's W8138 also reports narrow types.)
          if (!catchesEverything(what)) return;
          ctx.report(codeRuleId('except-pass'), node, `except ${what || '(everything)'}: pass hides errors.`);
        },
      },
    },
  },
);

export const superMethodMismatch = defineRule(
  {
    name: 'super-method-mismatch',
    severity: 'medium',
    title: 'super() call to a different method',
    rationale: 'Calling `super().other()` from `method()` skips the overrides of other() in this class and usually means a copy-paste slip: the override of method() never reaches its parent.',
    remediation: 'Call the parent of the same method (`super().method(...)`), or call `self.other()` if the override chain is wanted.',
    effortHours: 0.25,
    references: [OCA_GUIDELINES],
    pylintOdoo: 'W8164 super-method-mismatch',
    reads: ['python'],
  },
  {
    python: {
      // At the class's end, when every method it defines is known.
      classExit(cls, ctx) {
        for (const fn of cls.methods.values()) {
          if (fn.name.startsWith('__')) continue;
          for (const call of fn.superCalls) {
            const { method, called } = superTarget(call, ctx.source);
            if (method === null || method === fn.name || !called || method === '__init__') continue;
            // The class overrides that method too: calling its parent from a helper bypasses the override on purpose.
            if (cls.methods.has(method)) continue;
            ctx.report(codeRuleId('super-method-mismatch'), call.node, `${fn.name}() calls super().${method}().`, { anchor: `${cls.name}.${fn.name}|${method}` });
          }
        }
      },
    },
  },
);

const SORTED = /^sorted\s*\(|\.sorted\s*\(/;

/** The groupby input is sorted: `sorted(…)` / `.sorted(…)` itself, or a variable last set to one or sorted in place. */
function sortedInput(first: Node, call: Node, ctx: PyFileContext): boolean {
  if (SORTED.test(nodeText(first, ctx.source))) return true;
  if (first.type !== 'identifier' || !ctx.fn) return false;
  const name = nodeText(first, ctx.source);
  let last: Node | null = null;
  for (const value of ctx.fn.assignments.get(name) ?? []) if (value.startIndex < call.startIndex) last = value;
  if (last && SORTED.test(nodeText(last, ctx.source))) return true;
  const between = ctx.source.slice(last ? last.endIndex : ctx.fn.start, call.startIndex);
  return between.includes('.sort') && new RegExp(`(?<![\\w.])${name}\\s*\\.\\s*sort\\s*\\(`).test(between);
}

export const badBuiltinGroupby = defineRule(
  {
    name: 'bad-builtin-groupby',
    severity: 'low',
    title: 'itertools.groupby on records',
    rationale: 'itertools.groupby only groups consecutive items: unsorted records give split groups and wrong totals. odoo.tools.groupby groups regardless of order.',
    remediation: 'Use `odoo.tools.groupby` (or sort by the same key first).',
    effortHours: 0.1,
    references: [OCA_GUIDELINES],
    pylintOdoo: 'W8155 bad-builtin-groupby',
    reads: ['python'],
  },
  {
    python: {
      callNames: ['groupby'],
      nodes: {
        call(node, ctx) {
          const parts = callParts(node, ctx.source);
          if (!parts || parts.name !== 'groupby') return;
          const dotted = parts.receiver === null ? ctx.resolve('groupby') : ctx.resolve(`${parts.receiver}.groupby`);
          if (dotted !== 'itertools.groupby') return;
          // Sorting by the key first is the correct use of itertools.groupby.
          const first = callArguments(parts.args, ctx.source).positional[0];
          if (first && sortedInput(first, node, ctx)) return;
          ctx.report(codeRuleId('bad-builtin-groupby'), node, 'itertools.groupby is used instead of odoo.tools.groupby.');
        },
      },
    },
  },
);

/** `odoo.addons.<module>` as a word, built once per module name (a name that is no valid pattern throws each time, as before). */
const ownAddonImports = new Map<string, RegExp | Error>();

function ownAddonImport(module: string): RegExp {
  let pattern = ownAddonImports.get(module);
  if (pattern === undefined) {
    try {
      pattern = new RegExp(`\\bodoo\\.addons\\.${module}\\b`);
    } catch (error) {
      pattern = error instanceof Error ? error : new Error(String(error));
    }
    ownAddonImports.set(module, pattern);
  }
  if (pattern instanceof Error) throw pattern;
  return pattern;
}

export const odooAddonsRelativeImport = defineRule(
  {
    name: 'odoo-addons-relative-import',
    severity: 'low',
    title: 'Module imports itself through odoo.addons',
    rationale: 'Importing your own module as `odoo.addons.<module>` ties the code to its folder name and can load a second copy of the same file when the module is renamed or vendored.',
    remediation: 'Use a relative import (`from . import models`, `from ..models import x`).',
    effortHours: 0.1,
    references: [OCA_GUIDELINES],
    pylintOdoo: 'W8150 odoo-addons-relative-import',
    reads: ['python'],
  },
  {
    python: {
      nodes: {
        import_from_statement(node, ctx) {
          // Migration scripts are loaded standalone, outside the package: a relative import fails there.
          if (!ctx.module || ctx.isTest || ctx.isMigration) return;
          const moduleName = node.childForFieldName('module_name');
          if (!moduleName) return;
          const text = nodeText(moduleName, ctx.source).replace(/\s+/g, '');
          if (text === `odoo.addons.${ctx.module}` || text.startsWith(`odoo.addons.${ctx.module}.`)) {
            ctx.report(codeRuleId('odoo-addons-relative-import'), node, `${text} is this module itself: use a relative import.`);
          }
        },
        import_statement(node, ctx) {
          if (!ctx.module || ctx.isTest || ctx.isMigration) return;
          const pattern = ownAddonImport(ctx.module);
          const text = nodeText(node, ctx.source);
          if (text.includes('odoo.addons.') && pattern.test(text)) {
            ctx.report(codeRuleId('odoo-addons-relative-import'), node, `odoo.addons.${ctx.module} is this module itself: use a relative import.`);
          }
        },
      },
    },
  },
);

export const PYTHON_ORM_RULES: readonly CodeRule[] = [
  ormQueryInLoop,
  createInLoop,
  noSearchAll,
  contextOverridden,
  methodRequiredSuper,
  missingReturn,
  noWriteInCompute,
  noRaiseUnlink,
  methodComputeName,
  methodSearchName,
  methodInverseName,
  inheritableMethodReference,
  exceptPass,
  superMethodMismatch,
  badBuiltinGroupby,
  odooAddonsRelativeImport,
];
