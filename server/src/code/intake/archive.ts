/**
 * Uploaded source archives (tar.gz, tar, zip) extracted into a fresh temporary directory under
 * limits. Every entry's path is checked before anything is written: absolute paths, `..` traversal
 * and links pointing outside are refused with a clear error; links inside the tree are not created
 * (the analyser never follows links anyway); only regular files and folders are written.
 */
import { closeSync, createReadStream, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import yauzl from 'yauzl';
import { CodeInputError } from '../errors.ts';
import { checkLinkTarget, IntakeBudget, limitsWith, safeEntryPath, type IntakeLimits } from './limits.ts';

export interface ExtractedTree {
  /** The fresh directory holding the extracted files. */
  dir: string;
  files: number;
  bytes: number;
  /** Deletes the directory. */
  remove(): Promise<void>;
}

export type ArchiveFormat = 'zip' | 'tar' | 'tar.gz';

/** The format from the first bytes (never from the name a user gave the file). */
export function detectFormat(file: string): ArchiveFormat {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(512);
  let n = 0;
  try {
    n = readSync(fd, head, 0, 512, 0);
  } finally {
    closeSync(fd);
  }
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  if (n >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05) && (head[3] === 0x04 || head[3] === 0x06)) return 'zip';
  if (n >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  throw new CodeInputError('The upload is not a tar.gz, tar or zip archive.');
}

function writeTarget(root: string, path: string): string {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  return target;
}

function extractTar(file: string, root: string, budget: IntakeBudget): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed: Error | null = null;
    const input = createReadStream(file);
    const parser = new Parser({ strict: true, maxDecompressionRatio: 1000 });
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = error instanceof CodeInputError ? error : new CodeInputError(`The archive cannot be read: ${error instanceof Error ? error.message : String(error)}.`);
      input.destroy();
      reject(failed);
    };
    parser.on('entry', (entry: ReadEntry) => {
      if (failed) {
        entry.resume();
        return;
      }
      try {
        const path = safeEntryPath(entry.path, budget.limits);
        if (path === null) {
          entry.resume();
          return;
        }
        switch (entry.type) {
          case 'Directory':
            mkdirSync(join(root, path), { recursive: true });
            entry.resume();
            return;
          case 'File':
          case 'OldFile':
          case 'ContiguousFile': {
            budget.addFile(path, entry.size ?? null);
            const fd = openSync(writeTarget(root, path), 'wx');
            let written = 0;
            entry.on('data', (chunk: Buffer) => {
              if (failed) return;
              try {
                written += chunk.length;
                budget.addBytes(path, written, chunk.length);
                writeSync(fd, chunk);
              } catch (error) {
                fail(error);
              }
            });
            entry.on('end', () => closeSync(fd));
            return;
          }
          case 'SymbolicLink':
            checkLinkTarget(path, entry.linkpath ?? '');
            entry.resume();
            return;
          case 'Link':
            // A hard link names its target from the archive root.
            checkLinkTarget('link', entry.linkpath ?? '');
            entry.resume();
            return;
          default:
            // Devices, FIFOs and the like have no place in a source tree: skipped.
            entry.resume();
        }
      } catch (error) {
        entry.resume();
        fail(error);
      }
    });
    parser.on('warn', (_code: string, message: string | Error) => fail(new CodeInputError(`The archive is not a valid tar archive: ${typeof message === 'string' ? message : message.message}.`)));
    parser.on('error', fail);
    input.on('error', fail);
    parser.on('end', () => {
      if (!failed) resolve();
    });
    input.pipe(parser);
  });
}

interface ZipEntry {
  fileName: Buffer | string;
  fileNameRaw?: Buffer;
  generalPurposeBitFlag: number;
  externalFileAttributes: number;
  uncompressedSize: number;
  extraFields: Array<{ id: number; data: Buffer }>;
}

type ZipFile = {
  readEntry(): void;
  close(): void;
  on(event: 'entry', listener: (entry: ZipEntry) => void): void;
  on(event: 'end' | 'close', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  openReadStream(entry: ZipEntry, callback: (error: Error | null, stream?: NodeJS.ReadableStream) => void): void;
};

const yauzlOpen = yauzl.open as unknown as (
  path: string,
  options: Record<string, boolean>,
  callback: (error: Error | null, zip?: ZipFile) => void,
) => void;
const fileNameOf = (yauzl as unknown as { getFileNameLowLevel(flag: number, raw: Buffer, extra: ZipEntry['extraFields'], strict: boolean): string }).getFileNameLowLevel;

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function extractZip(file: string, root: string, budget: IntakeBudget): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzlOpen(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true }, (openError, zip) => {
      if (openError || !zip) {
        reject(new CodeInputError(`The archive is not a valid zip file: ${openError?.message ?? 'unreadable'}.`));
        return;
      }
      let failed = false;
      const fail = (error: unknown): void => {
        if (failed) return;
        failed = true;
        zip.close();
        reject(error instanceof CodeInputError ? error : new CodeInputError(`The zip archive cannot be read: ${error instanceof Error ? error.message : String(error)}.`));
      };
      const readContent = (entry: ZipEntry, onChunk: (chunk: Buffer) => void, onEnd: () => void): void => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(streamError ?? new Error('no data'));
          stream.on('data', (chunk: Buffer) => {
            if (failed) return;
            try {
              onChunk(chunk);
            } catch (error) {
              fail(error);
            }
          });
          stream.on('error', fail);
          stream.on('end', () => {
            if (failed) return;
            try {
              onEnd();
              zip.readEntry();
            } catch (error) {
              fail(error);
            }
          });
        });
      };
      zip.on('entry', (entry) => {
        if (failed) return;
        try {
          const raw = Buffer.isBuffer(entry.fileName) ? entry.fileName : Buffer.from(entry.fileName);
          const name = fileNameOf(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
          const path = safeEntryPath(name, budget.limits);
          const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
          if (path === null) return zip.readEntry();
          if (name.endsWith('/')) {
            mkdirSync(join(root, path), { recursive: true });
            return zip.readEntry();
          }
          if (mode === S_IFLNK) {
            let target = '';
            readContent(entry, (chunk) => (target += chunk.toString('utf8')), () => checkLinkTarget(path, target));
            return;
          }
          budget.addFile(path, entry.uncompressedSize);
          const fd = openSync(writeTarget(root, path), 'wx');
          let written = 0;
          readContent(
            entry,
            (chunk) => {
              written += chunk.length;
              budget.addBytes(path, written, chunk.length);
              writeSync(fd, chunk);
            },
            () => closeSync(fd),
          );
        } catch (error) {
          fail(error);
        }
      });
      zip.on('error', fail);
      zip.on('end', () => {
        if (!failed) resolve();
      });
      zip.readEntry();
    });
  });
}

/** Extracts an archive into a new temporary directory, or throws a CodeInputError (and leaves nothing behind). */
export async function extractArchive(file: string, options: { limits?: Partial<IntakeLimits> } = {}): Promise<ExtractedTree> {
  const format = detectFormat(file);
  const budget = new IntakeBudget(limitsWith(options.limits));
  const dir = await mkdtemp(join(tmpdir(), 'odoo-pulse-upload-'));
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    if (format === 'zip') await extractZip(file, dir, budget);
    else await extractTar(file, dir, budget);
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir, files: budget.files, bytes: budget.bytes, remove };
}
