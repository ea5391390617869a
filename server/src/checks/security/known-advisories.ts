/**
 * Known Odoo security advisories that apply to the running series, edition and build, matched as
 * data/reference/README.md ("Matching an instance against the data") describes:
 * - series not listed, or an Enterprise-only advisory on Community: not affected;
 * - the series had left standard support when the advisory came out: affected (no official fix);
 * - the build is dated on or after the advisory: likely fixed (no finding);
 * - otherwise (older build, or build date unknown): possibly affected.
 * Odoo Online (saas~) builds are patched by Odoo and are not matched.
 */
import type { ServerFacts } from '../../facts/types.ts';
import type { Advisory, ReferenceData } from '../../reference/types.ts';
import { endOfMonth, parseOdooDate } from '../support/dates.ts';
import { REF } from '../support/references.ts';
import { defineCheck, SEVERITIES, type FindingDraft, type Severity } from '../types.ts';

export type AdvisoryStatus = 'not_affected' | 'likely_fixed' | 'affected' | 'possibly_affected';

/** Conditions the build date cannot tell (from the reference data's README). */
const EXTRA_CONDITIONS: Record<string, string> = {
  'CVE-2017-10804': 'only exploitable with psycopg2 older than 2.6.3',
  'CVE-2020-29396': 'only exploitable when Odoo runs on Python 3.6 or later',
};

/** CVSS v3 qualitative rating; falls back to the advisory's own severity word, then medium. */
export function severityFromCvss(cvss: number | null, stated: string | null): Severity {
  if (cvss !== null) {
    if (cvss >= 9) return 'critical';
    if (cvss >= 7) return 'high';
    if (cvss >= 4) return 'medium';
    if (cvss > 0) return 'low';
    return 'info';
  }
  const word = (stated ?? '').toLowerCase();
  return (SEVERITIES as readonly string[]).includes(word) ? (word as Severity) : 'medium';
}

/** When the advisory was announced: Odoo's private advisory date, else the publication date. */
export function announcedOn(advisory: Advisory): string | null {
  return advisory.advisory_date ?? advisory.published ?? null;
}

export function advisoryStatus(advisory: Advisory, server: ServerFacts, reference: ReferenceData): AdvisoryStatus {
  const item = advisory.affected.find((a) => a.series === server.series);
  if (!item) return 'not_affected';
  if (advisory.edition === 'enterprise' && server.edition !== 'enterprise') return 'not_affected';
  const build = parseOdooDate(server.buildDate);
  if (item.last_affected_build_date) {
    const last = parseOdooDate(item.last_affected_build_date);
    if (build === null || last === null) return 'possibly_affected';
    return build > last ? 'not_affected' : 'affected';
  }
  const announced = parseOdooDate(announcedOn(advisory));
  const lifecycle = reference.series.find((s) => s.series === server.series);
  const supportEnd = lifecycle?.end_of_support ? endOfMonth(lifecycle.end_of_support) : null;
  if (announced && supportEnd && announced >= supportEnd) return 'affected';
  if (build && announced && build >= announced) return 'likely_fixed';
  return 'possibly_affected';
}

function describe(advisory: Advisory): string {
  const score = advisory.cvss !== null ? `, CVSS ${advisory.cvss}` : '';
  return `${advisory.id} (${advisory.title}${score})`;
}

function findingFor(advisory: Advisory, status: 'affected' | 'possibly_affected', server: ServerFacts, reference: ReferenceData): FindingDraft {
  const announced = announcedOn(advisory);
  const build = server.buildDate ? `build ${server.buildDate}` : 'a build of unknown date';
  const lifecycle = reference.series.find((s) => s.series === server.series);
  let message: string;
  if (status === 'affected') {
    const lastAffected = advisory.affected.find((a) => a.series === server.series)?.last_affected_build_date;
    message = lastAffected
      ? `Odoo ${server.series} ${build} is affected by ${describe(advisory)}: builds up to ${lastAffected} are vulnerable.`
      : `Odoo ${server.series} had left standard support (${lifecycle?.end_of_support ?? 'unknown'}) when ${describe(advisory)} was announced on ${announced}, so no official fix exists for this series.`;
  } else {
    message = server.buildDate
      ? `Odoo ${server.series} build ${server.buildDate} predates ${describe(advisory)}, announced on ${announced}: it is possibly affected.`
      : `Odoo ${server.series} (build date unknown) is possibly affected by ${describe(advisory)}, announced on ${announced}.`;
  }
  const condition = EXTRA_CONDITIONS[advisory.id];
  if (condition) message += ` It is ${condition}.`;
  return {
    object: { kind: 'advisory', key: advisory.id, label: advisory.title },
    message,
    severity: severityFromCvss(advisory.cvss, advisory.severity),
    evidence: {
      advisory: advisory.id,
      aliases: advisory.aliases,
      status,
      series: server.series,
      edition: server.edition,
      buildDate: server.buildDate,
      announced,
      cvss: advisory.cvss,
      cvssVector: advisory.cvss_vector,
      component: advisory.component,
      summary: advisory.summary,
      fixedIn: advisory.affected.find((a) => a.series === server.series)?.fixed_in ?? null,
      references: advisory.references,
      ...(condition ? { condition } : {}),
    },
  };
}

export const knownAdvisories = defineCheck({
  id: 'security.known-advisories',
  dimension: 'security',
  severity: 'high',
  title: 'Known security advisories apply to this Odoo build',
  rationale:
    'Odoo publishes security advisories (CVEs) for flaws that let attackers read or change data they should not, or run ' +
    'code on the server. A build older than the advisory, or a series that no longer receives fixes, still carries them.',
  remediation:
    'Update Odoo to a nightly build dated after the advisory (or migrate to a supported series when none exists). ' +
    'Apply the fix commits linked from each advisory if an update cannot happen soon, then rescan.',
  effortHours: 4,
  references: [REF.odooSecurityAdvisories, REF.odooSecurityPage, REF.odooUpdate, REF.owaspOutdatedComponents],
  requires: ['server'],
  evaluate: ({ server }, context) => {
    if (server.saas) return [];
    const drafts: FindingDraft[] = [];
    for (const advisory of context.reference.advisories) {
      const status = advisoryStatus(advisory, server, context.reference);
      if (status === 'affected' || status === 'possibly_affected') drafts.push(findingFor(advisory, status, server, context.reference));
    }
    return drafts;
  },
});
