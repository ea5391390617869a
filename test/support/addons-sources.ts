/**
 * Code sources built from the fixture addons (test/fixtures/addons): archive entries (for
 * test/code/archives.ts's tar and zip writers) and local bare git repositories, as a partner would
 * upload or push their addons.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArchiveEntry } from '../code/archives.ts';

export const FIXTURE_ADDONS = fileURLToPath(new URL('../fixtures/addons/', import.meta.url));

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(dir, rel) : [rel];
  });
}

/**
 * The files of fixture modules as archive entries under `root/`; `as` renames a module (its folder),
 * so one fixture can stand for two modules.
 */
export function fixtureEntries(modules: ReadonlyArray<{ fixture: string; as?: string }>, root = 'addons'): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [{ name: `${root}/`, type: 'dir' }];
  for (const { fixture, as } of modules) {
    for (const file of filesUnder(join(FIXTURE_ADDONS, fixture))) {
      entries.push({ name: `${root}/${as ?? fixture}/${file}`, content: readFileSync(join(FIXTURE_ADDONS, fixture, file)) });
    }
  }
  return entries;
}

/** A bare repository (one commit on `main` holding the entries' files) in a new temporary folder; returns its path. */
export function bareRepository(entries: readonly ArchiveEntry[], parent = mkdtempSync(join(tmpdir(), 'pulse-test-repo-'))): string {
  const src = join(parent, 'src');
  for (const entry of entries) {
    if (entry.type === 'dir') continue;
    mkdirSync(dirname(join(src, entry.name)), { recursive: true });
    writeFileSync(join(src, entry.name), entry.content ?? '');
  }
  const git = (cwd: string, ...args: string[]): void => {
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'ignore' });
  };
  git(src, 'init', '--quiet');
  git(src, 'add', '.');
  git(src, 'commit', '--quiet', '-m', 'addons');
  const bare = join(parent, 'addons.git');
  git(parent, 'clone', '--quiet', '--bare', src, bare);
  return bare;
}
