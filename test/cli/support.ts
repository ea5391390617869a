/** Runs the CLI in-process (fast) or as a real process (what users run), capturing its output. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../server/src/cli/dispatch.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export async function runInProcess(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; tty?: boolean } = {},
): Promise<CliRun> {
  const stdout = new Capture(options.tty ?? false);
  const stderr = new Capture(options.tty ?? false);
  const code = await runCli(argv, { stdout, stderr, env: options.env ?? {}, cwd: options.cwd ?? process.cwd() });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Spawns `node bin/odoo-pulse.js …` as a user would. */
export function spawnCli(argv: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/odoo-pulse.js'), ...argv], {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A temporary folder removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'odoo-pulse-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** No stack trace: no "at fn (file:line)" frames and no "Error:" class prefixes. */
export function expectNoStack(text: string): void {
  if (/\n\s+at .+:\d+:\d+\)?/.test(text) || /^\w*Error:/m.test(text)) {
    throw new Error(`output contains a stack trace:\n${text}`);
  }
}
