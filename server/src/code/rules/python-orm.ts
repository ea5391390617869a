/**
 * ORM usage: queries repeated in loops (N+1), overrides that drop super() or its result, compute
 * methods that write, naming and references of field methods, and smaller correctness traps.
 */
import type { PyNode as Node } from '../python/tree.ts';
import type { PyClass, PyFileContext } from '../python/scan.ts';
import { callArguments, callParts, nodeText } from '../python/syntax.ts';
import { codeRuleId, type CodeRule } from './api.ts';
import { defineRule, OCA_GUIDELINES, ODOO_GUIDELINES } from './define.ts';
import { isCursor, isOrmReceiver } from './py-helpers.ts';

const PERFORMANCE_DOC = 'https://www.odoo.com/documentation/18.0/developer/reference/backend/performance.html';
const LOOP_QUERIES = new Set(['search', 'search_count', 'search_read', 'read_group', '_read_group', 'search_fetch', 'browse', 'name_search', '_search']);

function skipsPerformance(ctx: PyFileContext): boolean {
  return ctx.isTest || ctx.isMigration;
}

/** A SELECT/INSERT/UPDATE/DELETE written as a literal (savepoints and DDL per object are not N+1). */
function isDataQuery(args: Node | null, ctx: PyFileContext): boolean {
  const first = callArguments(args, ctx.source).positional[0];
  if (!first) return false;
  const texts = [nodeText(first, ctx.source)];
  if (first.type === 'identifier') for (const value of ctx.fn?.assignments.get(texts[0]) ?? []) texts.push(nodeText(value, ctx.source));
  return texts.some((text) => /^(select|insert|update|delete|with)\b/i.test(text.replace(/^(?:[(\s]|(?:sql\.)?SQL\s*\()*[rRbBuUfF]*("""|'''|"|')\s*/, '')));
}

export const ormQueryInLoop = defineRule(
  {
    name: 'orm-query-in-loop',
    severity: 'medium',
    title: 'Query repeated inside a loop (N+1)',
    rationale:
      'A search, browse, read_group or SQL query inside a loop over records runs once per record: 1,000 records make 1,000 round trips to PostgreSQL where one batched query would do, and browse() in a loop also defeats prefetching.',
    remediation: 'Query once before the loop (`search([("id", "in", ids)])`, `read_group`, `mapped`) and look results up in a dict inside the loop.',
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
          const query = LOOP_QUERIES.has(parts.name) ? isOrmReceiver(parts.receiver, ctx) : parts.name === 'execute' && isCursor(parts.receiver) && isDataQuery(parts.args, ctx);
          if (!query) return;
          // One query per *model* (env[name] with the loop variable) is not a query per record.
          const targets = loop.target.split(/[^A-Za-z0-9_]+/).filter(Boolean);
          // browse() without ids builds an empty recordset: no query.
          if (parts.name === 'browse' && callArguments(parts.args, ctx.source).positional.length === 0) return;
          const receiver = parts.receiver;
          if (receiver && receiver.includes('env') && targets.some((t) => new RegExp(`env\\s*\\[\\s*${t}\\s*\\]`).test(receiver))) return;
          const over = loop.target ? ` over \`${loop.target.slice(0, 60)}\`` : '';
          ctx.report(codeRuleId('orm-query-in-loop'), node, `${parts.name}() runs once per iteration of the loop${over}.`, {
            evidence: { loop: loop.kind },
          });
        },
      },
    },
  },
);

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
          const over = loop.target ? ` over \`${loop.target.slice(0, 60)}\`` : '';
          ctx.report(codeRuleId('create-in-loop'), node, `create() is called once per iteration of the loop${over}.`);
        },
      },
    },
  },
);

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
        if (!fn.cls || isModelClass(fn.cls) || fn.returnsValue || fn.yields || returnIgnored(fn.name, fn.decorators.map((d) => d.name))) return;
        if (!fn.superCalls.some((call) => call.called && call.method !== '__init__')) return;
        ctx.report(codeRuleId('missing-return'), fn.node, `${fn.cls.name}.${fn.name}() calls super() but returns nothing.`, { anchor: `${fn.cls.name}.${fn.name}` });
      },
    },
    project(project, ctxFor) {
      // A base definition in the analysed code that itself returns nothing makes "no return" correct.
      const returnsNothing = new Set<string>();
      for (const mod of project.modules.values()) {
        for (const model of mod.models) {
          if (!model.model) continue;
          for (const method of model.methods) if (!method.callsSuper && !method.returnsValue && !method.yields) returnsNothing.add(`${model.model}|${method.name}`);
        }
      }
      for (const mod of project.modules.values()) {
        const ctx = ctxFor(mod.name);
        for (const model of mod.models) {
          for (const method of model.methods) {
            if (!method.callsSuper || method.returnsValue || method.yields || returnIgnored(method.name, method.decorators)) continue;
            const bases = [model.model, ...model.inherits].filter((m): m is string => m !== null);
            if (bases.some((m) => returnsNothing.has(`${m}|${method.name}`))) continue;
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
          if (!fn) continue;
          for (const call of fn.writeCalls) {
            ctx.report(codeRuleId('no-write-in-compute'), call, `Compute method ${name}() calls write().`, { anchor: `${cls.name}.${name}|write` });
          }
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
    remediation: 'Write the method name as a string (`compute="_compute_x"`) or `default=lambda self: self._default_x()`.',
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
          ctx.report(codeRuleId('inheritable-method-reference'), node, `${key}=${name} passes the function itself, so overrides of ${name} are ignored.`);
        }
      },
      fileExit() {
        if (methodReferences.size > 0) methodReferences.clear(); // clear() allocates even on an empty map
      },
    },
  },
);

export const exceptPass = defineRule(
  {
    name: 'except-pass',
    severity: 'low',
    title: 'Exception silently ignored',
    rationale: 'An except block that only passes hides the error: the user sees nothing, the log shows nothing, and data may be left half-processed.',
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
          if (/ImportError|ModuleNotFoundError/.test(what)) return;
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
      functionExit(fn, ctx) {
        if (!fn.cls) return;
        for (const call of fn.superCalls) {
          if (call.method === null || call.method === fn.name || !call.called) continue;
          if (fn.name === '__init__' || call.method === '__init__' || fn.name.startsWith('__')) continue;
          ctx.report(codeRuleId('super-method-mismatch'), call.node, `${fn.name}() calls super().${call.method}().`, { anchor: `${fn.cls.name}.${fn.name}|${call.method}` });
        }
      },
    },
  },
);

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
          if (first && /^sorted\s*\(|\.sorted\s*\(/.test(nodeText(first, ctx.source))) return;
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
          if (!ctx.module || ctx.isTest) return;
          const moduleName = node.childForFieldName('module_name');
          if (!moduleName) return;
          const text = nodeText(moduleName, ctx.source).replace(/\s+/g, '');
          if (text === `odoo.addons.${ctx.module}` || text.startsWith(`odoo.addons.${ctx.module}.`)) {
            ctx.report(codeRuleId('odoo-addons-relative-import'), node, `${text} is this module itself: use a relative import.`);
          }
        },
        import_statement(node, ctx) {
          if (!ctx.module || ctx.isTest) return;
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
