/**
 * A hand-written recursive-descent parser for the Python that Odoo addons are written in, producing
 * exactly the tree tree-sitter-python produces (node types, fields, ranges, comment placement) for
 * the code it accepts — several times faster than the wasm parser, which stays the reference and the
 * fallback: anything this parser does not reproduce exactly (syntax errors, Python 2 statements,
 * match statements, generic annotations, CRLF files…) throws NotHandled and tree-sitter parses it.
 * `test/code/fast-parser.test.ts` compares both parsers node by node; tokens and layout come from
 * ./lexer.ts, the tree is built by ./builder.ts.
 */
import type { SyntaxTree } from '../tree.ts';
import { Ch, fail, isDigit, isHex, Kind, Layout, PythonLexer, STRING_BYTES, STRING_FORMAT, STRING_RAW } from './lexer.ts';

const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '@=', '//=', '%=', '**=', '>>=', '<<=', '&=', '^=', '|=']);

const COMPARISON = new Set(['<', '<=', '==', '!=', '>=', '>']);

/** tree-sitter-python's precedences for the binary operators on primary expressions (power apart). */
const BINARY_PRECEDENCE = new Map<string, number>([
  ['|', 14], ['&', 15], ['^', 16], ['<<', 17], ['>>', 17], ['+', 18], ['-', 18],
  ['*', 19], ['@', 19], ['/', 19], ['%', 19], ['//', 19],
]);

export class FastPythonParser extends PythonLexer {
  /** Parses `source` into `out`; throws NotHandled when tree-sitter must do it. */
  parse(source: string, out: SyntaxTree): void {
    if (source.indexOf('\r') !== -1) fail('carriage returns');
    this.begin(source);
    try {
      this.parseModule();
    } catch (error) {
      // Deeply nested code exhausts the stack of a recursive-descent parser; tree-sitter's LR parser copes.
      if (error instanceof RangeError) fail('nesting too deep');
      throw error;
    }
    out.reset(source);
    this.b.writeTo(out);
  }

  // ---- statements -----------------------------------------------------------------------------

  private parseModule(): void {
    for (;;) {
      if (this.atDedent()) fail('dedent at module level');
      const kind = this.statementStart();
      if (kind === Kind.EOF) break;
      if (kind === Kind.EOL) fail('empty line where a statement starts');
      this.parseStatement();
    }
    this.b.reduceRoot(this.n.module, this.length);
  }

  private parseStatement(): void {
    const kind = this.peek();
    if (kind === Kind.Op && this.text === '@') return void this.parseDecorated();
    if (kind === Kind.Name) {
      switch (this.text) {
        case 'if':
          return void this.parseIf();
        case 'for':
          return void this.parseFor(this.mark());
        case 'while':
          return void this.parseWhile();
        case 'try':
          return void this.parseTry();
        case 'with':
          return void this.parseWith(this.mark());
        case 'def':
          return void this.parseFunction(this.mark());
        case 'class':
          return void this.parseClass();
        case 'async': {
          const mark = this.mark();
          this.take();
          if (this.isName('def')) return void this.parseFunction(mark);
          if (this.isName('for')) return void this.parseFor(mark);
          if (this.isName('with')) return void this.parseWith(mark);
          return fail('async before something else');
        }
        default:
      }
    }
    this.parseSimpleStatements();
  }

  private parseSimpleStatements(): void {
    for (;;) {
      this.parseSimpleStatement();
      if (!this.isOp(';')) break;
      this.take();
      const next = this.peek();
      if (next === Kind.EOL || next === Kind.EOF) break;
    }
    this.newline();
  }

  private parseSimpleStatement(): void {
    const mark = this.mark();
    if (this.peek() === Kind.Name) {
      switch (this.text) {
        case 'import':
          this.take();
          this.importList();
          return void this.b.reduce(this.n.import_statement, mark);
        case 'from':
          return this.parseFromImport(mark);
        case 'return':
          this.take();
          if (!this.atExpressionEnd()) this.expressionList();
          return void this.b.reduce(this.n.return_statement, mark);
        case 'del':
          this.take();
          this.expressionList();
          return void this.b.reduce(this.n.delete_statement, mark);
        case 'raise':
          this.take();
          if (!this.atExpressionEnd() && !this.isName('from')) this.expressionList();
          if (this.isName('from')) {
            this.take();
            this.field(this.expression(), this.f.cause);
          }
          return void this.b.reduce(this.n.raise_statement, mark);
        case 'pass':
          return void this.wrapped(this.n.pass_statement);
        case 'break':
          return void this.wrapped(this.n.break_statement);
        case 'continue':
          return void this.wrapped(this.n.continue_statement);
        case 'global':
        case 'nonlocal': {
          const type = this.text === 'global' ? this.n.global_statement : this.n.nonlocal_statement;
          this.take();
          this.identifier();
          while (this.isOp(',')) {
            this.take();
            this.identifier();
          }
          return void this.b.reduce(type, mark);
        }
        case 'assert':
          this.take();
          this.expression();
          while (this.isOp(',')) {
            this.take();
            this.expression();
          }
          return void this.b.reduce(this.n.assert_statement, mark);
        case 'type':
          return this.parseTypeStatement(mark);
        case 'print':
        case 'exec':
        case 'match':
        case 'case':
          this.checkSoftKeyword();
          break;
        default:
      }
    }
    this.parseExpressionStatement(mark);
  }

