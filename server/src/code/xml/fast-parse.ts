/**
 * A quick reader for the XML most addon files are: ASCII names, the five predefined entities and
 * character references, comments, an optional `<?xml version="1.0" …?>` declaration, `\n` line ends.
 * It gives what saxes gives (./parse.ts) — same elements, attributes, text, comments, lines and
 * columns; attributes in a plain object — and declines (returns null) anything else: an error, CDATA,
 * a DOCTYPE, a processing instruction, a carriage return, a non-ASCII name, an unusual character.
 * Declined files go through saxes, which also words the errors. Twice as fast as saxes on addon XML.
 */
import type { XmlComment, XmlDocument, XmlElement } from './parse.ts';

/** Characters XML forbids (or saxes reads differently): controls, \r, surrogates, U+FFFE/U+FFFF, BOM. */
const DECLINED_CHARS = /[\x00-\x08\x0b-\x1f\ud800-\udfff\ufeff\ufffe\uffff]/;
const DECLARATION =
  /^<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.0\1(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(?:yes|no)\3)?[ \t\n]*\?>/;
const ENTITY = /^(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+)$/;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const GT = 62;
const SLASH = 47;
const BANG = 33;
const EQUALS = 61;
const NL = 10;

/** The reader gives up: the file goes through saxes. */
class Declined extends Error {}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

function isNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 58;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46;
}

/** The character an entity reference stands for (the name between `&` and `;`). */
function entityValue(name: string): string {
  if (!ENTITY.test(name)) throw new Declined();
  const predefined = PREDEFINED[name];
  if (predefined !== undefined) return predefined;
  const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  // XML's Char production.
  const valid = code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  if (!valid) throw new Declined();
  return String.fromCodePoint(code);
}

/** In attribute values, tabs and newlines written as such become spaces (not those from references). */
function normalise(part: string, attribute: boolean): string {
  return attribute && (part.includes('\n') || part.includes('\t')) ? part.replace(/[\n\t]/g, ' ') : part;
}

/** Text with its entity references replaced. */
function decode(raw: string, attribute: boolean): string {
  let amp = raw.indexOf('&');
  if (amp === -1) return normalise(raw, attribute);
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const semi = raw.indexOf(';', amp + 1);
    if (semi === -1) throw new Declined();
    out += normalise(raw.slice(from, amp), attribute) + entityValue(raw.slice(amp + 1, semi));
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + normalise(raw.slice(from), attribute);
}

