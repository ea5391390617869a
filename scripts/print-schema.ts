/**
 * `npm run schema:print`: writes the GraphQL schema, as the server builds it, to schema.graphql at
 * the repository root. With --check it writes nothing and exits 1 when schema.graphql is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printedSchema } from '../server/src/graphql/schema.ts';

export const SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));

const printed = printedSchema();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(SCHEMA_FILE, 'utf8');
  } catch {
    // missing: stale
  }
  if (current !== printed) {
    console.error('schema.graphql is stale: run "npx tsx scripts/print-schema.ts" and commit the result.');
    process.exit(1);
  }
  console.log('schema.graphql is up to date.');
} else {
  writeFileSync(SCHEMA_FILE, printed);
  console.log(`wrote ${SCHEMA_FILE}`);
}