  /**
   * A statement starting with `type`: tree-sitter reads any assignment that does as a type alias,
   * even `type(x).y = z` (`type` then the type `(x).y`). Other statements starting `type(` or
   * `type[` are left to it: its alias reading skips a newline that cannot end an alias, so
   * `type(x).f()` followed by a line `*y = 1` is one alias statement there.
   */
  private parseTypeStatement(mark: number): void {
    const next = this.src.charCodeAt(this.nextCharAfterToken());
    // `type = …`, `type.x = …`: the name type. Only `type(…)…` and `type[…]…` can be aliases.
    if (next !== 40 && next !== 91) return this.parseExpressionStatement(mark);
    const saved = this.save();
    this.parseExpressionStatement(mark);
    const statement = this.b.length - 1;
    const first = this.b.children(statement)[0];
    const t = this.b.type[first];
    if (t !== this.n.assignment && t !== this.n.augmented_assignment) fail('statement starting with type( or type[');
    this.restore(saved);
    if (t === this.n.augmented_assignment) fail('augmented assignment starting with type');
    this.take();
    this.field(this.typeOfExpression(), this.f.left);
    this.expectOp('=');
    this.field(this.typeOfExpression(), this.f.right);
    if (!this.atExpressionEnd() || this.isOp('=') || this.isOp(':')) fail('type alias form');
    this.b.reduce(this.n.type_alias_statement, mark);
  }

  /** A `type` node around a plain expression (`name[…]`, a generic type, is left to tree-sitter). */
  private typeOfExpression(): number {
    const mark = this.mark();
    const value = this.expression();
    // `name[…]` is a generic_type there.
    if (this.b.type[value] === this.n.subscript && this.b.type[this.b.children(value)[0]] === this.n.identifier) fail('generic type');
    return this.b.reduce(this.n.type, mark);
  }

  /** `print x`, `exec code`, `match x:` are statements tree-sitter reads its own way. */
  private checkSoftKeyword(): void {
    const saved = this.save();
    this.take();
    const next = this.peek();
    const text = this.text;
    this.restore(saved);
    const asName = next === Kind.EOL || next === Kind.EOF || (next === Kind.Op && (text === '=' || text === '.' || text === '(' || text === ',' || text === ';' || AUGMENTED.has(text)));
    if (!asName) fail('statement keyword');
  }

  private parseExpressionStatement(mark: number): void {
    if (this.isName('yield')) {
      this.parseYield();
      this.b.reduce(this.n.expression_statement, mark);
      return;
    }
    const single = this.starredExpressions();
    // A bare `a, b` ending a line: tree-sitter may read it as the start of a pattern list and go on
    // over the newline (`a, x` then `[a, b] = c` is `a, x[a, b] = c` there), so it is left to it.
    if (single < 0 && this.peek() === Kind.EOL) fail('expression list ending a line');
    if (this.peek() === Kind.Op && (this.text === '=' || this.text === ':' || AUGMENTED.has(this.text))) {
      this.parseAssignment(mark, single < 0 ? this.patternList(mark) : this.toPattern(single));
    }
    this.b.reduce(this.n.expression_statement, mark);
  }

  /** One (starred) expression, or several separated by commas: returns the one, or -1 for several. */
  private starredExpressions(): number {
    const first = this.starredExpression();
    if (!this.isOp(',')) return first;
    while (this.isOp(',')) {
      this.take();
      if (this.atExpressionEnd() || this.peekIsAssignment()) break;
      this.starredExpression();
    }
    return -1;
  }

  private peekIsAssignment(): boolean {
    return this.peek() === Kind.Op && (this.text === '=' || AUGMENTED.has(this.text));
  }

  /** Wraps the expressions since `mark` in a pattern_list, as targets. */
  private patternList(mark: number): number {
    const list = this.b.reduce(this.n.expression_list, mark);
    return this.toPattern(list);
  }

  /** `left` is parsed; the peeked token is `=`, `:` or an augmented operator. */
  private parseAssignment(mark: number, left: number): number {
    this.field(left, this.f.left);
    const op = this.text;
    if (op === '=') {
      this.take();
      this.field(this.rightHandSide(), this.f.right);
      return this.b.reduce(this.n.assignment, mark);
    }
    if (op === ':') {
      this.take();
      this.field(this.annotation(), this.f.type);
      if (this.isOp('=')) {
        this.take();
        this.field(this.rightHandSide(), this.f.right);
      }
      return this.b.reduce(this.n.assignment, mark);
    }
    this.field(this.take(), this.f.operator);
    this.field(this.rightHandSide(), this.f.right);
    return this.b.reduce(this.n.augmented_assignment, mark);
  }

  private rightHandSide(): number {
    const mark = this.mark();
    if (this.isName('yield')) return this.parseYield();
    const single = this.starredExpressions();
    if (this.peekIsAssignment()) return this.parseAssignment(mark, single < 0 ? this.patternList(mark) : this.toPattern(single));
    return single < 0 ? this.b.reduce(this.n.expression_list, mark) : single;
  }

  /** Reads an expression already built as an assignment target (tuple → tuple_pattern…). */
  private toPattern(index: number): number {
    const b = this.b;
    const n = this.n;
    const type = b.type[index];
    if (type === n.identifier || type === n.attribute || type === n.subscript) return index;
    let to: number;
    if (type === n.tuple || type === n.parenthesized_expression) to = n.tuple_pattern;
    else if (type === n.list) to = n.list_pattern;
    else if (type === n.expression_list) to = n.pattern_list;
    else if (type === n.list_splat) {
      const operand = b.children(index)[1];
      const t = b.type[operand];
      if (t !== n.identifier && t !== n.attribute && t !== n.subscript) fail('starred target');
      b.retype(index, n.list_splat_pattern);
      return index;
    } else return fail('assignment to an expression');
    b.retype(index, to);
    for (const child of b.children(index)) if (b.flags[child] & 1 && b.type[child] !== n.comment && b.type[child] !== n.line_continuation) this.toPattern(child);
    return index;
  }

