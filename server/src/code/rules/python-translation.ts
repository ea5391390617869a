/**
 * Translation misuse: `_()` must receive the literal source text (the translation is looked up by
 * that exact text), placeholders must match the values given, and `_()` must run when a user's
 * language is known (not at import, not in field declarations).
 *
 * None of them runs on code stored in the database: `_()` finds its translations through the module
 * of the calling code, and a server action belongs to no module, so there is nothing to look up.
 */
import type { PyNode as Node } from '../python/tree.ts';
import type { PyFileContext } from '../python/scan.ts';
import { callArguments, callParts, isInterpolatedFString, nodeText, stringValue, unwrapParens } from '../python/syntax.ts';
import { codeRuleId, type CodeRule, type PythonHooks } from './api.ts';
import { defineRule } from './define.ts';
import { isTranslationCall, printfPlaceholders } from './py-helpers.ts';

const TRANSLATION_CALLS = ['_', '_lt'];
const TRANSLATIONS_DOC = 'https://www.odoo.com/documentation/18.0/developer/howtos/translations.html';

function firstArgument(call: Node, ctx: PyFileContext): Node | null {
  const parts = callParts(call, ctx.source);
  return parts ? (callArguments(parts.args, ctx.source).positional[0] ?? null) : null;
}

function binaryOperator(node: Node): string {
  const operator = node.childForFieldName('operator');
  return operator ? operator.type : '';
}

/** A text known before run time: string literals, possibly joined with `+` (`"a " + "b"` is one text to _() and to extraction). */
function isLiteralText(node: Node, ctx: PyFileContext, depth = 0): boolean {
  const value = unwrapParens(node);
  if (value.type === 'string' || value.type === 'concatenated_string') return !isInterpolatedFString(value, ctx.source);
  if (value.type !== 'binary_operator' || binaryOperator(value) !== '+' || depth > 20) return false;
  const left = value.childForFieldName('left');
  const right = value.childForFieldName('right');
  return left !== null && right !== null && isLiteralText(left, ctx, depth + 1) && isLiteralText(right, ctx, depth + 1);
}

/** Whether `node` sits in a lambda inside `within` (a default computed when a record is created). */
function insideLambda(node: Node, within: Node): boolean {
  for (let current = node.parent; current && current.startIndex >= within.startIndex; current = current.parent) {
    if (current.type === 'lambda') return true;
    if (current.startIndex === within.startIndex && current.endIndex === within.endIndex) return false;
  }
  return false;
}

type RuleMeta = Parameters<typeof defineRule>[0];

/** Declares a translation rule: it reads Python files only, never stored code, and cites the translations guide. */
function defineTranslationRule(meta: Omit<RuleMeta, 'references' | 'reads' | 'storedCode'>, hooks: Parameters<typeof defineRule>[1]): CodeRule {
  return defineRule({ references: [TRANSLATIONS_DOC], ...meta, reads: ['python'], storedCode: 'never' }, hooks);
}

/** Python hooks that give `inspect` each _() / _lt() call that has a first positional argument, with that argument. */
function onTranslatedText(inspect: (call: Node, text: Node, ctx: PyFileContext) => void): PythonHooks {
  return {
    callNames: TRANSLATION_CALLS,
    nodes: {
      call(node, ctx) {
        if (!isTranslationCall(node, ctx)) return;
        const first = firstArgument(node, ctx);
        if (first) inspect(node, first, ctx);
      },
    },
  };
}

export const translationNotLazy = defineTranslationRule(
  {
    name: 'translation-not-lazy',
    severity: 'medium',
    title: 'Text formatted before it is translated',
    rationale:
      'Translations are looked up by the exact source text. `_("Order %s" % name)` looks up "Order S00042", which no translation file contains, so users always see English.',
    remediation: 'Pass the values to _() (`_("Order %s", name)`) or format the translated text (`_("Order %s") % name`).',
    effortHours: 0.1,
    pylintOdoo: 'W8301 translation-not-lazy',
  },
  {
    python: onTranslatedText((node, first, ctx) => {
      const value = unwrapParens(first);
      if (value.type !== 'binary_operator') return;
      const op = binaryOperator(value);
      if (op !== '%' && op !== '+') return;
      if (op === '+' && isLiteralText(value, ctx)) return;
      ctx.report(codeRuleId('translation-not-lazy'), node, `The text is ${op === '%' ? 'formatted with %' : 'concatenated'} before _() looks it up, so it is never translated.`);
    }),
  },
);

