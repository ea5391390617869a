/**
 * A stored code source made into a directory for one scan: the archive extracted, or the repository
 * cloned (shallow, allow-listed hosts, the intake's limits). The caller removes it when the scan is
 * done, whatever happened.
 */
import type { CodeSource } from '../db/client.ts';
import { CodeInputError } from '../code/errors.ts';
import { cloneRepository } from '../code/intake/git.ts';
import { decryptSecret, type Keyring } from '../security/secrets.ts';
import { extractArchiveBytes } from './archive.ts';
import { codeSourceSecretContext, displayedGitUrl, withCredentials } from './git-url.ts';
import type { CodeSourceSettings } from './settings.ts';

export interface MaterialisedSource {
  dir: string;
  remove(): Promise<void>;
}

/** The code source as a report names it: the archive's name, or the git URL (credentials hidden) and ref. */
export function codeSourceLabel(source: Pick<CodeSource, 'kind' | 'archiveName' | 'gitUrl' | 'gitRef'> & { hasCredentials: boolean }): string {
  if (source.kind === 'archive') return `${source.archiveName ?? 'archive'} (uploaded archive)`;
  return `${displayedGitUrl(source.gitUrl ?? '', source.hasCredentials)} (git${source.gitRef ? ` ${source.gitRef}` : ''})`;
}

/** Why the source could not be made ready, in one sentence; never a credential. */
export class CodeSourceUnavailableError extends Error {
  override name = 'CodeSourceUnavailableError';
}

function unavailable(error: unknown, credentials: string | null): CodeSourceUnavailableError {
  const text =
    error instanceof CodeInputError
      ? error.message
      : `The code source could not be prepared: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  return new CodeSourceUnavailableError(scrub(text, credentials));
}

/** A second line of defence: whatever wrote the message, the credentials (encoded or not) never leave here. */
function scrub(text: string, credentials: string | null): string {
  if (!credentials) return text;
  const forms = new Set([credentials, ...credentials.split(':')].filter((part) => part.length >= 4));
  for (const form of [...forms]) {
    try {
      forms.add(decodeURIComponent(form));
    } catch {
      // Not valid percent-encoding: the raw form is scrubbed already.
    }
  }
  let out = text;
  for (const form of forms) out = out.replaceAll(form, '***');
  return out;
}

/** Extracts or clones the source; rejects with a CodeSourceUnavailableError. */
export async function materialiseCodeSource(source: CodeSource, settings: CodeSourceSettings, keyring: Keyring): Promise<MaterialisedSource> {
  if (source.kind === 'archive') {
    if (!source.archive) throw new CodeSourceUnavailableError('The uploaded archive is missing from the database; upload it again.');
    try {
      return await extractArchiveBytes(source.archive, settings);
    } catch (error) {
      throw unavailable(error, null);
    }
  }
  let credentials: string | null = null;
  if (source.gitCredentials) {
    try {
      credentials = decryptSecret(source.gitCredentials, keyring, codeSourceSecretContext(source.instanceId));
    } catch {
      throw new CodeSourceUnavailableError("The git source's stored credentials cannot be decrypted; set the code source again.");
    }
  }
  try {
    return await cloneRepository(withCredentials(source.gitUrl ?? '', credentials), {
      allowHosts: settings.gitHosts,
      ...(source.gitRef ? { ref: source.gitRef } : {}),
      timeoutMs: settings.cloneTimeoutMs,
      limits: settings.limits,
    });
  } catch (error) {
    throw unavailable(error, credentials);
  }
}