  private atExpressionEnd(): boolean {
    const kind = this.peek();
    if (kind === Kind.EOL || kind === Kind.EOF) return true;
    if (kind !== Kind.Op) return false;
    const t = this.text;
    return t === ';' || t === ')' || t === ']' || t === '}' || t === ':' || t === '=';
  }

  private parseYield(): number {
    const mark = this.mark();
    this.expectName('yield');
    if (this.isName('from')) {
      this.take();
      this.expression();
    } else if (!this.atExpressionEnd()) {
      this.expressionList();
    }
    return this.b.reduce(this.n.yield, mark);
  }

  private importList(): void {
    for (;;) {
      const mark = this.mark();
      const name = this.dottedName();
      if (this.isName('as')) {
        this.field(name, this.f.name);
        this.take();
        this.field(this.identifier(), this.f.alias);
        this.field(this.b.reduce(this.n.aliased_import, mark), this.f.name);
      } else {
        this.field(name, this.f.name);
      }
      if (!this.isOp(',')) return;
      this.take();
      if (this.atExpressionEnd()) return;
    }
  }

  private dottedName(): number {
    const mark = this.mark();
    this.identifier();
    while (this.isOp('.')) {
      this.take();
      this.identifier();
    }
    return this.b.reduce(this.n.dotted_name, mark);
  }

  private parseFromImport(mark: number): void {
    this.take();
    if (this.isName('__future__')) {
      this.take();
      this.expectName('import');
      this.importNames();
      this.b.reduce(this.n.future_import_statement, mark);
      return;
    }
    let moduleName: number;
    if (this.isOp('.') || this.isOp('...')) {
      const relative = this.mark();
      const prefix = this.mark();
      const dot = this.t.get('.')!;
      while (this.isOp('.') || this.isOp('...')) {
        if (this.text === '...') {
          const at = this.start;
          this.b.token(dot, at, at + 1);
          this.b.token(dot, at + 1, at + 2);
          this.b.token(dot, at + 2, at + 3);
          this.pos = this.end;
          this.has = false;
        } else {
          this.take();
        }
      }
      this.b.reduce(this.n.import_prefix, prefix);
      if (!this.isName('import')) this.dottedName();
      moduleName = this.b.reduce(this.n.relative_import, relative);
    } else {
      moduleName = this.dottedName();
    }
    this.field(moduleName, this.f.module_name);
    this.expectName('import');
    if (this.isOp('*')) this.wrapped(this.n.wildcard_import);
    else this.importNames();
    this.b.reduce(this.n.import_from_statement, mark);
  }

  private importNames(): void {
    if (this.isOp('(')) {
      this.take();
      this.depth++;
      this.importList();
      this.expectOp(')');
      this.depth--;
    } else {
      this.importList();
    }
  }

  /** `:` then a block: indented statements, or simple statements on the same line. */
  private suite(): number {
    this.expectOp(':');
    for (;;) {
      const peeked = this.peek();
      if (peeked !== Kind.EOL && peeked !== Kind.EOF) {
        // Statements on the header's line.
        const mark = this.mark();
        this.parseSimpleStatements();
        return this.b.reduce(this.n.block, mark);
      }
      this.has = false;
      const layout = this.scanLayout(true, true, false);
      if (layout === Layout.CommentFirst) {
        if (!this.takeComment()) fail('expected a comment');
        continue;
      }
      if (layout !== Layout.Indent) fail('expected an indented block');
      this.b.hidden(this.pos, this.pos);
      this.lineStart = true;
      const mark = this.mark();
      while (!this.atDedent()) {
        const kind = this.statementStart();
        if (kind === Kind.EOF || kind === Kind.EOL) fail('unexpected end of block');
        this.parseStatement();
      }
      this.takeDedent();
      return this.b.reduce(this.n.block, mark);
    }
  }

  /** After a block: whether the next statement starts with the given keyword (elif, else…). */
  private continuesWith(keyword: string): boolean {
    if (this.atDedent()) return false;
    return this.statementStart() === Kind.Name && this.text === keyword;
  }

  private parseIf(): void {
    const mark = this.mark();
    this.take();
    this.field(this.expression(), this.f.condition);
    this.field(this.suite(), this.f.consequence);
    while (this.continuesWith('elif')) {
      const clause = this.mark();
      this.take();
      this.field(this.expression(), this.f.condition);
      this.field(this.suite(), this.f.consequence);
      this.field(this.b.reduce(this.n.elif_clause, clause), this.f.alternative);
    }
    if (this.continuesWith('else')) this.field(this.elseClause(), this.f.alternative);
    this.b.reduce(this.n.if_statement, mark);
  }

  private elseClause(): number {
    const mark = this.mark();
    this.take();
    this.field(this.suite(), this.f.body);
    return this.b.reduce(this.n.else_clause, mark);
  }

  private parseFor(mark: number): void {
    this.expectName('for');
    this.field(this.targets(), this.f.left);
    this.expectName('in');
    this.field(this.expressionList(), this.f.right);
    this.field(this.suite(), this.f.body);
    if (this.continuesWith('else')) this.field(this.elseClause(), this.f.alternative);
    this.b.reduce(this.n.for_statement, mark);
  }

  private parseWhile(): void {
    const mark = this.mark();
    this.take();
    this.field(this.expression(), this.f.condition);
    this.field(this.suite(), this.f.body);
    if (this.continuesWith('else')) this.field(this.elseClause(), this.f.alternative);
    this.b.reduce(this.n.while_statement, mark);
  }

