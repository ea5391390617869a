/**
 * The node-type and field ids the fast parser writes: tree-sitter-python's own, looked up once from
 * the loaded grammar, so a tree from either parser reads the same to the rules.
 */
import type { Grammar, SyntaxTree } from '../tree.ts';

const NAMED_TYPES = [
  'module', 'comment', 'line_continuation', 'expression_statement', 'assignment', 'augmented_assignment',
  'identifier', 'integer', 'float', 'true', 'false', 'none', 'string', 'string_start', 'string_content',
  'string_end', 'escape_sequence', 'escape_interpolation', 'interpolation', 'format_specifier',
  'format_expression', 'type_conversion', 'concatenated_string', 'call', 'argument_list', 'keyword_argument',
  'list_splat', 'dictionary_splat', 'attribute', 'subscript', 'slice', 'binary_operator', 'unary_operator',
  'comparison_operator', 'not_operator', 'boolean_operator', 'conditional_expression', 'lambda',
  'lambda_parameters', 'named_expression', 'parenthesized_expression', 'tuple', 'list', 'set', 'dictionary',
  'pair', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression',
  'for_in_clause', 'if_clause', 'ellipsis', 'await', 'yield', 'expression_list', 'pattern_list',
  'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'dictionary_splat_pattern', 'import_statement',
  'import_from_statement', 'future_import_statement', 'aliased_import', 'dotted_name', 'relative_import',
  'import_prefix', 'wildcard_import', 'return_statement', 'delete_statement', 'raise_statement',
  'pass_statement', 'break_statement', 'continue_statement', 'global_statement', 'nonlocal_statement',
  'assert_statement', 'if_statement', 'elif_clause', 'else_clause', 'for_statement', 'while_statement',
  'try_statement', 'except_clause', 'finally_clause', 'with_statement', 'with_clause', 'with_item',
  'as_pattern', 'as_pattern_target', 'function_definition', 'parameters', 'default_parameter',
  'typed_parameter', 'typed_default_parameter', 'keyword_separator', 'positional_separator', 'type',
  'class_definition', 'decorated_definition', 'decorator', 'block', 'type_alias_statement',
] as const;

const FIELDS = [
  'left', 'right', 'operator', 'type', 'name', 'value', 'alias', 'module_name', 'argument', 'cause',
  'condition', 'consequence', 'alternative', 'body', 'definition', 'parameters', 'return_type',
  'superclasses', 'function', 'arguments', 'object', 'attribute', 'subscript', 'key', 'operators',
  'expression', 'type_conversion', 'format_specifier',
] as const;

export type NamedType = (typeof NAMED_TYPES)[number];
export type FieldName = (typeof FIELDS)[number];

export interface Symbols {
  /** Named node types by name. */
  n: Record<NamedType, number>;
  /** Anonymous tokens (keywords, operators, punctuation) by text; `not in` and `is not` included. */
  t: Map<string, number>;
  f: Record<FieldName, number>;
}

/**
 * Python using every construct the fast parser writes. A name can have several ids in the grammar
 * (aliases); the ids tree-sitter gives this source are the ones to write.
 */
export const CALIBRATION_SOURCE = String.raw`# comment
from __future__ import annotations
import a.b as c, d
from .. import (e, f,)
from g import *
@decorator(x=1)
class K(Base, metaclass=M):
    """Doc."""
    x: int = 1
    async def m(self, a, /, b: str, c=1, d: e.F = None, *args: int, g, **kw) -> None:
        global h
        nonlocal i
        del j, k
        assert l, "m"
        raise N from o
        for p, (q, r) in s:
            continue
        else:
            break
        while t:
            pass
        if u and v or not w:
            return x if y else z, *aa
        elif ab is not ac and ad not in ae < af:
            yield
        else:
            yield from ag
        try:
            ah += [ai for aj in ak if al] + {am: an for ao in ap} | {aq for ar in at}
        except Ex as ex:
            au = av = (aw for ax in ay)
        except Ey:
            au, *av = [aw, ax], (ay,), {**az}, {ba, bb}, {bc: bd, **be}, (bf), (), f(*bb)
        else:
            bg[bh:bi:bj, bk] = lambda bl, *bm, bn=1, **bo: await bp
        finally:
            bq = -br ** ~bs // bt @ bu % bv << bw >> bx & by ^ bz - ca + 1.5 + 0x1F + ...
        with open(cb) as cc, cd:
            (ce := cf)
            cg = f"{ch!r:>{ci}} {{}} {cj=}" "\n" r"\d" b"\x00"
            print(ck, cl=True, cm=False, cn=None) \
                and co
    [lp] = lq
    type(lr).ls = lt
    def n(self, *, a):
        pass
`;

function idOf(grammar: Grammar, name: string, named: boolean): number {
  const ids = grammar.typeIds.get(name) ?? [];
  for (const id of ids) if ((grammar.named[id] === 1) === named) return id;
  throw new Error(`tree-sitter-python has no ${named ? 'named' : 'anonymous'} node type "${name}"`);
}

/** `calibration` is tree-sitter's tree of CALIBRATION_SOURCE: its ids win over the grammar's first ones. */
export function loadSymbols(grammar: Grammar, calibration: SyntaxTree): Symbols {
  const seenNamed = new Map<string, number>();
  const seenAnonymous = new Map<string, number>();
  for (let i = 0; i < calibration.count; i++) {
    const id = calibration.type[i];
    const seen = calibration.flags[i] & 1 ? seenNamed : seenAnonymous;
    const name = grammar.typeName(id);
    if (!seen.has(name)) seen.set(name, id);
  }
  const n = {} as Record<NamedType, number>;
  for (const name of NAMED_TYPES) n[name] = seenNamed.get(name) ?? idOf(grammar, name, true);
  const t = new Map<string, number>(seenAnonymous);
  for (let id = 0; id < grammar.types.length; id++) {
    const name = grammar.types[id];
    if (name && grammar.named[id] === 0 && !t.has(name)) t.set(name, id);
  }
  const f = {} as Record<FieldName, number>;
  for (const name of FIELDS) {
    const id = grammar.fieldIds.get(name);
    if (id === undefined) throw new Error(`tree-sitter-python has no field "${name}"`);
    f[name] = id;
  }
  return { n, t, f };
}
