/**
 * SARIF 2.1.0 rendering of findings, shared by the live scan and the source-code analyser: give it
 * the declared rules (check metadata) and the findings, get a SARIF log that code-scanning tools read.
 *
 * Live findings are about objects inside an Odoo database (a cron, a user, a model…), which SARIF
 * models as logical locations; source findings carry a file, line and column (physical locations);
 * findings in code stored in the database (`db://…`) name the record and line logically.
 */
import type { CheckMeta, Finding, FindingObject, Severity } from '../checks/types.ts';
import { STORED_CODE_SCHEME } from './source-paths.ts';
import { pascalCase } from './text-util.ts';
import { TOOL } from './tool.ts';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
/** Key of the fingerprint in results[].partialFingerprints; versioned so a future change is visible. */
export const FINGERPRINT_KEY = 'odooPulseFingerprint/v1';
/** uriBaseId that file locations are relative to (the analysed source tree). */
export const SOURCE_ROOT_ID = '%SRCROOT%';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export function sarifLevel(severity: Severity): SarifLevel {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    case 'low':
    case 'info':
      return 'note';
  }
}

/** What the builder needs of a finding; scored findings also carry the points they cost. */
export type SarifFinding = Pick<Finding, 'checkId' | 'dimension' | 'severity' | 'message' | 'object' | 'fingerprint'> &
  Partial<Pick<Finding, 'title' | 'fix' | 'effortHours' | 'evidence'>> & { points?: number; dimensionPoints?: number };

export interface SarifInput {
  /** Defaults to odoo-pulse itself. */
  tool?: { name: string; version: string; informationUri?: string };
  /** The rules that ran (their order gives ruleIndex). Findings of an undeclared rule get a minimal rule. */
  rules: readonly CheckMeta[];
  findings: readonly SarifFinding[];
  /** Things the run could not do (not collected facts, failing checks), as tool notifications. */
  notifications?: ReadonlyArray<{ level: SarifLevel; message: string }>;
  /** Absolute path or URI of the source tree file locations are relative to. */
  sourceRoot?: string;
  /** Extra run-level properties (e.g. the Pulse Score). */
  properties?: Record<string, unknown>;
}

export interface SarifMessage { text: string; markdown?: string }

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { dimension: string; severity: Severity; effort: number; tags: string[] };
}

export interface SarifLogicalLocation { name: string; fullyQualifiedName: string; kind: string }

export interface SarifLocation {
  physicalLocation?: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: { startLine: number; startColumn?: number };
  };
  logicalLocations?: SarifLogicalLocation[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: typeof SARIF_VERSION;
  runs: Array<{
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri?: string; rules: SarifRule[] } };
    invocations: Array<{
      executionSuccessful: boolean;
      toolExecutionNotifications: Array<{ level: SarifLevel; message: SarifMessage }>;
    }>;
    originalUriBaseIds?: Record<string, { uri: string }>;
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
    properties?: Record<string, unknown>;
  }>;
}

export function sarifRule(meta: CheckMeta): SarifRule {
  const references = meta.references.length > 0 ? `\n\nReferences:\n${meta.references.map((r) => `- ${r}`).join('\n')}` : '';
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.rationale },
    help: {
      text: `${meta.remediation}\n\nEstimated effort: ${meta.effortHours} h per finding.${references}`,
      markdown:
        `**Why it matters.** ${meta.rationale}\n\n**How to fix it.** ${meta.remediation}\n\n` +
        `Estimated effort: ${meta.effortHours} h per finding.` +
        (meta.references.length > 0 ? `\n\n${meta.references.map((r) => `- <${r}>`).join('\n')}` : ''),
    },
    ...(meta.references[0] ? { helpUri: meta.references[0] } : {}),
    defaultConfiguration: { level: sarifLevel(meta.severity) },
    properties: { dimension: meta.dimension, severity: meta.severity, effort: meta.effortHours, tags: ['odoo', meta.dimension] },
  };
}