export const translationFormatInterpolation = defineTranslationRule(
  {
    name: 'translation-format-interpolation',
    severity: 'medium',
    title: '.format() applied before translation',
    rationale: '`_("Hello {}".format(name))` looks up the already formatted text, which has no translation.',
    remediation: 'Use named placeholders passed to _(): `_("Hello %(name)s", name=name)`.',
    effortHours: 0.1,
    pylintOdoo: 'W8302 translation-format-interpolation',
  },
  {
    python: onTranslatedText((node, first, ctx) => {
      const value = unwrapParens(first);
      if (value.type !== 'call') return;
      const parts = callParts(value, ctx.source);
      if (parts?.name !== 'format' || !parts.receiverNode) return;
      if (stringValue(parts.receiverNode, ctx.source) === null) return;
      ctx.report(codeRuleId('translation-format-interpolation'), node, 'The text is formatted with .format() before _() looks it up, so it is never translated.');
    }),
  },
);

export const translationFstring = defineTranslationRule(
  {
    name: 'translation-fstring-interpolation',
    severity: 'medium',
    title: 'f-string passed to _()',
    rationale: 'An f-string is formatted before _() sees it, so the looked-up text contains the values and is never translated (and translators never see the term).',
    remediation: 'Use a plain string with named placeholders: `_("Hello %(name)s", name=name)`.',
    effortHours: 0.1,
    pylintOdoo: 'W8303 translation-fstring-interpolation',
  },
  {
    python: onTranslatedText((node, first, ctx) => {
      if (!isInterpolatedFString(unwrapParens(first), ctx.source)) return;
      ctx.report(codeRuleId('translation-fstring-interpolation'), node, 'An f-string is passed to _(), so the text is never translated.');
    }),
  },
);

export const translationField = defineTranslationRule(
  {
    name: 'translation-field',
    severity: 'low',
    title: '_() in a field declaration',
    rationale:
      'Field labels, help texts and selection values are exported for translation automatically. _() there runs once at import, in no user language, and only adds a useless term.',
    remediation: 'Write the plain string: `name = fields.Char("Name")`.',
    effortHours: 0.1,
    pylintOdoo: 'W8103 translation-field',
  },
  {
    python: {
      nodes: {
        call(node, ctx) {
          if (!ctx.classBody) return;
          const parts = callParts(node, ctx.source);
          if (!parts || parts.receiver !== 'fields' || !parts.args) return;
          for (const inner of parts.args.descendantsOfType('call')) {
            if (!isTranslationCall(inner, ctx)) continue;
            // default=lambda self: _("New") runs per record, in the user's language: Odoo core does this.
            if (insideLambda(inner, parts.args)) continue;
            ctx.report(codeRuleId('translation-field'), inner, `_() is used in the declaration of a fields.${parts.name}.`);
          }
        },
      },
    },
  },
);

export const translationPositional = defineTranslationRule(
  {
    name: 'translation-positional-used',
    severity: 'low',
    title: 'Several positional placeholders in a translated text',
    rationale: 'With two or more `%s` placeholders translators cannot reorder them, which many languages need; the translation then reads wrongly or breaks the formatting.',
    remediation: 'Use named placeholders: `_("%(count)s lines in %(order)s", count=n, order=name)`.',
    effortHours: 0.1,
    pylintOdoo: 'W8120 translation-positional-used',
  },
  {
    python: onTranslatedText((node, first, ctx) => {
      const text = stringValue(first, ctx.source);
      if (text === null) return;
      const { positional } = printfPlaceholders(text);
      const braces = (text.match(/\{\}/g) ?? []).length;
      if (positional < 2 && braces < 2) return;
      ctx.report(codeRuleId('translation-positional-used'), node, `The translated text has ${Math.max(positional, braces)} positional placeholders that translators cannot reorder.`);
    }),
  },
);

function tupleLength(node: Node): number | null {
  const value = unwrapParens(node);
  if (value.type === 'tuple') return value.namedChildren.filter((c) => c !== null && c.type !== 'comment').length;
  if (value.type === 'list' || value.type === 'dictionary' || value.type === 'identifier' || value.type === 'call' || value.type === 'attribute' || value.type === 'subscript') return null;
  return 1;
}

