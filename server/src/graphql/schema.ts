/**
 * The GraphQL schema: imports every type file (each registers its types, queries, mutations and
 * subscriptions on the builder) and builds the schema once.
 */
import { printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './types/scalars.ts';
import './types/enums.ts';
import './types/errors.ts';
import './types/partner.ts';
import './types/api-key.ts';
import './types/viewer.ts';
import './types/client.ts';
import './types/scan.ts';
import './types/instance.ts';
import './types/code-source.ts';
import './types/scan-code.ts';
import './types/finding.ts';
import './types/score-history.ts';
import './types/portfolio.ts';
import './types/subscriptions.ts';

export const schema: GraphQLSchema = builder.toSchema();

/** The schema as SDL: what schema.graphql at the repository root holds. */
export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}
