/**
 * A git code source as the user gives it (`https://user:token@host/org/repo.git`, a branch or tag)
 * and as it is kept: the URL without its user part, and that user part on its own, to be encrypted
 * like an instance secret. Nothing here logs or puts credentials in a message.
 */
import { CodeInputError } from '../code/errors.ts';
import { checkCloneUrl, checkRef } from '../code/intake/git.ts';

export interface GitSource {
  /** The URL without credentials. */
  url: string;
  /** The URL's user part (`user:token` or `token`), still percent-encoded; null for a public repository. */
  credentials: string | null;
  /** Branch or tag; null for the default branch. */
  ref: string | null;
}

/** The encryption context of a code source's credentials: a ciphertext copied elsewhere does not decrypt. */
export function codeSourceSecretContext(instanceId: string): string {
  return `code-source:${instanceId}`;
}

/** A git source that cannot be used, naming the part at fault. */
export class GitSourceError extends CodeInputError {
  override name = 'GitSourceError';
  constructor(
    readonly part: 'url' | 'ref',
    message: string,
  ) {
    super(message);
  }
}

function inPart<T>(part: GitSourceError['part'], check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof CodeInputError) throw new GitSourceError(part, error.message);
    throw error;
  }
}

/** Checks the URL against the allow-list and the ref's syntax, and splits the credentials off; throws a GitSourceError. */
export function parseGitSource(raw: string, ref: string | null | undefined, allowHosts: readonly string[]): GitSource {
  const text = raw.trim();
  // Said without echoing the text: it may hold credentials that did not parse.
  if (!URL.canParse(text)) throw new GitSourceError('url', 'The git URL is not a URL: give the https:// URL of the repository.');
  inPart('url', () => checkCloneUrl(text, allowHosts));
  const url = new URL(text);
  if (url.search || url.hash) {
    throw new GitSourceError('url', 'Give the repository URL without a query string or fragment; credentials go in its user part (https://user:token@host/org/repo.git).');
  }
  const credentials = url.username ? (url.password ? `${url.username}:${url.password}` : url.username) : url.password ? `:${url.password}` : null;
  if (credentials !== null && url.protocol !== 'https:') throw new GitSourceError('url', 'Only https:// git URLs can carry credentials.');
  url.username = '';
  url.password = '';
  const branch = ref?.trim() || null;
  if (branch !== null) inPart('ref', () => checkRef(branch));
  return { url: url.toString(), credentials, ref: branch };
}

/** The URL git clones: the stored one with its credentials put back. */
export function withCredentials(url: string, credentials: string | null): string {
  if (!credentials) return url;
  const parsed = new URL(url);
  const colon = credentials.indexOf(':');
  parsed.username = colon < 0 ? credentials : credentials.slice(0, colon);
  if (colon >= 0) parsed.password = credentials.slice(colon + 1);
  return parsed.toString();
}

/** The URL as shown: `***@` where credentials are kept. */
export function displayedGitUrl(url: string, hasCredentials: boolean): string {
  return hasCredentials ? url.replace('://', '://***@') : url;
}
