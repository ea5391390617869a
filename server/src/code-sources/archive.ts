/**
 * Uploaded archives: checked when they are set (extracted under the intake's limits, at least one
 * Odoo module inside, nothing kept on disk) and extracted again for each scan.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverModules } from '../code/discover.ts';
import { CodeInputError } from '../code/errors.ts';
import { extractArchive, type ExtractedTree } from '../code/intake/archive.ts';
import type { CodeSourceSettings } from './settings.ts';

export interface CheckedArchive {
  size: number;
  sha256: string;
  /** Technical names of the modules found, sorted. */
  modules: string[];
}

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
}

/** Extracts the archive's bytes into a fresh temporary directory (the copy of the archive itself is deleted at once). */
export async function extractArchiveBytes(bytes: Uint8Array, settings: CodeSourceSettings): Promise<ExtractedTree> {
  const holder = await mkdtemp(join(tmpdir(), 'odoo-pulse-archive-'));
  try {
    const file = join(holder, 'upload');
    await writeFile(file, bytes);
    return await extractArchive(file, { limits: settings.limits });
  } finally {
    await rm(holder, { recursive: true, force: true });
  }
}

/** Refuses an empty archive or one over the upload limit, from its size alone. */
export function checkArchiveSize(bytes: number, settings: CodeSourceSettings): void {
  if (bytes === 0) throw new CodeInputError('The uploaded archive is empty.');
  if (bytes > settings.maxArchiveBytes) {
    throw new CodeInputError(`The archive is ${size(bytes)}, over the ${size(settings.maxArchiveBytes)} limit for an upload.`);
  }
}

/** Checks an upload; throws a CodeInputError with one sentence when it cannot be a code source. */
export async function checkArchive(bytes: Uint8Array, settings: CodeSourceSettings): Promise<CheckedArchive> {
  checkArchiveSize(bytes.length, settings);
  const tree = await extractArchiveBytes(bytes, settings);
  let names: string[];
  try {
    names = discoverModules([tree.dir]).map((module) => module.name);
  } finally {
    await tree.remove();
  }
  if (names.length === 0) {
    throw new CodeInputError('The archive holds no Odoo module: no folder with a __manifest__.py was found in its first three levels.');
  }
  return {
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    modules: [...new Set(names)].sort(),
  };
}
