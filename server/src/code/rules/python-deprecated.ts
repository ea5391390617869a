/**
 * APIs removed or deprecated in the series the code runs on. Each rule declares the series from
 * which it applies: code for older series is not flagged for what was still correct there.
 */
import type { PyNode as Node } from '../python/tree.ts';
import type { PyFileContext } from '../python/scan.ts';
import { callArguments, callParts, nodeText } from '../python/syntax.ts';
import { lineColumn } from '../text.ts';
import { compareSeries } from '../../odoo/series.ts';
import { codeRuleId, type CodeRule } from './api.ts';
import { defineRule, OCA_GUIDELINES } from './define.ts';

const ORM_CHANGELOG = 'https://www.odoo.com/documentation/18.0/developer/reference/backend/orm/changelog.html';

function decoratorRule(name: string, decorators: readonly string[], options: { severity: 'high' | 'medium' | 'low'; title: string; rationale: string; remediation: string; min: string; pylint?: string }) {
  const id = codeRuleId(name);
  const wanted = new Set(decorators.flatMap((d) => [d, `odoo.${d}`, `openerp.${d}`]));
  return defineRule(
    {
      name,
      severity: options.severity,
      title: options.title,
      rationale: options.rationale,
      remediation: options.remediation,
      effortHours: 0.25,
      references: [ORM_CHANGELOG],
      pylintOdoo: options.pylint ?? null,
      series: { min: options.min },
      reads: ['python'],
    },
    {
      python: {
        nodes: {
          function_definition(_node, ctx) {
            const fn = ctx.fn;
            if (!fn) return;
            for (const decorator of fn.decorators) {
              const resolved = ctx.resolve(decorator.name);
              if (!wanted.has(decorator.name) && !wanted.has(resolved)) continue;
              ctx.report(id, decorator.node, `@${decorator.name} on ${fn.name}() ${options.severity === 'high' ? 'no longer exists' : 'is deprecated'} in Odoo ${ctx.series ?? options.min}.`, {
                anchor: `${fn.cls?.name ?? ''}.${fn.name}|${decorator.name}`,
              });
            }
          },
        },
      },
    },
  );
}

export const deprecatedApiOne = decoratorRule('deprecated-api-one', ['api.one'], {
  severity: 'high',
  title: '@api.one (removed in 13.0)',
  rationale: '@api.one was removed in Odoo 13.0: the module fails to import, and on older series it hides that the method runs once per record.',
  remediation: 'Remove the decorator and loop over self (`for record in self:`) inside the method.',
  min: '13.0',
  pylint: 'W8104 api-one-deprecated',
});

export const deprecatedApiMulti = decoratorRule('deprecated-api-multi', ['api.multi'], {
  severity: 'high',
  title: '@api.multi (removed in 13.0)',
  rationale: '@api.multi was removed in Odoo 13.0, where every method is multi-record by default: the module fails to import.',
  remediation: 'Remove the decorator.',
  min: '13.0',
});

export const deprecatedApiReturns = decoratorRule('deprecated-api-returns', ['api.returns'], {
  severity: 'low',
  title: '@api.returns (deprecated in 19.0)',
  rationale: 'Up to 18.0 @api.returns still converts return values for RPC callers; 19.0 deprecates it, and upgrades to 19.0 flag every use.',
  remediation: 'Remove the decorator and return the records (RPC callers get their ids).',
  min: '19.0',
});

export const deprecatedApiLegacy = decoratorRule(
  'deprecated-api-legacy',
  ['api.cr', 'api.cr_uid', 'api.cr_uid_ids', 'api.cr_uid_id', 'api.cr_uid_context', 'api.cr_uid_ids_context', 'api.cr_uid_id_context', 'api.cr_context', 'api.model_cr', 'api.model_cr_context', 'api.v7', 'api.v8', 'api.noguess', 'api.guess'],
  {
    severity: 'high',
    title: 'Old-API decorator (removed in 13.0)',
    rationale: 'The cr/uid decorators of the old API (api.cr_uid…, api.model_cr, api.v7/v8, api.noguess) were removed in Odoo 13.0: the module fails to import.',
    remediation: 'Rewrite the method with the current API (self, self.env) and remove the decorator.',
    min: '13.0',
  },
);

