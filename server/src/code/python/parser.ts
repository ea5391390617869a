/**
 * The Python parser. Code is parsed, never executed, into a flat SyntaxTree (see ./tree.ts) shaped
 * as tree-sitter-python shapes it. Two parsers produce it: the hand-written one in ./fast (several
 * times faster, exact on the code it accepts) and tree-sitter's Python grammar compiled to wasm,
 * which is the reference and parses whatever the fast one declines — syntax errors above all, where
 * its error recovery keeps the rest of the file analysable.
 */
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import { NotHandled } from './fast/builder.ts';
import { FastPythonParser } from './fast/parser.ts';
import { CALIBRATION_SOURCE, loadSymbols } from './fast/symbols.ts';
import { flattenTree, Grammar, SyntaxTree } from './tree.ts';

/** The parts of the engine that are tree-sitter's. */
export type TreeSitterEngine = Omit<PythonEngine, 'fast'>;

export interface PythonEngine {
  parser: Parser;
  grammar: Grammar;
  /** Reused between parses: a SyntaxTree is only valid until the next parse. */
  scratch: SyntaxTree;
  fast: FastPythonParser;
}

let ready: Promise<PythonEngine> | null = null;

async function load(): Promise<PythonEngine> {
  const require = createRequire(import.meta.url);
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  const grammar = new Grammar(language);
  const treeSitter: TreeSitterEngine = { parser, grammar, scratch: new SyntaxTree(grammar, '') };
  // The fast parser writes the node-type ids tree-sitter gives a source using every construct.
  const calibration = parseWithTreeSitter(treeSitter, CALIBRATION_SOURCE);
  if (calibration.root.hasError) throw new Error('tree-sitter-python does not parse the calibration source: update python/fast');
  return { ...treeSitter, fast: new FastPythonParser(loadSymbols(grammar, calibration), grammar.named) };
}

/** The shared engine (tree-sitter parsers are reusable and this process parses one file at a time). */
export function pythonEngine(): Promise<PythonEngine> {
  ready ??= load().catch((error: unknown) => {
    ready = null;
    throw error;
  });
  return ready;
}

/** Parses one source into the engine's scratch tree (valid until the next call). */
export function parsePython(engine: PythonEngine, source: string): SyntaxTree {
  try {
    engine.fast.parse(source, engine.scratch);
    return engine.scratch;
  } catch (error) {
    if (!(error instanceof NotHandled)) throw error;
  }
  return parseWithTreeSitter(engine, source);
}

/** tree-sitter's parse, copied out of wasm; also what the fast parser is checked against. */
export function parseWithTreeSitter(engine: TreeSitterEngine, source: string): SyntaxTree {
  const tree = engine.parser.parse(source);
  if (!tree) throw new Error('the Python parser returned no tree');
  const out = engine.scratch;
  out.reset(source);
  try {
    flattenTree(tree, out);
  } finally {
    tree.delete();
  }
  return out;
}
