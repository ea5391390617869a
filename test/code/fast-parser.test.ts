/**
 * The hand-written Python parser (server/src/code/python/fast) must give exactly tree-sitter's tree
 * — node types, fields, ranges, where comments land — on every source it accepts, and decline
 * (so tree-sitter parses) whatever it does not reproduce. Rules see one tree shape either way.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { NotHandled } from '../../server/src/code/python/fast/builder.ts';
import { CALIBRATION_SOURCE } from '../../server/src/code/python/fast/symbols.ts';
import { parsePython, parseWithTreeSitter, pythonEngine, type PythonEngine } from '../../server/src/code/python/parser.ts';
import { SyntaxTree } from '../../server/src/code/python/tree.ts';
import { fixtureFiles, fuzzParameters, mutated, tokens, truncated } from './fuzz-sources.ts';

let engine: PythonEngine;
let fastTree: SyntaxTree;
beforeAll(async () => {
  engine = await pythonEngine();
  fastTree = new SyntaxTree(engine.grammar, '');
});

/** Every node as one line: type, field, range (named nodes), parent and subtree end. */
function describeTree(tree: SyntaxTree): string[] {
  const g = tree.grammar;
  const lines: string[] = [];
  for (let i = 0; i < tree.count; i++) {
    const named = (tree.flags[i] & 1) !== 0;
    const range = named ? ` ${tree.start[i]}-${tree.end[i]}` : '';
    lines.push(`${i} ${g.typeName(tree.type[i])}#${tree.type[i]}${tree.field[i] ? ` ${g.fields[tree.field[i]]}:` : ''}${range} parent=${tree.parent[i]} after=${tree.after[i]}`);
  }
  return lines;
}

function treeSitterLines(source: string): { lines: string[]; hasError: boolean } {
  const tree = parseWithTreeSitter(engine, source);
  return { lines: describeTree(tree), hasError: tree.root.hasError };
}

/** The fast parser's tree, or null when it declines the source. */
function fastLines(source: string): string[] | null {
  try {
    engine.fast.parse(source, fastTree);
  } catch (error) {
    if (error instanceof NotHandled) return null;
    throw error;
  }
  return describeTree(fastTree);
}

function expectSameTree(source: string): void {
  const fast = fastLines(source);
  expect(fast, `the fast parser declined:\n${source}`).not.toBeNull();
  const reference = treeSitterLines(source);
  expect(reference.hasError).toBe(false);
  expect(fast).toEqual(reference.lines);
}

const CASES: Record<string, string> = {
  'comments between statements, trailing a block at its indentation, and dedented out of it': `# leading
import os  # same line


class A(object):
    # first in the body: a child of the class, before its block
    x = 1  # after x

    # between x and f
    def f(self):
        return 1
        # still the function's (indented like its body)

    # the class's again
# module level, before a dedent to 0
    y = 2
# after everything
`,
  'nested blocks ending together, at end of file without a newline': 'class A:\n    def f(self):\n        if x:\n            return 1',
  'decorators with comments, async def, lambda defaults': `@api.depends("a")  # why
# between decorators
@api.model
async def f(a, /, b: int, *args, c=lambda x, y=1: x, d: "D" = None, **kw) -> models.Model:
    await g()
    async with lock as held:
        async for item in stream:
            yield item
`,
  'if/elif/else, while/else, for/else, try/except/else/finally with comments before the clauses': `if a:
    pass
# before elif
elif b: x = 1; y = 2
else:  # on else
    pass
while c:
    break
else:
    continue
for i, (j, k) in enumerate(pairs):
    pass
    # in the for body
else:
    pass
try:
    pass
except (ValueError, KeyError) as error:
    raise UserError(_("x")) from error
except Exception:
    raise
else:
    pass
finally:
    pass
`,
  'strings: prefixes, escapes, triple quotes, concatenation, f-strings with conversions and nested specs': String.raw`a = "plain\n\t\\ \" \x41 \u00e9 \N{DASH} \777 \q"
b = r"raw \d \" " b"\x00 \n" rb'\n' u'unicode'
c = """triple "quoted" ''' with ""two"" and \
continued"""
d = f"{x!r:>{width}.{precision}} {{literal}} {y=} {z:%Y-%m-%d} {'nested'}"
e = (
    "implicit "  # comment inside
    'concatenation'
    f"{a}"
)
f = F'''{
    value
}'''
`,
  'expressions: precedence as tree-sitter reads it': `x = -a ** -b * c // d @ e % f + g - h << i >> j & k ^ l | m
y = not a == b and c is not d or e not in f < g <= h != i
z = a if b else c if d else lambda: e
w = [i for i in range(3) if i if not i for j in i]
v = {k: v for k, v in items}, {s for s in t}, (g for g in h), {**a, "b": 1}, {a, b}
u = x[1:2, ::3, a:], x[:], x[...], x[i,]
t = (yield), (yield from a), (b := c), (), (a,), [a, b], f(*a, **b)
del a, b[0], c.d
assert a, "message"
global g1, g2
print(a, file=sys.stderr)
exec(code)
`,
  'assignments: targets, chains, annotations, augmented': `a = b = c
a, b = b, a
a, = x
[a, b] = c
(a, b) = c
(a) = 1
*a, b = c
self.x[0], y.z = 1, 2
x: int
x: models.Model = None
x += 1
x //= y = 2
x = yield y
`,
  'imports of every form': `from __future__ import annotations
import a.b.c as d, e
from . import f
from .. import g
from ...h.i import (j as k,
    l,)
from m import *
`,
  'calls: keyword arguments, splats, generators, trailing commas, comments in arguments': `f(
    a,  # first
    *b,
    c=1,
    # before d
    d=e == g,
    **h,
)
sum(x for x in y)
sorted(a, key=lambda r: (r.a, -r.b),)
super().write(vals)
`,
  'line continuations': `x = 1 + \\
    2
if a and \\
        b:
    pass
`,
  'raw strings: backslashes alone before the closing quote belong to string_end': String.raw`a = r"\\"
b = r"\d+" r'\'' r"ab\\" rb"\x"
c = r"""x\\""" """a""b""" '''it's'''
`,
  'numbers': 'n = [0, 1_000, 0x1F, 0o17, 0b1010, 1.5, .5, 5., 1e10, 1.5e-3, 2j, 1_0.0_1]\n',
  'tabs and form feeds in indentation': 'if a:\n\tif b:\n\t\tpass\n\x0c\nx = 1\n',
  'a module of comments only': '# only\n# comments\n',
  'empty and blank modules': '',
  'a blank module': '\n\n   \n',
  'statements starting with type: aliases for tree-sitter when they assign': 'type(self.env["res.partner"])._disable_rpc = True\ntype(a)[0] = 1\ntype = 1\ntype.x = 2\n',
  'unicode in identifiers, strings and comments': 'café = "naïve ☕"  # ünïcode\nπ = 3.14\n',
};