export const sudoUserArgument = defineRule(
  {
    name: 'sudo-user-argument',
    severity: 'medium',
    title: 'sudo(user) instead of with_user(user)',
    rationale: 'Since 13.0 sudo() only takes a flag; sudo(user) no longer switches the user, it enables superuser mode, which silently grants every access right.',
    remediation: 'Use `with_user(user)` to act as another user, and `sudo()` only to bypass access rights deliberately.',
    effortHours: 0.25,
    references: [ORM_CHANGELOG],
    series: { min: '13.0' },
    reads: ['python'],
  },
  {
    python: {
      callNames: ['sudo'],
      nodes: {
        call(node, ctx) {
          const parts = callParts(node, ctx.source);
          if (!parts || parts.name !== 'sudo' || parts.receiver === null) return;
          const first = callArguments(parts.args, ctx.source).positional[0];
          if (!first) return;
          const text = nodeText(first, ctx.source);
          if (text === 'True' || text === 'False' || first.type === 'true' || first.type === 'false') return;
          ctx.report(codeRuleId('sudo-user-argument'), node, `sudo(${text.slice(0, 40)}) does not switch user since 13.0: use with_user().`);
        },
      },
    },
  },
);

/** Up to 13.0 the `openerp` alias still imports (13.0 warns that it is deprecated); 14.0 removed it. */
function openerpRemoved(ctx: PyFileContext): boolean {
  return ctx.series === null || compareSeries(ctx.series, '14.0') >= 0;
}

export const openerpImport = defineRule(
  {
    name: 'openerp-import',
    severity: 'high',
    title: 'Import from the openerp package',
    rationale:
      'The `openerp` package was renamed `odoo` in 10.0 and kept as an alias, deprecated in 13.0 (which warns on import) and removed in 14.0: from 14.0 on the module fails to import.',
    remediation: 'Import from `odoo` (`from odoo import api, fields, models`).',
    effortHours: 0.25,
    references: [ORM_CHANGELOG, 'https://github.com/odoo/odoo/pull/37007'],
    series: { min: '13.0' },
    reads: ['python'],
  },
  {
    python: {
      nodes: {
        import_from_statement(node, ctx) {
          const moduleName = node.childForFieldName('module_name');
          if (moduleName && /^openerp(\.|$)/.test(nodeText(moduleName, ctx.source))) reportOpenerp(node, nodeText(moduleName, ctx.source), ctx);
        },
        import_statement(node, ctx) {
          if (/^import\s+openerp\b/.test(nodeText(node, ctx.source))) reportOpenerp(node, 'openerp', ctx);
        },
      },
    },
  },
);

function reportOpenerp(node: Node, moduleName: string, ctx: PyFileContext): void {
  if (openerpRemoved(ctx)) {
    ctx.report(codeRuleId('openerp-import'), node, `${moduleName} no longer exists: import from odoo.`);
  } else {
    ctx.report(codeRuleId('openerp-import'), node, `${moduleName} is a deprecated alias of odoo, removed in 14.0: import from odoo.`, { severity: 'low' });
  }
}

export const odooExceptionWarning = defineRule(
  {
    name: 'odoo-exception-warning',
    severity: 'medium',
    title: 'odoo.exceptions.Warning',
    rationale: 'odoo.exceptions.Warning was a deprecated alias of UserError, and shadows the Python builtin Warning; it was removed in recent series.',
    remediation: 'Use `from odoo.exceptions import UserError`.',
    effortHours: 0.1,
    references: [ORM_CHANGELOG],
    pylintOdoo: 'R8101 odoo-exception-warning',
    reads: ['python'],
  },
  {
    python: {
      nodes: {
        import_from_statement(node, ctx) {
          const moduleName = node.childForFieldName('module_name');
          if (!moduleName || !/^(odoo|openerp)\.exceptions$/.test(nodeText(moduleName, ctx.source).replace(/\s+/g, ''))) return;
          for (const name of node.childrenForFieldName('name')) {
            if (!name) continue;
            const imported = name.type === 'aliased_import' ? name.childForFieldName('name') : name;
            if (imported && nodeText(imported, ctx.source) === 'Warning') {
              ctx.report(codeRuleId('odoo-exception-warning'), node, 'odoo.exceptions.Warning is imported: use UserError.');
            }
          }
        },
      },
    },
  },
);

