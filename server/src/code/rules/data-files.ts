/**
 * XML views and data, QWeb templates, CSV data and access rights, and JavaScript.
 */
import { codeRuleId, type CodeRule } from './api.ts';
import { defineRule, ODOO_SECURITY, OCA_GUIDELINES } from './define.ts';
import { findAncestor, walkElements, type XmlDocument, type XmlElement } from '../xml/parse.ts';
import { lineColumn } from '../text.ts';

const VIEWS_DOC = 'https://www.odoo.com/documentation/18.0/developer/reference/user_interface/view_architectures.html';
const QWEB_DOC = 'https://www.odoo.com/documentation/18.0/developer/reference/frontend/qweb.html';
const DATA_DOC = 'https://www.odoo.com/documentation/18.0/developer/reference/backend/data.html';

function elements(doc: XmlDocument): readonly XmlElement[] {
  return doc.elements;
}

/** The element is part of a view architecture (inside `<field name="arch">` of an ir.ui.view, or a `<template>`). */
function inViewArch(element: XmlElement): boolean {
  return element.inArch;
}

function isDataFile(doc: XmlDocument): boolean {
  const root = doc.root?.name;
  return root === 'odoo' || root === 'openerp' || root === 'data';
}

function recordAnchor(element: XmlElement): string {
  const record = element.name === 'record' || element.name === 'template' ? element : (findAncestor(element, 'record') ?? findAncestor(element, 'template'));
  const id = record?.attrs.id ?? '';
  return `${id}|${element.name}|${element.attrs.name ?? ''}`;
}

export const xmlSyntaxError = defineRule(
  {
    name: 'xml-syntax-error',
    severity: 'high',
    title: 'XML file that does not parse',
    rationale: 'A malformed XML data file stops the installation or upgrade of its module; a malformed template breaks every page that uses it.',
    remediation: 'Fix the XML at the reported position (unclosed tag, stray `&` or `<`, undefined entity such as &nbsp; — use &#160;).',
    effortHours: 0.25,
    references: [DATA_DOC],
    ocaHook: 'xml-syntax-error',
    reads: ['xml'],
  },
  {
    xml(doc, ctx) {
      if (doc.error) ctx.report(codeRuleId('xml-syntax-error'), doc.error, `The XML is malformed: ${doc.error.message}`, { anchor: 'syntax' });
    },
  },
);

export const xmlRecordMissingId = defineRule(
  {
    name: 'xml-record-missing-id',
    severity: 'low',
    title: '<record> without an id',
    rationale: 'A record without an id is created again at every module update (duplicates) and cannot be referenced, updated or removed by later versions.',
    remediation: 'Give the record a unique `id`.',
    effortHours: 0.1,
    references: [DATA_DOC],
    ocaHook: 'xml-record-missing-id',
    reads: ['xml'],
  },
  {
    xml(doc, ctx) {
      if (!isDataFile(doc)) return;
      for (const element of elements(doc)) {
        if (element.name !== 'record' || element.attrs.id || inViewArch(element)) continue;
        ctx.report(codeRuleId('xml-record-missing-id'), element, `A <record model="${element.attrs.model ?? '?'}"> has no id.`, { anchor: `record|${element.attrs.model ?? ''}` });
      }
    },
  },
);

export const xmlDuplicateFields = defineRule(
  {
    name: 'xml-duplicate-fields',
    severity: 'low',
    title: 'Field set twice in one record',
    rationale: 'When a record sets the same field twice only the last value is kept; the first one is dead and often a copy-paste mistake.',
    remediation: 'Remove one of the two values.',
    effortHours: 0.1,
    references: [DATA_DOC],
    ocaHook: 'xml-duplicate-fields',
    reads: ['xml'],
  },
  {
    xml(doc, ctx) {
      if (!isDataFile(doc)) return;
      for (const element of elements(doc)) {
        if (element.name !== 'record' || inViewArch(element)) continue;
        const seen = new Set<string>();
        for (const child of element.children) {
          if (child.name !== 'field' || !child.attrs.name) continue;
          if (seen.has(child.attrs.name)) {
            ctx.report(codeRuleId('xml-duplicate-fields'), child, `The field "${child.attrs.name}" is set twice in record ${element.attrs.id ?? ''}.`, { anchor: `${element.attrs.id ?? ''}|${child.attrs.name}` });
          }
          seen.add(child.attrs.name);
        }
      }
    },
  },
);

