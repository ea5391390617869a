/**
 * Reference data shipped with the project (data/reference/): Odoo security advisories and series
 * lifecycle facts, compiled from public sources. See data/reference/README.md for sources and refresh.
 */

export interface AdvisoryAffected {
  series: string;
  fixed_build_date: string | null;
  fixed_in: string | null;
  last_affected_build_date?: string | null;
  third_party_fixed_version?: string | null;
}

export interface Advisory {
  id: string;
  aliases: string[];
  title: string;
  summary: string;
  published: string | null;
  severity: string | null;
  cvss: number | null;
  cvss_vector: string | null;
  component: string | null;
  affected: AdvisoryAffected[];
  edition: 'both' | 'enterprise';
  references: string[];
  advisory_date?: string | null;
  published_basis?: string | null;
  cwe?: string | string[] | null;
  notes?: string | null;
}

export interface SeriesLifecycle {
  series: string;
  release_date: string | null;
  end_of_support: string | null;
  end_of_support_status: string | null;
  python_min: string | null;
  python_max: string | null;
  postgresql_min: string | null;
  postgresql_recommended: string | null;
  notes?: string;
  sources?: string[];
}

export interface ReferenceData {
  /** Date the data was compiled (YYYY-MM-DD). */
  compiled: string;
  advisories: Advisory[];
  series: SeriesLifecycle[];
}
