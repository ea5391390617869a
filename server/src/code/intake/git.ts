/**
 * Source trees cloned from a git URL: only from hosts on the configured allow-list, shallow, without
 * submodules, hooks, templates, LFS downloads or redirects to other hosts, checked out with symlinks
 * as plain files, under a timeout, then held to the same size limits as uploads.
 */
import { spawn } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeInputError } from '../errors.ts';
import type { ExtractedTree } from './archive.ts';
import { IntakeBudget, limitsWith, type IntakeLimits } from './limits.ts';

export interface CloneOptions {
  /**
   * Hosts that may be cloned from: exact names (`github.com`) or `*.example.com` for subdomains.
   * `file://` must be listed explicitly to allow local repositories (tests, on-premise mirrors).
   */
  allowHosts: readonly string[];
  /** Branch or tag to check out (default: the remote's default branch). */
  ref?: string;
  timeoutMs?: number;
  limits?: Partial<IntakeLimits>;
  /** The git executable (default `git` on the PATH). */
  git?: string;
}

const DEFAULT_TIMEOUT_MS = 120_000;

function redact(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//***@');
}

function hostAllowed(host: string, allowHosts: readonly string[]): boolean {
  const name = host.toLowerCase();
  return allowHosts.some((allowed) => {
    const rule = allowed.toLowerCase();
    if (rule.startsWith('*.')) return name.endsWith(rule.slice(1)) && name.length > rule.length - 1;
    return name === rule;
  });
}

/** Checks a clone URL against the allow-list; returns the protocol git may use for it. */
export function checkCloneUrl(raw: string, allowHosts: readonly string[]): 'https' | 'file' {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CodeInputError(`"${redact(raw)}" is not a URL; give an https:// URL of a git repository.`);
  }
  if (url.protocol === 'file:') {
    if (!allowHosts.includes('file://')) throw new CodeInputError('Cloning local file:// repositories is not allowed by the configuration.');
    return 'file';
  }
  if (url.protocol !== 'https:') {
    throw new CodeInputError(`Only https:// git URLs are accepted, not ${url.protocol.replace(':', '')}://.`);
  }
  if (!hostAllowed(url.hostname, allowHosts)) {
    throw new CodeInputError(`Cloning from ${url.hostname} is not allowed: the allowed git hosts are ${allowHosts.filter((h) => h !== 'file://').join(', ') || 'none'}.`);
  }
  return 'https';
}

/** Refuses a branch or tag name git could read as an option or a path trick. */
export function checkRef(ref: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/.test(ref) || ref.includes('..')) {
    throw new CodeInputError(`"${ref}" is not a valid branch or tag name.`);
  }
}

function runGit(git: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(git, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new CodeInputError(`The git clone did not finish within ${Math.round(timeoutMs / 1000)} s.`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new CodeInputError(`git could not be run: ${error.message}.`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else {
        const last = stderr.trim().split('\n').filter(Boolean).pop() ?? `exit code ${code}`;
        reject(new CodeInputError(`The git clone failed: ${redact(last.replace(/^fatal: /, ''))}.`));
      }
    });
  });
}

/** Walks the checkout (links are not followed) and applies the size, count and depth limits. */
function measure(root: string, budget: IntakeBudget): void {
  const walk = (dir: string, depth: number): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const path = join(dir, entry.name);
      const rel = path.slice(root.length + 1);
      if (depth + 1 > budget.limits.maxDepth) throw new CodeInputError(`The repository nests folders deeper than ${budget.limits.maxDepth} levels (${rel}).`);
      if (entry.isDirectory()) walk(path, depth + 1);
      else if (entry.isFile()) {
        const size = lstatSync(path).size;
        budget.addFile(rel, size);
        budget.addBytes(rel, size, size);
      }
    }
  };
  walk(root, 0);
}

export async function cloneRepository(url: string, options: CloneOptions): Promise<ExtractedTree> {
  const protocol = checkCloneUrl(url, options.allowHosts);
  if (options.ref !== undefined) checkRef(options.ref);
  const budget = new IntakeBudget(limitsWith(options.limits));
  const dir = await mkdtemp(join(tmpdir(), 'odoo-pulse-clone-'));
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const checkout = join(dir, 'src');
  // A private, empty configuration: no user or system config, no credential prompts.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '/bin/false',
    GIT_LFS_SKIP_SMUDGE: '1',
    GIT_ALLOW_PROTOCOL: protocol,
  };
  const args = [
    '-c', 'core.hooksPath=/dev/null',
    '-c', 'core.symlinks=false',
    '-c', 'http.followRedirects=false',
    '-c', 'submodule.recurse=false',
    'clone', '--quiet', '--depth', '1', '--single-branch', '--no-tags', '--no-recurse-submodules', '--template=',
    ...(options.ref ? ['--branch', options.ref] : []),
    '--', url, checkout,
  ];
  try {
    await runGit(options.git ?? 'git', args, env, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    measure(checkout, budget);
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir: checkout, files: budget.files, bytes: budget.bytes, remove };
}