  private parseTry(): void {
    const mark = this.mark();
    this.take();
    this.field(this.suite(), this.f.body);
    while (this.continuesWith('except')) {
      const clause = this.mark();
      this.take();
      if (this.isOp('*')) fail('except*');
      if (!this.isOp(':')) {
        this.field(this.withAlias(), this.f.value);
        if (this.isOp(',')) fail('Python 2 except clause');
      }
      this.suite();
      this.b.reduce(this.n.except_clause, clause);
    }
    if (this.continuesWith('else')) this.elseClause();
    if (this.continuesWith('finally')) {
      const clause = this.mark();
      this.take();
      this.suite();
      this.b.reduce(this.n.finally_clause, clause);
    }
    this.b.reduce(this.n.try_statement, mark);
  }

  /** An expression, optionally `as` a target: `open(f) as fh` is an as_pattern. */
  private withAlias(): number {
    const mark = this.mark();
    const value = this.expression();
    if (!this.isName('as')) return value;
    // `as` binds tighter than lambda and the conditional expression in tree-sitter's grammar.
    const t = this.b.type[value];
    if (t === this.n.lambda || t === this.n.conditional_expression) fail('as after a lambda or conditional');
    this.take();
    const target = this.mark();
    this.expression();
    this.field(this.b.reduce(this.n.as_pattern_target, target), this.f.alias);
    return this.b.reduce(this.n.as_pattern, mark);
  }

  private parseWith(mark: number): void {
    this.expectName('with');
    if (this.isOp('(')) fail('parenthesised with items');
    const clause = this.mark();
    for (;;) {
      const item = this.mark();
      this.field(this.withAlias(), this.f.value);
      this.b.reduce(this.n.with_item, item);
      if (!this.isOp(',')) break;
      this.take();
    }
    this.b.reduce(this.n.with_clause, clause);
    this.field(this.suite(), this.f.body);
    this.b.reduce(this.n.with_statement, mark);
  }

  private parseFunction(mark: number): number {
    this.expectName('def');
    this.field(this.identifier(), this.f.name);
    if (this.isOp('[')) fail('type parameters');
    const params = this.mark();
    this.expectOp('(');
    this.depth++;
    this.parameters(')');
    this.expectOp(')');
    this.depth--;
    this.field(this.b.reduce(this.n.parameters, params), this.f.parameters);
    if (this.isOp('->')) {
      this.take();
      this.field(this.annotation(), this.f.return_type);
    }
    this.field(this.suite(), this.f.body);
    return this.b.reduce(this.n.function_definition, mark);
  }

  /** Parameters up to `close` (`)` for a def, `:` for a lambda, which takes no annotations). */
  private parameters(close: string): void {
    const lambda = close === ':';
    while (!this.isOp(close)) {
      const mark = this.mark();
      if (this.isOp('*')) {
        this.take();
        if (this.isOp(',') || this.isOp(close)) {
          this.b.reduce(this.n.keyword_separator, mark);
        } else {
          this.identifier();
          this.b.reduce(this.n.list_splat_pattern, mark);
          if (!lambda && this.isOp(':')) this.typedParameter(mark);
        }
      } else if (this.isOp('**')) {
        this.take();
        this.identifier();
        this.b.reduce(this.n.dictionary_splat_pattern, mark);
        if (!lambda && this.isOp(':')) this.typedParameter(mark);
      } else if (this.isOp('/')) {
        this.wrapped(this.n.positional_separator);
      } else {
        const name = this.identifier();
        if (!lambda && this.isOp(':')) {
          this.take();
          this.field(this.annotation(), this.f.type);
          if (this.isOp('=')) {
            this.field(name, this.f.name);
            this.take();
            this.field(this.expression(), this.f.value);
            this.b.reduce(this.n.typed_default_parameter, mark);
          } else {
            this.b.reduce(this.n.typed_parameter, mark);
          }
        } else if (this.isOp('=')) {
          this.field(name, this.f.name);
          this.take();
          this.field(this.expression(), this.f.value);
          this.b.reduce(this.n.default_parameter, mark);
        }
      }
      if (!this.isOp(',')) break;
      this.take();
    }
  }

  private typedParameter(mark: number): void {
    this.take();
    this.field(this.annotation(), this.f.type);
    this.b.reduce(this.n.typed_parameter, mark);
  }

  /** A `type`: only the plain forms (a name, None, a dotted name, a string) are read here. */
  private annotation(): number {
    const mark = this.mark();
    const value = this.expression();
    const t = this.b.type[value];
    const n = this.n;
    if (t !== n.identifier && t !== n.none && t !== n.attribute && t !== n.string) fail('annotation form');
    return this.b.reduce(n.type, mark);
  }

  private parseClass(): number {
    const mark = this.mark();
    this.take();
    this.field(this.identifier(), this.f.name);
    if (this.isOp('[')) fail('type parameters');
    if (this.isOp('(')) this.field(this.argumentList(), this.f.superclasses);
    this.field(this.suite(), this.f.body);
    return this.b.reduce(this.n.class_definition, mark);
  }

  private parseDecorated(): void {
    const mark = this.mark();
    while (this.isOp('@')) {
      const decorator = this.mark();
      this.take();
      this.expression();
      this.newline();
      this.b.reduce(this.n.decorator, decorator);
      if (this.atDedent()) fail('dedent after a decorator');
      this.statementStart();
    }
    let definition: number;
    if (this.isName('def')) definition = this.parseFunction(this.mark());
    else if (this.isName('class')) definition = this.parseClass();
    else if (this.isName('async')) {
      const inner = this.mark();
      this.take();
      definition = this.parseFunction(inner);
    } else return fail('decorator before something else');
    this.field(definition, this.f.definition);
    this.b.reduce(this.n.decorated_definition, mark);
  }

