/**
 * What the server accepts as an instance's code source: the git hosts it may clone from
 * (PULSE_GIT_HOSTS) and the limits of an uploaded archive and of any extracted or cloned tree (the
 * intake's defaults, server/src/code/intake/limits.ts). `serve` and `worker` read it from the
 * environment; both need the same allow-list (the API checks URLs, the workers clone them).
 */
import { UserError } from '../cli/types.ts';
import { DEFAULT_LIMITS, type IntakeLimits } from '../code/intake/limits.ts';

export const GIT_HOSTS_ENV = 'PULSE_GIT_HOSTS';

/** The public forges; anything else (a company GitLab) must be listed. */
export const DEFAULT_GIT_HOSTS: readonly string[] = ['github.com', 'gitlab.com', 'bitbucket.org'];

export interface CodeSourceSettings {
  /** Hosts git URLs may name: exact names, `*.example.com` for subdomains, `file://` for local repositories. */
  gitHosts: readonly string[];
  /** Size, file count and depth of an extracted archive or a checkout. */
  limits: IntakeLimits;
  /** Largest archive accepted (it is kept in the database): the intake's limit for one file. */
  maxArchiveBytes: number;
  /** How long a clone may take at scan time. */
  cloneTimeoutMs: number;
}

export const DEFAULT_CODE_SOURCE_SETTINGS: CodeSourceSettings = {
  gitHosts: DEFAULT_GIT_HOSTS,
  limits: DEFAULT_LIMITS,
  maxArchiveBytes: DEFAULT_LIMITS.maxFileBytes,
  cloneTimeoutMs: 120_000,
};

/** Settings with some values replaced (tests, tools). */
export function codeSourceSettings(overrides: Partial<Omit<CodeSourceSettings, 'limits'>> & { limits?: Partial<IntakeLimits> } = {}): CodeSourceSettings {
  const { limits, ...rest } = overrides;
  return { ...DEFAULT_CODE_SOURCE_SETTINGS, ...rest, limits: { ...DEFAULT_LIMITS, ...limits } };
}

/** A bad PULSE_GIT_HOSTS: one sentence, printed by `serve` and `worker` as one line (exit 2). */
export class CodeSourceConfigError extends UserError {
  override name = 'CodeSourceConfigError';
}

const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/**
 * PULSE_GIT_HOSTS, comma-separated (`github.com,*.git.acme.example`); unset: github.com, gitlab.com
 * and bitbucket.org; set but empty: no git sources at all.
 */
export function gitHostsFromEnv(env: NodeJS.ProcessEnv): readonly string[] {
  const text = env[GIT_HOSTS_ENV];
  if (text === undefined) return DEFAULT_GIT_HOSTS;
  const hosts = text.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean);
  for (const host of hosts) {
    if (host !== 'file://' && !HOST_PATTERN.test(host)) {
      throw new CodeSourceConfigError(
        `${GIT_HOSTS_ENV} lists "${host}", which is not a host name: give names such as github.com or *.git.example.com, comma-separated (file:// allows local repositories).`,
      );
    }
  }
  return hosts;
}

export function codeSourceSettingsFromEnv(env: NodeJS.ProcessEnv): CodeSourceSettings {
  return { ...DEFAULT_CODE_SOURCE_SETTINGS, gitHosts: gitHostsFromEnv(env) };
}
