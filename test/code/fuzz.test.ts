/**
 * Random and truncated Python, XML, CSV, JavaScript and manifests: the analyser must never crash,
 * and no rule may throw (a throwing rule shows up as a "problem" of the run).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/src/code/csvfile.ts';
import { readManifest } from '../../server/src/code/manifest.ts';
import { pythonEngine } from '../../server/src/code/python/parser.ts';
import { analyseStoredCode } from '../../server/src/code/stored-code.ts';
import { parseXml } from '../../server/src/code/xml/parse.ts';
import { fixtureFiles, fuzzParameters, mutated, tokens, truncated } from './fuzz-sources.ts';
import { addon, analyse, cleanTrees } from './support.ts';

afterAll(cleanTrees);

const PY_TOKENS = [
  'def ', 'class ', 'for ', ' in ', 'while ', 'if ', 'else:', 'try:', 'except ', 'pass', 'return ', 'yield ', 'lambda x: ', 'raise ', 'import ', 'from ', ' . ',
  'self', 'self.env', '["res.partner"]', '.search(', '.browse(', '.sudo()', '.execute(', 'cr.commit()', '_(', '"%s" % ', "f'{x}'", '"""', "'''", '"', "'", '(', ')', '[', ']', '{', '}', ':', ',',
  '=', '+', '%', '*', '**', '@api.multi\n', '@http.route("/x", auth="public", csrf=False)\n', 'super().', 'fields.Char(compute=', 'print ', '\\', '#', '# pulse: disable=', '\n', '\n    ', '\n        ', '\t', ' ', 'é', '😀', '\u0000', '\r\n',
];
const XML_TOKENS = ['<odoo>', '</odoo>', '<record id="x" model="ir.ui.view">', '</record>', '<field name="arch" type="xml">', '</field>', '<tree>', '<span t-raw="x"/>', ' attrs="{}"', '<!-- pulse: disable=x -->', '<![CDATA[', ']]>', '&amp;', '&nbsp;', '<', '>', '/>', '"', "'", '=', '\n', ' ', 'é'];

describe('fuzz', () => {
  const python = fixtureFiles('.py');
  const xml = fixtureFiles('.xml');
  const pySources = fc.oneof(tokens(PY_TOKENS), truncated(python), mutated(python, fc.string({ maxLength: 3 })), fc.string({ maxLength: 200 }));
  const xmlSources = fc.oneof(tokens(XML_TOKENS), truncated(xml), mutated(xml, fc.string({ maxLength: 3 })), fc.string({ maxLength: 200 }));

  it('never crashes on random or truncated Python and XML (stored-code path: every Python and XML rule)', async () => {
    await fc.assert(
      fc.asyncProperty(pySources, xmlSources, async (py, arch) => {
        const { problems } = await analyseStoredCode(
          [
            { language: 'python', name: 'db://fuzz/1', code: py },
            { language: 'xml', name: 'db://fuzz/2', code: arch },
          ],
          { series: '18.0' },
        );
        expect(problems).toEqual([]);
      }),
      fuzzParameters(400),
    );
  });

  it('never crashes while reading manifests, XML, CSV', async () => {
    const engine = await pythonEngine();
    const manifests = fixtureFiles('__manifest__.py');
    fc.assert(
      fc.property(fc.oneof(truncated(manifests), mutated(manifests, fc.string({ maxLength: 3 })), tokens(PY_TOKENS)), xmlSources, fc.string({ maxLength: 300 }), (manifest, doc, csv) => {
        const info = readManifest(engine, '__manifest__.py', manifest);
        expect(info.value === null).toBe(info.error !== null);
        const parsed = parseXml(doc);
        expect(parsed.root === null).toBe(parsed.error !== null);
        parseCsv('ir.model.access.csv', csv);
      }),
      fuzzParameters(500),
    );
  });

  it('never crashes on whole addons made of broken files', async () => {
    await fc.assert(
      fc.asyncProperty(pySources, xmlSources, fc.string({ maxLength: 200 }), fc.oneof(truncated(fixtureFiles('.js')), fc.string({ maxLength: 200 })), async (py, doc, csv, js) => {
        const analysis = await analyse(
          addon({ 'models/thing.py': py, 'views/views.xml': doc, 'security/ir.model.access.csv': csv, 'static/src/js/a.js': js }),
          { series: '17.0' },
        );
        expect(analysis.problems).toEqual([]);
      }),
      fuzzParameters(40),
    );
  });
});
