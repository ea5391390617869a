/**
 * The check framework's vocabulary (the Lighthouse "audit" shape).
 *
 * A check is declared once: its metadata (what the catalogue doc is generated from) and a pure
 * `evaluate(facts, context)` that returns finding drafts. The framework (./run.ts) decides
 * "not assessed" (a required fact group was not collected) and "not applicable" (series outside the
 * declared range) before evaluate is ever called, so a check never has to handle missing facts.
 */
import type { FactKey, FactValue } from '../facts/types.ts';
import type { ReferenceData } from '../reference/types.ts';

export const DIMENSIONS = [
  'security',
  'module_health',
  'permissions',
  'custom_code',
  'cron_health',
  'performance',
  'configuration',
  'update_currency',
  'compliance',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_TITLES: Record<Dimension, string> = {
  security: 'Security',
  module_health: 'Module health',
  permissions: 'Permissions',
  custom_code: 'Custom code',
  cron_health: 'Cron health',
  performance: 'Performance',
  configuration: 'Configuration',
  update_currency: 'Update currency',
  compliance: 'Compliance readiness',
};

/** Ordered from most to least severe. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type ObjectKind =
  | 'instance'
  | 'module'
  | 'user'
  | 'group'
  | 'api_key'
  | 'model'
  | 'access_rule'
  | 'record_rule'
  | 'cron'
  | 'parameter'
  | 'mail_server'
  | 'server_action'
  | 'automation'
  | 'view'
  | 'endpoint'
  | 'advisory'
  | 'file';

/** What a finding is about. `key` must be stable across scans of one instance (it feeds the fingerprint). */
export interface FindingObject {
  kind: ObjectKind;
  /** Stable identity: a module or model technical name, a login, a record id, a path, a file path… */
  key: string;
  /** Human label, e.g. the cron's name. */
  label?: string;
  /** For source findings: file path relative to the addons path, 1-based line and column. */
  file?: string;
  line?: number;
  column?: number;
}

/** What `evaluate` returns for each problem it sees. */
export interface FindingDraft {
  object: FindingObject;
  /** One specific sentence: what is wrong with this object. */
  message: string;
  /** Data that shows it (counts, dates, the offending values). JSON-serialisable. */
  evidence?: Record<string, unknown>;
  /** Overrides the check's default severity for this finding (e.g. a worse case). */
  severity?: Severity;
}

/** Metadata every declared check has — live checks and source-code rules alike. */
export interface CheckMeta {
  /** `<dimension-slug>.<kebab-name>`, e.g. `security.database-manager-exposed`. Never renamed once shipped. */
  id: string;
  dimension: Dimension;
  severity: Severity;
  title: string;
  /** Why it matters (one short paragraph). */
  rationale: string;
  /** How to fix it (one short paragraph; the first sentence is used as the one-line fix). */
  remediation: string;
  /** Estimated remediation effort in hours, per finding. */
  effortHours: number;
  references: string[];
}

/** Series a check applies to; bounds inclusive, as "MAJOR.MINOR" strings. Omit for all series. */
export interface SeriesRange {
  min?: string;
  max?: string;
}

export interface CheckContext {
  /** The scan's time (facts.collectedAt): checks never read the clock. */
  now: Date;
  /** The instance's series ("18.0") when the server fact was collected, else null. */
  series: string | null;
  reference: ReferenceData;
}

/** The collected values of the fact groups a check requires. */
export type CheckFacts<K extends FactKey> = { [P in K]: FactValue<P> };

export interface CheckDefinition<K extends FactKey = FactKey> extends CheckMeta {
  series?: SeriesRange;
  /** The fact groups evaluate reads; if any is not collected the check is "not assessed". */
  requires: readonly K[];
  evaluate(facts: CheckFacts<K>, context: CheckContext): FindingDraft[];
}

/** Declares a check with its `requires` keys typed into `evaluate`'s facts. */
export function defineCheck<const K extends FactKey>(check: CheckDefinition<K>): CheckDefinition<K> {
  return check;
}

/** A finding once the framework has attached the check's metadata and the fingerprint. */
export interface Finding {
  checkId: string;
  dimension: Dimension;
  severity: Severity;
  title: string;
  message: string;
  object: FindingObject;
  evidence: Record<string, unknown>;
  /** Stable id of "this check on this object" across scans of one instance. */
  fingerprint: string;
  /** First sentence of the check's remediation. */
  fix: string;
  effortHours: number;
}

export type CheckStatus = 'passed' | 'failed' | 'not_assessed' | 'not_applicable' | 'error';

export interface CheckResult {
  checkId: string;
  dimension: Dimension;
  status: CheckStatus;
  /** For not_assessed / not_applicable / error: why. */
  reason?: string;
  findings: Finding[];
}