  // ---- expressions ----------------------------------------------------------------------------

  /** `_expressions`: one expression, or several separated by commas (an expression_list). */
  private expressionList(): number {
    const mark = this.mark();
    const first = this.starredExpression();
    if (!this.isOp(',')) return first;
    while (this.isOp(',')) {
      this.take();
      if (this.atExpressionEnd() || this.isName('in')) break;
      this.starredExpression();
    }
    return this.b.reduce(this.n.expression_list, mark);
  }

  /**
   * An expression, or `*name` (a list_splat). tree-sitter reads `*a.b` as the attribute `b` of `*a`,
   * and a starred element in a list, tuple or set display one way or another depending on what
   * surrounds it (list or list_pattern…): those are left to it.
   */
  private starredExpression(): number {
    if (!this.isOp('*')) return this.expression();
    const mark = this.mark();
    this.take();
    this.identifier();
    if (this.isOp('.') || this.isOp('[') || this.isOp('(')) fail('starred expression');
    return this.b.reduce(this.n.list_splat, mark);
  }

  private expression(): number {
    if (this.isName('lambda')) return this.lambda();
    const mark = this.mark();
    const value = this.disjunction();
    if (this.isName('if')) {
      this.take();
      this.disjunction();
      this.expectName('else');
      this.expression();
      return this.b.reduce(this.n.conditional_expression, mark);
    }
    if (this.isOp(':=')) {
      if (this.b.type[value] !== this.n.identifier) fail('walrus target');
      this.field(value, this.f.name);
      this.take();
      // tree-sitter binds `:=` tighter than a conditional expression; such values are left to it.
      if (this.isName('lambda')) fail('lambda after :=');
      this.field(this.disjunction(), this.f.value);
      if (this.isName('if')) fail('conditional after :=');
      return this.b.reduce(this.n.named_expression, mark);
    }
    return value;
  }

  private lambda(): number {
    const mark = this.mark();
    this.take();
    if (!this.isOp(':')) {
      const params = this.mark();
      this.parameters(':');
      this.field(this.b.reduce(this.n.lambda_parameters, params), this.f.parameters);
    }
    this.expectOp(':');
    this.field(this.expression(), this.f.body);
    return this.b.reduce(this.n.lambda, mark);
  }

  private disjunction(): number {
    return this.booleanOperators('or');
  }

  /** `a or b or c` (over `and` chains) or `a and b` (over `not`): left-associative boolean_operators. */
  private booleanOperators(keyword: 'or' | 'and'): number {
    const mark = this.mark();
    let left = keyword === 'or' ? this.booleanOperators('and') : this.inversion();
    while (this.isName(keyword)) {
      this.field(left, this.f.left);
      this.field(this.take(), this.f.operator);
      this.field(keyword === 'or' ? this.booleanOperators('and') : this.inversion(), this.f.right);
      left = this.b.reduce(this.n.boolean_operator, mark);
    }
    return left;
  }

  private inversion(): number {
    if (!this.isName('not')) return this.comparison();
    const mark = this.mark();
    this.take();
    this.field(this.inversion(), this.f.argument);
    return this.b.reduce(this.n.not_operator, mark);
  }

  private comparison(): number {
    const mark = this.mark();
    const first = this.binary(0);
    let compared = false;
    for (;;) {
      const kind = this.peek();
      if (kind === Kind.Op && COMPARISON.has(this.text)) {
        this.field(this.take(), this.f.operators);
      } else if (kind === Kind.Name && this.text === 'in') {
        this.field(this.take(), this.f.operators);
      } else if (kind === Kind.Name && this.text === 'is') {
        const op = this.mark();
        const is = this.take();
        if (this.isName('not')) {
          this.take();
          this.field(this.b.reduce(this.t.get('is not')!, op), this.f.operators);
        } else {
          this.field(is, this.f.operators);
        }
      } else if (kind === Kind.Name && this.text === 'not' && this.nextIsName('in')) {
        const op = this.mark();
        this.take();
        this.take();
        this.field(this.b.reduce(this.t.get('not in')!, op), this.f.operators);
      } else {
        break;
      }
      compared = true;
      this.binary(0);
    }
    return compared ? this.b.reduce(this.n.comparison_operator, mark) : first;
  }

  /** Binary operators on primary expressions, by tree-sitter's precedences (all left-associative). */
  private binary(minimum: number): number {
    const mark = this.mark();
    let left = this.unary();
    for (;;) {
      if (this.peek() !== Kind.Op) break;
      const precedence = BINARY_PRECEDENCE.get(this.text);
      if (precedence === undefined || precedence < minimum) break;
      this.field(left, this.f.left);
      this.field(this.take(), this.f.operator);
      this.field(this.binary(precedence + 1), this.f.right);
      left = this.b.reduce(this.n.binary_operator, mark);
    }
    return left;
  }

  private unary(): number {
    const kind = this.peek();
    if (kind === Kind.Op && (this.text === '-' || this.text === '+' || this.text === '~')) {
      const mark = this.mark();
      this.field(this.take(), this.f.operator);
      this.field(this.unary(), this.f.argument);
      return this.b.reduce(this.n.unary_operator, mark);
    }
    if (kind === Kind.Name && this.text === 'await') {
      const mark = this.mark();
      this.take();
      this.unary();
      return this.b.reduce(this.n.await, mark);
    }
    const mark = this.mark();
    const base = this.postfix();
    if (!this.isOp('**')) return base;
    this.field(base, this.f.left);
    this.field(this.take(), this.f.operator);
    this.field(this.unary(), this.f.right);
    return this.b.reduce(this.n.binary_operator, mark);
  }

