/**
 * Finds the addons under the given paths and lists their files. Symbolic links are never followed
 * (a tree may be hostile, and OCA's setup/ folders are links back into the repository).
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
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

type Entries = Dirent[];

/** A directory's entries, or null when it cannot be read. Each directory is read once. */
function readEntries(dir: string): Entries | null {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
}

function manifestIn(entries: Entries): string | null {
  for (const name of MANIFEST_FILES) if (entries.some((entry) => entry.name === name)) return name;
  return null;
}

/** `dir/name` without path.join's normalising (dir is already absolute and normal). */
function childPath(dir: string, name: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

function listFiles(root: string, rootEntries: Entries): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string, entries: Entries): void => {
    for (const entry of entries) {
      if (entry.isSymbolicLink()) continue;
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
        const path = childPath(dir, entry.name);
        const children = readEntries(path);
        if (children) walk(path, rel, children);
      } else if (entry.isFile()) {
        out.push(rel);
      }
    }
  };
  walk(root, '', rootEntries);
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
    const add = (dir: string, manifestFile: string, addonsPath: string, entries: Entries): void => {
      if (found.has(dir)) return;
      found.set(dir, {
        name: basename(dir),
        root: dir,
        path: toPosix(relative(addonsPath, dir)) || basename(dir),
        addonsPath,
        manifestFile,
        files: listFiles(dir, entries),
      });
    };
    const ownEntries = readEntries(absolute);
    const own = ownEntries ? manifestIn(ownEntries) : null;
    if (ownEntries && own) {
      add(absolute, own, dirname(absolute), ownEntries);
      continue;
    }
    const search = (dir: string, entries: Entries, depth: number): void => {
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (!entry.isDirectory() || entry.isSymbolicLink()) continue;
        if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
        const child = childPath(dir, entry.name);
        const childEntries = readEntries(child);
        if (!childEntries) continue;
        const manifest = manifestIn(childEntries);
        if (manifest) add(child, manifest, absolute, childEntries);
        else if (depth < MAX_DEPTH) search(child, childEntries, depth + 1);
      }
    };
    if (ownEntries) search(absolute, ownEntries, 1);
  }
  return [...found.values()];
}
