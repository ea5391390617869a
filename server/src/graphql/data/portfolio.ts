/**
 * The portfolio view: how a partner's instances stand on their current scores. The arithmetic is
 * pure (portfolioSummary); currentScans reads the one current scan of each instance.
 */
import type { Db, Dimension } from '../../db/client.ts';
import type { DimensionScore } from '../../score/types.ts';

export interface CurrentScan {
  instanceId: string;
  scanId: string;
  score: number;
  dimensionScores: DimensionScore[];
}

export interface DimensionAverage {
  dimension: Dimension;
  averageScore: number;
  /** Instances whose current scan assessed this dimension. */
  instanceCount: number;
}

export interface PortfolioSummary {
  instanceCount: number;
  scoredInstanceCount: number;
  averageScore: number | null;
  /** Instance ids with a current score under the threshold, lowest score first. */
  belowThreshold: string[];
  /** Assessed dimensions, lowest average first. */
  dimensions: DimensionAverage[];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export function portfolioSummary(instanceIds: readonly string[], current: readonly CurrentScan[], threshold: number): PortfolioSummary {
  const known = new Set(instanceIds);
  const scans = current.filter((scan) => known.has(scan.instanceId));
  const byDimension = new Map<Dimension, number[]>();
  for (const scan of scans) {
    for (const dimension of scan.dimensionScores) {
      if (!dimension.assessed || dimension.score === null) continue;
      const scores = byDimension.get(dimension.dimension) ?? [];
      scores.push(dimension.score);
      byDimension.set(dimension.dimension, scores);
    }
  }
  const dimensions = [...byDimension.entries()]
    .map(([dimension, scores]) => ({
      dimension,
      averageScore: round(scores.reduce((sum, score) => sum + score, 0) / scores.length),
      instanceCount: scores.length,
    }))
    .sort((a, b) => a.averageScore - b.averageScore || a.dimension.localeCompare(b.dimension));
  return {
    instanceCount: instanceIds.length,
    scoredInstanceCount: scans.length,
    averageScore: scans.length ? round(scans.reduce((sum, scan) => sum + scan.score, 0) / scans.length) : null,
    belowThreshold: scans
      .filter((scan) => scan.score < threshold)
      .sort((a, b) => a.score - b.score || a.instanceId.localeCompare(b.instanceId))
      .map((scan) => scan.instanceId),
    dimensions,
  };
}

/**
 * The current (last scored, see ./scans.ts) scan of each of the given instances of the partner: one
 * index probe per instance rather than a sort of all their scans.
 */
export async function currentScans(db: Db, partnerId: string, instanceIds: readonly string[]): Promise<CurrentScan[]> {
  if (instanceIds.length === 0) return [];
  const rows = await db.$queryRaw<{ instance_id: string; id: string; score: number; dimension_scores: unknown }[]>`
    SELECT c.instance_id::text AS instance_id, c.id::text AS id, c.score, c.dimension_scores
    FROM unnest(${[...new Set(instanceIds)]}::uuid[]) AS i(id)
    CROSS JOIN LATERAL (
      SELECT s.instance_id, s.id, s.score, s.dimension_scores FROM scan s
      WHERE s.instance_id = i.id AND s.partner_id = ${partnerId}::uuid
        AND s.status IN ('succeeded', 'partial') AND s.score IS NOT NULL
      ORDER BY s.queued_at DESC, s.id DESC LIMIT 1
    ) c`;
  return rows.map((row) => ({
    instanceId: row.instance_id,
    scanId: row.id,
    score: row.score,
    dimensionScores: Array.isArray(row.dimension_scores) ? (row.dimension_scores as DimensionScore[]) : [],
  }));
}