export const translationArgsMismatch = defineTranslationRule(
  {
    name: 'translation-args-mismatch',
    severity: 'medium',
    title: 'Translated text and its values do not match',
    rationale: 'When the number of `%s` placeholders differs from the values given, formatting raises an error at run time — in the middle of the user action that shows the message.',
    remediation: 'Give exactly one value per placeholder, or use named placeholders.',
    effortHours: 0.1,
    pylintOdoo: 'E8305 translation-too-many-args / E8306 translation-too-few-args',
  },
  {
    python: {
      callNames: TRANSLATION_CALLS,
      nodes: {
        call(node, ctx) {
          if (!isTranslationCall(node, ctx)) return;
          const parts = callParts(node, ctx.source);
          if (!parts) return;
          const args = callArguments(parts.args, ctx.source);
          if (args.positional.length < 2 || args.hasSplat) return;
          const text = stringValue(args.positional[0], ctx.source);
          if (text === null) return;
          const { positional, named } = printfPlaceholders(text);
          if (named.size > 0) return;
          const given = args.positional.length - 1;
          if (given !== positional) {
            ctx.report(codeRuleId('translation-args-mismatch'), node, `The translated text has ${positional} placeholder(s) but ${given} value(s) are given.`);
          }
        },
        binary_operator(node, ctx) {
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          if (!left || !right || binaryOperator(node) !== '%' || !isTranslationCall(left, ctx)) return;
          const first = firstArgument(left, ctx);
          const text = first ? stringValue(first, ctx.source) : null;
          if (text === null) return;
          const { positional, named } = printfPlaceholders(text);
          if (named.size > 0) return;
          const given = tupleLength(right);
          if (given === null || given === positional) return;
          ctx.report(codeRuleId('translation-args-mismatch'), node, `The translated text has ${positional} placeholder(s) but ${given} value(s) are given.`);
        },
      },
    },
  },
);

const ODOO_EXCEPTIONS = new Set(['UserError', 'ValidationError', 'AccessError', 'AccessDenied', 'MissingError', 'RedirectWarning', 'Warning', 'except_orm']);

export const translationRequired = defineTranslationRule(
  {
    name: 'translation-required',
    severity: 'low',
    title: 'Error message shown to users is not translatable',
    rationale: 'UserError, ValidationError and friends are shown to the user; a plain string there is never translated.',
    remediation: 'Wrap the message in _(): `raise UserError(_("The order is locked."))`.',
    effortHours: 0.1,
    pylintOdoo: 'C8107 translation-required',
  },
  {
    python: {
      nodes: {
        raise_statement(node, ctx) {
          if (ctx.isTest) return;
          const raised = node.namedChild(0);
          if (!raised || raised.type !== 'call') return;
          const parts = callParts(raised, ctx.source);
          if (!parts || !ODOO_EXCEPTIONS.has(parts.name)) return;
          let first = callArguments(parts.args, ctx.source).positional[0];
          if (!first) return;
          first = unwrapParens(first);
          if (first.type === 'binary_operator') first = first.childForFieldName('left') ?? first;
          else if (first.type === 'call') {
            const inner = callParts(first, ctx.source);
            if (inner?.name === 'format' && inner.receiverNode) first = inner.receiverNode;
          }
          if (stringValue(first, ctx.source) === null && !isInterpolatedFString(first, ctx.source)) return;
          ctx.report(codeRuleId('translation-required'), node, `The ${parts.name} message is a plain string, not wrapped in _().`);
        },
      },
    },
  },
);

export const translationInjection = defineTranslationRule(
  {
    name: 'translation-injection',
    severity: 'medium',
    title: '.format() on a translated text',
    rationale:
      'Translations are contributed text. With .format(), a translated string such as "{0.__class__.__init__.__globals__}" reads server internals; formatting also breaks when a translator copies braces.',
    remediation: 'Pass named values to _() instead: `_("Hello %(name)s", name=name)`.',
    effortHours: 0.1,
    pylintOdoo: 'E8151 translation-injection',
  },
  {
    python: {
      callNames: ['format'],
      nodes: {
        call(node, ctx) {
          const parts = callParts(node, ctx.source);
          if (!parts || parts.name !== 'format' || !parts.receiverNode) return;
          if (!isTranslationCall(unwrapParens(parts.receiverNode), ctx)) return;
          ctx.report(codeRuleId('translation-injection'), node, 'A translated text is formatted with .format().');
        },
      },
    },
  },
);

export const translationAtImport = defineTranslationRule(
  {
    name: 'translation-at-import',
    severity: 'low',
    title: '_() evaluated at import time',
    rationale: 'A module-level `X = _("…")` runs once when Python imports the file, before any user or language exists, so the text is never translated.',
    remediation: 'Use `_lt("…")` (lazy translation) for module-level texts, or call _() inside the method that shows the text.',
    effortHours: 0.1,
  },
  {
    python: {
      callNames: ['_'],
      nodes: {
        call(node, ctx) {
          if (ctx.fn || ctx.cls) return;
          const parts = callParts(node, ctx.source);
          if (!parts || parts.receiver !== null || parts.name !== '_' || ctx.isTest) return;
          ctx.report(codeRuleId('translation-at-import'), node, '_() is called at module level, when no user language is known.');
        },
      },
    },
  },
);

export const PYTHON_TRANSLATION_RULES: readonly CodeRule[] = [
  translationNotLazy,
  translationFormatInterpolation,
  translationFstring,
  translationField,
  translationPositional,
  translationArgsMismatch,
  translationRequired,
  translationInjection,
  translationAtImport,
];