describe('the fast Python parser', () => {
  for (const [name, source] of Object.entries(CASES)) {
    it(`gives tree-sitter's tree: ${name}`, () => expectSameTree(source));
  }

  it("gives tree-sitter's tree for the test addons and the calibration source", () => {
    for (const source of [...fixtureFiles('.py'), CALIBRATION_SOURCE]) expectSameTree(source);
  });

  it('declines what it does not reproduce, and tree-sitter parses it (errors included)', () => {
    const declined = [
      'def f(:\n    pass\n', // a syntax error: tree-sitter's recovery keeps the rest
      'print "python 2"\n',
      'exec "code" in ns\n',
      'match command:\n    case "go":\n        pass\n',
      'type Alias = int\n',
      'x: list[int] = []\n',
      'x = 1\r\ny = 2\r\n',
      'with (open(a) as b, open(c) as d):\n    pass\n',
      'if x:\npass\n',
      '    x = 1\n',
      's = "unterminated\n',
      'type(a).b += 1\n',
      '{"a": 1,\\\n\n    "b": 2}\n', // the scanner's walk swallows this continuation, then the blank line, up to the string
      'type(self)._cache.clear()\n*y = 1\n', // one alias statement there: `type (self)._cache.clear() * y = 1`
      'x = [a, *b], c\n', // tree-sitter reads this list as a list_pattern
      '[*a.b]\n', // and this star as applying to a alone
      'if (x := a if b else c): pass\n', // := binds tighter than the conditional there
      String.raw`x = b"\N{DASH} \u1234"` + '\n', // the scanner reads past \N and \u in bytes
      String.raw`x = rf"\{y}"` + '\n',
      'self.x[0],  # c\nx: int\n', // tree-sitter carries a pattern list on over the newline: `self.x[0], x: int`
      'a, x\n[a, b] = c\n', // `a, x[a, b] = c` there
      'for i, *(j, k) in pairs:\n    pass\n', // an error there: only names, attributes and subscripts may be starred
    ];
    for (const source of declined) {
      expect(fastLines(source), source).toBeNull();
      const reference = treeSitterLines(source);
      expect(describeTree(parsePython(engine, source))).toEqual(reference.lines);
    }
    expect(parsePython(engine, 'def f(:\n    pass\n').root.hasError).toBe(true);
  });

  it('parses hostile nesting without crashing (tree-sitter takes over when the stack runs out)', () => {
    const depth = 50_000;
    const source = `x = ${'('.repeat(depth)}1${')'.repeat(depth)}\ny = ${'-'.repeat(depth)}1\n`;
    const tree = parsePython(engine, source);
    expect(tree.root.hasError).toBe(false);
    expect(tree.root.namedChildren.map((statement) => statement.type)).toEqual(['expression_statement', 'expression_statement']);
  });

  it('on random, truncated and mutated Python: either declines, or agrees with tree-sitter exactly', () => {
    const sources = [...fixtureFiles('.py'), ...Object.values(CASES), CALIBRATION_SOURCE];
    const alphabet = [
      'def ', 'class ', 'for ', ' in ', 'while ', 'if ', 'elif ', 'else:', 'try:', 'except ', 'finally:', 'with ', ' as ', 'pass', 'return ', 'yield ',
      'lambda x: ', 'not ', ' and ', ' or ', ' is ', 'import ', 'from ', '.', 'self', 'x', '1', '1.5', '"s"', "f'{x}'", '"""', '(', ')', '[', ']', '{', '}',
      ':', ',', ';', '=', '==', '+', '-', '*', '**', '%', '@', '\\\n', '#c', '\n', '\n    ', '\n        ', '\t', ' ',
      String.raw`r"\\"`, String.raw`r'\'`, String.raw`rf"{x}\"`, String.raw`b"\N"`, '\\', '{{', '}}', '!r', ' not in ', ' is not ', '->', ':=', 'async ', 'await ',
    ];
    fc.assert(
      fc.property(fc.oneof(truncated(sources), mutated(sources, fc.constantFrom(...alphabet, '')), tokens(alphabet, 80)), (source) => {
        const fast = fastLines(source);
        if (fast === null) return;
        const reference = treeSitterLines(source);
        expect(reference.hasError, `accepted what tree-sitter reads as an error:\n${source}`).toBe(false);
        expect(fast).toEqual(reference.lines);
      }),
      fuzzParameters(3000),
    );
  });
});