  private postfix(): number {
    const mark = this.mark();
    let value = this.atom();
    for (;;) {
      if (this.peek() !== Kind.Op) return value;
      const op = this.text;
      if (op === '.') {
        this.field(value, this.f.object);
        this.take();
        this.field(this.identifier(), this.f.attribute);
        value = this.b.reduce(this.n.attribute, mark);
      } else if (op === '(') {
        this.field(value, this.f.function);
        this.field(this.argumentList(), this.f.arguments);
        value = this.b.reduce(this.n.call, mark);
      } else if (op === '[') {
        this.field(value, this.f.value);
        this.subscript();
        value = this.b.reduce(this.n.subscript, mark);
      } else {
        return value;
      }
    }
  }

  private subscript(): void {
    this.take();
    this.depth++;
    for (;;) {
      this.field(this.sliceOrExpression(), this.f.subscript);
      if (!this.isOp(',')) break;
      this.take();
      if (this.isOp(']')) break;
    }
    this.expectOp(']');
    this.depth--;
  }

  private sliceOrExpression(): number {
    const mark = this.mark();
    if (!this.isOp(':')) {
      const value = this.expression();
      if (!this.isOp(':')) return value;
    }
    this.take();
    if (!this.isOp(':') && !this.isOp(']') && !this.isOp(',')) this.expression();
    if (this.isOp(':')) {
      this.take();
      if (!this.isOp(']') && !this.isOp(',')) this.expression();
    }
    return this.b.reduce(this.n.slice, mark);
  }

  /** `( … )` after a callee or a class name: an argument_list, or a bare generator expression. */
  private argumentList(): number {
    const mark = this.mark();
    this.take();
    this.depth++;
    if (!this.isOp(')')) {
      let first = true;
      for (;;) {
        const arg = this.mark();
        if (this.isOp('*') || this.isOp('**')) {
          const type = this.text === '*' ? this.n.list_splat : this.n.dictionary_splat;
          this.take();
          this.expression();
          this.b.reduce(type, arg);
        } else if (this.peek() === Kind.Name && this.nextIsEquals()) {
          this.field(this.identifier(), this.f.name);
          this.take();
          this.field(this.expression(), this.f.value);
          this.b.reduce(this.n.keyword_argument, arg);
        } else {
          const value = this.expression();
          if (first && (this.isName('for') || this.isName('async'))) {
            this.field(value, this.f.body);
            this.comprehensionClauses();
            this.expectOp(')');
            this.depth--;
            return this.b.reduce(this.n.generator_expression, mark);
          }
        }
        first = false;
        if (!this.isOp(',')) break;
        this.take();
        if (this.isOp(')')) break;
      }
    }
    this.expectOp(')');
    this.depth--;
    return this.b.reduce(this.n.argument_list, mark);
  }

  private atom(): number {
    const kind = this.peek();
    switch (kind) {
      case Kind.Name: {
        const text = this.text;
        if (text === 'True') return this.takeAs(this.n.true);
        if (text === 'False') return this.takeAs(this.n.false);
        if (text === 'None') return this.takeAs(this.n.none);
        return this.identifier();
      }
      case Kind.Int:
        return this.takeAs(this.n.integer);
      case Kind.Float:
        return this.takeAs(this.n.float);
      case Kind.String:
        return this.strings();
      case Kind.Op:
        switch (this.text) {
          case '(':
            return this.parenthesised();
          case '[':
            return this.bracketed();
          case '{':
            return this.braced();
          case '...':
            return this.takeAs(this.n.ellipsis);
          default:
        }
        return fail(`unexpected ${this.text}`);
      default:
        return fail('expected an expression');
    }
  }

  private parenthesised(): number {
    const mark = this.mark();
    this.take();
    this.depth++;
    if (this.isOp(')')) return this.close(')', this.n.tuple, mark);
    if (this.isName('yield')) {
      this.parseYield();
      return this.close(')', this.n.parenthesized_expression, mark);
    }
    const first = this.element();
    if (this.isName('for') || this.isName('async')) {
      this.field(first, this.f.body);
      this.comprehensionClauses();
      return this.close(')', this.n.generator_expression, mark);
    }
    if (this.isOp(')')) return this.close(')', this.n.parenthesized_expression, mark);
    this.elements(')');
    return this.close(')', this.n.tuple, mark);
  }

  private bracketed(): number {
    const mark = this.mark();
    this.take();
    this.depth++;
    if (this.isOp(']')) return this.close(']', this.n.list, mark);
    const first = this.element();
    if (this.isName('for') || this.isName('async')) {
      if (this.b.type[first] === this.n.yield) fail('yield before for');
      this.field(first, this.f.body);
      this.comprehensionClauses();
      return this.close(']', this.n.list_comprehension, mark);
    }
    this.elements(']');
    return this.close(']', this.n.list, mark);
  }