/** A t-raw value that cannot carry user data: a number (`0`, the caller's body) or one quoted string. */
const LITERAL_VALUE = /^\s*(?:\d+(?:\.\d+)?|'[^']*'|"[^"]*")\s*$/;

export const qwebTRaw = defineRule(
  {
    name: 'qweb-t-raw',
    severity: 'medium',
    title: 't-raw: unescaped output in QWeb (deprecated since 15.0)',
    rationale:
      't-raw writes its value into the page without escaping: any HTML or script in it (a partner name, a product description) runs in the browser of whoever views the page. Before 15.0 it is the normal directive for HTML, so only values that are not literals, not rendered by a field widget (t-options) and not inside a <script> are reported; from 15.0 it is deprecated and every use is reported.',
    remediation: 'From 15.0 use `t-out`, which escapes text and keeps values already marked safe (Markup) as HTML. Before 15.0 use `t-esc` for plain text and keep t-raw for HTML the code builds and escapes itself.',
    effortHours: 0.25,
    references: [QWEB_DOC, ODOO_SECURITY],
    ocaHook: 'xml-deprecated-qweb-directive-15',
    reads: ['xml'],
  },
  {
    xml(doc, ctx) {
      const deprecated = ctx.series !== null && Number.parseFloat(ctx.series) >= 15;
      for (const element of elements(doc)) {
        const value = element.attrs['t-raw'];
        if (value === undefined) continue;
        // A literal, or a value rendered by a field widget (t-options: the widget escapes), prints no raw data.
        const literal = LITERAL_VALUE.test(value) || Object.keys(element.attrs).some((name) => name === 't-options' || name.startsWith('t-options-'));
        const anchor = `${recordAnchor(element)}|${value.slice(0, 80)}`;
        if (deprecated) {
          // A literal is only a deprecation (low); any other value is still unescaped output.
          const message = literal ? `t-raw="${value.slice(0, 60)}" is deprecated since 15.0: use t-out.` : `t-raw="${value.slice(0, 60)}" is deprecated since 15.0 and writes unescaped HTML: use t-out.`;
          ctx.report(codeRuleId('qweb-t-raw'), element, message, { anchor, ...(literal ? { severity: 'low' as const } : {}) });
          continue;
        }
        // Before 15.0 t-esc is the only alternative, and it would break JavaScript data in a <script>.
        if (literal || element.name === 'script' || findAncestor(element, 'script')) continue;
        ctx.report(codeRuleId('qweb-t-raw'), element, `t-raw="${value.slice(0, 60)}" writes unescaped HTML; use t-esc for plain text.`, { anchor });
      }
    },
  },
);

