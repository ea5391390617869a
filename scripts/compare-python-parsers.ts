/**
 * `npm run python:compare -- PATH...`
 *
 * Parses every .py file under the given paths with both Python parsers — the hand-written one
 * (server/src/code/python/fast) and tree-sitter-python — and checks they give the same tree, node by
 * node. Run it over real addons (OCA repositories, never committed) after touching the fast parser
 * or upgrading tree-sitter-python. Prints how many files were identical, declined by the fast parser
 * (tree-sitter parses those; the reasons are listed) or different (the first difference is shown);
 * exits 1 when any differ.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NotHandled } from '../server/src/code/python/fast/builder.ts';
import { parseWithTreeSitter, pythonEngine } from '../server/src/code/python/parser.ts';
import { SyntaxTree } from '../server/src/code/python/tree.ts';

function pythonFiles(path: string, out: string[]): string[] {
  if (!statSync(path).isDirectory()) return path.endsWith('.py') ? [...out, path] : out;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isSymbolicLink() || entry.name.startsWith('.')) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) pythonFiles(child, out);
    else if (entry.name.endsWith('.py')) out.push(child);
  }
  return out;
}

function nodeLine(tree: SyntaxTree, i: number): string {
  const g = tree.grammar;
  const range = tree.flags[i] & 1 ? ` ${tree.start[i]}-${tree.end[i]}` : '';
  return `${g.typeName(tree.type[i])}${tree.field[i] ? ` (${g.fields[tree.field[i]]})` : ''}${range} parent=${tree.parent[i]} after=${tree.after[i]}`;
}

/** The first node where the trees differ, or -1. */
function firstDifference(a: SyntaxTree, b: SyntaxTree): number {
  const n = Math.min(a.count, b.count);
  for (let i = 0; i < n; i++) if (nodeLine(a, i) !== nodeLine(b, i) || a.type[i] !== b.type[i]) return i;
  return a.count === b.count ? -1 : n;
}

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('usage: npm run python:compare -- PATH...');
  process.exit(2);
}
const engine = await pythonEngine();
const fast = new SyntaxTree(engine.grammar, '');
const declined = new Map<string, number>();
let identical = 0;
let different = 0;
let treeSitterErrors = 0;
const files = paths.flatMap((path) => pythonFiles(path, []));
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  try {
    engine.fast.parse(source, fast);
  } catch (error) {
    if (!(error instanceof NotHandled)) throw error;
    declined.set(error.message, (declined.get(error.message) ?? 0) + 1);
    continue;
  }
  const reference = parseWithTreeSitter(engine, source);
  if (reference.root.hasError) {
    treeSitterErrors++;
    console.log(`accepted, but tree-sitter reads errors: ${relative(process.cwd(), file)}`);
    continue;
  }
  const at = firstDifference(fast, reference);
  if (at < 0) {
    identical++;
    continue;
  }
  different++;
  console.log(`different: ${relative(process.cwd(), file)} at node ${at}`);
  console.log(`  fast:        ${at < fast.count ? nodeLine(fast, at) : '(no node)'}`);
  console.log(`  tree-sitter: ${at < reference.count ? nodeLine(reference, at) : '(no node)'}`);
}
const declinedCount = [...declined.values()].reduce((a, b) => a + b, 0);
console.log(`${files.length} files: ${identical} identical, ${declinedCount} declined (parsed by tree-sitter), ${different} different, ${treeSitterErrors} accepted with tree-sitter errors`);
for (const [reason, count] of [...declined].sort((a, b) => b[1] - a[1])) console.log(`  declined ${count}× — ${reason}`);
process.exit(different + treeSitterErrors > 0 ? 1 : 0);
