/**
 * The Python parser: tree-sitter's Python grammar compiled to wasm, loaded once per process. Code is
 * parsed, never executed. Each parse is copied into a flat SyntaxTree (see ./tree.ts) and the wasm
 * tree freed at once.
 */
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import { flattenPublic, flattenRaw, Grammar, SyntaxTree, type RawBinding } from './tree.ts';

export interface PythonEngine {
  parser: Parser;
  grammar: Grammar;
  raw: RawBinding | null;
  transferBuffer: number;
  /** Reused between parses: a SyntaxTree is only valid until the next parse. */
  scratch: SyntaxTree;
}

let ready: Promise<PythonEngine> | null = null;

async function load(): Promise<PythonEngine> {
  const require = createRequire(import.meta.url);
  // web-tree-sitter uses the options object as its emscripten Module: keeping it gives the raw exports.
  const binding: Partial<RawBinding> = {};
  await Parser.init(binding);
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  // If another part of the process initialised web-tree-sitter first, our object stayed empty.
  const raw = typeof binding._ts_init === 'function' && binding.HEAP32 ? (binding as RawBinding) : null;
  const grammar = new Grammar(language, raw);
  return { parser, grammar, raw, transferBuffer: raw ? raw._ts_init() : 0, scratch: new SyntaxTree(grammar, '') };
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
  const tree = engine.parser.parse(source);
  if (!tree) throw new Error('the Python parser returned no tree');
  const out = engine.scratch;
  out.reset(source);
  try {
    if (engine.raw) flattenRaw(engine.raw, engine.transferBuffer, tree, out);
    else flattenPublic(tree, out);
  } finally {
    tree.delete();
  }
  return out;
}
