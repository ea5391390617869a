/**
 * What a module-level rule needs from an XML data file: the xml ids it declares, the qualified
 * references it makes to other modules, and the ir.model.access rows it creates.
 */
import type { AccessRow, XmlRecordId, XmlRef } from '../model.ts';
import type { XmlDocument, XmlElement } from './parse.ts';

/** Elements that declare an xml id through their `id` attribute. */
export const ID_TAGS = new Set(['record', 'template', 'menuitem', 'act_window', 'report', 'url']);

const REF_ATTRS = ['ref', 'inherit_id', 'parent', 'action', 't-call', 'groups'];
/** Attributes whose value may embed `ref('module.id')` or `%(module.id)d`. */
const EVAL_ATTRS = ['eval', 'context', 'domain', 'name', 'action'];
/** One bit per entry of REF_ATTRS then EVAL_ATTRS (`action` is in both): which of them an element has. */
const ATTR_BITS = new Map<string, number>();
REF_ATTRS.forEach((name, i) => ATTR_BITS.set(name, (ATTR_BITS.get(name) ?? 0) | (1 << i)));
EVAL_ATTRS.forEach((name, i) => ATTR_BITS.set(name, (ATTR_BITS.get(name) ?? 0) | (1 << (REF_ATTRS.length + i))));
const EVAL_REF_RE = /\bref\(\s*['"]([A-Za-z0-9_]+\.[A-Za-z0-9_.]+)['"]\s*\)/g;
const PERCENT_REF_RE = /%\(([A-Za-z0-9_]+\.[A-Za-z0-9_.]+)\)d/g;

export interface XmlIndex {
  recordIds: XmlRecordId[];
  xmlRefs: XmlRef[];
  accessRows: AccessRow[];
}

function qualifiedRefs(value: string, attr: string): string[] {
  if (attr === 'groups') {
    return value
      .split(',')
      .map((g) => g.trim().replace(/^!?-?/, ''))
      .filter((g) => g.includes('.'));
  }
  return value.includes('.') && /^[A-Za-z0-9_]+\.[A-Za-z0-9_.]+$/.test(value) ? [value] : [];
}

function inNoupdate(element: XmlElement): boolean {
  let current = element.parent;
  while (current) {
    const value = current.attrs.noupdate;
    if (value !== undefined) return value === '1' || value === 'True' || value === 'true';
    current = current.parent;
  }
  return false;
}

/** The bits of the indexed attributes an element has: most have none, many only `name`. */
function indexedAttrs(attrs: Record<string, string>): number {
  let present = 0;
  for (const name in attrs) present |= ATTR_BITS.get(name) ?? 0;
  return present;
}

function refAt(file: string, element: XmlElement, ref: string): XmlRef {
  return { file, ref, line: element.line, column: element.column };
}

function childField(record: XmlElement, name: string): XmlElement | undefined {
  return record.children.find((c) => c.name === 'field' && c.attrs.name === name);
}

function granted(record: XmlElement, permission: string): boolean {
  const f = childField(record, `perm_${permission}`);
  const value = (f?.attrs.eval ?? f?.text ?? '').trim();
  return value === '1' || value === 'True';
}

export function indexXml(doc: XmlDocument, file: string, demo: boolean): XmlIndex {
  const out: XmlIndex = { recordIds: [], xmlRefs: [], accessRows: [] };
  if (!doc.root) return out;
  for (const element of doc.elements) {
    const attrs = element.attrs;
    if (ID_TAGS.has(element.name) && attrs.id) {
      out.recordIds.push({ file, id: attrs.id, tag: element.name, demo, noupdate: inNoupdate(element), line: element.line, column: element.column });
    }
    const present = indexedAttrs(attrs);
    if (present !== 0) {
      for (let i = 0; i < REF_ATTRS.length; i++) {
        if ((present & (1 << i)) === 0) continue;
        const attr = REF_ATTRS[i];
        const value = attrs[attr];
        if (value) for (const ref of qualifiedRefs(value, attr)) out.xmlRefs.push(refAt(file, element, ref));
      }
      for (let i = 0; i < EVAL_ATTRS.length; i++) {
        if ((present & (1 << (REF_ATTRS.length + i))) === 0) continue;
        const value = attrs[EVAL_ATTRS[i]];
        if (value === undefined || !value.includes('.')) continue;
        for (const m of value.matchAll(EVAL_REF_RE)) out.xmlRefs.push(refAt(file, element, m[1]));
        for (const m of value.matchAll(PERCENT_REF_RE)) out.xmlRefs.push(refAt(file, element, m[1]));
      }
    }
    if (element.name === 'record' && attrs.model === 'ir.model.access') {
      const modelField = childField(element, 'model_id');
      if (modelField?.attrs.ref) {
        out.accessRows.push({
          file,
          modelRef: modelField.attrs.ref,
          rowId: element.attrs.id ?? '',
          group: childField(element, 'group_id')?.attrs.ref ?? '',
          grants: ['write', 'create', 'unlink'].filter((permission) => granted(element, permission)),
          line: modelField.line,
          column: modelField.column,
        });
      }
    }
  }
  return out;
}
