/**
 * Uploaded archives and cloned repositories: what a well-formed one gives, and how hostile ones are
 * refused — with a clear sentence, nothing written outside the fresh directory, nothing left behind.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseAddons } from '../../server/src/code/analyse.ts';
import { CodeInputError } from '../../server/src/code/errors.ts';
import { extractArchive } from '../../server/src/code/intake/archive.ts';
import { checkCloneUrl, cloneRepository } from '../../server/src/code/intake/git.ts';
import { tarArchive, zipArchive, type ArchiveEntry } from './archives.ts';

const work = mkdtempSync(join(tmpdir(), 'pulse-intake-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
function archiveFile(content: Buffer): string {
  const file = join(work, `upload-${counter++}`);
  writeFileSync(file, content);
  return file;
}

const MODULE: ArchiveEntry[] = [
  { name: 'addons/', type: 'dir' },
  { name: 'addons/my_mod/__manifest__.py', content: '{"name": "M", "version": "17.0.1.0.0", "license": "LGPL-3", "depends": ["base"]}\n' },
  { name: 'addons/my_mod/__init__.py', content: 'from . import models\n' },
  { name: 'addons/my_mod/models/__init__.py', content: 'from . import m\n' },
  { name: 'addons/my_mod/models/m.py', content: 'def f(cr):\n    cr.commit()\n' },
];

function uploadDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('odoo-pulse-upload-'));
}

async function refused(file: string, pattern: RegExp, limits = {}): Promise<void> {
  const before = new Set(uploadDirs());
  const error = await extractArchive(file, { limits }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CodeInputError);
  expect((error as Error).message).toMatch(pattern);
  // The half-extracted directory is gone.
  expect(uploadDirs().filter((d) => !before.has(d))).toEqual([]);
}

describe('archive intake', () => {
  for (const [format, build] of [
    ['tar.gz', (e: ArchiveEntry[]) => tarArchive(e)],
    ['zip', (e: ArchiveEntry[]) => zipArchive(e)],
  ] as const) {
    describe(format, () => {
      it('extracts a source tree that the analyser reads', async () => {
        const tree = await extractArchive(archiveFile(build(MODULE)));
        try {
          expect(tree.files).toBe(4);
          expect(readFileSync(join(tree.dir, 'addons/my_mod/models/m.py'), 'utf8')).toContain('cr.commit()');
          const analysis = await analyseAddons([tree.dir]);
          expect(analysis.modules.map((m) => m.name)).toEqual(['my_mod']);
          expect(analysis.results.find((r) => r.checkId === 'custom_code.invalid-commit')?.findings.length).toBe(1);
        } finally {
          await tree.remove();
        }
        expect(existsSync(tree.dir)).toBe(false);
      });

      it('refuses absolute paths', async () => {
        await refused(archiveFile(build([...MODULE, { name: '/tmp/pulse-evil-abs.txt', content: 'x' }])), /absolute path/);
        expect(existsSync('/tmp/pulse-evil-abs.txt')).toBe(false);
      });

      it('refuses .. traversal', async () => {
        await refused(archiveFile(build([{ name: 'a/../../pulse-evil-up.txt', content: 'x' }])), /leaves the archive/);
        expect(existsSync(join(tmpdir(), 'pulse-evil-up.txt'))).toBe(false);
      });

      it('refuses links that point outside the tree and does not create links inside it', async () => {
        await refused(archiveFile(build([{ name: 'addons/passwd', type: 'symlink', target: '../../../etc/passwd' }])), /link pointing outside/);
        await refused(archiveFile(build([{ name: 'addons/abs', type: 'symlink', target: '/etc/passwd' }])), /link pointing outside/);
        const tree = await extractArchive(archiveFile(build([...MODULE, { name: 'addons/my_mod/alias.py', type: 'symlink', target: 'models/m.py' }])));
        try {
          expect(existsSync(join(tree.dir, 'addons/my_mod/alias.py'))).toBe(false);
        } finally {
          await tree.remove();
        }
      });

      it('enforces the file count, total size, single file size and depth limits', async () => {
        await refused(archiveFile(build(MODULE)), /more than 2 files/, { maxFiles: 2 });
        await refused(archiveFile(build([{ name: 'big.txt', content: 'x'.repeat(5000) }])), /larger than the 4000 bytes limit for one file/, { maxFileBytes: 4000 });
        await refused(
          archiveFile(build([{ name: 'a.txt', content: 'x'.repeat(3000) }, { name: 'b.txt', content: 'x'.repeat(3000) }])),
          /larger than the 5000 bytes limit once extracted/,
          { maxBytes: 5000 },
        );
        await refused(archiveFile(build([{ name: 'a/b/c/d/e/f.txt', content: 'x' }])), /deeper than 3 levels/, { maxDepth: 3 });
      });
    });
  }

  it('refuses a hard link to a file outside the tree', async () => {
    await refused(archiveFile(tarArchive([{ name: 'x', type: 'hardlink', target: '../outside' }])), /link pointing outside/);
  });

  it('refuses a zip whose entries lie about their size', async () => {
    await refused(archiveFile(zipArchive([{ name: 'a.txt', content: 'x'.repeat(100) }], { lieAboutSize: true })), /cannot be read|not a valid zip/);
  });

  it('refuses what is not an archive', async () => {
    await refused(archiveFile(Buffer.from('just some text, not an archive at all')), /not a tar\.gz, tar or zip archive/);
    await refused(archiveFile(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02])), /cannot be read|not a valid tar/);
  });
});

describe('git intake', () => {
  it('accepts only https URLs of allowed hosts, and file:// only when listed', () => {
    expect(checkCloneUrl('https://github.com/OCA/server-tools.git', ['github.com'])).toBe('https');
    expect(checkCloneUrl('https://git.acme.example/x.git', ['*.acme.example', 'acme.example'])).toBe('https');
    expect(() => checkCloneUrl('https://evil.example/x.git', ['github.com'])).toThrow(/not allowed: the allowed git hosts are github.com/);
    expect(() => checkCloneUrl('https://github.com.evil.example/x.git', ['github.com'])).toThrow(/not allowed/);
    expect(() => checkCloneUrl('http://github.com/x.git', ['github.com'])).toThrow(/Only https:\/\//);
    expect(() => checkCloneUrl('ssh://git@github.com/x.git', ['github.com'])).toThrow(/Only https:\/\//);
    expect(() => checkCloneUrl('file:///srv/repo.git', ['github.com'])).toThrow(/file:\/\/ repositories is not allowed/);
    expect(() => checkCloneUrl('not a url', ['github.com'])).toThrow(/is not a URL/);
  });

  function bareRepository(): string {
    const src = mkdtempSync(join(work, 'src-'));
    const git = (...args: string[]): void => {
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: src, stdio: 'ignore' });
    };
    git('init', '--quiet');
    mkdirSync(join(src, 'my_mod'));
    writeFileSync(join(src, 'my_mod/__manifest__.py'), '{"name": "M", "version": "17.0.1.0.0", "license": "LGPL-3"}\n');
    symlinkSync('/etc/passwd', join(src, 'my_mod/passwd'));
    git('add', '.');
    git('commit', '--quiet', '-m', 'init');
    const bare = `${src}.git`;
    execFileSync('git', ['clone', '--quiet', '--bare', src, bare], { stdio: 'ignore' });
    return bare;
  }

  it('clones a repository shallowly, with links checked out as plain files', async () => {
    const bare = bareRepository();
    const tree = await cloneRepository(`file://${bare}`, { allowHosts: ['file://'] });
    try {
      expect(readFileSync(join(tree.dir, 'my_mod/__manifest__.py'), 'utf8')).toContain('"M"');
      expect(readFileSync(join(tree.dir, 'my_mod/passwd'), 'utf8')).toBe('/etc/passwd');
      const analysis = await analyseAddons([tree.dir]);
      expect(analysis.modules.map((m) => m.name)).toEqual(['my_mod']);
    } finally {
      await tree.remove();
    }
  });

  it('reports a failed clone and a clone over the limits in one sentence, leaving nothing behind', async () => {
    const before = readdirSync(tmpdir()).filter((d) => d.startsWith('odoo-pulse-clone-')).length;
    await expect(cloneRepository(`file://${join(work, 'missing.git')}`, { allowHosts: ['file://'] })).rejects.toThrow(/^The git clone failed: /);
    await expect(cloneRepository(`file://${bareRepository()}`, { allowHosts: ['file://'], limits: { maxFiles: 1 } })).rejects.toThrow(/more than 1 files/);
    await expect(cloneRepository(`file://${bareRepository()}`, { allowHosts: ['file://'], ref: '--upload-pack=evil' })).rejects.toThrow(/not a valid branch or tag/);
    expect(readdirSync(tmpdir()).filter((d) => d.startsWith('odoo-pulse-clone-')).length).toBe(before);
  });
});
