/**
 * XML files (views, data, QWeb templates) parsed with saxes into a small element tree that keeps the
 * line and column of every element. Parsing stops at the first well-formedness error, which is
 * reported with its position. Most files take a quicker road to the same tree (./fast-parse.ts).
 */
import { SaxesParser } from 'saxes';
import { parseSimpleXml } from './fast-parse.ts';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  /** 1-based position of the `<` that opens the element. */
  line: number;
  column: number;
  children: XmlElement[];
  /** Direct text content (not of descendants), concatenated. */
  text: string;
  parent: XmlElement | null;
  /** Inside a view architecture (`<field name="arch">`) or a QWeb `<template>`. */
  inArch: boolean;
}

export interface XmlComment {
  text: string;
  /** 1-based lines the comment spans. */
  line: number;
  endLine: number;
}

export interface XmlDocument {
  root: XmlElement | null;
  /** Every element in document order (empty when the file does not parse). */
  elements: XmlElement[];
  error: { message: string; line: number; column: number } | null;
  comments: XmlComment[];
}

export function parseXml(source: string): XmlDocument {
  return parseSimpleXml(source) ?? parseWithSaxes(source);
}

/** saxes's reading: the reference the quick reader is checked against, and what reads everything it declines. */
export function parseWithSaxes(source: string): XmlDocument {
  const parser = new SaxesParser({ position: true });
  const comments: XmlComment[] = [];
  let root: XmlElement | null = null;
  const elements: XmlElement[] = [];
  let current: XmlElement | null = null;
  let error: XmlDocument['error'] = null;
  let startLine = 1;
  let startColumn = 1;

  parser.on('opentagstart', (tag) => {
    startLine = parser.line;
    startColumn = Math.max(1, parser.column - tag.name.length - 1);
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [key, value] of Object.entries(tag.attributes)) attrs[key] = typeof value === 'string' ? value : value.value;
    const inArch = current !== null && (current.inArch || current.name === 'template' || (current.name === 'field' && current.attrs.name === 'arch'));
    const element: XmlElement = { name: tag.name, attrs, line: startLine, column: startColumn, children: [], text: '', parent: current, inArch };
    elements.push(element);
    if (current) current.children.push(element);
    else root ??= element;
    if (!tag.isSelfClosing) current = element;
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing && current) current = current.parent;
  });
  parser.on('text', (text) => {
    if (current) current.text += text;
  });
  parser.on('cdata', (text) => {
    if (current) current.text += text;
  });
  parser.on('comment', (text) => {
    const newlines = text.split('\n').length - 1;
    comments.push({ text, line: parser.line - newlines, endLine: parser.line });
  });
  parser.on('error', (e) => {
    if (!error) {
      const message = e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
      error = { message, line: Math.max(1, parser.line), column: Math.max(1, parser.column) };
    }
  });
  try {
    parser.write(source);
    if (!error) parser.close();
  } catch (e) {
    // saxes rethrows when an error handler itself fails; the first error is already recorded.
    if (!error) error = { message: e instanceof Error ? e.message : String(e), line: parser.line, column: parser.column };
  }
  if (!error && !root) error = { message: 'the file has no root element', line: 1, column: 1 };
  return { root: error ? null : root, elements: error ? [] : elements, error, comments };
}

/** Depth-first, document order. */
export function* walkElements(element: XmlElement): Generator<XmlElement> {
  const stack: XmlElement[] = [element];
  while (stack.length > 0) {
    const next = stack.pop()!;
    yield next;
    for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]);
  }
}

export function findAncestor(element: XmlElement, name: string): XmlElement | null {
  let current = element.parent;
  while (current) {
    if (current.name === name) return current;
    current = current.parent;
  }
  return null;
}
