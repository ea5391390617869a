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

export function indexXml(doc: XmlDocument, file: string, demo: boolean): XmlIndex {
  const out: XmlIndex = { recordIds: [], xmlRefs: [], accessRows: [] };
  if (!doc.root) return out;
  const addRef = (element: XmlElement, ref: string): void => {
    out.xmlRefs.push({ file, ref, line: element.line, column: element.column });
  };
  for (const element of doc.elements) {
    const attrs = element.attrs;
    if (ID_TAGS.has(element.name) && attrs.id) {
      out.recordIds.push({ file, id: attrs.id, tag: element.name, demo, noupdate: inNoupdate(element), line: element.line, column: element.column });
    }
    for (const attr of REF_ATTRS) {
      const value = attrs[attr];
      if (value) for (const ref of qualifiedRefs(value, attr)) addRef(element, ref);
    }
    for (const name of EVAL_ATTRS) {
      const value = attrs[name];
      if (value === undefined || !value.includes('.')) continue;
      for (const m of value.matchAll(EVAL_REF_RE)) addRef(element, m[1]);
      for (const m of value.matchAll(PERCENT_REF_RE)) addRef(element, m[1]);
    }
    if (element.name === 'record' && attrs.model === 'ir.model.access') {
      const field = (name: string): XmlElement | undefined => element.children.find((c) => c.name === 'field' && c.attrs.name === name);
      const modelField = field('model_id');
      if (modelField?.attrs.ref) {
        const granted = (name: string): boolean => {
          const f = field(`perm_${name}`);
          const value = (f?.attrs.eval ?? f?.text ?? '').trim();
          return value === '1' || value === 'True';
        };
        out.accessRows.push({
          file,
          modelRef: modelField.attrs.ref,
          rowId: element.attrs.id ?? '',
          group: field('group_id')?.attrs.ref ?? '',
          grants: ['write', 'create', 'unlink'].filter(granted),
          line: modelField.line,
          column: modelField.column,
        });
      }
    }
  }
  return out;
}