/** QWeb attributes whose value is printed (escaped unless it is markup). */
const QWEB_OUTPUT_ATTR = /^t-(?:out|esc|field|att-[\w-]+|attf-[\w-]+)$/;
const MARKUP_CALL = /(?<![\w.])(?:markupsafe\.)?Markup\s*\(/;

export const qwebMarkupOutput = defineRule(
  {
    name: 'qweb-markup-output',
    severity: 'medium',
    title: 'Markup() in a QWeb output expression',
    rationale:
      'QWeb escapes what t-out, t-esc and t-att print unless the value is already markup. Wrapping a value in Markup() inside the template marks it as safe HTML, so any script in a partner name, a product description or an incoming e-mail runs in the browser of whoever views the page.',
    remediation: 'Print the value with t-out and no Markup() so QWeb escapes it. When HTML must be rendered, render a field declared as Html, which the ORM sanitises.',
    effortHours: 0.5,
    references: [QWEB_DOC, ODOO_SECURITY],
    reads: ['xml'],
  },
  {
    xml(doc, ctx) {
      for (const element of elements(doc)) {
        const attrs = element.attrs;
        for (const name in attrs) {
          if (!name.startsWith('t-') || !QWEB_OUTPUT_ATTR.test(name)) continue;
          const value = attrs[name];
          if (!MARKUP_CALL.test(value)) continue;
          ctx.report(codeRuleId('qweb-markup-output'), element, `${name}="${value.slice(0, 60)}" prints Markup(), which QWeb does not escape.`, {
            anchor: `${recordAnchor(element)}|${name}|${value.slice(0, 80)}`,
          });
        }
      }
    },
  },
);

export const viewAttrsRemoved = defineRule(
  {
    name: 'view-attrs-removed',
    severity: 'high',
    title: 'attrs / states in a view (removed in 17.0)',
    rationale: 'Odoo 17.0 removed the attrs and states view attributes: a view that still uses them fails validation, and the module cannot be installed or upgraded.',
    remediation: 'Write the conditions directly: `invisible="state != \'draft\'"`, `readonly="…"`, `required="…"`.',
    effortHours: 0.5,
    references: [VIEWS_DOC],
    series: { min: '17.0' },
    reads: ['xml'],
  },
  {
    xml(doc, ctx) {
      for (const element of elements(doc)) {
        for (const attr of ['attrs', 'states'] as const) {
          if (element.attrs[attr] === undefined || !inViewArch(element)) continue;
          ctx.report(codeRuleId('view-attrs-removed'), element, `<${element.name}> uses ${attr}="…", removed in 17.0.`, { anchor: `${recordAnchor(element)}|${attr}|${element.attrs[attr]!.slice(0, 80)}` });
        }
      }
    },
  },
);

export const viewTreeRenamed = defineRule(
  {
    name: 'view-tree-renamed',
    severity: 'low',
    title: '<tree> view (renamed <list> in 18.0)',
    rationale: 'Odoo 18.0 renamed the tree view type to list; <tree> and view_mode "tree" are still converted with a warning, a compatibility that later series drop.',
    remediation: 'Use `<list>` and view_mode "list".',
    effortHours: 0.1,
    references: [VIEWS_DOC],
    series: { min: '18.0' },
    reads: ['xml'],
  },
  {
    xml(doc, ctx) {
      for (const element of elements(doc)) {
        if (element.name === 'tree' && inViewArch(element)) {
          ctx.report(codeRuleId('view-tree-renamed'), element, 'The view uses <tree>, renamed <list> in 18.0.', { anchor: `${recordAnchor(element)}|tree` });
        } else if (element.name === 'field' && element.attrs.name === 'view_mode' && /\btree\b/.test(element.text)) {
          ctx.report(codeRuleId('view-tree-renamed'), element, `view_mode "${element.text.trim()}" uses "tree", renamed "list" in 18.0.`, { anchor: `${recordAnchor(element)}|view_mode` });
        }
      }
    },
  },
);

export const chatterDeprecated = defineRule(
  {
    name: 'chatter-deprecated',
    severity: 'low',
    title: 'oe_chatter div (replaced by <chatter/> in 18.0)',
    rationale: 'Odoo 18.0 renders the chatter with the <chatter/> element; the old div with message_follower_ids / message_ids widgets is kept only for compatibility.',
    remediation: 'Replace the `<div class="oe_chatter">…</div>` block with `<chatter/>`.',
    effortHours: 0.1,
    references: [VIEWS_DOC],
    ocaHook: 'xml-deprecated-oe-chatter',
    series: { min: '18.0' },
    reads: ['xml'],
  },
  {
    xml(doc, ctx) {
      for (const element of elements(doc)) {
        if (element.name !== 'div' || !/(^|\s)oe_chatter(\s|$)/.test(element.attrs.class ?? '') || !inViewArch(element)) continue;
        ctx.report(codeRuleId('chatter-deprecated'), element, 'The form uses <div class="oe_chatter">, replaced by <chatter/> in 18.0.', { anchor: `${recordAnchor(element)}|chatter` });
      }
    },
  },
);

export const viewDangerousReplace = defineRule(
  {
    name: 'view-dangerous-replace',
    severity: 'low',
    title: 'position="replace" in an inherited view',
    rationale: 'Replacing part of another module\'s view removes whatever other modules added there, depending on load order; with a low priority the replacement runs before most extensions and breaks them.',
    remediation: 'Prefer position="attributes" (e.g. invisible="1") or inside/after; if a replace is needed, give the view a high priority (≥ 99) and document why.',
    effortHours: 0.25,
    references: [VIEWS_DOC],
    ocaHook: 'xml-view-dangerous-replace-low-priority',
    reads: ['xml'],
  },
  {
    xml(doc, ctx) {
      for (const element of elements(doc)) {
        if (element.name !== 'record' || element.attrs.model !== 'ir.ui.view') continue;
        const fields = new Map(element.children.filter((c) => c.name === 'field').map((c) => [c.attrs.name ?? '', c]));
        if (!fields.has('inherit_id')) continue;
        const priority = Number((fields.get('priority')?.text ?? '').trim() || fields.get('priority')?.attrs.eval || '16');
        if (priority >= 99) continue;
        const arch = fields.get('arch');
        if (!arch) continue;
        for (const node of walkElements(arch)) {
          if (node.attrs.position !== 'replace') continue;
          ctx.report(codeRuleId('view-dangerous-replace'), node, `View ${element.attrs.id ?? ''} replaces part of its parent view with priority ${priority}.`, {
            anchor: `${element.attrs.id ?? ''}|${node.name}|${node.attrs.expr ?? node.attrs.name ?? ''}`,
          });
        }
      }
    },
  },
);

export const xmlOpenerpRoot = defineRule(
  {
    name: 'xml-openerp-root',
    severity: 'low',
    title: '<openerp> root element',
    rationale: 'The <openerp> root (and its mandatory <data> wrapper) is the pre-10.0 format, kept only for compatibility; it marks files that were never ported.',
    remediation: 'Use `<odoo>` as the root element.',
    effortHours: 0.1,
    references: [DATA_DOC],
    ocaHook: 'xml-deprecated-openerp-node',
    series: { min: '10.0' },
    reads: ['xml'],
  },
  {
    xml(doc, ctx) {
      if (doc.root?.name === 'openerp') ctx.report(codeRuleId('xml-openerp-root'), doc.root, 'The file uses the <openerp> root element.', { anchor: 'openerp' });
    },
  },
);

// ---- CSV -----------------------------------------------------------------------------------------

export const csvSyntaxError = defineRule(
  {
    name: 'csv-syntax-error',
    severity: 'high',
    title: 'CSV file that does not parse',
    rationale: 'A malformed CSV data file (unclosed quote, broken encoding) stops the installation or upgrade of its module.',
    remediation: 'Fix the CSV at the reported line.',
    effortHours: 0.25,
    references: [DATA_DOC],
    ocaHook: 'csv-syntax-error',
    reads: ['csv'],
  },
  {
    csv(csv, ctx) {
      if (csv.error) ctx.report(codeRuleId('csv-syntax-error'), { line: csv.error.line, column: 1 }, `The CSV is malformed: ${csv.error.message}`, { anchor: 'syntax' });
    },
  },
);

export const csvDuplicateRecordId = defineRule(
  {
    name: 'csv-duplicate-record-id',
    severity: 'medium',
    title: 'Same id twice in a CSV data file',
    rationale: 'Rows with the same id overwrite each other at load: only the last one exists, so an access right or record silently disappears.',
    remediation: 'Give each row a unique id.',
    effortHours: 0.1,
    references: [DATA_DOC],
    ocaHook: 'csv-duplicate-record-id',
    reads: ['csv'],
  },
  {
    csv(csv, ctx) {
      const idColumn = csv.header.find((h) => h === 'id');
      if (!idColumn) return;
      const seen = new Map<string, number>();
      for (const row of csv.rows) {
        const id = row.values.id?.trim();
        if (!id) continue;
        const previous = seen.get(id);
        if (previous !== undefined) {
          ctx.report(codeRuleId('csv-duplicate-record-id'), { line: row.line, column: 1 }, `The id "${id}" is already used on line ${previous}.`, { anchor: `id|${id}` });
        } else {
          seen.set(id, row.line);
        }
      }
    },
  },
);

// ---- JavaScript ----------------------------------------------------------------------------------

/**
 * Blanks comments, strings and template literals (keeping newlines) so that keyword searches only
 * see code. Regular expression literals are recognised after the tokens that can precede one.
 */
export function jsCodeOnly(source: string): string {
  const out = source.split('');
  const blank = (from: number, to: number): void => {
    for (let i = from; i < to && i < out.length; i++) if (out[i] !== '\n') out[i] = ' ';
  };
  let i = 0;
  let lastSignificant = '';
  const n = source.length;
  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < n && source[j] !== c) {
        if (source[j] === '\\') j++;
        else if (c !== '`' && source[j] === '\n') break;
        j++;
      }
      blank(i + 1, j);
      i = j + 1;
      lastSignificant = c;
    } else if (c === '/' && (lastSignificant === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(lastSignificant))) {
      let j = i + 1;
      let inClass = false;
      while (j < n && source[j] !== '\n') {
        if (source[j] === '\\') j++;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        else if (source[j] === '/' && !inClass) break;
        j++;
      }
      blank(i + 1, j);
      i = j + 1;
      lastSignificant = '/';
    } else {
      if (!/\s/.test(c)) lastSignificant = /[A-Za-z0-9_$)\]]/.test(c) ? 'a' : c;
      i++;
    }
  }
  return out.join('');
}