  private braced(): number {
    const mark = this.mark();
    this.take();
    this.depth++;
    if (this.isOp('}')) return this.close('}', this.n.dictionary, mark);
    if (this.isOp('**')) {
      this.dictionaryItems();
      return this.close('}', this.n.dictionary, mark);
    }
    const item = this.mark();
    if (this.isName('yield')) fail('yield in braces');
    const first = this.element();
    if (this.isOp(':')) {
      this.field(first, this.f.key);
      this.take();
      this.field(this.expression(), this.f.value);
      const pair = this.b.reduce(this.n.pair, item);
      if (this.isName('for') || this.isName('async')) {
        this.field(pair, this.f.body);
        this.comprehensionClauses();
        return this.close('}', this.n.dictionary_comprehension, mark);
      }
      if (this.isOp(',')) {
        this.take();
        if (!this.isOp('}')) this.dictionaryItems();
      }
      return this.close('}', this.n.dictionary, mark);
    }
    if (this.isName('for') || this.isName('async')) {
      this.field(first, this.f.body);
      this.comprehensionClauses();
      return this.close('}', this.n.set_comprehension, mark);
    }
    this.elements('}');
    return this.close('}', this.n.set, mark);
  }

  private dictionaryItems(): void {
    for (;;) {
      const item = this.mark();
      if (this.isOp('**')) {
        this.take();
        this.expression();
        this.b.reduce(this.n.dictionary_splat, item);
      } else {
        this.field(this.expression(), this.f.key);
        this.expectOp(':');
        this.field(this.expression(), this.f.value);
        this.b.reduce(this.n.pair, item);
      }
      if (!this.isOp(',')) return;
      this.take();
      if (this.isOp('}')) return;
    }
  }

  /** One element of a tuple, list or set: an expression, `*x`, or a yield. */
  private element(): number {
    if (this.isName('yield')) return this.parseYield();
    if (this.isOp('*')) fail('starred element in a display');
    return this.expression();
  }

  /** The elements after the first, up to (not including) `close`. */
  private elements(close: string): void {
    while (this.isOp(',')) {
      this.take();
      if (this.isOp(close)) return;
      this.element();
    }
  }

  private close(text: string, type: number, mark: number): number {
    this.expectOp(text);
    this.depth--;
    return this.b.reduce(type, mark);
  }

  private comprehensionClauses(): void {
    for (;;) {
      if (this.isName('for') || this.isName('async')) {
        const mark = this.mark();
        if (this.isName('async')) this.take();
        this.expectName('for');
        this.field(this.targets(), this.f.left);
        this.expectName('in');
        this.field(this.disjunction(), this.f.right);
        if (this.isOp(',')) fail('for-in clause over a tuple');
        this.b.reduce(this.n.for_in_clause, mark);
      } else if (this.isName('if')) {
        const mark = this.mark();
        this.take();
        this.disjunction();
        this.b.reduce(this.n.if_clause, mark);
      } else {
        return;
      }
    }
  }

  /** Loop targets: a pattern, or several (a pattern_list). */
  private targets(): number {
    const mark = this.mark();
    const first = this.pattern();
    if (!this.isOp(',')) return first;
    while (this.isOp(',')) {
      this.take();
      if (this.isName('in') || this.isOp('=')) break;
      this.pattern();
    }
    return this.b.reduce(this.n.pattern_list, mark);
  }

  private pattern(): number {
    const mark = this.mark();
    if (this.isOp('(') || this.isOp('[')) {
      const close = this.text === '(' ? ')' : ']';
      this.take();
      this.depth++;
      while (!this.isOp(close)) {
        this.pattern();
        if (!this.isOp(',')) break;
        this.take();
      }
      return this.close(close, close === ')' ? this.n.tuple_pattern : this.n.list_pattern, mark);
    }
    if (this.isOp('*')) {
      this.take();
      // Only a name, attribute or subscript may be starred there; tree-sitter errs on `*(a, b)`.
      if (this.isOp('(') || this.isOp('[') || this.isOp('*')) fail('starred target');
      this.pattern();
      return this.b.reduce(this.n.list_splat_pattern, mark);
    }
    const value = this.postfix();
    const t = this.b.type[value];
    if (t !== this.n.identifier && t !== this.n.attribute && t !== this.n.subscript) fail('loop target');
    return value;
  }

  // ---- strings --------------------------------------------------------------------------------

  /** One string, or several in a row (a concatenated_string). */
  private strings(): number {
    const mark = this.mark();
    const first = this.string();
    if (this.peek() !== Kind.String) return first;
    while (this.peek() === Kind.String) this.string();
    return this.b.reduce(this.n.concatenated_string, mark);
  }