class Reader {
  private readonly elements: XmlElement[] = [];
  private readonly comments: XmlComment[] = [];
  private root: XmlElement | null = null;
  private current: XmlElement | null = null;
  private rootClosed = false;
  /** Line numbers: `line` is the line of index `lineAt`. */
  private lineAt = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly source: string) {}

  read(): XmlDocument {
    const source = this.source;
    let at = 0;
    if (source.startsWith('<?xml')) {
      const declaration = DECLARATION.exec(source);
      if (!declaration) throw new Declined();
      at = declaration[0].length;
    }
    for (;;) {
      const lt = source.indexOf('<', at);
      this.text(at, lt === -1 ? source.length : lt);
      if (lt === -1) break;
      const next = source.charCodeAt(lt + 1);
      if (next === SLASH) at = this.closeTag(lt);
      else if (next === BANG) at = this.comment(lt);
      else if (isNameStart(next)) at = this.openTag(lt);
      else throw new Declined();
    }
    if (this.current !== null || this.root === null) throw new Declined();
    return { root: this.root, elements: this.elements, error: null, comments: this.comments };
  }

  /** Line of `index`, and index of that line's first character (indices only grow). */
  private lineOf(index: number): number {
    const source = this.source;
    let nl = source.indexOf('\n', this.lineAt);
    while (nl !== -1 && nl < index) {
      this.line++;
      this.lineStart = nl + 1;
      nl = source.indexOf('\n', nl + 1);
    }
    this.lineAt = index;
    return this.line;
  }

  private text(from: number, to: number): void {
    if (from === to) return;
    const raw = this.source.slice(from, to);
    const current = this.current;
    if (current === null) {
      // Outside the root element only white space is allowed.
      for (let i = 0; i < raw.length; i++) if (!isSpace(raw.charCodeAt(i))) throw new Declined();
      return;
    }
    if (raw.includes(']]>')) throw new Declined();
    current.text += decode(raw, false);
  }

  private name(from: number): number {
    const source = this.source;
    let end = from;
    while (end < source.length && isNameChar(source.charCodeAt(end))) end++;
    // A non-ASCII character may still be a name character: saxes decides.
    if (source.charCodeAt(end) > 127) throw new Declined();
    return end;
  }

  private skipSpaces(from: number): number {
    const source = this.source;
    let at = from;
    while (at < source.length && isSpace(source.charCodeAt(at))) at++;
    return at;
  }

  private openTag(lt: number): number {
    const source = this.source;
    if (this.rootClosed) throw new Declined();
    const nameEnd = this.name(lt + 1);
    const name = source.slice(lt + 1, nameEnd);
    const after = source.charCodeAt(nameEnd);
    if (!isSpace(after) && after !== GT && after !== SLASH) throw new Declined();
    // saxes takes the position once the character after the name is read: after a newline that is
    // the start of the next line (column 1), else the `<` itself.
    let line = this.lineOf(lt);
    let column = lt - this.lineStart + 1;
    if (after === NL) {
      line++;
      column = 1;
    }
    const attrs: Record<string, string> = {};
    let at = nameEnd;
    let selfClosing = false;
    for (;;) {
      const spaced = at;
      at = this.skipSpaces(at);
      const code = source.charCodeAt(at);
      if (code === GT) {
        at++;
        break;
      }
      if (code === SLASH) {
        if (source.charCodeAt(at + 1) !== GT) throw new Declined();
        selfClosing = true;
        at += 2;
        break;
      }
      // An attribute: after white space, named, `=`, quoted.
      if (at === spaced || !isNameStart(code)) throw new Declined();
      const attrEnd = this.name(at);
      const attrName = source.slice(at, attrEnd);
      at = this.skipSpaces(attrEnd);
      if (source.charCodeAt(at) !== EQUALS) throw new Declined();
      at = this.skipSpaces(at + 1);
      const quote = source[at];
      if (quote !== '"' && quote !== "'") throw new Declined();
      const close = source.indexOf(quote, at + 1);
      if (close === -1) throw new Declined();
      const raw = source.slice(at + 1, close);
      // A repeated attribute is an error; a name Object.prototype has (`constructor`, `__proto__`…) is left to saxes.
      if (raw.includes('<') || attrs[attrName] !== undefined) throw new Declined();
      attrs[attrName] = decode(raw, true);
      at = close + 1;
      const next = source.charCodeAt(at);
      if (!isSpace(next) && next !== GT && next !== SLASH) throw new Declined();
    }
    const parent = this.current;
    const inArch = parent !== null && (parent.inArch || parent.name === 'template' || (parent.name === 'field' && parent.attrs.name === 'arch'));
    const element: XmlElement = { name, attrs, line, column, children: [], text: '', parent, inArch };
    this.elements.push(element);
    if (parent) parent.children.push(element);
    else this.root = element;
    if (!selfClosing) this.current = element;
    else if (!parent) this.rootClosed = true;
    return at;
  }

  private closeTag(lt: number): number {
    const source = this.source;
    const current = this.current;
    if (current === null || !isNameStart(source.charCodeAt(lt + 2))) throw new Declined();
    const nameEnd = this.name(lt + 2);
    if (source.slice(lt + 2, nameEnd) !== current.name) throw new Declined();
    const at = this.skipSpaces(nameEnd);
    if (source.charCodeAt(at) !== GT) throw new Declined();
    this.current = current.parent;
    if (this.current === null) this.rootClosed = true;
    return at + 1;
  }

  private comment(lt: number): number {
    const source = this.source;
    if (!source.startsWith('<!--', lt)) throw new Declined();
    const end = source.indexOf('--', lt + 4);
    if (end === -1 || source.charCodeAt(end + 2) !== GT) throw new Declined();
    const text = source.slice(lt + 4, end);
    const endLine = this.lineOf(end);
    this.comments.push({ text, line: endLine - (text.split('\n').length - 1), endLine });
    return end + 3;
  }
}

/** The document as saxes would read it, or null when this reader declines it. */
export function parseSimpleXml(source: string): XmlDocument | null {
  if (DECLINED_CHARS.test(source)) return null;
  try {
    return new Reader(source).read();
  } catch (error) {
    if (error instanceof Declined) return null;
    throw error;
  }
}
