/** schema.graphql at the repository root is the schema the server serves. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, printSchema } from 'graphql';
import { expect, it } from 'vitest';
import { printedSchema } from '../../server/src/graphql/schema.ts';

const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

it('schema.graphql is up to date (regenerate it with: npx tsx scripts/print-schema.ts)', () => {
  const committed = readFileSync(SCHEMA_FILE, 'utf8');
  expect(committed, 'schema.graphql is stale: run "npx tsx scripts/print-schema.ts"').toBe(printedSchema());
});

it('schema.graphql is valid SDL on its own (for client code generators)', () => {
  const rebuilt = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
  expect(`${printSchema(rebuilt)}\n`).toBe(printedSchema());
});