  /** A string, scanned as tree-sitter-python's scanner does (content, escapes, interpolations). */
  private string(): number {
    const src = this.src;
    const n = this.n;
    const b = this.b;
    const flags = this.stringFlags;
    const mark = this.mark();
    let i = this.end;
    const quote = src.charCodeAt(i);
    const triple = src.charCodeAt(i + 1) === quote && src.charCodeAt(i + 2) === quote;
    const openEnd = i + (triple ? 3 : 1);
    b.token(n.string_start, this.start, openEnd);
    this.has = false;
    this.lineStart = false;
    i = openEnd;
    this.content = -1;
    this.piece = i;
    const format = (flags & STRING_FORMAT) !== 0;
    const raw = (flags & STRING_RAW) !== 0;
    const bytes = (flags & STRING_BYTES) !== 0;
    // Like the scanner, whose each call only counts as content what follows something other than a
    // raw backslash: a raw piece of backslashes alone before the closing quote joins string_end.
    let callStart = i;
    let hasContent = false;
    for (;;) {
      if (i >= this.length) fail('unterminated string');
      const c = src.charCodeAt(i);
      if (format && (c === Ch.LBrace || c === Ch.RBrace)) {
        if (!hasContent && i > callStart) fail('raw backslash before a brace');
        this.flushPiece(i);
        if (src.charCodeAt(i + 1) === c) {
          this.openContent();
          b.token(n.escape_interpolation, i, i + 2);
          i += 2;
        } else {
          if (c === Ch.RBrace) fail('single } in an f-string');
          this.closeContent();
          i = this.interpolation(i, n.interpolation);
        }
        this.piece = callStart = i;
        hasContent = false;
        continue;
      }
      if (c === Ch.Backslash) {
        if (raw) {
          i++;
          const next = src.charCodeAt(i);
          if (next === quote || next === Ch.Backslash || next === Ch.LF) i++;
          continue;
        }
        const next = src.charCodeAt(i + 1);
        if (bytes && (next === 78 || next === 117 || next === 85)) fail('bytes with \\N, \\u or \\U');
        this.flushPiece(i);
        this.openContent();
        const escape = this.escapeLength(i);
        // A backslash starting no escape is an anonymous `\` token (tree-sitter's _not_escape_sequence).
        if (escape > 0) b.token(n.escape_sequence, i, i + escape);
        else b.token(this.backslash, i, i + 1);
        i += escape > 0 ? escape : 1;
        this.piece = callStart = i;
        hasContent = false;
        continue;
      }
      if (c === quote) {
        if (!triple) break;
        if (src.charCodeAt(i + 1) === quote && src.charCodeAt(i + 2) === quote) break;
        // One or two quotes inside a triple-quoted string end a content token there.
        i += src.charCodeAt(i + 1) === quote ? 2 : 1;
        callStart = i;
        hasContent = false;
        continue;
      }
      if (c === Ch.LF && !triple) fail('newline in a string');
      hasContent = true;
      i++;
    }
    const endStart = hasContent ? i : callStart;
    this.flushPiece(endStart);
    this.closeContent();
    const end = i + (triple ? 3 : 1);
    b.token(n.string_end, endStart, end);
    this.pos = end;
    this.has = false;
    return b.reduce(n.string, mark);
  }

  // The string being scanned: the mark of its open string_content (or -1) and where its current piece starts.
  private content = -1;
  private piece = 0;

  private openContent(): void {
    if (this.content < 0) this.content = this.b.length;
  }

  /** Content up to `to` since the piece started: a hidden token inside the open string_content. */
  private flushPiece(to: number): void {
    if (to > this.piece) {
      this.openContent();
      this.b.hidden(this.piece, to);
    }
  }

  private closeContent(): void {
    if (this.content >= 0) {
      this.b.reduce(this.n.string_content, this.content);
      this.content = -1;
    }
  }

  private hexRun(from: number, count: number): boolean {
    for (let k = 0; k < count; k++) if (!isHex(this.src.charCodeAt(from + k))) return false;
    return true;
  }

  /** Length of the escape sequence at `i` (a backslash), or 0 when it is none. */
  private escapeLength(i: number): number {
    const src = this.src;
    const c = src.charCodeAt(i + 1);
    if (c === 117) return this.hexRun(i + 2, 4) ? 6 : 0;
    if (c === 85) return this.hexRun(i + 2, 8) ? 10 : 0;
    if (c === 120) return this.hexRun(i + 2, 2) ? 4 : 0;
    if (isDigit(c)) {
      let k = 2;
      while (k < 4 && isDigit(src.charCodeAt(i + k))) k++;
      return k;
    }
    if (c === Ch.LF) return 2;
    if (c === 78 && src.charCodeAt(i + 2) === Ch.LBrace) {
      // /N\{[^}]+\}/ runs to the next }, across quotes and lines if need be, as tree-sitter's does.
      const close = src.indexOf('}', i + 3);
      return close > i + 3 ? close - i + 1 : 0;
    }
    // ' " a b f r n t v \
    if (c === 39 || c === 34 || c === 97 || c === 98 || c === 102 || c === 114 || c === 110 || c === 116 || c === 118 || c === 92) return 2;
    return 0;
  }

  /** `{expression[=][!c][:spec]}` inside an f-string, from its `{`; returns the index after `}`. */
  private interpolation(at: number, type: number): number {
    const n = this.n;
    const b = this.b;
    const mark = this.mark();
    b.token(this.t.get('{')!, at, at + 1);
    this.pos = at + 1;
    this.has = false;
    const savedDepth = this.depth;
    this.depth = 1;
    const value = this.expression();
    if (this.isOp(',')) fail('tuple in an f-string');
    this.field(value, this.f.expression);
    if (this.isOp('=')) this.take();
    if (this.isOp('!')) {
      const letter = this.src.charCodeAt(this.start + 1);
      if (!(letter >= 97 && letter <= 122)) fail('conversion');
      this.field(b.token(n.type_conversion, this.start, this.start + 2), this.f.type_conversion);
      this.pos = this.start + 2;
      this.has = false;
    }
    if (this.isOp(':')) {
      const spec = this.mark();
      this.take();
      const src = this.src;
      let i = this.pos;
      let piece = i;
      for (;;) {
        const c = src.charCodeAt(i);
        if (c === Ch.LBrace || c === Ch.RBrace || c === Ch.LF || i >= this.length) {
          if (i > piece) b.hidden(piece, i);
          if (c === Ch.LBrace) {
            i = this.interpolation(i, n.format_expression);
            piece = i;
            continue;
          }
          if (c !== Ch.RBrace) fail('format specifier');
          break;
        }
        i++;
      }
      this.pos = i;
      this.has = false;
      this.field(b.reduce(n.format_specifier, spec), this.f.format_specifier);
    } else if (this.isOp(':=')) {
      fail('walrus in an f-string');
    }
    if (!this.isOp('}')) fail('expected } in an f-string');
    this.take();
    this.depth = savedDepth;
    b.reduce(type, mark);
    return this.pos;
  }
}