export const attributeDeprecated = defineRule(
  {
    name: 'attribute-deprecated',
    severity: 'medium',
    title: 'Old-API model attribute (_columns, _defaults)',
    rationale: '_columns and _defaults belong to the old API: current series ignore them, so the fields and defaults they declare silently do not exist.',
    remediation: 'Declare fields as class attributes (`name = fields.Char()`) with `default=`.',
    effortHours: 1,
    references: [ORM_CHANGELOG],
    pylintOdoo: 'W8105 attribute-deprecated',
    reads: ['python'],
  },
  {
    python: {
      classExit(cls, ctx) {
        if (!cls.isOdooModel) return;
        for (const name of ['_columns', '_defaults']) {
          const value = cls.attrs.get(name);
          if (value) ctx.report(codeRuleId('attribute-deprecated'), value, `${cls.name} declares ${name}, which the current ORM ignores.`, { anchor: `${cls.name}|${name}` });
        }
      },
    },
  },
);

export const sqlConstraintsDeprecated = defineRule(
  {
    name: 'sql-constraints-deprecated',
    severity: 'medium',
    title: '_sql_constraints instead of models.Constraint',
    rationale: 'From 19.0 (after saas-18.x) Odoo declares SQL constraints and indexes as `models.Constraint` / `models.Index` class attributes and warns that `_sql_constraints` is no longer supported.',
    remediation: 'Declare each constraint as `_name_unique = models.Constraint("UNIQUE(name)", "message")`.',
    effortHours: 0.25,
    references: [ORM_CHANGELOG],
    series: { min: '19.0' },
    reads: ['python'],
  },
  {
    python: {
      classExit(cls, ctx) {
        const value = cls.attrs.get('_sql_constraints');
        if (value && cls.isOdooModel) ctx.report(codeRuleId('sql-constraints-deprecated'), value, `${cls.name} declares _sql_constraints.`, { anchor: cls.name });
      },
    },
  },
);

function removedMethodRule(name: string, method: string, options: { title: string; rationale: string; remediation: string; min: string; pylint: string }) {
  const id = codeRuleId(name);
  return defineRule(
    {
      name,
      severity: 'medium',
      title: options.title,
      rationale: options.rationale,
      remediation: options.remediation,
      effortHours: 1,
      references: [ORM_CHANGELOG],
      pylintOdoo: options.pylint,
      series: { min: options.min },
      reads: ['python'],
    },
    {
      python: {
        functionExit(fn, ctx) {
          if (fn.name !== method || !fn.cls || !(fn.cls.isOdooModel || fn.cls.attrs.has('_inherit'))) return;
          ctx.report(id, fn.node, `${fn.cls.name}.${method}() is not called by Odoo ${ctx.series ?? options.min}.`, { anchor: `${fn.cls.name}.${method}` });
        },
      },
    },
  );
}

export const nameGetDeprecated = removedMethodRule('name-get-deprecated', 'name_get', {
  title: 'name_get() override (replaced in 17.0)',
  rationale: 'Odoo 17.0 computes display names with _compute_display_name and no longer calls name_get(): the override has no effect and records show their default name.',
  remediation: 'Override `_compute_display_name` (with `@api.depends`) instead.',
  min: '17.0',
  pylint: 'E8146 deprecated-name-get',
});

export const fieldsViewGetDeprecated = removedMethodRule('fields-view-get-deprecated', 'fields_view_get', {
  title: 'fields_view_get() override (replaced in 16.0)',
  rationale: 'Odoo 16.0 builds views with get_views() / _get_view() and no longer calls fields_view_get(): view changes made there are silently lost.',
  remediation: 'Override `_get_view` (or `get_views`) instead.',
  min: '16.0',
  pylint: 'W8160 deprecated-odoo-model-method',
});

export const invalidateCacheDeprecated = defineRule(
  {
    name: 'invalidate-cache-deprecated',
    severity: 'low',
    title: 'invalidate_cache() (deprecated in 16.0)',
    rationale: 'invalidate_cache() was replaced in 16.0 by invalidate_model(), invalidate_recordset() and env.invalidate_all(), which say what they invalidate; the old name is deprecated.',
    remediation: 'Use `self.env.invalidate_all()`, `records.invalidate_recordset([fields])` or `Model.invalidate_model([fields])`.',
    effortHours: 0.1,
    references: [ORM_CHANGELOG],
    series: { min: '16.0' },
    reads: ['python'],
  },
  {
    python: {
      callNames: ['invalidate_cache'],
      nodes: {
        call(node, ctx) {
          const parts = callParts(node, ctx.source);
          if (parts && parts.name === 'invalidate_cache' && parts.receiver !== null) {
            ctx.report(codeRuleId('invalidate-cache-deprecated'), node, 'invalidate_cache() is deprecated.');
          }
        },
      },
    },
  },
);

