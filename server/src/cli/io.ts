/** File and terminal helpers for commands: every file problem becomes a UserError naming the file. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError, type CliIO } from './types.ts';

interface SystemError extends Error {
  code?: string;
}

function reason(error: unknown): string {
  const code = (error as SystemError).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
    case 'EEXIST': // mkdir over an existing file
      return 'a parent path is a file, not a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return (error as Error).message.split('\n')[0];
  }
}

/** Writes a file (creating its folder), or throws "cannot write FILE: why". */
export function writeTextFile(io: CliIO, file: string, content: string): string {
  const path = resolve(io.cwd, file);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  } catch (error) {
    throw new UserError(`cannot write ${file}: ${reason(error)}`);
  }
  return path;
}

/** Reads and parses a JSON file, or throws "cannot read FILE: why" / "FILE is not valid JSON: why". */
export function readJsonFile(io: CliIO, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${reason(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserError(`${file} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Colours only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColor(io: CliIO): boolean {
  return Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
}

/** Writes a command's output to --output FILE, or to stdout. */
export function emit(io: CliIO, content: string, output: string | undefined): void {
  if (output === undefined) io.stdout.write(content);
  else writeTextFile(io, output, content);
}
