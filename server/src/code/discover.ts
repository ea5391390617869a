/**
 * Finds the addons under the given paths and lists their files. Symbolic links are never followed
 * (a tree may be hostile, and OCA's setup/ folders are links back into the repository).
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { CodeInputError } from './errors.ts';

export const MANIFEST_FILES = ['__manifest__.py', '__openerp__.py'] as const;

export interface DiscoveredModule {
  name: string;
  /** Absolute directory. */
  root: string;
  /** Directory relative to its addons path, with `/` separators (the prefix of finding paths). */
  path: string;
  addonsPath: string;
  manifestFile: string;
  /** Every regular file inside, module-relative with `/` separators, sorted. */
  files: string[];
}

const SKIPPED_DIRS = new Set(['__pycache__', 'node_modules', '.git', '.svn', '.hg', '.tox', '.venv', 'venv', 'setup']);
const MAX_DEPTH = 3;

function manifestOf(dir: string): string | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  for (const name of MANIFEST_FILES) if (names.includes(name)) return name;
  return null;
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isSymbolicLink()) continue;
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
        walk(join(dir, entry.name), rel);
      } else if (entry.isFile()) {
        out.push(rel);
      }
    }
  };
  walk(root, '');
  return out.sort();
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Finds modules under each path: the path itself, or folders up to three levels below it. */
export function discoverModules(paths: readonly string[], cwd: string = process.cwd()): DiscoveredModule[] {
  const found = new Map<string, DiscoveredModule>();
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      throw new CodeInputError(`The addons path ${given} does not exist.`);
    }
    if (!stat.isDirectory()) throw new CodeInputError(`The addons path ${given} is not a directory.`);
    const add = (dir: string, manifestFile: string, addonsPath: string): void => {
      if (found.has(dir)) return;
      found.set(dir, {
        name: basename(dir),
        root: dir,
        path: toPosix(relative(addonsPath, dir)) || basename(dir),
        addonsPath,
        manifestFile,
        files: listFiles(dir),
      });
    };
    const own = manifestOf(absolute);
    if (own) {
      add(absolute, own, dirname(absolute));
      continue;
    }
    const search = (dir: string, depth: number): void => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (!entry.isDirectory() || entry.isSymbolicLink()) continue;
        if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
        const child = join(dir, entry.name);
        const manifest = manifestOf(child);
        if (manifest) add(child, manifest, absolute);
        else if (depth < MAX_DEPTH) search(child, depth + 1);
      }
    };
    search(absolute, 1);
  }
  return [...found.values()];
}
