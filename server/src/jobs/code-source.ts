/**
 * The instance's code source in a scan job: fetched before the scan (archive extracted, repository
 * cloned), analysed by the engine with the instance's module list (`evaluate.addons`), removed after
 * it in every case. A source that cannot be fetched does not stop the scan: it is scored from the live
 * facts, the report lists the source under its code problems, and the scan ends `partial` saying why.
 */
import { CodeSourceUnavailableError, codeSourceLabel, materialiseCodeSource, type MaterialisedSource } from '../code-sources/materialise.ts';
import type { CodeSourceSettings } from '../code-sources/settings.ts';
import type { CodeSource, Db } from '../db/client.ts';
import type { EvaluateOptions, ScanOutcome } from '../engine/evaluate.ts';
import { buildScanReport } from '../report/build.ts';
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

/** What the engine is given: the fetched tree as the addons path. */
export function evaluateOptionsFor(prepared: PreparedCodeSource | null): EvaluateOptions {
  return prepared?.tree ? { addons: { paths: [prepared.tree.dir] } } : {};
}

/**
 * The outcome as it is stored: the temporary directory replaced by the source's label (it means
 * nothing once removed), and a source that could not be fetched listed among the code problems.
 */
export function withCodeSource(outcome: ScanOutcome, prepared: PreparedCodeSource | null): ScanOutcome {
  if (!prepared) return outcome;
  const code = {
    ...outcome.code,
    addonsPaths: [prepared.label],
    modules: outcome.code.modules.map((module) => ({ ...module, addonsPath: prepared.label })),
    problems: prepared.problem ? [{ file: prepared.label, message: prepared.problem }, ...outcome.code.problems] : outcome.code.problems,
  };
  return { ...outcome, code, report: buildScanReport(outcome.facts, outcome.results, outcome.pulse, code) };
}

/** The phrase that makes the scan partial when the source could not be fetched. */
export function codeSourceProblems(prepared: PreparedCodeSource | null): string[] {
  return prepared?.problem ? [`code source not analysed (${prepared.problem.replace(/\.$/, '')})`] : [];
}
