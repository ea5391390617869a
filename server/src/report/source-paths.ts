/**
 * Source findings name their file relative to its addons path (`my_module/models/x.py`), which keeps
 * fingerprints the same wherever the tree is checked out. Code scanning wants paths relative to the
 * checkout (the working directory in CI): this rebases them for SARIF.
 */
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Finding } from '../checks/types.ts';

/** Prefix of the virtual file names of code stored in the database (`db://ir.actions.server/12`). */
export const STORED_CODE_SCHEME = 'db://';

export interface SourceModule {
  name: string;
  /** Absolute addons path the module was found in. */
  addonsPath: string;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** The module a source finding belongs to: its label, else the first folder of its file. */
export function findingModule(finding: Pick<Finding, 'object'>): string | null {
  return finding.object.label ?? finding.object.file?.split('/')[0] ?? null;
}

/**
 * A function giving a finding whose file lies under `root` that file relative to `root`; findings of
 * modules outside `root`, stored code and findings without a file are returned as they are.
 */
export function sourceRebaser(modules: readonly SourceModule[], root: string): <F extends Pick<Finding, 'object'>>(finding: F) => F {
  const byName = new Map(modules.map((m) => [m.name, m]));
  return (finding) => {
    const file = finding.object.file;
    if (!file || file.startsWith(STORED_CODE_SCHEME)) return finding;
    const name = findingModule(finding);
    const mod = name === null ? undefined : byName.get(name);
    if (!mod) return finding;
    const rel = relative(root, join(mod.addonsPath, file));
    if (rel.startsWith('..') || isAbsolute(rel)) return finding;
    return { ...finding, object: { ...finding.object, file: toPosix(rel) } };
  };
}