/** A rule for a finding whose check was not among the declared rules, so the log stays valid. */
function ruleFromFinding(finding: SarifFinding): CheckMeta {
  return {
    id: finding.checkId,
    dimension: finding.dimension,
    severity: finding.severity,
    title: finding.title ?? finding.checkId,
    rationale: finding.title ?? finding.checkId,
    remediation: finding.fix ?? 'See the finding message.',
    effortHours: finding.effortHours ?? 0,
    references: [],
  };
}

const LOGICAL_KIND: Partial<Record<FindingObject['kind'], string>> = { module: 'module', model: 'type' };

/** Percent-encodes each path segment of a relative file path, keeping the slashes. */
function fileUri(path: string): string {
  return path.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

export function sarifLocation(object: FindingObject): SarifLocation {
  const logical: SarifLogicalLocation = {
    name: object.key,
    fullyQualifiedName: `${object.kind}:${object.key}`,
    kind: LOGICAL_KIND[object.kind] ?? 'resource',
  };
  if (object.file === undefined) return { logicalLocations: [logical] };
  if (object.file.startsWith(STORED_CODE_SCHEME)) {
    // Code stored in the database is in no file of the checkout: a logical location naming the record and line.
    const where = object.line !== undefined ? `:${object.line}${object.column !== undefined ? `:${object.column}` : ''}` : '';
    return { logicalLocations: [{ name: object.label ?? object.key, fullyQualifiedName: `${object.file}${where}`, kind: 'resource' }] };
  }
  const region =
    object.line !== undefined && object.line >= 1
      ? { startLine: object.line, ...(object.column !== undefined && object.column >= 1 ? { startColumn: object.column } : {}) }
      : undefined;
  return {
    physicalLocation: {
      artifactLocation: { uri: fileUri(object.file), uriBaseId: SOURCE_ROOT_ID },
      ...(region ? { region } : {}),
    },
    ...(object.kind !== 'file' ? { logicalLocations: [logical] } : {}),
  };
}

function sourceRootUri(root: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(root)) return root.endsWith('/') ? root : `${root}/`;
  const path = root.replace(/\\/g, '/');
  const absolute = path.startsWith('/') ? path : `/${path}`;
  return `file://${fileUri(absolute)}${absolute.endsWith('/') ? '' : '/'}`;
}

export function buildSarif(input: SarifInput): SarifLog {
  const tool = input.tool ?? TOOL;
  const metas = [...input.rules];
  const index = new Map(metas.map((meta, i) => [meta.id, i]));
  for (const finding of input.findings) {
    if (!index.has(finding.checkId)) {
      index.set(finding.checkId, metas.length);
      metas.push(ruleFromFinding(finding));
    }
  }
  const results: SarifResult[] = input.findings.map((finding) => ({
    ruleId: finding.checkId,
    ruleIndex: index.get(finding.checkId)!,
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [sarifLocation(finding.object)],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      severity: finding.severity,
      dimension: finding.dimension,
      objectKind: finding.object.kind,
      objectKey: finding.object.key,
      ...(finding.object.label !== undefined ? { objectLabel: finding.object.label } : {}),
      ...(finding.points !== undefined ? { points: finding.points } : {}),
      ...(finding.dimensionPoints !== undefined ? { dimensionPoints: finding.dimensionPoints } : {}),
      ...(finding.effortHours !== undefined ? { effort: finding.effortHours } : {}),
      ...(finding.evidence && Object.keys(finding.evidence).length > 0 ? { evidence: finding.evidence } : {}),
    },
  }));
  const hasFiles = input.findings.some((finding) => finding.object.file !== undefined);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules: metas.map(sarifRule),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: (input.notifications ?? []).map((n) => ({ level: n.level, message: { text: n.message } })),
          },
        ],
        ...(hasFiles && input.sourceRoot ? { originalUriBaseIds: { [SOURCE_ROOT_ID]: { uri: sourceRootUri(input.sourceRoot) } } } : {}),
        columnKind: 'utf16CodeUnits',
        results,
        ...(input.properties ? { properties: input.properties } : {}),
      },
    ],
  };
}