export const jsDebugger = defineRule(
  {
    name: 'js-debugger',
    severity: 'medium',
    title: 'debugger statement in JavaScript',
    rationale: 'A debugger statement left in shipped code pauses every user\'s browser whenever developer tools are open, and shows that unreviewed debugging code reached production.',
    remediation: 'Remove the debugger statement.',
    effortHours: 0.1,
    references: [OCA_GUIDELINES],
    reads: ['js'],
  },
  {
    js(source, ctx) {
      if (!source.includes('debugger')) return;
      const code = jsCodeOnly(source);
      const re = /(?<![\w$.])debugger\b/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(code)) !== null) {
        ctx.report(codeRuleId('js-debugger'), lineColumn(source, m.index), 'A debugger statement is left in the code.', { anchor: 'debugger' });
      }
    },
  },
);

export const jsEval = defineRule(
  {
    name: 'js-eval',
    severity: 'high',
    title: 'eval() or new Function() in JavaScript',
    rationale: 'Evaluating strings as code in the browser turns any data that reaches them into script running with the user\'s session (cross-site scripting).',
    remediation: 'Parse data with JSON.parse and call functions directly instead of building code.',
    effortHours: 0.5,
    references: ['https://cwe.mitre.org/data/definitions/95.html'],
    reads: ['js'],
  },
  {
    js(source, ctx) {
      // Vendored libraries (static/lib/, static/src/lib/…) are third-party code, not the module's.
      if (/^static\/(?:.*\/)?lib\//.test(ctx.moduleFile)) return;
      if (!source.includes('eval') && !source.includes('Function')) return;
      const code = jsCodeOnly(source);
      const re = /(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(code)) !== null) {
        ctx.report(codeRuleId('js-eval'), lineColumn(source, m.index), `${m[0].startsWith('eval') ? 'eval()' : 'new Function()'} evaluates a string as code.`, { anchor: m[0].replace(/\s+/g, '') });
      }
    },
  },
);

export const DATA_FILE_RULES: readonly CodeRule[] = [
  xmlSyntaxError,
  xmlRecordMissingId,
  xmlDuplicateFields,
  qwebTRaw,
  qwebMarkupOutput,
  viewAttrsRemoved,
  viewTreeRenamed,
  chatterDeprecated,
  viewDangerousReplace,
  xmlOpenerpRoot,
  csvSyntaxError,
  csvDuplicateRecordId,
  jsDebugger,
  jsEval,
];