const SELF_PRIVATE = /\bself\s*\.\s*_(cr|uid|context)\b/g;

export const selfCrDeprecated = defineRule(
  {
    name: 'self-cr-deprecated',
    severity: 'low',
    title: 'self._cr, self._uid, self._context (deprecated in 19.0)',
    rationale: 'Odoo 19.0 deprecates the private shortcuts self._cr, self._uid and self._context in favour of self.env.cr, self.env.uid and self.env.context.',
    remediation: 'Use `self.env.cr`, `self.env.uid` and `self.env.context`.',
    effortHours: 0.1,
    references: [ORM_CHANGELOG],
    pylintOdoo: 'W8165 deprecated-self-cr',
    series: { min: '19.0' },
    reads: ['python'],
  },
  {
    python: {
      fileExit(ctx: PyFileContext) {
        SELF_PRIVATE.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = SELF_PRIVATE.exec(ctx.source)) !== null) {
          const node = ctx.tree.rootNode.descendantForIndex(m.index);
          if (!node || node.type === 'comment' || node.type === 'string_content' || node.type === 'string') continue;
          ctx.report(codeRuleId('self-cr-deprecated'), lineColumn(ctx.source, m.index), `self._${m[1]} is deprecated: use self.env.${m[1]}.`);
        }
      },
    },
  },
);

function firstErrorNode(root: Node): Node | null {
  const errors = root.descendantsOfType('ERROR');
  if (errors.length > 0 && errors[0]) return errors[0];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isMissing) return node;
    if (!node.hasError) continue;
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child) stack.push(child);
    }
  }
  return null;
}

/** The first Python 2 statement of the file being walked (with its context, so no file sees another's). */
let firstLegacy: { ctx: PyFileContext; node: Node } | null = null;

function noteLegacyStatement(node: Node, ctx: PyFileContext): void {
  if (firstLegacy?.ctx !== ctx) firstLegacy = { ctx, node };
}

export const pythonSyntaxError = defineRule(
  {
    name: 'python-syntax-error',
    severity: 'high',
    title: 'Python file that does not parse',
    rationale: 'A file with a syntax error (often Python 2 code: print statements, `except X, e`) makes the import of the module fail, and with it the server start or the module installation.',
    remediation: 'Fix the syntax (port Python 2 constructs to Python 3).',
    effortHours: 0.5,
    references: [OCA_GUIDELINES],
    reads: ['python'],
  },
  {
    python: {
      // tree-sitter accepts Python 2 print/exec statements, which Python 3 rejects: the walk hands
      // them over in document order, so the first one seen is the first in the file.
      nodes: {
        print_statement: noteLegacyStatement,
        exec_statement: noteLegacyStatement,
      },
      fileExit(ctx) {
        const legacy = firstLegacy?.ctx === ctx ? firstLegacy.node : undefined;
        firstLegacy = null;
        if (!ctx.tree.rootNode.hasError && !legacy) return;
        const at = (ctx.tree.rootNode.hasError ? firstErrorNode(ctx.tree.rootNode) : null) ?? legacy ?? ctx.tree.rootNode;
        const why = legacy && at === legacy ? `: a Python 2 ${legacy.type.replace('_', ' ')}` : '';
        ctx.report(codeRuleId('python-syntax-error'), at, `This file is not valid Python 3${why}.`, { anchor: 'syntax' });
      },
    },
  },
);

export const PYTHON_DEPRECATED_RULES: readonly CodeRule[] = [
  deprecatedApiOne,
  deprecatedApiMulti,
  deprecatedApiReturns,
  deprecatedApiLegacy,
  sudoUserArgument,
  openerpImport,
  odooExceptionWarning,
  attributeDeprecated,
  sqlConstraintsDeprecated,
  nameGetDeprecated,
  fieldsViewGetDeprecated,
  invalidateCacheDeprecated,
  selfCrDeprecated,
  pythonSyntaxError,
];
