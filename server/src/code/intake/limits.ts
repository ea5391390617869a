/**
 * What an uploaded or cloned source tree may contain: size and count limits, and the path rules that
 * keep every file inside the fresh directory it is written to.
 */
import { posix } from 'node:path';
import { CodeInputError } from '../errors.ts';

export interface IntakeLimits {
  /** Total bytes once extracted. */
  maxBytes: number;
  maxFiles: number;
  /** Folder depth of any entry. */
  maxDepth: number;
  /** Bytes of any single file. */
  maxFileBytes: number;
}

export const DEFAULT_LIMITS: IntakeLimits = {
  maxBytes: 500 * 1024 * 1024,
  maxFiles: 50_000,
  maxDepth: 24,
  maxFileBytes: 50 * 1024 * 1024,
};

export function limitsWith(partial: Partial<IntakeLimits> = {}): IntakeLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${bytes} bytes`;
}

/**
 * The entry's path, made relative and normalised, or a CodeInputError naming why it is refused:
 * absolute paths, `..` segments, NUL bytes and paths nested deeper than the limit.
 */
export function safeEntryPath(raw: string, limits: IntakeLimits): string | null {
  if (raw.includes('\0')) throw new CodeInputError(`The archive contains a file name with a NUL byte, which is refused.`);
  const path = raw.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) {
    throw new CodeInputError(`The archive contains an absolute path (${raw}); archives must only hold relative paths.`);
  }
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new CodeInputError(`The archive contains a path that leaves the archive (${raw}); ".." is refused.`);
  if (parts.length === 0) return null;
  if (parts.length > limits.maxDepth) {
    throw new CodeInputError(`The archive nests folders deeper than ${limits.maxDepth} levels (${raw}).`);
  }
  return parts.join('/');
}

/** Refuses a link whose target leaves the tree; links inside it are simply not created (never followed). */
export function checkLinkTarget(entryPath: string, target: string): void {
  const normalised = target.replace(/\\/g, '/');
  const resolved = posix.normalize(posix.join(posix.dirname(entryPath), normalised));
  if (normalised.startsWith('/') || /^[A-Za-z]:/.test(normalised) || resolved === '..' || resolved.startsWith('../')) {
    throw new CodeInputError(`The archive contains a link pointing outside the archive (${entryPath} → ${target}).`);
  }
}

/** Counts what is written and throws as soon as a limit is passed. */
export class IntakeBudget {
  files = 0;
  bytes = 0;

  constructor(readonly limits: IntakeLimits) {}

  addFile(path: string, declaredSize: number | null): void {
    this.files++;
    if (this.files > this.limits.maxFiles) throw new CodeInputError(`The source tree has more than ${this.limits.maxFiles} files.`);
    if (declaredSize !== null) this.checkFileSize(path, declaredSize);
  }

  checkFileSize(path: string, size: number): void {
    if (size > this.limits.maxFileBytes) throw new CodeInputError(`${path} is larger than the ${mib(this.limits.maxFileBytes)} limit for one file.`);
  }

  addBytes(path: string, written: number, n: number): void {
    this.bytes += n;
    this.checkFileSize(path, written);
    if (this.bytes > this.limits.maxBytes) throw new CodeInputError(`The source tree is larger than the ${mib(this.limits.maxBytes)} limit once extracted.`);
  }
}
