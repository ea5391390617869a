/**
 * Limits per operation, checked before anything runs (plugin-complexity):
 * - depth: nesting of selections (`instances { edges { node { … } } }` is 4 deep);
 * - breadth: the number of fields selected in all;
 * - cost: each field costs 1, and what is selected under a connection counts once per item it may
 *   return (`first`/`last`, or the default page size).
 */
import { GraphQLError } from 'graphql';

export interface OperationLimits {
  depth: number;
  breadth: number;
  complexity: number;
}

export const DEFAULT_LIMITS: OperationLimits = { depth: 12, breadth: 250, complexity: 5000 };

/** Page size of a connection when neither first nor last is given, and the most it returns. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

type LimitKind = 'depth' | 'breadth' | 'complexity';

export interface ComplexityMeasure {
  depth: number;
  breadth: number;
  complexity: number;
  maxDepth?: number;
  maxBreadth?: number;
  maxComplexity?: number;
}

/** The error for an operation over a limit: what was measured, the limit, and what to do. */
export function limitError(kind: LimitKind, measure: ComplexityMeasure): GraphQLError {
  const messages: Record<LimitKind, string> = {
    depth: `This operation nests selections ${measure.depth} levels deep; the limit is ${measure.maxDepth}. Select fewer nested levels, or fetch the inner objects in a second query.`,
    breadth: `This operation selects ${measure.breadth} fields; the limit is ${measure.maxBreadth}. Select fewer fields, or split the operation.`,
    complexity: `This operation's cost is ${measure.complexity}; the limit is ${measure.maxComplexity}. Ask for smaller pages (first/last) or fewer nested connections.`,
  };
  const codes: Record<LimitKind, string> = { depth: 'QUERY_TOO_DEEP', breadth: 'QUERY_TOO_BROAD', complexity: 'QUERY_TOO_COMPLEX' };
  return new GraphQLError(messages[kind], { extensions: { code: codes[kind], http: { status: 400 } } });
}

/** What a connection's items multiply: the requested page size, bounded like the resolver bounds it. */
export function pageSizeOf(args: { first?: number | null; last?: number | null }): number {
  const requested = args.first ?? args.last ?? DEFAULT_PAGE_SIZE;
  return Math.max(1, Math.min(MAX_PAGE_SIZE, requested));
}

function positiveInteger(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Limits from PULSE_MAX_DEPTH / PULSE_MAX_BREADTH / PULSE_MAX_COST, defaults otherwise. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): OperationLimits {
  return {
    depth: positiveInteger(env.PULSE_MAX_DEPTH) ?? DEFAULT_LIMITS.depth,
    breadth: positiveInteger(env.PULSE_MAX_BREADTH) ?? DEFAULT_LIMITS.breadth,
    complexity: positiveInteger(env.PULSE_MAX_COST) ?? DEFAULT_LIMITS.complexity,
  };
}
