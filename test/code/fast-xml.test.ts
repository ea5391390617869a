/**
 * The quick XML reader (server/src/code/xml/fast-parse.ts) must give exactly saxes's document —
 * elements, attributes, text, comments, lines and columns — on every file it accepts, and decline
 * (so saxes reads it and words the error) whatever else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSimpleXml } from '../../server/src/code/xml/fast-parse.ts';
import { parseWithSaxes, parseXml, type XmlDocument, type XmlElement } from '../../server/src/code/xml/parse.ts';
import { fixtureFiles, fuzzParameters, mutated, tokens, truncated } from './fuzz-sources.ts';

/** The document without parent links, for comparison. */
function plain(doc: XmlDocument): unknown {
  const element = (e: XmlElement): unknown => ({
    name: e.name,
    attrs: { ...e.attrs },
    line: e.line,
    column: e.column,
    text: e.text,
    inArch: e.inArch,
    parent: e.parent?.name ?? null,
    children: e.children.map(element),
  });
  return {
    root: doc.root ? element(doc.root) : null,
    elements: doc.elements.map((e) => `${e.name}@${e.line}:${e.column}`),
    error: doc.error,
    comments: doc.comments,
  };
}

const ACCEPTED: Record<string, string> = {
  'a view with an arch, comments, entities and character references': `<?xml version="1.0" encoding="utf-8"?>
<!-- Copyright 2026 -->
<odoo>
    <record id="view_form" model="ir.ui.view">
        <field name="name">thing.form</field>
        <field name="arch" type="xml">
            <form string="Thing &amp; co">
                <!-- multi-line
                     comment -->
                <field name="a" attrs="{'invisible': [('state', '!=', 'draft')]}"/>
                <span t-esc="'&lt;%s&gt;' % x" title='single "quoted"'>&#169; &#x263A; text</span>
            </form>
        </field>
    </record>
    <template id="t" inherit_id="web.layout">
        <xpath expr="//div" position="inside"><t t-raw="html"/></xpath>
    </template>
</odoo>
`,
  'attribute values across lines, tabs, empty elements, text around children': '<odoo>\n\t<data noupdate="1">\n<menuitem id="m"\n   name="A\tB\nC"/>before<x/>after\n</data></odoo>',
  'no declaration, non-ASCII text': '<odoo><record id="r" model="res.partner"><field name="name">Café «naïve»</field></record></odoo>\n',
};

describe('the quick XML reader', () => {
  for (const [name, source] of Object.entries(ACCEPTED)) {
    it(`gives saxes's document: ${name}`, () => {
      const quick = parseSimpleXml(source);
      expect(quick, 'declined').not.toBeNull();
      expect(plain(quick!)).toEqual(plain(parseWithSaxes(source)));
    });
  }

  it("gives saxes's document for the test addons' XML", () => {
    for (const source of fixtureFiles('.xml')) {
      const quick = parseSimpleXml(source);
      expect(quick).not.toBeNull();
      expect(plain(quick!)).toEqual(plain(parseWithSaxes(source)));
    }
  });

  it('declines errors and rarer XML; saxes reads them and words the error', () => {
    const declined = [
      '<odoo><record></odoo>',
      '<odoo><![CDATA[ <b> ]]></odoo>',
      '<!DOCTYPE odoo [<!ENTITY x "y">]><odoo>&x;</odoo>',
      '<?xml-stylesheet href="a"?><odoo/>',
      '<odoo>\r\n</odoo>',
      '<odoo>&nbsp;</odoo>',
      '<odoo a="1" a="2"/>',
      '',
    ];
    for (const source of declined) {
      expect(parseSimpleXml(source), source).toBeNull();
      expect(plain(parseXml(source))).toEqual(plain(parseWithSaxes(source)));
    }
    expect(parseXml('<odoo><record></odoo>').error).toMatchObject({ message: expect.stringMatching(/close tag/), line: 1 });
  });

  it('on random, truncated and mutated XML: either declines, or agrees with saxes exactly', () => {
    const sources = [...fixtureFiles('.xml'), ...Object.values(ACCEPTED)];
    const alphabet = [
      '<odoo>', '</odoo>', '<record id="x" model="ir.ui.view">', '</record>', '<field name="arch" type="xml">', '</field>', '<tree>', '</tree>',
      '<span t-raw="x"/>', ' attrs="{}"', '<!-- c -->', '<!--', '-->', '<![CDATA[', ']]>', '&amp;', '&lt;', '&#65;', '&#x41;', '&nbsp;', '&', '<', '>', '/>',
      '"', "'", '=', '\n', ' ', '\t', 'é', 'text', '<?xml version="1.0"?>', '<?', '?>', '<t t-if="a &gt; b">', '</t>',
    ];
    fc.assert(
      fc.property(fc.oneof(truncated(sources), mutated(sources, fc.constantFrom(...alphabet, '')), tokens(alphabet, 60)), (source) => {
        const quick = parseSimpleXml(source);
        if (quick === null) return;
        expect(plain(quick)).toEqual(plain(parseWithSaxes(source)));
      }),
      fuzzParameters(3000),
    );
  });
});
