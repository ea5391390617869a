import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports" map: Node (and so Pothos and graphql-yoga) loads its CommonJS
    // index.js, while vite would pick index.mjs ("module") for our own imports. Two copies of graphql
    // cannot share a schema ("Cannot use GraphQLNonNull from another module or realm"), so tests load
    // the one Node loads.
    alias: [{ find: /^graphql$/, replacement: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/fast-check-seed.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI machines: keep the pool small so servers started by tests are not starved.
    maxWorkers: 2,
  },
});
