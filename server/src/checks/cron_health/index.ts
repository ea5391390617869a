import type { CheckDefinition } from '../types.ts';

/** The cron health dimension's checks, one module each. */
export const cronHealthChecks: readonly CheckDefinition[] = [];
