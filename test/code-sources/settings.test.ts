/**
 * What `serve` and `worker` accept as code source configuration (PULSE_GIT_HOSTS), and the git URL
 * as it is kept: credentials split off and put back exactly, shown as ***@.
 */
import { describe, expect, it } from 'vitest';
import { displayedGitUrl, GitSourceError, parseGitSource, withCredentials } from '../../server/src/code-sources/git-url.ts';
import { codeSourceSettingsFromEnv, CodeSourceConfigError, DEFAULT_GIT_HOSTS } from '../../server/src/code-sources/settings.ts';
import { DEFAULT_LIMITS } from '../../server/src/code/intake/limits.ts';

describe('PULSE_GIT_HOSTS', () => {
  it('defaults to the public forges, with the intake limits for archives and clones', () => {
    expect(DEFAULT_GIT_HOSTS).toEqual(['github.com', 'gitlab.com', 'bitbucket.org']);
    expect(codeSourceSettingsFromEnv({})).toMatchObject({ gitHosts: DEFAULT_GIT_HOSTS, limits: DEFAULT_LIMITS, maxArchiveBytes: DEFAULT_LIMITS.maxFileBytes });
  });

  it('lists hosts, subdomain patterns and file://; empty allows no git source at all', () => {
    expect(codeSourceSettingsFromEnv({ PULSE_GIT_HOSTS: ' GitHub.com , *.git.acme.example,file://,' }).gitHosts).toEqual(['github.com', '*.git.acme.example', 'file://']);
    expect(codeSourceSettingsFromEnv({ PULSE_GIT_HOSTS: '' }).gitHosts).toEqual([]);
    expect(() => parseGitSource('https://github.com/acme/addons.git', null, [])).toThrow(/allowed git hosts are none/);
  });

  it('refuses what is not a host name with one sentence', () => {
    for (const bad of ['https://github.com', 'github.com/acme', 'user@github.com', '*']) {
      expect(() => codeSourceSettingsFromEnv({ PULSE_GIT_HOSTS: bad }), bad).toThrow(CodeSourceConfigError);
    }
    expect(() => codeSourceSettingsFromEnv({ PULSE_GIT_HOSTS: 'github.com,https://gitlab.com' })).toThrow(
      /^PULSE_GIT_HOSTS lists "https:\/\/gitlab\.com", which is not a host name/,
    );
  });
});

describe('a git source URL', () => {
  it('loses its credentials when kept, and gets them back exactly to be cloned', () => {
    const raw = 'https://pulse%20bot:p%40ss:word@github.com/acme/addons.git';
    const parsed = parseGitSource(raw, ' 17.0 ', ['github.com']);
    expect(parsed).toEqual({ url: 'https://github.com/acme/addons.git', credentials: 'pulse%20bot:p%40ss%3Aword', ref: '17.0' });
    expect(new URL(withCredentials(parsed.url, parsed.credentials))).toMatchObject({ username: 'pulse%20bot', password: 'p%40ss%3Aword', host: 'github.com' });
    expect(parseGitSource('https://ghp_token@github.com/acme/addons.git', null, ['github.com']).credentials).toBe('ghp_token');
    expect(withCredentials('https://github.com/acme/addons.git', null)).toBe('https://github.com/acme/addons.git');
    expect(displayedGitUrl(parsed.url, true)).toBe('https://***@github.com/acme/addons.git');
  });

  it('names the part at fault', () => {
    const fault = (url: string, ref?: string) => {
      try {
        parseGitSource(url, ref, ['github.com']);
      } catch (error) {
        return error instanceof GitSourceError ? error.part : 'other';
      }
      return null;
    };
    expect(fault('https://gitlab.com/a/b.git')).toBe('url');
    expect(fault('not a url')).toBe('url');
    expect(fault('https://github.com/a/b.git', 'bad ref')).toBe('ref');
    expect(fault('https://github.com/a/b.git', '')).toBeNull();
  });
});
