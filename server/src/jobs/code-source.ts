/**
 * The instance's code source in a scan job: fetched once the instance's facts are collected
 * (archive extracted, repository cloned), analysed by the engine with the instance's module list
 * (`evaluate.addons`, named in reports by its label rather than the temporary path), removed after
 * it in every case. A source that cannot
 * be fetched does not stop the scan: it is scored from the live facts, the report lists the source
 * under its code problems, and the scan ends `partial` saying why.
 */
import { CodeSourceUnavailableError, codeSourceLabel, materialiseCodeSource, type MaterialisedSource } from '../code-sources/materialise.ts';
import type { CodeSourceSettings } from '../code-sources/settings.ts';
import type { CodeSource, Db } from '../db/client.ts';
import type { EvaluateOptions } from '../engine/evaluate.ts';
import type { Keyring } from '../security/secrets.ts';

export interface PreparedCodeSource {
  /** How reports name the source (archive name, or git URL with credentials hidden, and ref). */
  label: string;
  /** The fetched tree, or null when it could not be fetched. */
  tree: MaterialisedSource | null;
  /** Why it could not be fetched, in one sentence. */
  problem: string | null;
}

/** The instance's code source with its archive and encrypted credentials, or null. */
export function loadCodeSource(db: Db, instanceId: string): Promise<CodeSource | null> {
  return db.codeSource.findUnique({ where: { instanceId }, omit: { archive: false, gitCredentials: false } });
}

/** Fetches the source; never rejects for the source's own faults (they become `problem`). */
export async function prepareCodeSource(source: CodeSource, settings: CodeSourceSettings, keyring: Keyring): Promise<PreparedCodeSource> {
  const label = codeSourceLabel({ ...source, hasCredentials: source.gitCredentials !== null });
  try {
    return { label, tree: await materialiseCodeSource(source, settings, keyring), problem: null };
  } catch (error) {
    if (error instanceof CodeSourceUnavailableError) return { label, tree: null, problem: error.message };
    throw error;
  }
}

/** What the engine is given: the fetched tree as the addons path, named by the source's label (or why it is missing). */
export function evaluateOptionsFor(prepared: PreparedCodeSource | null): EvaluateOptions {
  if (!prepared) return {};
  if (!prepared.tree) return { addons: { paths: [], label: prepared.label, unavailable: prepared.problem ?? 'The code source could not be fetched.' } };
  return { addons: { paths: [prepared.tree.dir], label: prepared.label } };
}

/** The phrase that makes the scan partial when the source could not be fetched. */
export function codeSourceProblems(prepared: PreparedCodeSource | null): string[] {
  return prepared?.problem ? [`code source not analysed (${prepared.problem.replace(/\.$/, '')})`] : [];
}
